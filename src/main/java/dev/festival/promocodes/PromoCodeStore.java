package dev.festival.promocodes;

import dev.festival.common.paging.PageRequest;
import dev.festival.promocodes.dto.PromoCodeStats;
import dev.festival.common.money.Money;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The SQL of promo codes, on the reactive PG client. A redemption is ONE statement that checks
 * every rule and counts the use (see {@link #redeem}).
 */
@ApplicationScoped
public class PromoCodeStore {
    /** Leading and trailing spaces so that it can follow SELECT / RETURNING directly. */
    static final String COLUMNS = " " + """
            p.id, p.festival_id, p.code, p.description, p.discount_type, p.percent_off, p.amount_off_cents,
            p.max_uses, p.used_count, p.max_uses_per_user, p.min_amount_cents, p.valid_from, p.expires_at,
            p.is_active, p.stackable, p.category_ids, p.created_by, p.created_at, p.updated_at""" + " ";

    static final Map<String, String> SORTABLE = Map.of("code", "p.code", "createdAt", "p.created_at",
            "updatedAt", "p.updated_at", "expiresAt", "p.expires_at", "validFrom", "p.valid_from",
            "usedCount", "p.used_count");

    /** Every editable field of a code (create, or the full new state on update). */
    public record Values(String code, String description, DiscountType discountType, BigDecimal percentOff,
                         Long amountOffCents, Integer maxUses, Integer maxUsesPerUser, long minAmountCents,
                         OffsetDateTime validFrom, OffsetDateTime expiresAt, boolean active, boolean stackable,
                         List<UUID> categoryIds) {}

    public record Slice(List<PromoCode> rows, long total) {}

    /** What {@link #redeem} did: a redemption, or the rule the code broke (null promoCodeId = unknown code). */
    public record RedeemOutcome(UUID promoCodeId, String code, Rejection rejection, UUID redemptionId,
                                long discountCents) {}

    @Inject
    Pool pool;

    /** Null when the festival already has a live code with this name (the unique index decides). */
    public Uni<PromoCode> insert(UUID id, UUID festivalId, UUID createdBy, Values v) {
        Tuple t = values(Tuple.tuple().addValue(id).addValue(festivalId).addValue(createdBy), v);
        return pool.preparedQuery("""
                        INSERT INTO promo_codes AS p (id, festival_id, created_by, code, description, discount_type,
                               percent_off, amount_off_cents, max_uses, max_uses_per_user, min_amount_cents, valid_from,
                               expires_at, is_active, stackable, category_ids)
                        VALUES ($1, $2, $3, $4, $5, $6, $7::numeric, $8, $9, $10, $11, $12, $13, $14, $15, $16)
                        ON CONFLICT (festival_id, code) WHERE deleted_at IS NULL DO NOTHING
                        RETURNING""" + COLUMNS)
                .execute(t).map(PromoCodeStore::first);
    }

    /** Writes the new state (used_count is never written here); null when the code is gone. */
    public Uni<PromoCode> update(UUID id, Values v) {
        Tuple t = values(Tuple.tuple().addValue(id), v);
        return pool.preparedQuery("""
                        UPDATE promo_codes AS p SET code = $2, description = $3, discount_type = $4,
                               percent_off = $5::numeric, amount_off_cents = $6, max_uses = $7, max_uses_per_user = $8,
                               min_amount_cents = $9, valid_from = $10, expires_at = $11, is_active = $12,
                               stackable = $13, category_ids = $14, updated_at = now()
                         WHERE p.id = $1 AND p.deleted_at IS NULL
                        RETURNING""" + COLUMNS)
                .execute(t).map(PromoCodeStore::first);
    }

    private static Tuple values(Tuple t, Values v) {
        return t.addValue(v.code()).addValue(v.description()).addValue(v.discountType().name())
                .addValue(v.percentOff()).addValue(v.amountOffCents()).addValue(v.maxUses())
                .addValue(v.maxUsesPerUser()).addValue(v.minAmountCents()).addValue(v.validFrom())
                .addValue(v.expiresAt()).addValue(v.active()).addValue(v.stackable())
                .addValue(v.categoryIds().toArray(new UUID[0]));
    }

    /** Soft delete: redemptions keep pointing at it, and the code name becomes free again. */
    public Uni<Boolean> softDelete(UUID id) {
        return pool.preparedQuery("UPDATE promo_codes SET deleted_at = now(), is_active = false, updated_at = now()"
                        + " WHERE id = $1 AND deleted_at IS NULL")
                .execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1);
    }

    public Uni<PromoCode> findById(UUID id) {
        return pool.preparedQuery("SELECT" + COLUMNS + "FROM promo_codes p WHERE p.id = $1 AND p.deleted_at IS NULL")
                .execute(Tuple.of(id)).map(PromoCodeStore::first);
    }

    public Uni<PromoCode> findByCode(UUID festivalId, String code) {
        return pool.preparedQuery("SELECT" + COLUMNS
                        + "FROM promo_codes p WHERE p.festival_id = $1 AND p.code = upper($2) AND p.deleted_at IS NULL")
                .execute(Tuple.of(festivalId, code)).map(PromoCodeStore::first);
    }

    /** For an ADMIN looking a code up in every festival: the newest live one. */
    public Uni<PromoCode> findNewestByCode(String code) {
        return pool.preparedQuery("SELECT" + COLUMNS + "FROM promo_codes p WHERE p.code = upper($1)"
                        + " AND p.deleted_at IS NULL ORDER BY p.created_at DESC LIMIT 1")
                .execute(Tuple.of(code)).map(PromoCodeStore::first);
    }

    /** Live codes of the festival among these ids. */
    public Uni<List<PromoCode>> findByIds(UUID festivalId, List<UUID> ids) {
        return pool.preparedQuery("SELECT" + COLUMNS + "FROM promo_codes p WHERE p.festival_id = $1"
                        + " AND p.id = ANY ($2) AND p.deleted_at IS NULL")
                .execute(Tuple.of(festivalId, ids.toArray(new UUID[0]))).map(PromoCodeStore::all);
    }

    public Uni<Integer> userUses(UUID promoCodeId, UUID userId) {
        return pool.preparedQuery("SELECT uses FROM promo_code_user_uses WHERE promo_code_id = $1 AND user_id = $2")
                .execute(Tuple.of(promoCodeId, userId))
                .map(rows -> rows.size() == 0 ? 0 : rows.iterator().next().getInteger("uses"));
    }

    /** @param festivalId null = every festival (ADMIN) */
    public Uni<Slice> list(UUID festivalId, Boolean active, String search, PageRequest page) {
        String order = PromoCodeStore.SORTABLE.getOrDefault(page.sortBy(), "p.created_at") + " " + page.direction()
                + ", p.id";
        return pool.preparedQuery("SELECT" + COLUMNS + ", count(*) OVER () AS total FROM promo_codes p"
                        + " WHERE p.deleted_at IS NULL AND ($1::uuid IS NULL OR p.festival_id = $1)"
                        + " AND ($2::boolean IS NULL OR p.is_active = $2)"
                        + " AND ($3::text IS NULL OR p.code LIKE '%' || upper($3) || '%' ESCAPE '\\'"
                        + "      OR p.description ILIKE '%' || $3 || '%' ESCAPE '\\')"
                        + " ORDER BY " + order + " LIMIT $4 OFFSET $5")
                .execute(Tuple.of(festivalId, active, search == null ? null : escapeLike(search), page.limit(),
                        page.offset()))
                .map(rows -> {
                    long total = 0;
                    List<PromoCode> out = new ArrayList<>();
                    for (Row r : rows) {
                        total = r.getLong("total");
                        out.add(row(r));
                    }
                    return new Slice(out, total);
                });
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    public record StatsRow(long redemptionCount, long uniqueUsers, long releasedCount, long totalDiscountCents,
                           List<PromoCodeStats.RedemptionView> recent) {}

    public Uni<StatsRow> stats(UUID promoCodeId) {
        Uni<Row> totals = pool.preparedQuery("""
                        SELECT count(*) FILTER (WHERE released_at IS NULL) AS redemptions,
                               count(DISTINCT user_id) FILTER (WHERE released_at IS NULL) AS users,
                               count(*) FILTER (WHERE released_at IS NOT NULL) AS released,
                               COALESCE(sum(discount_cents) FILTER (WHERE released_at IS NULL), 0)::bigint AS discount
                          FROM promo_code_redemptions WHERE promo_code_id = $1""")
                .execute(Tuple.of(promoCodeId)).map(rows -> rows.iterator().next());
        Uni<List<PromoCodeStats.RedemptionView>> recent = pool.preparedQuery("""
                        SELECT id, user_id, order_id, amount_cents, discount_cents, created_at, released_at
                          FROM promo_code_redemptions WHERE promo_code_id = $1
                         ORDER BY created_at DESC, id LIMIT 50""")
                .execute(Tuple.of(promoCodeId)).map(rows -> {
                    List<PromoCodeStats.RedemptionView> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new PromoCodeStats.RedemptionView(r.getUUID("id"), r.getUUID("user_id"),
                                r.getUUID("order_id"), Money.fromCents(r.getLong("amount_cents")),
                                Money.fromCents(r.getLong("discount_cents")), r.getOffsetDateTime("created_at"),
                                r.getOffsetDateTime("released_at")));
                    }
                    return out;
                });
        return Uni.combine().all().unis(totals, recent).asTuple().map(t -> new StatsRow(
                t.getItem1().getLong("redemptions"), t.getItem1().getLong("users"), t.getItem1().getLong("released"),
                t.getItem1().getLong("discount"), t.getItem2()));
    }

    /**
     * Checks every rule and counts one use in ONE statement:
     * <ol>
     *   <li>{@code pc} locks the code's row ({@code FOR UPDATE}), so redemptions of one code run one
     *       after the other and each sees the latest {@code used_count} (READ COMMITTED re-reads the
     *       locked row); {@code chk} then decides the rule broken, if any, on that latest row;</li>
     *   <li>{@code uu} counts the user's use on their counter row; {@code ON CONFLICT DO UPDATE ... WHERE
     *       uses < limit} also works on the latest committed row (a count over redemptions would read
     *       the statement's older snapshot and let a concurrent second use through);</li>
     *   <li>{@code upd} adds the use to the code, only when {@code chk} found nothing and the user's
     *       counter moved — since the row is locked, it cannot fail after {@code uu} succeeded, so
     *       no per-user use is ever counted without its redemption;</li>
     *   <li>{@code ins} records the redemption.</li>
     * </ol>
     * Discount: PERCENTAGE = round(amount × percent / 100) (half away from zero = half-up here),
     * FIXED_AMOUNT = the fixed cents; both capped at the amount (same rule as {@link Discounts}).
     */
    public Uni<RedeemOutcome> redeem(SqlClient client, UUID redemptionId, UUID festivalId, String code, UUID userId,
                                     long amountCents, UUID categoryId, UUID orderId) {
        Tuple t = Tuple.tuple().addValue(festivalId).addValue(code).addValue(userId).addValue(amountCents)
                .addValue(categoryId).addValue(orderId).addValue(redemptionId);
        return client.preparedQuery("""
                        WITH pc AS (
                            SELECT p.* FROM promo_codes p
                             WHERE p.festival_id = $1 AND p.code = upper($2) AND p.deleted_at IS NULL
                               FOR UPDATE
                        ), chk AS (
                            SELECT pc.id, pc.code, pc.max_uses_per_user,
                                   CASE WHEN pc.discount_type = 'PERCENTAGE'
                                        THEN LEAST($4::bigint, round($4::bigint * pc.percent_off / 100)::bigint)
                                        ELSE LEAST($4::bigint, pc.amount_off_cents) END AS discount_cents,
                                   CASE WHEN NOT pc.is_active THEN 'inactive'
                                        WHEN pc.valid_from IS NOT NULL AND now() < pc.valid_from THEN 'not_yet_valid'
                                        WHEN pc.expires_at IS NOT NULL AND now() >= pc.expires_at THEN 'expired'
                                        WHEN pc.max_uses IS NOT NULL AND pc.used_count >= pc.max_uses THEN 'exhausted'
                                        WHEN $4::bigint < pc.min_amount_cents THEN 'min_amount'
                                        WHEN cardinality(pc.category_ids) > 0
                                             AND ($5::uuid IS NULL OR NOT ($5::uuid = ANY (pc.category_ids)))
                                             THEN 'not_applicable'
                                        WHEN pc.max_uses_per_user IS NOT NULL AND $3::uuid IS NULL THEN 'per_user_limit'
                                   END AS rejection
                              FROM pc
                        ), uu AS (
                            INSERT INTO promo_code_user_uses AS u (promo_code_id, user_id, uses)
                            SELECT chk.id, $3::uuid, 1 FROM chk
                             WHERE chk.rejection IS NULL AND chk.max_uses_per_user IS NOT NULL
                            ON CONFLICT (promo_code_id, user_id) DO UPDATE SET uses = u.uses + 1
                             WHERE u.uses < (SELECT chk.max_uses_per_user FROM chk)
                            RETURNING u.promo_code_id
                        ), upd AS (
                            UPDATE promo_codes p SET used_count = p.used_count + 1, updated_at = now()
                              FROM chk
                             WHERE p.id = chk.id AND chk.rejection IS NULL
                               AND (chk.max_uses_per_user IS NULL OR EXISTS (SELECT 1 FROM uu))
                            RETURNING p.id, chk.discount_cents
                        ), ins AS (
                            INSERT INTO promo_code_redemptions
                                   (id, promo_code_id, festival_id, user_id, order_id, amount_cents, discount_cents)
                            SELECT $7, upd.id, $1, $3::uuid, $6::uuid, $4::bigint, upd.discount_cents FROM upd
                            RETURNING id, discount_cents
                        )
                        SELECT chk.id, chk.code, chk.rejection, ins.id AS redemption_id, ins.discount_cents
                          FROM chk LEFT JOIN ins ON true""")
                .execute(t)
                .map(rows -> {
                    if (rows.size() == 0) {
                        return new RedeemOutcome(null, null, Rejection.UNKNOWN, null, 0);
                    }
                    Row r = rows.iterator().next();
                    UUID redeemed = r.getUUID("redemption_id");
                    if (redeemed != null) {
                        return new RedeemOutcome(r.getUUID("id"), r.getString("code"), null, redeemed,
                                r.getLong("discount_cents"));
                    }
                    String reason = r.getString("rejection");
                    // no rule broken but nothing counted: the user's counter was at its limit
                    return new RedeemOutcome(r.getUUID("id"), r.getString("code"),
                            reason == null ? Rejection.PER_USER_LIMIT : Rejection.ofReason(reason), null, 0);
                });
    }

    /**
     * Gives back the uses of the redemptions matching {@code column = id} (an order's, or one
     * redemption), once: a released redemption is not released again. Answers how many were released.
     */
    public Uni<Integer> release(SqlClient client, boolean byOrder, UUID id) {
        String where = byOrder ? "order_id = $1" : "id = $1";
        return client.preparedQuery("""
                        WITH r AS (
                            UPDATE promo_code_redemptions SET released_at = now()
                             WHERE %s AND released_at IS NULL
                            RETURNING promo_code_id, user_id
                        ), g AS (
                            UPDATE promo_codes p SET used_count = GREATEST(p.used_count - n.n, 0), updated_at = now()
                              FROM (SELECT promo_code_id, count(*)::int AS n FROM r GROUP BY promo_code_id) n
                             WHERE p.id = n.promo_code_id
                            RETURNING p.id
                        ), u AS (
                            UPDATE promo_code_user_uses uu SET uses = GREATEST(uu.uses - n.n, 0)
                              FROM (SELECT promo_code_id, user_id, count(*)::int AS n FROM r
                                     WHERE user_id IS NOT NULL GROUP BY promo_code_id, user_id) n
                             WHERE uu.promo_code_id = n.promo_code_id AND uu.user_id = n.user_id
                            RETURNING uu.user_id
                        )
                        SELECT count(*)::int AS released FROM r""".formatted(where))
                .execute(Tuple.of(id)).map(rows -> rows.iterator().next().getInteger("released"));
    }

    private static PromoCode first(RowSet<Row> rows) {
        return rows.size() == 0 ? null : row(rows.iterator().next());
    }

    private static List<PromoCode> all(RowSet<Row> rows) {
        List<PromoCode> out = new ArrayList<>();
        rows.forEach(r -> out.add(row(r)));
        return out;
    }

    static PromoCode row(Row r) {
        UUID[] cats = r.getArrayOfUUIDs("category_ids");
        return new PromoCode(r.getUUID("id"), r.getUUID("festival_id"), r.getString("code"), r.getString("description"),
                DiscountType.valueOf(r.getString("discount_type")), r.getBigDecimal("percent_off"),
                r.getLong("amount_off_cents"), r.getInteger("max_uses"), r.getInteger("used_count"),
                r.getInteger("max_uses_per_user"), r.getLong("min_amount_cents"), r.getOffsetDateTime("valid_from"),
                r.getOffsetDateTime("expires_at"), r.getBoolean("is_active"), r.getBoolean("stackable"),
                cats == null ? List.of() : Arrays.asList(cats), r.getUUID("created_by"),
                r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"));
    }
}
