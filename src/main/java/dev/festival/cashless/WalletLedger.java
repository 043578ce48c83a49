package dev.festival.cashless;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * The hot-path SQL of the wallet, on the reactive PG client: every balance change is ONE statement
 * (one round trip) in which a conditional UPDATE of the balance and the INSERT of its ledger row are
 * chained in a CTE, so a debit can never overdraw and never exist without its ledger row. The same
 * statement also reads why nothing moved (no festival, no access, no wallet, inactive, blocked,
 * insufficient, over a limit) and any earlier result under the same idempotency key, so the service
 * never reads-checks-writes in Java.
 *
 * <p>Access to the festival is decided inside the statement with the same rule as
 * {@code FestivalAccess.requireOrgOrMember(festivalId, CASHIER)} (admin, owner, ORGANIZER or CASHIER
 * member): a separate access query would double the round trips of a charge.
 *
 * <p>Concurrency: PostgreSQL re-evaluates the UPDATE's WHERE on the latest row version after waiting
 * for a concurrent writer (READ COMMITTED), so {@code balance_cents >= $amount} holds at write time.
 * Two concurrent requests with one idempotency key: the loser's INSERT hits
 * UNIQUE (account_id, idempotency_key), its whole statement (debit included) rolls back, and the
 * service re-runs the statement, which then finds the winner's row.
 */
@ApplicationScoped
public class WalletLedger {
    /** How a request names the wallet; each kind is its own prepared statement so that an index serves it. */
    public enum WalletRef {
        ACCOUNT("a.id = $6::uuid"),
        NFC_TAG("a.nfc_tag_id = $6::text"),
        USER("a.user_id = $6::uuid"),
        QR_TOKEN("a.id = (SELECT q.account_id FROM cashless_qr_tokens q"
                + " WHERE q.token_hash = $6::text AND q.expires_at > now())");

        final String where;

        WalletRef(String where) {
            this.where = where;
        }
    }

    /** What a pay or top-up statement found: the transaction (new or replayed) or why none was written. */
    public record MoveOutcome(boolean festivalFound, UUID organizerId, String memberRole, UUID accountId,
                              UUID accountUserId, Long accountBalanceCents, Boolean accountActive,
                              Boolean accountBlocked, LedgerRow transaction, boolean replay,
                              Long minTopupCents, Long maxTopupCents, Long maxBalanceCents) {
    }

    /** What a refund statement found. */
    public record RefundOutcome(boolean originalFound, String originalType, Long paidCents, Long refundedCents,
                                UUID festivalId, boolean festivalFound, UUID organizerId, String memberRole,
                                Long requestedCents, LedgerRow transaction, boolean replay) {
    }

    private static final String FESTIVAL_GRANT = """
            fest AS (
                SELECT f.organizer_id, m.role AS member_role
                  FROM festivals f
                  LEFT JOIN festival_members m ON m.festival_id = f.id AND m.user_id = $4::uuid
                 WHERE f.id = $3::uuid AND f.deleted_at IS NULL),
            """;

    private static final String OUTCOME = """
            res AS (SELECT ins.*, false AS replay FROM ins UNION ALL SELECT prior.*, true AS replay FROM prior)
            SELECT EXISTS (SELECT 1 FROM fest) AS festival_found,
                   (SELECT organizer_id FROM fest) AS organizer_id, (SELECT member_role FROM fest) AS member_role,
                   acc.id AS acc_id, acc.user_id AS acc_user_id, acc.balance_cents AS acc_balance,
                   acc.is_active AS acc_active, acc.nfc_blocked AS acc_blocked, %s res.*
              FROM (SELECT 1) one LEFT JOIN acc ON true LEFT JOIN res ON true""";

