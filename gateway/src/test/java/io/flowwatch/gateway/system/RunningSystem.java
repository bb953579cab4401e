package io.flowwatch.gateway.system;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the three backend services from their packaged jars as real processes, against the private
 * PostgreSQL and RabbitMQ that {@code ./flowwatch test} runs (own databases {@code flowwatch_e2e_*}, own
 * vhost {@code flowwatch-test-e2e}, schemas cleaned at start), and points the gateway under test at them.
 * Logs go to {@code target/system-logs/}. The services are stopped by their PIDs at the end.
 */
public class RunningSystem implements QuarkusTestResourceLifecycleManager {

    static final String VHOST = "flowwatch-test-e2e";
    private static final List<String> SERVICES = List.of("ingest-service", "analytics-service", "alert-service");

    static final Map<String, Integer> PORTS = new LinkedHashMap<>();
    /** Where the demo webhook channel delivers, checking nothing: the tests read what arrived. */
    static WireMockServer webhookReceiver;
    /** The demo e-mail channel's SMTP server. */
    static GreenMail mailServer;
    static final String WEBHOOK_SECRET = "whsec_c3lzdGVtLXRlc3Qtd2ViaG9vay1zZWNyZXQtMzItYnl0ZXM=";
    private final List<Process> processes = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        Path logs = Path.of("target/system-logs");
        webhookReceiver = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        webhookReceiver.start();
        webhookReceiver.stubFor(WireMock.post(WireMock.urlPathEqualTo("/hooks/demo"))
                .willReturn(WireMock.aResponse().withStatus(204)));
        mailServer = new GreenMail(ServerSetupTest.SMTP);
        mailServer.start();
        try {
            Files.createDirectories(logs);
            for (String service : SERVICES) {
                Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
                if (!Files.exists(jar)) {
                    throw new IllegalStateException(jar + " is missing: build the services first (./mvnw verify builds "
                            + "them before the gateway)");
                }
                int port = freePort();
                PORTS.put(service, port);
                ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC", "-jar",
                        jar.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(logs.resolve(service + ".log").toFile());
                Map<String, String> env = builder.environment();
                env.putAll(serviceEnvironment(service, port));
                processes.add(builder.start());
            }
            for (String service : SERVICES) {
                awaitReady(service, PORTS.get(service), logs.resolve(service + ".log"));
            }
        } catch (IOException e) {
            stop();
            throw new IllegalStateException("cannot start the backend services", e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        Map<String, String> config = new HashMap<>();
        config.put("flowwatch.gateway.ingest-url", url("ingest-service"));
        config.put("flowwatch.gateway.analytics-url", url("analytics-service"));
        config.put("flowwatch.gateway.alert-url", url("alert-service"));
        config.put("rabbitmq-virtual-host", VHOST);
        config.put("flowwatch.db.name", "flowwatch_e2e_gateway");
        return config;
    }

    static String url(String service) {
        return "http://127.0.0.1:" + PORTS.get(service);
    }

    private static Map<String, String> serviceEnvironment(String service, int port) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("FLOWWATCH_DB_NAME", "flowwatch_e2e_" + service.replace("-service", ""));
        env.put("RABBITMQ_VIRTUAL_HOST", VHOST);
        env.put("QUARKUS_FLYWAY_CLEAN_AT_START", "true");
        env.put("QUARKUS_FLYWAY_CLEAN_DISABLED", "false");
        // The test's own webhook receiver listens on loopback, which production refuses by default. Allowing exactly
        // the host 127.0.0.1 (not the block 127.0.0.1/32) keeps every other way of reaching loopback refused, as
        // HostileInputTest checks: names that resolve to it, other spellings of the address.
        env.put("FLOWWATCH_ALERT_WEBHOOK_ALLOW_LIST", "127.0.0.1");
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", "3025");
        env.put("QUARKUS_MAILER_TLS", "false");
        env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        env.put("QUARKUS_MAILER_MOCK", "false");
        env.put("FLOWWATCH_ALERT_DEMO_WEBHOOK_URL", "http://127.0.0.1:" + webhookReceiver.port() + "/hooks/demo");
        env.put("FLOWWATCH_ALERT_DEMO_WEBHOOK_SECRET", WEBHOOK_SECRET);
        env.put("FLOWWATCH_ALERT_DEMO_EMAIL_TO", "desk@example.com");
        return env;
    }

    private void awaitReady(String service, int port, Path log) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        Process process = processes.get(SERVICES.indexOf(service));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/q/health/ready")).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(service + " was not ready within 120 s; see " + log);
    }

    @Override
    public void stop() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        if (webhookReceiver != null) {
            webhookReceiver.stop();
        }
        if (mailServer != null) {
            mailServer.stop();
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
