package dev.festival.zones;

import static dev.festival.zones.ZoneTestSupport.scene;
import static dev.festival.zones.ZoneTestSupport.zone;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.festival.support.Fixtures;
import dev.festival.zones.ZoneTestSupport.Scene;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Zones of a festival: create, read, update, delete, who may, and what is refused. */
@QuarkusTest
class ZoneCrudTest {

    @Test
    void theOwnerCreatesAZoneAndAnyoneReadsIt() {
        Scene s = scene();
        UUID cat = UUID.randomUUID();
        Map<String, Object> body = new HashMap<>();
        body.put("name", "  Main stage ");
        body.put("description", "In front of the stage");
        body.put("capacity", 5000);
        body.put("allowedCategoryIds", List.of(cat.toString()));
        body.put("requiresTicketType", List.of("vip", "Backstage"));
        body.put("allowedRoles", List.of("security", "STAFF"));
        body.put("accessLevel", "vip");
        body.put("capacityWarningThreshold", 70);
        body.put("openingTime", "14:00");
        body.put("closingTime", "02:30");
        body.put("festivalId", UUID.randomUUID().toString()); // tolerated and ignored
        String id = s.owner().request().body(body).post("/api/festivals/" + s.festivalId() + "/zones").then()
                .statusCode(201)
                .body("id", notNullValue()).body("festivalId", equalTo(s.festivalId().toString()))
                .body("name", equalTo("Main stage")).body("capacity", equalTo(5000))
                .body("currentOccupancy", equalTo(0)).body("parentZoneId", nullValue())
                .body("allowedCategoryIds", contains(cat.toString()))
                .body("requiresTicketType", contains("VIP", "BACKSTAGE"))
                .body("allowedStaffRoles", contains("SECURITY", "STAFF"))
                .body("allowedRoles", contains("SECURITY", "STAFF"))
                .body("accessLevel", equalTo("VIP")).body("capacityWarningThreshold", equalTo(70))
                .body("isActive", equalTo(true)).body("openingTime", equalTo("14:00"))
                .body("closingTime", equalTo("02:30")).body("availableSpots", equalTo(5000))
                .extract().path("id");

        given().get("/api/zones/" + id).then().statusCode(200).body("name", equalTo("Main stage"));
        given().get("/api/festivals/" + s.festivalId() + "/zones").then().statusCode(200)
                .body("data.size()", equalTo(1)).body("data[0].id", equalTo(id)).body("meta.total", equalTo(1));

        // defaults: unlimited, threshold 80, PUBLIC, every ticket
        s.owner().request().body(Map.of("name", "Camping")).post("/api/festivals/" + s.festivalId() + "/zones")
                .then().statusCode(201).body("capacity", nullValue()).body("capacityWarningThreshold", equalTo(80))
                .body("accessLevel", equalTo("PUBLIC")).body("allowedCategoryIds.size()", equalTo(0))
                .body("openingTime", nullValue()).body("availableSpots", nullValue());
        Fixtures.admin().request().body(Map.of("name", "Admin's")).post("/api/festivals/" + s.festivalId() + "/zones")
                .then().statusCode(201);

        // the list: paginated, by name, searchable, sortable
        String list = "/api/festivals/" + s.festivalId() + "/zones";
        given().get(list + "?limit=2").then().statusCode(200).body("meta.total", equalTo(3))
                .body("meta.totalPages", equalTo(2)).body("data.name", contains("Admin's", "Camping"));
        given().get(list + "?search=STAGE").then().body("meta.total", equalTo(1)).body("data[0].name",
                equalTo("Main stage"));
        given().get(list + "?sort=capacity:desc").then().body("data[0].name", equalTo("Main stage"));
        given().get(list + "?limit=0").then().statusCode(400).body("errorCode", equalTo("ERR_4003"));
    }

