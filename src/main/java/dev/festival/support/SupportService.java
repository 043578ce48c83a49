package dev.festival.support;

import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.security.FestivalAccess;
import dev.festival.common.security.Role;
import dev.festival.support.dto.SupportMessageView;
import dev.festival.support.dto.SupportTicketView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Support tickets and their conversation (API.md "Support"): who may see a ticket, messages, status
 * and assignment. Used by the /support socket now and by the REST resource later.
 * <p>
 * Who is an agent of a ticket: an ADMIN; for a festival's ticket, that festival's org (owner,
 * ORGANIZER member) and its STAFF members; for a platform ticket (no festival), platform STAFF.
 * The ticket's owner and its agents see it; nobody else learns more than "not yours".
 */
@ApplicationScoped
public class SupportService {
    public static final Set<String> STATUSES = Set.of("OPEN", "IN_PROGRESS", "WAITING_FOR_USER", "RESOLVED", "CLOSED");
    public static final Set<String> MESSAGE_TYPES = Set.of("text", "image", "file");
    private static final String ACTIVE_LIMIT = "200";

    @Inject
    Pool pool;

    @Inject
    FestivalAccess access;

    /** The ticket and what the caller is on it. */
    public record TicketAccess(SupportTicketView ticket, boolean owner, boolean agent) {}

    /** A status change: the ticket after it, and the status before. */
    public record StatusChange(SupportTicketView ticket, String previousStatus) {}

