package dev.festival.auth;

import static org.hamcrest.Matchers.equalTo;

import dev.festival.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With no grace at all, any second presentation of a rotated refresh token is taken as theft. */
@QuarkusTest
@TestProfile(RefreshReuseAfterGraceTest.NoGrace.class)
class RefreshReuseAfterGraceTest {
    public static class NoGrace implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("festival.auth.refresh-reuse-grace", "0s");
        }
    }

    @Test
    void aRotatedTokenPresentedAfterTheGraceRevokesTheWholeSession() {
        Fixtures.Account a = Fixtures.user();
        String newest = AuthResourceTest.refresh(a.refreshToken()).then().statusCode(200)
                .extract().path("refreshToken");

        AuthResourceTest.refresh(a.refreshToken()).then().statusCode(401).body("errorCode", equalTo("ERR_2004"));
        // the thief may hold the newest token, so it dies with its session
        AuthResourceTest.refresh(newest).then().statusCode(401).body("errorCode", equalTo("ERR_2004"));
    }

    @Test
    void reuseAfterTheGraceStopsTheSessionsAccessTokensAndIsAuditedAndCounted() {
        Fixtures.Account a = Fixtures.user();
        SessionRevocationTest.me(a.accessToken(), 200);
        double before = reuseCount();
        AuthResourceTest.refresh(a.refreshToken()).then().statusCode(200);
        AuthResourceTest.refresh(a.refreshToken()).then().statusCode(401);

        SessionRevocationTest.meRevoked(a.accessToken());
        org.junit.jupiter.api.Assertions.assertEquals(before + 1, reuseCount());
        Fixtures.Account admin = Fixtures.admin();
        admin.request().get("/api/audit-logs?action=refresh_token.reuse_detected&userId=" + a.id())
                .then().statusCode(200)
                .body("meta.total", equalTo(1))
                .body("data[0].outcome", equalTo("FAILURE"));
    }

    private static double reuseCount() {
        String metrics = io.restassured.RestAssured.given().get("/metrics").asString();
        return metrics.lines()
                .filter(l -> l.startsWith("festival_audit_events_total")
                        && l.contains("action=\"refresh_token.reuse_detected\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void reuseInOneSessionLeavesTheUsersOtherSessionsAlone() {
        Fixtures.Account a = Fixtures.user();
        String otherDevice = AuthResourceTest.login(a.email(), a.password()).path("refreshToken");
        AuthResourceTest.refresh(a.refreshToken()).then().statusCode(200);
        AuthResourceTest.refresh(a.refreshToken()).then().statusCode(401);
        AuthResourceTest.refresh(otherDevice).then().statusCode(200);
    }
}