    @Test
    void onlyTheOwnerOrAnAdminManageZonesAndSecurityMayPatch() {
        Scene s = scene();
        UUID z = zone(s.owner(), s.festivalId(), 100);
        String create = "/api/festivals/" + s.festivalId() + "/zones";
        Fixtures.user().request().body(Map.of("name", "X")).post(create).then().statusCode(403);
        s.security().request().body(Map.of("name", "X")).post(create).then().statusCode(403);
        Fixtures.organizer().request().body(Map.of("name", "X")).post(create).then().statusCode(403)
                .body("errorCode", equalTo("ERR_3003"));
        given().contentType("application/json").body(Map.of("name", "X")).post(create).then().statusCode(401);

        s.security().request().body(Map.of("capacity", 80, "isActive", false)).patch("/api/zones/" + z).then()
                .statusCode(200).body("capacity", equalTo(80)).body("isActive", equalTo(false));
        s.security().request().body(Map.of("capacity", 90)).put("/api/zones/" + z).then().statusCode(403);
        s.staff().request().body(Map.of("capacity", 90)).patch("/api/zones/" + z).then().statusCode(403);
        scene().security().request().body(Map.of("capacity", 90)).patch("/api/zones/" + z).then().statusCode(403);
        Fixtures.user().request().body(Map.of("capacity", 90)).patch("/api/zones/" + z).then().statusCode(403);

        Map<String, Object> unlimited = new HashMap<>();
        unlimited.put("capacity", null);
        unlimited.put("name", "Renamed");
        s.owner().request().body(unlimited).put("/api/zones/" + z).then().statusCode(200)
                .body("capacity", nullValue()).body("name", equalTo("Renamed")).body("isActive", equalTo(false));

        s.security().request().delete("/api/zones/" + z).then().statusCode(403);
        Fixtures.admin().request().delete("/api/zones/" + z).then().statusCode(204);
        given().get("/api/zones/" + z).then().statusCode(404).body("errorCode", equalTo("ERR_5001"));
        s.owner().request().delete("/api/zones/" + z).then().statusCode(404);
        given().get("/api/festivals/" + s.festivalId() + "/zones").then().statusCode(200).body("meta.total", equalTo(0));
    }

    @Test
    void invalidZonesAre400() {
        Scene s = scene();
        String create = "/api/festivals/" + s.festivalId() + "/zones";
        s.owner().request().body(Map.of("capacity", 10)).post(create).then().statusCode(400)
                .body("errorCode", equalTo("ERR_4001")).body("details.fields[0].field", equalTo("name"));
        s.owner().request().body(Map.of("name", " ")).post(create).then().statusCode(400);
        s.owner().request().body(Map.of("name", "A", "capacity", -1)).post(create).then().statusCode(400)
                .body("details.fields[0].field", equalTo("capacity"));
        s.owner().request().body(Map.of("name", "A", "capacity", "ten")).post(create).then().statusCode(400);
        s.owner().request().body(Map.of("name", "A", "capacity", 1.5)).post(create).then().statusCode(400);
        s.owner().request().body(Map.of("name", "A", "capacityWarningThreshold", 0)).post(create).then().statusCode(400);
        s.owner().request().body(Map.of("name", "A", "capacityWarningThreshold", 101)).post(create).then().statusCode(400);
        s.owner().request().body(Map.of("name", "A", "requiresTicketType", List.of("GOLD"))).post(create).then()
                .statusCode(400).body("details.fields[0].field", equalTo("requiresTicketType[0]"));
        s.owner().request().body(Map.of("name", "A", "allowedStaffRoles", List.of("JANITOR"))).post(create).then()
                .statusCode(400);
        s.owner().request().body(Map.of("name", "A", "allowedCategoryIds", List.of("nope"))).post(create).then()
                .statusCode(400);
        s.owner().request().body(Map.of("name", "A", "allowedCategoryIds", "nope")).post(create).then()
                .statusCode(400);
        s.owner().request().body(Map.of("name", "A", "isActive", "yes")).post(create).then().statusCode(400);
        s.owner().request().body(Map.of("name", "A", "openingTime", "at noon")).post(create).then().statusCode(400)
                .body("details.fields[0].field", equalTo("openingTime"));
        s.owner().request().body(Map.of("name", "A", "openingTime", "2026-07-02T10:00:00Z",
                "closingTime", "2026-07-01T10:00:00Z")).post(create).then().statusCode(400)
                .body("details.fields[0].field", equalTo("closingTime"));
        s.owner().request().body(Map.of("name", "A", "accessLevel", "not a level!")).post(create).then()
                .statusCode(400);
        s.owner().request().body("[1,2]").post(create).then().statusCode(400);
        s.owner().request().body("{oops").post(create).then().statusCode(400).body("errorCode", equalTo("ERR_4002"));
        // body validation comes before the role decision
        Fixtures.user().request().body(Map.of("capacity", 10)).post(create).then().statusCode(400);
        s.owner().request().body(Map.of("name", "A")).post("/api/festivals/" + UUID.randomUUID() + "/zones").then()
                .statusCode(404);
        given().get("/api/festivals/not-a-uuid/zones").then().statusCode(404);
        given().get("/api/zones/not-a-uuid").then().statusCode(400).body("errorCode", equalTo("ERR_4004"));
        s.owner().request().body(Map.of("name", "B")).patch("/api/zones/not-a-uuid").then().statusCode(400)
                .body("errorCode", equalTo("ERR_4004"));
    }

