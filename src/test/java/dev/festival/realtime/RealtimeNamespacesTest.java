package dev.festival.realtime;

import static dev.festival.realtime.SocketClients.POLLING_THEN_WEBSOCKET;
import static dev.festival.realtime.SocketClients.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.festival.common.realtime.RealtimePublisher;
import dev.festival.common.security.Role;
import dev.festival.realtime.SocketClients.Client;
import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** The five namespaces of API.md "Real time", through the official Java client. */
@QuarkusTest
class RealtimeNamespacesTest {
    private static final Duration SOON = Duration.ofSeconds(1);
    private static final Duration QUIET = Duration.ofMillis(500);

    @Inject
    RealtimePublisher publisher;

    @Inject
    Pool pool;

    private Row row(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(Duration.ofSeconds(10))
                .iterator().next();
    }

    private static String errorCode(JSONObject ack) throws Exception {
        return ack.getJSONObject("error").getString("errorCode");
    }

    @Test
    void zoneRoomsFollowTheFestivalAndAClientOfAnotherFestivalGetsNothing() throws Exception {
        Account orgA = Fixtures.organizer();
        Account orgB = Fixtures.organizer();
        UUID festivalA = Fixtures.festival(orgA);
        UUID festivalB = Fixtures.festival(orgB);
        Account crewA = Fixtures.user();
        Account crewB = Fixtures.user();
        Fixtures.member(festivalA, crewA, Role.SECURITY);
        Fixtures.member(festivalB, crewB, Role.STAFF);
        UUID zone = UUID.randomUUID();

        try (Client a = SocketClients.connect("/zones", crewA.accessToken());
             Client b = SocketClients.connect("/api/zones", crewB.accessToken(), POLLING_THEN_WEBSOCKET);
             Client attendee = SocketClients.connect("/zones", Fixtures.user().accessToken())) {
            JSONObject subscribed = a.request("subscribe_zone", json("festivalId", festivalA));
            assertTrue(subscribed.getBoolean("success"));
            assertEquals("festival:" + festivalA + ":zones", subscribed.getString("room"));
            assertEquals("zone:" + festivalA + ":" + zone,
                    a.request("subscribe_zone", json("festivalId", festivalA, "zoneId", zone)).getString("room"));
            assertTrue(b.request("subscribe_zone", json("festivalId", festivalB)).getBoolean("success"));
            assertEquals("ERR_3002", errorCode(b.request("subscribe_zone", json("festivalId", festivalA))));
            assertEquals("ERR_3002", errorCode(attendee.request("subscribe_zone", json("festivalId", festivalA))));
            assertEquals("ERR_5001", errorCode(a.request("subscribe_zone", json("festivalId", UUID.randomUUID()))));
            assertEquals("ERR_4001", errorCode(a.request("subscribe_zone", json("festivalId", "not-a-uuid"))));

            publisher.publish("/zones", "festival:" + festivalA + ":zones", "occupancy_update",
                    Map.of("festivalId", festivalA.toString(), "zoneId", zone.toString(), "currentOccupancy", 42));
            publisher.publish("/zones", "zone:" + festivalA + ":" + zone, "zone_event", Map.of("zoneId", zone.toString()));
            publisher.publish("/zones", "festival:" + festivalB + ":zones", "occupancy_update",
                    Map.of("festivalId", festivalB.toString(), "currentOccupancy", 7));

            assertEquals(42, a.next("occupancy_update", SOON).getInt("currentOccupancy"));
            assertEquals(zone.toString(), a.next("zone_event", SOON).getString("zoneId"));
            assertEquals(7, b.next("occupancy_update", SOON).getInt("currentOccupancy"));
            b.expectNone("occupancy_update", QUIET);
            b.expectNone("zone_event", QUIET);
            a.expectNone("occupancy_update", QUIET);

            // until the zones feature provides them: an empty occupancy list, and scans refused by acknowledgement
            JSONObject occupancy = a.request("get_all_occupancy", json("festivalId", festivalA));
            assertEquals(0, occupancy.getJSONArray("zones").length());
            JSONObject scan = a.request("scan", json("zoneId", zone, "qrCode", "x", "direction", "IN"));
            assertEquals("ERR_5001", errorCode(scan));
        }
    }

