package io.flowwatch.alert.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flowwatch.alert.support.ServersResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A webhook carries a W3C traceparent, so that a receiver's logs can be joined to the delivery's trace. */
@QuarkusTest
@WithTestResource(value = ServersResource.class, scope = TestResourceScope.GLOBAL)
class WebhookTraceTest {

    private static final String PATH = "/hooks/trace-test";

    @Inject
    WebhookClient client;

    @Test
    void aWebhookCarriesATraceparent() {
        ServersResource.wireMock().stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(204)));
        int status = client.post(URI.create(ServersResource.url(PATH)), List.of(), Map.of("webhook-id", "trace-test"),
                "{}", Duration.ofSeconds(5)).await().atMost(Duration.ofSeconds(10));
        assertEquals(204, status);
        ServersResource.wireMock().verify(1, postRequestedFor(urlPathEqualTo(PATH))
                .withHeader("traceparent", matching("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]")));
    }
}
