package dev.festival.common;

import static dev.festival.support.PackagedServer.createFestival;
import static dev.festival.support.PackagedServer.login;
import static dev.festival.support.PackagedServer.register;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.festival.support.PackagedServer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Graceful shutdown of the packaged server, as Kubernetes stops a pod: SIGTERM while a wallet payment
 * (HTTP) and a gate scan (Socket.IO) are held up in PostgreSQL by a row lock this test owns. Readiness
 * goes DOWN at once; both requests complete and are recorded; the WebSocket is closed with 1001 only
 * after its scan was acknowledged; the process exits once the payment is answered. A request that never
 * finishes does not keep the pod alive past the grace period. Runs in {@code mvn verify} (failsafe).
 */
class GracefulShutdownIT {
    private static final String ADMIN_EMAIL = "it-shutdown-admin@festival.test";
    private static final String ADMIN_PASSWORD = "ItAdmin2026!";
    private static final Path WORK = Path.of("target", "it-graceful-shutdown");
    private static final Duration DELAY = Duration.ofSeconds(2);

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    private PackagedServer start(String schema, String name, Duration timeout) throws Exception {
        PackagedServer pod = PackagedServer.start(name, WORK, Map.of(
                "FESTIVAL_DB_SCHEMA", schema,
                "QUARKUS_REDIS_HOSTS", PackagedServer.env("_TEST_QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:6379/1"),
                "FESTIVAL_BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL,
                "FESTIVAL_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false",
                "FESTIVAL_SHUTDOWN_DELAY", DELAY.toMillis() + "ms",
                "FESTIVAL_SHUTDOWN_GRACE", timeout.toMillis() + "ms"),
                // a plain JVM, as in the container (no start-up tuning that could change how it stops)
                "-Xmx256m");
        cleanup.add(pod);
        return pod;
    }