    /** 404 when there is no such ticket, 403 ERR_3003 unless the caller owns it or is its agent. */
    public Uni<TicketAccess> access(UUID userId, Role role, UUID ticketId) {
        return pool.preparedQuery("SELECT " + SupportTicketView.COLUMNS + " FROM support_tickets WHERE id = $1")
                .execute(Tuple.of(ticketId))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().failure(ApiException.notFound("Support ticket"));
                    }
                    SupportTicketView ticket = SupportTicketView.of(rows.iterator().next());
                    boolean owner = ticket.userId().equals(userId);
                    return isAgent(userId, role, ticket.festivalId()).map(agent -> {
                        if (!owner && !agent) {
                            throw new ApiException(ErrorCode.NOT_OWNER, "Not your support ticket");
                        }
                        return new TicketAccess(ticket, owner, agent);
                    });
                });
    }

    /** Whether the user may act as a support agent on tickets of this festival (null: platform tickets). */
    public Uni<Boolean> isAgent(UUID userId, Role role, UUID festivalId) {
        if (role == Role.ADMIN) {
            return Uni.createFrom().item(true);
        }
        if (festivalId == null) {
            return Uni.createFrom().item(role == Role.STAFF);
        }
        return access.grantFor(festivalId, userId, false)
                .map(g -> g.isOrg() || g.hasMemberRole(Role.STAFF))
                .onFailure(ApiException.class).recoverWithItem(false);
    }

    /**
     * Stores a message (one statement: the ticket is touched, a user's reply to WAITING_FOR_USER moves
     * it to IN_PROGRESS, and a CLOSED ticket takes no message).
     */
    public Uni<SupportMessageView> postMessage(TicketAccess on, UUID senderId, Role senderRole, String content,
                                               String type) {
        String kind = type == null ? "text" : type.toLowerCase(Locale.ROOT);
        if (!MESSAGE_TYPES.contains(kind)) {
            return Uni.createFrom().failure(ApiException.invalidField("type", "must be one of text, image, file"));
        }
        boolean staff = on.agent() && !on.owner();
        return pool.preparedQuery("""
                        WITH t AS (
                            UPDATE support_tickets
                               SET updated_at = now(),
                                   status = CASE WHEN $4 AND status = 'WAITING_FOR_USER' THEN 'IN_PROGRESS' ELSE status END
                             WHERE id = $1 AND status <> 'CLOSED'
                         RETURNING id, festival_id)
                        INSERT INTO support_messages (id, ticket_id, festival_id, sender_id, content, type, is_staff)
                        SELECT $2, t.id, t.festival_id, $3, $5, $6, $7 FROM t
                        RETURNING id, ticket_id, sender_id, content, type, is_staff, created_at,
                                  -- display name, read-only from the users feature's table
                                  (SELECT u.first_name || ' ' || u.last_name FROM users u WHERE u.id = $3) AS sender_name""")
                .execute(Tuple.from(List.of(on.ticket().id(), UUID.randomUUID(), senderId, on.owner(), content, kind,
                        staff)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new ApiException(ErrorCode.INVALID_STATE_TRANSITION, "The support ticket is closed");
                    }
                    return message(rows.iterator().next(), senderRole);
                });
    }

    /** The ticket's latest messages, oldest first. */
    public Uni<List<SupportMessageView>> recentMessages(UUID ticketId, int limit) {
        return pool.preparedQuery("""
                        SELECT * FROM (
                            SELECT m.id, m.ticket_id, m.sender_id, m.content, m.type, m.is_staff, m.created_at,
                                   u.first_name || ' ' || u.last_name AS sender_name, u.role AS sender_role
                              FROM support_messages m LEFT JOIN users u ON u.id = m.sender_id
                             WHERE m.ticket_id = $1
                             ORDER BY m.created_at DESC, m.id DESC LIMIT $2) last
                         ORDER BY created_at, id""")
                .execute(Tuple.of(ticketId, limit))
                .map(rows -> {
                    List<SupportMessageView> list = new ArrayList<>();
                    rows.forEach(row -> list.add(message(row, Role.parse(row.getString("sender_role")))));
                    return list;
                });
    }

    /** Marks the other side's unread messages read; answers how many. */
    public Uni<Integer> markRead(UUID ticketId, UUID readerId) {
        return pool.preparedQuery("""
                        UPDATE support_messages SET read_at = now()
                         WHERE ticket_id = $1 AND sender_id <> $2 AND read_at IS NULL""")
                .execute(Tuple.of(ticketId, readerId))
                .map(rows -> rows.rowCount());
    }

    /**
     * Sets the status: agents any status, the owner only RESOLVED or CLOSED (their own ticket);
     * a CLOSED ticket stays closed (409 ERR_5009).
     */
    public Uni<StatusChange> updateStatus(TicketAccess on, String status) {
        String next = status == null ? null : status.trim().toUpperCase(Locale.ROOT);
        if (next == null || !STATUSES.contains(next)) {
            return Uni.createFrom().failure(ApiException.invalidField("status",
                    "must be one of OPEN, IN_PROGRESS, WAITING_FOR_USER, RESOLVED, CLOSED"));
        }
        if (!on.agent() && !("RESOLVED".equals(next) || "CLOSED".equals(next))) {
            return Uni.createFrom().failure(new ApiException(ErrorCode.ROLE_FORBIDDEN,
                    "Only a support agent may set this status"));
        }
        return pool.preparedQuery("""
                        UPDATE support_tickets t
                           SET status = $2, updated_at = now(),
                               resolved_at = CASE WHEN $2 IN ('RESOLVED','CLOSED') THEN coalesce(t.resolved_at, now()) END
                          FROM (SELECT id, status FROM support_tickets WHERE id = $1 FOR UPDATE) before
                         WHERE t.id = before.id AND t.status <> 'CLOSED'
                     RETURNING %s, before.status AS previous_status""".formatted(SupportTicketView.columns("t")))
                .execute(Tuple.of(on.ticket().id(), next))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new ApiException(ErrorCode.INVALID_STATE_TRANSITION, "The support ticket is closed");
                    }
                    Row row = rows.iterator().next();
                    return new StatusChange(SupportTicketView.of(row), row.getString("previous_status"));
                });
    }

    /** Assigns the ticket to an agent of it (an open ticket only); the caller must be an agent too. */
    public Uni<SupportTicketView> assign(TicketAccess on, UUID agentId) {
        if (!on.agent()) {
            return Uni.createFrom().failure(new ApiException(ErrorCode.ROLE_FORBIDDEN,
                    "Only a support agent may assign tickets"));
        }
        // the assignee's platform role, read-only from the users feature's table
        return pool.preparedQuery("SELECT role FROM users WHERE id = $1 AND status = 'ACTIVE'")
                .execute(Tuple.of(agentId))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().failure(ApiException.notFound("Agent"));
                    }
                    Role role = Role.parse(rows.iterator().next().getString("role"));
                    return isAgent(agentId, role, on.ticket().festivalId());
                })
                .flatMap(eligible -> {
                    if (!eligible) {
                        return Uni.createFrom().failure(ApiException.invalidField("agentId",
                                "is not a support agent of this ticket"));
                    }
                    return pool.preparedQuery("""
                                    UPDATE support_tickets
                                       SET assigned_to = $2, updated_at = now(),
                                           status = CASE WHEN status = 'OPEN' THEN 'IN_PROGRESS' ELSE status END
                                     WHERE id = $1 AND status NOT IN ('RESOLVED','CLOSED')
                                 RETURNING %s""".formatted(SupportTicketView.COLUMNS))
                            .execute(Tuple.of(on.ticket().id(), agentId));
                })
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new ApiException(ErrorCode.INVALID_STATE_TRANSITION,
                                "Only an open support ticket can be assigned");
                    }
                    return SupportTicketView.of(rows.iterator().next());
                });
    }

    /**
     * Open tickets the caller works on or owns: an ADMIN sees all; an agent sees those of the festivals
     * they organise or staff (and platform tickets for platform STAFF); everybody sees their own.
     * Most urgent first, at most 200.
     */
    public Uni<List<SupportTicketView>> activeTickets(UUID userId, Role role) {
        Uni<List<UUID>> festivals = role == Role.ADMIN ? Uni.createFrom().item(List.of())
                : access.orgOrMemberFestivals(userId, Role.STAFF);
        return festivals.flatMap(ids -> pool.preparedQuery("""
                        SELECT %s FROM support_tickets t
                         WHERE t.status NOT IN ('RESOLVED','CLOSED')
                           AND ($2 OR t.user_id = $1 OR t.assigned_to = $1
                                OR (t.festival_id IS NULL AND $3)
                                OR t.festival_id = ANY($4))
                         ORDER BY CASE t.priority WHEN 'URGENT' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 ELSE 3 END,
                                  t.created_at
                         LIMIT %s""".formatted(SupportTicketView.COLUMNS, ACTIVE_LIMIT))
                .execute(Tuple.of(userId, role == Role.ADMIN, role == Role.STAFF, ids.toArray(UUID[]::new)))
                .map(rows -> {
                    List<SupportTicketView> list = new ArrayList<>();
                    rows.forEach(row -> list.add(SupportTicketView.of(row)));
                    return list;
                }));
    }

    private static SupportMessageView message(Row row, Role senderRole) {
        String content = row.getString("content");
        String name = row.getString("sender_name");
        return new SupportMessageView(row.getUUID("id"), row.getUUID("ticket_id"), row.getUUID("sender_id"),
                name == null ? null : name.trim(), senderRole == null ? null : senderRole.name(), content, content,
                row.getString("type"), row.getBoolean("is_staff"), row.getOffsetDateTime("created_at"));
    }
}
