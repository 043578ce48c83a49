package dev.festival.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.festival.common.security.ratelimit.RateLimitedException;
import dev.festival.support.Fixtures;
import dev.festival.support.RateLimits;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Per-account limits of the recovery flows, whatever address the requests come from. */
@QuarkusTest
class AccountThrottleTest {
    @Inject
    AccountThrottle throttle;

    @Test
    void theFourthForgotPasswordForOneAccountWithinAnHourIsRefused() {
        String email = Fixtures.uniqueEmail("recover");
        try (var on = RateLimits.on()) {
            for (int i = 0; i < 3; i++) {
                throttle.check("forgot-password", email.toUpperCase()).await().atMost(Duration.ofSeconds(5));
            }
            RateLimitedException e = assertThrows(RateLimitedException.class,
                    () -> throttle.check("forgot-password", " " + email).await().atMost(Duration.ofSeconds(5)));
            assertEquals("ERR_1005", e.code().code());
            assertEquals(3, e.decision().limit());
            // another account, another flow: their own counters
            throttle.check("forgot-password", Fixtures.uniqueEmail("other")).await().atMost(Duration.ofSeconds(5));
            throttle.check("resend-verification", email).await().atMost(Duration.ofSeconds(5));
        }
        throttle.check("forgot-password", email).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void forgotPasswordAndResendVerificationAreLimitedPerEmailWhateverTheAddressAndWhetherItExists() {
        String known = Fixtures.user().email();
        String unknown = Fixtures.uniqueEmail("nobody");
        try (var on = RateLimits.on()) {
            for (String path : new String[] {"/api/auth/forgot-password", "/api/auth/resend-verification"}) {
                for (String email : new String[] {known, unknown}) {
                    for (int i = 0; i < 3; i++) {
                        post(path, email).then().statusCode(200);
                    }
                    post(path, email).then().statusCode(429).body("errorCode", equalTo("ERR_1005"))
                            .header("Retry-After", org.hamcrest.Matchers.notNullValue());
                }
            }
        }
    }

    private static io.restassured.response.Response post(String path, String email) {
        return given().header("X-Forwarded-For", RateLimits.uniqueAddress()).contentType(ContentType.JSON)
                .body(Map.of("email", email)).post(path);
    }
}
