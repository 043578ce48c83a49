package dev.festival.audit;

import dev.festival.audit.dto.AuditEntryView;
import dev.festival.common.paging.Page;
import dev.festival.common.paging.PageRequest;
import dev.festival.common.security.CurrentUser;
import dev.festival.common.security.FestivalAccess;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reading the audit trail (written by {@code common.audit.AuditLog}): an ADMIN reads every entry,
 * an organiser only the entries of festivals they own or co-organise — decided by
 * {@link FestivalAccess}, like every festival right.
 */
@ApplicationScoped
public class AuditService {
    public static final Set<String> SORTABLE = Set.of("occurredAt", "action");
    public static final String DEFAULT_SORT = "occurredAt";

    /** The filters of the list; null means "any". */
    public record Filter(String action, UUID userId, UUID actorId, UUID festivalId, String outcome,
                         OffsetDateTime from, OffsetDateTime to) {}

    @Inject
    Pool pool;

    @Inject
    FestivalAccess access;

    @Inject
    CurrentUser currentUser;

    /**
     * GET /api/audit-logs. An organiser naming a festival must organise it (403 otherwise); without
     * one they see the entries of all the festivals they organise, never entries without a festival.
     */
    public Uni<Page<AuditEntryView>> list(Filter filter, PageRequest page) {
        if (currentUser.isAdmin()) {
            return query(filter, null, page);
        }
        if (filter.festivalId() != null) {
            return access.require(filter.festivalId(), FestivalAccess.Level.ORG)
                    .flatMap(g -> query(filter, List.of(filter.festivalId()), page));
        }
        return access.orgOrMemberFestivals(currentUser.id())
                .flatMap(festivals -> query(filter, festivals, page));
    }

    /** GET /api/festivals/:id/audit-logs: the festival's org only. */
    public Uni<Page<AuditEntryView>> listForFestival(UUID festivalId, Filter filter, PageRequest page) {
        Filter scoped = new Filter(filter.action(), filter.userId(), filter.actorId(), festivalId, filter.outcome(),
                filter.from(), filter.to());
        return access.require(festivalId, FestivalAccess.Level.ORG)
                .flatMap(g -> query(scoped, List.of(festivalId), page));
    }

    /** {@code festivals} null = no tenant restriction (ADMIN). */
    private Uni<Page<AuditEntryView>> query(Filter f, List<UUID> festivals, PageRequest page) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        if (festivals != null) {
            args.add(festivals.toArray(UUID[]::new));
            where.append(" AND festival_id = ANY($").append(args.size()).append(')');
        }
        if (f.festivalId() != null) {
            args.add(f.festivalId());
            where.append(" AND festival_id = $").append(args.size());
        }
        if (f.action() != null) {
            // "login" matches login and login.failed; "2fa" every two-factor entry
            args.add(f.action());
            where.append(" AND (action = $").append(args.size()).append(" OR action LIKE $").append(args.size())
                    .append(" || '.%')");
        }
        if (f.userId() != null) {
            args.add(f.userId());
            where.append(" AND user_id = $").append(args.size());
        }
        if (f.actorId() != null) {
            args.add(f.actorId());
            where.append(" AND actor_id = $").append(args.size());
        }
        if (f.outcome() != null) {
            args.add(f.outcome());
            where.append(" AND outcome = $").append(args.size());
        }
        if (f.from() != null) {
            args.add(f.from());
            where.append(" AND occurred_at >= $").append(args.size());
        }
        if (f.to() != null) {
            args.add(f.to());
            where.append(" AND occurred_at < $").append(args.size());
        }
        String column = "action".equals(page.sortBy()) ? "action" : "occurred_at";
        String order = " ORDER BY " + column + " " + page.direction() + ", id " + page.direction();
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add((long) page.limit());
        pageArgs.add(page.offset());
        return pool.preparedQuery("SELECT count(*) FROM audit_logs" + where).execute(Tuple.from(args))
                .flatMap(count -> pool.preparedQuery("""
                                SELECT id, occurred_at, action, outcome, actor_id, user_id, festival_id, ip_address,
                                       user_agent, request_id, details FROM audit_logs""" + where + order
                                + " LIMIT $" + (args.size() + 1) + " OFFSET $" + (args.size() + 2))
                        .execute(Tuple.from(pageArgs))
                        .map(rows -> {
                            List<AuditEntryView> items = new ArrayList<>(rows.size());
                            rows.forEach(r -> items.add(view(r)));
                            return Page.of(items, count.iterator().next().getLong(0), page);
                        }));
    }

    private static AuditEntryView view(Row r) {
        Object details = r.getValue("details");
        Map<String, Object> map = details instanceof JsonObject json ? json.getMap() : Map.of();
        return new AuditEntryView(r.getUUID("id"), r.getOffsetDateTime("occurred_at"), r.getString("action"),
                r.getString("outcome"), r.getUUID("actor_id"), r.getUUID("user_id"), r.getUUID("festival_id"),
                r.getString("ip_address"), r.getString("user_agent"), r.getString("request_id"), map);
    }
}
