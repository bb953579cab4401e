package io.flowwatch.deploy.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The YAML files as written (before any rendering), and the README that tells how to use them. */
class SourceFilesTest {

    static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> files = Files.walk(Project.k8s())) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        }
    }

    /** Both parsers downstream (kubectl's and fabric8's) keep the last of two equal keys silently: not ours. */
    @Test
    void noYamlFileHasADuplicateKey() throws IOException {
        List<Path> files = yamlFiles();
        assertTrue(files.size() > 10, "found " + files);
        for (Path file : files) {
            assertFalse(Yaml.readAll(file).isEmpty(), file + " is empty");
        }
    }

    @Test
    void yamllintPassesStrictly() throws IOException {
        Optional<Path> yamllint = ExternalKustomize.onPath("yamllint");
        Assumptions.assumeTrue(yamllint.isPresent(), "yamllint is not installed (apt-get install yamllint): skipped");
        ExternalKustomize.Result result = ExternalKustomize.run(List.of(yamllint.get().toString(), "-s", "-f", "parsable",
                "-c", Project.k8s().resolve(".yamllint").toString(), Project.k8s().toString()), null);
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
    }

    /** And yamllint, with the same configuration, does catch what it is here for. */
    @Test
    void yamllintRejectsADuplicateKeyAndYesNoBooleans() throws IOException {
        Optional<Path> yamllint = ExternalKustomize.onPath("yamllint");
        Assumptions.assumeTrue(yamllint.isPresent(), "yamllint is not installed (apt-get install yamllint): skipped");
        Path broken = Path.of("src/test/resources/broken/duplicate-key.yaml").toAbsolutePath();
        ExternalKustomize.Result duplicate = lint(yamllint.get(), broken);
        assertNotEquals(0, duplicate.exitCode());
        assertTrue(duplicate.stdout().contains("key-duplicates"), duplicate.stdout());
        Path truthy = Files.createTempFile("truthy", ".yaml");
        try {
            Files.writeString(truthy, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  ENABLED: yes\n");
            ExternalKustomize.Result result = lint(yamllint.get(), truthy);
            assertNotEquals(0, result.exitCode());
            assertTrue(result.stdout().contains("truthy"), result.stdout());
        } finally {
            Files.delete(truthy);
        }
    }

    private static ExternalKustomize.Result lint(Path yamllint, Path file) throws IOException {
        return ExternalKustomize.run(List.of(yamllint.toString(), "-s", "-f", "parsable", "-c",
                Project.k8s().resolve(".yamllint").toString(), file.toString()), null);
    }

    /** deploy/README.md tells how to create every Secret created by hand, with every key the manifests read. */
    @Test
    void theReadmeDocumentsEverySecretAndKey() {
        String readme = Project.read(Project.k8s().getParent().resolve("README.md"));
        List<String> missing = new ArrayList<>();
        for (ExternalSecrets.Entry secret : Project.externalSecrets().entries()) {
            if (!readme.contains(secret.name())) {
                missing.add(secret.name());
            }
            if (secret.createdBy().equals("hand")) {
                secret.keys().stream().filter(key -> !readme.contains(key)).forEach(key -> missing.add(secret.name() + "/" + key));
            }
        }
        assertEquals(List.of(), missing, "not in deploy/README.md");
        for (String text : List.of("kubectl apply -k deploy/k8s/overlays/dev", "kubectl apply -k deploy/k8s/overlays/prod",
                "Dockerfile.jvm", "advisory lock", "mvn -B -pl deploy/validation -am test", "RabbitmqCluster",
                "CloudNativePG")) {
            assertTrue(readme.contains(text), "deploy/README.md does not mention " + text);
        }
    }

    /** Each service has the Dockerfile the README tells to build, on the pinned base image. */
    @Test
    void everyServiceHasADockerfileOnThePinnedBaseImage() {
        for (String service : Project.SERVICES) {
            Path dockerfile = Project.root().resolve(service).resolve("src/main/docker/Dockerfile.jvm");
            assertTrue(Files.isRegularFile(dockerfile), dockerfile + " is missing");
            String text = Project.read(dockerfile);
            assertTrue(text.matches("(?s).*\\nFROM registry\\.access\\.redhat\\.com/ubi9/openjdk-21-runtime:\\d+\\.\\d+\\S*\\n.*"),
                    dockerfile + ": FROM the pinned ubi9/openjdk-21-runtime");
            assertTrue(text.contains("USER 185"), dockerfile + ": runs as the image's non-root user");
        }
    }
}
