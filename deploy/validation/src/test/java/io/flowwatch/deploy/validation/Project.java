package io.flowwatch.deploy.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where things are, and the validator's options for each overlay. */
final class Project {

    static final List<String> OVERLAYS = List.of("dev", "prod");
    static final List<String> SERVICES = List.of("ingest-service", "analytics-service", "alert-service", "gateway");
    static final String PUBLIC_SERVICE = "gateway";

    private Project() {
    }

    static Path k8s() {
        return Path.of(System.getProperty("flowwatch.k8s.dir", "../k8s")).toAbsolutePath().normalize();
    }

    static Path validation() {
        return Path.of(System.getProperty("flowwatch.validation.dir", ".")).toAbsolutePath().normalize();
    }

    static Path root() {
        return k8s().getParent().getParent();
    }

    static Path overlay(String name) {
        return k8s().resolve("overlays").resolve(name);
    }

    static ExternalSecrets externalSecrets() {
        return ExternalSecrets.load(k8s().resolve("external-secrets.yaml"));
    }

    /** The namespace the overlay's kustomization sets. */
    static String namespace(String overlay) {
        return Yaml.readOne(overlay(overlay).resolve("kustomization.yaml")).path("namespace").asText();
    }

    static ManifestValidator.Options options(String overlay) {
        return new ManifestValidator.Options(namespace(overlay), externalSecrets().forOverlay(overlay), PUBLIC_SERVICE);
    }

    static List<ObjectNode> render(String overlay) {
        return new SubsetKustomize().render(overlay(overlay));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static ObjectNode find(List<ObjectNode> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind) && o.path("metadata").path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " rendered"));
    }

    static List<ObjectNode> all(List<ObjectNode> objects, String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }
}
