package dev.festival.common.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.festival.support.PackagedPods;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Brute force on sign-in across two pods sharing one Redis (the production profile, rate limits on):
 * the failures counted on either pod add up, and the sixth attempt meets 429 with Retry-After on both.
 */
class LoginRateLimitTwoPodsIT {
    private static PackagedPods.Pods pods;

    @BeforeAll
    static void startTwoPods() throws Exception {
        pods = PackagedPods.shared();
    }

    private static Response login(int port, String email, String password) {
        return given().port(port).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password)).post("/api/auth/login");
    }

    @Test
    void bruteForceOnLoginMeets429WithRetryAfterOnTwoPodsSharingRedis() {
        String email = "it-victim-" + UUID.randomUUID() + "@festival.test";
        Response reg = given().port(pods.portA()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "Festival2025!", "firstName", "Vic", "lastName", "Tim"))
                .post("/api/auth/register");
        assertEquals(201, reg.statusCode(), reg.asString());

        for (int i = 0; i < 5; i++) {
            int port = i % 2 == 0 ? pods.portA() : pods.portB();
            Response wrong = login(port, email, "Guess-" + i + "x");
            assertEquals(401, wrong.statusCode(), "attempt " + (i + 1) + ": " + wrong.asString());
        }
        for (int port : new int[] {pods.portB(), pods.portA()}) {
            Response blocked = login(port, email, "Guess-6x");
            assertEquals(429, blocked.statusCode(), blocked.asString());
            assertEquals("ERR_1005", blocked.path("errorCode"));
            long retryAfter = Long.parseLong(blocked.header("Retry-After"));
            assertTrue(retryAfter > 0 && retryAfter <= 15 * 60, "Retry-After " + retryAfter);
            assertEquals("5", blocked.header("X-RateLimit-Limit"));
            assertEquals("0", blocked.header("X-RateLimit-Remaining"));
        }
        // even the right password waits for the window: the guesser cannot tell it found it
        assertEquals(429, login(pods.portA(), email, "Festival2025!").statusCode());
    }
}
