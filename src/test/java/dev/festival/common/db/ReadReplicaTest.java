package dev.festival.common.db;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * With a read replica configured (here: the same PostgreSQL, a second pool), the public festival list and
 * the festival statistics read through the replica's pool, and that pool cannot write.
 */
@QuarkusTest
@TestProfile(ReadReplicaTest.WithReplica.class)
class ReadReplicaTest {
    public static class WithReplica implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("festival.db.replica-url", "postgresql://127.0.0.1:5432/postgres",
                    // no Redis cache in front of the list: every call reaches the database
                    "festival.cache.festival-enabled", "false");
        }
    }

    private static final Pattern REPLICA_QUERIES =
            Pattern.compile("(?m)^sql_pool_completed_total\\{[^}]*pool_name=\"replica\"[^}]*} ([0-9.E]+)$");

    @Inject
    ReadReplica replica;

    @Inject
    Pool primary;

    @Test
    void theReplicaIsUsedWhenConfigured() {
        assertTrue(replica.configured());
        assertNotSame(primary, replica.pool());
    }

    @Test
    void thePublicFestivalListAndTheStatisticsReadFromTheReplica() {
        Account organizer = Fixtures.organizer();
        String name = "Replica " + UUID.randomUUID();
        UUID festival = UUID.fromString(organizer.request()
                .body(Map.of("name", name, "location", "Here", "status", "PUBLISHED",
                        "startDate", "2031-07-01T10:00:00Z", "endDate", "2031-07-03T23:00:00Z"))
                .post("/api/festivals").then().statusCode(201).extract().path("id"));

        double before = replicaQueries();
        given().queryParam("search", name).get("/api/festivals").then().statusCode(200)
                .body("data.name", hasItem(name));
        double afterList = replicaQueries();
        assertTrue(afterList > before, "the list went through the replica pool: " + before + " -> " + afterList);

        organizer.request().get("/api/festivals/" + festival + "/stats").then().statusCode(200);
        assertTrue(replicaQueries() > afterList, "the statistics went through the replica pool");
    }

    @Test
    void theReplicaPoolCannotWrite() {
        Throwable failure = replica.pool().query("UPDATE festivals SET name = name WHERE false").execute()
                .onItem().transform(rows -> (Throwable) null)
                .onFailure().recoverWithItem(e -> e)
                .await().atMost(Duration.ofSeconds(10));
        assertTrue(failure instanceof PgException, "refused: " + failure);
        assertEquals("25006", ((PgException) failure).getSqlState(), "read_only_sql_transaction");
    }

    private static double replicaQueries() {
        String metrics = given().get("/metrics").then().statusCode(200).extract().asString();
        Matcher m = REPLICA_QUERIES.matcher(metrics);
        double total = 0;
        boolean found = false;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
            found = true;
        }
        return found ? total : 0;
    }
}
