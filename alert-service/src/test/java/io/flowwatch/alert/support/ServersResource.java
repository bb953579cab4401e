package io.flowwatch.alert.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.flowwatch.events.Topology;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * What the alert-service tests need besides the shared PostgreSQL and RabbitMQ: a fresh topology in the test vhost
 * (the service's queues from an earlier run are deleted), and a WireMock webhook receiver on 127.0.0.1 (random port)
 * that the demo webhook channel points at. Its {@code /hooks/demo} is flaky (two 500s per webhook id, then 200).
 */
public class ServersResource implements QuarkusTestResourceLifecycleManager {

    public static final String DEMO_PATH = "/hooks/demo";

    private static WireMockServer wireMock;

    public static WireMockServer wireMock() {
        return wireMock;
    }

    public static String url(String path) {
        return "http://127.0.0.1:" + wireMock.port() + path;
    }

    @Override
    public Map<String, String> start() {
        try (Amqp amqp = Amqp.connect()) {
            amqp.deleteQueue(Topology.ALERT_METRICS_QUEUE);
            amqp.deleteQueue(Topology.parkingQueue(Topology.ALERT_METRICS_QUEUE));
        }
        wireMock = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(32)
                .extensions(new FlakyReceiver()));
        wireMock.start();
        wireMock.stubFor(post(urlPathEqualTo(DEMO_PATH))
                .willReturn(aResponse().withStatus(200).withTransformers(FlakyReceiver.NAME)));
        return Map.of("flowwatch.alert.demo.webhook-url", url(DEMO_PATH));
    }

    @Override
    public void stop() {
        if (wireMock != null) {
            wireMock.stop();
        }
    }
}
