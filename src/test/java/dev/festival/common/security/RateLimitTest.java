package dev.festival.common.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.festival.support.Fixtures;
import dev.festival.support.RateLimits;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Rate limits counted in Redis (festival.rate-limit.*), switched on for each test. */
@QuarkusTest
class RateLimitTest {
    private static Response login(String ip, String email, String password) {
        return given().header("X-Forwarded-For", ip).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password)).post("/api/auth/login");
    }

    @Test
    void fiveFailedLoginsThenTheSixthAttemptIs429WithRetryAfterEvenWithTheRightPassword() {
        Fixtures.Account victim = Fixtures.user();
        // fixtures are registered from 127.0.0.1, so they are made before the limits are switched on
        Fixtures.Account auditor = Fixtures.admin();
        String ip = RateLimits.uniqueAddress();
        try (var on = RateLimits.on()) {
            for (int i = 0; i < 5; i++) {
                login(ip, victim.email(), "Wrong-pass" + i).then().statusCode(401).body("errorCode", equalTo("ERR_2001"));
            }
            Response blocked = login(ip, victim.email(), Fixtures.PASSWORD);
            blocked.then().statusCode(429)
                    .body("errorCode", equalTo("ERR_1005"))
                    .body("statusCode", equalTo(429))
                    .body("error", equalTo("Too Many Requests"));
            long retryAfter = Long.parseLong(blocked.header("Retry-After"));
            assertTrue(retryAfter > 0 && retryAfter <= 900, "Retry-After " + retryAfter);
            assertEquals(retryAfter, ((Number) blocked.path("details.retryAfter")).longValue());
            assertEquals("5", blocked.header("X-RateLimit-Limit"));
            assertEquals("0", blocked.header("X-RateLimit-Remaining"));
            assertNotNull(blocked.header("X-RateLimit-Reset"));

            // another address may still sign in to the account (no lock-out by one attacker)
            login(RateLimits.uniqueAddress(), victim.email(), Fixtures.PASSWORD).then().statusCode(200);
            // the lock-out is one audit entry, however many attempts it refuses
            login(ip, victim.email(), "Wrong-again1").then().statusCode(429);
            auditor.request().get("/api/audit-logs?action=login.locked_out&limit=100").then().statusCode(200)
                    .body("data.findAll { it.details.email == '" + victim.email() + "' }.size()", equalTo(1))
                    .body("data.find { it.details.email == '" + victim.email() + "' }.details.counter",
                            equalTo("acct-ip"));
        }
    }

    @Test
    void successfulLoginsAreNotCountedAndLimitsOffLetEverythingThrough() {
        Fixtures.Account user = Fixtures.user();
        String ip = RateLimits.uniqueAddress();
        try (var on = RateLimits.on()) {
            for (int i = 0; i < 7; i++) {
                login(ip, user.email(), Fixtures.PASSWORD).then().statusCode(200);
            }
        }
        for (int i = 0; i < 7; i++) {
            login(ip, user.email(), "Wrong-pass" + i).then().statusCode(401);
        }
    }

    @Test
    void festivalDeleteAllowsTenAMinutePerAdmin() {
        Fixtures.Account admin = Fixtures.admin();
        Fixtures.Account otherAdmin = Fixtures.admin();
        try (var on = RateLimits.on()) {
            for (int i = 0; i < 10; i++) {
                Response r = admin.request().header("X-Forwarded-For", RateLimits.uniqueAddress())
                        .delete("/api/festivals/" + UUID.randomUUID());
                r.then().statusCode(404);
                assertEquals("10", r.header("X-RateLimit-Limit"));
                assertEquals(String.valueOf(9 - i), r.header("X-RateLimit-Remaining"));
            }
            Response over = admin.request().header("X-Forwarded-For", RateLimits.uniqueAddress())
                    .delete("/api/festivals/" + UUID.randomUUID());
            over.then().statusCode(429).body("errorCode", equalTo("ERR_1005"));
            assertNotNull(over.header("Retry-After"));
            // another admin has a counter of their own
            otherAdmin.request().delete("/api/festivals/" + UUID.randomUUID()).then().statusCode(404);
        }
    }

    @Test
    void registrationIsLimitedPerAddress() {
        String ip = RateLimits.uniqueAddress();
        try (var on = RateLimits.on()) {
            for (int i = 0; i < 10; i++) {
                register(ip).then().statusCode(201);
            }
            register(ip).then().statusCode(429).body("errorCode", equalTo("ERR_1005"));
            register(RateLimits.uniqueAddress()).then().statusCode(201);
        }
    }

    @Test
    void theGlobalCeilingReportsItsCounterOnEveryAnswer() {
        String ip = RateLimits.uniqueAddress();
        try (var on = RateLimits.on()) {
            Response first = given().header("X-Forwarded-For", ip).get("/api/festivals");
            first.then().statusCode(200);
            Response second = given().header("X-Forwarded-For", ip).get("/api/festivals");
            int limit = Integer.parseInt(first.header("X-RateLimit-Limit"));
            assertEquals(limit - 1, Integer.parseInt(first.header("X-RateLimit-Remaining")));
            assertEquals(limit - 2, Integer.parseInt(second.header("X-RateLimit-Remaining")));
        }
        given().get("/api/festivals").then().statusCode(200).header("X-RateLimit-Limit", (String) null);
    }

    private static Response register(String ip) {
        return given().header("X-Forwarded-For", ip).contentType(ContentType.JSON)
                .body(Map.of("email", Fixtures.uniqueEmail("rl"), "password", Fixtures.PASSWORD,
                        "firstName", "Rate", "lastName", "Limited"))
                .post("/api/auth/register");
    }
}
