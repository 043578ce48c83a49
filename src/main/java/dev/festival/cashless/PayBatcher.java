package dev.festival.cashless;

import dev.festival.cashless.WalletLedger.MoveOutcome;
import dev.festival.cashless.WalletLedger.WalletRef;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Group commit for charges. At most {@code festival.cashless.batch.max-in-flight} batch statements run at
 * once for the whole application; charges arriving meanwhile wait and leave together in ONE call of
 * {@code cashless_pay_batch} (one statement, one commit), which applies to each of them the same
 * conditions as {@link WalletLedger#pay}. Under light load a charge leaves at once, alone; under heavy load
 * PostgreSQL commits many charges at a time, and fewer, larger batches cost it less per charge.
 *
 * <p>Each charge is answered on its own request's Vert.x context. If a batch fails as a whole (a duplicate
 * idempotency key raced by another transaction), nothing of it was committed and its charges are replayed
 * one by one through the single-statement path, which knows how to answer those cases.
 */
@ApplicationScoped
public class PayBatcher {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(PayBatcher.class);
    private static final String BATCH = "SELECT * FROM cashless_pay_batch($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";

    /** One charge waiting for its batch. */
    record Charge(UUID txId, long amountCents, UUID festivalId, UUID callerId, boolean admin, WalletRef ref,
                  Object refValue, UUID vendorId, String description, String idempotencyKey, String requestHash) {
    }

    private static final class Waiting {
        final Charge charge;
        final UniEmitter<? super MoveOutcome> emitter;
        /** The request's own (duplicated) context: its answer is delivered there (request scope, log MDC). */
        final Context context;

        Waiting(Charge charge, UniEmitter<? super MoveOutcome> emitter, Context context) {
            this.charge = charge;
            this.emitter = emitter;
            this.context = context;
        }

        void complete(MoveOutcome outcome) {
            onOwnContext(() -> emitter.complete(outcome));
        }

        void fail(Throwable failure) {
            onOwnContext(() -> emitter.fail(failure));
        }

        private void onOwnContext(Runnable action) {
            if (context == null || context == io.vertx.core.Vertx.currentContext()) {
                action.run();
            } else {
                context.runOnContext(v -> action.run());
            }
        }
    }

    /** The charges waiting for a statement slot; shared by every event-loop thread. */
    private final class Lane {
        private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
        private int inFlight;

        void add(Waiting waiting) {
            synchronized (this) {
                queue.add(waiting);
            }
            pump();
        }

        /** The next batch when a statement slot is free, else null. */
        private synchronized List<Waiting> take() {
            if (inFlight >= config.batch().maxInFlight() || queue.isEmpty()) {
                return null;
            }
            int n = Math.min(queue.size(), config.batch().maxSize());
            List<Waiting> batch = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                batch.add(queue.poll());
            }
            inFlight++;
            return batch;
        }

        private synchronized void done() {
            inFlight--;
        }

        void pump() {
            List<Waiting> batch;
            while ((batch = take()) != null) {
                List<Waiting> charges = batch;
                if (charges.size() > 1) {
                    LOG.debugf("cashless batch of %d charges", charges.size());
                }
                execute(charges).subscribe().with(rows -> {
                    done();
                    deliver(charges, rows);
                    pump();
                }, failure -> {
                    done();
                    LOG.debugf("cashless batch of %d charges failed (%s): replaying them one by one", charges.size(),
                            failure.toString());
                    for (Waiting w : charges) {
                        ledger.paySingle(w.charge).subscribe().with(w::complete, w::fail);
                    }
                    pump();
                });
            }
        }
    }

    private final Lane lane = new Lane();

    @Inject
    Pool pool;

    @Inject
    CashlessConfig config;

    /** The single-statement path, for charges that cannot be batched or whose batch failed. */
    @Inject
    WalletLedger ledger;

    boolean enabled() {
        return config.batch().enabled() && Context.isOnEventLoopThread();
    }

    Uni<MoveOutcome> submit(Charge charge) {
        // the lane is the subscribing thread's: only an event-loop thread gets its callbacks back on itself
        return Uni.createFrom().deferred(() -> !Context.isOnEventLoopThread() ? ledger.paySingle(charge)
                : Uni.createFrom().<MoveOutcome>emitter(emitter ->
                        lane.add(new Waiting(charge, emitter, io.vertx.core.Vertx.currentContext()))));
    }

    private Uni<RowSet<Row>> execute(List<Waiting> batch) {
        int n = batch.size();
        UUID[] tx = new UUID[n];
        Long[] amount = new Long[n];
        UUID[] festival = new UUID[n];
        UUID[] caller = new UUID[n];
        Boolean[] admin = new Boolean[n];
        String[] kind = new String[n];
        String[] ref = new String[n];
        UUID[] vendor = new UUID[n];
        String[] desc = new String[n];
        String[] key = new String[n];
        String[] hash = new String[n];
        for (int i = 0; i < n; i++) {
            Charge c = batch.get(i).charge;
            tx[i] = c.txId();
            amount[i] = c.amountCents();
            festival[i] = c.festivalId();
            caller[i] = c.callerId();
            admin[i] = c.admin();
            kind[i] = c.ref().name();
            ref[i] = c.refValue().toString();
            vendor[i] = c.vendorId();
            desc[i] = c.description();
            key[i] = c.idempotencyKey();
            hash[i] = c.requestHash();
        }
        return pool.preparedQuery(BATCH).execute(Tuple.from(new Object[] {tx, amount, festival, caller, admin, kind,
                ref, vendor, desc, key, hash}));
    }

    private static void deliver(List<Waiting> batch, RowSet<Row> rows) {
        MoveOutcome[] outcomes = new MoveOutcome[batch.size()];
        for (Row row : rows) {
            outcomes[row.getInteger("idx") - 1] = WalletLedger.moveOutcome(row, false);
        }
        for (int i = 0; i < outcomes.length; i++) {
            Waiting w = batch.get(i);
            if (outcomes[i] == null) {
                w.fail(new IllegalStateException("charge missing from its batch"));
            } else {
                w.complete(outcomes[i]);
            }
        }
    }
}
