package dev.festival.festivals;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.festival.common.security.Role;
import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FestivalMembersTest {

    @Test
    void ownerAddsACashierByEmailWhoThenSeesOnlyTheirFestivalsMembers() {
        Account owner = Fixtures.organizer();
        String a = FestivalSupport.createDraft(owner, "Festival A " + FestivalSupport.uniqueWord());
        String b = FestivalSupport.createDraft(Fixtures.organizer(), "Festival B " + FestivalSupport.uniqueWord());
        Account cashier = Fixtures.account(Role.CASHIER);

        owner.request().body(Map.of("email", cashier.email().toUpperCase(), "role", "cashier"))
                .post("/api/festivals/" + a + "/members").then().statusCode(201)
                .body("festivalId", equalTo(a))
                .body("userId", equalTo(cashier.id().toString()))
                .body("role", equalTo("CASHIER"))
                .body("user.email", equalTo(cashier.email()))
                .body("createdAt", org.hamcrest.Matchers.notNullValue());

        cashier.request().get("/api/festivals/" + a + "/members").then().statusCode(200)
                .body("meta.total", equalTo(1))
                .body("data.userId", contains(cashier.id().toString()));
        cashier.request().get("/api/festivals/" + b + "/members").then().statusCode(403)
                .body("errorCode", equalTo("ERR_3002"));
        cashier.request().body(Map.of("email", cashier.email(), "role", "ORGANIZER"))
                .post("/api/festivals/" + b + "/members").then().statusCode(403);
        // crew may read but not manage
        cashier.request().body(Map.of("email", cashier.email(), "role", "ORGANIZER"))
                .post("/api/festivals/" + a + "/members").then().statusCode(403);
        cashier.request().delete("/api/festivals/" + a + "/members/" + cashier.id()).then().statusCode(403);
    }

    @Test
    void addingAnExistingMemberChangesTheRoleAndRemovalWorks() {
        Account owner = Fixtures.organizer();
        String id = FestivalSupport.createDraft(owner, "Crew " + FestivalSupport.uniqueWord());
        Account staff = Fixtures.user();
        String path = "/api/festivals/" + id + "/members";

        owner.request().body(Map.of("userId", staff.id().toString(), "role", "STAFF")).post(path)
                .then().statusCode(201).body("role", equalTo("STAFF"));
        owner.request().body(Map.of("userId", staff.id().toString(), "role", "SECURITY")).post(path)
                .then().statusCode(200).body("role", equalTo("SECURITY"));
        owner.request().get(path + "?role=security").then().statusCode(200)
                .body("data.role", contains("SECURITY"));
        owner.request().delete(path + "/" + staff.id()).then().statusCode(204);
        owner.request().delete(path + "/" + staff.id()).then().statusCode(404);
        owner.request().get(path).then().statusCode(200).body("meta.total", equalTo(0));
    }

    @Test
    void anOrganizerMemberManagesTheCrewButIsNotTheOwner() {
        Account owner = Fixtures.organizer();
        String id = FestivalSupport.createDraft(owner, "Co-run " + FestivalSupport.uniqueWord());
        Account co = Fixtures.organizer();
        Account staff = Fixtures.user();
        owner.request().body(Map.of("email", co.email(), "role", "ORGANIZER"))
                .post("/api/festivals/" + id + "/members").then().statusCode(201);
        co.request().body(Map.of("email", staff.email(), "role", "STAFF"))
                .post("/api/festivals/" + id + "/members").then().statusCode(201);
        co.request().get("/api/admin/festivals?status=draft").then().statusCode(200)
                .body("data.id", hasItem(id));
        // the festival itself stays the owner's (API.md: update is ADMIN, owner)
        co.request().body(Map.of("name", "Taken over")).patch("/api/festivals/" + id).then().statusCode(403);
    }

    @Test
    void unknownUsersAndBadBodiesAreRejected() {
        Account owner = Fixtures.organizer();
        String path = "/api/festivals/" + FestivalSupport.createDraft(owner, "Strict " + FestivalSupport.uniqueWord())
                + "/members";
        owner.request().body(Map.of("email", Fixtures.uniqueEmail("ghost"), "role", "STAFF")).post(path)
                .then().statusCode(404).body("errorCode", equalTo("ERR_5001"));
        owner.request().body(Map.of("userId", UUID.randomUUID().toString(), "role", "STAFF")).post(path)
                .then().statusCode(404);
        owner.request().body(Map.of("role", "STAFF")).post(path).then().statusCode(400)
                .body("details.fields[0].field", equalTo("userId"));
        owner.request().body(Map.of("email", owner.email(), "role", "CHIEF")).post(path).then().statusCode(400)
                .body("details.fields[0].field", equalTo("role"));
        owner.request().body(Map.of("email", owner.email(), "role", "STAFF")).post(path).then().statusCode(409);
        given().get(path).then().statusCode(401);
    }
}
