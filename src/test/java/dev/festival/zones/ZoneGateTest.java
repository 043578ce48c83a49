package dev.festival.zones;

import static dev.festival.zones.ZoneTestSupport.category;
import static dev.festival.zones.ZoneTestSupport.occupancy;
import static dev.festival.zones.ZoneTestSupport.scan;
import static dev.festival.zones.ZoneTestSupport.scanQr;
import static dev.festival.zones.ZoneTestSupport.scene;
import static dev.festival.zones.ZoneTestSupport.ticket;
import static dev.festival.zones.ZoneTestSupport.zone;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.festival.common.security.Role;
import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import dev.festival.zones.ZoneTestSupport.Scene;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Gate decisions through POST /api/zones/:id/scan, /access and /check, on the real PostgreSQL. */
@QuarkusTest
class ZoneGateTest {

    @Test
    void entryThenAlreadyInsideThenExitThenNotInsideThenEntryAgain() {
        Scene s = scene();
        UUID cat = category(s.festivalId(), "STANDARD");
        UUID t = ticket(s.festivalId(), cat, Fixtures.user());
        UUID z = zone(s.owner(), s.festivalId(), 10);

        scan(s.security(), z, t, "IN").then().statusCode(200)
                .body("allowed", equalTo(true)).body("granted", equalTo(true)).body("reason", equalTo("ok"))
                .body("occupancy", equalTo(1)).body("capacity", equalTo(10))
                .body("zone.id", equalTo(z.toString())).body("zone.currentOccupancy", equalTo(1))
                .body("zone.capacityPercentage", equalTo(10.0f)).body("zone.isAtCapacity", equalTo(false))
                .body("ticket.id", equalTo(t.toString())).body("ticketHolder.ticketId", equalTo(t.toString()))
                .body("ticketHolder.ticketType", equalTo("STANDARD")).body("ticketHolder.ticketStatus", equalTo("SOLD"))
                .body("ticketHolder.name", notNullValue()).body("accessLogId", notNullValue())
                .body("alert", nullValue());
        scan(s.staff(), z, t, "IN").then().statusCode(200)
                .body("allowed", equalTo(false)).body("reason", equalTo("already_inside")).body("occupancy", equalTo(1));
        scan(s.security(), z, t, "OUT").then().statusCode(200)
                .body("allowed", equalTo(true)).body("reason", equalTo("ok")).body("occupancy", equalTo(0))
                .body("action", equalTo("EXIT"));
        scan(s.security(), z, t, "OUT").then().statusCode(200)
                .body("allowed", equalTo(false)).body("reason", equalTo("not_inside")).body("occupancy", equalTo(0));
        // out then in again works
        s.security().request().body(Map.of("ticketId", t.toString(), "action", "entry"))
                .post("/api/zones/" + z + "/access").then().statusCode(200)
                .body("allowed", equalTo(true)).body("direction", equalTo("IN")).body("occupancy", equalTo(1));
        assertEquals(1, occupancy(z));
        assertEquals(1, ZoneTestSupport.inside(z));
        // every decision is logged, refusals too
        assertEquals(5, ZoneTestSupport.count("SELECT count(*) FROM zone_access_logs WHERE zone_id = $1",
                Tuple.of(z)));
        // a zone scan does not consume the ticket
        assertEquals("SOLD", ZoneTestSupport.query("SELECT status FROM tickets WHERE id = $1", Tuple.of(t))
                .iterator().next().getString(0));
    }

