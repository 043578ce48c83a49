package dev.festival.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The packaged server ({@code target/quarkus-app/quarkus-run.jar}, or the native runner when that is what
 * was built) started as its own process, the way a pod runs it: for the failsafe ITs ({@code mvn verify}),
 * which need several instances ({@link PackagedPods}) or a real SIGTERM. Plus the few HTTP and SQL steps
 * those tests share.
 */
public final class PackagedServer implements AutoCloseable {
    public static final String JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private PackagedServer(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts one instance on a free port with the given environment and waits (90 s at most) until
     * {@code /api/health/ready} answers 200. {@code jvmOptions} apply to the jar only.
     */
    public static PackagedServer start(String name, Path workDir, Map<String, String> environment,
                                       String... jvmOptions) throws Exception {
        List<String> command = launchCommand(jvmOptions);
        Files.createDirectories(workDir);
        int port = freePort();
        Path log = workDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        PackagedServer server = new PackagedServer(name, port, builder.start(), log);
        server.awaitReady(Duration.ofSeconds(90));
        return server;
    }

    private static List<String> launchCommand(String... jvmOptions) {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (Files.exists(jar)) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of(jvmOptions));
            command.add("-jar");
            command.add(jar.toAbsolutePath().toString());
            return command;
        }
        Optional<Path> runner;
        try (var files = Files.list(Path.of("target"))) {
            runner = files.filter(p -> p.getFileName().toString().endsWith("-runner") && Files.isExecutable(p))
                    .findFirst();
        } catch (IOException e) {
            runner = Optional.empty();
        }
        Assumptions.assumeTrue(runner.isPresent(), "no packaged application in target/ (run mvn verify)");
        return List.of(runner.get().toAbsolutePath().toString());
    }

    private void awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (readiness(http) == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " not ready within " + timeout + "; see " + log);
    }

    /** The status of {@code GET /api/health/ready}. */
    public int readiness(HttpClient http) throws IOException, InterruptedException {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    public Path log() {
        return log;
    }

    /** What Kubernetes sends to stop a pod: SIGTERM ({@link Process#destroy()} on Unix). */
    public void sigterm() {
        process.destroy();
    }

    /** True when the process ended within the delay. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!awaitExit(Duration.ofSeconds(15))) {
                process.destroyForcibly();
            }
        }
    }

    // ------------------------------------------------------------------ shared set-up steps

    /** A fresh schema name derived from this run's test schema (dropped first). */
    public static String freshSchema(String suffix) throws SQLException {
        String schema = env("_TEST_FESTIVAL_DB_SCHEMA", "festival_test") + suffix;
        try (Connection db = DriverManager.getConnection(JDBC_URL, "postgres", "");
             Statement sql = db.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        return schema;
    }

    /** A JDBC connection whose search_path is the schema. */
    public static Connection sql(String schema) throws SQLException {
        return DriverManager.getConnection(JDBC_URL + "?currentSchema=" + schema, "postgres", "");
    }

    /** Writes a fresh RSA key pair as PEM files and answers the environment pointing every pod at them. */
    public static Map<String, String> jwtKeys(Path workDir) throws Exception {
        Files.createDirectories(workDir);
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        Path privateKey = workDir.resolve("jwt-private.pem");
        Path publicKey = workDir.resolve("jwt-public.pem");
        Files.writeString(privateKey, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        Files.writeString(publicKey, pem("PUBLIC KEY", keys.getPublic().getEncoded()));
        return Map.of("SMALLRYE_JWT_SIGN_KEY_LOCATION", "file:" + privateKey.toAbsolutePath(),
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "file:" + publicKey.toAbsolutePath());
    }

    public static String login(int port, String email, String password) {
        Response login = given().port(port).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password)).post("/api/auth/login");
        assertEquals(200, login.statusCode(), login.asString());
        return login.path("accessToken");
    }

    /** Registers a new USER; answers the whole response (user.id, accessToken). */
    public static Response register(int port, String prefix) {
        Response reg = given().port(port).contentType(ContentType.JSON)
                .body(Map.of("email", prefix + "-" + UUID.randomUUID() + "@festival.test", "password", "Festival2025!",
                        "firstName", "Fan", "lastName", "B"))
                .post("/api/auth/register");
        assertEquals(201, reg.statusCode(), reg.asString());
        return reg;
    }

    /** A PUBLISHED festival owned by the token's user, starting in 30 days. */
    public static UUID createFestival(int port, String token) {
        OffsetDateTime start = OffsetDateTime.now().plusDays(30);
        Response created = given().port(port).header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(Map.of("name", "Packaged " + UUID.randomUUID(), "location", "Here",
                        "startDate", start.toString(), "endDate", start.plusDays(2).toString(), "status", "PUBLISHED"))
                .post("/api/festivals");
        assertEquals(201, created.statusCode(), created.asString());
        return UUID.fromString(created.path("id"));
    }

    /** A SOLD ticket of a free category, written straight into the schema. */
    public static UUID soldTicket(String schema, UUID festival, UUID holder) throws SQLException {
        UUID category = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        UUID ticket = UUID.randomUUID();
        try (Connection db = sql(schema); Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO ticket_categories (id, festival_id, name, type, price_cents, currency, quota, sold_count)"
                    + " VALUES ('" + category + "', '" + festival + "', 'Gate pass', 'STANDARD', 0, 'EUR', 100, 1)");
            sql.execute("INSERT INTO ticket_orders (id, user_id, festival_id, category_id, quantity, unit_price_cents,"
                    + " subtotal_cents, total_cents, currency, status, paid_at) VALUES ('" + order + "', '" + holder
                    + "', '" + festival + "', '" + category + "', 1, 0, 0, 0, 'EUR', 'PAID', now())");
            sql.execute("INSERT INTO tickets (id, festival_id, category_id, order_id, user_id, status, purchase_price_cents)"
                    + " VALUES ('" + ticket + "', '" + festival + "', '" + category + "', '" + order + "', '" + holder
                    + "', 'SOLD', 0)");
        }
        return ticket;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
