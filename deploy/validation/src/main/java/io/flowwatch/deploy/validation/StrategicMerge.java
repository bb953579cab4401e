package io.flowwatch.deploy.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The strategic-merge patch subset that the overlays use: mappings merge recursively, {@code null} removes a
 * field, and in the built-in workload kinds these lists merge element by element on their Kubernetes merge key —
 * {@code containers}, {@code initContainers}, {@code env}, {@code volumes} (by {@code name}),
 * {@code volumeMounts} (by {@code mountPath}), container {@code ports} (by {@code containerPort}), Service
 * {@code ports} (by {@code port}) and {@code topologySpreadConstraints} (by {@code topologyKey}). Every other
 * list, and every list of a custom resource, is replaced whole. {@code $patch: delete} at the top removes the
 * target; any other {@code $patch} directive is refused.
 */
public final class StrategicMerge {

    private static final Set<String> BUILT_IN = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob",
            "ReplicaSet", "Pod", "Service", "ConfigMap", "Secret", "Ingress", "NetworkPolicy", "PodDisruptionBudget",
            "HorizontalPodAutoscaler", "ServiceAccount", "Namespace");

    private StrategicMerge() {
    }

    public static boolean isDelete(ObjectNode patch) {
        JsonNode directive = patch.get("$patch");
        if (directive == null) {
            return false;
        }
        if (directive.asText().equals("delete")) {
            return true;
        }
        throw new InvalidManifestException("$patch: " + directive.asText() + " is outside the subset (only delete)");
    }

    public static void merge(ObjectNode target, ObjectNode patch, String kind) {
        mergeObject(target, patch, BUILT_IN.contains(kind) ? kind : null, List.of());
    }

    private static void mergeObject(ObjectNode target, ObjectNode patch, String kind, List<String> path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.startsWith("$")) {
                throw new InvalidManifestException("patch directive " + key + " at " + String.join(".", path)
                        + " is outside the subset");
            }
            List<String> here = append(path, key);
            JsonNode current = target.get(key);
            if (value.isNull()) {
                target.remove(key);
            } else if (value instanceof ObjectNode patchObject && current instanceof ObjectNode currentObject) {
                mergeObject(currentObject, patchObject, kind, here);
            } else if (value instanceof ArrayNode patchArray && current instanceof ArrayNode currentArray
                    && mergeKey(kind, path, key) != null) {
                mergeList(currentArray, patchArray, mergeKey(kind, path, key), kind, here);
            } else {
                target.set(key, value.deepCopy());
            }
        }
    }

    private static void mergeList(ArrayNode target, ArrayNode patch, String mergeKey, String kind, List<String> path) {
        for (JsonNode element : patch) {
            if (!(element instanceof ObjectNode patchElement) || !patchElement.has(mergeKey)) {
                throw new InvalidManifestException("list " + String.join(".", path) + ": every patch element needs "
                        + mergeKey);
            }
            ObjectNode match = null;
            for (JsonNode existing : target) {
                if (existing instanceof ObjectNode existingObject && patchElement.get(mergeKey).equals(existingObject.get(mergeKey))) {
                    match = existingObject;
                    break;
                }
            }
            if (match == null) {
                target.add(patchElement.deepCopy());
            } else {
                mergeObject(match, patchElement, kind, path);
            }
        }
    }

    /** The merge key of a list in a built-in kind, or null where the list is replaced. */
    static String mergeKey(String kind, List<String> parentPath, String field) {
        if (kind == null) {
            return null;
        }
        return switch (field) {
            case "containers", "initContainers", "env", "volumes" -> "name";
            case "volumeMounts" -> "mountPath";
            case "topologySpreadConstraints" -> "topologyKey";
            case "ports" -> parentPath.contains("containers") || parentPath.contains("initContainers")
                    ? "containerPort"
                    : kind.equals("Service") ? "port" : null;
            default -> null;
        };
    }

    private static List<String> append(List<String> path, String key) {
        List<String> out = new ArrayList<>(path);
        out.add(key);
        return out;
    }
}
