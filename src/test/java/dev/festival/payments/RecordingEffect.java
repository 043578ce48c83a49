package dev.festival.payments;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only effect for purpose OTHER: counts its invocations and writes a row on the webhook's
 * transaction (so a rollback removes the row but not the count). Payments listed in
 * {@link #FAIL} make it fail, standing in for a wallet credit that breaks.
 */
@ApplicationScoped
public class RecordingEffect implements PaymentEffect {
    public static final Map<UUID, AtomicInteger> SUCCEEDED = new ConcurrentHashMap<>();
    public static final Map<UUID, AtomicInteger> FAILED = new ConcurrentHashMap<>();
    public static final Map<UUID, Long> REFUNDED_CENTS = new ConcurrentHashMap<>();
    public static final Set<UUID> FAIL = ConcurrentHashMap.newKeySet();

    public static final String TABLE = """
            CREATE TABLE IF NOT EXISTS payment_effect_probe (
                payment_id uuid NOT NULL, kind text NOT NULL, amount_cents bigint NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now())""";

    @Inject
    Pool pool;

    /** The probe table lives only in tests; made after Flyway has (re)built the schema. */
    void createProbeTable(@Observes StartupEvent start) {
        pool.query(TABLE).execute().await().atMost(Duration.ofSeconds(10));
    }

    @Override
    public String purpose() {
        return "OTHER";
    }

    @Override
    public Uni<Void> onSucceeded(SqlConnection tx, ConfirmedPayment payment) {
        SUCCEEDED.computeIfAbsent(payment.paymentId(), k -> new AtomicInteger()).incrementAndGet();
        return tx.preparedQuery("INSERT INTO payment_effect_probe (payment_id, kind, amount_cents) VALUES ($1, 'succeeded', $2)")
                .execute(Tuple.of(payment.paymentId(), payment.amountCents()))
                .map(rows -> {
                    if (FAIL.contains(payment.paymentId())) {
                        throw new IllegalStateException("effect failed on purpose");
                    }
                    return rows;
                })
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> onFailed(SqlConnection tx, ConfirmedPayment payment) {
        FAILED.computeIfAbsent(payment.paymentId(), k -> new AtomicInteger()).incrementAndGet();
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> onRefunded(SqlConnection tx, ConfirmedPayment payment, long amountCents) {
        REFUNDED_CENTS.merge(payment.paymentId(), amountCents, Long::sum);
        return tx.preparedQuery("INSERT INTO payment_effect_probe (payment_id, kind, amount_cents) VALUES ($1, 'refunded', $2)")
                .execute(Tuple.of(payment.paymentId(), amountCents)).replaceWithVoid();
    }
}
