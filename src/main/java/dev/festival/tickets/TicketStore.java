package dev.festival.tickets;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The SQL of ticketing. Every state change is one conditional statement (a CTE where several
 * tables move together), so concurrent requests, webhooks and the expiry job cannot interleave a
 * read and a write: whichever statement matches the expected state first wins, the others match
 * nothing.
 */
@ApplicationScoped
public class TicketStore {
    /** What the quota reservation answers: the category's price and limits at that instant. */
    record Reserved(long priceCents, String currency, int maxPerUser, String name) {
    }

    /** Why a reservation matched nothing. */
    record CategoryState(boolean exists, boolean active, boolean saleOpen, int maxPerOrder, int maxPerUser,
                         int remaining) {
    }

    /** A released (expired or cancelled) order and its payment, to cancel at the provider. */
    record Released(UUID orderId, UUID paymentId, long tickets) {
    }

    @Inject
    Pool pool;

    Pool pool() {
        return pool;
    }

    // ------------------------------------------------------------------ purchase

    /**
     * Takes quota for {@code quantity} tickets in one conditional UPDATE, which also locks the
     * category row until the transaction ends. A free category counts them sold at once.
     */
    Uni<Reserved> reserve(SqlConnection tx, UUID festivalId, UUID categoryId, int quantity) {
        return tx.preparedQuery("""
                        UPDATE ticket_categories
                           SET reserved_count = reserved_count + CASE WHEN price_cents = 0 THEN 0 ELSE $3::int END,
                               sold_count = sold_count + CASE WHEN price_cents = 0 THEN $3::int ELSE 0 END
                         WHERE id = $1 AND festival_id = $2 AND deleted_at IS NULL AND is_active
                           AND (sale_start IS NULL OR sale_start <= now()) AND (sale_end IS NULL OR sale_end > now())
                           AND $3::int <= max_per_order AND $3::int <= max_per_user
                           AND sold_count + reserved_count + $3::int <= quota
                        RETURNING price_cents, currency, max_per_user, name""")
                .execute(Tuple.of(categoryId, festivalId, quantity))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Reserved(r.getLong("price_cents"), r.getString("currency").trim(),
                            r.getInteger("max_per_user"), r.getString("name"));
                });
    }

    /** What {@link #purchase} did: the order and its tickets, or why the reservation matched nothing. */
    record Purchased(OrderRow order, List<TicketRow> tickets, CategoryState refusal) {
    }

    /** The per-user limit the purchase would exceed (TK001 from {@code ticket_purchase}); nothing was kept. */
    static final class OverUserLimit extends RuntimeException {
        final int maxPerUser;

        OverUserLimit(int maxPerUser) {
            super(null, null, false, false);
            this.maxPerUser = maxPerUser;
        }
    }

    /**
     * A purchase without a promo code — {@link #reserve} then {@link #insertOrder} with no discount, as one
     * call of the {@code ticket_purchase} function (V77): one round trip and one implicit transaction, so the
     * category row is locked for the statements and the COMMIT only, never across client round trips.
     * Fails with {@link OverUserLimit} over the per-user limit (the reservation rolled back).
     */
    Uni<Purchased> purchase(UUID orderId, UUID userId, UUID festivalId, UUID categoryId, int quantity,
                            long ttlSeconds, String idempotencyKey, String requestHash) {
        return pool.preparedQuery("SELECT * FROM ticket_purchase($1, $2, $3, $4, $5, $6, $7, $8)")
                .execute(Tuple.from(new Object[] {orderId, userId, festivalId, categoryId, quantity,
                        (double) ttlSeconds, idempotencyKey, requestHash}))
                .onFailure(e -> e instanceof io.vertx.pgclient.PgException pg && "TK001".equals(pg.getSqlState()))
                .transform(e -> new OverUserLimit(Integer.parseInt(((io.vertx.pgclient.PgException) e).getDetail())))
                .map(rows -> {
                    Row first = rows.iterator().next();
                    if (!"ok".equals(first.getString("outcome"))) {
                        boolean found = first.getBoolean("cat_found");
                        return new Purchased(null, List.of(), !found ? new CategoryState(false, false, false, 0, 0, 0)
                                : new CategoryState(true, first.getBoolean("cat_active"),
                                        first.getBoolean("cat_sale_open"), first.getInteger("cat_max_per_order"),
                                        first.getInteger("cat_max_per_user"), first.getInteger("cat_remaining")));
                    }
                    OrderRow order = OrderRow.of(first);
                    List<TicketRow> tickets = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        tickets.add(new TicketRow(r.getUUID("ticket_id"), order.festivalId(), order.categoryId(),
                                order.id(), order.userId(), r.getString("ticket_status"),
                                r.getInteger("ticket_revision"), r.getLong("ticket_price_cents"), null, null, null,
                                null, r.getOffsetDateTime("ticket_created_at"),
                                r.getOffsetDateTime("ticket_updated_at"), r.getString("category_name"),
                                r.getString("category_type"), order.currency(), null, order.userId()));
                    }
                    return new Purchased(order, tickets, null);
                });
    }

    Uni<CategoryState> categoryState(SqlClient client, UUID festivalId, UUID categoryId) {
        return client.preparedQuery("""
                        SELECT is_active, max_per_order, max_per_user, quota - sold_count - reserved_count AS remaining,
                               (sale_start IS NULL OR sale_start <= now()) AND (sale_end IS NULL OR sale_end > now())
                                   AS sale_open
                          FROM ticket_categories WHERE id = $1 AND festival_id = $2 AND deleted_at IS NULL""")
                .execute(Tuple.of(categoryId, festivalId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return new CategoryState(false, false, false, 0, 0, 0);
                    }
                    Row r = rows.iterator().next();
                    return new CategoryState(true, r.getBoolean("is_active"), r.getBoolean("sale_open"),
                            r.getInteger("max_per_order"), r.getInteger("max_per_user"), r.getInteger("remaining"));
                });
    }

    /**
     * After {@link #reserve} (the category row is locked, so this statement's fresh snapshot sees
     * every earlier purchase of the category): the per-user limit check, the order and its tickets
     * in one statement. Null when the user would exceed the limit. A discount that makes a paid
     * category free issues the tickets at once, moving the reserved quota to sold. Each ticket's
     * purchase price is its share of the total (the remainder on the first), so refunding every
     * ticket refunds exactly the total.
     */
    Uni<OrderRow> insertOrder(SqlConnection tx, UUID orderId, UUID userId, UUID festivalId, UUID categoryId,
                              int quantity, Reserved reserved, long ttlSeconds, String idempotencyKey,
                              String requestHash, String promoCode, UUID promoCodeId, long discountCents) {
        return tx.preparedQuery("""
                        WITH lim AS (
                            SELECT count(*) AS n FROM tickets
                             WHERE category_id = $4::uuid AND user_id = $2::uuid AND status IN ('RESERVED','SOLD','USED')),
                        o AS (
                            INSERT INTO ticket_orders (id, user_id, festival_id, category_id, quantity, unit_price_cents,
                                subtotal_cents, discount_cents, total_cents, currency, status, expires_at, paid_at,
                                idempotency_key, request_hash, promo_code, promo_code_id)
                            SELECT $1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::int, $6::bigint, $6::bigint * $5::int,
                                   $13::bigint, $6::bigint * $5::int - $13::bigint, $7::text,
                                   CASE WHEN $6::bigint * $5::int - $13::bigint = 0 THEN 'PAID' ELSE 'PENDING' END,
                                   CASE WHEN $6::bigint * $5::int - $13::bigint = 0 THEN NULL
                                        ELSE now() + make_interval(secs => $8::double precision) END,
                                   CASE WHEN $6::bigint * $5::int - $13::bigint = 0 THEN now() END,
                                   $9::text, $10::text, $11::text, $14::uuid
                              FROM lim WHERE lim.n + $5::int <= $12::int
                            RETURNING""" + " " + OrderRow.COLUMNS + """
                        ),
                        t AS (
                            INSERT INTO tickets (id, festival_id, category_id, order_id, user_id, status,
                                                 purchase_price_cents)
                            SELECT gen_random_uuid(), o.festival_id, o.category_id, o.id, o.user_id,
                                   CASE WHEN o.total_cents = 0 THEN 'SOLD' ELSE 'RESERVED' END,
                                   o.total_cents / o.quantity + CASE WHEN g = 1 THEN o.total_cents % o.quantity ELSE 0 END
                              FROM o, generate_series(1, o.quantity) AS g
                            RETURNING id),
                        c AS (
                            UPDATE ticket_categories
                               SET reserved_count = reserved_count - $5::int, sold_count = sold_count + $5::int
                             WHERE id = $4::uuid AND $6::bigint > 0
                               AND EXISTS (SELECT 1 FROM o WHERE o.total_cents = 0)
                            RETURNING id)
                        SELECT o.*, (SELECT count(*) FROM t) AS ticket_count FROM o""")
                .execute(Tuple.from(new Object[] {orderId, userId, festivalId, categoryId, quantity,
                        reserved.priceCents(), reserved.currency(), (double) ttlSeconds, idempotencyKey, requestHash,
                        promoCode, reserved.maxPerUser(), discountCents, promoCodeId}))
                .map(rows -> rows.size() == 0 ? null : OrderRow.of(rows.iterator().next()));
    }

    Uni<Void> attachPayment(UUID orderId, UUID paymentId) {
        return pool.preparedQuery("UPDATE ticket_orders SET payment_id = $2, updated_at = now()"
                        + " WHERE id = $1 AND payment_id IS NULL")
                .execute(Tuple.of(orderId, paymentId)).replaceWithVoid();
    }

    // ------------------------------------------------------------------ order state changes

    /**
     * PENDING → {@code status} (CANCELLED or EXPIRED): its RESERVED tickets become CANCELLED and
     * their quota returns. Nothing when the order is no longer PENDING (paid, released already).
     */
    Uni<Long> release(SqlClient client, UUID orderId, String status) {
        return client.preparedQuery("""
                        WITH o AS (
                            UPDATE ticket_orders SET status = $2, updated_at = now()
                             WHERE id = $1 AND status = 'PENDING' RETURNING id, category_id),
                        t AS (
                            UPDATE tickets SET status = 'CANCELLED', updated_at = now()
                             WHERE order_id IN (SELECT id FROM o) AND status = 'RESERVED' RETURNING id),
                        c AS (
                            UPDATE ticket_categories SET reserved_count = reserved_count - (SELECT count(*) FROM t)
                             WHERE id IN (SELECT category_id FROM o) RETURNING id)
                        SELECT (SELECT count(*) FROM t) AS released FROM o""")
                .execute(Tuple.of(orderId, status))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("released"));
    }

    /**
     * The expiry job: open orders older than {@code ttlSeconds}, at most {@code batch}, locked with
     * SKIP LOCKED so several pods share the work without waiting for one another; each becomes
     * EXPIRED and returns its quota, in one statement.
     */
    Uni<List<Released>> expire(double ttlSeconds, int batch) {
        return pool.preparedQuery("""
                        WITH due AS (
                            SELECT id FROM ticket_orders
                             WHERE status = 'PENDING' AND created_at <= now() - make_interval(secs => $1::double precision)
                             ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED),
                        o AS (
                            UPDATE ticket_orders SET status = 'EXPIRED', updated_at = now()
                             WHERE id IN (SELECT id FROM due) AND status = 'PENDING'
                            RETURNING id, category_id, payment_id),
                        t AS (
                            UPDATE tickets SET status = 'CANCELLED', updated_at = now()
                             WHERE order_id IN (SELECT id FROM o) AND status = 'RESERVED'
                            RETURNING order_id, category_id),
                        c AS (
                            UPDATE ticket_categories tc SET reserved_count = tc.reserved_count - x.n
                              FROM (SELECT category_id, count(*) AS n FROM t GROUP BY category_id) x
                             WHERE tc.id = x.category_id RETURNING tc.id)
                        SELECT o.id, o.payment_id, (SELECT count(*) FROM t WHERE t.order_id = o.id) AS n FROM o""")
                .execute(Tuple.of(ttlSeconds, batch))
                .map(rows -> {
                    List<Released> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Released(r.getUUID("id"), r.getUUID("payment_id"), r.getLong("n"))));
                    return out;
                });
    }

    /** The payment succeeded: PENDING → PAID, RESERVED → SOLD, reserved quota becomes sold. Count sold, or null. */
    Uni<Long> confirm(SqlConnection tx, UUID orderId, UUID paymentId) {
        return tx.preparedQuery("""
                        WITH o AS (
                            UPDATE ticket_orders SET status = 'PAID', paid_at = now(), payment_id = $2,
                                   updated_at = now()
                             WHERE id = $1 AND status = 'PENDING' RETURNING id, category_id),
                        t AS (
                            UPDATE tickets SET status = 'SOLD', updated_at = now()
                             WHERE order_id IN (SELECT id FROM o) AND status = 'RESERVED' RETURNING id),
                        c AS (
                            UPDATE ticket_categories SET reserved_count = reserved_count - (SELECT count(*) FROM t),
                                   sold_count = sold_count + (SELECT count(*) FROM t)
                             WHERE id IN (SELECT category_id FROM o) RETURNING id)
                        SELECT (SELECT count(*) FROM t) AS sold FROM o""")
                .execute(Tuple.of(orderId, paymentId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("sold"));
    }

    /**
     * Paid after the reservation expired or was cancelled: takes the quota again if there is
     * still room (conditional), and issues the tickets. Null when sold out meanwhile.
     */
    Uni<Long> confirmLate(SqlConnection tx, UUID orderId, UUID paymentId) {
        return tx.preparedQuery("""
                        WITH c AS (
                            UPDATE ticket_categories tc SET sold_count = tc.sold_count + o.quantity
                              FROM ticket_orders o
                             WHERE o.id = $1 AND o.status IN ('EXPIRED','CANCELLED') AND tc.id = o.category_id
                               AND tc.sold_count + tc.reserved_count + o.quantity <= tc.quota
                            RETURNING o.id),
                        o2 AS (
                            UPDATE ticket_orders SET status = 'PAID', paid_at = now(), payment_id = $2,
                                   updated_at = now()
                             WHERE id IN (SELECT id FROM c) RETURNING id),
                        t AS (
                            UPDATE tickets SET status = 'SOLD', updated_at = now()
                             WHERE order_id IN (SELECT id FROM o2) AND status = 'CANCELLED' RETURNING id)
                        SELECT (SELECT count(*) FROM t) AS sold FROM o2""")
                .execute(Tuple.of(orderId, paymentId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("sold"));
    }

    /**
     * A refund of {@code amountCents} succeeded: the order counts it; tickets whose refund was
     * requested (oldest first, as far as the amount covers them) — or, once the whole order is
     * refunded, all its unused tickets — become REFUNDED, are revoked and return their quota.
     */
    Uni<Long> refunded(SqlConnection tx, UUID orderId, long amountCents) {
        return tx.preparedQuery("""
                        WITH o AS (
                            UPDATE ticket_orders
                               SET refunded_cents = refunded_cents + $2::bigint,
                                   status = CASE WHEN refunded_cents + $2::bigint >= total_cents THEN 'REFUNDED' ELSE status END,
                                   updated_at = now()
                             WHERE id = $1 RETURNING id, category_id, total_cents, refunded_cents),
                        pend AS (
                            SELECT id, sum(purchase_price_cents) OVER (ORDER BY refund_requested_at, id) AS run
                              FROM tickets WHERE order_id = $1 AND status = 'SOLD' AND refund_requested_at IS NOT NULL),
                        pick AS (
                            SELECT t.id, t.status FROM tickets t, o
                             WHERE t.order_id = o.id AND t.status IN ('SOLD','RESERVED') AND o.refunded_cents >= o.total_cents
                            UNION
                            SELECT p.id, 'SOLD' FROM pend p WHERE p.run <= $2::bigint),
                        t AS (
                            UPDATE tickets SET status = 'REFUNDED', revoked_at = now(), refund_requested_at = NULL,
                                   updated_at = now()
                             WHERE id IN (SELECT id FROM pick) AND status IN ('SOLD','RESERVED')
                            RETURNING id, festival_id, revision),
                        r AS (
                            INSERT INTO ticket_revocations (ticket_id, festival_id, revision, reason)
                            SELECT t.id, t.festival_id, t.revision, 'refunded' FROM t
                              JOIN pick p ON p.id = t.id WHERE p.status = 'SOLD'),
                        c AS (
                            UPDATE ticket_categories
                               SET sold_count = sold_count - (SELECT count(*) FROM t JOIN pick p ON p.id = t.id
                                                               WHERE p.status = 'SOLD'),
                                   reserved_count = reserved_count - (SELECT count(*) FROM t JOIN pick p ON p.id = t.id
                                                                       WHERE p.status = 'RESERVED')
                             WHERE id IN (SELECT category_id FROM o) RETURNING id)
                        SELECT (SELECT count(*) FROM t) AS refunded""")
                .execute(Tuple.of(orderId, amountCents))
                .map(rows -> rows.iterator().next().getLong("refunded"));
    }

    // ------------------------------------------------------------------ ticket state changes

    /** A SOLD ticket of a free order → CANCELLED, revoked, quota back. */
    Uni<Boolean> cancelFree(UUID ticketId) {
        return pool.preparedQuery("""
                        WITH t AS (
                            UPDATE tickets SET status = 'CANCELLED', revoked_at = now(), updated_at = now()
                             WHERE id = $1 AND status = 'SOLD' AND NOT EXISTS (
                                   SELECT 1 FROM ticket_orders o WHERE o.id = tickets.order_id AND o.payment_id IS NOT NULL)
                            RETURNING id, festival_id, category_id, revision),
                        r AS (
                            INSERT INTO ticket_revocations (ticket_id, festival_id, revision, reason)
                            SELECT id, festival_id, revision, 'cancelled' FROM t),
                        c AS (
                            UPDATE ticket_categories SET sold_count = sold_count - 1
                             WHERE id IN (SELECT category_id FROM t) RETURNING id)
                        SELECT id FROM t""")
                .execute(Tuple.of(ticketId)).map(rows -> rows.size() > 0);
    }

    /** Claims a SOLD paid ticket for a refund (one refund in flight per ticket). */
    Uni<Boolean> markRefundRequested(UUID ticketId) {
        return pool.preparedQuery("UPDATE tickets SET refund_requested_at = clock_timestamp(), updated_at = now()"
                        + " WHERE id = $1 AND status = 'SOLD' AND refund_requested_at IS NULL")
                .execute(Tuple.of(ticketId)).map(rows -> rows.rowCount() > 0);
    }

    Uni<Void> clearRefundRequested(UUID ticketId) {
        return pool.preparedQuery("UPDATE tickets SET refund_requested_at = NULL WHERE id = $1 AND status = 'SOLD'")
                .execute(Tuple.of(ticketId)).replaceWithVoid();
    }

    /** Holder → recipient; the revision moves on so the old QR is refused, and it is listed as revoked. */
    Uni<Boolean> transfer(UUID ticketId, UUID fromUserId, UUID toUserId) {
        return pool.preparedQuery("""
                        WITH t AS (
                            UPDATE tickets SET user_id = $3, transferred_from_user_id = user_id,
                                   transferred_at = now(), revision = revision + 1, updated_at = now()
                             WHERE id = $1 AND user_id = $2 AND status = 'SOLD' AND refund_requested_at IS NULL
                            RETURNING id, festival_id, revision),
                        r AS (
                            INSERT INTO ticket_revocations (ticket_id, festival_id, revision, reason)
                            SELECT id, festival_id, revision - 1, 'transferred' FROM t)
                        SELECT id FROM t""")
                .execute(Tuple.of(ticketId, fromUserId, toUserId)).map(rows -> rows.size() > 0);
    }

    /** The entry: SOLD at this revision → USED, once; concurrent scans match it at most once. */
    Uni<OffsetDateTime> markUsed(UUID ticketId, int revision, String zoneId, String deviceId, UUID scannedBy) {
        return pool.preparedQuery("""
                        UPDATE tickets SET status = 'USED', used_at = now(), used_zone_id = $3, used_device = $4,
                               used_by = $5, updated_at = now()
                         WHERE id = $1 AND status = 'SOLD' AND revision = $2
                        RETURNING used_at""")
                .execute(Tuple.of(ticketId, revision, zoneId, deviceId, scannedBy))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getOffsetDateTime("used_at"));
    }

    // ------------------------------------------------------------------ reads

    Uni<TicketRow> find(UUID ticketId) {
        return pool.preparedQuery(TicketRow.SELECT + " WHERE t.id = $1")
                .execute(Tuple.of(ticketId))
                .map(rows -> rows.size() == 0 ? null : TicketRow.of(rows.iterator().next()));
    }

    /**
     * What a gate check needs, in one round trip: the ticket, its festival (null name when the
     * festival is gone or deleted), the caller's standing on that festival (owner id and membership
     * role, for {@code FestivalAccess.grantOf}) and the holder's name.
     */
    Uni<GateRow> forGate(UUID ticketId, UUID callerId) {
        return pool.preparedQuery(GateRow.SELECT)
                .execute(Tuple.of(ticketId, callerId))
                .map(rows -> rows.size() == 0 ? null : GateRow.of(rows.iterator().next()));
    }

    Uni<List<TicketRow>> byUser(UUID userId, UUID festivalId) {
        return pool.preparedQuery(TicketRow.SELECT + " WHERE t.user_id = $1 AND ($2::uuid IS NULL OR t.festival_id = $2)"
                        + " ORDER BY t.created_at DESC, t.id LIMIT 500")
                .execute(Tuple.of(userId, festivalId))
                .map(TicketStore::tickets);
    }

    Uni<List<TicketRow>> byOrder(UUID orderId) {
        return pool.preparedQuery(TicketRow.SELECT + " WHERE t.order_id = $1 ORDER BY t.created_at, t.id")
                .execute(Tuple.of(orderId))
                .map(TicketStore::tickets);
    }

    Uni<OrderRow> order(UUID orderId) {
        return pool.preparedQuery("SELECT " + OrderRow.COLUMNS + " FROM ticket_orders WHERE id = $1")
                .execute(Tuple.of(orderId))
                .map(rows -> rows.size() == 0 ? null : OrderRow.of(rows.iterator().next()));
    }

    Uni<OrderRow> orderByKey(UUID userId, String idempotencyKey) {
        return pool.preparedQuery("SELECT " + OrderRow.COLUMNS + " FROM ticket_orders"
                        + " WHERE user_id = $1 AND idempotency_key = $2")
                .execute(Tuple.of(userId, idempotencyKey))
                .map(rows -> rows.size() == 0 ? null : OrderRow.of(rows.iterator().next()));
    }

    Uni<List<Object[]>> revocations(UUID festivalId, OffsetDateTime since) {
        return pool.preparedQuery("""
                        SELECT ticket_id, revision, revoked_at, reason FROM ticket_revocations
                         WHERE festival_id = $1 AND ($2::timestamptz IS NULL OR revoked_at > $2::timestamptz - interval '10 seconds')
                         ORDER BY revoked_at, id LIMIT 50000""")
                .execute(Tuple.of(festivalId, since))
                .map(rows -> {
                    List<Object[]> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Object[] {r.getUUID("ticket_id"), r.getInteger("revision"),
                            r.getOffsetDateTime("revoked_at"), r.getString("reason")}));
                    return out;
                });
    }

    private static List<TicketRow> tickets(Iterable<Row> rows) {
        List<TicketRow> out = new ArrayList<>();
        rows.forEach(r -> out.add(TicketRow.of(r)));
        return out;
    }
}
