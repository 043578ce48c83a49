package dev.festival.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import dev.festival.common.db.SchemaMigration;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Production start-up: Flyway runs on a background thread (migrate-at-start=false). Until the
 * schema is migrated the node is alive but not ready and the API answers 503 ERR_1006; afterwards
 * everything works. The migration is held back here until the not-ready state has been observed.
 */
@QuarkusTest
@TestProfile(BackgroundMigrationTest.MigrateInBackground.class)
class BackgroundMigrationTest {
    @Inject
    SchemaMigration schema;

    public static class MigrateInBackground implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.flyway.migrate-at-start", "false",
                    "festival.db.schema", "festival_test_bgmig",
                    "festival.db.migration-delay", "60s");
        }
    }

    @Test
    void notReadyWhileMigratingThenServing() throws InterruptedException {
        // Quarkus cleaned the schema at start; the background migration is still waiting.
        given().get("/api/health").then().statusCode(503)
                .body("checks.find { it.name == 'schema' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'schema' }.data.reason", equalTo("migrating"));
        given().get("/api/health/ready").then().statusCode(503);
        given().get("/api/health/live").then().statusCode(200);
        given().get("/api").then().statusCode(200);
        given().get("/api/festivals").then().statusCode(503)
                .header("Retry-After", "1")
                .body("statusCode", equalTo(503))
                .body("errorCode", equalTo("ERR_1006"));

        schema.startNow();
        int status = 0;
        for (int i = 0; i < 300 && status != 200; i++) {
            Thread.sleep(100);
            status = given().get("/api/health").statusCode();
        }
        assertEquals(200, status, "health UP once the schema is migrated");
        given().get("/api/health").then().body("checks.find { it.name == 'schema' }.status", equalTo("UP"));
        given().get("/api/festivals").then().statusCode(200).body("data.size()", equalTo(0));
    }
}
