package io.flowwatch.alert.support;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A webhook receiver that fails the first {@link #FAILURES} requests of every {@code webhook-id} with 500 and
 * answers 200 from then on, so every delivery has to be retried before it gets through.
 */
public class FlakyReceiver implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "flaky-per-webhook-id";
    public static final int FAILURES = 2;

    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        String id = serveEvent.getRequest().getHeader("webhook-id");
        int attempt = attempts.merge(id == null ? "" : id, 1, Integer::sum);
        return ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition()).but()
                .withStatus(attempt <= FAILURES ? 500 : 200)
                .build();
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
