package dev.festival.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.festival.common.security.Role;
import dev.festival.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The audit trail: written by sign-ins, bans and membership changes; read by ADMIN and, per festival, organisers. */
@QuarkusTest
class AuditLogTest {

    @Test
    void anOrganiserReadsTheirFestivalsEntriesAndCannotReadAnotherFestivals() {
        Fixtures.Account alice = Fixtures.organizer();
        Fixtures.Account bob = Fixtures.organizer();
        UUID aliceFest = Fixtures.festival(alice);
        UUID bobFest = Fixtures.festival(bob);
        Fixtures.Account staff = Fixtures.user();
        alice.request().body(Map.of("userId", staff.id().toString(), "role", "STAFF"))
                .post("/api/festivals/" + aliceFest + "/members").then().statusCode(201);
        bob.request().body(Map.of("userId", staff.id().toString(), "role", "CASHIER"))
                .post("/api/festivals/" + bobFest + "/members").then().statusCode(201);

        alice.request().get("/api/festivals/" + aliceFest + "/audit-logs").then().statusCode(200)
                .body("meta.total", equalTo(1))
                .body("data[0].action", equalTo("festival.member_added"))
                .body("data[0].actorId", equalTo(alice.id().toString()))
                .body("data[0].userId", equalTo(staff.id().toString()))
                .body("data[0].details.role", equalTo("STAFF"))
                .body("data[0].ipAddress", equalTo("127.0.0.1"));

        alice.request().get("/api/festivals/" + bobFest + "/audit-logs").then().statusCode(403);
        alice.request().get("/api/audit-logs?festivalId=" + bobFest).then().statusCode(403);
        // without a festival filter: only her festivals' entries, never sign-ins or other tenants
        alice.request().get("/api/audit-logs?limit=100").then().statusCode(200)
                .body("data.festivalId", everyItem(equalTo(aliceFest.toString())))
                .body("data.festivalId", not(hasItem(bobFest.toString())));
        // a co-organiser (ORGANIZER member) reads the festival's entries too
        Fixtures.Account coOrganiser = Fixtures.organizer();
        Fixtures.member(aliceFest, coOrganiser, Role.ORGANIZER);
        coOrganiser.request().get("/api/festivals/" + aliceFest + "/audit-logs").then().statusCode(200)
                .body("meta.total", equalTo(1));
        // a STAFF member is crew, not org
        staff.request().get("/api/festivals/" + aliceFest + "/audit-logs").then().statusCode(403);
    }

    @Test
    void membershipRemovalIsAudited() {
        Fixtures.Account owner = Fixtures.organizer();
        UUID fest = Fixtures.festival(owner);
        Fixtures.Account member = Fixtures.user();
        owner.request().body(Map.of("userId", member.id().toString(), "role", "SECURITY"))
                .post("/api/festivals/" + fest + "/members").then().statusCode(201);
        owner.request().delete("/api/festivals/" + fest + "/members/" + member.id()).then().statusCode(204);
        owner.request().get("/api/festivals/" + fest + "/audit-logs?action=festival").then().statusCode(200)
                .body("data.action", equalTo(java.util.List.of("festival.member_removed", "festival.member_added")));
    }

    @Test
    void anAdminReadsSignInsFailuresAndBans() {
        Fixtures.Account admin = Fixtures.admin();
        Fixtures.Account u = Fixtures.user();
        given().contentType(ContentType.JSON).body(Map.of("email", u.email(), "password", "Wrong2025!x"))
                .post("/api/auth/login").then().statusCode(401);
        admin.request().body(Map.of("reason", "chargebacks")).post("/api/users/" + u.id() + "/ban")
                .then().statusCode(200);

        admin.request().get("/api/audit-logs?userId=" + u.id() + "&action=login").then().statusCode(200)
                .body("data.action", hasItem("login"))
                .body("data.action", hasItem("login.failed"));
        admin.request().get("/api/audit-logs?userId=" + u.id() + "&outcome=failure").then().statusCode(200)
                .body("data.action", everyItem(equalTo("login.failed")))
                .body("data[0].details.reason", equalTo("invalid-credentials"));
        admin.request().get("/api/audit-logs?userId=" + u.id() + "&action=user.banned").then().statusCode(200)
                .body("meta.total", equalTo(1))
                .body("data[0].actorId", equalTo(admin.id().toString()))
                .body("data[0].details.reason", equalTo("chargebacks"));
        admin.request().get("/api/audit-logs?userId=" + u.id() + "&action=session.revoked").then().statusCode(200)
                .body("data[0].details.reason", equalTo("banned"))
                .body("data[0].details.count", greaterThanOrEqualTo(1));
    }

    @Test
    void aUserCannotReadTheTrailAndBadFiltersAre400() {
        Fixtures.Account u = Fixtures.user();
        u.request().get("/api/audit-logs").then().statusCode(403).body("errorCode", equalTo("ERR_3001"));
        given().get("/api/audit-logs").then().statusCode(401);
        Fixtures.Account admin = Fixtures.admin();
        admin.request().get("/api/audit-logs?outcome=maybe").then().statusCode(400).body("errorCode", equalTo("ERR_4003"));
        admin.request().get("/api/audit-logs?userId=nope").then().statusCode(400).body("errorCode", equalTo("ERR_4003"));
        admin.request().get("/api/audit-logs?from=yesterday").then().statusCode(400);
        admin.request().get("/api/audit-logs?from=2020-01-01&limit=1").then().statusCode(200)
                .body("meta.limit", equalTo(1));
        admin.request().get("/api/festivals/not-a-uuid/audit-logs").then().statusCode(404)
                .body("errorCode", equalTo("ERR_5001"));
    }
}