    @Test
    void sigtermLetsAnInFlightPaymentAndScanFinishClosesSocketsWithGoingAwayAndExits() throws Exception {
        String schema = PackagedServer.freshSchema("_shutdown");
        PackagedServer pod = start(schema, "drain", Duration.ofSeconds(20));
        int port = pod.port();
        String admin = login(port, ADMIN_EMAIL, ADMIN_PASSWORD);
        UUID festival = createFestival(port, admin);
        Response fan = register(port, "it-shutdown-fan");
        UUID fanId = UUID.fromString(fan.path("user.id"));
        String fanToken = fan.path("accessToken");
        UUID account = UUID.fromString(given().port(port).header("Authorization", "Bearer " + fanToken)
                .post("/api/cashless/account").then().statusCode(201).extract().path("id"));
        given().port(port).header("Authorization", "Bearer " + admin).contentType(ContentType.JSON)
                .body(Map.of("amount", 20, "festivalId", festival, "paymentMethod", "CASH", "accountId", account))
                .post("/api/cashless/topup").then().statusCode(201);
        UUID ticket = PackagedServer.soldTicket(schema, festival, fanId);
        String zone = given().port(port).header("Authorization", "Bearer " + admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Main gate", "capacity", 100)).post("/api/festivals/" + festival + "/zones")
                .then().statusCode(201).extract().path("id");

        EngineIoClient scanner = EngineIoClient.connect(port, "/zones", admin);
        cleanup.add(scanner);

        // hold the wallet and the zone counter: the payment and the scan wait in PostgreSQL
        Connection walletLock = PackagedServer.sql(schema);
        cleanup.add(walletLock);
        Connection zoneLock = PackagedServer.sql(schema);
        cleanup.add(zoneLock);
        lockRow(walletLock, "cashless_accounts", account);
        lockRow(zoneLock, "zones", UUID.fromString(zone));

        HttpClient http = HttpClient.newHttpClient();
        String key = "it-shutdown-" + UUID.randomUUID();
        CompletableFuture<HttpResponse<String>> payment = http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/cashless/pay"))
                        .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("amount", 5)
                                .put("festivalId", festival.toString()).put("accountId", account.toString())
                                .put("description", "Beer").encode()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        scanner.emit(7, "scan", new JsonObject().put("zoneId", zone).put("ticketId", ticket.toString())
                .put("direction", "IN").put("deviceId", "gate-1"));
        awaitBlockedBy(walletLock, 1);
        awaitBlockedBy(zoneLock, 1);

        long sigterm = System.nanoTime();
        pod.sigterm();

        // readiness DOWN at once, while the pod still serves (the shutdown delay)
        awaitReadiness(pod, http, 503, Duration.ofSeconds(1));
        Response down = given().port(port).get("/api/health/ready");
        assertEquals("DOWN", down.path("status"), down.asString());

        // past the delay: the scan is still in flight, so its connection stays open
        sleepUntil(sigterm, DELAY.plusMillis(1000));
        assertFalse(scanner.closed().isDone(), "the WebSocket waits for its scan");
        assertFalse(payment.isDone(), "the payment is still held by the lock");
        // a new Socket.IO session is refused while the pod goes away
        assertEquals(503, http.send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + port + "/socket.io/?EIO=4&transport=polling")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());

        // the scan completes: acknowledged first, then the connection closes with 1001
        zoneLock.commit();
        JsonObject ack = scanner.ack(7, Duration.ofSeconds(5));
        assertEquals(Boolean.TRUE, ack.getBoolean("allowed"), ack.encode());
        EngineIoClient.Closed closed = scanner.closed().get(3, TimeUnit.SECONDS);
        assertEquals(1001, closed.status(), closed.toString());
        assertEquals("going away", closed.reason());
        assertTrue(closed.afterAck(), "the acknowledgement left before the close");

        // the payment still holds the pod up
        Thread.sleep(500);
        assertTrue(pod.process().isAlive(), "the pod waits for the in-flight payment");
        walletLock.commit();
        HttpResponse<String> paid = payment.get(5, TimeUnit.SECONDS);
        assertEquals(201, paid.statusCode(), paid.body());
        long paidAt = System.nanoTime();
        assertTrue(pod.awaitExit(Duration.ofSeconds(10)), "exits once the payment is answered; see " + pod.log());
        long exitMillis = (System.nanoTime() - paidAt) / 1_000_000;
        assertTrue(exitMillis < 5000, "exited " + exitMillis + " ms after the last request");

        // recorded: one ledger row for the charge, the balance debited, the entry counted
        try (Connection db = PackagedServer.sql(schema)) {
            assertEquals(1, count(db, "SELECT count(*) FROM cashless_transactions WHERE account_id = ?"
                    + " AND type = 'PAYMENT' AND amount_cents = -500", account));
            assertEquals(1500, count(db, "SELECT balance_cents FROM cashless_accounts WHERE id = ?", account));
            assertEquals(1, count(db, "SELECT current_occupancy FROM zones WHERE id = ?", UUID.fromString(zone)));
        }
    }

    @Test
    void aRequestThatNeverFinishesDoesNotKeepThePodPastTheGracePeriod() throws Exception {
        String schema = PackagedServer.freshSchema("_shutdown_grace");
        Duration grace = Duration.ofSeconds(3);
        PackagedServer pod = start(schema, "grace", grace);
        int port = pod.port();
        String admin = login(port, ADMIN_EMAIL, ADMIN_PASSWORD);
        UUID festival = createFestival(port, admin);
        Connection festivalLock = PackagedServer.sql(schema);
        cleanup.add(festivalLock);
        lockRow(festivalLock, "festivals", festival);
        HttpClient http = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> stuck = http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/festivals/" + festival))
                        .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"location\":\"Elsewhere\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        awaitBlockedBy(festivalLock, 1);

        long sigterm = System.nanoTime();
        pod.sigterm();
        // the stuck request is answered 503 when the grace ends; Quarkus may then wait up to 10 s for the
        // statement still running on its pool (VertxCoreRecorder) before the process exits
        HttpResponse<String> answer = stuck.get(DELAY.plus(grace).plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        long answeredAfter = (System.nanoTime() - sigterm) / 1_000_000;
        assertEquals(503, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("ERR_1006"), answer.body());
        assertTrue(answeredAfter >= DELAY.plus(grace).toMillis() - 200, "answered after the delay and the grace: "
                + answeredAfter + " ms");
        assertTrue(pod.awaitExit(Duration.ofSeconds(15)), "exits after the grace; see " + pod.log());
    }

    // ------------------------------------------------------------------ helpers

    private static void lockRow(Connection db, String table, UUID id) throws SQLException {
        db.setAutoCommit(false);
        try (PreparedStatement lock = db.prepareStatement("SELECT 1 FROM " + table + " WHERE id = ? FOR UPDATE")) {
            lock.setObject(1, id);
            try (ResultSet rows = lock.executeQuery()) {
                assertTrue(rows.next(), table + " " + id + " exists");
            }
        }
    }

    /** Waits until that many server statements wait for a lock this connection holds. */
    private static void awaitBlockedBy(Connection holder, int expected) throws Exception {
        int pid;
        try (Statement sql = holder.createStatement(); ResultSet r = sql.executeQuery("SELECT pg_backend_pid()")) {
            r.next();
            pid = r.getInt(1);
        }
        try (Connection observer = PackagedServer.sql("public")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                if (count(observer, "SELECT count(*) FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))", pid)
                        >= expected) {
                    return;
                }
                Thread.sleep(50);
            }
        }
        fail("no statement of the server waits for the test's lock");
    }

