package dev.festival.realtime;

import static dev.festival.realtime.SocketClients.POLLING_THEN_WEBSOCKET;
import static dev.festival.realtime.SocketClients.WEBSOCKET_ONLY;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.festival.common.realtime.RealtimePublisher;
import dev.festival.realtime.SocketClients.Client;
import dev.festival.realtime.engineio.EngineServer;
import dev.festival.realtime.engineio.EngineSession;
import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** Engine.IO v4 / Socket.IO v5 as the official clients speak it (API.md "Real time"). */
@QuarkusTest
class SocketIoProtocolTest {
    @Inject
    EngineServer engine;

    @Inject
    RealtimePublisher publisher;

    private EngineSession sessionOf(Client client) throws Exception {
        return SocketClients.sessionOf(engine, client);
    }

    private void awaitWebSocket(Client client) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!sessionOf(client).isWebSocket()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the polling session was not upgraded to a WebSocket");
            }
            Thread.sleep(20);
        }
    }

    @Test
    void pollingClientUpgradesToWebSocketAndKeepsTalking() throws Exception {
        Account user = Fixtures.user();
        try (Client client = SocketClients.connect("/events", user.accessToken(), POLLING_THEN_WEBSOCKET)) {
            JSONObject connected = client.next("connected");
            assertEquals(client.socket.id(), connected.getString("clientId"));
            assertEquals(user.id().toString(), connected.getJSONObject("user").getString("id"));
            assertEquals(user.email(), connected.getJSONObject("user").getString("email"));
            assertEquals("USER", connected.getJSONObject("user").getString("role"));
            assertTrue(connected.getString("timestamp").contains("T"));

            awaitWebSocket(client);
            JSONObject pong = client.request("ping", null);
            assertTrue(pong.getBoolean("pong"));
            // events published after the upgrade arrive over the WebSocket
            publisher.publish("/events", "user:" + user.id(), "notification",
                    Map.of("id", "n1", "type", "INFO", "title", "Hello", "message", "after upgrade"));
            assertEquals("after upgrade", client.next("notification").getString("message"));
        }
    }

    @Test
    void webSocketOnlyClientConnectsWithoutPolling() throws Exception {
        Account user = Fixtures.user();
        try (Client client = SocketClients.connect("/events", user.accessToken(), WEBSOCKET_ONLY)) {
            assertTrue(sessionOf(client).isWebSocket());
            assertEquals(user.id().toString(), client.next("connected").getJSONObject("user").getString("id"));
            JSONObject rooms = client.request("get_rooms", null);
            assertEquals("[\"user:" + user.id() + "\"]", rooms.getJSONArray("rooms").toString());
        }
    }

    @Test
    void pollingOnlyClientReceivesEventsByLongPolling() throws Exception {
        Account user = Fixtures.user();
        try (Client client = SocketClients.connect("/events", user.accessToken(), new String[]{"polling"})) {
            client.next("connected");
            assertFalse(sessionOf(client).isWebSocket());
            publisher.publish("/events", "user:" + user.id(), "notification", Map.of("id", "n2", "message", "polled"));
            assertEquals("polled", client.next("notification").getString("message"));
            assertTrue(client.request("ping", null).getBoolean("pong"));
        }
    }

    @Test
    void unauthenticatedClientGetsConnectErrorWithErrorCode() throws Exception {
        for (String[] transports : List.of(POLLING_THEN_WEBSOCKET, WEBSOCKET_ONLY)) {
            JSONObject missing = new Client(SocketClients.socket("/zones", null, transports)).expectConnectError();
            assertEquals("ERR_2002", missing.getJSONObject("data").getString("errorCode"), missing.toString());
            assertTrue(missing.getString("message").startsWith("Authentication required"));

            JSONObject invalid = new Client(SocketClients.socket("/zones", "not-a-jwt", transports)).expectConnectError();
            assertEquals("ERR_2003", invalid.getJSONObject("data").getString("errorCode"), invalid.toString());
        }
    }

    @Test
    void aSignedOutSessionsTokenCannotOpenASocket() throws Exception {
        Account user = Fixtures.user();
        try (Client client = SocketClients.connect("/events", user.accessToken())) {
            client.next("connected");
        }
        user.request().post("/api/auth/logout").then().statusCode(200);
        for (String[] transports : List.of(POLLING_THEN_WEBSOCKET, WEBSOCKET_ONLY)) {
            JSONObject refused = new Client(SocketClients.socket("/events", user.accessToken(), transports))
                    .expectConnectError();
            assertEquals("ERR_2003", refused.getJSONObject("data").getString("errorCode"), refused.toString());
        }
    }

    @Test
    void bearerHeaderAndCookieAuthenticateTheHandshake() throws Exception {
        Account user = Fixtures.user();
        for (Map<String, List<String>> headers : List.of(
                Map.of("Authorization", List.of("Bearer " + user.accessToken())),
                Map.of("Cookie", List.of("theme=dark; access_token=" + user.accessToken())))) {
            Client client = new Client(SocketClients.socket(RestAssured.port, "/events", null, POLLING_THEN_WEBSOCKET, headers));
            try (client) {
                client.socket.connect();
                JSONObject connected = client.next("connected", Duration.ofSeconds(10));
                assertEquals(user.id().toString(), connected.getJSONObject("user").getString("id"));
            }
        }
    }

    @Test
    void apiPrefixedNamespaceIsTheSameNamespace() throws Exception {
        Account user = Fixtures.user();
        try (Client aliased = SocketClients.connect("/api/events", user.accessToken())) {
            assertEquals(user.id().toString(), aliased.next("connected").getJSONObject("user").getString("id"));
            publisher.publish("/events", "user:" + user.id(), "notification", Map.of("message", "to both"));
            assertEquals("to both", aliased.next("notification").getString("message"));
        }
        JSONObject unknown = new Client(SocketClients.socket("/nope", Fixtures.user().accessToken(), WEBSOCKET_ONLY))
                .expectConnectError();
        assertEquals("Invalid namespace", unknown.getString("message"));
    }

    @Test
    void unknownEventAndBadArgumentsAnswerAnErrorAcknowledgement() throws Exception {
        Account user = Fixtures.user();
        try (Client client = SocketClients.connect("/events", user.accessToken())) {
            JSONObject unknown = client.request("no_such_event", new JSONObject());
            assertEquals("ERR_1001", unknown.getJSONObject("error").getString("errorCode"));
            JSONObject missing = client.request("join_room", new JSONObject());
            assertEquals("ERR_4001", missing.getJSONObject("error").getString("errorCode"));
            JSONObject foreign = client.request("join_room", new JSONObject().put("room", "user:" + Fixtures.user().id()));
            assertEquals("ERR_3003", foreign.getJSONObject("error").getString("errorCode"));
        }
    }

    @Test
    void handshakeSpeaksEngineIoAndChecksTheOrigin() throws Exception {
        String open = given().queryParam("EIO", "4").queryParam("transport", "polling")
                .get("/socket.io/").then().statusCode(200)
                .header("Content-Type", startsWith("text/plain")).extract().asString();
        assertTrue(open.startsWith("0{"), open);
        JsonObject packet = new JsonObject(open.substring(1));
        assertEquals(20, packet.getString("sid").length());
        assertEquals("websocket", packet.getJsonArray("upgrades").getString(0));
        assertEquals(2000, packet.getInteger("pingInterval"));
        assertEquals(3000, packet.getInteger("pingTimeout"));
        assertEquals(1000000, packet.getInteger("maxPayload"));

        given().queryParam("EIO", "3").queryParam("transport", "polling").get("/socket.io/")
                .then().statusCode(400).body("code", equalTo(5));
        given().queryParam("EIO", "4").queryParam("transport", "polling").queryParam("sid", "nope")
                .get("/socket.io/").then().statusCode(400).body("code", equalTo(1));
        given().queryParam("EIO", "4").queryParam("transport", "carrier-pigeon").get("/socket.io/")
                .then().statusCode(400).body("code", equalTo(0));
        given().header("Origin", "https://evil.example").queryParam("EIO", "4").queryParam("transport", "polling")
                .get("/socket.io/").then().statusCode(403).body("errorCode", equalTo("ERR_3004"));
        given().header("Origin", "http://localhost:3000").queryParam("EIO", "4").queryParam("transport", "polling")
                .get("/socket.io/").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .header("Access-Control-Allow-Credentials", "true");
    }

    @Test
    void webSocketFromAForeignOriginIsRefused() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        CompletableFuture<WebSocket> refused = http.newWebSocketBuilder()
                .header("Origin", "https://evil.example")
                .buildAsync(URI.create("ws://localhost:" + RestAssured.port + "/socket.io/?EIO=4&transport=websocket"),
                        new WebSocket.Listener() { });
        try {
            refused.get(10, TimeUnit.SECONDS);
            throw new AssertionError("the upgrade should have been refused");
        } catch (java.util.concurrent.ExecutionException expected) {
            WebSocketHandshakeException refusal = (WebSocketHandshakeException) expected.getCause();
            assertEquals(403, refusal.getResponse().statusCode());
        }
    }

    @Test
    void aClientThatStopsAnsweringPingsIsClosed() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(
                URI.create("ws://localhost:" + RestAssured.port + "/socket.io/?EIO=4&transport=websocket"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        first.complete(data.toString());
                        socket.request(1);
                        return null; // never answers the server's "2" (ping) with "3"
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
                        closed.complete(status);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        String open = first.get(5, TimeUnit.SECONDS);
        assertTrue(open.startsWith("0{") && open.contains("\"upgrades\":[]"), open);
        String sid = new JsonObject(open.substring(1)).getString("sid");
        // ping after 2 s, no pong within 3 s: closed after ~5 s
        closed.get(12, TimeUnit.SECONDS);
        // the close frame may reach the client a moment before the server has dropped the session
        for (int i = 0; i < 50 && engine.sessions().stream().anyMatch(s -> s.id().equals(sid)); i++) {
            Thread.sleep(100);
        }
        assertTrue(engine.sessions().stream().noneMatch(s -> s.id().equals(sid)));
        ws.abort();
    }

    @Test
    void aClientThatDoesNotReadIsDisconnectedWhenItsQueueOverflows() throws Exception {
        Account user = Fixtures.user();
        String open = given().queryParam("EIO", "4").queryParam("transport", "polling").get("/socket.io/").asString();
        String sid = new JsonObject(open.substring(1)).getString("sid");
        given().queryParam("EIO", "4").queryParam("transport", "polling").queryParam("sid", sid)
                .contentType("text/plain;charset=UTF-8")
                .body("40/events,{\"token\":\"" + user.accessToken() + "\"}")
                .post("/socket.io/").then().statusCode(200).body(equalTo("ok"));
        // the CONNECT is answered once the token's session is checked (Redis): wait for it
        for (int i = 0; i < 100 && engine.sessions().stream()
                .noneMatch(s -> s.id().equals(sid) && s.isNamespaceJoined()); i++) {
            Thread.sleep(50);
        }
        // the CONNECT answer and "connected" wait in the buffer; nobody polls
        for (int i = 0; i < 1000; i++) {
            publisher.publish("/events", "user:" + user.id(), "notification", Map.of("n", i));
        }
        assertTrue(engine.sessions().stream().noneMatch(s -> s.id().equals(sid)), "dropped at the limit");
        given().queryParam("EIO", "4").queryParam("transport", "polling").queryParam("sid", sid)
                .get("/socket.io/").then().statusCode(400).body("code", equalTo(1));
    }
}
