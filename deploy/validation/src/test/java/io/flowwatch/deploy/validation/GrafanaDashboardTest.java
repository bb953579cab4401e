package io.flowwatch.deploy.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * deploy/grafana/flowwatch.json reads only metrics the services expose: every metric name in its PromQL is the
 * Prometheus name of a Micrometer meter declared in the services' source (or of Quarkus' HTTP server timer), so that a
 * renamed or removed meter fails the build instead of leaving an empty panel.
 */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Project.root().resolve("deploy/grafana/flowwatch.json");

    /** Quarkus' own HTTP server timer; events' service.MetricsConfig turns its percentile histogram on. */
    private static final DashboardMetrics.Meter HTTP_SERVER =
            new DashboardMetrics.Meter("Timer", "http.server.requests", null, true);

    private static Set<String> exposedSeries() throws Exception {
        Set<DashboardMetrics.Meter> meters = new HashSet<>();
        for (String service : Project.SERVICES) {
            Path sources = Project.root().resolve(service).resolve("src/main/java");
            meters.addAll(DashboardMetrics.declared(sources));
        }
        // One MetricsConfig in events, which every service depends on.
        String metricsConfig = Files.readString(Project.root()
                .resolve("events/src/main/java/io/flowwatch/events/service/MetricsConfig.java"));
        assertTrue(metricsConfig.contains("\"http.server.requests\"") && metricsConfig.contains("percentilesHistogram(true)")
                && metricsConfig.contains("Tag.of(\"service\""), "the services publish HTTP histograms with a service tag");
        meters.add(HTTP_SERVER);
        return DashboardMetrics.series(meters);
    }

    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add); // panels of a collapsed row
        }
        return panels;
    }

    @Test
    void everyMetricTheDashboardQueriesIsExposedByAService() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        Set<String> exposed = exposedSeries();
        TreeMap<String, String> unknown = new TreeMap<>();
        Set<String> used = new TreeSet<>();
        int queries = 0;
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                queries++;
                for (String metric : DashboardMetrics.referenced(expr)) {
                    used.add(metric);
                    if (!exposed.contains(metric)) {
                        unknown.put(metric, panel.path("title").asText());
                    }
                }
            }
        }
        assertTrue(queries >= 15, "the dashboard has its queries: " + queries);
        assertEquals(new TreeMap<>(), unknown, "metrics the services do not expose (metric → panel); exposed: " + exposed);
        // The list: events in/out, lag and outbox depth, batch sizes, deliveries, rule evaluation time, HTTP.
        for (String needed : List.of("flowwatch_ingest_events_total", "flowwatch_analytics_events_total",
                "flowwatch_analytics_metrics_published_total", "flowwatch_outbox_depth", "flowwatch_analytics_queue_ready",
                "flowwatch_analytics_batch_size_bucket", "flowwatch_alert_delivery_attempts_total",
                "flowwatch_alert_evaluation_batch_seconds_bucket", "http_server_requests_seconds_bucket")) {
            assertTrue(used.contains(needed), "the dashboard shows " + needed);
        }
    }

    @Test
    void theDashboardIsWellFormedForGrafana() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        assertEquals("flowwatch", dashboard.path("uid").asText());
        assertTrue(dashboard.path("schemaVersion").asInt() > 0);
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : panels(dashboard)) {
            assertTrue(ids.add(panel.path("id").asInt()), "panel ids are unique: " + panel.path("id"));
            JsonNode grid = panel.path("gridPos");
            assertTrue(grid.path("w").asInt() > 0 && grid.path("x").asInt() + grid.path("w").asInt() <= 24,
                    panel.path("title") + " fits the 24-column grid");
            if (!"row".equals(panel.path("type").asText())) {
                assertEquals("${datasource}", panel.path("datasource").path("uid").asText(), panel.path("title").asText());
                assertFalse(panel.path("targets").isEmpty(), panel.path("title") + " has a query");
            }
        }
        JsonNode variable = dashboard.path("templating").path("list").path(0);
        assertEquals("datasource", variable.path("name").asText());
        assertEquals("prometheus", variable.path("query").asText());
    }

    @Test
    void theCheckSeesUnknownMetricsAndWrongSuffixes() {
        Set<String> exposed = DashboardMetrics.series(DashboardMetrics.declaredIn("""
                Counter.builder("flowwatch.relay.published").register(registry);
                registry.counter("flowwatch.ingest.events", "status", s);
                Timer.builder("flowwatch.alert.evaluation.batch").publishPercentileHistogram().register(registry);
                DistributionSummary.builder("flowwatch.batch.size").register(registry);
                Gauge.builder("flowwatch.poller.last.success.timestamp", state, f).baseUnit("seconds").register(registry);
                """));
        assertEquals(new TreeSet<>(List.of("flowwatch_relay_published_total", "flowwatch_ingest_events_total",
                "flowwatch_alert_evaluation_batch_seconds_count", "flowwatch_alert_evaluation_batch_seconds_sum",
                "flowwatch_alert_evaluation_batch_seconds_max", "flowwatch_alert_evaluation_batch_seconds_bucket",
                "flowwatch_batch_size_count", "flowwatch_batch_size_sum", "flowwatch_batch_size_max",
                "flowwatch_poller_last_success_timestamp_seconds")), exposed);
        assertEquals(Set.of("flowwatch_relay_published", "flowwatch_batch_size_bucket"), DashboardMetrics.referenced(
                "sum by (status, le) (rate(flowwatch_relay_published{status=\"x\", le!~\"a|b\"}[$__rate_interval]))"
                        + " / on (le) histogram_quantile(0.95, flowwatch_batch_size_bucket[5m]) and time() > bool 3"));
        assertFalse(exposed.contains("flowwatch_relay_published"), "a counter without _total is not a series");
        assertFalse(exposed.contains("flowwatch_batch_size_bucket"), "no buckets without a percentile histogram");
    }
}
