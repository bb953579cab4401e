package io.flowwatch.gateway.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The seed week, end to end and as a user does it: the demo rules and the seven files go in through the
 * gateway; every figure of the scenario's README comes back out of the API exactly, and exactly the README's
 * alerts arrive — signed webhooks and e-mails, once per alert id — and no others. Then the dashboard is
 * checked in a real headless Chromium.
 */
@QuarkusTest
@TestProfile(SystemProfile.class)
class SeedWeekAcceptanceTest {

    private static final Path SEED = Path.of(System.getProperty("flowwatch.seed-week.dir", "../deploy/demo/seed-week"));
    private static final RestAssuredConfig EXACT = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));

    /** The README's alert table: rule id → the (New York) dates it fires for. */
    private static final Map<String, Set<String>> EXPECTED_ALERTS = Map.of(
            "btc-daily-outflow-500m", Set.of("2025-11-13", "2025-11-20", "2026-01-21", "2026-01-29"),
            "btc-daily-outflow-record-60d", Set.of("2026-01-21", "2026-01-29"),
            "btc-month-to-date-below-zero",
            Set.of("2025-12-01", "2025-12-04", "2025-12-15", "2025-12-18", "2026-01-09", "2026-01-21"),
            "btc-outflow-streak-3d", Set.of("2025-11-17", "2025-12-22", "2026-01-08", "2026-01-21", "2026-01-29"),
            "crypto-market-cap-down-5pct-24h", Set.of("2026-01-29"),
            "gold-down-3pct-24h", Set.of("2026-01-29"),
            "hyperliquid-long-liquidations-50m-4h", Set.of("2026-01-29"));
    private static final int EXPECTED_ALERT_COUNT = EXPECTED_ALERTS.values().stream().mapToInt(Set::size).sum();

    private static final String NEWS = "US spot Bitcoin ETFs: net outflow of $817.9M on 2026-01-29, the largest daily "
            + "outflow since 2025-11-20; week to date \u2212$978.0M";

    private final ObjectMapper json = new ObjectMapper();

    /** A JSON number equal to the decimal, however the parser typed it (no binary rounding involved). */
    private static org.hamcrest.Matcher<Object> exactly(String decimal) {
        BigDecimal expected = new BigDecimal(decimal);
        return new org.hamcrest.TypeSafeMatcher<>(Object.class) {
            @Override
            protected boolean matchesSafely(Object actual) {
                return actual instanceof Number && new BigDecimal(actual.toString()).compareTo(expected) == 0;
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("exactly " + decimal);
            }
        };
    }

    private static String adminKey() throws Exception {
        return Files.readString(Path.of("target/admin-api-key")).trim();
    }

    private static RequestSpecification api(String key) {
        return given().config(EXACT).header("X-API-Key", key);
    }

    @Test
    void theSeedWeekYieldsEveryFigureAndExactlyTheExpectedAlerts() throws Exception {
        String admin = adminKey();
        api(admin).when().post("/api/v1/rules/demo").then().statusCode(org.hamcrest.Matchers.lessThan(300));

        importFile(admin, "farside-flows", "btc-spot-etf-flows.csv", "asset=BTC&kind=us-spot-etf&source=farside", 467);
        importFile(admin, "farside-flows", "eth-spot-etf-flows.csv", "asset=ETH&kind=us-spot-etf&source=farside", 26);
        importFile(admin, "farside-flows", "xrp-spot-etf-flows.csv", "asset=XRP&kind=us-spot-etf&source=farside", 16);
        importFile(admin, "farside-flows", "sol-spot-etf-flows.csv", "asset=SOL&kind=us-spot-etf&source=farside", 21);
        importFile(admin, "quotes", "quotes.csv", "source=coingecko", 310);
        importFile(admin, "holdings", "holdings.csv", "", 3);
        importFile(admin, "liquidations", "liquidations.csv", "source=hyperliquid", 79);

        // The four files' events reach analytics in import order, but the BTC figures being right says nothing of
        // whether the later ETH, XRP and SOL events are applied yet: every asset's figures are awaited together.
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            api(admin).queryParam("asset", "BTC").queryParam("kind", "us-spot-etf").queryParam("date", "2026-01-29")
                    .when().get("/api/v1/flows/summary")
                    .then().statusCode(200)
                    .body("net", exactly("-817900000"))
                    .body("weekToDate", exactly("-978000000"))
                    .body("monthToDate", exactly("-1100000000"))
                    .body("streak.direction", equalTo("outflow"))
                    .body("streak.days", exactly(String.valueOf(3)))
                    .body("record.since", equalTo("2025-11-20"))
                    .body("record.daysSince", exactly(String.valueOf(70)))
                    .body("record.lastLarger", exactly("-903100000"));
            BigDecimal eth = net(admin, "ETH", "2026-01-29");
            assertEquals(0, new BigDecimal("-155600000").compareTo(eth), "ETH: " + eth);
            assertEquals(0, new BigDecimal("-973500000").compareTo(eth.add(net(admin, "BTC", "2026-01-29"))));
            assertEquals(0, new BigDecimal("-92900000").compareTo(net(admin, "XRP", "2026-01-29")));
            assertEquals(0, new BigDecimal("-2200000").compareTo(net(admin, "SOL", "2026-01-29")));
            api(admin).queryParam("asset", "SOL").queryParam("kind", "us-spot-etf").queryParam("date", "2026-01-29")
                    .when().get("/api/v1/flows/summary").then().statusCode(200)
                    .body("weekToDate", exactly("7800000"));
        });

        BigDecimal previousWeek = api(admin).queryParam("asset", "BTC").queryParam("kind", "us-spot-etf")
                .queryParam("from", "2026-01-19").queryParam("to", "2026-01-23")
                .when().get("/api/v1/flows/daily").then().statusCode(200)
                .extract().jsonPath().getList("net", BigDecimal.class).stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, new BigDecimal("-1263600000").compareTo(previousWeek), "the week before: " + previousWeek);

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            quoteChange(admin, "TOTAL", "-6.00");
            quoteChange(admin, "XAU", "-4.00");
            quoteChange(admin, "MSFT", "-10.00");
            share(admin, "us-spot-etf:BTC", "2026-01-29", "6.52");
            share(admin, "us-spot-etf:ETH", "2026-01-29", "5.08");
            share(admin, "all-etp:ALL", "2026-01-23", "5.70");
            api(admin).queryParam("venue", "hyperliquid").queryParam("side", "long").queryParam("window", "4h")
                    .queryParam("date", "2026-01-29").when().get("/api/v1/liquidations/window")
                    .then().statusCode(200)
                    .body("total", exactly("87100000"))
                    .body("start", equalTo("2026-01-29T13:00:00Z"));
        });
        api(admin).queryParam("instrument", "TOTAL").queryParam("window", "24h").queryParam("at", "2026-01-29T20:00:00Z")
                .when().get("/api/v1/quotes/change").then().statusCode(200)
                .body("from", exactly("3106400000000"))
                .body("to", exactly("2920000000000"));

        assertExactlyTheExpectedAlerts();

        runDashboardInBrowser(admin);
    }

    private void importFile(String key, String format, String file, String query, int expectedEvents) throws Exception {
        byte[] body = Files.readAllBytes(SEED.resolve(file));
        api(key).contentType("text/csv; charset=UTF-8").body(body)
                .when().post("/api/v1/imports?format=" + format + (query.isEmpty() ? "" : "&" + query))
                .then().statusCode(200)
                .body("rowsRejected", exactly("0"))
                .body("eventsAccepted", exactly(String.valueOf(expectedEvents)));
    }

    private static BigDecimal net(String key, String asset, String date) {
        return api(key).queryParam("asset", asset).queryParam("kind", "us-spot-etf").queryParam("date", date)
                .when().get("/api/v1/flows/summary").then().statusCode(200).extract().jsonPath().getObject("net",
                        BigDecimal.class);
    }

    private static void quoteChange(String key, String instrument, String percent) {
        api(key).queryParam("instrument", instrument).queryParam("window", "24h")
                .queryParam("at", "2026-01-29T20:00:00Z").when().get("/api/v1/quotes/change")
                .then().statusCode(200).body("percent", exactly(percent));
    }

    private static void share(String key, String scope, String date, String percent) {
        api(key).queryParam("scope", scope).queryParam("date", date).when().get("/api/v1/holdings/share")
                .then().statusCode(200).body("share", exactly(percent));
    }

    private void assertExactlyTheExpectedAlerts() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                distinctWebhookIds() >= EXPECTED_ALERT_COUNT
                        && RunningSystem.mailServer.getReceivedMessages().length >= EXPECTED_ALERT_COUNT);
        // Let anything unexpected that is still on its way arrive before judging.
        TimeUnit.SECONDS.sleep(3);

        Map<String, Set<String>> fired = new TreeMap<>();
        boolean webhookNews = false;
        Set<String> ids = new HashSet<>();
        for (LoggedRequest request : RunningSystem.webhookReceiver.findAll(
                com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/hooks/demo")))) {
            String id = request.getHeader("webhook-id");
            String timestamp = request.getHeader("webhook-timestamp");
            String body = request.getBodyAsString();
            assertTrue(request.getHeader("webhook-signature").contains(sign(id, timestamp, body)),
                    "Standard Webhooks signature of " + id);
            if (!ids.add(id)) {
                continue;
            }
            JsonNode notification = json.readTree(body);
            webhookNews |= body.contains(NEWS);
            for (JsonNode alert : notification.has("alerts") ? notification.get("alerts") : List.of(notification)) {
                String rule = alert.path("rule").path("id").asText(alert.path("ruleId").asText());
                LocalDate date = Instant.parse(alert.get("at").asText()).atZone(ZoneId.of("America/New_York"))
                        .toLocalDate();
                fired.computeIfAbsent(rule, r -> new TreeSet<>()).add(date.toString());
            }
        }
        assertEquals(new TreeMap<>(EXPECTED_ALERTS.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                Map.Entry::getKey, e -> new TreeSet<>(e.getValue())))), fired, "alerts by rule and date");
        assertEquals(EXPECTED_ALERT_COUNT, ids.size(), "one webhook id per alert");
        assertTrue(webhookNews, "the record alert's webhook reads like the news");

        MimeMessage[] mails = RunningSystem.mailServer.getReceivedMessages();
        Set<String> messageIds = new HashSet<>();
        for (MimeMessage mail : mails) {
            messageIds.add(mail.getMessageID());
        }
        assertEquals(EXPECTED_ALERT_COUNT, messageIds.size(), "one e-mail per alert");
        boolean newsSentence = false;
        for (MimeMessage mail : mails) {
            newsSentence |= text(mail).contains(NEWS);
        }
        assertTrue(newsSentence, "the record alert reads like the news");
    }

    /** The decoded text of a message, all its text parts together. */
    private static String text(jakarta.mail.Part part) throws Exception {
        Object content = part.getContent();
        if (content instanceof jakarta.mail.Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(text(multipart.getBodyPart(i))).append('\n');
            }
            return all.toString();
        }
        return String.valueOf(content);
    }

    private long distinctWebhookIds() {
        return RunningSystem.webhookReceiver.getAllServeEvents().stream()
                .map(event -> event.getRequest().getHeader("webhook-id")).filter(java.util.Objects::nonNull)
                .distinct().count();
    }

    private static String sign(String id, String timestamp, String body) throws Exception {
        byte[] key = Base64.getDecoder().decode(RunningSystem.WEBHOOK_SECRET.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    /** The dashboard in Debian's Chromium through playwright-core (installed by ./flowwatch test). */
    private void runDashboardInBrowser(String admin) throws Exception {
        String reader = api(admin).contentType("application/json").body("{\"name\":\"dashboard-test\",\"role\":\"reader\"}")
                .when().post("/api/v1/keys").then().statusCode(201).extract().path("key");
        Path dir = Path.of("src/test/dashboard").toAbsolutePath();
        Path screenshot = Path.of("target/dashboard.png").toAbsolutePath();
        ProcessBuilder node = new ProcessBuilder("node", "--test", "dashboard.test.mjs")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target/dashboard-test.log").toFile());
        node.environment().put("FLOWWATCH_URL", "http://127.0.0.1:" + io.restassured.RestAssured.port);
        node.environment().put("FLOWWATCH_ADMIN_KEY", admin);
        node.environment().put("FLOWWATCH_READER_KEY", reader);
        node.environment().put("FLOWWATCH_SCREENSHOT", screenshot.toString());
        Process process = node.start();
        boolean finished = process.waitFor(3, TimeUnit.MINUTES);
        String log = Files.readString(Path.of("target/dashboard-test.log"));
        if (!finished) {
            process.destroyForcibly();
        }
        assertTrue(finished && process.exitValue() == 0, "the dashboard test in Chromium failed:\n" + log);
        assertTrue(Files.size(screenshot) > 10_000, "a screenshot is kept at " + screenshot);
    }
}