    @Test
    void zoneAlertsAreKeptAcknowledgedOnceAndStaffPositionsShared() throws Exception {
        Account org = Fixtures.organizer();
        UUID festival = Fixtures.festival(org);
        Account guard = Fixtures.user();
        Fixtures.member(festival, guard, Role.SECURITY);
        try (Client orgClient = SocketClients.connect("/zones", org.accessToken());
             Client guardClient = SocketClients.connect("/zones", guard.accessToken())) {
            orgClient.request("subscribe_zone", json("festivalId", festival));
            publisher.publish("/zones", "festival:" + festival + ":zones", "zone_alert", Map.of(
                    "id", "alert-1", "festivalId", festival.toString(), "type", "capacity_warning", "level", "warning"));
            assertEquals("alert-1", orgClient.next("zone_alert", SOON).getString("id"));

            JSONArray alerts = waitForAlerts(guardClient, festival);
            assertEquals("alert-1", alerts.getJSONObject(0).getString("id"));
            assertFalse(alerts.getJSONObject(0).getBoolean("acknowledged"));

            JSONObject ack = guardClient.request("acknowledge_alert", json("festivalId", festival, "alertId", "alert-1"));
            assertTrue(ack.getBoolean("success"));
            assertEquals(guard.id().toString(), ack.getString("acknowledgedBy"));
            assertEquals("alert-1", orgClient.next("alert_acknowledged", SOON).getString("alertId"));
            JSONObject again = orgClient.request("acknowledge_alert", json("festivalId", festival, "alertId", "alert-1"));
            assertEquals(guard.id().toString(), again.getString("acknowledgedBy"), "the first acknowledgement counts");
            assertEquals("ERR_5001", errorCode(orgClient.request("acknowledge_alert",
                    json("festivalId", festival, "alertId", "nope"))));

            assertTrue(guardClient.request("update_position", new JSONObject().put("festivalId", festival.toString())
                    .put("latitude", 48.85).put("longitude", 2.35)).getBoolean("success"));
            assertEquals(guard.id().toString(), orgClient.next("staff_position_update", SOON).getString("userId"));
            JSONArray positions = orgClient.request("get_staff_positions", json("festivalId", festival))
                    .getJSONArray("positions");
            assertEquals(1, positions.length());
            assertEquals("SECURITY", positions.getJSONObject(0).getString("role"));
            assertEquals("ERR_4001", errorCode(guardClient.request("update_position",
                    new JSONObject().put("festivalId", festival.toString()).put("latitude", 123).put("longitude", 2))));
        }
    }

