package dev.festival.festivals;

import dev.festival.common.db.ReadReplica;
import dev.festival.common.paging.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The SQL of festivals and their members, on the reactive PG client: every write is one
 * statement whose WHERE clause carries the rule (slug uniqueness, allowed transitions), so
 * concurrent requests cannot interleave a read and a write.
 */
@ApplicationScoped
public class FestivalStore {
    /** Leading and trailing spaces: text blocks strip trailing blanks, so "RETURNING" + COLUMNS needs them. */
    static final String COLUMNS = " " + """
            f.id, f.name, f.slug, f.description, f.location, f.address, f.country, f.start_date, f.end_date,
            f.timezone, f.currency, f.max_capacity, f.current_attendees, f.status, f.genres, f.is_featured,
            f.logo_url, f.banner_url, f.website_url, f.contact_email, f.organizer_id, f.created_at, f.updated_at""" + " ";

    /** Sortable API fields and their columns. */
    static final Map<String, String> SORTABLE = Map.of(
            "startDate", "f.start_date", "endDate", "f.end_date", "name", "lower(f.name)",
            "createdAt", "f.created_at", "updatedAt", "f.updated_at", "status", "f.status",
            "maxCapacity", "f.max_capacity", "country", "lower(f.country)", "location", "lower(f.location)");

    public record NewFestival(UUID id, String name, String description, String location, String address,
                              String country, OffsetDateTime startDate, OffsetDateTime endDate, String timezone,
                              String currency, int maxCapacity, FestivalStatus status, List<String> genres,
                              boolean featured, String logoUrl, String bannerUrl, String websiteUrl,
                              String contactEmail, UUID organizerId) {}

    /** Fields to change; null keeps the stored value. */
    public record Changes(String name, String slug, String description, String location, String address,
                         String country, OffsetDateTime startDate, OffsetDateTime endDate, String timezone,
                         String currency, Integer maxCapacity, List<String> genres, Boolean featured,
                         String logoUrl, String bannerUrl, String websiteUrl, String contactEmail,
                         FestivalStatus status) {}

    public record Slice<T>(List<T> rows, long total) {}

    public record MemberRow(UUID festivalId, UUID userId, String role, UUID addedBy, OffsetDateTime createdAt) {}

    @Inject
    Pool pool;

    @Inject
    ReadReplica replica;

    /** Inserts with this slug; null when the slug is taken (the unique index decides). */
    public Uni<Festival> insert(NewFestival n, String slug) {
        Tuple t = Tuple.tuple();
        t.addValue(n.id()).addValue(n.name()).addValue(slug).addValue(n.description()).addValue(n.location())
                .addValue(n.address()).addValue(n.country()).addValue(n.startDate()).addValue(n.endDate())
                .addValue(n.timezone()).addValue(n.currency()).addValue(n.maxCapacity()).addValue(n.status().name())
                .addValue(n.genres().toArray(new String[0])).addValue(n.featured()).addValue(n.logoUrl())
                .addValue(n.bannerUrl()).addValue(n.websiteUrl()).addValue(n.contactEmail()).addValue(n.organizerId());
        return pool.preparedQuery("""
                        INSERT INTO festivals AS f (id, name, slug, description, location, address, country, start_date,
                               end_date, timezone, currency, max_capacity, status, genres, is_featured, logo_url,
                               banner_url, website_url, contact_email, organizer_id)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
                        ON CONFLICT (slug) DO NOTHING
                        RETURNING """ + COLUMNS)
                .execute(t)
                .map(FestivalStore::firstOrNull);
    }

    /** The next free numeric suffix for a slug base: "rock-fest" taken with "rock-fest-2" → 3. */
    public Uni<Integer> nextSlugNumber(String base) {
        return pool.preparedQuery("""
                        SELECT COALESCE(MAX(substring(slug FROM '-([0-9]{1,9})$')::bigint), 1) + 1 AS n
                          FROM festivals WHERE slug ~ ('^' || $1 || '-[0-9]{1,9}$')""")
                .execute(Tuple.of(base))
                .map(rows -> (int) Math.min(rows.iterator().next().getLong("n"), Integer.MAX_VALUE));
    }

