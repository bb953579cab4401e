package io.flowwatch.deploy.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of Kustomize that deploy/k8s uses, implemented here so that the manifests can be rendered and
 * checked on any machine with a JDK. Where a real {@code kustomize} or {@code kubectl kustomize} is present,
 * {@code RealKustomizeTest} proves that both render the same objects.
 *
 * <p>Supported kustomization fields: {@code resources} (files and directories with their own kustomization),
 * {@code namespace}, {@code labels} (with {@code includeSelectors: false}: metadata labels only),
 * {@code images} ({@code name}, {@code newName}, {@code newTag}, {@code digest}), {@code replicas} and
 * {@code patches} (a file holding one strategic-merge patch, optionally with a {@code target} by kind and name;
 * see {@link StrategicMerge}). Anything else is refused, so that an overlay cannot drift out of the subset
 * unnoticed. Transformers run in Kustomize's own order: patches, namespace, labels, replicas, images.
 */
public final class SubsetKustomize implements Renderer {

    static final Set<String> SUPPORTED_FIELDS =
            Set.of("apiVersion", "kind", "resources", "namespace", "labels", "images", "replicas", "patches");

    /** Kinds that have no namespace (those a namespace transformer leaves alone). */
    static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService", "RuntimeClass");

    private static final Set<String> SCALABLE = Set.of("Deployment", "StatefulSet", "ReplicaSet", "ReplicationController");

    @Override
    public String name() {
        return "built-in Kustomize subset (deploy/validation)";
    }

    @Override
    public List<ObjectNode> render(Path dir) {
        return render(dir.toAbsolutePath().normalize(), new HashSet<>());
    }

