package dev.festival.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders the base and every overlay of {@code kubernetes/} (with {@link Kustomize}: a broken reference
 * fails) and checks the result against the application's own configuration: the container port, the
 * probe paths under {@code quarkus.smallrye-health.root-path}, the metrics path, the shutdown grace, the
 * Services, Ingress, autoscaler and disruption budget pointing at what exists, every ConfigMap and Secret
 * either rendered or documented as created outside git. When {@code kubectl} or {@code kustomize} is on
 * the PATH, the real kustomize must render the same objects.
 */
class KubernetesManifestsTest {
    private static final Path ROOT = Path.of("kubernetes");
    private static final List<String> OVERLAYS = List.of("development", "staging", "production");
    /** Secrets created outside git in staging and production (kubernetes/README.md "Secrets"). */
    private static final Set<String> EXTERNAL_SECRETS = Set.of("festival-postgres", "festival-api-secrets",
            "festival-jwt", "festival-stripe", "festival-smtp", "festival-oauth", "festival-api-tls");
    private static final Properties APP = applicationProperties();

    @Test
    void everyOverlayDirectoryIsChecked() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT.resolve("overlays"))) {
            assertEquals(new TreeSet<>(OVERLAYS), dirs.map(p -> p.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new)));
        }
    }

    @Test
    void theBaseRendersWithTheArchitecturesSizing() {
        List<ObjectNode> objects = Kustomize.build(ROOT.resolve("base"));
        JsonNode api = one(objects, "Deployment", "festival-api");
        assertEquals(3, api.path("spec").path("replicas").asInt(), "3 API replicas");
        JsonNode limits = apiContainer(api).path("resources").path("limits");
        assertEquals("2", limits.path("cpu").asText(), "2 CPU per API pod");
        assertEquals("4Gi", limits.path("memory").asText(), "4 GiB per API pod");
        one(objects, "StatefulSet", "festival-postgres-primary");
        one(objects, "StatefulSet", "festival-postgres-replica");
        one(objects, "StatefulSet", "festival-redis");
        for (String kind : List.of("Service", "Ingress", "HorizontalPodAutoscaler", "PodDisruptionBudget")) {
            one(objects, kind, "festival-api");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"development", "staging", "production"})
    void overlayRendersAndMatchesTheApplication(String overlay) {
        List<ObjectNode> objects = Kustomize.build(ROOT.resolve("overlays").resolve(overlay));
        String namespace = namespaceOf(objects);
        for (ObjectNode o : objects) {
            if (!o.path("kind").asText().equals("Namespace")) {
                assertEquals(namespace, o.path("metadata").path("namespace").asText(), id(o) + " in " + namespace);
            }
        }

        JsonNode deployment = one(objects, "Deployment", "festival-api");
        JsonNode pod = deployment.path("spec").path("template");
        JsonNode api = apiContainer(deployment);
        int port = Integer.parseInt(APP.getProperty("quarkus.http.port"));
        assertEquals(port, containerPort(api, "http"), "container port = quarkus.http.port");

        String health = APP.getProperty("quarkus.smallrye-health.root-path");
        assertProbe(api, "startupProbe", health + "/" + APP.getProperty("quarkus.smallrye-health.startup-path", "started"), port);
        assertProbe(api, "readinessProbe", health + "/" + APP.getProperty("quarkus.smallrye-health.readiness-path"), port);
        assertProbe(api, "livenessProbe", health + "/" + APP.getProperty("quarkus.smallrye-health.liveness-path"), port);

        JsonNode annotations = pod.path("metadata").path("annotations");
        assertEquals(APP.getProperty("quarkus.micrometer.export.prometheus.path"),
                annotations.path("prometheus.io/path").asText(), "scrape path = the metrics path");
        assertEquals(String.valueOf(port), annotations.path("prometheus.io/port").asText());

        String image = api.path("image").asText();
        assertTrue(image.contains(":") && !image.endsWith(":latest"), "a pinned image tag: " + image);

        // the shutdown: delay + grace fit in the termination grace period
        JsonNode config = one(objects, "ConfigMap", "festival-api-config").path("data");
        Duration delay = duration(config.path("FESTIVAL_SHUTDOWN_DELAY").asText(APP.getProperty("festival.shutdown.delay")));
        Duration grace = duration(config.path("FESTIVAL_SHUTDOWN_GRACE").asText(APP.getProperty("festival.shutdown.grace")));
        long terminationGrace = pod.path("spec").path("terminationGracePeriodSeconds").asLong(30);
        // + up to 10 s for Quarkus to close Vert.x when a statement is stuck (VertxCoreRecorder's default)
        assertTrue(delay.plus(grace).plusSeconds(10).getSeconds() < terminationGrace,
                "delay " + delay + " + grace " + grace + " + 10 s within terminationGracePeriodSeconds " + terminationGrace);

        // every FESTIVAL_* variable set is one the README documents
        String readme = read(Path.of("README.md"));
        config.fieldNames().forEachRemaining(key -> {
            if (key.startsWith("FESTIVAL_")) {
                assertTrue(readme.contains("`" + key + "`"), key + " is documented in README.md");
            }
        });

        // what the API connects to is a Service of this render, on the right port
        assertServiceUrl(objects, config.path("QUARKUS_DATASOURCE_REACTIVE_URL").asText());
        assertServiceUrl(objects, config.path("QUARKUS_DATASOURCE_JDBC_URL").asText().replaceFirst("^jdbc:", ""));
        assertServiceUrl(objects, config.path("FESTIVAL_DB_REPLICA_URL").asText());
        assertServiceUrl(objects, config.path("QUARKUS_REDIS_HOSTS").asText());

        // behind the ingress: client addresses from X-Forwarded-For; one list of browser origins; the public
        // URL social sign-in redirects to is the Ingress' host
        assertEquals("true", config.path("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING").asText(),
                "per-address rate limits behind the ingress need proxy address forwarding");
        assertEquals(config.path("FESTIVAL_REALTIME_ALLOWED_ORIGINS").asText(), config.path("FESTIVAL_HTTP_CORS_ORIGINS").asText(),
                "the same browser origins for Socket.IO and for CORS/CSRF");
        String publicHost = URI.create(config.path("FESTIVAL_OAUTH_PUBLIC_URL").asText()).getHost();
        assertTrue(one(objects, "Ingress", "festival-api").path("spec").path("rules").findValuesAsText("host").contains(publicHost),
                "FESTIVAL_OAUTH_PUBLIC_URL is the Ingress host " + publicHost);
        if (overlay.equals("development")) {
            assertServiceUrl(objects, "smtp://" + config.path("QUARKUS_MAILER_HOST").asText() + ":"
                    + config.path("QUARKUS_MAILER_PORT").asText());
        }

        assertServicesSelectPods(objects);
        assertIngress(objects);
        assertAutoscalingAndDisruption(objects, deployment);
        assertStatefulSetsHaveHeadlessServices(objects);
        assertConfigAndSecretReferences(objects, overlay);

        if (!overlay.equals("development")) {
            assertMonitoring(objects, port);
            assertTrue(envNames(api).contains("SMALLRYE_JWT_SIGN_KEY_LOCATION"),
                    "several pods share one JWT key pair");
        }
        if (overlay.equals("production")) {
            assertEquals(3, deployment.path("spec").path("replicas").asInt());
            assertEquals("2", api.path("resources").path("limits").path("cpu").asText());
            assertEquals("4Gi", api.path("resources").path("limits").path("memory").asText());
        }
    }

    /** The real kustomize (kubectl kustomize, or kustomize build) renders the same objects. */
    @ParameterizedTest
    @ValueSource(strings = {"development", "staging", "production"})
    void kustomizeRendersTheSameObjectsWhenAvailable(String overlay) throws Exception {
        Optional<List<String>> command = kustomizeCommand();
        org.junit.jupiter.api.Assumptions.assumeTrue(command.isPresent(), "no kubectl or kustomize on the PATH");
        List<String> cmd = new ArrayList<>(command.get());
        cmd.add(ROOT.resolve("overlays").resolve(overlay).toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kustomize finished");
        assertEquals(0, p.exitValue(), "kustomize failed: " + err);
        List<JsonNode> real = Kustomize.readAllText(out);
        List<ObjectNode> ours = Kustomize.build(ROOT.resolve("overlays").resolve(overlay));
        assertEquals(ids(ours), real.stream().map(KubernetesManifestsTest::idWithoutHash)
                .collect(Collectors.toCollection(TreeSet::new)), "same objects");
        JsonNode realApi = real.stream().filter(o -> id(o).equals("Deployment/festival-api")).findFirst().orElseThrow();
        JsonNode ourApi = one(ours, "Deployment", "festival-api");
        assertEquals(ourApi.path("spec").path("replicas"), realApi.path("spec").path("replicas"));
        for (String field : List.of("image", "ports", "startupProbe", "readinessProbe", "livenessProbe", "resources",
                "volumeMounts")) {
            assertEquals(apiContainer(ourApi).path(field), apiContainer(realApi).path(field), field);
        }
        assertEquals(envNames(apiContainer(ourApi)), envNames(apiContainer(realApi)), "env");
    }

    // ------------------------------------------------------------------ checks

    private static void assertProbe(JsonNode container, String probe, String path, int port) {
        JsonNode get = container.path(probe).path("httpGet");
        assertEquals(path, get.path("path").asText(), probe + " path");
        assertEquals(port, resolvePort(container, get.path("port")), probe + " port");
    }

    private static void assertServiceUrl(List<ObjectNode> objects, String url) {
        assertFalse(url.isBlank(), "a connection URL is set");
        URI uri = URI.create(url);
        JsonNode service = one(objects, "Service", uri.getHost());
        boolean port = false;
        for (JsonNode p : service.path("spec").path("ports")) {
            port |= p.path("port").asInt() == uri.getPort();
        }
        assertTrue(port, url + ": the Service " + uri.getHost() + " exposes port " + uri.getPort());
    }

    private static void assertServicesSelectPods(List<ObjectNode> objects) {
        for (ObjectNode service : of(objects, "Service")) {
            JsonNode selector = service.path("spec").path("selector");
            List<JsonNode> pods = podTemplates(objects).stream().filter(t -> matches(selector, t.path("metadata").path("labels")))
                    .toList();
            assertFalse(pods.isEmpty(), id(service) + " selects no pod");
            for (JsonNode p : service.path("spec").path("ports")) {
                JsonNode target = p.path("targetPort");
                for (JsonNode template : pods) {
                    boolean found = false;
                    for (JsonNode c : template.path("spec").path("containers")) {
                        for (JsonNode cp : c.path("ports")) {
                            found |= target.isTextual() ? cp.path("name").asText().equals(target.asText())
                                    : cp.path("containerPort").asInt() == target.asInt(p.path("port").asInt());
                        }
                    }
                    assertTrue(found, id(service) + " targets port " + target + " that its pods do not expose");
                }
            }
        }
    }

    private static void assertIngress(List<ObjectNode> objects) {
        JsonNode ingress = one(objects, "Ingress", "festival-api");
        assertEquals("cookie", ingress.path("metadata").path("annotations").path("nginx.ingress.kubernetes.io/affinity").asText(),
                "sticky sessions for Socket.IO long-polling (kubernetes/README.md)");
        for (JsonNode rule : ingress.path("spec").path("rules")) {
            assertFalse(rule.path("host").asText().isBlank(), "a host per rule");
            for (JsonNode path : rule.path("http").path("paths")) {
                JsonNode backend = path.path("backend").path("service");
                JsonNode service = one(objects, "Service", backend.path("name").asText());
                boolean found = false;
                for (JsonNode p : service.path("spec").path("ports")) {
                    found |= backend.path("port").has("name") ? p.path("name").asText().equals(backend.path("port").path("name").asText())
                            : p.path("port").asInt() == backend.path("port").path("number").asInt();
                }
                assertTrue(found, "the Ingress backend port exists on " + service.path("metadata").path("name").asText());
            }
        }
        for (JsonNode tls : ingress.path("spec").path("tls")) {
            Set<String> hosts = new TreeSet<>(ingress.path("spec").path("rules").findValuesAsText("host"));
            tls.path("hosts").forEach(h -> assertTrue(hosts.contains(h.asText()), "TLS host " + h + " has a rule"));
            assertTrue(EXTERNAL_SECRETS.contains(tls.path("secretName").asText()), "TLS secret documented");
        }
    }

    private static void assertAutoscalingAndDisruption(List<ObjectNode> objects, JsonNode deployment) {
        JsonNode hpa = one(objects, "HorizontalPodAutoscaler", "festival-api").path("spec");
        assertEquals("Deployment", hpa.path("scaleTargetRef").path("kind").asText());
        one(objects, "Deployment", hpa.path("scaleTargetRef").path("name").asText());
        int replicas = deployment.path("spec").path("replicas").asInt();
        assertTrue(hpa.path("minReplicas").asInt() <= replicas && replicas <= hpa.path("maxReplicas").asInt(),
                "replicas " + replicas + " within the autoscaler's range");
        JsonNode pdb = one(objects, "PodDisruptionBudget", "festival-api").path("spec");
        assertTrue(matches(pdb.path("selector").path("matchLabels"),
                deployment.path("spec").path("template").path("metadata").path("labels")), "the PDB selects the API pods");
        assertTrue(matches(deployment.path("spec").path("selector").path("matchLabels"),
                deployment.path("spec").path("template").path("metadata").path("labels")), "the Deployment selects its pods");
    }

    private static void assertStatefulSetsHaveHeadlessServices(List<ObjectNode> objects) {
        for (ObjectNode set : of(objects, "StatefulSet")) {
            JsonNode service = one(objects, "Service", set.path("spec").path("serviceName").asText());
            assertEquals("None", service.path("spec").path("clusterIP").asText(), id(set) + " is governed by a headless Service");
            assertTrue(matches(set.path("spec").path("selector").path("matchLabels"),
                    set.path("spec").path("template").path("metadata").path("labels")), id(set) + " selects its pods");
        }
    }

    private static void assertConfigAndSecretReferences(List<ObjectNode> objects, String overlay) {
        String readme = read(ROOT.resolve("README.md"));
        for (JsonNode template : podTemplates(objects)) {
            JsonNode spec = template.path("spec");
            List<JsonNode> containers = new ArrayList<>();
            spec.path("containers").forEach(containers::add);
            spec.path("initContainers").forEach(containers::add);
            for (JsonNode c : containers) {
                for (JsonNode from : c.path("envFrom")) {
                    if (from.has("configMapRef")) {
                        one(objects, "ConfigMap", from.path("configMapRef").path("name").asText());
                    }
                }
                for (JsonNode env : c.path("env")) {
                    JsonNode cm = env.path("valueFrom").path("configMapKeyRef");
                    if (!cm.isMissingNode()) {
                        assertTrue(one(objects, "ConfigMap", cm.path("name").asText()).path("data").has(cm.path("key").asText()));
                    }
                    JsonNode secret = env.path("valueFrom").path("secretKeyRef");
                    if (!secret.isMissingNode()) {
                        assertSecret(objects, overlay, readme, secret.path("name").asText(), secret.path("key").asText(),
                                secret.path("optional").asBoolean(false));
                    }
                }
            }
            for (JsonNode volume : spec.path("volumes")) {
                if (volume.has("configMap")) {
                    one(objects, "ConfigMap", volume.path("configMap").path("name").asText());
                }
                if (volume.has("secret")) {
                    for (JsonNode item : volume.path("secret").path("items")) {
                        assertSecret(objects, overlay, readme, volume.path("secret").path("secretName").asText(),
                                item.path("key").asText(), volume.path("secret").path("optional").asBoolean(false));
                    }
                }
            }
        }
    }

    private static void assertSecret(List<ObjectNode> objects, String overlay, String readme, String name, String key,
                                     boolean optional) {
        Optional<ObjectNode> rendered = find(objects, "Secret", name);
        if (rendered.isPresent()) {
            assertTrue(optional || rendered.get().path("data").has(key), "secret " + name + " has key " + key);
            return;
        }
        assertTrue(optional || !overlay.equals("development"), "development generates its secrets; missing " + name);
        assertTrue(EXTERNAL_SECRETS.contains(name), "secret " + name + " is neither rendered nor an external secret");
        assertTrue(readme.contains(name) && readme.contains(key),
                "kubernetes/README.md tells how to create secret " + name + " with key " + key);
    }

    private static void assertMonitoring(List<ObjectNode> objects, int port) {
        JsonNode monitor = one(objects, "ServiceMonitor", "festival-api").path("spec");
        JsonNode service = one(objects, "Service", "festival-api");
        assertTrue(matches(monitor.path("selector").path("matchLabels"), service.path("metadata").path("labels")),
                "the ServiceMonitor selects the API Service");
        for (JsonNode endpoint : monitor.path("endpoints")) {
            assertEquals(APP.getProperty("quarkus.micrometer.export.prometheus.path"), endpoint.path("path").asText());
            assertTrue(service.path("spec").path("ports").findValuesAsText("name").contains(endpoint.path("port").asText()));
        }
        assertEquals(port, service.path("spec").path("ports").get(0).path("port").asInt());
        one(objects, "PrometheusRule", "festival-api");
        JsonNode dashboards = one(objects, "ConfigMap", "festival-grafana-dashboards");
        assertEquals("1", dashboards.path("metadata").path("labels").path("grafana_dashboard").asText());
        assertEquals(4, dashboards.path("data").size(), "the four dashboards");
    }

    // ------------------------------------------------------------------ helpers

    private static JsonNode apiContainer(JsonNode deployment) {
        for (JsonNode c : deployment.path("spec").path("template").path("spec").path("containers")) {
            if (c.path("name").asText().equals("api")) {
                return c;
            }
        }
        return fail("no container 'api' in the Deployment");
    }

    private static List<String> envNames(JsonNode container) {
        List<String> names = new ArrayList<>();
        container.path("env").forEach(e -> names.add(e.path("name").asText()));
        return names;
    }

    private static int containerPort(JsonNode container, String name) {
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(name)) {
                return p.path("containerPort").asInt();
            }
        }
        return fail("no port named " + name);
    }

    private static int resolvePort(JsonNode container, JsonNode port) {
        return port.isTextual() ? containerPort(container, port.asText()) : port.asInt();
    }

    private static List<JsonNode> podTemplates(List<ObjectNode> objects) {
        return objects.stream().filter(o -> Set.of("Deployment", "StatefulSet").contains(o.path("kind").asText()))
                .map(o -> o.path("spec").path("template")).toList();
    }

    /** True when every label of the selector is on the object. */
    private static boolean matches(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> it = selector.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().equals(labels.path(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static List<ObjectNode> of(List<ObjectNode> objects, String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    private static Optional<ObjectNode> find(List<ObjectNode> objects, String kind, String name) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)
                && o.path("metadata").path("name").asText().equals(name)).findFirst();
    }

    private static ObjectNode one(List<ObjectNode> objects, String kind, String name) {
        List<ObjectNode> found = objects.stream().filter(o -> o.path("kind").asText().equals(kind)
                && o.path("metadata").path("name").asText().equals(name)).toList();
        assertEquals(1, found.size(), "exactly one " + kind + " " + name + " rendered");
        return found.getFirst();
    }

    private static String namespaceOf(List<ObjectNode> objects) {
        List<ObjectNode> namespaces = of(objects, "Namespace");
        assertEquals(1, namespaces.size(), "one Namespace");
        return namespaces.getFirst().path("metadata").path("name").asText();
    }

    private static String id(JsonNode o) {
        return o.path("kind").asText() + "/" + o.path("metadata").path("name").asText();
    }

    /** kustomize appends a content hash to generated ConfigMap/Secret names; ours does not. */
    private static String idWithoutHash(JsonNode o) {
        String name = o.path("metadata").path("name").asText();
        if (Set.of("ConfigMap", "Secret").contains(o.path("kind").asText())) {
            name = name.replaceFirst("-[2456789bcdfghkmt]{10}$", "");
        }
        return o.path("kind").asText() + "/" + name;
    }

    private static TreeSet<String> ids(List<ObjectNode> objects) {
        return objects.stream().map(KubernetesManifestsTest::id).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Optional<List<String>> kustomizeCommand() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "kustomize"))) {
                return Optional.of(List.of(Path.of(dir, "kustomize").toString(), "build"));
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "kubectl"))) {
                return Optional.of(List.of(Path.of(dir, "kubectl").toString(), "kustomize"));
            }
        }
        return Optional.empty();
    }

    /** "5s", "30s", "1500ms", "2m" (the forms the manifests and application.properties use). */
    private static Duration duration(String text) {
        assertNotNull(text, "a duration");
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        long n = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> fail("unknown duration " + text);
        };
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return fail("cannot read " + file);
        }
    }

    private static Properties applicationProperties() {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return p;
    }
}
