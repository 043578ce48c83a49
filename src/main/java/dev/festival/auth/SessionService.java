package dev.festival.auth;

import dev.festival.common.audit.AuditLog;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Sign-in sessions (one per login; refresh tokens rotate inside one). Other features revoke
 * sessions through this service (ban, deactivation, role change), never through the tables.
 * Every operation is one SQL statement on the reactive client; the decisions (live, rotated,
 * within grace, reused) are taken by the database under row locks, never read-then-write in Java.
 */
@ApplicationScoped
public class SessionService {
    static final String REUSE_REASON = "refresh-token-reuse";
    private static final int MAX_USER_AGENT = 512;

    /** What presenting a refresh token led to. */
    public enum Rotation {
        /** A live token was exchanged for the new one. */
        ROTATED,
        /** An already rotated token came back within the grace period; the new one was issued too. */
        REUSED_WITHIN_GRACE,
        /** An already rotated token came back after the grace period; the whole session is now revoked. */
        REUSE_DETECTED,
        /** Unknown, expired, or its session is revoked or expired: nothing changed. */
        INVALID
    }

    @Inject
    Pool pool;

    @Inject
    SessionStates states;

    @Inject
    AuditLog audit;

    /** Opens a session with its first refresh token, in one statement. */
    public Uni<Void> open(UUID sessionId, UUID userId, TokenService.Refresh refresh, String userAgent,
                          String ipAddress) {
        return pool.preparedQuery("""
                        WITH s AS (
                            INSERT INTO auth_sessions (id, user_id, expires_at, user_agent, ip_address)
                            VALUES ($1, $2, $5, $6, $7)
                            RETURNING id)
                        INSERT INTO refresh_tokens (id, session_id, token_hash, expires_at)
                        SELECT $3, s.id, $4, $5 FROM s""")
                .execute(Tuple.from(new Object[] {sessionId, userId, refresh.id(), refresh.hash(),
                        utc(refresh), truncate(userAgent), ipAddress}))
                .replaceWithVoid()
                .call(() -> states.opened(sessionId));
    }

    /**
     * Exchanges the presented refresh token (by hash) for {@code next}, inside its session.
     * The session and token rows are locked first, so two concurrent presentations of one token
     * are decided one after the other: the second sees the first one's rotation and falls under
     * the grace rule like any other reuse. After the grace the session is revoked in the same
     * statement and nothing is issued.
     */
    public Uni<Rotation> rotate(TokenService.PresentedRefresh presented, TokenService.Refresh next, Duration grace) {
        return pool.preparedQuery("""
                        WITH cur AS (
                            SELECT rt.id, rt.session_id, rt.rotated_at,
                                   (rt.rotated_at IS NULL
                                    OR rt.rotated_at > now() - $7::float8 * interval '1 millisecond') AS ok
                              FROM refresh_tokens rt
                              JOIN auth_sessions s ON s.id = rt.session_id
                             WHERE rt.token_hash = $1 AND rt.expires_at > now()
                               AND s.id = $5 AND s.user_id = $6
                               AND s.revoked_at IS NULL AND s.expires_at > now()
                               FOR UPDATE OF rt, s),
                        rotate AS (
                            UPDATE refresh_tokens t SET rotated_at = now(), replaced_by = $2
                              FROM cur
                             WHERE t.id = cur.id AND cur.rotated_at IS NULL),
                        issue AS (
                            INSERT INTO refresh_tokens (id, session_id, token_hash, expires_at)
                            SELECT $2, cur.session_id, $3, $4 FROM cur WHERE cur.ok),
                        touch AS (
                            UPDATE auth_sessions s
                               SET last_used_at = now(),
                                   expires_at = CASE WHEN cur.ok THEN greatest(s.expires_at, $4) ELSE s.expires_at END,
                                   revoked_at = CASE WHEN cur.ok THEN s.revoked_at ELSE now() END,
                                   revoked_reason = CASE WHEN cur.ok THEN s.revoked_reason ELSE $8 END
                              FROM cur
                             WHERE s.id = cur.session_id)
                        SELECT ok, rotated_at IS NULL AS fresh FROM cur""")
                .execute(Tuple.from(new Object[] {presented.hash(), next.id(), next.hash(), utc(next),
                        presented.sessionId(), presented.userId(), (double) grace.toMillis(), REUSE_REASON}))
                .map(SessionService::rotation);
    }

    private static Rotation rotation(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Rotation.INVALID;
        }
        Row row = rows.iterator().next();
        if (!row.getBoolean("ok")) {
            return Rotation.REUSE_DETECTED;
        }
        return row.getBoolean("fresh") ? Rotation.ROTATED : Rotation.REUSED_WITHIN_GRACE;
    }

    /** Revokes every live session of the user; answers how many were revoked. */
    public Uni<Integer> revokeAll(UUID userId, String reason) {
        return revokeAll(userId, reason, null);
    }

    /**
     * Revokes every live session of the user, their access tokens included (at once, through
     * {@link SessionStates}); audited as {@code session.revoked} by {@code actorId} (null: the user
     * themself or the system). Answers how many were revoked.
     */
    public Uni<Integer> revokeAll(UUID userId, String reason, UUID actorId) {
        return revoke(pool.preparedQuery("""
                        UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2
                         WHERE user_id = $1 AND revoked_at IS NULL
                        RETURNING id""")
                .execute(Tuple.of(userId, reason)), userId, reason, actorId);
    }

    /** Revokes every live session of the user but {@code keep} (a password change keeps the caller signed in). */
    public Uni<Integer> revokeAllExcept(UUID userId, UUID keep, String reason) {
        return revoke(pool.preparedQuery("""
                        UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $3
                         WHERE user_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $2
                        RETURNING id""")
                .execute(Tuple.of(userId, keep, reason)), userId, reason, userId);
    }

    /** A session revoked by the database itself (refresh-token reuse): its access tokens stop too. */
    Uni<Void> revokedBySql(UUID userId, UUID sessionId, String reason) {
        return states.revoked(List.of(sessionId))
                .call(() -> audit.record(AuditLog.entry("session.revoked").user(userId)
                        .detail("reason", reason).detail("sessionId", sessionId).detail("count", 1)));
    }

    private Uni<Integer> revoke(Uni<RowSet<Row>> update, UUID userId, String reason, UUID actorId) {
        return update.flatMap(rows -> {
            List<UUID> ids = new ArrayList<>(rows.rowCount());
            rows.forEach(r -> ids.add(r.getUUID(0)));
            if (ids.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return states.revoked(ids)
                    .call(() -> audit.record(AuditLog.entry("session.revoked").actor(actorId).user(userId)
                            .detail("reason", reason).detail("count", ids.size())))
                    .replaceWith(ids.size());
        });
    }

    private static OffsetDateTime utc(TokenService.Refresh refresh) {
        return OffsetDateTime.ofInstant(refresh.expiresAt(), ZoneOffset.UTC);
    }

    private static String truncate(String userAgent) {
        return userAgent == null || userAgent.length() <= MAX_USER_AGENT
                ? userAgent : userAgent.substring(0, MAX_USER_AGENT);
    }
}
