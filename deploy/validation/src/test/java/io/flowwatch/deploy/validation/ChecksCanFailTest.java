package io.flowwatch.deploy.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every check, made to fire: each case breaks one thing in a freshly rendered overlay (which passes every check
 * as it is: see {@link OverlaysTest}) and expects that check to report it.
 */
class ChecksCanFailTest {

    /** One deliberate mistake in an overlay and the check that must catch it. */
    record Case(String name, String overlay, String check, Consumer<Mutation> breakIt) {
    }

    /** The rendered objects and the external-secrets list of one overlay, ready to be broken. */
    record Mutation(List<ObjectNode> objects, Map<String, Set<String>> secrets) {

        ObjectNode find(String kind, String name) {
            return Project.find(objects, kind, name);
        }

        ObjectNode container(String deployment) {
            return (ObjectNode) find("Deployment", deployment).at("/spec/template/spec/containers/0");
        }

        ObjectNode podSpec(String kind, String name) {
            return (ObjectNode) find(kind, name).at("/spec/template/spec");
        }

        void remove(String kind, String name) {
            objects.remove(find(kind, name));
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("an unknown field in a container", "dev", "parse",
                        m -> m.container("gateway").put("imagePullPolicyy", "Always")),
                new Case("an unknown field deep in a probe", "prod", "parse",
                        m -> ((ObjectNode) m.container("ingest-service").at("/readinessProbe/httpGet")).put("paht", "/q/health")),
                new Case("an integer where Kubernetes wants a string (ConfigMap value)", "dev", "parse",
                        m -> ((ObjectNode) m.find("ConfigMap", "flowwatch-infra").get("data")).put("FLOWWATCH_PG_PORT", 5432)),
                new Case("a string where Kubernetes wants an integer", "dev", "parse",
                        m -> ((ObjectNode) m.container("gateway").at("/ports/0")).put("containerPort", "8080")),
                new Case("a malformed quantity", "dev", "parse",
                        m -> ((ObjectNode) m.container("gateway").at("/resources/limits")).put("memory", "768 MB")),
                new Case("an unknown spec key in the RabbitmqCluster", "prod", "parse",
                        m -> ((ObjectNode) m.find("RabbitmqCluster", "rabbitmq").get("spec")).put("replica", 3)),
                new Case("an unknown spec key in the CloudNativePG Cluster", "prod", "parse",
                        m -> ((ObjectNode) m.find("Cluster", "flowwatch-pg").get("spec")).putObject("backups")),
                new Case("an unknown kind", "dev", "parse",
                        m -> m.find("ConfigMap", "flowwatch-infra").put("kind", "ConfigMapp")),
                new Case("the same object twice", "dev", "duplicate",
                        m -> m.objects().add(m.find("ConfigMap", "flowwatch-infra").deepCopy())),
                new Case("an object outside the overlay's namespace", "prod", "namespace",
                        m -> ((ObjectNode) m.find("Service", "gateway").get("metadata")).put("namespace", "default")),
                new Case("an object without the part-of label", "dev", "labels",
                        m -> ((ObjectNode) m.find("Service", "gateway").at("/metadata/labels")).remove("app.kubernetes.io/part-of")),
                new Case("the version label in a Deployment's selector", "prod", "selector-version", m -> {
                    ((ObjectNode) m.find("Deployment", "gateway").at("/spec/selector/matchLabels")).put(ManifestValidator.VERSION_LABEL, "0.1.0");
                    ((ObjectNode) m.find("Deployment", "gateway").at("/spec/template/metadata/labels")).put(ManifestValidator.VERSION_LABEL, "0.1.0");
                }),
                new Case("the version label in a Service's selector", "dev", "selector-version", m -> {
                    ((ObjectNode) m.find("Service", "gateway").at("/spec/selector")).put(ManifestValidator.VERSION_LABEL, "0.1.0");
                    ((ObjectNode) m.find("Deployment", "gateway").at("/spec/template/metadata/labels")).put(ManifestValidator.VERSION_LABEL, "0.1.0");
                }),
                new Case("a Deployment selector that misses its own pods", "dev", "workload-selector",
                        m -> ((ObjectNode) m.find("Deployment", "alert-service").at("/spec/selector/matchLabels"))
                                .put("app.kubernetes.io/name", "alert")),
                new Case("a Service selector that matches no pods", "dev", "service-selector",
                        m -> ((ObjectNode) m.find("Service", "ingest-service").at("/spec/selector")).put("app.kubernetes.io/name", "ingest")),
                new Case("a Service targetPort that no container declares", "prod", "service-port",
                        m -> ((ObjectNode) m.find("Service", "analytics-service").at("/spec/ports/0")).put("targetPort", "web")),
                new Case("a Service targetPort number that no container declares", "dev", "service-port",
                        m -> ((ObjectNode) m.find("Service", "postgres").at("/spec/ports/0")).put("targetPort", 5433)),
                new Case("a probe on an undeclared port", "dev", "probe-port",
                        m -> ((ObjectNode) m.container("alert-service").at("/livenessProbe/httpGet")).put("port", 9000)),
                new Case("a container without a readiness probe", "prod", "probe-port",
                        m -> m.container("gateway").remove("readinessProbe")),
                new Case("a reference to a ConfigMap that is not rendered", "dev", "config-ref",
                        m -> m.remove("ConfigMap", "flowwatch-infra")),
                new Case("a reference to a missing key of a ConfigMap", "dev", "config-ref",
                        m -> ((ObjectNode) m.podSpec("StatefulSet", "rabbitmq").at("/volumes/0/configMap")).putArray("items")
                                .addObject().put("key", "rabbitmq.conf").put("path", "rabbitmq.conf")),
                new Case("a reference to a Secret neither rendered nor documented", "dev", "config-ref",
                        m -> m.secrets().remove("flowwatch-rabbitmq")),
                new Case("a reference to an undocumented key of a Secret", "prod", "config-ref",
                        m -> ((ObjectNode) m.container("gateway").at("/env/1/valueFrom/secretKeyRef")).put("key", "pasword")),
                new Case("a documented Secret that nothing references", "prod", "secret-list",
                        m -> m.secrets().put("flowwatch-old", Set.of("password"))),
                new Case("a CloudNativePG backup credential from an undocumented Secret", "prod", "config-ref",
                        m -> ((ObjectNode) m.find("Cluster", "flowwatch-pg").at("/spec/backup/barmanObjectStore/s3Credentials/accessKeyId"))
                                .put("name", "s3-creds")),
                new Case("a container without limits", "dev", "resources",
                        m -> ((ObjectNode) m.container("analytics-service").get("resources")).remove("limits")),
                new Case("a request above its limit", "dev", "resources",
                        m -> ((ObjectNode) m.container("analytics-service").at("/resources/requests")).put("memory", "2Gi")),
                new Case("the RabbitmqCluster without resources", "prod", "resources",
                        m -> ((ObjectNode) m.find("RabbitmqCluster", "rabbitmq").get("spec")).remove("resources")),
                new Case("a privileged container", "dev", "security",
                        m -> ((ObjectNode) m.container("gateway").get("securityContext")).put("privileged", true)),
                new Case("a container that may run as root", "dev", "security", m -> {
                    ((ObjectNode) m.container("gateway").get("securityContext")).remove("runAsNonRoot");
                    ((ObjectNode) m.podSpec("Deployment", "gateway").get("securityContext")).remove("runAsNonRoot");
                }),
                new Case("a writable root filesystem", "prod", "security",
                        m -> ((ObjectNode) m.container("ingest-service").get("securityContext")).put("readOnlyRootFilesystem", false)),
                new Case("a read-only root filesystem without /tmp", "dev", "security",
                        m -> ((ArrayNode) m.container("ingest-service").get("volumeMounts")).removeAll()),
                new Case("capabilities not dropped", "dev", "security",
                        m -> ((ObjectNode) m.find("StatefulSet", "postgres").at("/spec/template/spec/containers/0/securityContext")).remove("capabilities")),
                new Case("no seccomp profile", "dev", "security",
                        m -> ((ObjectNode) m.podSpec("Deployment", "alert-service").get("securityContext")).remove("seccompProfile")),
                new Case("a committed Secret with a value", "dev", "secret-values",
                        m -> m.objects().add(secret("flowwatch-db", "flowwatch-dev"))),
                new Case("an HPA whose target does not exist", "prod", "hpa",
                        m -> ((ObjectNode) m.find("HorizontalPodAutoscaler", "gateway").at("/spec/scaleTargetRef")).put("name", "gateway-v2")),
                new Case("an HPA on a Deployment without CPU requests", "prod", "hpa",
                        m -> ((ObjectNode) m.container("gateway").at("/resources/requests")).remove("cpu")),
                new Case("a PDB that selects no pods", "dev", "pdb",
                        m -> ((ObjectNode) m.find("PodDisruptionBudget", "gateway").at("/spec/selector/matchLabels"))
                                .put("app.kubernetes.io/name", "gw")),
                new Case("a PDB with both minAvailable and maxUnavailable", "prod", "pdb",
                        m -> ((ObjectNode) m.find("PodDisruptionBudget", "gateway").get("spec")).put("minAvailable", 1)),
                new Case("a NetworkPolicy that selects no pods", "prod", "network-policy",
                        m -> ((ObjectNode) m.find("NetworkPolicy", "gateway-ingress").at("/spec/podSelector/matchLabels"))
                                .put("app.kubernetes.io/name", "api-gateway")),
                new Case("a NetworkPolicy that selects the database pods by a label CloudNativePG overrides", "prod",
                        "network-policy", m -> {
                            ObjectNode labels = (ObjectNode) m.find("Cluster", "flowwatch-pg").at("/spec/inheritedMetadata/labels");
                            labels.remove("flowwatch.io/datastore");
                            labels.put("app.kubernetes.io/name", "postgres");
                            ((ObjectNode) m.find("NetworkPolicy", "postgres-ingress").at("/spec/podSelector/matchLabels"))
                                    .removeAll().put("app.kubernetes.io/name", "postgres");
                        }),
                new Case("a NetworkPolicy peer that selects no pods", "dev", "network-policy",
                        m -> ((ObjectNode) m.find("NetworkPolicy", "backends-ingress").at("/spec/ingress/0/from/0/podSelector/matchLabels"))
                                .put("app.kubernetes.io/name", "gateway-v2")),
                new Case("a NetworkPolicy on a port name no pod declares", "dev", "network-policy",
                        m -> ((ObjectNode) m.find("NetworkPolicy", "gateway-ingress").at("/spec/ingress/0/ports/0")).put("port", "https")),
                new Case("an Ingress to a backend Service", "dev", "ingress",
                        m -> ((ObjectNode) m.find("Ingress", "gateway").at("/spec/rules/0/http/paths/0/backend/service"))
                                .put("name", "ingest-service")),
                new Case("an Ingress to a port the gateway Service lacks", "prod", "ingress",
                        m -> ((ObjectNode) m.find("Ingress", "gateway").at("/spec/rules/0/http/paths/0/backend/service/port"))
                                .put("name", "https")),
                new Case("an image without a tag", "dev", "image",
                        m -> ((ObjectNode) m.find("StatefulSet", "rabbitmq").at("/spec/template/spec/containers/0"))
                                .put("image", "rabbitmq")),
                new Case("an image tagged latest", "prod", "image",
                        m -> m.container("gateway").put("image", "registry.example.com/flowwatch/gateway:latest")),
                new Case("an unpinned CloudNativePG image", "prod", "image",
                        m -> ((ObjectNode) m.find("Cluster", "flowwatch-pg").get("spec")).put("imageName", "ghcr.io/cloudnative-pg/postgresql")),
                new Case("one service's image from another tag", "prod", "app-images",
                        m -> m.container("alert-service").put("image", "registry.example.com/flowwatch/alert-service:0.2.0")),
                new Case("a missing ServiceAccount", "dev", "service-account",
                        m -> m.remove("ServiceAccount", "analytics-service")),
                new Case("a StatefulSet governed by a missing Service", "dev", "statefulset",
                        m -> ((ObjectNode) m.find("StatefulSet", "rabbitmq").get("spec")).put("serviceName", "rabbitmq-headless")),
                new Case("a volumeMount without its volume", "dev", "volumes",
                        m -> ((ArrayNode) m.container("gateway").get("volumeMounts")).addObject().put("name", "cache").put("mountPath", "/cache")),
                new Case("a spread constraint that selects other pods", "prod", "topology-spread",
                        m -> ((ObjectNode) m.podSpec("Deployment", "gateway").at("/topologySpreadConstraints/0/labelSelector/matchLabels"))
                                .put("app.kubernetes.io/name", "ingest-service")));
    }