    @Test
    void signedQrCodesAreVerifiedAndARevisionNoLongerCurrentIsRevoked() {
        Scene s = scene();
        Account holder = Fixtures.user();
        // a free category bought through the API: a SOLD ticket with its signed QR
        UUID cat = UUID.fromString(s.owner().request().body(Map.of("name", "Free pass", "price", 0, "quota", 100,
                        "maxPerUser", 10))
                .post("/api/festivals/" + s.festivalId() + "/ticket-categories").then().statusCode(201)
                .extract().path("id"));
        String ticketId = holder.request().body(Map.of("festivalId", s.festivalId().toString(),
                "categoryId", cat.toString(), "quantity", 1)).post("/api/tickets/purchase")
                .then().statusCode(201).extract().path("tickets[0].id");
        String qr = holder.request().get("/api/tickets/" + ticketId).then().statusCode(200).extract().path("qrCode");
        UUID z = zone(s.owner(), s.festivalId(), (Integer) null);

        scanQr(s.security(), z, qr, "in").then().statusCode(200)
                .body("allowed", equalTo(true)).body("ticket.id", equalTo(ticketId)).body("capacity", nullValue());
        // a tampered payload is invalid (and says nothing about the ticket)
        String tampered = qr.substring(0, qr.length() - 3) + (qr.endsWith("AAA") ? "BBB" : "AAA");
        scanQr(s.security(), z, tampered, "OUT").then().statusCode(200)
                .body("allowed", equalTo(false)).body("reason", equalTo("invalid")).body("ticket", nullValue());
        scanQr(s.security(), z, "garbage", "IN").then().statusCode(200)
                .body("allowed", equalTo(false)).body("reason", equalTo("invalid"));
        scanQr(s.security(), z, qr, "OUT").then().statusCode(200).body("allowed", equalTo(true));

        // transferred: the old QR's revision is revoked for entries
        Account friend = Fixtures.user();
        holder.request().body(Map.of("recipientEmail", friend.email())).post("/api/tickets/" + ticketId + "/transfer")
                .then().statusCode(200);
        scanQr(s.security(), z, qr, "IN").then().statusCode(200)
                .body("allowed", equalTo(false)).body("reason", equalTo("revoked"));
        String newQr = friend.request().get("/api/tickets/" + ticketId).then().statusCode(200).extract().path("qrCode");
        scanQr(s.security(), z, newQr, "IN").then().statusCode(200).body("allowed", equalTo(true));
    }

    @Test
    void cancelledRefundedAndUnpaidTicketsAreRefused() {
        Scene s = scene();
        UUID cat = category(s.festivalId(), "STANDARD");
        Account holder = Fixtures.user();
        UUID cancelled = ZoneTestSupport.tickets(s.festivalId(), cat, holder, 1, "CANCELLED").get(0);
        UUID refunded = ZoneTestSupport.tickets(s.festivalId(), cat, holder, 1, "REFUNDED").get(0);
        UUID reserved = ZoneTestSupport.tickets(s.festivalId(), cat, holder, 1, "RESERVED").get(0);
        UUID used = ZoneTestSupport.tickets(s.festivalId(), cat, holder, 1, "USED").get(0);
        UUID z = zone(s.owner(), s.festivalId(), 10);

        scan(s.security(), z, cancelled, "IN").then().body("allowed", equalTo(false)).body("reason", equalTo("revoked"));
        scan(s.security(), z, refunded, "IN").then().body("allowed", equalTo(false)).body("reason", equalTo("revoked"));
        scan(s.security(), z, reserved, "IN").then().body("allowed", equalTo(false)).body("reason", equalTo("invalid"));
        scan(s.security(), z, UUID.randomUUID(), "IN").then().statusCode(200)
                .body("allowed", equalTo(false)).body("reason", equalTo("invalid"));
        // USED = went through the festival's gate: still admitted in zones
        scan(s.security(), z, used, "IN").then().body("allowed", equalTo(true));
        assertEquals(1, occupancy(z));
    }

    @Test
    void aTicketOfAnotherFestivalIsInvalidHere() {
        Scene s = scene();
        Scene other = scene();
        UUID t = ticket(other.festivalId(), category(other.festivalId(), "STANDARD"), Fixtures.user());
        UUID z = zone(s.owner(), s.festivalId(), 10);
        scan(s.security(), z, t, "IN").then().statusCode(200)
                .body("allowed", equalTo(false)).body("reason", equalTo("invalid")).body("ticket", nullValue())
                .body("ticketHolder", nullValue());
    }

    @Test
    void categoriesAndTicketTypesRestrictEntry() {
        Scene s = scene();
        UUID standard = category(s.festivalId(), "STANDARD");
        UUID vip = category(s.festivalId(), "VIP");
        UUID backstage = category(s.festivalId(), "BACKSTAGE");
        Account holder = Fixtures.user();
        Map<String, Object> body = new HashMap<>(ZoneTestSupport.zoneBody("VIP lounge", 100));
        body.put("requiresTicketType", List.of("vip"));
        body.put("allowedCategoryIds", List.of(backstage.toString()));
        UUID z = zone(s.owner(), s.festivalId(), body);

        scan(s.security(), z, ticket(s.festivalId(), standard, holder), "IN").then().statusCode(200)
                .body("allowed", equalTo(false)).body("reason", equalTo("category_not_allowed"))
                .body("message", notNullValue());
        scan(s.security(), z, ticket(s.festivalId(), vip, holder), "IN").then().body("allowed", equalTo(true));
        scan(s.security(), z, ticket(s.festivalId(), backstage, holder), "IN").then().body("allowed", equalTo(true));

        // a category that lists the zone among its zones also gets in
        UUID listed = category(s.festivalId(), "STANDARD");
        Fixtures.sql("UPDATE ticket_categories SET zone_ids = ARRAY[$1] WHERE id = $2", Tuple.of(z.toString(), listed));
        scan(s.security(), z, ticket(s.festivalId(), listed, holder), "IN").then().body("allowed", equalTo(true));
        assertEquals(3, occupancy(z));
    }

