package io.flowwatch.gateway.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.flowwatch.gateway.service.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * An OIDC provider as far as the gateway sees one: a key set at a JWKS URL. Its key pair is made at start
 * (test-only, never committed); the tests sign their tokens with it. Turns bearer tokens on.
 */
public class FakeIdentityProvider implements QuarkusTestResourceLifecycleManager {

    static final String JWKS_PATH = "/realms/test/protocol/openid-connect/certs";

    static TestTokens tokens;
    static WireMockServer server;

    @Override
    public Map<String, String> start() {
        tokens = new TestTokens();
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(get(urlPathEqualTo(JWKS_PATH)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(tokens.jwks())));
        return Map.of(
                "flowwatch.gateway.jwt.enabled", "true",
                "flowwatch.gateway.jwt.issuer", TestTokens.ISSUER,
                "flowwatch.gateway.jwt.jwks-url", "http://127.0.0.1:" + server.port() + JWKS_PATH,
                "flowwatch.gateway.jwt.audience", TestTokens.AUDIENCE);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