    public Uni<Festival> findById(UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM festivals f WHERE f.id = $1 AND f.deleted_at IS NULL")
                .execute(Tuple.of(id)).map(FestivalStore::firstOrNull);
    }

    public Uni<Festival> findBySlug(String slug) {
        return pool.preparedQuery("SELECT " + COLUMNS
                        + " FROM festivals f WHERE f.slug = lower($1) AND f.deleted_at IS NULL")
                .execute(Tuple.of(slug)).map(FestivalStore::firstOrNull);
    }

    /**
     * Applies the changes in one statement. A status change only happens from an allowed state; null
     * means nothing matched (deleted meanwhile, or a transition that is not allowed).
     */
    public Uni<Festival> update(UUID id, Changes c) {
        String[] from = c.status() == null ? new String[0]
                : c.status().allowedFrom().stream().map(Enum::name).toArray(String[]::new);
        Tuple t = Tuple.tuple();
        t.addValue(id).addValue(c.name()).addValue(c.slug()).addValue(c.description()).addValue(c.location())
                .addValue(c.address()).addValue(c.country()).addValue(c.startDate()).addValue(c.endDate())
                .addValue(c.timezone()).addValue(c.currency()).addValue(c.maxCapacity())
                .addValue(c.genres() == null ? null : c.genres().toArray(new String[0])).addValue(c.featured())
                .addValue(c.logoUrl()).addValue(c.bannerUrl()).addValue(c.websiteUrl()).addValue(c.contactEmail())
                .addValue(c.status() == null ? null : c.status().name()).addValue(from);
        return pool.preparedQuery("""
                        UPDATE festivals AS f SET
                               name = COALESCE($2::text, name), slug = COALESCE($3::text, slug),
                               description = COALESCE($4::text, description), location = COALESCE($5::text, location),
                               address = COALESCE($6::text, address), country = COALESCE($7::text, country),
                               start_date = COALESCE($8::timestamptz, start_date),
                               end_date = COALESCE($9::timestamptz, end_date),
                               timezone = COALESCE($10::text, timezone), currency = COALESCE($11::text, currency),
                               max_capacity = COALESCE($12::int, max_capacity), genres = COALESCE($13::text[], genres),
                               is_featured = COALESCE($14::boolean, is_featured),
                               logo_url = COALESCE($15::text, logo_url), banner_url = COALESCE($16::text, banner_url),
                               website_url = COALESCE($17::text, website_url),
                               contact_email = COALESCE($18::text, contact_email),
                               status = COALESCE($19::text, status), updated_at = now()
                         WHERE id = $1 AND deleted_at IS NULL
                           AND ($19::text IS NULL OR status = $19::text OR status = ANY($20::text[]))
                        RETURNING """ + COLUMNS)
                .execute(t).map(FestivalStore::firstOrNull);
    }

    /** Moves to {@code target} only from one of its allowed states; null when the current state forbids it. */
    public Uni<Festival> transition(UUID id, FestivalStatus target) {
        String[] from = target.allowedFrom().stream().map(Enum::name).toArray(String[]::new);
        return pool.preparedQuery("UPDATE festivals AS f SET status = $2, updated_at = now()"
                        + " WHERE id = $1 AND deleted_at IS NULL AND status = ANY($3::text[]) RETURNING " + COLUMNS)
                .execute(Tuple.of(id, target.name(), from)).map(FestivalStore::firstOrNull);
    }

