package dev.festival.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alert rules and the four Grafana dashboards (kubernetes/components/monitoring) use only what the
 * server really exposes: every metric name is in a live {@code /metrics} scrape, every business event
 * named is one the code records, and the {@code uri} labels they filter on are the ones Micrometer writes.
 */
@QuarkusTest
class MonitoringMetricsTest {
    private static final Path MONITORING = Path.of("kubernetes", "components", "monitoring");
    /** Series Prometheus adds itself. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*[{\\[]");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");
    private static final Pattern EVENT = Pattern.compile("event=~?\"([^\"]+)\"");
    /** The lower-case, dotted string literals on a line calling {@code events.record(} or {@code events.count(}. */
    private static final Pattern EVENT_NAME = Pattern.compile("\"([a-z_]+(?:\\.[a-z_]+)*)\"");

    private static List<String> expressions;

    @BeforeAll
    static void readRulesAndDashboards() throws IOException {
        expressions = new ArrayList<>();
        JsonNode rules = Kustomize.readOne(MONITORING.resolve("prometheus-rules.yaml"));
        for (JsonNode group : rules.path("spec").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                assertFalse(rule.path("expr").asText().isBlank(), "rule " + rule.path("alert") + " has an expr");
                expressions.add(rule.path("expr").asText());
            }
        }
        ObjectMapper json = new ObjectMapper();
        Set<String> uids = new HashSet<>();
        try (Stream<Path> files = Files.list(MONITORING.resolve("dashboards"))) {
            for (Path file : files.sorted().toList()) {
                JsonNode dashboard = json.readTree(file.toFile());
                assertTrue(uids.add(dashboard.path("uid").asText()), "unique dashboard uid in " + file);
                for (JsonNode panel : dashboard.path("panels")) {
                    for (JsonNode target : panel.path("targets")) {
                        expressions.add(target.path("expr").asText());
                    }
                }
                for (JsonNode variable : dashboard.path("templating").path("list")) {
                    if (variable.has("definition")) {
                        expressions.add(variable.path("definition").asText());
                    }
                }
            }
        }
        assertEquals(Set.of("festival-api-overview", "festival-business", "festival-database", "festival-redis"), uids,
                "the architecture's four dashboards: API overview, business, database, Redis");
    }

    @Test
    void everyMetricInTheRulesAndDashboardsIsExposedByTheServer() {
        // some traffic first: HTTP, a login, a Socket.IO handshake, a refused payment, a 404
        Account user = Fixtures.user();
        given().get("/api").then().statusCode(200);
        given().get("/api/festivals").then().statusCode(200);
        given().get("/api/no-such-route").then().statusCode(404);
        given().get("/socket.io/?EIO=4&transport=polling").then().statusCode(200);
        user.request().body(Map.of()).post("/api/cashless/pay").then().statusCode(400);
        String scrape = given().get("/metrics").then().statusCode(200).extract().asString();

        Set<String> exposed = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                exposed.add(line.split("[{ ]", 2)[0]);
            }
        }
        Set<String> used = new TreeSet<>();
        for (String expr : expressions) {
            collect(SELECTOR, expr, used);
            collect(LABEL_VALUES, expr, used);
        }
        used.removeAll(PROMETHEUS_OWN);
        used.removeIf(name -> Set.of("by", "without", "on", "ignoring", "group_left", "group_right").contains(name));
        assertFalse(used.isEmpty());
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(exposed);
        assertTrue(missing.isEmpty(), "not exposed on /metrics: " + missing);

        // the uri label values the rules and dashboards filter on
        // REST endpoints are labelled with their path under quarkus.rest.path (/api): /cashless/pay
        assertTrue(scrape.contains("uri=\"/cashless/pay\""), "the pay endpoint's uri label");
        Set<String> uris = new TreeSet<>();
        Matcher uri = Pattern.compile("uri=\"([^\"]*)\"").matcher(scrape);
        while (uri.find()) {
            uris.add(uri.group(1));
        }
        for (String expr : expressions) {
            Matcher filter = Pattern.compile("uri=~\"([^\"]+)\"").matcher(expr);
            while (filter.find()) {
                Pattern p = Pattern.compile(filter.group(1));
                assertTrue(uris.stream().anyMatch(u -> p.matcher(u).matches()),
                        "uri=~\"" + filter.group(1) + "\" matches no uri label of " + uris);
            }
        }
        assertTrue(Pattern.compile("uri=\"/socket\\.io[^\"]*\"").matcher(scrape).find(),
                "Socket.IO polling requests carry a /socket.io uri, which the latency panels leave out");
    }

    @Test
    void everyBusinessEventNamedIsOneTheCodeRecords() throws IOException {
        Set<String> recorded = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(source)) {
                    int call = Math.max(line.indexOf("events.record("), line.indexOf("events.count("));
                    if (call >= 0) {
                        Matcher m = EVENT_NAME.matcher(line.substring(call));
                        while (m.find()) {
                            recorded.add(m.group(1));
                        }
                    }
                }
            }
        }
        assertTrue(recorded.contains("login"), "the scan of events.record(...) works: " + recorded);
        for (String expr : expressions) {
            Matcher m = EVENT.matcher(expr);
            while (m.find()) {
                // a PromQL string: \\ is one backslash of the regex
                Pattern names = Pattern.compile(m.group(1).replace("\\\\", "\\"));
                assertTrue(recorded.stream().anyMatch(e -> names.matcher(e).matches()),
                        "event=~\"" + m.group(1) + "\" matches no recorded event " + recorded);
            }
        }
    }

    private static void collect(Pattern pattern, String expr, Set<String> into) {
        // label matchers' values ("...") and durations ([5m]) are not metric names
        String withoutStrings = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
        Matcher m = pattern.matcher(withoutStrings);
        while (m.find()) {
            into.add(m.group(1));
        }
    }
}
