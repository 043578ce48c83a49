package dev.festival.auth;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Sign-in sessions (one per login; refresh tokens rotate inside one). Other features revoke
 * sessions through this service (ban, deactivation, role change), never through the tables.
 */
@ApplicationScoped
public class SessionService {
    @Inject
    Pool pool;

    /** Revokes every live session of the user; answers how many were revoked. */
    public Uni<Integer> revokeAll(UUID userId, String reason) {
        return pool.preparedQuery("""
                        UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2
                         WHERE user_id = $1 AND revoked_at IS NULL""")
                .execute(Tuple.of(userId, reason))
                .map(rows -> rows.rowCount());
    }
}