    @Test
    void aClosedZoneRefusesEntriesButLetsPeopleOut() {
        Scene s = scene();
        UUID cat = category(s.festivalId(), "STANDARD");
        Account holder = Fixtures.user();
        UUID inside = ticket(s.festivalId(), cat, holder);
        UUID z = zone(s.owner(), s.festivalId(), 10);
        scan(s.security(), z, inside, "IN").then().body("allowed", equalTo(true));

        s.security().request().body(Map.of("isActive", false)).patch("/api/zones/" + z).then().statusCode(200)
                .body("isActive", equalTo(false));
        scan(s.security(), z, ticket(s.festivalId(), cat, holder), "IN").then().statusCode(200)
                .body("allowed", equalTo(false)).body("reason", equalTo("closed"));
        scan(s.security(), z, inside, "OUT").then().body("allowed", equalTo(true)).body("occupancy", equalTo(0));

        // outside its hours (an absolute window in the past) the zone is closed too
        UUID past = zone(s.owner(), s.festivalId(), Map.of("name", "Yesterday", "openingTime", "2020-01-01T10:00:00Z",
                "closingTime", "2020-01-01T20:00:00Z"));
        scan(s.security(), past, ticket(s.festivalId(), cat, holder), "IN").then()
                .body("allowed", equalTo(false)).body("reason", equalTo("closed"));
        // daily hours that cover the whole day: open
        UUID allDay = zone(s.owner(), s.festivalId(), Map.of("name", "Always", "openingTime", "00:00",
                "closingTime", "00:00"));
        scan(s.security(), allDay, ticket(s.festivalId(), cat, holder), "IN").then().body("allowed", equalTo(true));
    }

    @Test
    void checkIsADryRun() {
        Scene s = scene();
        UUID t = ticket(s.festivalId(), category(s.festivalId(), "STANDARD"), Fixtures.user());
        UUID z = zone(s.owner(), s.festivalId(), 10);
        s.staff().request().body(Map.of("ticketId", t.toString(), "direction", "IN"))
                .post("/api/zones/" + z + "/check").then().statusCode(200)
                .body("allowed", equalTo(true)).body("reason", equalTo("ok")).body("dryRun", equalTo(true))
                .body("accessLogId", nullValue()).body("occupancy", equalTo(0));
        s.staff().request().body(Map.of("ticketId", t.toString(), "direction", "OUT"))
                .post("/api/zones/" + z + "/check").then().statusCode(200)
                .body("allowed", equalTo(false)).body("reason", equalTo("not_inside"));
        assertEquals(0, occupancy(z));
        assertEquals(0, ZoneTestSupport.count("SELECT count(*) FROM zone_access_logs WHERE zone_id = $1", Tuple.of(z)));
        assertEquals(0, ZoneTestSupport.inside(z));
    }

    @Test
    void aRepeatedClientScanIdAnswersTheFirstDecision() {
        Scene s = scene();
        UUID t = ticket(s.festivalId(), category(s.festivalId(), "STANDARD"), Fixtures.user());
        UUID z = zone(s.owner(), s.festivalId(), 10);
        Map<String, Object> body = Map.of("ticketId", t.toString(), "deviceId", "gate-7", "clientScanId", "s-1");
        String log = s.security().request().body(body).post("/api/zones/" + z + "/scan").then().statusCode(200)
                .body("allowed", equalTo(true)).extract().path("accessLogId");
        s.security().request().body(body).post("/api/zones/" + z + "/scan").then().statusCode(200)
                .body("allowed", equalTo(true)).body("duplicate", equalTo(true)).body("accessLogId", equalTo(log));
        assertEquals(1, occupancy(z));
        // without a deviceId a clientScanId cannot be de-duplicated
        s.security().request().body(Map.of("ticketId", t.toString(), "clientScanId", "s-2"))
                .post("/api/zones/" + z + "/scan").then().statusCode(400).body("errorCode", equalTo("ERR_4001"));
    }

