package io.flowwatch.gateway.rest;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** One local WireMock server standing in for the three backends, so the gateway's own rules can be tested. */
public class FakeBackends implements QuarkusTestResourceLifecycleManager {

    static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        String url = "http://127.0.0.1:" + server.port();
        return Map.of(
                "flowwatch.gateway.ingest-url", url,
                "flowwatch.gateway.analytics-url", url,
                "flowwatch.gateway.alert-url", url,
                "flowwatch.gateway.backend-timeout", "1s",
                // A slow refill, so that the rate-limit test's burst exceeds it however slowly this machine runs.
                "flowwatch.gateway.rate-limit-per-second", "1",
                "flowwatch.gateway.rate-limit-burst", "200");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
