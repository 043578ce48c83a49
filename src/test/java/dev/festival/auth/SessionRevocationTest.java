package dev.festival.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.festival.common.security.Role;
import dev.festival.support.Fixtures;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Revocation reaches access tokens (issue 9): a token that worked a moment ago (and sits in the
 * verified-token cache) is refused right after its session is revoked, whatever revoked it.
 */
@QuarkusTest
class SessionRevocationTest {
    @Inject
    RedisDataSource redis;

    @Inject
    SessionStates states;

    @ConfigProperty(name = "festival.db.schema")
    String schema;

    static void me(String token, int status) {
        given().header("Authorization", "Bearer " + token).get("/api/auth/me").then().statusCode(status);
    }

    static void meRevoked(String token) {
        given().header("Authorization", "Bearer " + token).get("/api/auth/me").then().statusCode(401)
                .body("errorCode", equalTo("ERR_2003"));
    }

    @Test
    void anAccessTokenIsRefusedRightAfterLogout() {
        Fixtures.Account a = Fixtures.user();
        me(a.accessToken(), 200);
        me(a.accessToken(), 200); // now answered from the verified-token cache

        a.request().post("/api/auth/logout").then().statusCode(200);

        meRevoked(a.accessToken());
        AuthResourceTest.refresh(a.refreshToken()).then().statusCode(401).body("errorCode", equalTo("ERR_2004"));
    }

    @Test
    void theAccessTokenCookieIsRefusedAfterLogoutToo() {
        Fixtures.Account a = Fixtures.user();
        given().cookie("access_token", a.accessToken()).get("/api/auth/me").then().statusCode(200);
        a.request().post("/api/auth/logout").then().statusCode(200);
        given().cookie("access_token", a.accessToken()).get("/api/auth/me").then().statusCode(401)
                .body("errorCode", equalTo("ERR_2003"));
    }

    @Test
    void anAccessTokenIsRefusedRightAfterItsUserIsBanned() {
        Fixtures.Account admin = Fixtures.admin();
        Fixtures.Account u = Fixtures.user();
        String secondDevice = Fixtures.login(u.id(), u.email(), Role.USER).accessToken();
        me(u.accessToken(), 200);
        me(secondDevice, 200);

        admin.request().body(Map.of("reason", "ticket bot")).post("/api/users/" + u.id() + "/ban")
                .then().statusCode(200);

        meRevoked(u.accessToken());
        meRevoked(secondDevice);
    }

    @Test
    void deactivationAndRoleChangeRevokeAtOnce() {
        Fixtures.Account admin = Fixtures.admin();
        Fixtures.Account deactivated = Fixtures.user();
        Fixtures.Account promoted = Fixtures.user();
        me(deactivated.accessToken(), 200);
        me(promoted.accessToken(), 200);

        admin.request().body(Map.of()).post("/api/users/" + deactivated.id() + "/deactivate").then().statusCode(200);
        admin.request().body(Map.of("role", "ORGANIZER")).patch("/api/users/" + promoted.id() + "/role")
                .then().statusCode(200);

        meRevoked(deactivated.accessToken());
        // a token still saying USER must not outlive the role change
        meRevoked(promoted.accessToken());
    }

    @Test
    void otherUsersAndOtherSessionsAreUntouchedByALogout() {
        Fixtures.Account a = Fixtures.user();
        Fixtures.Account b = Fixtures.user();
        a.request().post("/api/auth/logout").then().statusCode(200);
        me(b.accessToken(), 200);
    }

    @Test
    void changePasswordKeepsTheCallerAndSignsOutTheOtherSession() {
        Fixtures.Account phone = Fixtures.user();
        Fixtures.Account laptop = Fixtures.login(phone.id(), phone.email(), Role.USER);
        me(phone.accessToken(), 200);
        me(laptop.accessToken(), 200);

        laptop.request().body(Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", "N3wPassword!x",
                "confirmPassword", "N3wPassword!x")).post("/api/auth/change-password")
                .then().statusCode(200).body("success", equalTo(true));

