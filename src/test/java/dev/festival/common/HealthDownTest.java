package dev.festival.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With Redis unreachable the node is not ready: 503 DOWN naming the failing check; still alive. */
@QuarkusTest
@TestProfile(HealthDownTest.RedisUnreachable.class)
class HealthDownTest {
    public static class RedisUnreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1");
        }
    }

    @Test
    void healthAndReadinessAre503DownWhenRedisIsUnreachable() {
        given().get("/api/health").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'redis' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'redis' }.data.reason", equalTo("unavailable"))
                .body("checks.find { it.name == 'postgresql' }.status", equalTo("UP"))
                .body(not(containsString("127.0.0.1")));
        given().get("/api/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
    }

    @Test
    void livenessStaysUp() {
        given().get("/api/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