    private List<ObjectNode> render(Path dir, Set<Path> visiting) {
        if (!visiting.add(dir)) {
            throw new InvalidManifestException("kustomization cycle through " + dir);
        }
        Path file = kustomizationFile(dir);
        ObjectNode kustomization = Yaml.readOne(file);
        for (Iterator<String> it = kustomization.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!SUPPORTED_FIELDS.contains(field)) {
                throw new InvalidManifestException(file + ": field '" + field
                        + "' is outside the Kustomize subset that deploy/validation renders (supported: "
                        + SUPPORTED_FIELDS + ")");
            }
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode resource : array(kustomization, "resources", file)) {
            Path path = dir.resolve(text(resource, "resources[]", file)).normalize();
            if (Files.isDirectory(path)) {
                objects.addAll(render(path, visiting));
            } else if (Files.isRegularFile(path)) {
                objects.addAll(Yaml.readAll(path));
            } else {
                throw new InvalidManifestException(file + ": resource " + path + " does not exist");
            }
        }
        rejectDuplicates(objects, file);
        applyPatches(kustomization, objects, dir, file);
        applyNamespace(kustomization, objects, file);
        applyLabels(kustomization, objects, file);
        applyReplicas(kustomization, objects, file);
        applyImages(kustomization, objects, file);
        visiting.remove(dir);
        return objects;
    }

    static Path kustomizationFile(Path dir) {
        for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new InvalidManifestException("no kustomization.yaml in " + dir);
    }

    private static void rejectDuplicates(List<ObjectNode> objects, Path file) {
        Set<String> ids = new HashSet<>();
        for (ObjectNode object : objects) {
            String id = id(object);
            if (!ids.add(id)) {
                throw new InvalidManifestException(file + ": resource " + id + " is added twice");
            }
        }
    }

    // --- patches -------------------------------------------------------------------------------------

    private static void applyPatches(ObjectNode kustomization, List<ObjectNode> objects, Path dir, Path file) {
        for (JsonNode entry : array(kustomization, "patches", file)) {
            if (!(entry instanceof ObjectNode patchEntry)) {
                throw new InvalidManifestException(file + ": patches[] entries must be mappings");
            }
            onlyFields(patchEntry, Set.of("path", "target"), "patches[]", file);
            Path patchFile = dir.resolve(text(patchEntry.get("path"), "patches[].path", file)).normalize();
            ObjectNode patch = Yaml.readOne(patchFile);
            List<ObjectNode> targets = new ArrayList<>();
            if (patchEntry.has("target")) {
                JsonNode target = patchEntry.get("target");
                if (!(target instanceof ObjectNode targetNode)) {
                    throw new InvalidManifestException(file + ": patches[].target must be a mapping");
                }
                onlyFields(targetNode, Set.of("kind", "name"), "patches[].target", file);
                String kind = text(targetNode.get("kind"), "patches[].target.kind", file);
                String name = targetNode.has("name") ? text(targetNode.get("name"), "patches[].target.name", file) : null;
                for (ObjectNode object : objects) {
                    if (kind.equals(object.path("kind").asText())
                            && (name == null || name.equals(object.path("metadata").path("name").asText()))) {
                        targets.add(object);
                    }
                }
            } else {
                String kind = patch.path("kind").asText();
                String name = patch.path("metadata").path("name").asText();
                String group = group(patch.path("apiVersion").asText());
                for (ObjectNode object : objects) {
                    if (kind.equals(object.path("kind").asText())
                            && name.equals(object.path("metadata").path("name").asText())
                            && group.equals(group(object.path("apiVersion").asText()))) {
                        targets.add(object);
                    }
                }
            }
            if (targets.isEmpty()) {
                throw new InvalidManifestException(file + ": patch " + patchFile.getFileName() + " matches no resource");
            }
            for (ObjectNode target : targets) {
                if (StrategicMerge.isDelete(patch)) {
                    objects.remove(target);
                } else {
                    ObjectNode body = patch.deepCopy();
                    if (patchEntry.has("target")) {
                        // With a target, the patch's own name is a placeholder: keep the target's identity.
                        body.remove("metadata");
                        if (patch.has("metadata")) {
                            ObjectNode metadata = ((ObjectNode) patch.get("metadata")).deepCopy();
                            metadata.remove("name");
                            body.set("metadata", metadata);
                        }
                    }
                    StrategicMerge.merge(target, body, target.path("kind").asText());
                }
            }
        }
    }

    // --- namespace, labels, replicas, images -------------------------------------------------------

    private static void applyNamespace(ObjectNode kustomization, List<ObjectNode> objects, Path file) {
        if (!kustomization.has("namespace")) {
            return;
        }
        String namespace = text(kustomization.get("namespace"), "namespace", file);
        for (ObjectNode object : objects) {
            if (!CLUSTER_SCOPED.contains(object.path("kind").asText())) {
                metadata(object).put("namespace", namespace);
            }
        }
    }

    private static void applyLabels(ObjectNode kustomization, List<ObjectNode> objects, Path file) {
        for (JsonNode entry : array(kustomization, "labels", file)) {
            if (!(entry instanceof ObjectNode labels)) {
                throw new InvalidManifestException(file + ": labels[] entries must be mappings");
            }
            onlyFields(labels, Set.of("pairs", "includeSelectors"), "labels[]", file);
            if (labels.path("includeSelectors").asBoolean(false)) {
                throw new InvalidManifestException(file + ": labels with includeSelectors: true are outside the subset"
                        + " (selectors are immutable: keep them explicit in the manifests)");
            }
            JsonNode pairs = labels.get("pairs");
            if (!(pairs instanceof ObjectNode pairsNode)) {
                throw new InvalidManifestException(file + ": labels[].pairs must be a mapping");
            }
            for (ObjectNode object : objects) {
                ObjectNode metadata = metadata(object);
                ObjectNode target = metadata.has("labels") ? (ObjectNode) metadata.get("labels") : metadata.putObject("labels");
                pairsNode.fields().forEachRemaining(pair -> target.set(pair.getKey(), TextNode.valueOf(pair.getValue().asText())));
            }
        }
    }

    private static void applyReplicas(ObjectNode kustomization, List<ObjectNode> objects, Path file) {
        for (JsonNode entry : array(kustomization, "replicas", file)) {
            if (!(entry instanceof ObjectNode replicas)) {
                throw new InvalidManifestException(file + ": replicas[] entries must be mappings");
            }
            onlyFields(replicas, Set.of("name", "count"), "replicas[]", file);
            String name = text(replicas.get("name"), "replicas[].name", file);
            JsonNode count = replicas.get("count");
            if (count == null || !count.isInt()) {
                throw new InvalidManifestException(file + ": replicas[].count must be an integer");
            }
            boolean matched = false;
            for (ObjectNode object : objects) {
                if (SCALABLE.contains(object.path("kind").asText()) && name.equals(object.path("metadata").path("name").asText())) {
                    spec(object).put("replicas", count.asInt());
                    matched = true;
                }
            }
            if (!matched) {
                throw new InvalidManifestException(file + ": replicas for '" + name + "' match no workload");
            }
        }
    }

    private static void applyImages(ObjectNode kustomization, List<ObjectNode> objects, Path file) {
        List<ObjectNode> images = new ArrayList<>();
        for (JsonNode entry : array(kustomization, "images", file)) {
            if (!(entry instanceof ObjectNode image)) {
                throw new InvalidManifestException(file + ": images[] entries must be mappings");
            }
            onlyFields(image, Set.of("name", "newName", "newTag", "digest"), "images[]", file);
            text(image.get("name"), "images[].name", file);
            images.add(image);
        }
        if (images.isEmpty()) {
            return;
        }
        for (ObjectNode object : objects) {
            rewriteImages(object, images);
        }
    }

    /** Like Kustomize's image transformer: every container list anywhere in the object. */
    private static void rewriteImages(JsonNode node, List<ObjectNode> images) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if ((field.getKey().equals("containers") || field.getKey().equals("initContainers"))
                        && field.getValue() instanceof ArrayNode containers) {
                    for (JsonNode container : containers) {
                        if (container instanceof ObjectNode c && c.path("image").isTextual()) {
                            c.put("image", rewrite(c.get("image").asText(), images));
                        }
                    }
                }
                rewriteImages(field.getValue(), images);
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(element -> rewriteImages(element, images));
        }
    }

    static String rewrite(String image, List<ObjectNode> images) {
        ImageRef ref = ImageRef.parse(image);
        for (ObjectNode entry : images) {
            if (!entry.get("name").asText().equals(ref.name())) {
                continue;
            }
            String name = entry.has("newName") ? entry.get("newName").asText() : ref.name();
            String tag = ref.tag();
            String digest = ref.digest();
            if (entry.has("newTag")) {
                tag = entry.get("newTag").asText();
                digest = null;
            }
            if (entry.has("digest")) {
                digest = entry.get("digest").asText();
                tag = null;
            }
            return new ImageRef(name, tag, digest).toString();
        }
        return image;
    }

    // --- helpers -------------------------------------------------------------------------------------

    static String id(JsonNode object) {
        return group(object.path("apiVersion").asText()) + "/" + object.path("kind").asText() + "/"
                + object.path("metadata").path("namespace").asText("") + "/" + object.path("metadata").path("name").asText();
    }

    static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    private static ObjectNode metadata(ObjectNode object) {
        return object.has("metadata") ? (ObjectNode) object.get("metadata") : object.putObject("metadata");
    }

    private static ObjectNode spec(ObjectNode object) {
        return object.has("spec") ? (ObjectNode) object.get("spec") : object.putObject("spec");
    }

    private static List<JsonNode> array(ObjectNode node, String field, Path file) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new InvalidManifestException(file + ": '" + field + "' must be a list");
        }
        List<JsonNode> out = new ArrayList<>();
        value.forEach(out::add);
        return out;
    }

    private static String text(JsonNode node, String what, Path file) {
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            throw new InvalidManifestException(file + ": " + what + " must be a non-empty string");
        }
        return node.asText();
    }

    private static void onlyFields(ObjectNode node, Set<String> allowed, String what, Path file) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                throw new InvalidManifestException(file + ": " + what + "." + field
                        + " is outside the Kustomize subset that deploy/validation renders (supported: " + allowed + ")");
            }
        }
    }

    /** Objects by id, for comparisons that ignore order. */
    public static Map<String, ObjectNode> byId(List<ObjectNode> objects) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        for (ObjectNode object : objects) {
            if (out.put(id(object), object) != null) {
                throw new InvalidManifestException("resource " + id(object) + " rendered twice");
            }
        }
        return out;
    }
}