        me(laptop.accessToken(), 200);
        AuthResourceTest.refresh(laptop.refreshToken()).then().statusCode(200);
        meRevoked(phone.accessToken());
        AuthResourceTest.refresh(phone.refreshToken()).then().statusCode(401);
        AuthResourceTest.login(phone.email(), Fixtures.PASSWORD).then().statusCode(401);
        AuthResourceTest.login(phone.email(), "N3wPassword!x").then().statusCode(200);
    }

    @Test
    void changePasswordWithAWrongCurrentPasswordIs400AndChangesNothing() {
        Fixtures.Account a = Fixtures.user();
        a.request().body(Map.of("currentPassword", "Wrong2025!x", "newPassword", "N3wPassword!x"))
                .post("/api/auth/change-password").then().statusCode(400)
                .body("errorCode", equalTo("ERR_4001"))
                .body("details.fields[0].field", equalTo("currentPassword"));
        a.request().body(Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", "N3wPassword!x",
                        "confirmPassword", "Other2025!x"))
                .post("/api/auth/change-password").then().statusCode(400)
                .body("details.fields[0].field", equalTo("confirmPassword"));
        a.request().body(Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", "weak"))
                .post("/api/auth/change-password").then().statusCode(400).body("errorCode", equalTo("ERR_4001"));
        given().contentType(ContentType.JSON).body(Map.of("currentPassword", "x", "newPassword", "y"))
                .post("/api/auth/change-password").then().statusCode(401);
        me(a.accessToken(), 200);
        AuthResourceTest.login(a.email(), Fixtures.PASSWORD).then().statusCode(200);
    }

    @Test
    void aMissingRedisEntryIsAnsweredByPostgresql() throws InterruptedException {
        Fixtures.Account a = Fixtures.user();
        me(a.accessToken(), 200);
        UUID sid = UUID.fromString(AuthResourceTest.claims(a.accessToken()).getString("sid"));
        redis.key().del(SessionStates.KEY_PREFIX + sid);
        me(a.accessToken(), 200);
        // revoked behind every cache's back (as by another pod whose Redis write and message were lost),
        // then the key is gone: the pod's local "live" answer lasts its TTL at most, then PostgreSQL answers
        Fixtures.sql("UPDATE auth_sessions SET revoked_at = now() WHERE id = $1", Tuple.of(sid));
        redis.key().del(SessionStates.KEY_PREFIX + sid);
        Thread.sleep(localTtl().toMillis() + 100);
        meRevoked(a.accessToken());
        // and the answer is cached again
        org.junit.jupiter.api.Assertions.assertEquals("0", redis.value(String.class).get(SessionStates.KEY_PREFIX + sid));
    }

    @Test
    void aRevocationMessageFromAnotherPodEvictsTheLocalAnswerAtOnce() throws InterruptedException {
        awaitTrustedChannel();
        Fixtures.Account a = Fixtures.user();
        me(a.accessToken(), 200);
        UUID sid = UUID.fromString(AuthResourceTest.claims(a.accessToken()).getString("sid"));
        // what another pod does on logout: PostgreSQL, then Redis, then the message
        Fixtures.sql("UPDATE auth_sessions SET revoked_at = now() WHERE id = $1", Tuple.of(sid));
        redis.value(String.class).set(SessionStates.KEY_PREFIX + sid, "0");
        // before the message this pod still trusts its recent "live" answer (no Redis GET per request)...
        me(a.accessToken(), 200);
        redis.pubsub(String.class).publish("festival:sessions:" + schema, sid.toString());
        // ...and after it refuses the token, well within the local TTL
        long deadline = System.nanoTime() + localTtl().toNanos() / 2;
        int status;
        do {
            status = given().header("Authorization", "Bearer " + a.accessToken()).get("/api/auth/me").statusCode();
        } while (status == 200 && System.nanoTime() < deadline && sleep(10));
        org.junit.jupiter.api.Assertions.assertEquals(401, status, "refused once the message arrived");
        meRevoked(a.accessToken());
    }

    @Test
    void aLogoutHereIsNotHiddenByTheLocalAnswer() throws InterruptedException {
        awaitTrustedChannel();
        Fixtures.Account a = Fixtures.user();
        me(a.accessToken(), 200);
        me(a.accessToken(), 200);
        a.request().post("/api/auth/logout").then().statusCode(200);
        meRevoked(a.accessToken());
    }

    private java.time.Duration localTtl() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("festival.account.session-check.local-ttl", java.time.Duration.class);
    }

    private void awaitTrustedChannel() throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (!states.localAnswersTrusted() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        org.junit.jupiter.api.Assertions.assertTrue(states.localAnswersTrusted(), "revocation channel heard");
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }
}
