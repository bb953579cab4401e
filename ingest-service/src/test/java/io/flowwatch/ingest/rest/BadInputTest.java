package io.flowwatch.ingest.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.flowwatch.events.Problem;
import io.flowwatch.ingest.support.Api;
import io.flowwatch.ingest.support.TestDb;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad input is refused with an RFC 9457 problem that names the field (and line), never a 500, and
 * nothing of the request is stored: the row counts of the log, the outbox and the figures are the same after.
 */
@QuarkusTest
class BadInputTest {

    private static final String BTC = "format=farside-flows&asset=BTC&kind=us-spot-etf&source=bad-input-test";

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/api/v1/events")
    URI eventsUri;

    /** Runs the request, checks status and problem type, and that no row was written. */
    private ValidatableResponse refused(int status, Supplier<io.restassured.response.Response> request) {
        TestDb db = new TestDb(dataSource);
        TestDb.Counts before = db.counts();
        ValidatableResponse response = request.get().then()
                .statusCode(status)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(status))
                .body("type", startsWith(Problem.TYPE_BASE))
                .body("title", org.hamcrest.Matchers.notNullValue());
        assertEquals(before, db.counts(), "nothing stored");
        return response;
    }

    private static String flow(String product, String date, String amount) {
        return "{\"type\":\"flowwatch.fund-flow.v1\",\"source\":\"bad-input-test\",\"data\":{\"product\":\"" + product
                + "\",\"tradingDate\":\"" + date + "\",\"netFlowUsd\":" + amount + "}}";
    }

    private static String quote(String instrument, int second) {
        return "{\"type\":\"flowwatch.quote.v1\",\"source\":\"bad-input-test\",\"data\":{\"instrument\":\"" + instrument
                + "\",\"time\":\"2026-01-29T00:00:" + String.format("%02d", second % 60) + "Z\",\"priceUsd\":1}}";
    }

    @Test
    void unknownTickerIsNamed() {
        refused(422, () -> Api.push(flow("NOPE", "2026-01-29", "1000")))
                .body("errors[0].field", equalTo("/data/product"))
                .body("errors[0].value", equalTo("NOPE"))
                .body("errors[0].reason", containsString("unknown ticker NOPE"));
        refused(422, () -> Api.importFile(BTC, "Date,IBIT,NOPE,Total\n29 Jan 2026,1.0,2.0,3.0\n".getBytes()))
                .body("errors[0].field", equalTo("header"))
                .body("errors[0].line", equalTo(1))
                .body("errors[0].reason", containsString("unknown ticker NOPE"));
    }

    @Test
    void aSaturdayIsNotATradingDay() {
        refused(422, () -> Api.push(flow("IBIT", "2026-01-24", "1000")))
                .body("errors[0].field", equalTo("/data/tradingDate"))
                .body("errors[0].reason", containsString("SATURDAY"));
        refused(422, () -> Api.importFile(BTC, "Date,IBIT,Total\n23 Jan 2026,1.0,1.0\n24 Jan 2026,2.0,2.0\n".getBytes()))
                .body("errors[0].field", equalTo("Date"))
                .body("errors[0].line", equalTo(3))
                .body("errors[0].value", equalTo("24 Jan 2026"))
                .body("errors[0].reason", containsString("not a US trading day"));
    }

    @Test
    void aTotalThatDoesNotAddUpRefusesTheFile() {
        refused(422, () -> Api.importFile(BTC, "Date,IBIT,FBTC,Total\n29 Jan 2026,(10.0),(5.0),(16.0)\n".getBytes()))
                .body("errors[0].field", equalTo("Total"))
                .body("errors[0].line", equalTo(2))
                .body("errors[0].reason", containsString("differs from the sum"));
    }

    @Test
    void nanIsNotANumber() {
        refused(422, () -> Api.importFile("format=quotes&source=bad-input-test",
                "time,instrument,price_usd,market_cap_usd\n2026-01-29T00:00:00Z,BTC,NaN,\n".getBytes()))
                .body("errors[0].field", equalTo("price_usd"))
                .body("errors[0].line", equalTo(2))
                .body("errors[0].reason", containsString("NaN"));
        refused(422, () -> Api.push(flow("IBIT", "2026-01-29", "\"NaN\"")))
                .body("errors[0].field", equalTo("/data/netFlowUsd"))
                .body("errors[0].value", equalTo("NaN"));
        // A bare NaN is not JSON at all.
        refused(400, () -> Api.push(flow("IBIT", "2026-01-29", "NaN"))).body("errors[0].field", equalTo("body"));
    }

    @Test
    void malformedJsonIsA400NamingWhere() {
        refused(400, () -> Api.push("{\"type\": \"flowwatch.quote.v1\", \"data\": {"))
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].reason", containsString("line 1"));
        refused(400, () -> Api.push("{\"a\":1} {\"b\":2}")).body("errors[0].reason", containsString("malformed JSON"));
        refused(400, () -> Api.push("{\"type\":\"x\",\"type\":\"y\"}")).body("errors[0].reason", containsString("Duplicate field"));
    }

    @Test
    void wrongTypesAreNamedByPointer() {
        refused(422, () -> Api.push(flow("IBIT", "2026-01-29", "true")))
                .body("errors[0].field", equalTo("/data/netFlowUsd"));
        refused(422, () -> Api.push("{\"type\":\"flowwatch.fund-flow.v1\",\"data\":{\"product\":\"IBIT\","
                + "\"tradingDate\":20260129,\"netFlowUsd\":1}}"))
                .body("errors[0].field", equalTo("/data/tradingDate"));
        refused(422, () -> Api.push("{\"type\":\"flowwatch.quote.v1\",\"id\":\"not-a-uuid\",\"data\":{\"instrument\":\"BTC\","
                + "\"time\":\"2026-01-29T00:00:00Z\",\"priceUsd\":1}}"))
                .body("errors[0].field", equalTo("/id"));
        refused(422, () -> Api.push("{\"type\":\"flowwatch.nothing.v1\",\"data\":{}}"))
                .body("errors[0].field", equalTo("/type"));
        refused(422, () -> Api.push("[1, 2]")).body("errors[0].field", equalTo("/0"));
        refused(422, () -> Api.push("\"an event\""));
    }

    @Test
    void aMismatchWithTheRegistryIsRefused() {
        refused(422, () -> Api.push("{\"type\":\"flowwatch.fund-flow.v1\",\"data\":{\"product\":\"IBIT\",\"asset\":\"ETH\","
                + "\"tradingDate\":\"2026-01-29\",\"netFlowUsd\":1}}"))
                .body("errors[0].field", equalTo("/data/asset"))
                .body("errors[0].reason", containsString("IBIT is a BTC fund"));
    }

    @Test
    void numbersOutOfRangeAreRefused() {
        refused(422, () -> Api.push(flow("IBIT", "2026-01-29", "1e20")))
                .body("errors[0].field", equalTo("/data/netFlowUsd"))
                .body("errors[0].reason", containsString("out of range"));
        refused(422, () -> Api.push("{\"type\":\"flowwatch.quote.v1\",\"data\":{\"instrument\":\"BTC\","
                + "\"time\":\"2026-01-29T00:00:00Z\",\"priceUsd\":-5}}"))
                .body("errors[0].field", equalTo("/data/priceUsd"));
        refused(422, () -> Api.push(flow("IBIT", "2126-01-29", "1")))
                .body("errors[0].field", equalTo("/data/tradingDate"));
    }

    @Test
    void oneBadEventRefusesTheWholeBatch() {
        String batch = "{\"events\":[" + quote("BADBATCH", 1) + "," + flow("IBIT", "2026-01-31", "1") + "," + quote("BADBATCH", 2) + "]}";
        refused(422, () -> Api.push(batch))
                .body("errors.size()", equalTo(1))
                .body("errors[0].field", equalTo("/events/1/data/tradingDate"))
                .body("detail", containsString("nothing was stored"));
    }

    @Test
    void emptyBodiesAreRefused() {
        refused(400, () -> Api.push("")).body("errors[0].field", equalTo("body"));
        refused(400, () -> Api.push("   \n")).body("errors[0].field", equalTo("body"));
        refused(400, () -> Api.importFile("format=quotes", new byte[0])).body("errors[0].field", equalTo("body"));
        refused(422, () -> Api.push("{\"events\":[]}")).body("errors[0].field", equalTo("/events"));
    }

    @Test
    void moreThanTenThousandEventsIsTooLarge() {
        StringJoiner events = new StringJoiner(",", "{\"events\":[", "]}");
        for (int i = 0; i < 10_001; i++) {
            events.add(quote("TOOMANY", i));
        }
        refused(413, () -> Api.push(events.toString()))
                .body("errors[0].field", equalTo("/events"))
                .body("errors[0].reason", containsString("10001"));
    }

    @Test
    void aFloodOfEmptyValuesIsTooLargeWhileItIsParsed() {
        // 1.2 MB of {},{},…: 800,000 tokens. 15 MB of it ran the service out of memory (the tree, not the bytes).
        String flood = "{\"events\":[" + "{},".repeat(399_999) + "{}]}";
        refused(413, () -> Api.push(flood))
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].reason", containsString("at most 640000 JSON tokens per request"));
    }

    @Test
    void aJsonLinesLineOfTooManyTokensIsNamed() {
        String good = quote("JSONLFLOOD", 1).replace("bad-input-test", "jsonl-test");
        String lines = good + "\n[" + "{},".repeat(600) + "{}]\n";
        refused(422, () -> Api.importFile("format=jsonl", "application/x-ndjson", lines.getBytes()))
                .body("errors[0].line", equalTo(2))
                .body("errors[0].reason", containsString("more than 1000 JSON tokens in one line"));
    }

    @Test
    void aBodyOverSixteenMegabytesIsTooLarge() throws Exception {
        byte[] body = new byte[17 * 1024 * 1024];
        Arrays.fill(body, (byte) ' ');
        body[0] = '[';
        body[body.length - 1] = ']';
        TestDb db = new TestDb(dataSource);
        TestDb.Counts before = db.counts();
        // Plain java.net.http: RestAssured takes seconds to send a body this size.
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(eventsUri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        assertEquals(Problem.MEDIA_TYPE, response.headers().firstValue("Content-Type").orElse(""));
        JsonPath problem = JsonPath.from(response.body());
        assertEquals(413, problem.getInt("status"));
        assertEquals("body", problem.getString("errors[0].field"));
        assertEquals(before, db.counts(), "nothing stored");
    }

    @Test
    void anImportOfMoreLinesThanTheServiceCanHoldIsTooLarge() {
        // 50,001 lines of short quote rows: 2.1 MB, far below the byte limit, but a file several times this size ran
        // the service out of memory.
        StringBuilder csv = new StringBuilder("time,instrument,price_usd,market_cap_usd\n");
        Instant first = Instant.parse("2026-01-05T00:00:00Z");
        for (int row = 0; row < 50_000; row++) {
            csv.append(first.plusSeconds(row)).append(",TOTAL,,").append(3_000_000_000_000L + row).append('\n');
        }
        TestDb db = new TestDb(dataSource);
        TestDb.Counts before = db.counts();
        refused(413, () -> Api.importFile("format=quotes", csv.toString().getBytes(StandardCharsets.UTF_8)))
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].reason", containsString("at most 50000 lines per import, found 50001"));
        assertEquals(before, db.counts(), "nothing stored");
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] latin1 = "Date,IBIT,Total\n29 Jan 2026,1.0,1.0 \u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        refused(422, () -> Api.importFile(BTC, latin1))
                .body("errors[0].field", equalTo("file"))
                .body("errors[0].reason", containsString("not valid UTF-8"));
        byte[] json = flow("IBIT", "2026-01-29", "1").replace("IBIT", "IB\u00c9T").getBytes(StandardCharsets.ISO_8859_1);
        refused(400, () -> Api.given().contentType("application/json").body(json).when().post("/api/v1/events"))
                .body("errors[0].reason", containsString("not valid UTF-8"));
        refused(415, () -> Api.importFile(BTC, "text/csv; charset=windows-1252", latin1))
                .body("detail", containsString("windows-1252"));
    }

    @Test
    void aSemicolonSeparatedCsvIsRefused() {
        refused(422, () -> Api.importFile("format=quotes&source=bad-input-test",
                "time;instrument;price_usd;market_cap_usd\n2026-01-29T00:00:00Z;BTC;1;\n".getBytes()))
                .body("errors[0].field", equalTo("header"))
                .body("errors[0].line", equalTo(1))
                .body("errors[0].reason", containsString("';'"));
    }

    @Test
    void unknownFormatAndMissingParametersAre400s() {
        byte[] file = "Date,IBIT,Total\n29 Jan 2026,1.0,1.0\n".getBytes();
        refused(400, () -> Api.importFile("format=excel", file))
                .body("errors[0].field", equalTo("format"))
                .body("errors[0].reason", containsString("farside-flows"));
        refused(400, () -> Api.importFile("kind=us-spot-etf", file)).body("errors[0].field", equalTo("format"));
        refused(400, () -> Api.importFile("format=farside-flows&kind=us-spot-etf", file))
                .body("errors[0].field", equalTo("asset"));
        refused(400, () -> Api.importFile("format=farside-flows&asset=BTC", file))
                .body("errors[0].field", equalTo("kind"));
        refused(400, () -> Api.importFile(BTC + "&partial=maybe", file)).body("errors[0].field", equalTo("partial"));
    }

    @Test
    void unsupportedMediaTypeAndUnknownPathsAreProblems() {
        refused(415, () -> Api.given().contentType("text/plain").body("{}").when().post("/api/v1/events"));
        refused(415, () -> Api.importFile("format=quotes", "image/png", new byte[] {1, 2, 3}));
        refused(404, () -> Api.given().when().get("/api/v1/nothing-here"));
        refused(405, () -> Api.given().when().delete("/api/v1/events"));
        refused(404, () -> Api.given().when().get("/api/v1/events/" + UUID.randomUUID()));
        refused(400, () -> Api.given().when().get("/api/v1/events/not-a-uuid")).body("errors[0].field", equalTo("id"));
    }

    @Test
    void jsonLinesNameTheLineAtFault() {
        String good = quote("JSONLBAD", 1).replace("bad-input-test", "jsonl-test");
        String lines = good + "\n{\"type\":\"flowwatch.quote.v1\"\n" + flow("IBIT", "2026-01-25", "1") + "\n";
        refused(422, () -> Api.importFile("format=jsonl", "application/x-ndjson", lines.getBytes()))
                .body("errors.line", equalTo(List.of(2, 3)))
                .body("errors[1].field", equalTo("/data/tradingDate"));
    }

    @Test
    void partialStoresTheGoodRowsAndReportsTheBadOnes() {
        String source = "partial-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] file = ("time,instrument,price_usd,market_cap_usd\n"
                + "2026-01-29T00:00:00Z,PARTIAL,1.5,\n"
                + "2026-01-29T01:00:00Z,PARTIAL,abc,\n"
                + "2026-01-29T02:00:00Z,PARTIAL,1.7,\n"
                + "2026-01-29T03:00:00Z,PARTIAL,,\n"
                + "2026-01-29T04:00:00Z,PARTIAL,1.9,5\n").getBytes();
        String query = "format=quotes&source=" + source;
        refused(422, () -> Api.importFile(query, file))
                .body("errors.line", equalTo(List.of(3, 5)))
                .body("errors.field", hasItem("price_usd"));

        TestDb db = new TestDb(dataSource);
        long before = db.count("SELECT count(*) FROM event_log WHERE source = ?", source);
        Api.importFile(query + "&partial=true", file).then()
                .statusCode(200)
                .body("rowsRead", equalTo(5))
                .body("eventsAccepted", equalTo(3))
                .body("rowsRejected", equalTo(2))
                .body("errors.line", equalTo(List.of(3, 5)))
                .body("errors[0].value", equalTo("abc"))
                .body("ids.size()", equalTo(3));
        assertEquals(before + 3, db.count("SELECT count(*) FROM event_log WHERE source = ?", source));
        assertEquals(3, db.count("SELECT count(*) FROM outbox o JOIN event_log e ON e.id = o.event_id WHERE e.source = ?", source));
    }

    @Test
    void aFileThatCannotBeReadIsRefusedEvenWithPartial() {
        refused(422, () -> Api.importFile(BTC + "&partial=true", "Date,IBIT,NOPE,Total\n29 Jan 2026,1.0,2.0,3.0\n".getBytes()))
                .body("errors[0].field", equalTo("header"))
                .body("detail", containsString("cannot be imported"));
    }
}
