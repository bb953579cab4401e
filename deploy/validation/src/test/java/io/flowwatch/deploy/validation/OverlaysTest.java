package io.flowwatch.deploy.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both overlays, rendered and checked: what CI relies on. */
class OverlaysTest {

    /** Read by the image's run-java.sh (JAVA_*), or Quarkus settings left at their defaults in the properties. */
    private static final Set<String> RUNTIME_VARIABLES = Set.of("JAVA_MAX_MEM_RATIO", "QUARKUS_HTTP_HOST");

    private static final Set<String> DATABASES =
            Set.of("flowwatch_ingest", "flowwatch_analytics", "flowwatch_alert", "flowwatch_gateway");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void overlayPassesEveryCheck(String overlay) {
        List<ObjectNode> objects = Project.render(overlay);
        List<Finding> findings = new ManifestValidator().validate(objects, Project.options(overlay));
        assertEquals(List.of(), findings, () -> overlay + ":\n" + findings.stream().map(Finding::toString)
                .collect(Collectors.joining("\n")));
        System.out.printf("overlay %s: %d objects valid (%s)%n", overlay, objects.size(),
                objects.stream().map(o -> o.path("kind").asText()).collect(Collectors.groupingBy(k -> k, java.util.TreeMap::new,
                        Collectors.counting())));
    }

    @Test
    void devRunsOneReplicaOfEachServiceWithItsOwnBrokerAndDatabase() {
        List<ObjectNode> dev = Project.render("dev");
        for (String service : Project.SERVICES) {
            assertEquals(1, Project.find(dev, "Deployment", service).path("spec").path("replicas").asInt(), service);
        }
        assertTrue(Project.all(dev, "HorizontalPodAutoscaler").isEmpty(), "dev has no autoscaling");
        assertEquals(4, Project.all(dev, "PodDisruptionBudget").size());
        for (String name : List.of("rabbitmq", "postgres")) {
            ObjectNode set = Project.find(dev, "StatefulSet", name);
            assertEquals(1, set.path("spec").path("replicas").asInt(), name);
            assertEquals("data", set.path("spec").path("volumeClaimTemplates").path(0).path("metadata").path("name").asText(), name);
        }
        assertTrue(image(dev, "StatefulSet", "rabbitmq").matches("rabbitmq:3\\.13\\.\\d+-management"), image(dev, "StatefulSet", "rabbitmq"));
        assertTrue(image(dev, "StatefulSet", "postgres").matches("postgres:15\\.\\d+"), image(dev, "StatefulSet", "postgres"));
        String initSql = Project.find(dev, "ConfigMap", "postgres-init").path("data").path("01-databases.sql").asText();
        assertEquals(DATABASES, created(initSql));
        assertEquals("postgres", Project.find(dev, "ConfigMap", "flowwatch-infra").path("data").path("FLOWWATCH_PG_HOST").asText());
    }

