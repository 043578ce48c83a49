package dev.festival.tickets;

import static dev.festival.tickets.TicketTestSupport.category;
import static dev.festival.tickets.TicketTestSupport.freeTicket;
import static dev.festival.tickets.TicketTestSupport.qrOf;
import static dev.festival.tickets.TicketTestSupport.runningFestival;
import static dev.festival.tickets.TicketTestSupport.scan;
import static dev.festival.tickets.TicketTestSupport.ticketStatus;
import static dev.festival.tickets.TicketTestSupport.validate;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.festival.common.security.Role;
import dev.festival.payments.StripeMock;
import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = StripeMock.class, scope = TestResourceScope.GLOBAL)
class TicketGateTest {

    @Test
    void thirtyTwoConcurrentScansAdmitExactlyOnceAndValidationChangesNothing() throws Exception {
        Account org = Fixtures.organizer();
        UUID festival = runningFestival(org);
        UUID category = category(org, festival, "0", 10);
        Account holder = Fixtures.user();
        UUID ticket = freeTicket(holder, festival, category);
        String qr = qrOf(holder, ticket);
        Account staff = Fixtures.user();
        Fixtures.member(festival, staff, Role.STAFF);

        for (int i = 0; i < 2; i++) {
            validate(staff, qr).then().statusCode(200).body("valid", equalTo(true)).body("reason", equalTo("ok"))
                    .body("accessGranted", equalTo(true)).body("user.firstName", equalTo("Test"))
                    .body("ticket.id", equalTo(ticket.toString())).body("ticket.status", equalTo("SOLD"))
                    .body("ticket.qrCode", equalTo(qr)).body("ticket.festival.id", equalTo(festival.toString()));
        }
        // by id, the current QR is signed afresh: the same payload (Ed25519 is deterministic)
        staff.request().body(Map.of()).post("/api/tickets/" + ticket + "/validate").then().statusCode(200)
                .body("reason", equalTo("ok")).body("ticket.qrCode", equalTo(qr))
                .body("user.firstName", equalTo("Test"));
        assertEquals("SOLD", ticketStatus(ticket));

        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        Map<String, AtomicInteger> reasons = new ConcurrentHashMap<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                Response r = scan(staff, qr);
                String key = r.statusCode() + ":" + r.path("reason");
                if ("ok".equals(r.path("reason"))) {
                    r.then().body("ticket.status", equalTo("USED")).body("ticket.usedAt", notNullValue())
                            .body("ticket.qrCode", nullValue()).body("user.firstName", equalTo("Test"));
                }
                reasons.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(1, reasons.get("200:ok").get(), reasons.toString());
        assertEquals(31, reasons.get("200:already_used").get(), reasons.toString());
        assertEquals("USED", ticketStatus(ticket));

        validate(staff, qr).then().statusCode(200).body("valid", equalTo(false))
                .body("reason", equalTo("already_used")).body("accessGranted", equalTo(false));
        assertEquals("USED", ticketStatus(ticket));
        holder.request().get("/api/tickets/" + ticket).then().statusCode(200).body("status", equalTo("USED"));
        // a used ticket cannot be cancelled or refunded, nor transferred
        holder.request().post("/api/tickets/" + ticket + "/cancel").then().statusCode(409)
                .body("errorCode", equalTo("ERR_5009"));
        holder.request().body(Map.of("recipientEmail", staff.email())).post("/api/tickets/" + ticket + "/transfer")
                .then().statusCode(409);
    }

    @Test
    void forgedOrGarbledQrIsInvalidSignatureForAnySignedInUser() {
        Account org = Fixtures.organizer();
        UUID festival = runningFestival(org);
        UUID category = category(org, festival, "0", 10);
        Account holder = Fixtures.user();
        String qr = qrOf(holder, freeTicket(holder, festival, category));
        Account someone = Fixtures.user();
        // the genuine QR verifies (and is remembered as verified): a stranger is refused at the festival
        validate(someone, qr).then().statusCode(403);
        // change characters in the key id, the claims and the signature (not the last one: a final base64
        // character may carry only padding bits)
        List<String> bad = new ArrayList<>(List.of("garbage", "FT1.x.y.z", "FT1..."));
        for (int pos : new int[] {5, qr.length() / 3, qr.length() / 2, 2 * qr.length() / 3, qr.length() - 5}) {
            char c = qr.charAt(pos);
            if (c != '.') {
                bad.add(qr.substring(0, pos) + (c == 'A' ? 'B' : 'A') + qr.substring(pos + 1));
            }
        }
        for (String forged : bad) {
            validate(someone, forged).then().statusCode(200).body("valid", equalTo(false))
                    .body("reason", equalTo("invalid_signature")).body("accessGranted", equalTo(false));
            scan(someone, forged).then().statusCode(200).body("reason", equalTo("invalid_signature"));
        }
        someone.request().body(Map.of("zoneId", "main")).post("/api/tickets/validate").then().statusCode(400)
                .body("errorCode", equalTo("ERR_4001"));
        assertEquals("SOLD", ticketStatus(UUID.fromString(holder.request().get("/api/tickets/me").path("[0].id"))));
    }

