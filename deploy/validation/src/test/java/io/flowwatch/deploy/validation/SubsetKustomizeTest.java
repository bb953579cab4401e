package io.flowwatch.deploy.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in Kustomize subset, on small kustomizations; and its refusal of anything outside the subset. */
class SubsetKustomizeTest {

    @TempDir
    Path dir;

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              selector:
                matchLabels:
                  app.kubernetes.io/name: web
              template:
                metadata:
                  labels:
                    app.kubernetes.io/name: web
                spec:
                  containers:
                    - name: web
                      image: example/web
                      env:
                        - name: A
                          value: "1"
                        - name: B
                          value: "2"
                      ports:
                        - name: http
                          containerPort: 8080
                    - name: sidecar
                      image: example/sidecar:1.0
                      args: [one, two]
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: web-config
            data:
              KEY: value
            """;

    private void write(String file, String text) throws IOException {
        Path path = dir.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    private List<ObjectNode> render(String kustomization) throws IOException {
        write("base/app.yaml", DEPLOYMENT);
        write("base/kustomization.yaml", "resources:\n  - app.yaml\n");
        write("overlay/kustomization.yaml", kustomization);
        return new SubsetKustomize().render(dir.resolve("overlay"));
    }

    @Test
    void namespaceLabelsReplicasAndImages() throws IOException {
        List<ObjectNode> objects = render("""
                namespace: shop
                resources:
                  - ../base
                labels:
                  - pairs:
                      app.kubernetes.io/part-of: shop
                    includeSelectors: false
                replicas:
                  - name: web
                    count: 3
                images:
                  - name: example/web
                    newName: registry.example.com:5000/shop/web
                    newTag: "2.0"
                  - name: example/sidecar
                    digest: sha256:0123
                """);
        ObjectNode deployment = Project.find(objects, "Deployment", "web");
        assertEquals("shop", deployment.at("/metadata/namespace").asText());
        assertEquals("shop", Project.find(objects, "ConfigMap", "web-config").at("/metadata/namespace").asText());
        assertEquals("shop", deployment.at("/metadata/labels/app.kubernetes.io~1part-of").asText());
        assertTrue(deployment.at("/spec/template/metadata/labels/app.kubernetes.io~1part-of").isMissingNode(),
                "labels without includeSelectors stay out of templates");
        assertTrue(deployment.at("/spec/selector/matchLabels/app.kubernetes.io~1part-of").isMissingNode());
        assertEquals(3, deployment.at("/spec/replicas").asInt());
        assertEquals("registry.example.com:5000/shop/web:2.0", deployment.at("/spec/template/spec/containers/0/image").asText());
        assertEquals("example/sidecar@sha256:0123", deployment.at("/spec/template/spec/containers/1/image").asText());
    }

    @Test
    void strategicMergeMergesContainersAndEnvByNameAndReplacesOtherLists() throws IOException {
        write("overlay/patch.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    spec:
                      containers:
                        - name: web
                          env:
                            - name: B
                              value: "two"
                            - name: C
                              value: "3"
                          resources:
                            limits:
                              memory: 1Gi
                        - name: sidecar
                          args: [three]
                """);
        write("overlay/config.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: web-config
                data:
                  OTHER: x
                """);
        List<ObjectNode> objects = render("""
                resources:
                  - ../base
                patches:
                  - path: patch.yaml
                  - path: config.yaml
                """);
        ObjectNode web = (ObjectNode) Project.find(objects, "Deployment", "web").at("/spec/template/spec/containers/0");
        assertEquals("example/web", web.get("image").asText());
        assertEquals("[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"two\"},{\"name\":\"C\",\"value\":\"3\"}]",
                web.get("env").toString());
        assertEquals("1Gi", web.at("/resources/limits/memory").asText());
        assertEquals(8080, web.at("/ports/0/containerPort").asInt());
        assertEquals("[\"three\"]", Project.find(objects, "Deployment", "web").at("/spec/template/spec/containers/1/args").toString());
        assertEquals("{\"KEY\":\"value\",\"OTHER\":\"x\"}", Project.find(objects, "ConfigMap", "web-config").get("data").toString());
    }

    @Test
    void deletePatchWithATargetRemovesEveryMatch() throws IOException {
        write("overlay/delete.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: any
                $patch: delete
                """);
        List<ObjectNode> objects = render("""
                resources:
                  - ../base
                patches:
                  - path: delete.yaml
                    target:
                      kind: ConfigMap
                """);
        assertEquals(List.of("Deployment"), objects.stream().map(o -> o.path("kind").asText()).toList());
    }

    @Test
    void refusesWhatIsOutsideTheSubset() throws IOException {
        for (String kustomization : List.of(
                "resources: [../base]\ncommonLabels:\n  a: b\n",
                "resources: [../base]\nconfigMapGenerator:\n  - name: x\n    literals: [a=b]\n",
                "resources: [../base]\nsecretGenerator:\n  - name: x\n    literals: [password=hunter2]\n",
                "resources: [../base]\nlabels:\n  - pairs:\n      a: b\n    includeSelectors: true\n",
                "resources: [../base]\npatches:\n  - patch: |\n      - op: remove\n        path: /spec\n    target:\n      kind: Deployment\n",
                "resources: [../base]\nreplicas:\n  - name: nothing\n    count: 2\n")) {
            InvalidManifestException e = assertThrows(InvalidManifestException.class, () -> render(kustomization), kustomization);
            assertTrue(e.getMessage().contains("kustomization.yaml"), e.getMessage());
        }
    }

    @Test
    void refusesPatchesThatMatchNothingOrHoldSeveralDocuments() throws IOException {
        write("overlay/nothing.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 2\n");
        assertThrows(InvalidManifestException.class, () -> render("resources: [../base]\npatches:\n  - path: nothing.yaml\n"));
        write("overlay/two.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\n---\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\n");
        assertThrows(InvalidManifestException.class, () -> render("resources: [../base]\npatches:\n  - path: two.yaml\n"));
    }

    @Test
    void refusesTheSameResourceTwice() throws IOException {
        write("overlay/again.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata: {}\n");
        InvalidManifestException e = assertThrows(InvalidManifestException.class,
                () -> render("resources:\n  - ../base\n  - again.yaml\n"));
        assertTrue(e.getMessage().contains("added twice"), e.getMessage());
    }

    @Test
    void imageReferences() {
        assertEquals(new ImageRef("registry.example.com:5000/a/b", "1.0", null), ImageRef.parse("registry.example.com:5000/a/b:1.0"));
        assertEquals(new ImageRef("localhost:5001/a", null, null), ImageRef.parse("localhost:5001/a"));
        assertEquals(new ImageRef("a", "1", "sha256:ff"), ImageRef.parse("a:1@sha256:ff"));
        assertEquals("localhost:5001", ImageRef.parse("localhost:5001/flowwatch/gateway:1").registry());
        assertEquals(null, ImageRef.parse("rabbitmq:3.13.7-management").registry());
        assertTrue(ImageRef.parse("postgres:15.13").pinned());
        assertTrue(!ImageRef.parse("postgres:latest").pinned() && !ImageRef.parse("postgres").pinned());
    }
}
