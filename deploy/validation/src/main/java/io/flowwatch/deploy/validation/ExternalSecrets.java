package io.flowwatch.deploy.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** deploy/k8s/external-secrets.yaml: the Secrets referenced but never committed, per overlay, with their keys. */
public record ExternalSecrets(List<Entry> entries) {

    public record Entry(String name, Set<String> overlays, String createdBy, String type, Set<String> keys) {
    }

    public static ExternalSecrets load(Path file) {
        ObjectNode root = Yaml.readOne(file);
        List<Entry> entries = new ArrayList<>();
        for (JsonNode node : root.path("secrets")) {
            entries.add(new Entry(required(node, "name", file), strings(node.path("overlays")),
                    required(node, "createdBy", file), required(node, "type", file), strings(node.path("keys"))));
        }
        if (entries.isEmpty()) {
            throw new InvalidManifestException(file + ": no secrets listed");
        }
        return new ExternalSecrets(List.copyOf(entries));
    }

    /** Secret name → documented keys, for one overlay. */
    public Map<String, Set<String>> forOverlay(String overlay) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Entry entry : entries) {
            if (entry.overlays().contains(overlay)) {
                out.put(entry.name(), entry.keys());
            }
        }
        return out;
    }

    private static String required(JsonNode node, String field, Path file) {
        if (!node.path(field).isTextual()) {
            throw new InvalidManifestException(file + ": every secret needs a string '" + field + "'");
        }
        return node.get(field).asText();
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        array.forEach(element -> out.add(element.asText()));
        return out;
    }
}