    @Test
    void prodRunsTwoOrMoreReplicasOnOperatorManagedClustersWithBackups() {
        List<ObjectNode> prod = Project.render("prod");
        for (String service : Project.SERVICES) {
            ObjectNode deployment = Project.find(prod, "Deployment", service);
            JsonNode replicas = deployment.path("spec").path("replicas");
            assertTrue(replicas.isMissingNode() || replicas.asInt() >= 2, service + ": replicas " + replicas);
            ObjectNode hpa = Project.find(prod, "HorizontalPodAutoscaler", service);
            assertEquals("autoscaling/v2", hpa.path("apiVersion").asText());
            assertTrue(hpa.path("spec").path("minReplicas").asInt() >= 2, service + ": HPA minReplicas");
            JsonNode spread = deployment.path("spec").path("template").path("spec").path("topologySpreadConstraints");
            Set<String> keys = new TreeSet<>();
            spread.forEach(c -> keys.add(c.path("topologyKey").asText()));
            assertEquals(Set.of("kubernetes.io/hostname", "topology.kubernetes.io/zone"), keys, service);
        }
        assertTrue(Project.all(prod, "StatefulSet").isEmpty(), "prod's broker and database are the operators' business");
        ObjectNode rabbit = Project.find(prod, "RabbitmqCluster", "rabbitmq");
        assertEquals("rabbitmq.com/v1beta1", rabbit.path("apiVersion").asText());
        assertEquals(3, rabbit.path("spec").path("replicas").asInt());
        assertEquals("flowwatch-rabbitmq", rabbit.path("spec").path("secretBackend").path("externalSecret").path("name").asText());
        ObjectNode pg = Project.find(prod, "Cluster", "flowwatch-pg");
        assertEquals("postgresql.cnpg.io/v1", pg.path("apiVersion").asText());
        assertEquals(3, pg.path("spec").path("instances").asInt());
        JsonNode store = pg.path("spec").path("backup").path("barmanObjectStore");
        assertTrue(store.path("destinationPath").asText().startsWith("s3://"), "backups go to an S3 bucket");
        assertEquals("flowwatch-backup-s3", store.path("s3Credentials").path("accessKeyId").path("name").asText());
        assertEquals("flowwatch-backup-s3", store.path("s3Credentials").path("secretAccessKey").path("name").asText());
        assertEquals("flowwatch-pg", Project.find(prod, "ScheduledBackup", "flowwatch-pg-daily").path("spec").path("cluster").path("name").asText());
        Set<String> databases = new TreeSet<>(Set.of(pg.path("spec").path("bootstrap").path("initdb").path("database").asText()));
        pg.path("spec").path("bootstrap").path("initdb").path("postInitApplicationSQL").forEach(sql -> databases.addAll(created(sql.asText())));
        assertEquals(DATABASES, databases);
        assertEquals("flowwatch-pg-rw", Project.find(prod, "ConfigMap", "flowwatch-infra").path("data").path("FLOWWATCH_PG_HOST").asText());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void onlyTheGatewayIsPublic(String overlay) {
        List<ObjectNode> objects = Project.render(overlay);
        List<ObjectNode> ingresses = Project.all(objects, "Ingress");
        assertEquals(1, ingresses.size());
        for (ObjectNode service : Project.all(objects, "Service")) {
            String type = service.path("spec").path("type").asText("ClusterIP");
            assertEquals("ClusterIP", type, service.path("metadata").path("name").asText());
        }
        ObjectNode gatewayConfig = Project.find(objects, "ConfigMap", "gateway-config");
        for (String backend : List.of("ingest", "analytics", "alert")) {
            String url = gatewayConfig.path("data").path("FLOWWATCH_" + backend.toUpperCase() + "_URL").asText();
            assertEquals("http://" + backend + "-service", url);
            ObjectNode service = Project.find(objects, "Service", backend + "-service");
            assertEquals(80, service.path("spec").path("ports").path(0).path("port").asInt());
        }
    }

    /** The manifests agree with each service's own configuration (where the service has one yet). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ingest-service", "analytics-service", "alert-service", "gateway"})
    void manifestsMatchTheServiceConfiguration(String service) throws Exception {
        Path file = Project.root().resolve(service).resolve("src/main/resources/application.properties");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(file), service + " has no application.properties yet");
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(file)));
        String text = Files.readString(file);
        for (String overlay : Project.OVERLAYS) {
            List<ObjectNode> objects = Project.render(overlay);
            ObjectNode deployment = Project.find(objects, "Deployment", service);
            JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").path(0);
            assertEquals(properties.getProperty("quarkus.http.port"), container.path("ports").path(0).path("containerPort").asText(),
                    overlay + ": containerPort = quarkus.http.port");
            assertEquals(properties.getProperty("quarkus.http.port"),
                    deployment.path("spec").path("template").path("metadata").path("annotations").path("prometheus.io/port").asText());
            assertTrue(DATABASES.contains(properties.getProperty("flowwatch.db.name")), properties.getProperty("flowwatch.db.name"));
            // Every environment variable the manifests set for this service is one its configuration reads.
            Set<String> variables = new TreeSet<>();
            Project.find(objects, "ConfigMap", "flowwatch-infra").path("data").fieldNames().forEachRemaining(variables::add);
            container.path("env").forEach(env -> variables.add(env.path("name").asText()));
            Project.find(objects, "ConfigMap", service + "-config").path("data").fieldNames().forEachRemaining(variables::add);
            // Keys of an external Secret given whole (envFrom) are variables too: its documented keys.
            container.path("envFrom").forEach(from -> {
                String secret = from.path("secretRef").path("name").asText(null);
                if (secret != null) {
                    variables.addAll(Project.externalSecrets().forOverlay(overlay).get(secret));
                }
            });
            // Logs go to the cluster's collector as JSON lines (the properties default to text for a terminal).
            assertEquals("true", Project.find(objects, "ConfigMap", service + "-config").path("data")
                    .path("FLOWWATCH_LOG_JSON").asText(), overlay + ": " + service + " logs JSON");
            variables.removeAll(RUNTIME_VARIABLES);
            for (String variable : variables) {
                boolean read = text.contains("${" + variable + ":") || text.contains("${" + variable + "}")
                        || relaxed(variable, properties);
                assertTrue(read, overlay + ": " + service + " does not read " + variable);
            }
        }
    }

    /** MicroProfile Config's environment mapping: QUARKUS_DATASOURCE_USERNAME sets quarkus.datasource.username. */
    private static boolean relaxed(String variable, Properties properties) {
        return properties.stringPropertyNames().stream()
                .anyMatch(key -> key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase().equals(variable));
    }

    private static String image(List<ObjectNode> objects, String kind, String name) {
        return Project.find(objects, kind, name).path("spec").path("template").path("spec").path("containers").path(0)
                .path("image").asText();
    }

    private static Set<String> created(String sql) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = Pattern.compile("CREATE DATABASE (\\w+) OWNER flowwatch").matcher(sql);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        assertFalse(names.isEmpty(), sql);
        return names;
    }
}
