package dev.festival.auth;

import dev.festival.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With Redis unreachable the session check asks PostgreSQL: sign-in works, revocation still bites. */
@QuarkusTest
@TestProfile(SessionCheckWithoutRedisTest.RedisDown.class)
class SessionCheckWithoutRedisTest {
    public static class RedisDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // port 1: nothing listens, connections are refused at once
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1");
        }
    }

    @Test
    void logoutStillRevokesTheAccessTokenWhenRedisIsDown() {
        Fixtures.Account a = Fixtures.user();
        SessionRevocationTest.me(a.accessToken(), 200);
        a.request().post("/api/auth/logout").then().statusCode(200);
        SessionRevocationTest.meRevoked(a.accessToken());
    }

    @Test
    void aSessionRevokedInTheDatabaseIsRefusedWhenRedisIsDown() {
        Fixtures.Account a = Fixtures.user();
        SessionRevocationTest.me(a.accessToken(), 200);
        // as another pod would, while this pod's memory knows nothing about it
        Fixtures.sql("UPDATE auth_sessions SET revoked_at = now() WHERE user_id = $1",
                io.vertx.mutiny.sqlclient.Tuple.of(a.id()));
        SessionRevocationTest.meRevoked(a.accessToken());
    }
}