    @Test
    void nfcTagsNameTheHoldersTicket() {
        Scene s = scene();
        Account holder = Fixtures.user();
        UUID t = ticket(s.festivalId(), category(s.festivalId(), "STANDARD"), holder);
        String tag = "NFC-" + UUID.randomUUID();
        holder.request().post("/api/cashless/account").then().statusCode(org.hamcrest.Matchers.anyOf(
                equalTo(200), equalTo(201)));
        holder.request().body(Map.of("nfcTagId", tag)).post("/api/cashless/link-nfc").then().statusCode(200);
        UUID z = zone(s.owner(), s.festivalId(), 10);

        s.security().request().body(Map.of("nfcTagId", tag, "direction", "IN")).post("/api/zones/" + z + "/scan")
                .then().statusCode(200).body("allowed", equalTo(true)).body("ticket.id", equalTo(t.toString()));
        s.security().request().body(Map.of("nfcTagId", tag, "direction", "OUT")).post("/api/zones/" + z + "/scan")
                .then().statusCode(200).body("allowed", equalTo(true));
        s.security().request().body(Map.of("nfcTagId", "unknown-" + tag)).post("/api/zones/" + z + "/scan")
                .then().statusCode(200).body("allowed", equalTo(false)).body("reason", equalTo("invalid"));
        Fixtures.sql("UPDATE cashless_accounts SET nfc_blocked = true WHERE nfc_tag_id = $1", Tuple.of(tag));
        s.security().request().body(Map.of("nfcTagId", tag)).post("/api/zones/" + z + "/scan")
                .then().statusCode(200).body("allowed", equalTo(false)).body("reason", equalTo("revoked"));
    }

    @Test
    void onlyTheFestivalsScannersMayScan() {
        Scene s = scene();
        Scene other = scene();
        UUID t = ticket(s.festivalId(), category(s.festivalId(), "STANDARD"), Fixtures.user());
        UUID z = zone(s.owner(), s.festivalId(), 10);

        scan(Fixtures.user(), z, t, "IN").then().statusCode(403).body("errorCode", equalTo("ERR_3002"));
        scan(other.security(), z, t, "IN").then().statusCode(403).body("errorCode", equalTo("ERR_3002"));
        Account cashier = Fixtures.account(Role.CASHIER);
        Fixtures.member(s.festivalId(), cashier, Role.CASHIER);
        scan(cashier, z, t, "IN").then().statusCode(403).body("errorCode", equalTo("ERR_3001"));
        other.security().request().body(Map.of("ticketId", t.toString())).post("/api/zones/" + z + "/check")
                .then().statusCode(403);
        io.restassured.RestAssured.given().contentType("application/json").body(Map.of("ticketId", t.toString()))
                .post("/api/zones/" + z + "/scan").then().statusCode(401);
        // nothing was written for the refused callers
        assertEquals(0, ZoneTestSupport.count("SELECT count(*) FROM zone_access_logs WHERE zone_id = $1", Tuple.of(z)));
        // the owner and an ADMIN may
        scan(s.owner(), z, t, "IN").then().statusCode(200).body("allowed", equalTo(true));
        scan(Fixtures.admin(), z, t, "OUT").then().statusCode(200).body("allowed", equalTo(true));
    }

    @Test
    void badScanBodiesAre400AndUnknownZones404() {
        Scene s = scene();
        UUID z = zone(s.owner(), s.festivalId(), 10);
        String url = "/api/zones/" + z + "/scan";
        s.security().request().body(Map.of("direction", "IN")).post(url).then().statusCode(400)
                .body("errorCode", equalTo("ERR_4001")).body("details.fields[0].field", equalTo("qrCode"));
        s.security().request().body(Map.of("ticketId", "not-a-uuid")).post(url).then().statusCode(400)
                .body("details.fields[0].field", equalTo("ticketId"));
        s.security().request().body(Map.of("ticketId", UUID.randomUUID().toString(), "direction", "sideways"))
                .post(url).then().statusCode(400).body("details.fields[0].field", equalTo("direction"));
        s.security().request().body(Map.of("ticketId", 12)).post(url).then().statusCode(400);
        s.security().request().body("{not json").post(url).then().statusCode(400).body("errorCode", equalTo("ERR_4002"));
        s.security().request().post(url).then().statusCode(400);
        s.security().request().body(Map.of("ticketId", UUID.randomUUID().toString()))
                .post("/api/zones/nope/scan").then().statusCode(400).body("errorCode", equalTo("ERR_4004"));
        s.security().request().body(Map.of("ticketId", UUID.randomUUID().toString()))
                .post("/api/zones/" + UUID.randomUUID() + "/scan").then().statusCode(404)
                .body("errorCode", equalTo("ERR_5001"));
        // body validation comes before the role decision
        Fixtures.user().request().body(Map.of("direction", "IN")).post(url).then().statusCode(400);
    }

