package dev.festival.users;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.festival.common.security.Role;
import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** API.md "Users": role changes and the account status life cycle, with their effect on sign-in. */
@QuarkusTest
class UserLifecycleTest {

    private static ValidatableResponse login(Account a) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", a.email(), "password", a.password()))
                .post("/api/auth/login")
                .then();
    }

    private static ValidatableResponse refresh(String refreshToken) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", refreshToken))
                .post("/api/auth/refresh")
                .then();
    }

    /** Live (unrevoked) sessions of a user, straight from the table auth owns. */
    private static long liveSessions(UUID userId) {
        Pool pool = Arc.container().instance(Pool.class).get();
        return pool.preparedQuery("SELECT count(*) FROM auth_sessions WHERE user_id = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(userId)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    @Test
    void adminRoleChangeRevokesTheUsersSessions() {
        Account admin = Fixtures.admin();
        Account user = Fixtures.user();
        assertTrue(liveSessions(user.id()) > 0);

        admin.request().body(Map.of("role", "organizer", "reason", "runs the jazz stage"))
                .patch("/api/users/" + user.id() + "/role")
                .then().statusCode(200)
                .body("id", equalTo(user.id().toString()))
                .body("role", equalTo("ORGANIZER"));

        assertEquals(0, liveSessions(user.id()));
        refresh(user.refreshToken()).statusCode(401).body("errorCode", equalTo("ERR_2004"));
        login(user).statusCode(200).body("user.role", equalTo("ORGANIZER"));
    }

    @Test
    void adminRoleChangeThroughUpdateAlsoRevokesSessions() {
        Account admin = Fixtures.admin();
        Account user = Fixtures.user();
        admin.request().body(Map.of("role", "Cashier"))
                .put("/api/users/" + user.id())
                .then().statusCode(200)
                .body("role", equalTo("CASHIER"));
        assertEquals(0, liveSessions(user.id()));
    }

    @Test
    void roleChangeNeedsAnAdminAndAKnownRole() {
        Account admin = Fixtures.admin();
        Account organizer = Fixtures.organizer();
        Account user = Fixtures.user();
        long sessionsBefore = liveSessions(user.id());
        organizer.request().body(Map.of("role", "ADMIN"))
                .patch("/api/users/" + user.id() + "/role")
                .then().statusCode(403).body("errorCode", equalTo("ERR_3001"));
        admin.request().body(Map.of("role", "overlord"))
                .patch("/api/users/" + user.id() + "/role")
                .then().statusCode(400).body("errorCode", equalTo("ERR_4001"));
        admin.request().body(Map.of("reason", "no role"))
                .patch("/api/users/" + user.id() + "/role")
                .then().statusCode(400).body("errorCode", equalTo("ERR_4001"));
        assertEquals(sessionsBefore, liveSessions(user.id()));
    }

    @Test
    void adminCannotLockThemselfOut() {
        Account admin = Fixtures.admin();
        admin.request().body(Map.of("role", "USER"))
                .patch("/api/users/" + admin.id() + "/role")
                .then().statusCode(409).body("errorCode", equalTo("ERR_5009"));
        admin.request().body(Map.of("reason", "oops"))
                .post("/api/users/" + admin.id() + "/ban")
                .then().statusCode(409).body("errorCode", equalTo("ERR_5009"));
        admin.request().post("/api/users/" + admin.id() + "/deactivate")
                .then().statusCode(409).body("errorCode", equalTo("ERR_5009"));
        admin.request().delete("/api/users/" + admin.id())
                .then().statusCode(409).body("errorCode", equalTo("ERR_5009"));
        admin.request().body(Map.of("status", "BANNED"))
                .patch("/api/users/" + admin.id())
                .then().statusCode(409).body("errorCode", equalTo("ERR_5009"));
        admin.request().get("/api/users/" + admin.id())
                .then().statusCode(200)
                .body("role", equalTo("ADMIN"))
                .body("status", equalTo("ACTIVE"));
    }

    @Test
    void bannedUserCannotSignInUntilUnbanned() {
        Account admin = Fixtures.admin();
        Account user = Fixtures.user();

        admin.request().body(Map.of("reason", "resold tickets"))
                .post("/api/users/" + user.id() + "/ban")
                .then().statusCode(200)
                .body("status", equalTo("BANNED"));
        assertEquals(0, liveSessions(user.id()));
        login(user).statusCode(403).body("errorCode", equalTo("ERR_2005"));
        refresh(user.refreshToken()).statusCode(401);

        // A ban is lifted by unban, not by reactivate.
        admin.request().post("/api/users/" + user.id() + "/reactivate")
                .then().statusCode(409).body("errorCode", equalTo("ERR_5009"));

        admin.request().body(Map.of("reason", "appeal accepted"))
                .post("/api/users/" + user.id() + "/unban")
                .then().statusCode(200)
                .body("status", equalTo("ACTIVE"));
        login(user).statusCode(200);

        admin.request().post("/api/users/" + user.id() + "/unban")
                .then().statusCode(409).body("errorCode", equalTo("ERR_5009"));
    }

    @Test
    void banNeedsAReason() {
        Account admin = Fixtures.admin();
        Account user = Fixtures.user();
        admin.request().body(Map.of("reason", " ")).post("/api/users/" + user.id() + "/ban")
                .then().statusCode(400).body("errorCode", equalTo("ERR_4001"));
        admin.request().post("/api/users/" + user.id() + "/ban")
                .then().statusCode(400).body("errorCode", equalTo("ERR_4001"));
        login(user).statusCode(200);
    }

    @Test
    void deactivatedUserCannotSignInUntilReactivated() {
        Account admin = Fixtures.admin();
        Account user = Fixtures.user();

        admin.request().post("/api/users/" + user.id() + "/deactivate")
                .then().statusCode(200)
                .body("status", equalTo("INACTIVE"));
        assertEquals(0, liveSessions(user.id()));
        login(user).statusCode(403).body("errorCode", equalTo("ERR_2005"));

        // A bare POST (no body, no content type) is what many clients send here.
        given().header("Authorization", "Bearer " + admin.accessToken()).post("/api/users/" + user.id() + "/reactivate")
                .then().statusCode(200)
                .body("status", equalTo("ACTIVE"));
        login(user).statusCode(200);
        // Reactivation does not revoke anything: the new session lives.
        assertEquals(1, liveSessions(user.id()));
    }

    @Test
    void deleteDeactivatesTheUser() {
        Account admin = Fixtures.admin();
        Account user = Fixtures.user();
        admin.request().delete("/api/users/" + user.id())
                .then().statusCode(200)
                .body("message", equalTo("User deactivated"));
        admin.request().get("/api/users/" + user.id())
                .then().statusCode(200)
                .body("status", equalTo("INACTIVE"));
        assertEquals(0, liveSessions(user.id()));
        login(user).statusCode(403).body("errorCode", equalTo("ERR_2005"));
    }

    @Test
    void onlyAdminsChangeAccountStatus() {
        Account staff = Fixtures.account(Role.STAFF);
        Account user = Fixtures.user();
        staff.request().body(Map.of("reason", "x")).post("/api/users/" + user.id() + "/ban")
                .then().statusCode(403).body("errorCode", equalTo("ERR_3001"));
        staff.request().post("/api/users/" + user.id() + "/deactivate")
                .then().statusCode(403).body("errorCode", equalTo("ERR_3001"));
        staff.request().delete("/api/users/" + user.id())
                .then().statusCode(403).body("errorCode", equalTo("ERR_3001"));
        given().post("/api/users/" + user.id() + "/unban")
                .then().statusCode(401);
        login(user).statusCode(200);
    }

    @Test
    void statusBodyMustBeJson() {
        Account admin = Fixtures.admin();
        Account user = Fixtures.user();
        admin.request().body("{\"reason\": ").post("/api/users/" + user.id() + "/ban")
                .then().statusCode(400).body("errorCode", equalTo("ERR_4002"));
        given().header("Authorization", "Bearer " + admin.accessToken()).post("/api/users/" + user.id() + "/ban")
                .then().statusCode(400).body("errorCode", equalTo("ERR_4001"));
        login(user).statusCode(200);
    }
}
