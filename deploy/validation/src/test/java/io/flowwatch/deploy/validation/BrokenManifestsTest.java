package io.flowwatch.deploy.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Deliberately broken manifests (src/test/resources/broken): each is manifests/good.yaml with one mistake, and
 * names in its "# expect: CHECK: TEXT" line the one check that must report it, with a part of the message.
 */
class BrokenManifestsTest {

    static final Path RESOURCES = Path.of("src/test/resources");
    static final ManifestValidator.Options OPTIONS =
            new ManifestValidator.Options(null, Map.of("flowwatch-db", Set.of("username", "password")), "demo");
    static final ManifestValidator VALIDATOR = new ManifestValidator();

    @Test
    void theGoodManifestPassesEveryCheck() {
        List<Finding> findings = VALIDATOR.validate(Yaml.readAll(RESOURCES.resolve("manifests/good.yaml")), OPTIONS);
        assertEquals(List.of(), findings);
    }

    static Stream<Path> broken() throws IOException {
        try (Stream<Path> files = Files.list(RESOURCES.resolve("broken"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void theValidatorReportsTheMistake(Path file) throws IOException {
        String expect = Files.readAllLines(file).stream().filter(l -> l.startsWith("# expect: ")).findFirst()
                .orElseThrow(() -> new AssertionError(file + " has no '# expect:' line")).substring("# expect: ".length());
        String check = expect.substring(0, expect.indexOf(':'));
        String text = expect.substring(expect.indexOf(':') + 1).strip();
        if (check.equals("yaml")) {
            InvalidManifestException e = assertThrows(InvalidManifestException.class, () -> Yaml.readAll(file));
            assertTrue(e.getMessage().contains(text), e.getMessage());
            return;
        }
        List<Finding> findings = VALIDATOR.validate(Yaml.readAll(file), OPTIONS);
        String report = findings.stream().map(Finding::toString).collect(Collectors.joining("\n"));
        assertEquals(Set.of(check), ManifestValidator.checks(findings), report);
        assertTrue(findings.stream().anyMatch(f -> f.message().contains(text)), "no finding says '" + text + "':\n" + report);
    }
}
