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
    void reuseInOneSessionLeavesTheUsersOtherSessionsAlone() {
        Fixtures.Account a = Fixtures.user();
        String otherDevice = AuthResourceTest.login(a.email(), a.password()).path("refreshToken");
        AuthResourceTest.refresh(a.refreshToken()).then().statusCode(200);
        AuthResourceTest.refresh(a.refreshToken()).then().statusCode(401);
        AuthResourceTest.refresh(otherDevice).then().statusCode(200);
    }
}
