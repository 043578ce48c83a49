package dev.festival.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small kustomize, for the render test: builds a kustomization directory the way {@code kustomize build}
 * does for the features our manifests use (resources, components, namespace, images, replicas, strategic
 * merge and JSON 6902 patches, ConfigMap and Secret generators with {@code behavior: merge}), and FAILS
 * on anything it cannot resolve: a missing file, an unknown field, a patch, image or replicas entry that
 * targets nothing, a generator merge without a base. Generated names carry no hash suffix.
 */
final class Kustomize {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> KUSTOMIZATION_FIELDS = Set.of("apiVersion", "kind", "namespace", "resources",
            "components", "images", "replicas", "patches", "configMapGenerator", "secretGenerator");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass");
    /** List fields merged item by item in a strategic merge patch, with their merge key. */
    private static final Map<String, String> MERGE_KEYS = Map.of("containers", "name", "initContainers", "name",
            "env", "name", "volumes", "name", "volumeMounts", "mountPath", "imagePullSecrets", "name");

    private Kustomize() {
    }

    /** The objects a kustomization directory renders to, in order. */
    static List<ObjectNode> build(Path dir) {
        return build(dir, false);
    }

    private static List<ObjectNode> build(Path dir, boolean component) {
        Path file = dir.resolve("kustomization.yaml");
        require(Files.isRegularFile(file), "no kustomization.yaml in " + dir);
        JsonNode k = readOne(file);
        k.fieldNames().forEachRemaining(f -> require(KUSTOMIZATION_FIELDS.contains(f), file + ": unsupported field " + f));
        String kind = k.path("kind").asText("Kustomization");
        require(kind.equals(component ? "Component" : "Kustomization"),
                file + ": kind " + kind + " where a " + (component ? "Component" : "Kustomization") + " is expected");

        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            require(Files.exists(p), file + ": resource " + r.asText() + " does not exist");
            objects.addAll(Files.isDirectory(p) ? build(p, false) : objects(p));
        }
        generate(dir, k.path("configMapGenerator"), "ConfigMap", objects);
        generate(dir, k.path("secretGenerator"), "Secret", objects);
        for (JsonNode c : k.path("components")) {
            Path p = dir.resolve(c.asText()).normalize();
            require(Files.isDirectory(p), file + ": component " + c.asText() + " does not exist");
            apply(p, readOne(p.resolve("kustomization.yaml")), objects);
        }
        if (!component) {
            apply(dir, k, objects);
        }
        return objects;
    }

    /** A component's resources and generators were read by build(); here the transformations. */
    private static void apply(Path dir, JsonNode k, List<ObjectNode> objects) {
        if (k.path("kind").asText().equals("Component")) {
            objects.addAll(build(dir, true));
        }
        for (JsonNode patch : k.path("patches")) {
            patch(dir, patch, objects);
        }
        for (JsonNode image : k.path("images")) {
            String name = image.path("name").asText();
            int changed = 0;
            for (ObjectNode o : objects) {
                for (JsonNode c : containers(o)) {
                    String current = c.path("image").asText();
                    if (imageName(current).equals(name)) {
                        String newName = image.path("newName").asText(name);
                        String tag = image.has("newTag") ? image.path("newTag").asText() : imageTag(current);
                        ((ObjectNode) c).put("image", tag == null ? newName : newName + ":" + tag);
                        changed++;
                    }
                }
            }
            require(changed > 0, dir + ": images entry " + name + " matches no container");
        }
        for (JsonNode r : k.path("replicas")) {
            String name = r.path("name").asText();
            ObjectNode target = objects.stream().filter(o -> o.path("metadata").path("name").asText().equals(name)
                            && Set.of("Deployment", "StatefulSet").contains(o.path("kind").asText()))
                    .findFirst().orElseThrow(() -> new AssertionError(dir + ": replicas entry " + name + " matches nothing"));
            ((ObjectNode) target.get("spec")).put("replicas", r.path("count").asInt());
        }
        if (k.has("namespace")) {
            String ns = k.path("namespace").asText();
            for (ObjectNode o : objects) {
                ObjectNode meta = (ObjectNode) o.get("metadata");
                if (o.path("kind").asText().equals("Namespace")) {
                    meta.put("name", ns);
                } else if (!CLUSTER_SCOPED.contains(o.path("kind").asText())) {
                    meta.put("namespace", ns);
                }
            }
        }
    }

    private static void generate(Path dir, JsonNode generators, String kind, List<ObjectNode> objects) {
        for (JsonNode g : generators) {
            String name = g.path("name").asText();
            ObjectNode data = JsonNodeFactory.instance.objectNode();
            for (JsonNode literal : g.path("literals")) {
                String text = literal.asText();
                int eq = text.indexOf('=');
                require(eq > 0, dir + ": generator " + name + ": literal without '=': " + text);
                data.put(text.substring(0, eq), encode(kind, text.substring(eq + 1)));
            }
            for (JsonNode f : g.path("files")) {
                String text = f.asText();
                int eq = text.indexOf('=');
                String key = eq > 0 ? text.substring(0, eq) : Path.of(text).getFileName().toString();
                Path p = dir.resolve(eq > 0 ? text.substring(eq + 1) : text).normalize();
                require(Files.isRegularFile(p), dir + ": generator " + name + ": file " + p + " does not exist");
                try {
                    data.put(key, encode(kind, Files.readString(p)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            String behavior = g.path("behavior").asText("create");
            ObjectNode existing = objects.stream().filter(o -> o.path("kind").asText().equals(kind)
                    && o.path("metadata").path("name").asText().equals(name)).findFirst().orElse(null);
            if (behavior.equals("merge") || behavior.equals("replace")) {
                require(existing != null, dir + ": generator " + name + " merges into nothing");
                if (behavior.equals("replace")) {
                    existing.set("data", data);
                } else {
                    ((ObjectNode) existing.get("data")).setAll(data);
                }
                continue;
            }
            require(existing == null, dir + ": generator " + name + " created twice");
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("apiVersion", "v1").put("kind", kind);
            ObjectNode meta = o.putObject("metadata");
            meta.put("name", name);
            if (g.path("options").has("labels")) {
                meta.set("labels", g.path("options").path("labels").deepCopy());
            }
            if (kind.equals("Secret")) {
                o.put("type", "Opaque");
            }
            o.set("data", data);
            objects.add(o);
        }
    }

    private static String encode(String kind, String value) {
        return kind.equals("Secret") ? Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) : value;
    }

    private static void patch(Path dir, JsonNode entry, List<ObjectNode> objects) {
        List<JsonNode> docs;
        if (entry.has("path")) {
            Path p = dir.resolve(entry.path("path").asText()).normalize();
            require(Files.isRegularFile(p), dir + ": patch " + p + " does not exist");
            docs = new ArrayList<>(readAll(p));
        } else {
            require(entry.has("patch"), dir + ": patch without path or patch");
            docs = readAllText(entry.path("patch").asText());
        }
        if (docs.size() == 1 && docs.getFirst().isArray()) { // JSON 6902: needs a target
            JsonNode target = entry.path("target");
            require(target.has("kind") && target.has("name"), dir + ": a JSON 6902 patch needs target kind and name");
            jsonPatch(find(objects, target.path("kind").asText(), target.path("name").asText(), dir),
                    (ArrayNode) docs.getFirst(), dir);
            return;
        }
        for (JsonNode doc : docs) {
            String kind = doc.path("kind").asText();
            String name = doc.path("metadata").path("name").asText();
            if (entry.has("target")) {
                kind = entry.path("target").path("kind").asText(kind);
                name = entry.path("target").path("name").asText(name);
            }
            ObjectNode target = find(objects, kind, name, dir);
            merge(target, doc, "");
        }
    }

    private static ObjectNode find(List<ObjectNode> objects, String kind, String name, Path dir) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)
                        && o.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(dir + ": patch targets " + kind + " " + name + ", which is not rendered"));
    }

    /** Strategic merge: maps merge, keyed lists merge by key ({@code $patch: delete} removes), other lists replace. */
    private static void merge(ObjectNode target, JsonNode patch, String path) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = f.getKey();
            JsonNode value = f.getValue();
            JsonNode current = target.get(key);
            if (value.isObject() && current != null && current.isObject()) {
                merge((ObjectNode) current, value, path + "/" + key);
            } else if (value.isArray() && current != null && current.isArray() && mergeKey(key, value) != null) {
                mergeList((ArrayNode) current, (ArrayNode) value, mergeKey(key, value), path + "/" + key);
            } else if (value.isArray()) {
                ArrayNode clean = JsonNodeFactory.instance.arrayNode();
                value.forEach(item -> {
                    require(!item.has("$patch"), path + "/" + key + ": $patch on a list without merge key");
                    clean.add(item.deepCopy());
                });
                target.set(key, clean);
            } else {
                target.set(key, value.deepCopy());
            }
        }
    }

    private static String mergeKey(String field, JsonNode items) {
        if (field.equals("ports")) {
            JsonNode first = items.isEmpty() ? null : items.get(0);
            return first != null && first.has("containerPort") ? "containerPort" : "port";
        }
        return MERGE_KEYS.get(field);
    }

    private static void mergeList(ArrayNode current, ArrayNode patch, String key, String path) {
        for (JsonNode item : patch) {
            require(item.has(key), path + ": item without its merge key " + key);
            int index = -1;
            for (int i = 0; i < current.size(); i++) {
                if (current.get(i).path(key).equals(item.get(key))) {
                    index = i;
                }
            }
            if ("delete".equals(item.path("$patch").asText())) {
                require(index >= 0, path + ": $patch delete of " + key + "=" + item.get(key) + ", which does not exist");
                current.remove(index);
            } else if (index >= 0) {
                merge((ObjectNode) current.get(index), item, path + "[" + item.get(key) + "]");
            } else {
                current.add(item.deepCopy());
            }
        }
    }

    private static void jsonPatch(ObjectNode target, ArrayNode ops, Path dir) {
        for (JsonNode op : ops) {
            String[] pointer = op.path("path").asText().substring(1).split("/");
            JsonNode parent = target;
            for (int i = 0; i < pointer.length - 1; i++) {
                parent = parent.isArray() ? parent.get(Integer.parseInt(pointer[i])) : parent.get(pointer[i]);
                require(parent != null, dir + ": JSON patch path " + op.path("path").asText() + " does not exist");
            }
            String last = pointer[pointer.length - 1].replace("~1", "/").replace("~0", "~");
            switch (op.path("op").asText()) {
                case "test" -> require((parent.isArray() ? parent.get(Integer.parseInt(last)) : parent.get(last))
                        .equals(op.get("value")), dir + ": JSON patch test failed at " + op.path("path").asText());
                case "remove" -> {
                    require(parent.isArray() ? parent.has(Integer.parseInt(last)) : parent.has(last),
                            dir + ": JSON patch removes missing " + op.path("path").asText());
                    if (parent.isArray()) {
                        ((ArrayNode) parent).remove(Integer.parseInt(last));
                    } else {
                        ((ObjectNode) parent).remove(last);
                    }
                }
                case "add", "replace" -> {
                    if (parent.isArray()) {
                        if (last.equals("-")) {
                            ((ArrayNode) parent).add(op.get("value").deepCopy());
                        } else if (op.path("op").asText().equals("add")) {
                            ((ArrayNode) parent).insert(Integer.parseInt(last), op.get("value").deepCopy());
                        } else {
                            ((ArrayNode) parent).set(Integer.parseInt(last), op.get("value").deepCopy());
                        }
                    } else {
                        ((ObjectNode) parent).set(last, op.get("value").deepCopy());
                    }
                }
                default -> throw new AssertionError(dir + ": unsupported JSON patch op " + op.path("op"));
            }
        }
    }

    /** The containers and init containers of a workload's pod template (empty for other kinds). */
    static List<JsonNode> containers(JsonNode o) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode spec = o.path("spec").path("template").path("spec");
        spec.path("initContainers").forEach(out::add);
        spec.path("containers").forEach(out::add);
        return out;
    }

    static String imageName(String image) {
        int at = image.indexOf('@');
        String s = at >= 0 ? image.substring(0, at) : image;
        int colon = s.lastIndexOf(':');
        return colon > s.lastIndexOf('/') ? s.substring(0, colon) : s;
    }

    private static String imageTag(String image) {
        String name = imageName(image);
        return image.length() > name.length() + 1 && image.charAt(name.length()) == ':'
                ? image.substring(name.length() + 1) : null;
    }

    static JsonNode readOne(Path file) {
        List<JsonNode> all = readAll(file);
        require(all.size() == 1, file + ": expected one YAML document");
        return all.getFirst();
    }

    /** Kubernetes objects of a manifest file (each document a mapping with kind and metadata.name). */
    static List<ObjectNode> objects(Path file) {
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode doc : readAll(file)) {
            require(doc.isObject() && doc.has("kind") && doc.path("metadata").has("name"),
                    file + ": a document without kind or metadata.name");
            out.add((ObjectNode) doc);
        }
        return out;
    }

    static List<JsonNode> readAll(Path file) {
        try {
            return readAllText(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    static List<JsonNode> readAllText(String text) {
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(text)) {
            List<JsonNode> out = new ArrayList<>();
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    out.add(doc);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