    private static void awaitReadiness(PackagedServer pod, HttpClient http, int status, Duration within)
            throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = pod.readiness(http);
            if (last == status) {
                return;
            }
            Thread.sleep(50);
        }
        fail("readiness answered " + last + ", not " + status + ", within " + within);
    }

    private static void sleepUntil(long startNanos, Duration after) throws InterruptedException {
        long left = startNanos + after.toNanos() - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000);
        }
    }

    private static long count(Connection db, String sql, Object... args) throws SQLException {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                q.setObject(i + 1, args[i]);
            }
            try (ResultSet r = q.executeQuery()) {
                assertTrue(r.next(), sql);
                return r.getLong(1);
            }
        }
    }

    /**
     * A bare Engine.IO v4 / Socket.IO v5 client over {@link java.net.http.WebSocket}, to see the close
     * status and the order of frames, which the socket.io client library hides.
     */
    static final class EngineIoClient implements WebSocket.Listener, AutoCloseable {
        record Closed(int status, String reason, boolean afterAck) {
        }

        private final String namespace;
        private final StringBuilder partial = new StringBuilder();
        private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        private final CompletableFuture<Closed> closed = new CompletableFuture<>();
        private volatile boolean ackSeen;
        private WebSocket ws;

        private EngineIoClient(String namespace) {
            this.namespace = namespace;
        }

        static EngineIoClient connect(int port, String namespace, String token) throws Exception {
            EngineIoClient client = new EngineIoClient(namespace);
            client.ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://localhost:" + port + "/socket.io/?EIO=4&transport=websocket"), client)
                    .get(5, TimeUnit.SECONDS);
            String open = client.next(Duration.ofSeconds(5));
            assertTrue(open.startsWith("0{"), open);
            client.ws.sendText("40" + namespace + "," + new JsonObject().put("token", token).encode(), true).join();
            String connected = client.next(Duration.ofSeconds(5));
            assertTrue(connected.startsWith("40" + namespace + ","), connected);
            return client;
        }

        void emit(long ackId, String event, JsonObject payload) {
            ws.sendText("42" + namespace + "," + ackId + new JsonArray().add(event).add(payload).encode(), true).join();
        }

        /** The acknowledgement {@code 43<ns>,<id>[answer]}; other frames are skipped. */
        JsonObject ack(long ackId, Duration timeout) throws InterruptedException {
            String prefix = "43" + namespace + "," + ackId;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                String frame = frames.poll(10, TimeUnit.MILLISECONDS);
                if (frame != null && frame.startsWith(prefix)) {
                    return new JsonArray(frame.substring(prefix.length())).getJsonObject(0);
                }
            }
            fail("no acknowledgement " + ackId + " within " + timeout);
            return null;
        }

        CompletableFuture<Closed> closed() {
            return closed;
        }

        private String next(Duration timeout) throws InterruptedException {
            String frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(frame, "no frame within " + timeout);
            return frame;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                if ("2".equals(frame)) {
                    webSocket.sendText("3", true);
                } else {
                    if (frame.startsWith("43")) {
                        ackSeen = true;
                    }
                    frames.add(frame);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason, ackSeen));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(-1, String.valueOf(error), ackSeen));
        }

        @Override
        public void close() {
            if (!closed.isDone()) {
                ws.abort();
            }
        }
    }
}
