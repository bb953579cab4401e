package io.flowwatch.deploy.validation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parses each rendered object into fabric8's typed kubernetes-model, strictly:
 * <ul>
 * <li>a value of the wrong type fails (Jackson's scalar coercions are off: {@code "2"} is not an integer and
 * {@code 8080} is not a string, as the API server sees it);</li>
 * <li>a field the model does not know fails: fabric8 keeps such fields in {@code additionalProperties}, so
 * every object and nested object is walked and each non-empty {@code additionalProperties} reported;</li>
 * <li>every {@link Quantity} must parse;</li>
 * <li>a kind fabric8 does not know fails, except the custom resources listed in {@link #CUSTOM_RESOURCES},
 * which are read as {@link GenericKubernetesResource} and checked against a hand-written list of the
 * top-level {@code spec} keys we use (each checked against the operator's own CRD).</li>
 * </ul>
 */
public final class StrictModel {

    /** apiVersion/kind → the spec keys we allow (a subset of the operator's CRD schema). */
    public static final Map<String, Set<String>> CUSTOM_RESOURCES = Map.of(
            // RabbitMQ Cluster Operator, RabbitmqCluster (rabbitmq.com/v1beta1).
            "rabbitmq.com/v1beta1/RabbitmqCluster", Set.of("replicas", "image", "imagePullSecrets", "service",
                    "persistence", "resources", "affinity", "tolerations", "rabbitmq", "tls", "override",
                    "skipPostDeploySteps", "terminationGracePeriodSeconds", "delayStartSeconds", "secretBackend",
                    "autoEnableAllFeatureFlags"),
            // CloudNativePG, Cluster (postgresql.cnpg.io/v1).
            "postgresql.cnpg.io/v1/Cluster", Set.of("description", "instances", "imageName", "imagePullPolicy",
                    "primaryUpdateStrategy", "primaryUpdateMethod", "inheritedMetadata", "storage", "walStorage",
                    "resources", "affinity", "topologySpreadConstraints", "postgresql", "bootstrap", "backup",
                    "monitoring", "enableSuperuserAccess", "superuserSecret", "minSyncReplicas", "maxSyncReplicas",
                    "startDelay", "stopDelay", "switchoverDelay", "failoverDelay", "managed", "env", "envFrom"),
            // CloudNativePG, ScheduledBackup (postgresql.cnpg.io/v1).
            "postgresql.cnpg.io/v1/ScheduledBackup", Set.of("schedule", "cluster", "immediate", "suspend",
                    "backupOwnerReference", "method", "target", "online"));

    private final KubernetesSerialization serialization;
    private final ObjectMapper mapper;
    private final Map<Class<?>, List<BeanPropertyDefinition>> properties = new ConcurrentHashMap<>();

    public StrictModel() {
        mapper = JsonMapper.builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .build();
        // A number or boolean where the API expects a string (an env value, a ConfigMap value, a label) is
        // rejected by the API server; Jackson would quietly turn it into text.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        serialization = new KubernetesSerialization(mapper, true);
        // Only OpenShift templates may hold mismatched field types (placeholders); nothing of ours is one.
        serialization.getUnmatchedFieldTypeModule().setRestrictToTemplates(true);
        serialization.getUnmatchedFieldTypeModule().setLogWarnings(false);
    }

    /** The outcome for one object: the typed model (null when it could not be read) and what was wrong. */
    public record Parsed(ObjectNode raw, KubernetesResource model, List<String> problems) {

        public String kind() {
            return raw.path("kind").asText();
        }

        public String name() {
            return raw.path("metadata").path("name").asText();
        }

        public String namespace() {
            return raw.path("metadata").path("namespace").asText(null);
        }

        public String ref() {
            return kind() + "/" + name();
        }
    }

    public Parsed parse(ObjectNode raw) {
        List<String> problems = new ArrayList<>();
        String apiVersion = raw.path("apiVersion").asText("");
        String kind = raw.path("kind").asText("");
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            problems.add("apiVersion and kind are required");
            return new Parsed(raw, null, problems);
        }
        if (!raw.path("metadata").path("name").isTextual()) {
            problems.add("metadata.name is required");
        }
        Class<? extends KubernetesResource> type = serialization.getRegisteredKubernetesResource(apiVersion, kind);
        Set<String> allowedSpec = CUSTOM_RESOURCES.get(apiVersion + "/" + kind);
        if (type == null && allowedSpec == null) {
            problems.add("unknown kind " + apiVersion + "/" + kind + " (not in fabric8's model, nor one of the accepted "
                    + "custom resources " + CUSTOM_RESOURCES.keySet() + ")");
            return new Parsed(raw, null, problems);
        }
        KubernetesResource model;
        try {
            Class<? extends KubernetesResource> target = type != null ? type : GenericKubernetesResource.class;
            model = serialization.convertValue(raw, target);
        } catch (IllegalArgumentException e) {
            problems.add(describe(e));
            return new Parsed(raw, null, problems);
        }
        if (model instanceof GenericKubernetesResource generic) {
            checkCustomResource(generic, raw, allowedSpec, problems);
        } else {
            walk(model, "", problems);
            scalarTypes(raw, mapper.valueToTree(model), "", problems);
        }
        return new Parsed(raw, model, problems);
    }

    private void checkCustomResource(GenericKubernetesResource generic, ObjectNode raw, Set<String> allowedSpec,
            List<String> problems) {
        for (Iterator<String> it = raw.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!Set.of("apiVersion", "kind", "metadata", "spec").contains(field)) {
                problems.add(field + ": unknown field (a custom resource has apiVersion, kind, metadata and spec)");
            }
        }
        ObjectMeta metadata = generic.getMetadata();
        walk(metadata, "metadata", problems);
        if (!raw.path("spec").isObject()) {
            problems.add("spec: missing or not a mapping");
            return;
        }
        for (Iterator<String> it = raw.get("spec").fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowedSpec.contains(key)) {
                problems.add("spec." + key + ": unknown field (allowed for " + raw.path("kind").asText() + ": "
                        + new java.util.TreeSet<>(allowedSpec) + ")");
            }
        }
    }

    private static String describe(IllegalArgumentException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (cause instanceof JsonMappingException mapping) {
            String path = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .reduce("", String::concat);
            return (path.startsWith(".") ? path.substring(1) : path) + ": wrong type: " + mapping.getOriginalMessage();
        }
        return "cannot be read: " + cause.getMessage();
    }

    /**
     * fabric8's model reads a quoted number into an integer field (for its templates); the API server does not.
     * So the object, written back out, must keep each scalar's JSON type: a string in the manifest that comes
     * back as a number or boolean is reported. (A number that comes back as a string is a quantity: fine.)
     */
    private static void scalarTypes(JsonNode raw, JsonNode written, String path, List<String> problems) {
        if (raw == null || written == null) {
            return;
        }
        if (raw.isObject() && written.isObject()) {
            raw.fields().forEachRemaining(field ->
                    scalarTypes(field.getValue(), written.get(field.getKey()), join(path, field.getKey()), problems));
        } else if (raw.isArray() && written.isArray()) {
            for (int i = 0; i < raw.size() && i < written.size(); i++) {
                scalarTypes(raw.get(i), written.get(i), path + "[" + i + "]", problems);
            }
        } else if (raw.isValueNode() && written.isValueNode() && !raw.isNull() && !written.isNull()) {
            boolean rawText = raw.isTextual();
            if ((rawText && !written.isTextual()) || (raw.isBoolean() != written.isBoolean() && !written.isTextual())
                    || (raw.isNumber() && written.isBoolean())) {
                problems.add(path + ": wrong type: " + kind(raw) + " " + raw + " where the API expects " + kind(written));
            }
        }
    }

    private static String kind(JsonNode node) {
        return node.isTextual() ? "a string" : node.isBoolean() ? "a boolean" : node.isNumber() ? "a number" : node.getNodeType().toString();
    }

    /** Reports every non-empty additionalProperties (an unknown field) and every malformed quantity. */
    private void walk(Object value, String path, List<String> problems) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, element) -> walk(element, path + "." + key, problems));
            return;
        }
        if (value instanceof Collection<?> collection) {
            int index = 0;
            for (Object element : collection) {
                walk(element, path + "[" + index++ + "]", problems);
            }
            return;
        }
        Class<?> type = value.getClass();
        if (!type.getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        Map<String, Object> additional = additionalProperties(value);
        if (additional != null) {
            for (String key : additional.keySet()) {
                problems.add(join(path, key) + ": unknown field");
            }
        }
        if (value instanceof Quantity quantity) {
            try {
                quantity.getNumericalAmount();
            } catch (RuntimeException e) {
                problems.add(path.substring(path.isEmpty() ? 0 : 1) + ": not a quantity: " + quantity);
            }
            return;
        }
        for (BeanPropertyDefinition property : properties(type)) {
            AnnotatedMember accessor = property.getAccessor();
            if (accessor == null || property.getName().equals("additionalProperties")) {
                continue;
            }
            walk(accessor.getValue(value), path + "." + property.getName(), problems);
        }
    }

    private List<BeanPropertyDefinition> properties(Class<?> type) {
        return properties.computeIfAbsent(type, t -> {
            JavaType javaType = mapper.constructType(t);
            return mapper.getSerializationConfig().introspect(javaType).findProperties();
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> additionalProperties(Object value) {
        try {
            Method getter = value.getClass().getMethod("getAdditionalProperties");
            return (Map<String, Object>) getter.invoke(value);
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String join(String path, String key) {
        String full = path + "." + key;
        return full.startsWith(".") ? full.substring(1) : full;
    }

    /** The serialization this parser uses (for tests and for reading models back). */
    public KubernetesSerialization serialization() {
        return serialization;
    }
}