    @TestFactory
    Stream<DynamicTest> everyCheckFires() {
        Map<String, List<ObjectNode>> rendered = new LinkedHashMap<>();
        Project.OVERLAYS.forEach(overlay -> rendered.put(overlay, Project.render(overlay)));
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.overlay() + ": " + c.name() + " → " + c.check(), () -> {
            List<ObjectNode> objects = new ArrayList<>();
            rendered.get(c.overlay()).forEach(o -> objects.add(o.deepCopy()));
            Map<String, Set<String>> secrets = new LinkedHashMap<>(Project.externalSecrets().forOverlay(c.overlay()));
            c.breakIt().accept(new Mutation(objects, secrets));
            ManifestValidator.Options options = new ManifestValidator.Options(Project.namespace(c.overlay()), secrets,
                    Project.PUBLIC_SERVICE);
            List<Finding> findings = new ManifestValidator().validate(objects, options);
            assertTrue(ManifestValidator.checks(findings).contains(c.check()), () -> "expected a '" + c.check()
                    + "' finding, got:\n" + findings.stream().map(Finding::toString).collect(Collectors.joining("\n")));
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyCheckIsExercised() {
        Set<String> exercised = cases().stream().map(Case::check).collect(Collectors.toSet());
        return Stream.of("parse", "duplicate", "namespace", "labels", "selector-version", "workload-selector",
                "service-selector", "service-port", "probe-port", "config-ref", "secret-list", "resources", "security",
                "secret-values", "hpa", "pdb", "network-policy", "ingress", "image", "app-images", "service-account",
                "statefulset", "volumes", "topology-spread").map(check -> DynamicTest.dynamicTest(check,
                        () -> assertTrue(exercised.contains(check), check + " has no case that makes it fire")));
    }

    private static ObjectNode secret(String name, String namespace) {
        ObjectNode secret = Yaml.readAll("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: %s
                  namespace: %s
                  labels:
                    app.kubernetes.io/part-of: flowwatch
                    app.kubernetes.io/managed-by: kustomize
                type: kubernetes.io/basic-auth
                stringData:
                  username: flowwatch
                  password: hunter2
                """.formatted(name, namespace), "secret").get(0);
        assertEquals(TextNode.valueOf("hunter2"), secret.at("/stringData/password"));
        return secret;
    }
}
