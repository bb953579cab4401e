package io.flowwatch.deploy.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Strict parsing, one rule at a time. */
class StrictModelTest {

    private static final StrictModel MODEL = new StrictModel();

    private static List<String> problems(String yaml) {
        return MODEL.parse(Yaml.readAll(yaml, "test").get(0)).problems();
    }

    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: demo
            spec:
              containers:
              - name: demo
                image: demo:1
            %s""";

    @Test
    void aValidObjectHasNoProblemsAndATypedModel() {
        StrictModel.Parsed parsed = MODEL.parse(Yaml.readAll("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: demo
                spec:
                  replicas: 2
                  selector:
                    matchLabels:
                      app: demo
                  template:
                    metadata:
                      labels:
                        app: demo
                    spec:
                      containers:
                        - name: demo
                          image: demo:1
                          ports:
                            - containerPort: 8080
                          resources:
                            requests:
                              cpu: 1
                              memory: 1Gi
                """, "test").get(0));
        assertEquals(List.of(), parsed.problems());
        assertInstanceOf(Deployment.class, parsed.model());
    }

    @Test
    void unknownFieldsFailAtAnyDepth() {
        assertEquals(List.of("replica: unknown field"), problems(POD.formatted("replica: 2\n")));
        assertEquals(List.of("spec.containers[0].imagePullPolicyy: unknown field"),
                problems(POD.formatted("    imagePullPolicyy: Always\n")));
        assertEquals(List.of("spec.containers[0].livenessProbe.httpGet.paht: unknown field"),
                problems(POD.formatted("    livenessProbe:\n      httpGet:\n        paht: /\n        port: 8080\n")));
        assertEquals(List.of("metadata.label: unknown field"), problems("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: demo
                  label:
                    a: b
                """));
    }

    @Test
    void wrongTypesFail() {
        assertTrue(problems(POD.formatted("    ports:\n      - containerPort: \"8080\"\n")).get(0)
                .startsWith("spec.containers[0].ports[0].containerPort: wrong type"));
        assertTrue(problems(POD.formatted("    env:\n      - name: PORT\n        value: 8080\n")).get(0)
                .startsWith("spec.containers[0].env[0].value: wrong type"));
        assertTrue(problems(POD.formatted("  hostNetwork: \"false\"\n")).get(0).startsWith("spec.hostNetwork: wrong type"));
        assertTrue(problems(POD.formatted("  volumes: {}\n")).get(0).contains("wrong type"));
    }

    @Test
    void malformedQuantitiesFail() {
        assertEquals(List.of("spec.containers[0].resources.limits.memory: not a quantity: 512 MB"),
                problems(POD.formatted("    resources:\n      limits:\n        memory: 512 MB\n")));
    }

    @Test
    void unknownKindsFailButTheAcceptedCustomResourcesParse() {
        assertTrue(problems("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n").get(0).startsWith("unknown kind"));
        StrictModel.Parsed cluster = MODEL.parse(Yaml.readAll("""
                apiVersion: rabbitmq.com/v1beta1
                kind: RabbitmqCluster
                metadata:
                  name: rabbitmq
                spec:
                  replicas: 3
                """, "test").get(0));
        assertEquals(List.of(), cluster.problems());
        assertInstanceOf(GenericKubernetesResource.class, cluster.model());
        assertEquals(List.of("spec.replica: unknown field (allowed for Cluster: " + new java.util.TreeSet<>(
                StrictModel.CUSTOM_RESOURCES.get("postgresql.cnpg.io/v1/Cluster")) + ")"), problems("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata:
                  name: pg
                spec:
                  replica: 3
                """));
        assertTrue(problems("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata:
                  name: pg
                  annotation: {}
                spec:
                  instances: 3
                status: {}
                """).containsAll(List.of("status: unknown field (a custom resource has apiVersion, kind, metadata and spec)",
                "metadata.annotation: unknown field")));
    }

    @Test
    void duplicateKeysFailBeforeAnyModel() {
        InvalidManifestException e = assertThrows(InvalidManifestException.class,
                () -> Yaml.readAll("a: 1\nb: 2\na: 3\n", "dup.yaml"));
        assertTrue(e.getMessage().contains("Duplicate field 'a'"), e.getMessage());
    }
}