    /** Soft delete; false when there was nothing (left) to delete. */
    public Uni<Boolean> softDelete(UUID id) {
        return pool.preparedQuery("UPDATE festivals SET deleted_at = now(), updated_at = now()"
                        + " WHERE id = $1 AND deleted_at IS NULL")
                .execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1);
    }

    public Uni<Slice<Festival>> list(FestivalQuery q, Set<FestivalStatus> statuses) {
        return list(pool, q, statuses);
    }

    /** The same list from the read replica when there is one: for the public (cached) list only. */
    public Uni<Slice<Festival>> listFromReplica(FestivalQuery q, Set<FestivalStatus> statuses) {
        return list(replica.pool(), q, statuses);
    }

    private Uni<Slice<Festival>> list(Pool pool, FestivalQuery q, Set<FestivalStatus> statuses) {
        List<String> where = new ArrayList<>();
        Tuple t = Tuple.tuple();
        where.add("f.deleted_at IS NULL");
        if (statuses != null) {
            t.addValue(statuses.stream().map(Enum::name).toArray(String[]::new));
            where.add("f.status = ANY($" + t.size() + "::text[])");
        }
        if (q.search() != null) {
            t.addValue(q.search());
            int n = t.size();
            // strpos, not LIKE: the search text needs no escaping of % and _
            where.add("(strpos(lower(f.name), lower($" + n + ")) > 0 OR strpos(lower(COALESCE(f.description, '')), lower($"
                    + n + ")) > 0 OR strpos(lower(f.location), lower($" + n + ")) > 0)");
        }
        if (q.organizerId() != null) {
            t.addValue(q.organizerId());
            where.add("f.organizer_id = $" + t.size());
        }
        if (q.country() != null) {
            t.addValue(q.country());
            where.add("lower(f.country) = lower($" + t.size() + ")");
        }
        if (q.startDateFrom() != null) {
            t.addValue(q.startDateFrom());
            where.add("f.start_date >= $" + t.size());
        }
        if (q.startDateTo() != null) {
            t.addValue(q.startDateTo());
            where.add("f.start_date <= $" + t.size());
        }
        if (q.genre() != null) {
            t.addValue(q.genre());
            where.add("EXISTS (SELECT 1 FROM unnest(f.genres) g WHERE lower(g) = lower($" + t.size() + "))");
        }
        if (q.featuredOnly()) {
            where.add("f.is_featured AND f.end_date >= now()");
        }
        if (q.ownerOrOrganizer() != null) {
            t.addValue(q.ownerOrOrganizer());
            int n = t.size();
            where.add("(f.organizer_id = $" + n + " OR EXISTS (SELECT 1 FROM festival_members m"
                    + " WHERE m.festival_id = f.id AND m.user_id = $" + n + " AND m.role = 'ORGANIZER'))");
        }
        PageRequest p = q.page();
        String order = q.explicitSort()
                ? SORTABLE.getOrDefault(p.sortBy(), "f.start_date") + " " + p.direction() + " NULLS LAST, f.id"
                // upcoming first: running and future festivals soonest first, then past ones most recent first
                : "(f.end_date < now()), CASE WHEN f.end_date >= now() THEN f.start_date END ASC,"
                        + " f.start_date DESC, f.id";
        String whereSql = String.join(" AND ", where);
        t.addValue(p.limit()).addValue(p.offset());
        String sql = "SELECT " + COLUMNS + ", count(*) OVER () AS total FROM festivals f WHERE " + whereSql
                + " ORDER BY " + order + " LIMIT $" + (t.size() - 1) + " OFFSET $" + t.size();
        Tuple countArgs = Tuple.tuple();
        for (int i = 0; i < t.size() - 2; i++) {
            countArgs.addValue(t.getValue(i));
        }
        return pool.preparedQuery(sql).execute(t).flatMap(rows -> {
            List<Festival> list = new ArrayList<>();
            long total = 0;
            for (Row r : rows) {
                list.add(map(r));
                total = r.getLong("total");
            }
            if (!list.isEmpty() || p.offset() == 0) {
                return Uni.createFrom().item(new Slice<>(list, total));
            }
            // a page past the end has no row to carry the total
            return pool.preparedQuery("SELECT count(*) AS total FROM festivals f WHERE " + whereSql)
                    .execute(countArgs)
                    .map(c -> new Slice<>(list, c.iterator().next().getLong("total")));
        });
    }

    // ---------------------------------------------------------------- members

    /**
     * Adds the member or changes their role. Null when the user is the festival's owner (who needs
     * no membership); {@code inserted} tells a new member from a role change.
     */
    public Uni<Map.Entry<MemberRow, Boolean>> upsertMember(UUID festivalId, UUID userId, String role, UUID addedBy) {
        return pool.preparedQuery("""
                        INSERT INTO festival_members (festival_id, user_id, role, added_by)
                        SELECT $1, $2, $3, $4
                         WHERE NOT EXISTS (SELECT 1 FROM festivals WHERE id = $1 AND organizer_id = $2)
                        ON CONFLICT (festival_id, user_id) DO UPDATE SET role = EXCLUDED.role
                        RETURNING festival_id, user_id, role, added_by, created_at, (xmax = 0) AS inserted""")
                .execute(Tuple.of(festivalId, userId, role, addedBy))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return Map.entry(member(r), r.getBoolean("inserted"));
                });
    }

    public Uni<Boolean> removeMember(UUID festivalId, UUID userId) {
        return pool.preparedQuery("DELETE FROM festival_members WHERE festival_id = $1 AND user_id = $2")
                .execute(Tuple.of(festivalId, userId)).map(rows -> rows.rowCount() == 1);
    }

    public Uni<Slice<MemberRow>> members(UUID festivalId, String role, PageRequest p) {
        return pool.preparedQuery("""
                        SELECT festival_id, user_id, role, added_by, created_at, count(*) OVER () AS total
                          FROM festival_members
                         WHERE festival_id = $1 AND ($2::text IS NULL OR role = $2::text)
                         ORDER BY created_at, user_id LIMIT $3 OFFSET $4""")
                .execute(Tuple.of(festivalId, role, p.limit(), p.offset()))
                .flatMap(rows -> {
                    List<MemberRow> list = new ArrayList<>();
                    long total = 0;
                    for (Row r : rows) {
                        list.add(member(r));
                        total = r.getLong("total");
                    }
                    if (!list.isEmpty() || p.offset() == 0) {
                        return Uni.createFrom().item(new Slice<>(list, total));
                    }
                    return pool.preparedQuery("SELECT count(*) AS total FROM festival_members"
                                    + " WHERE festival_id = $1 AND ($2::text IS NULL OR role = $2::text)")
                            .execute(Tuple.of(festivalId, role))
                            .map(c -> new Slice<>(list, c.iterator().next().getLong("total")));
                });
    }

    private static MemberRow member(Row r) {
        return new MemberRow(r.getUUID("festival_id"), r.getUUID("user_id"), r.getString("role"),
                r.getUUID("added_by"), r.getOffsetDateTime("created_at"));
    }

    private static Festival firstOrNull(RowSet<Row> rows) {
        return rows.size() == 0 ? null : map(rows.iterator().next());
    }

    static Festival map(Row r) {
        String[] genres = r.getArrayOfStrings("genres");
        return new Festival(r.getUUID("id"), r.getString("name"), r.getString("slug"), r.getString("description"),
                r.getString("location"), r.getString("address"), r.getString("country"),
                r.getOffsetDateTime("start_date"), r.getOffsetDateTime("end_date"), r.getString("timezone"),
                r.getString("currency"), r.getInteger("max_capacity"), r.getInteger("current_attendees"),
                FestivalStatus.valueOf(r.getString("status")), genres == null ? List.of() : Arrays.asList(genres),
                r.getBoolean("is_featured"), r.getString("logo_url"), r.getString("banner_url"),
                r.getString("website_url"), r.getString("contact_email"), r.getUUID("organizer_id"),
                r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"));
    }
}
