package dev.festival.tickets;

import dev.festival.common.error.ApiException;
import dev.festival.common.money.Money;
import dev.festival.common.security.FestivalAccess;
import dev.festival.festivals.FestivalService;
import dev.festival.festivals.dto.TicketCategorySummary;
import dev.festival.tickets.dto.CategoryRequest;
import dev.festival.tickets.dto.CategoryView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Ticket categories of a festival, managed by its org. Counters (sold, reserved) are only moved by
 * purchases, payments and cancellations (TicketService), never by these writes.
 */
@ApplicationScoped
public class TicketCategoryService {
    static final Set<String> TYPES = Set.of("STANDARD", "VIP", "BACKSTAGE", "CAMPING", "PARKING", "COMBO");
    static final String COLUMNS = """
            id, festival_id, name, description, type, price_cents, currency, quota, sold_count, reserved_count,
            max_per_user, max_per_order, sale_start, sale_end, is_active, is_visible, zone_ids, sort_order,
            created_at, updated_at""";

    @Inject
    Pool pool;

    @Inject
    FestivalAccess access;

    @Inject
    FestivalService festivals;

    @Inject
    CategoryCache cache;

    /** Public: visible categories; the festival's org also sees hidden and inactive ones. */
    public Uni<List<CategoryView>> list(UUID festivalId) {
        return access.grantIfSignedIn(festivalId).flatMap(g -> {
            if (g != null && g.isOrg()) {
                return load(festivalId, true);
            }
            // An anonymous caller learns 404 for a festival that does not exist (checked on a cache miss).
            return cache.get(festivalId, () -> festivals.require(festivalId).flatMap(f -> load(festivalId, false)));
        });
    }

    /** For the festival JSON's {@code ticketCategories}: up to 5 active, visible categories each, cheapest first. */
    public Uni<Map<UUID, List<TicketCategorySummary>>> summaries(Collection<UUID> festivalIds) {
        return pool.preparedQuery("""
                        SELECT id, festival_id, name, price_cents, is_active FROM (
                            SELECT id, festival_id, name, price_cents, is_active,
                                   row_number() OVER (PARTITION BY festival_id
                                                      ORDER BY price_cents, sort_order, name) AS rn
                              FROM ticket_categories
                             WHERE festival_id = ANY($1) AND deleted_at IS NULL AND is_active AND is_visible) c
                         WHERE rn <= 5
                         ORDER BY festival_id, rn""")
                .execute(Tuple.of(festivalIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, List<TicketCategorySummary>> out = new HashMap<>();
                    festivalIds.forEach(id -> out.put(id, new ArrayList<>()));
                    rows.forEach(r -> out.computeIfAbsent(r.getUUID("festival_id"), k -> new ArrayList<>())
                            .add(new TicketCategorySummary(r.getUUID("id"), r.getString("name"),
                                    Money.fromCents(r.getLong("price_cents")), r.getBoolean("is_active"))));
                    return out;
                });
    }