    @Test
    void occupancyEndpointsArePublic() {
        Scene s = scene();
        UUID cat = category(s.festivalId(), "STANDARD");
        Account holder = Fixtures.user();
        UUID z = zone(s.owner(), s.festivalId(), 4);
        UUID unlimited = zone(s.owner(), s.festivalId(), (Integer) null);
        for (UUID t : ZoneTestSupport.tickets(s.festivalId(), cat, holder, 3, "SOLD")) {
            scan(s.security(), z, t, "IN").then().body("allowed", equalTo(true));
            scan(s.security(), unlimited, t, "IN").then().body("allowed", equalTo(true));
        }
        for (String path : List.of("/occupancy", "/capacity")) {
            io.restassured.RestAssured.given().get("/api/zones/" + z + path).then().statusCode(200)
                    .body("zoneId", equalTo(z.toString())).body("currentOccupancy", equalTo(3))
                    .body("capacity", equalTo(4)).body("occupancyPercentage", equalTo(75.0f))
                    .body("isAtCapacity", equalTo(false)).body("isNearCapacity", equalTo(false))
                    .body("availableSpots", equalTo(1)).body("zoneName", notNullValue());
        }
        io.restassured.RestAssured.given().get("/api/zones/" + unlimited + "/occupancy").then().statusCode(200)
                .body("capacity", nullValue()).body("availableSpots", nullValue()).body("currentOccupancy", equalTo(3));
        for (String path : List.of("/occupancy", "/zones/capacity")) {
            io.restassured.RestAssured.given().get("/api/festivals/" + s.festivalId() + path).then().statusCode(200)
                    .body("totalOccupancy", equalTo(6)).body("totalCapacity", equalTo(4)).body("zones.size()", equalTo(2));
        }
        io.restassured.RestAssured.given().get("/api/festivals/" + UUID.randomUUID() + "/occupancy").then()
                .statusCode(404);
    }

    @Test
    void theAccessLogIsPaginatedFilteredAndForCrewOnly() {
        Scene s = scene();
        UUID cat = category(s.festivalId(), "STANDARD");
        List<UUID> ts = ZoneTestSupport.tickets(s.festivalId(), cat, Fixtures.user(), 3, "SOLD");
        UUID z = zone(s.owner(), s.festivalId(), 10);
        for (UUID t : ts) {
            scan(s.security(), z, t, "IN");
        }
        scan(s.security(), z, ts.get(0), "OUT");
        scan(s.security(), z, ts.get(0), "OUT"); // refused: not_inside

        Response page = s.staff().request().get("/api/zones/" + z + "/access-logs?limit=2&page=1");
        page.then().statusCode(200).body("data.size()", equalTo(2)).body("meta.total", equalTo(5))
                .body("meta.totalPages", equalTo(3)).body("meta.hasNextPage", equalTo(true))
                .body("data[0].reason", equalTo("not_inside")).body("data[0].allowed", equalTo(false))
                .body("data[0].action", equalTo("EXIT"));
        s.security().request().get("/api/zones/" + z + "/access-log?action=ENTRY").then().statusCode(200)
                .body("meta.total", equalTo(3));
        s.security().request().get("/api/zones/" + z + "/access-logs?action=exit&allowed=true").then().statusCode(200)
                .body("meta.total", equalTo(1));
        s.security().request().get("/api/zones/" + z + "/access-logs?ticketId=" + ts.get(0)).then().statusCode(200)
                .body("meta.total", equalTo(3));
        s.security().request().get("/api/zones/" + z + "/access-logs?startDate=2999-01-01").then().statusCode(200)
                .body("meta.total", equalTo(0));
        s.security().request().get("/api/zones/" + z + "/access-logs?startDate=yesterday").then().statusCode(400)
                .body("errorCode", equalTo("ERR_4003"));
        s.security().request().get("/api/zones/" + z + "/access-logs?action=sideways").then().statusCode(400);
        Fixtures.user().request().get("/api/zones/" + z + "/access-logs").then().statusCode(403);
        scene().security().request().get("/api/zones/" + z + "/access-logs").then().statusCode(403);
    }
}
