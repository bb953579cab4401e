package io.flowwatch.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole system on this machine, as {@code ./flowwatch up} runs it, but on servers of its own: the suite drives the
 * launcher's functions ({@code deploy/local/lib.sh}) with another state directory, other ports, another RabbitMQ node
 * name and another epmd port, so that the shared PostgreSQL (35432), RabbitMQ (36672) and the services on 8080-8083
 * are never touched. Everything it starts it stops by PID ({@link #close()}), also after a failure.
 */
final class LocalRuntime implements AutoCloseable {

    // Below the kernel's ephemeral range (32768-60999 here): a port in it can be taken at any moment as the local
    // end of some outgoing connection, and PostgreSQL then fails to bind ("Address already in use").
    static final int PG_PORT = 25432;
    static final int AMQP_PORT = 26672;
    static final int RABBIT_MGMT_PORT = 26673;
    static final int RABBIT_DIST_PORT = 26674;
    static final int EPMD_PORT = 24369;
    static final String RABBIT_NODE = "flowwatch-faults@localhost";
    static final Map<String, Integer> SERVICE_PORTS = new LinkedHashMap<>();

    static {
        SERVICE_PORTS.put("ingest-service", 18081);
        SERVICE_PORTS.put("analytics-service", 18082);
        SERVICE_PORTS.put("alert-service", 18083);
        SERVICE_PORTS.put("gateway", 18080);
    }

    static final List<String> SERVICES = List.copyOf(SERVICE_PORTS.keySet());

    private final Path root;
    private final Path state;
    private final Map<String, String> serviceSettings;
    private final Path log;
    /** Set by {@link #close()}: from then on nothing is started, only stopped. Guarded by {@code this}. */
    private boolean closed;
    /** Launcher calls under way (a start may be waiting for its service to become ready). Guarded by {@code this}. */
    private final java.util.Set<Process> inFlight = new java.util.HashSet<>();

    /**
     * @param root the project root (where {@code flowwatch} and {@code deploy/local/lib.sh} are)
     * @param state the suite's own state directory (data, logs, PID files), wiped at {@link #start()}
     * @param serviceSettings environment the services get on top of the launcher's (receivers, retry policy)
     */
    LocalRuntime(Path root, Path state, Map<String, String> serviceSettings) {
        this.root = root.toAbsolutePath().normalize();
        this.state = state.toAbsolutePath().normalize();
        this.serviceSettings = Map.copyOf(serviceSettings);
        this.log = this.state.resolveSibling(this.state.getFileName() + "-launcher.log");
    }

    Path state() {
        return state;
    }

    Path logOf(String service) {
        return state.resolve("logs").resolve(service + ".log");
    }

    /** Stops whatever an earlier, interrupted run left (by its PID files), wipes the state, starts the servers. */
    void start() throws IOException {
        if (Files.isDirectory(state)) {
            stopEverything();
            lib("rm -rf \"$FW_STATE\"");
        }
        Files.createDirectories(state);
        lib("infra_start");
    }

    /** Starts the services side by side and waits until each is ready. */
    void startServices(List<String> services) {
        String names = String.join(" ", services);
        lib("for s in " + names + "; do svc_start $s; done; for s in " + names + "; do svc_wait_healthy $s 180; done");
    }

    void startService(String service) {
        startServices(List.of(service));
    }

    /** {@code kill -9} of a service's JVM, by the PID the launcher recorded. */
    void kill9(String service) {
        long pid = Long.parseLong(read(state.resolve("run").resolve(service + ".pid")));
        ProcessHandle.of(pid).ifPresent(process -> {
            process.destroyForcibly();
            process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        });
    }

    /** Writes a thread dump of a running service ({@code jcmd PID Thread.print}) to {@code file}; says where, or why not. */
    String threadDump(String service, Path file) {
        try {
            long pid = Long.parseLong(read(state.resolve("run").resolve(service + ".pid")));
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Files.createDirectories(file.getParent());
            Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(file.toFile()).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "jcmd did not finish within 30 s";
            }
            return process.exitValue() == 0 ? file.toString() : "jcmd exited with " + process.exitValue() + " (" + file + ")";
        } catch (IOException | RuntimeException e) {
            return "no thread dump: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    void stopRabbit() {
        lib("rabbit_stop");
    }

    void startRabbit() {
        lib("rabbit_start");
    }

    void stopPostgres() {
        lib("pg_stop");
    }

    void startPostgres() {
        lib("pg_start");
    }

    /**
     * Stops everything, also while a scenario's thread is in the middle of starting something (the JVM shutdown hook
     * runs beside it): no launcher call starts anything once this began, the calls under way are ended, and then
     * every process is stopped by the PID file its start wrote.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            inFlight.forEach(Process::destroyForcibly);
        }
        stopEverything();
    }

    private void stopEverything() {
        // Not under set -e: a missing PID file (never started, already stopped) is no reason to stop stopping.
        run("set +e; for s in gateway alert-service analytics-service ingest-service; do svc_stop $s; done; infra_stop; true",
                true);
    }

    /** Runs launcher functions in bash with the suite's own ports and state; fails with the log's tail. */
    String lib(String script) {
        return run(script, false);
    }

    private String run(String script, boolean stopping) {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c",
                "set -euo pipefail; . \"$FW_ROOT/deploy/local/lib.sh\"; " + script)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        // The suite runs under ./flowwatch test, whose environment points at the shared servers: none of it leaks.
        env.keySet().removeIf(name -> name.startsWith("FLOWWATCH_") || name.startsWith("QUARKUS_")
                || name.startsWith("RABBITMQ_") || name.startsWith("ERL_"));
        env.put("FW_ROOT", root.toString());
        env.put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
        env.put("FLOWWATCH_STATE_DIR", state.toString());
        env.put("FLOWWATCH_PG_PORT", String.valueOf(PG_PORT));
        env.put("FLOWWATCH_AMQP_PORT", String.valueOf(AMQP_PORT));
        env.put("FLOWWATCH_RABBIT_MGMT_PORT", String.valueOf(RABBIT_MGMT_PORT));
        env.put("FLOWWATCH_RABBIT_DIST_PORT", String.valueOf(RABBIT_DIST_PORT));
        env.put("FLOWWATCH_EPMD_PORT", String.valueOf(EPMD_PORT));
        env.put("FLOWWATCH_RABBIT_NODE", RABBIT_NODE);
        // Durability is what is under test: fsync stays on.
        env.put("FLOWWATCH_PG_FSYNC", "on");
        env.put("FLOWWATCH_SERVICE_HEAP", "256m");
        SERVICE_PORTS.forEach((service, port) ->
                env.put("FLOWWATCH_" + service.replace("-service", "").toUpperCase() + "_PORT", String.valueOf(port)));
        env.putAll(serviceSettings);
        Instant started = Instant.now();
        try {
            Files.writeString(log, "\n### " + started + " " + script + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            Process process;
            synchronized (this) {
                if (closed && !stopping) {
                    throw new IllegalStateException("the runtime is being stopped; not running: " + script);
                }
                process = builder.start();
                inFlight.add(process);
            }
            boolean finished;
            try {
                finished = process.waitFor(300, TimeUnit.SECONDS);
            } finally {
                synchronized (this) {
                    inFlight.remove(process);
                }
            }
            if (!finished) {
                process.destroyForcibly();
                throw new IllegalStateException("launcher call timed out: " + script + " (log: " + log + ")");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("launcher call failed (" + process.exitValue() + "): " + script
                        + "\n" + tail(log, 25));
            }
            return "took " + Duration.between(started, Instant.now()).toMillis() + " ms";
        } catch (IOException e) {
            throw new IllegalStateException("cannot run bash for: " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + file + ")";
        }
    }
}