    // $1 tx id, $2 amount, $3 festival, $4 caller, $5 caller is ADMIN, $6 wallet ref, $7 vendor,
    // $8 description, $9 idempotency key, $10 request hash, $11 wallet named by its NFC tag
    private static final String PAY = """
            WITH acc AS (
                SELECT a.id, a.user_id, a.balance_cents, a.is_active, a.nfc_blocked
                  FROM cashless_accounts a WHERE %s),
            """ + FESTIVAL_GRANT + """
            allowed AS (
                SELECT 1 FROM fest, acc
                 WHERE $5::boolean OR fest.organizer_id = $4 OR fest.member_role IN ('CASHIER', 'ORGANIZER')
                    OR acc.user_id = $4),
            prior AS (
                SELECT t.* FROM cashless_transactions t, acc
                 WHERE $9::text IS NOT NULL AND t.account_id = acc.id AND t.idempotency_key = $9),
            debit AS (
                UPDATE cashless_accounts a
                   SET balance_cents = a.balance_cents - $2::bigint, updated_at = now()
                  FROM acc
                 WHERE a.id = acc.id AND a.is_active AND NOT ($11::boolean AND a.nfc_blocked)
                   AND a.balance_cents >= $2
                   AND EXISTS (SELECT 1 FROM allowed) AND NOT EXISTS (SELECT 1 FROM prior)
                RETURNING a.id, a.user_id, a.balance_cents),
            ins AS (
                INSERT INTO cashless_transactions (id, account_id, festival_id, type, amount_cents,
                        balance_before_cents, balance_after_cents, description, vendor_id, cashier_id,
                        performed_by_id, idempotency_key, request_hash)
                SELECT $1::uuid, d.id, $3, 'PAYMENT', -$2, d.balance_cents + $2, d.balance_cents, $8::text,
                       $7::uuid, CASE WHEN d.user_id = $4 THEN NULL ELSE $4 END, $4, $9, $10::text
                  FROM debit d
                RETURNING *),
            """ + OUTCOME.formatted("");

    // $1 tx id, $2 amount, $3 festival, $4 caller (cashier), $5 caller is ADMIN, $6 wallet ref,
    // $7 method (CASH|TERMINAL), $8 description, $9 idempotency key, $10 request hash
    private static final String CASH_TOPUP = """
            WITH acc AS (
                SELECT a.id, a.user_id, a.balance_cents, a.is_active, a.nfc_blocked
                  FROM cashless_accounts a WHERE %s),
            """ + FESTIVAL_GRANT + """
            lim AS (
                SELECT COALESCE(s.min_topup_cents, 500) AS min_c, COALESCE(s.max_topup_cents, 50000) AS max_c,
                       COALESCE(s.max_balance_cents, 100000) AS max_bal
                  FROM (SELECT 1) one LEFT JOIN cashless_festival_settings s ON s.festival_id = $3),
            allowed AS (
                SELECT 1 FROM fest
                 WHERE $5::boolean OR fest.organizer_id = $4 OR fest.member_role IN ('CASHIER', 'ORGANIZER')),
            prior AS (
                SELECT t.* FROM cashless_transactions t, acc
                 WHERE $9::text IS NOT NULL AND t.account_id = acc.id AND t.idempotency_key = $9),
            credit AS (
                UPDATE cashless_accounts a
                   SET balance_cents = a.balance_cents + $2::bigint, updated_at = now()
                  FROM acc, lim
                 WHERE a.id = acc.id AND a.is_active
                   AND $2 BETWEEN lim.min_c AND lim.max_c AND a.balance_cents + $2 <= lim.max_bal
                   AND EXISTS (SELECT 1 FROM allowed) AND NOT EXISTS (SELECT 1 FROM prior)
                RETURNING a.id, a.balance_cents),
            ins AS (
                INSERT INTO cashless_transactions (id, account_id, festival_id, type, amount_cents,
                        balance_before_cents, balance_after_cents, description, cashier_id, performed_by_id,
                        idempotency_key, request_hash, metadata)
                SELECT $1::uuid, c.id, $3, 'TOPUP', $2, c.balance_cents - $2, c.balance_cents, $8::text, $4, $4,
                       $9, $10::text, jsonb_build_object('method', $7::text)
                  FROM credit c
                RETURNING *),
            """ + OUTCOME.formatted("(SELECT min_c FROM lim) AS min_c, (SELECT max_c FROM lim) AS max_c,"
            + " (SELECT max_bal FROM lim) AS max_bal,");

