package dev.festival.support;

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
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Two instances of the packaged server (two ports, one PostgreSQL schema, one Redis, one JWT key pair),
 * as two pods behind an ingress, for the failsafe ITs ({@code *IT}, in {@code mvn verify}). Started once
 * per test JVM and shared by the ITs (starting a pod costs seconds of CPU on a small machine), stopped
 * when the JVM exits. Runs {@code target/quarkus-app/quarkus-run.jar}, or the native runner when that
 * is what was built; the production profile, so rate limits are on.
 */
public final class PackagedPods {
    public static final String ADMIN_EMAIL = "it-admin@festival.test";
    public static final String ADMIN_PASSWORD = "ItAdmin2026!";
    private static final Path WORK = Path.of("target", "it-two-pods");
    private static Pods shared;

    /** The two pods' ports and the schema they share. */
    public record Pods(int portA, int portB, String schema) {}

    private PackagedPods() {
    }

    public static synchronized Pods shared() throws Exception {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    private static Pods start() throws Exception {
        List<String> command = launchCommand();
        Files.createDirectories(WORK);
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        Path privateKey = WORK.resolve("jwt-private.pem");
        Path publicKey = WORK.resolve("jwt-public.pem");
        Files.writeString(privateKey, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        Files.writeString(publicKey, pem("PUBLIC KEY", keys.getPublic().getEncoded()));

        String schema = env("_TEST_FESTIVAL_DB_SCHEMA", "festival_test") + "_pods";
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement sql = db.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        Map<String, String> environment = Map.of(
                "FESTIVAL_DB_SCHEMA", schema,
                "QUARKUS_REDIS_HOSTS", env("_TEST_QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:6379/1"),
                "SMALLRYE_JWT_SIGN_KEY_LOCATION", "file:" + privateKey.toAbsolutePath(),
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "file:" + publicKey.toAbsolutePath(),
                "FESTIVAL_BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL,
                "FESTIVAL_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false",
                // stop at once at the end of the run (production waits for the ingress first)
                "FESTIVAL_SHUTDOWN_DELAY", "0s",
                // counters of this run only (the Redis database outlives runs; windows last up to an hour)
                "FESTIVAL_RATE_LIMIT_KEY_PREFIX", "rl-it-" + System.currentTimeMillis());
        List<Process> pods = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(pods)));
        int portA = freePort();
        int portB = freePort();
        // one after the other: the first migrates the schema
        pods.add(start(command, environment, portA, "pod-a"));
        pods.add(start(command, environment, portB, "pod-b"));
        return new Pods(portA, portB, schema);
    }

    private static void stop(List<Process> pods) {
        for (Process pod : pods) {
            pod.destroy();
        }
        for (Process pod : pods) {
            try {
                if (!pod.waitFor(15, TimeUnit.SECONDS)) {
                    pod.destroyForcibly();
                }
            } catch (InterruptedException e) {
                pod.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static List<String> launchCommand() {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (Files.exists(jar)) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            return List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
                    jar.toAbsolutePath().toString());
        }
        Optional<Path> runner;
        try (var files = Files.list(Path.of("target"))) {
            runner = files.filter(p -> p.getFileName().toString().endsWith("-runner") && Files.isExecutable(p)).findFirst();
        } catch (IOException e) {
            runner = Optional.empty();
        }
        Assumptions.assumeTrue(runner.isPresent(), "no packaged application in target/ (run mvn verify)");
        return List.of(runner.get().toAbsolutePath().toString());
    }

    private static Process start(List<String> command, Map<String, String> environment, int port, String name)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(WORK.resolve(name + ".log").toFile());
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        Process pod = builder.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!pod.isAlive()) {
                throw new IllegalStateException(name + " exited with " + pod.exitValue() + "; see " + WORK.resolve(name + ".log"));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return pod;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        pod.destroyForcibly();
        throw new IllegalStateException(name + " not ready within 90 s; see " + WORK.resolve(name + ".log"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