    private JSONArray waitForAlerts(Client client, UUID festival) throws Exception {
        for (int i = 0; i < 50; i++) {
            JSONArray alerts = client.request("get_alerts", json("festivalId", festival)).getJSONArray("alerts");
            if (alerts.length() > 0) {
                return alerts;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the alert was not recorded");
    }

    @Test
    void organisersBroadcastToSubscribersAndEmergenciesResolve() throws Exception {
        Account org = Fixtures.organizer();
        UUID festival = Fixtures.festival(org);
        UUID draft = Fixtures.festival(org);
        Fixtures.sql("UPDATE festivals SET status = 'DRAFT' WHERE id = $1", Tuple.of(draft));
        Account attendee = Fixtures.user();
        Account stranger = Fixtures.user();
        try (Client orgClient = SocketClients.connect("/broadcast", org.accessToken());
             Client fan = SocketClients.connect("/broadcast", attendee.accessToken(), POLLING_THEN_WEBSOCKET);
             Client other = SocketClients.connect("/api/broadcast", stranger.accessToken())) {
            JSONObject subscribed = fan.request("subscribe", json("festivalId", festival));
            assertTrue(subscribed.getBoolean("success"));
            assertEquals(0, fan.next("sync").getJSONArray("broadcasts").length());
            assertEquals("ERR_5001", errorCode(other.request("subscribe", json("festivalId", draft))));
            assertEquals("ERR_3002", errorCode(fan.request("send_broadcast",
                    json("festivalId", festival, "title", "Hi", "message", "spam"))));

            JSONObject sent = orgClient.request("send_broadcast", json("festivalId", festival, "title", "Doors",
                    "message", "Doors open at 18:00", "priority", "HIGH"));
            assertTrue(sent.getBoolean("success"), sent.toString());
            String broadcastId = sent.getJSONObject("broadcast").getString("id");
            JSONObject received = fan.next("broadcast", SOON);
            assertEquals(broadcastId, received.getString("id"));
            assertEquals("Doors open at 18:00", received.getString("message"));
            assertEquals("high", received.getString("priority"));
            assertEquals(festival.toString(), received.getString("festivalId"));
            other.expectNone("broadcast", QUIET);

            orgClient.request("send_broadcast", json("festivalId", festival, "title", "Crew", "message", "briefing",
                    "target", "staff"));
            fan.expectNone("broadcast", QUIET);

            orgClient.request("send_broadcast", json("festivalId", festival, "title", "Headliner moved",
                    "message", "22:00 → 23:00", "category", "schedule"));
            assertEquals("Headliner moved", fan.next("schedule_change", SOON).getString("title"));
            assertEquals(1, fan.request("get_schedule_changes", json("festivalId", festival))
                    .getJSONArray("changes").length());

            JSONObject active = fan.request("get_active", json("festivalId", festival));
            assertEquals(2, active.getJSONArray("broadcasts").length(), "the crew-only one is not shown");
            assertTrue(fan.request("mark_read", json("broadcastId", broadcastId)).getBoolean("success"));
            assertTrue(fan.request("dismiss", json("broadcastId", broadcastId)).getBoolean("success"));
            assertEquals(1, fan.request("get_active", json("festivalId", festival)).getJSONArray("broadcasts").length());
            assertEquals(3, orgClient.request("get_active", json("festivalId", festival))
                    .getJSONArray("broadcasts").length(), "crew see crew-only broadcasts");

            JSONObject emergency = orgClient.request("send_emergency", new JSONObject()
                    .put("festivalId", festival.toString()).put("level", "evacuation").put("title", "Storm")
                    .put("message", "Leave the main stage").put("affectedZones", new JSONArray().put("main-stage")));
            String emergencyId = emergency.getJSONObject("broadcast").getString("id");
            JSONObject alert = fan.next("emergency_alert", SOON);
            assertEquals("evacuation", alert.getString("level"));
            assertEquals("main-stage", alert.getJSONArray("affectedZones").getString(0));
            assertEquals(1, fan.request("get_active", json("festivalId", festival)).getJSONArray("emergencies").length());
            assertEquals("ERR_4001", errorCode(orgClient.request("send_emergency",
                    json("festivalId", festival, "level", "panic", "title", "x", "message", "y"))));

            assertEquals(emergencyId, orgClient.request("resolve_emergency", json("emergencyId", emergencyId))
                    .getString("id"));
            assertEquals(emergencyId, fan.next("emergency_resolved", SOON).getString("id"));
            assertEquals("ERR_5009", errorCode(orgClient.request("resolve_emergency", json("emergencyId", emergencyId))));
            assertEquals(0, fan.request("get_active", json("festivalId", festival)).getJSONArray("emergencies").length());
        }
    }

    @Test
    void supportMessagesArePersistedAndDeliveredToTheTicketRoomOnly() throws Exception {
        Account org = Fixtures.organizer();
        UUID festival = Fixtures.festival(org);
        Account agent = Fixtures.user();
        Fixtures.member(festival, agent, Role.STAFF);
        Account owner = Fixtures.user();
        Account outsider = Fixtures.user();
        UUID ticket = UUID.randomUUID();
        Fixtures.sql("INSERT INTO support_tickets (id, user_id, festival_id, subject, description) "
                + "VALUES ($1, $2, $3, 'Lost wristband', 'Help')", Tuple.of(ticket, owner.id(), festival));

        try (Client user = SocketClients.connect("/support", owner.accessToken(), POLLING_THEN_WEBSOCKET);
             Client staff = SocketClients.connect("/support", agent.accessToken());
             Client nosy = SocketClients.connect("/support", outsider.accessToken())) {
            assertEquals("ERR_3003", errorCode(nosy.request("join_ticket", json("ticketId", ticket))));
            assertEquals("ERR_5001", errorCode(nosy.request("join_ticket", json("ticketId", UUID.randomUUID()))));
            JSONObject joined = user.request("join_ticket", json("ticketId", ticket));
            assertTrue(joined.getBoolean("success"));
            assertEquals("OPEN", joined.getJSONObject("ticket").getString("status"));
            staff.request("join_ticket", json("ticketId", ticket));
            assertEquals(agent.id().toString(), user.next("user_joined_ticket", SOON).getString("userId"));

            JSONObject sent = user.request("send_message", json("ticketId", ticket, "content", "I lost my wristband"));
            assertTrue(sent.getBoolean("success"), sent.toString());
            JSONObject message = staff.next("new_message", SOON);
            assertEquals("I lost my wristband", message.getString("content"));
            assertEquals(owner.id().toString(), message.getString("senderId"));
            assertEquals("Test USER", message.getString("senderName"));
            assertEquals("USER", message.getString("senderRole"));
            assertEquals("text", message.getString("type"));
            assertEquals("I lost my wristband", user.next("new_message", SOON).getString("content"));
            nosy.expectNone("new_message", QUIET);
            Row stored = row("SELECT content, sender_id, is_staff, festival_id FROM support_messages WHERE id = $1",
                    UUID.fromString(message.getString("id")));
            assertEquals("I lost my wristband", stored.getString("content"));
            assertEquals(owner.id(), stored.getUUID("sender_id"));
            assertFalse(stored.getBoolean("is_staff"));
            assertEquals(festival, stored.getUUID("festival_id"));

            staff.request("send_message", json("ticketId", ticket, "content", "Which gate?"));
            assertTrue(user.next("new_message", SOON).getBoolean("isStaff"));
            assertEquals(1, user.request("mark_read", json("ticketId", ticket)).getInt("count"));
            assertEquals(owner.id().toString(), staff.next("messages_read", SOON).getString("userId"));

            assertEquals("ERR_3001", errorCode(user.request("update_status",
                    json("ticketId", ticket, "status", "IN_PROGRESS"))));
            JSONObject waiting = staff.request("update_status", json("ticketId", ticket, "status", "waiting_for_user"));
            assertEquals("WAITING_FOR_USER", waiting.getJSONObject("ticket").getString("status"));
            JSONObject statusEvent = user.next("status_updated", SOON);
            assertEquals("WAITING_FOR_USER", statusEvent.getString("status"));
            assertEquals("OPEN", statusEvent.getString("previousStatus"));
            user.request("send_message", json("ticketId", ticket, "content", "Gate 3"));
            assertEquals("IN_PROGRESS", row("SELECT status FROM support_tickets WHERE id = $1", ticket).getString("status"),
                    "a user's reply moves WAITING_FOR_USER to IN_PROGRESS");
            assertEquals(3, row("SELECT count(*) AS n FROM support_messages WHERE ticket_id = $1", ticket).getLong("n"));

            staff.request("typing_start", json("ticketId", ticket));
            assertEquals(agent.id().toString(), user.next("typing_started", SOON).getString("userId"));

            JSONArray active = staff.request("get_active_tickets", null).getJSONArray("tickets");
            assertTrue(active.toString().contains(ticket.toString()));
            assertFalse(nosy.request("get_active_tickets", null).getJSONArray("tickets").toString()
                    .contains(ticket.toString()));

            JSONObject assigned = staff.request("assign_agent", json("ticketId", ticket, "agentId", agent.id()));
            assertEquals(agent.id().toString(), assigned.getJSONObject("ticket").getString("assignedTo"));
            assertEquals(agent.id().toString(), user.next("agent_assigned", SOON).getString("agentId"));
            assertEquals("ERR_4001", errorCode(staff.request("assign_agent",
                    json("ticketId", ticket, "agentId", outsider.id()))));

            staff.request("update_status", json("ticketId", ticket, "status", "CLOSED"));
            assertEquals("ERR_5009", errorCode(user.request("send_message", json("ticketId", ticket, "content", "?"))));
        }
    }

    @Test
    void presenceIsSharedAndTypingGoesToTheChannel() throws Exception {
        Account org = Fixtures.organizer();
        UUID festival = Fixtures.festival(org);
        Account fan = Fixtures.user();
        try (Client watcher = SocketClients.connect("/presence", org.accessToken());
             Client user = SocketClients.connect("/presence", fan.accessToken())) {
            assertTrue(user.next("presence_init").getInt("onlineCount") >= 2);
            watcher.request("subscribe_presence", json("festivalId", festival));
            assertEquals("ERR_3002", errorCode(user.request("subscribe_presence", json("festivalId", festival))));

            JSONObject updated = user.request("update_status", json("status", "AWAY", "festivalId", festival,
                    "deviceType", "mobile"));
            assertEquals("away", updated.getString("status"));
            JSONObject seen = watcher.next("presence_update", SOON);
            assertEquals(fan.id().toString(), seen.getString("userId"));
            assertEquals("away", seen.getString("status"));

            JSONObject listed = watcher.request("get_presence", json("festivalId", festival));
            assertTrue(listed.getJSONArray("users").toString().contains(fan.id().toString()));
            JSONObject byId = user.request("get_presence", new JSONObject()
                    .put("userIds", new JSONArray().put(fan.id().toString()).put(UUID.randomUUID().toString())));
            assertEquals("away", byId.getJSONArray("users").getJSONObject(0).getString("status"));
            assertEquals("offline", byId.getJSONArray("users").getJSONObject(1).getString("status"));

            String channel = "broadcast:" + festival;
            watcher.request("subscribe_presence", json("channelId", channel));
            user.request("subscribe_presence", json("channelId", channel));
            assertEquals("ERR_4001", errorCode(user.request("typing_start", json("channelId", "broadcast:" + UUID.randomUUID()))));
            user.request("typing_start", json("channelId", channel));
            JSONObject typing = watcher.next("user_typing", SOON);
            assertTrue(typing.getBoolean("isTyping"));
            assertEquals(channel, typing.getString("channelId"));

            user.close();
            JSONObject gone = watcher.next("presence_update", Duration.ofSeconds(3));
            assertEquals("offline", gone.getString("status"));
        }
    }

    @Test
    void eventsRoomsAnnounceWhoJoinsAndLeaves() throws Exception {
        Account org = Fixtures.organizer();
        UUID festival = Fixtures.festival(org);
        Account fan = Fixtures.user();
        String room = "broadcast:" + festival;
        try (Client first = SocketClients.connect("/events", org.accessToken());
             Client second = SocketClients.connect("/events", fan.accessToken())) {
            assertTrue(first.request("join_room", json("room", room)).getBoolean("success"));
            assertTrue(second.request("join_room", json("room", room, "festivalId", festival)).getBoolean("success"));
            assertEquals(fan.id().toString(), first.next("user_joined", SOON).getString("userId"));
            assertEquals("ERR_3002", errorCode(second.request("join_room", json("room", "festival:" + festival + ":zones"))));
            assertEquals("ERR_4001", errorCode(second.request("join_room", json("room", "lobby"))));
            JSONArray rooms = second.request("get_rooms", null).getJSONArray("rooms");
            assertEquals(2, rooms.length());
            second.socket.emit("leave_room", room);
            assertEquals(fan.id().toString(), first.next("user_left", SOON).getString("userId"));

            JSONObject reauth = second.request("authenticate", json("token", fan.accessToken()));
            assertTrue(reauth.getBoolean("success"));
            assertEquals("ERR_2003", errorCode(second.request("authenticate", json("token", org.accessToken()))));

            publisher.publish("/events", "user:" + fan.id(), "ticket_update", Map.of("ticketId", "t1", "status", "USED"));
            assertEquals("USED", second.next("ticket_update", SOON).getString("status"));
            first.expectNone("ticket_update", QUIET);
        }
    }
}