    // $1 refund id, $2 payment tx id, $3 amount (null = what remains), $4 caller, $5 caller is ADMIN,
    // $6 reason, $7 idempotency key, $8 request hash
    private static final String REFUND = """
            WITH orig AS (
                SELECT t.id, t.account_id, t.festival_id, t.type, t.amount_cents, t.refunded_cents
                  FROM cashless_transactions t WHERE t.id = $2::uuid),
            fest AS (
                SELECT f.organizer_id, m.role AS member_role
                  FROM orig JOIN festivals f ON f.id = orig.festival_id
                  LEFT JOIN festival_members m ON m.festival_id = f.id AND m.user_id = $4::uuid),
            allowed AS (
                SELECT 1 WHERE $5::boolean
                    OR EXISTS (SELECT 1 FROM fest
                                WHERE fest.organizer_id = $4 OR fest.member_role IN ('CASHIER', 'ORGANIZER'))),
            prior AS (
                SELECT t.* FROM cashless_transactions t, orig
                 WHERE $7::text IS NOT NULL AND t.account_id = orig.account_id AND t.idempotency_key = $7),
            amt AS (SELECT COALESCE($3::bigint, -orig.amount_cents - orig.refunded_cents) AS cents FROM orig),
            mark AS (
                UPDATE cashless_transactions t
                   SET refunded_cents = t.refunded_cents + amt.cents
                  FROM amt
                 WHERE t.id = $2 AND t.type = 'PAYMENT' AND amt.cents > 0
                   AND t.refunded_cents + amt.cents <= -t.amount_cents
                   AND EXISTS (SELECT 1 FROM allowed) AND NOT EXISTS (SELECT 1 FROM prior)
                RETURNING t.account_id, t.festival_id, amt.cents),
            credit AS (
                UPDATE cashless_accounts a
                   SET balance_cents = a.balance_cents + m.cents, updated_at = now()
                  FROM mark m
                 WHERE a.id = m.account_id
                RETURNING a.id, a.balance_cents, m.cents, m.festival_id),
            ins AS (
                INSERT INTO cashless_transactions (id, account_id, festival_id, type, amount_cents,
                        balance_before_cents, balance_after_cents, description, cashier_id, performed_by_id,
                        refund_of_id, idempotency_key, request_hash)
                SELECT $1::uuid, c.id, c.festival_id, 'REFUND', c.cents, c.balance_cents - c.cents, c.balance_cents,
                       $6::text, $4, $4, $2, $7, $8::text
                  FROM credit c
                RETURNING *),
            res AS (SELECT ins.*, false AS replay FROM ins UNION ALL SELECT prior.*, true AS replay FROM prior)
            SELECT orig.id IS NOT NULL AS orig_found, orig.type AS orig_type, -orig.amount_cents AS paid_cents,
                   orig.refunded_cents AS orig_refunded, orig.festival_id AS orig_festival,
                   EXISTS (SELECT 1 FROM fest) AS festival_found,
                   (SELECT organizer_id FROM fest) AS organizer_id, (SELECT member_role FROM fest) AS member_role,
                   (SELECT cents FROM amt) AS requested_cents, res.*
              FROM (SELECT 1) one LEFT JOIN orig ON true LEFT JOIN res ON true""";

    // Online top-up confirmed by the provider: $1 tx id, $2 user, $3 amount, $4 festival, $5 payment id,
    // $6 idempotency key (the payment id), $7 provider payment id
    private static final String CREDIT_CONFIRMED_TOPUP = """
            WITH acc AS (SELECT a.id FROM cashless_accounts a WHERE a.user_id = $2::uuid),
            prior AS (
                SELECT t.id FROM cashless_transactions t, acc
                 WHERE t.account_id = acc.id AND t.idempotency_key = $6::text),
            credit AS (
                UPDATE cashless_accounts a
                   SET balance_cents = a.balance_cents + $3::bigint, updated_at = now()
                  FROM acc
                 WHERE a.id = acc.id AND NOT EXISTS (SELECT 1 FROM prior)
                RETURNING a.id, a.balance_cents)
            INSERT INTO cashless_transactions (id, account_id, festival_id, type, amount_cents, balance_before_cents,
                    balance_after_cents, description, payment_id, performed_by_id, idempotency_key, metadata)
            SELECT $1::uuid, c.id, $4::uuid, 'TOPUP', $3, c.balance_cents - $3, c.balance_cents, 'Online top-up',
                   $5::uuid, $2, $6, jsonb_build_object('method', 'CARD', 'providerPaymentId', $7::text)
              FROM credit c
            RETURNING *""";

    private static final String[] PAY_BY_REF = new String[WalletRef.values().length];
    private static final String[] TOPUP_BY_REF = new String[WalletRef.values().length];

    static {
        for (WalletRef ref : WalletRef.values()) {
            PAY_BY_REF[ref.ordinal()] = PAY.formatted(ref.where);
            TOPUP_BY_REF[ref.ordinal()] = CASH_TOPUP.formatted(ref.where);
        }
    }

    @Inject
    Pool pool;

    @Inject
    PayBatcher batcher;