    @Test
    void genuineQrOfAFestivalTheCallerDoesNotWorkIsForbidden() {
        Account org = Fixtures.organizer();
        UUID festival = runningFestival(org);
        UUID category = category(org, festival, "0", 10);
        Account holder = Fixtures.user();
        UUID ticket = freeTicket(holder, festival, category);
        String qr = qrOf(holder, ticket);
        Account outsider = Fixtures.user();
        scan(outsider, qr).then().statusCode(403);
        validate(outsider, qr).then().statusCode(403);
        // the holder may not admit themselves either; a cashier is no gate staff
        scan(holder, qr).then().statusCode(403);
        Account cashier = Fixtures.user();
        Fixtures.member(festival, cashier, Role.CASHIER);
        scan(cashier, qr).then().statusCode(403);
        // staff of another festival scanning this ticket
        Account otherStaff = Fixtures.user();
        Fixtures.member(runningFestival(org), otherStaff, Role.SECURITY);
        scan(otherStaff, qr).then().statusCode(403);
        assertEquals("SOLD", ticketStatus(ticket));
        // the festival's owner and its SECURITY may
        Account security = Fixtures.user();
        Fixtures.member(festival, security, Role.SECURITY);
        validate(security, qr).then().statusCode(200).body("reason", equalTo("ok"));
        org.request().body(Map.of("qrCode", qr, "festivalId", UUID.randomUUID().toString()))
                .post("/api/tickets/validate").then().statusCode(200).body("reason", equalTo("wrong_festival"));
        org.request().post("/api/tickets/" + qr + "/scan?zoneId=main").then().statusCode(200)
                .body("reason", equalTo("ok"));
        assertEquals("USED", ticketStatus(ticket));
    }

    @Test
    void transferRevokesTheOldQrAndTheNewOneAdmits() {
        Account org = Fixtures.organizer();
        UUID festival = runningFestival(org);
        UUID category = category(org, festival, "0", 10);
        Account holder = Fixtures.user();
        Account friend = Fixtures.user();
        UUID ticket = freeTicket(holder, festival, category);
        String oldQr = qrOf(holder, ticket);
        Account staff = Fixtures.user();
        Fixtures.member(festival, staff, Role.STAFF);
        OffsetDateTime before = OffsetDateTime.now().minusMinutes(1);

        holder.request().body(Map.of()).post("/api/tickets/" + ticket + "/transfer").then().statusCode(400);
        holder.request().body(Map.of("recipientEmail", holder.email())).post("/api/tickets/" + ticket + "/transfer")
                .then().statusCode(400);
        holder.request().body(Map.of("recipientEmail", Fixtures.uniqueEmail("nobody")))
                .post("/api/tickets/" + ticket + "/transfer").then().statusCode(404);
        friend.request().body(Map.of("recipientEmail", friend.email())).post("/api/tickets/" + ticket + "/transfer")
                .then().statusCode(403);

        Response moved = holder.request().body(Map.of("email", friend.email().toUpperCase()))
                .post("/api/tickets/" + ticket + "/transfer");
        moved.then().statusCode(200).body("status", equalTo("SOLD")).body("userId", equalTo(friend.id().toString()))
                .body("transferredFromUserId", equalTo(holder.id().toString()));
        String newQr = moved.path("qrCode");
        assertNotEquals(oldQr, newQr);
        assertEquals(newQr, qrOf(friend, ticket));
        holder.request().get("/api/tickets/" + ticket).then().statusCode(403);
        holder.request().get("/api/tickets/me").then().body("id", not(hasItem(ticket.toString())));

        validate(staff, oldQr).then().statusCode(200).body("valid", equalTo(false)).body("reason", equalTo("revoked"));
        scan(staff, oldQr).then().statusCode(200).body("reason", equalTo("revoked"));
        staff.request().get("/api/festivals/" + festival + "/revoked-tickets?since=" + before)
                .then().statusCode(200).body("revoked.ticketId", hasItem(ticket.toString()))
                .body("revoked[0].reason", equalTo("transferred")).body("revoked[0].revision", equalTo(1));
        Fixtures.user().request().get("/api/festivals/" + festival + "/revoked-tickets").then().statusCode(403);
        scan(staff, newQr).then().statusCode(200).body("reason", equalTo("ok"))
                .body("user.lastName", equalTo("USER"));
    }

    @Test
    void cancellingAFreeTicketReturnsItsQuotaAndRevokesIt() {
        Account org = Fixtures.organizer();
        UUID festival = runningFestival(org);
        UUID category = category(org, festival, "0", 10);
        Account holder = Fixtures.user();
        UUID ticket = freeTicket(holder, festival, category);
        String qr = qrOf(holder, ticket);
        assertArrayEquals(new int[] {1, 0}, TicketTestSupport.counters(category));
        Fixtures.user().request().post("/api/tickets/" + ticket + "/cancel").then().statusCode(403);
        holder.request().delete("/api/tickets/" + ticket).then().statusCode(200).body("status", equalTo("CANCELLED"))
                .body("qrCode", equalTo(null));
        assertArrayEquals(new int[] {0, 0}, TicketTestSupport.counters(category));
        holder.request().post("/api/tickets/" + ticket + "/cancel").then().statusCode(409)
                .body("errorCode", equalTo("ERR_5009"));
        validate(org, qr).then().statusCode(200).body("reason", equalTo("revoked"));
        holder.request().get("/api/tickets/not-a-uuid").then().statusCode(404).body("errorCode", equalTo("ERR_5001"));
    }
}