    @Test
    void parentsAreZonesOfTheSameFestivalWithoutCycles() {
        Scene s = scene();
        UUID arena = zone(s.owner(), s.festivalId(), 1000);
        UUID vip = zone(s.owner(), s.festivalId(), Map.of("name", "VIP", "parentZoneId", arena.toString()));
        given().get("/api/zones/" + vip).then().body("parentZoneId", equalTo(arena.toString()));
        UUID lounge = zone(s.owner(), s.festivalId(), Map.of("name", "Lounge", "parentZoneId", vip.toString()));

        // arena inside its own grandchild: a cycle
        s.owner().request().body(Map.of("parentZoneId", lounge.toString())).patch("/api/zones/" + arena).then()
                .statusCode(400).body("details.fields[0].field", equalTo("parentZoneId"));
        s.owner().request().body(Map.of("parentZoneId", arena.toString())).patch("/api/zones/" + arena).then()
                .statusCode(400);
        Scene other = scene();
        UUID foreign = zone(other.owner(), other.festivalId(), 10);
        s.owner().request().body(Map.of("name", "X", "parentZoneId", foreign.toString()))
                .post("/api/festivals/" + s.festivalId() + "/zones").then().statusCode(400);
        s.owner().request().body(Map.of("name", "X", "parentZoneId", UUID.randomUUID().toString()))
                .post("/api/festivals/" + s.festivalId() + "/zones").then().statusCode(400);

        // deleting the middle zone makes its child top-level
        s.owner().request().delete("/api/zones/" + vip).then().statusCode(204);
        given().get("/api/zones/" + lounge).then().statusCode(200).body("parentZoneId", nullValue());
    }

    @Test
    void resettingTheOccupancyMarksEverybodyOutside() {
        Scene s = scene();
        UUID cat = ZoneTestSupport.category(s.festivalId(), "STANDARD");
        List<UUID> tickets = ZoneTestSupport.tickets(s.festivalId(), cat, Fixtures.user(), 3, "SOLD");
        UUID z = zone(s.owner(), s.festivalId(), 10);
        for (UUID t : tickets) {
            ZoneTestSupport.scan(s.security(), z, t, "IN").then().body("allowed", equalTo(true));
        }
        s.security().request().body(Map.of("currentOccupancy", 0)).patch("/api/zones/" + z).then().statusCode(200)
                .body("currentOccupancy", equalTo(0));
        org.junit.jupiter.api.Assertions.assertEquals(0, ZoneTestSupport.inside(z));
        ZoneTestSupport.scan(s.security(), z, tickets.get(0), "IN").then().body("allowed", equalTo(true))
                .body("occupancy", equalTo(1));
    }
}
