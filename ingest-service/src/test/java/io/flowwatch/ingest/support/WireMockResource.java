package io.flowwatch.ingest.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A WireMock server on a random port of 127.0.0.1 that stands in for CoinGecko and SoSoValue: the REST clients'
 * base URLs point at it. Stubs are set by each test from the recorded answers under {@code recorded/}.
 */
public class WireMockResource implements QuarkusTestResourceLifecycleManager {

    private static volatile WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    /** A recorded answer from {@code src/test/resources/recorded/}. */
    public static String recorded(String name) {
        try (InputStream in = WireMockResource.class.getResourceAsStream("/recorded/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no recorded answer " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return Map.of(
                "quarkus.rest-client.coingecko.url", server.baseUrl(),
                "quarkus.rest-client.sosovalue.url", server.baseUrl());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