    /** Debits {@code amountCents} from the named wallet and appends the PAYMENT row, or says why not. */
    public Uni<MoveOutcome> pay(UUID txId, long amountCents, UUID festivalId, UUID callerId, boolean admin,
                                WalletRef ref, Object refValue, UUID vendorId, String description,
                                String idempotencyKey, String requestHash) {
        PayBatcher.Charge charge = new PayBatcher.Charge(txId, amountCents, festivalId, callerId, admin, ref, refValue,
                vendorId, description, idempotencyKey, requestHash);
        return batcher.enabled() ? batcher.submit(charge) : paySingle(charge);
    }

    Uni<MoveOutcome> paySingle(PayBatcher.Charge c) {
        return pool.preparedQuery(PAY_BY_REF[c.ref().ordinal()])
                .execute(Tuple.from(new Object[] {c.txId(), c.amountCents(), c.festivalId(), c.callerId(), c.admin(),
                        c.refValue(), c.vendorId(), c.description(), c.idempotencyKey(), c.requestHash(),
                        c.ref() == WalletRef.NFC_TAG}))
                .map(rows -> moveOutcome(rows.iterator().next(), false));
    }

    /** Credits a cash-desk top-up within the festival's limits and appends the TOPUP row, or says why not. */
    public Uni<MoveOutcome> cashTopup(UUID txId, long amountCents, UUID festivalId, UUID cashierId, boolean admin,
                                      WalletRef ref, Object refValue, String method, String description,
                                      String idempotencyKey, String requestHash) {
        return pool.preparedQuery(TOPUP_BY_REF[ref.ordinal()])
                .execute(Tuple.from(new Object[] {txId, amountCents, festivalId, cashierId, admin, refValue, method,
                        description, idempotencyKey, requestHash}))
                .map(rows -> moveOutcome(rows.iterator().next(), true));
    }

    /** Refunds (part of) a PAYMENT to its wallet; cumulative refunds never exceed the payment. */
    public Uni<RefundOutcome> refund(UUID refundId, UUID paymentTxId, Long amountCents, UUID callerId, boolean admin,
                                     String reason, String idempotencyKey, String requestHash) {
        return pool.preparedQuery(REFUND)
                .execute(Tuple.from(new Object[] {refundId, paymentTxId, amountCents, callerId, admin, reason,
                        idempotencyKey, requestHash}))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new RefundOutcome(r.getBoolean("orig_found"), r.getString("orig_type"),
                            r.getLong("paid_cents"), r.getLong("orig_refunded"), r.getUUID("orig_festival"),
                            r.getBoolean("festival_found"), r.getUUID("organizer_id"), r.getString("member_role"),
                            r.getLong("requested_cents"), LedgerRow.from(r), Boolean.TRUE.equals(r.getBoolean("replay")));
                });
    }

    /**
     * Credits a confirmed online top-up on {@code tx} (the webhook's transaction), creating the wallet if
     * needed. Keyed by the payment id: a second call for the same payment credits nothing (answers null).
     */
    public Uni<LedgerRow> creditConfirmedTopup(SqlClient tx, UUID userId, String currency, long amountCents,
                                               UUID festivalId, UUID paymentId, String providerPaymentId) {
        return tx.preparedQuery("""
                        INSERT INTO cashless_accounts (id, user_id, currency) VALUES ($1, $2, $3)
                        ON CONFLICT (user_id) DO NOTHING""")
                .execute(Tuple.of(UUID.randomUUID(), userId, currency))
                .chain(() -> tx.preparedQuery(CREDIT_CONFIRMED_TOPUP)
                        .execute(Tuple.from(new Object[] {LedgerIds.next(), userId, amountCents, festivalId,
                                paymentId, paymentId.toString(), providerPaymentId})))
                .map(rows -> rows.size() == 0 ? null : LedgerRow.from(rows.iterator().next()));
    }

    static MoveOutcome moveOutcome(Row r, boolean withLimits) {
        return new MoveOutcome(r.getBoolean("festival_found"), r.getUUID("organizer_id"), r.getString("member_role"),
                r.getUUID("acc_id"), r.getUUID("acc_user_id"), r.getLong("acc_balance"), r.getBoolean("acc_active"),
                r.getBoolean("acc_blocked"), LedgerRow.from(r), Boolean.TRUE.equals(r.getBoolean("replay")),
                withLimits ? r.getLong("min_c") : null, withLimits ? r.getLong("max_c") : null,
                withLimits ? r.getLong("max_bal") : null);
    }
}
