package io.flowwatch.alert.benchmark;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.flowwatch.alert.domain.AlertEvaluator;
import io.flowwatch.alert.domain.DemoRules;
import io.flowwatch.alert.domain.Evaluation;
import io.flowwatch.alert.domain.Notification;
import io.flowwatch.alert.domain.Rule;
import io.flowwatch.alert.domain.SeriesState;
import io.flowwatch.alert.support.Amqp;
import io.flowwatch.alert.support.SeedWeekUpdates;
import io.flowwatch.alert.support.ServersResource;
import io.flowwatch.events.Event;
import io.flowwatch.events.MetricUpdate;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: prints how fast rules are evaluated and how long a metric takes from its publish to the webhook
 * receiver. Excluded from the normal build; run it with
 * {@code mvn -B -pl alert-service test -Dgroups=benchmark -Dbenchmark.excluded=none -Dtest=AlertBenchmarkTest}
 * (size with {@code -Dbench.events=2000 -Dbench.alerts=200}).
 */
@Tag("benchmark")
@QuarkusTest
@WithTestResource(value = ServersResource.class, scope = TestResourceScope.GLOBAL)
class AlertBenchmarkTest {

    private static final int EVENTS = Integer.getInteger("bench.events", 3000);
    private static final int ALERTS = Integer.getInteger("bench.alerts", 200);

    @Test
    void ruleEvaluationsInMemory() {
        List<MetricUpdate> updates = SeedWeekUpdates.all().stream().map(Event::data).toList();
        List<Rule> rules = DemoRules.all();
        int rounds = 200;
        long evaluations = 0;
        for (int warm = 0; warm < 20; warm++) {
            evaluations += run(updates, rules);
        }
        evaluations = 0;
        long started = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            evaluations += run(updates, rules);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("BENCHMARK in-memory: %d rule evaluations in %.2f s = %.0f evaluations/s (AlertEvaluator, "
                + "seed week × %d rounds, %d rules)%n", evaluations, seconds, evaluations / seconds, rounds, rules.size());
    }

    private static long run(List<MetricUpdate> updates, List<Rule> rules) {
        Map<String, SeriesState> states = new HashMap<>();
        long evaluations = 0;
        for (MetricUpdate update : updates) {
            for (Rule rule : rules) {
                if (rule.selector().matches(update)) {
                    String key = rule.id() + "|" + AlertEvaluator.seriesKey(update);
                    Evaluation e = AlertEvaluator.evaluate(rule, states.get(key), update);
                    states.put(key, e.state());
                    evaluations++;
                }
            }
        }
        return evaluations;
    }

    @Test
    void throughputAndPublishToWebhookLatency() {
        ServersResource.wireMock().stubFor(post(urlPathEqualTo("/hooks/bench")).willReturn(aResponse().withStatus(200)));
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "webhook", "url", ServersResource.url("/hooks/bench")))
                .when().put("/api/v1/channels/bench-hook")
                .then().statusCode(anyOf(equalTo(200), equalTo(201)));
        given().contentType(ContentType.JSON).body("""
                        {"name":"bench","metric":"flow.daily","scope":"BENCH",
                         "condition":{"type":"threshold","op":"lt","value":0},"severity":"info","channels":["bench-hook"]}""")
                .when().put("/api/v1/rules/bench")
                .then().statusCode(anyOf(equalTo(200), equalTo(201)));
        String runId = UUID.randomUUID().toString().substring(0, 8);

        // 1. consumer throughput: updates that select the rule but do not fire (each one evaluated and stored)
        LocalDate day0 = LocalDate.parse("2000-01-01");
        List<Event<MetricUpdate>> quiet = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            LocalDate date = day0.plusDays(i);
            quiet.add(event(runId, date, "1"));
        }
        long started = System.nanoTime();
        try (Amqp amqp = Amqp.connect()) {
            amqp.publishMetrics(quiet);
        }
        long published = System.nanoTime();
        awaitEvaluated();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("BENCHMARK consumer: %d metric updates (each evaluated against 1 rule, state stored) in %.2f s"
                + " = %.0f updates/s end to end (publishing alone %.2f s)%n", EVENTS, seconds, EVENTS / seconds,
                (published - started) / 1e9);

        // 2. latency: updates that fire, one at a time, publish → webhook received
        List<Long> latencies = new ArrayList<>();
        LocalDate fireDay0 = day0.plusDays(EVENTS + 10);
        try (Amqp amqp = Amqp.connect()) {
            for (int i = 0; i < ALERTS; i++) {
                LocalDate date = fireDay0.plusDays(i);
                Event<MetricUpdate> event = event(runId, date, "-1");
                String id = Notification.idFor("bench", AlertEvaluator.seriesKey(event.data()), 1, "firing").toString();
                Instant sent = Instant.now();
                amqp.publishMetrics(List.of(event));
                ServeEvent received = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(2))
                        .until(() -> ServersResource.wireMock().getAllServeEvents().stream()
                                .filter(e -> id.equals(e.getRequest().getHeader("webhook-id"))).findFirst().orElse(null),
                                e -> e != null);
                latencies.add(Duration.between(sent, received.getRequest().getLoggedDate().toInstant()).toMillis());
            }
        }
        latencies.sort(Long::compare);
        System.out.printf("BENCHMARK latency publish → webhook received (%d alerts, one at a time): p50 %d ms, "
                        + "p90 %d ms, p99 %d ms, max %d ms%n", latencies.size(), percentile(latencies, 50),
                percentile(latencies, 90), percentile(latencies, 99), latencies.getLast());
    }

    private static Event<MetricUpdate> event(String runId, LocalDate date, String value) {
        MetricUpdate update = new MetricUpdate("flow.daily", "BENCH", date, date.atTime(21, 0).toInstant(java.time.ZoneOffset.UTC),
                new BigDecimal(value), Map.of("run", runId));
        return Event.of(UUID.randomUUID(), "benchmark", Instant.now(), update);
    }

    /** Waits until everything published so far was evaluated. */
    private static void awaitEvaluated() {
        // a quiet update leaves no history; a probe that fires right behind it does, in queue order
        LocalDate probeDay = LocalDate.parse("1990-01-01").plusDays(System.nanoTime() % 3000);
        Event<MetricUpdate> probe = event("probe", probeDay, "-1");
        try (Amqp amqp = Amqp.connect()) {
            amqp.publishMetrics(List.of(probe));
        }
        String probeSeries = AlertEvaluator.seriesKey(probe.data());
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100)).until(() -> given()
                .queryParam("rule", "bench").queryParam("limit", 10000).when().get("/api/v1/alerts")
                .then().extract().jsonPath().getList("findAll { it.kind == 'transition' && it.series == '" + probeSeries + "' }")
                .size() == 1);
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
