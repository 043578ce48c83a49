package dev.festival.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Two instances of the packaged server (two ports, one PostgreSQL schema, one Redis, one JWT key pair),
 * as two pods behind an ingress, for the failsafe ITs ({@code *IT}, in {@code mvn verify}). Started once
 * per test JVM and shared by the ITs (starting a pod costs seconds of CPU on a small machine), stopped
 * when the JVM exits. Each pod is a {@link PackagedServer}: {@code target/quarkus-app/quarkus-run.jar},
 * or the native runner when that is what was built; the production profile, so rate limits are on.
 */
public final class PackagedPods {
    public static final String ADMIN_EMAIL = "it-admin@festival.test";
    public static final String ADMIN_PASSWORD = "ItAdmin2026!";
    private static final Path WORK = Path.of("target", "it-two-pods");
    /** Small heap, quick JIT: two pods on a 2-core machine. */
    private static final String[] JVM = {"-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"};
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
        String schema = PackagedServer.freshSchema("_pods");
        Map<String, String> environment = new HashMap<>(PackagedServer.jwtKeys(WORK));
        environment.putAll(Map.of(
                "FESTIVAL_DB_SCHEMA", schema,
                "QUARKUS_REDIS_HOSTS", PackagedServer.env("_TEST_QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:6379/1"),
                "FESTIVAL_BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL,
                "FESTIVAL_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false",
                // stop at once at the end of the run (production waits for the ingress first)
                "FESTIVAL_SHUTDOWN_DELAY", "0s",
                // counters of this run only (the Redis database outlives runs; windows last up to an hour)
                "FESTIVAL_RATE_LIMIT_KEY_PREFIX", "rl-it-" + System.currentTimeMillis()));
        // a pod's local "live" answers outlive every test: a revocation on the other pod must reach it by pub/sub
        environment.put("FESTIVAL_ACCOUNT_SESSION_CHECK_LOCAL_TTL", "10m");
        List<PackagedServer> pods = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(pods)));
        // one after the other: the first migrates the schema
        pods.add(PackagedServer.start("pod-a", WORK, environment, JVM));
        pods.add(PackagedServer.start("pod-b", WORK, environment, JVM));
        return new Pods(pods.get(0).port(), pods.get(1).port(), schema);
    }

    private static void stop(List<PackagedServer> pods) {
        for (PackagedServer pod : pods) {
            pod.sigterm();
        }
        for (PackagedServer pod : pods) {
            try {
                pod.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
