package io.flowwatch.gateway.rest;

import java.util.HashMap;
import java.util.Map;

/**
 * The fake backends with a rate limit of 1 call/s and a burst of 5, so that a short burst is limited however
 * slowly a busy test machine answers.
 */
public class FakeBackendsStrictRateLimit extends FakeBackends {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("flowwatch.gateway.rate-limit-per-second", "1");
        config.put("flowwatch.gateway.rate-limit-burst", "5");
        return config;
    }
}
