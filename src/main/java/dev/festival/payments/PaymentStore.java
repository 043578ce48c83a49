package dev.festival.payments;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The SQL of payments, refunds and webhook events, on the reactive PG client. State changes are
 * conditional UPDATEs (the WHERE clause states the rule), so concurrent requests and webhooks never
 * read-check-write in Java.
 */
@ApplicationScoped
public class PaymentStore {
    /** A new payment row; {@code idempotencyKey} null means no de-duplication. */
    public record NewPayment(UUID id, UUID userId, UUID festivalId, PaymentPurpose purpose, long amountCents,
                             String currency, String provider, String description, Map<String, String> metadata,
                             String idempotencyKey, String requestHash) {
    }

    @Inject
    Pool pool;

    public Pool pool() {
        return pool;
    }

    static Tuple args(Object... values) {
        Tuple t = Tuple.tuple();
        for (Object v : values) {
            t.addValue(v);
        }
        return t;
    }

    private static <T> T first(RowSet<Row> rows, Function<Row, T> map) {
        var it = rows.iterator();
        return it.hasNext() ? map.apply(it.next()) : null;
    }

    private static <T> List<T> all(RowSet<Row> rows, Function<Row, T> map) {
        List<T> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(map.apply(r));
        }
        return out;
    }

    /** Inserts the payment; null when the user already has a payment with this idempotency key. */
    public Uni<PaymentRecord> insert(NewPayment p) {
        return pool.preparedQuery("""
                        INSERT INTO payments (id, user_id, festival_id, purpose, amount_cents, currency, provider,
                                              description, metadata, idempotency_key, request_hash)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                        ON CONFLICT (user_id, idempotency_key) DO NOTHING
                        RETURNING *""")
                .execute(args(p.id(), p.userId(), p.festivalId(), p.purpose().name(), p.amountCents(),
                        p.currency(), p.provider(), p.description(), new JsonObject(Map.copyOf(p.metadata())),
                        p.idempotencyKey(), p.requestHash()))
                .map(rows -> first(rows, PaymentRecord::from));
    }

    public Uni<PaymentRecord> findByIdempotencyKey(UUID userId, String key) {
        return pool.preparedQuery("SELECT * FROM payments WHERE user_id = $1 AND idempotency_key = $2")
                .execute(args(userId, key)).map(rows -> first(rows, PaymentRecord::from));
    }

    public Uni<PaymentRecord> findById(UUID id) {
        return pool.preparedQuery("SELECT * FROM payments WHERE id = $1")
                .execute(args(id)).map(rows -> first(rows, PaymentRecord::from));
    }

    public Uni<PaymentRecord> findByCheckoutSession(String sessionId) {
        return pool.preparedQuery("SELECT * FROM payments WHERE checkout_session_id = $1")
                .execute(args(sessionId)).map(rows -> first(rows, PaymentRecord::from));
    }

    /**
     * Stores what Stripe answered to the creation. A payment marked FAILED by an earlier
     * unreachable-Stripe attempt is PENDING again; a status a webhook already moved is kept.
     */
    public Uni<PaymentRecord> attachIntent(UUID id, String paymentIntentId, String clientSecret) {
        return pool.preparedQuery("""
                        UPDATE payments
                           SET status = CASE WHEN status = 'FAILED' AND provider_payment_id IS NULL
                                             THEN 'PENDING' ELSE status END,
                               failure_reason = CASE WHEN status = 'FAILED' AND provider_payment_id IS NULL
                                                     THEN NULL ELSE failure_reason END,
                               provider_payment_id = $2, client_secret = $3, updated_at = now()
                         WHERE id = $1
                        RETURNING *""")
                .execute(args(id, paymentIntentId, clientSecret)).map(rows -> first(rows, PaymentRecord::from));
    }

    public Uni<PaymentRecord> attachCheckout(UUID id, String sessionId, String paymentIntentId) {
        return pool.preparedQuery("""
                        UPDATE payments
                           SET status = CASE WHEN status = 'FAILED' AND checkout_session_id IS NULL
                                             THEN 'PENDING' ELSE status END,
                               failure_reason = CASE WHEN status = 'FAILED' AND checkout_session_id IS NULL
                                                     THEN NULL ELSE failure_reason END,
                               checkout_session_id = $2,
                               provider_payment_id = COALESCE(provider_payment_id, $3), updated_at = now()
                         WHERE id = $1
                        RETURNING *""")
                .execute(args(id, sessionId, paymentIntentId)).map(rows -> first(rows, PaymentRecord::from));
    }

    /** Stripe refused or could not be reached while creating: the payment never went out. */
    public Uni<Void> markCreationFailed(UUID id, String reason) {
        return pool.preparedQuery("""
                        UPDATE payments SET status = 'FAILED', failure_reason = $2, updated_at = now()
                         WHERE id = $1 AND status = 'PENDING'
                           AND provider_payment_id IS NULL AND checkout_session_id IS NULL""")
                .execute(args(id, reason)).replaceWithVoid();
    }

    /** PENDING (or PROCESSING) → CANCELLED; null when the payment has moved on meanwhile. */
    public Uni<PaymentRecord> cancelOpen(UUID id, String reason) {
        return pool.preparedQuery("""
                        UPDATE payments SET status = 'CANCELLED', failure_reason = COALESCE($2, failure_reason),
                               updated_at = now()
                         WHERE id = $1 AND status IN ('PENDING','PROCESSING')
                        RETURNING *""")
                .execute(args(id, reason)).map(rows -> first(rows, PaymentRecord::from));
    }

    public Uni<List<PaymentRecord>> listByUser(UUID userId, int limit, long offset) {
        return pool.preparedQuery("""
                        SELECT * FROM payments WHERE user_id = $1
                         ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3""")
                .execute(args(userId, limit, offset)).map(rows -> all(rows, PaymentRecord::from));
    }

    public record Slice(List<PaymentRecord> rows, long total) {
    }

    /** {@code status} null = all; newest first. */
    public Uni<Slice> listByFestival(UUID festivalId, String status, int limit, long offset, boolean ascending) {
        String order = ascending ? "ASC" : "DESC";
        return pool.preparedQuery("""
                        SELECT *, count(*) OVER () AS total FROM payments
                         WHERE festival_id = $1 AND ($2::text IS NULL OR status = $2)
                         ORDER BY created_at %s, id %s LIMIT $3 OFFSET $4""".formatted(order, order))
                .execute(args(festivalId, status, limit, offset))
                .flatMap(rows -> {
                    if (rows.size() > 0 || offset == 0) {
                        long total = rows.size() == 0 ? 0 : rows.iterator().next().getLong("total");
                        return Uni.createFrom().item(new Slice(all(rows, PaymentRecord::from), total));
                    }
                    // Past the last page: the window count is unavailable, ask for it.
                    return pool.preparedQuery("""
                                    SELECT count(*) AS total FROM payments
                                     WHERE festival_id = $1 AND ($2::text IS NULL OR status = $2)""")
                            .execute(args(festivalId, status))
                            .map(c -> new Slice(List.of(), c.iterator().next().getLong("total")));
                });
    }

    // ---------------------------------------------------------------- webhooks (inside a transaction)

    /**
     * Records the event id, naming the payment it concerns; null when the event was already
     * recorded (a duplicate or a retry of an applied event). A concurrent duplicate waits on the
     * unique key until the first delivery commits or rolls back.
     */
    public Uni<Boolean> recordEvent(SqlClient tx, String eventId, String type, UUID paymentId) {
        return tx.preparedQuery("""
                        INSERT INTO webhook_events (event_id, type, payment_id) VALUES ($1, $2, $3)
                        ON CONFLICT (event_id) DO NOTHING RETURNING event_id""")
                .execute(args(eventId, type, paymentId)).map(rows -> rows.size() == 1);
    }

    /** Locks the payment an event names: by PaymentIntent id, by our metadata paymentId, or by session. */
    public Uni<PaymentRecord> lockForEvent(SqlClient tx, UUID paymentId, String paymentIntentId, String sessionId) {
        return tx.preparedQuery("""
                        SELECT * FROM payments
                         WHERE provider_payment_id = $2 OR id = $1 OR checkout_session_id = $3
                         ORDER BY (provider_payment_id = $2) IS TRUE DESC
                         LIMIT 1 FOR UPDATE""")
                .execute(args(paymentId, paymentIntentId, sessionId)).map(rows -> first(rows, PaymentRecord::from));
    }

    /**
     * Moves the (locked) payment to {@code target} only from one of {@code from}; with
     * {@code ordered}, only if no newer provider event was applied. Null when nothing changed.
     */
    public Uni<PaymentRecord> transition(SqlClient tx, UUID id, PaymentStatus target, List<PaymentStatus> from,
                                         boolean ordered, OffsetDateTime eventAt, String paymentIntentId,
                                         String failureReason) {
        String[] fromNames = from.stream().map(Enum::name).toArray(String[]::new);
        return tx.preparedQuery("""
                        UPDATE payments
                           SET status = $2,
                               provider_payment_id = COALESCE(provider_payment_id, $3),
                               paid_at = CASE WHEN $2 = 'COMPLETED' THEN COALESCE(paid_at, now()) ELSE paid_at END,
                               failure_reason = CASE WHEN $2 = 'COMPLETED' THEN NULL
                                                     ELSE COALESCE($4, failure_reason) END,
                               provider_event_at = GREATEST(provider_event_at, $5),
                               updated_at = now()
                         WHERE id = $1 AND status = ANY($6::text[])
                           AND (NOT $7 OR provider_event_at IS NULL OR provider_event_at <= $5)
                        RETURNING *""")
                .execute(args(id, target.name(), paymentIntentId, failureReason, eventAt, fromNames, ordered))
                .map(rows -> first(rows, PaymentRecord::from));
    }

    // ---------------------------------------------------------------- refunds

    public Uni<RefundRecord> findRefund(UUID refundId) {
        return pool.preparedQuery("SELECT * FROM refunds WHERE id = $1")
                .execute(args(refundId)).map(rows -> first(rows, RefundRecord::from));
    }

    public Uni<RefundRecord> findRefundByKey(UUID paymentId, String key) {
        return pool.preparedQuery("SELECT * FROM refunds WHERE payment_id = $1 AND idempotency_key = $2")
                .execute(args(paymentId, key)).map(rows -> first(rows, RefundRecord::from));
    }

    public Uni<List<RefundRecord>> refundsOf(UUID paymentId) {
        return pool.preparedQuery("SELECT * FROM refunds WHERE payment_id = $1 ORDER BY created_at, id")
                .execute(args(paymentId)).map(rows -> all(rows, RefundRecord::from));
    }

    /**
     * Reserves {@code amountCents} of the payment and records a PENDING refund, in one statement:
     * the reservation succeeds only while the total refunded stays within what was paid. Null when
     * it does not (fully refunded, not refundable, or too much).
     */
    public Uni<RefundRecord> reserveRefund(UUID refundId, UUID paymentId, long amountCents, String reason,
                                           String explanation, String idempotencyKey, UUID requestedBy) {
        return pool.preparedQuery("""
                        WITH p AS (
                            UPDATE payments SET refunded_cents = refunded_cents + $3, updated_at = now()
                             WHERE id = $2 AND status IN ('COMPLETED','PARTIALLY_REFUNDED')
                               AND refunded_cents + $3 <= amount_cents
                            RETURNING id)
                        INSERT INTO refunds (id, payment_id, amount_cents, reason, explanation, status,
                                             idempotency_key, requested_by)
                        SELECT $1, p.id, $3, $4, $5, 'PENDING', $6, $7 FROM p
                        RETURNING *""")
                .execute(args(refundId, paymentId, amountCents, reason, explanation, idempotencyKey, requestedBy))
                .map(rows -> first(rows, RefundRecord::from));
    }

    /** Stripe refused the refund: the refund FAILS and its reservation is released, once. */
    public Uni<Void> releaseRefund(UUID refundId, String status, String failureReason) {
        return releaseRefund(pool, refundId, status, failureReason);
    }

    public Uni<Void> releaseRefund(SqlClient client, UUID refundId, String status, String failureReason) {
        return client.preparedQuery("""
                        WITH r AS (
                            UPDATE refunds SET status = $2, failure_reason = $3, updated_at = now()
                             WHERE id = $1 AND status IN ('PENDING','SUCCEEDED')
                            RETURNING payment_id, amount_cents)
                        UPDATE payments p
                           SET refunded_cents = p.refunded_cents - r.amount_cents,
                               status = CASE WHEN p.status IN ('REFUNDED','PARTIALLY_REFUNDED')
                                             THEN CASE WHEN p.refunded_cents - r.amount_cents = 0 THEN 'COMPLETED'
                                                       ELSE 'PARTIALLY_REFUNDED' END
                                             ELSE p.status END,
                               updated_at = now()
                          FROM r WHERE p.id = r.payment_id""")
                .execute(args(refundId, status, failureReason)).replaceWithVoid();
    }

    public Uni<Void> setProviderRefundId(UUID refundId, String providerRefundId) {
        return pool.preparedQuery("""
                        UPDATE refunds SET provider_refund_id = COALESCE(provider_refund_id, $2), updated_at = now()
                         WHERE id = $1""")
                .execute(args(refundId, providerRefundId)).replaceWithVoid();
    }

    /**
     * PENDING → SUCCEEDED for the refund, and the payment becomes (PARTIALLY_)REFUNDED; null when the
     * refund was not PENDING (already applied by the API or by a webhook).
     */
    public Uni<PaymentRecord> succeedRefund(SqlClient tx, UUID refundId, String providerRefundId) {
        return tx.preparedQuery("""
                        WITH r AS (
                            UPDATE refunds SET status = 'SUCCEEDED', updated_at = now(),
                                   provider_refund_id = COALESCE(provider_refund_id, $2)
                             WHERE id = $1 AND status = 'PENDING'
                            RETURNING payment_id)
                        UPDATE payments p
                           SET status = CASE WHEN p.refunded_cents >= p.amount_cents THEN 'REFUNDED'
                                             ELSE 'PARTIALLY_REFUNDED' END,
                               refunded_at = now(), updated_at = now()
                          FROM r WHERE p.id = r.payment_id
                        RETURNING p.*""")
                .execute(args(refundId, providerRefundId)).map(rows -> first(rows, PaymentRecord::from));
    }

    public Uni<RefundRecord> findRefundForEvent(SqlClient tx, UUID refundId, String providerRefundId) {
        return tx.preparedQuery("""
                        SELECT * FROM refunds WHERE provider_refund_id = $2 OR id = $1
                         ORDER BY (provider_refund_id = $2) IS TRUE DESC LIMIT 1 FOR UPDATE""")
                .execute(args(refundId, providerRefundId)).map(rows -> first(rows, RefundRecord::from));
    }

    /**
     * A refund made outside the platform (Stripe dashboard) reported by charge.refunded: raises the
     * refunded total to Stripe's and records a SUCCEEDED refund row for the difference. Null when
     * Stripe's total is not above ours (our own refunds are reserved before Stripe is called).
     */
    public record ExternalRefund(PaymentRecord payment, long deltaCents) {
    }

    public Uni<ExternalRefund> applyExternalRefund(SqlClient tx, UUID paymentId, long stripeRefundedCents,
                                                  String providerRefundId) {
        return tx.preparedQuery("""
                        WITH p AS (
                            SELECT id, refunded_cents AS before FROM payments
                             WHERE id = $1 AND status IN ('COMPLETED','PARTIALLY_REFUNDED')
                               AND refunded_cents < $2 AND $2 <= amount_cents),
                        r AS (
                            INSERT INTO refunds (id, payment_id, amount_cents, reason, explanation, status,
                                                 provider_refund_id)
                            SELECT gen_random_uuid(), p.id, $2 - p.before, 'other',
                                   'Refunded outside the platform (reported by Stripe)', 'SUCCEEDED', $3 FROM p
                            RETURNING payment_id)
                        UPDATE payments x
                           SET refunded_cents = $2,
                               status = CASE WHEN $2 >= x.amount_cents THEN 'REFUNDED' ELSE 'PARTIALLY_REFUNDED' END,
                               refunded_at = now(), updated_at = now()
                          FROM p WHERE x.id = p.id
                        RETURNING x.*, p.before""")
                .execute(args(paymentId, stripeRefundedCents, providerRefundId))
                .map(rows -> first(rows, r -> new ExternalRefund(PaymentRecord.from(r),
                        stripeRefundedCents - r.getLong("before"))));
    }
}