    private Uni<List<CategoryView>> load(UUID festivalId, boolean all) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM ticket_categories WHERE festival_id = $1"
                        + " AND deleted_at IS NULL" + (all ? "" : " AND is_visible")
                        + " ORDER BY sort_order, price_cents, name")
                .execute(Tuple.of(festivalId))
                .map(rows -> {
                    List<CategoryView> out = new ArrayList<>();
                    rows.forEach(r -> out.add(view(r)));
                    return out;
                });
    }

    public Uni<CategoryView> get(UUID festivalId, UUID categoryId) {
        return access.grantIfSignedIn(festivalId).flatMap(g -> find(festivalId, categoryId).map(c -> {
            if (c == null || (!c.isVisible() && (g == null || !g.isOrg()))) {
                throw ApiException.notFound("Ticket category");
            }
            return c;
        }));
    }

    Uni<CategoryView> find(UUID festivalId, UUID categoryId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM ticket_categories WHERE id = $1 AND festival_id = $2"
                        + " AND deleted_at IS NULL")
                .execute(Tuple.of(categoryId, festivalId))
                .map(rows -> rows.size() == 0 ? null : view(rows.iterator().next()));
    }

    public Uni<CategoryView> create(UUID festivalId, CategoryRequest r) {
        if (r == null) {
            throw ApiException.invalidField("name", "is required");
        }
        checkFestivalId(festivalId, r.festivalId());
        String name = required(r.name(), "name");
        long price = price(r);
        if (r.price() == null) {
            throw ApiException.invalidField("price", "is required");
        }
        if (r.quota() == null) {
            throw ApiException.invalidField("quota", "is required");
        }
        int quota = nonNegative(r.quota(), "quota");
        String type = type(r.type(), "STANDARD");
        int maxPerUser = r.maxPerUser() == null ? 10 : positive(r.maxPerUser(), "maxPerUser");
        int maxPerOrder = r.maxPerOrder() == null ? 10 : positive(r.maxPerOrder(), "maxPerOrder");
        OffsetDateTime start = time(r.saleStartDate(), "saleStartDate");
        OffsetDateTime end = time(r.saleEndDate(), "saleEndDate");
        checkWindow(start, end);
        UUID id = UUID.randomUUID();
        return access.require(festivalId, FestivalAccess.Level.ORG)
                .flatMap(g -> festivals.require(festivalId))
                .flatMap(f -> pool.preparedQuery("""
                                INSERT INTO ticket_categories (id, festival_id, name, description, type, price_cents,
                                    currency, quota, max_per_user, max_per_order, sale_start, sale_end, is_active,
                                    is_visible, zone_ids, sort_order)
                                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
                                RETURNING""" + " " + COLUMNS)
                        .execute(Tuple.from(new Object[] {id, festivalId, name, trim(r.description()), type, price,
                                f.currency().trim(), quota, maxPerUser, maxPerOrder, start, end,
                                r.isActive() == null || r.isActive(), r.isVisible() == null || r.isVisible(),
                                zones(r.zoneIds()), r.sortOrder() == null ? 0 : r.sortOrder()})))
                .map(rows -> view(rows.iterator().next()))
                .call(c -> cache.invalidate(festivalId)).call(c -> festivals.invalidatePublicCache());
    }

    /** Partial update (PUT and PATCH alike): absent fields keep their value. */
    public Uni<CategoryView> update(UUID festivalId, UUID categoryId, CategoryRequest r) {
        if (r == null) {
            throw ApiException.invalidField("body", "is required");
        }
        checkFestivalId(festivalId, r.festivalId());
        if (r.name() != null) {
            required(r.name(), "name");
        }
        Long price = r.price() == null ? null : price(r);
        Integer quota = r.quota() == null ? null : nonNegative(r.quota(), "quota");
        String type = r.type() == null ? null : type(r.type(), null);
        Integer maxPerUser = r.maxPerUser() == null ? null : positive(r.maxPerUser(), "maxPerUser");
        Integer maxPerOrder = r.maxPerOrder() == null ? null : positive(r.maxPerOrder(), "maxPerOrder");
        OffsetDateTime start = time(r.saleStartDate(), "saleStartDate");
        OffsetDateTime end = time(r.saleEndDate(), "saleEndDate");
        checkWindow(start, end);
        return access.require(festivalId, FestivalAccess.Level.ORG)
                .flatMap(g -> pool.preparedQuery("""
                                UPDATE ticket_categories SET
                                    name = COALESCE($3, name), description = COALESCE($4, description),
                                    type = COALESCE($5, type), price_cents = COALESCE($6, price_cents),
                                    quota = COALESCE($7, quota), max_per_user = COALESCE($8, max_per_user),
                                    max_per_order = COALESCE($9, max_per_order), sale_start = COALESCE($10, sale_start),
                                    sale_end = COALESCE($11, sale_end), is_active = COALESCE($12, is_active),
                                    is_visible = COALESCE($13, is_visible), zone_ids = COALESCE($14, zone_ids),
                                    sort_order = COALESCE($15, sort_order), updated_at = now()
                                 WHERE id = $1 AND festival_id = $2 AND deleted_at IS NULL
                                RETURNING""" + " " + COLUMNS)
                        .execute(Tuple.from(new Object[] {categoryId, festivalId, trim(r.name()),
                                trim(r.description()), type, price, quota, maxPerUser, maxPerOrder, start, end,
                                r.isActive(), r.isVisible(), r.zoneIds() == null ? null : zones(r.zoneIds()),
                                r.sortOrder()})))
                .onFailure(PgException.class).transform(TicketCategoryService::translate)
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ApiException.notFound("Ticket category");
                    }
                    return view(rows.iterator().next());
                })
                .call(c -> cache.invalidate(festivalId)).call(c -> festivals.invalidatePublicCache());
    }

    /** Soft delete: orders and tickets keep pointing at it; it leaves every list and stops selling. */
    public Uni<Void> delete(UUID festivalId, UUID categoryId) {
        return access.require(festivalId, FestivalAccess.Level.ORG)
                .flatMap(g -> pool.preparedQuery("UPDATE ticket_categories SET deleted_at = now(), is_active = false,"
                                + " updated_at = now() WHERE id = $1 AND festival_id = $2 AND deleted_at IS NULL")
                        .execute(Tuple.of(categoryId, festivalId)))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ApiException.notFound("Ticket category");
                    }
                    return rows;
                })
                .call(x -> cache.invalidate(festivalId)).call(x -> festivals.invalidatePublicCache())
                .replaceWithVoid();
    }

    // ------------------------------------------------------------------ helpers

    static CategoryView view(Row r) {
        int quota = r.getInteger("quota");
        int sold = r.getInteger("sold_count");
        int reserved = r.getInteger("reserved_count");
        String[] zones = r.getArrayOfStrings("zone_ids");
        return new CategoryView(r.getUUID("id"), r.getUUID("festival_id"), r.getString("name"),
                r.getString("description"), r.getString("type"), Money.fromCents(r.getLong("price_cents")),
                r.getString("currency").trim(), quota, sold, reserved, Math.max(0, quota - sold - reserved),
                r.getInteger("max_per_user"), r.getInteger("max_per_order"), r.getOffsetDateTime("sale_start"),
                r.getOffsetDateTime("sale_end"), r.getBoolean("is_active"), r.getBoolean("is_visible"),
                zones == null ? List.of() : Arrays.asList(zones), r.getInteger("sort_order"),
                r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"));
    }

    private static Throwable translate(Throwable e) {
        if (e instanceof PgException pg && "23514".equals(pg.getSqlState())) {
            String c = pg.getConstraint() == null ? String.valueOf(pg.getMessage()) : pg.getConstraint();
            if (c.contains("ticket_categories_quota")) {
                return ApiException.invalidField("quota", "must not be below the tickets already sold or reserved");
            }
            if (c.contains("sale_window")) {
                return ApiException.invalidField("saleEndDate", "must be after saleStartDate");
            }
        }
        return e;
    }

    private static void checkFestivalId(UUID pathId, String bodyId) {
        if (bodyId != null && !bodyId.isBlank() && !bodyId.trim().equalsIgnoreCase(pathId.toString())) {
            throw ApiException.invalidField("festivalId", "must equal the festival in the path");
        }
    }

    private static void checkWindow(OffsetDateTime start, OffsetDateTime end) {
        if (start != null && end != null && !end.isAfter(start)) {
            throw ApiException.invalidField("saleEndDate", "must be after saleStartDate");
        }
    }

    private static long price(CategoryRequest r) {
        long cents = Money.toCents(r.price(), "price");
        if (cents < 0) {
            throw ApiException.invalidField("price", "must be >= 0");
        }
        return cents;
    }

    private static String type(String raw, String dflt) {
        if (raw == null || raw.isBlank()) {
            if (dflt == null) {
                throw ApiException.invalidField("type", "must be one of " + TYPES);
            }
            return dflt;
        }
        String t = raw.trim().toUpperCase(Locale.ROOT);
        if (!TYPES.contains(t)) {
            throw ApiException.invalidField("type", "must be one of STANDARD, VIP, BACKSTAGE, CAMPING, PARKING, COMBO");
        }
        return t;
    }

    private static String required(String s, String field) {
        if (s == null || s.isBlank()) {
            throw ApiException.invalidField(field, "is required");
        }
        if (s.trim().length() > 200) {
            throw ApiException.invalidField(field, "must be at most 200 characters");
        }
        return s.trim();
    }

    private static int nonNegative(int v, String field) {
        if (v < 0) {
            throw ApiException.invalidField(field, "must be >= 0");
        }
        return v;
    }

    private static int positive(int v, String field) {
        if (v < 1) {
            throw ApiException.invalidField(field, "must be >= 1");
        }
        return v;
    }

    static OffsetDateTime time(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(field, "must be an ISO-8601 date-time with offset");
        }
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private static String[] zones(List<String> in) {
        if (in == null) {
            return new String[0];
        }
        return in.stream().filter(z -> z != null && !z.isBlank()).map(String::trim).distinct().toArray(String[]::new);
    }
}
