package io.flowwatch.gateway.system;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The table of malformed and hostile requests that {@link HostileInputTest} sends through the gateway. Each row: a
 * name, the request (method, path with query, content type, body as bytes), the 4xx status it must get and a piece
 * of text the problem must contain in its detail or in one of its errors (field, line or reason), so that it names
 * the cause. Bodies are suppliers so that the large ones exist only while they are sent.
 */
final class HostileInputs {

    /** One hostile request and what it must get. {@code apiKey} null means the admin key. */
    record Case(String name, String method, String target, String contentType, Supplier<byte[]> body, int status,
            String cause, String apiKey) {

        Case withKey(String key) {
            return new Case(name, method, target, contentType, body, status, cause, key);
        }
    }

    static final String JSON = "application/json";
    static final String CSV = "text/csv; charset=UTF-8";
    static final String NDJSON = "application/x-ndjson";

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    // Strings an attacker tries in every parameter.
    static final String SQL = "' OR '1'='1' --";
    static final String SQL_DROP = "1; DROP TABLE rule;--";
    static final String SCRIPT = "<script>alert(1)</script>";
    static final String TRAVERSAL = "../../../../etc/passwd";
    static final String LOG_FORGERY = "x\r\n2026-01-29 12:00:00 INFO [admin] login ok";

    private HostileInputs() {}

    // ---- bodies -------------------------------------------------------------------------------------------------

    static Supplier<byte[]> text(String text) {
        return () -> text.getBytes(StandardCharsets.UTF_8);
    }

    static Supplier<byte[]> bom(String text) {
        return () -> concat(BOM, text.getBytes(StandardCharsets.UTF_8));
    }

    /** UTF-16 little endian with its byte order mark, as Windows tools write "Unicode" text. */
    static Supplier<byte[]> utf16(String text) {
        return () -> concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE));
    }

    /** Raw bytes (such as invalid UTF-8) between two pieces of text. */
    static Supplier<byte[]> bytes(String before, int[] raw, String after) {
        return () -> {
            byte[] middle = new byte[raw.length];
            for (int i = 0; i < raw.length; i++) {
                middle[i] = (byte) raw[i];
            }
            return concat(before.getBytes(StandardCharsets.UTF_8), middle, after.getBytes(StandardCharsets.UTF_8));
        };
    }

    static Supplier<byte[]> nested(int depth) {
        return text("[".repeat(depth) + "]".repeat(depth));
    }

    static Supplier<byte[]> nestedObject(int depth) {
        return text("{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
    }

    /** {@code size} bytes: an opening bracket and then spaces, so that only the size is wrong until the end. */
    static Supplier<byte[]> oversized(int size) {
        return () -> {
            byte[] body = new byte[size];
            Arrays.fill(body, (byte) ' ');
            body[0] = '[';
            return body;
        };
    }

    static Supplier<byte[]> csvRows(String header, String row, int rows) {
        return () -> {
            StringBuilder all = new StringBuilder(header).append('\n');
            for (int i = 0; i < rows; i++) {
                all.append(row).append('\n');
            }
            return all.toString().getBytes(StandardCharsets.UTF_8);
        };
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A JSON string literal of the text (quotes, backslashes and control characters escaped). */
    static String js(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Percent-encodes a query or path parameter value. */
    static String q(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---- templates of otherwise valid bodies --------------------------------------------------------------------

    static String flow(String product, String tradingDate, String netFlowUsd) {
        return """
                {"specversion":"1.0","id":"6f1d0c1e-0000-4000-8000-000000000001","type":"flowwatch.fund-flow.v1",
                 "source":"api","time":"2026-02-03T01:00:00Z","subject":"%1$s",
                 "data":{"product":"%1$s","asset":"BTC","productKind":"us-spot-etf","tradingDate":%2$s,
                         "netFlowUsd":%3$s}}""".formatted(product, tradingDate, netFlowUsd);
    }

    static String flowNet(String netFlowUsd) {
        return flow("IBIT", "\"2026-02-02\"", netFlowUsd);
    }

    static String flowDate(String tradingDate) {
        return flow("IBIT", js(tradingDate), "1000000");
    }

    static String quote(String instrument, String time, String priceUsd) {
        return """
                {"specversion":"1.0","id":"6f1d0c1e-0000-4000-8000-000000000002","type":"flowwatch.quote.v1",
                 "source":"api","time":"2026-01-02T00:00:00Z","subject":"HOSTILEQ",
                 "data":{"instrument":%s,"time":%s,"priceUsd":%s}}""".formatted(js(instrument), js(time), priceUsd);
    }

    static String liquidation(String venue, String side, String notional) {
        return """
                {"specversion":"1.0","id":"6f1d0c1e-0000-4000-8000-000000000003","type":"flowwatch.liquidation.v1",
                 "source":"api","time":"2026-01-02T00:00:00Z","subject":"hostile",
                 "data":{"venue":%s,"instrument":"ETH","side":%s,"notionalUsd":%s,"time":"2026-01-02T00:00:00Z"}}"""
                .formatted(js(venue), js(side), notional);
    }

    static String withSource(String source) {
        return quote("HOSTILEQ", "2026-01-02T00:00:00Z", "1").replace("\"source\":\"api\"", "\"source\":" + js(source));
    }

    /** A rule that would be valid, on a scope that never gets data, with one part replaced. */
    static String rule(String id, String name, String metric, String condition, String severity, String extra) {
        return """
                {"id":%s,"name":%s,"metric":%s,"scope":"us-spot-etf:HOSTILE","condition":%s,"severity":%s,
                 "channels":[]%s}""".formatted(js(id), js(name), js(metric), condition, js(severity), extra);
    }

    static String ruleWithCondition(String condition) {
        return rule("hostile-rule", "hostile", "flow.daily", condition, "warning", "");
    }

    static String ruleWith(String extra) {
        return rule("hostile-rule", "hostile", "flow.daily", "{\"type\":\"threshold\",\"op\":\"lt\",\"value\":-1}",
                "warning", extra);
    }

    static String webhook(String url) {
        return "{\"id\":\"hostile-hook\",\"type\":\"webhook\",\"url\":" + js(url) + "}";
    }

    static String email(String to) {
        return "{\"id\":\"hostile-mail\",\"type\":\"email\",\"to\":[" + js(to) + "]}";
    }

    static String silence(String matchers, String timing, String extra) {
        return "{\"matchers\":" + matchers + "," + timing + extra + "}";
    }

    static String silenceFor(String timing) {
        return silence("[{\"label\":\"rule\",\"op\":\"=\",\"value\":\"hostile-rule\"}]", timing, "");
    }

    static final String FARSIDE_HEADER = "Date,IBIT,FBTC,Total";
    static final String QUOTES_HEADER = "time,instrument,price_usd,market_cap_usd";
    static final String HOLDINGS_HEADER = "date,scope,total_net_assets_usd,source";
    static final String LIQUIDATIONS_HEADER = "time,venue,instrument,side,notional_usd";
    static final String FARSIDE = "/api/v1/imports?format=farside-flows&asset=BTC&kind=us-spot-etf&source=farside";
    static final String QUOTES = "/api/v1/imports?format=quotes&source=hostile";
    static final String HOLDINGS = "/api/v1/imports?format=holdings";
    static final String LIQUIDATIONS = "/api/v1/imports?format=liquidations&source=hostile";
    static final String JSONL = "/api/v1/imports?format=jsonl";

    // ---- the table ----------------------------------------------------------------------------------------------

    static List<Case> all() {
        List<Case> t = new ArrayList<>();

        // POST /events: bodies that are not one event, a batch or an array of events
        t.add(post("events: empty body", "/api/v1/events", JSON, text(""), 400, "body"));
        t.add(post("events: whitespace only", "/api/v1/events", JSON, text("  \n\t "), 400, "body"));
        t.add(post("events: not JSON", "/api/v1/events", JSON, text("hello, world"), 400, "malformed JSON"));
        t.add(post("events: truncated JSON", "/api/v1/events", JSON, text(flowNet("1").substring(0, 120)), 400,
                "malformed JSON"));
        t.add(post("events: JSON null", "/api/v1/events", JSON, text("null"), 422, "null"));
        t.add(post("events: a number", "/api/v1/events", JSON, text("42"), 422, "number"));
        t.add(post("events: a string", "/api/v1/events", JSON, text("\"event\""), 422, "string"));
        t.add(post("events: empty array", "/api/v1/events", JSON, text("[]"), 422, "at least one event"));
        t.add(post("events: events is an object", "/api/v1/events", JSON, text("{\"events\":{}}"), 422, "/events"));
        t.add(post("events: array of numbers", "/api/v1/events", JSON, text("[1,2,3]"), 422, "/0"));
        t.add(post("events: 10,000 levels of arrays", "/api/v1/events", JSON, nested(10_000), 400, "nesting depth"));
        t.add(post("events: 10,000 levels of objects", "/api/v1/events", JSON, nestedObject(10_000), 400,
                "nesting depth"));
        t.add(post("events: duplicate key netFlowUsd", "/api/v1/events", JSON,
                text(flowNet("1000000").replace("\"netFlowUsd\":1000000", "\"netFlowUsd\":1000000,\"netFlowUsd\":-9")),
                400, "duplicate field 'netFlowUsd'"));
        t.add(post("events: trailing garbage", "/api/v1/events", JSON, text(flowNet("1") + " {}"), 400,
                "malformed JSON"));
        t.add(post("events: NaN literal", "/api/v1/events", JSON, text(flowNet("NaN")), 400, "NaN"));
        t.add(post("events: Infinity literal", "/api/v1/events", JSON, text(flowNet("Infinity")), 400, "Infinity"));
        t.add(post("events: -Infinity literal", "/api/v1/events", JSON, text(flowNet("-Infinity")), 400, "Infinity"));
        t.add(post("events: \"NaN\" as a string", "/api/v1/events", JSON, text(flowNet("\"NaN\"")), 422,
                "/data/netFlowUsd"));
        t.add(post("events: amount as a word", "/api/v1/events", JSON, text(flowNet("\"lots\"")), 422,
                "/data/netFlowUsd"));
        t.add(post("events: amount as an object", "/api/v1/events", JSON, text(flowNet("{\"usd\":1}")), 422,
                "/data/netFlowUsd"));
        t.add(post("events: amount 1e999", "/api/v1/events", JSON, text(flowNet("1e999")), 422, "/data/netFlowUsd"));
        t.add(post("events: amount 1e999999999", "/api/v1/events", JSON, text(flowNet("1e999999999")), 422,
                "netFlowUsd"));
        t.add(post("events: amount 1e-999999999", "/api/v1/events", JSON, text(flowNet("1e-999999999")), 422,
                "netFlowUsd"));
        t.add(post("events: amount with 70 digits", "/api/v1/events", JSON, text(flowNet("9".repeat(70))), 400,
                "number"));
        t.add(post("events: amount 10^15", "/api/v1/events", JSON, text(flowNet("1000000000000000")), 422,
                "/data/netFlowUsd"));
        t.add(post("events: quote price negative zero", "/api/v1/events", JSON,
                text(quote("HOSTILEQ", "2026-01-02T00:00:00Z", "-0.0")), 422, "/data/priceUsd"));
        t.add(post("events: quote price negative", "/api/v1/events", JSON,
                text(quote("HOSTILEQ", "2026-01-02T00:00:00Z", "-5")), 422, "/data/priceUsd"));
        t.add(post("events: liquidation notional -0", "/api/v1/events", JSON, text(liquidation("hostile", "long", "-0")),
                422, "/data/notionalUsd"));
        t.add(post("events: liquidation side sideways", "/api/v1/events", JSON,
                text(liquidation("hostile", "sideways", "1")), 422, "side"));
        t.add(post("events: tradingDate a Saturday", "/api/v1/events", JSON, text(flowDate("2026-01-31")), 422,
                "not a US trading day"));
        t.add(post("events: tradingDate Christmas", "/api/v1/events", JSON, text(flowDate("2025-12-25")), 422,
                "not a US trading day"));
        t.add(post("events: tradingDate 29 Jan 2026", "/api/v1/events", JSON, text(flowDate("29 Jan 2026")), 422,
                "/data/tradingDate"));
        t.add(post("events: tradingDate 2026-02-30", "/api/v1/events", JSON, text(flowDate("2026-02-30")), 422,
                "/data/tradingDate"));
        t.add(post("events: tradingDate 1999-01-04", "/api/v1/events", JSON, text(flowDate("1999-01-04")), 422,
                "out of range"));
        t.add(post("events: tradingDate year 2999", "/api/v1/events", JSON, text(flowDate("2999-01-04")), 422,
                "out of range"));
        t.add(post("events: tradingDate year +10000", "/api/v1/events", JSON, text(flowDate("+10000-01-03")), 422,
                "/data/tradingDate"));
        t.add(post("events: tradingDate as a number", "/api/v1/events", JSON,
                text(flow("IBIT", "20260202", "1")), 422, "/data/tradingDate"));
        t.add(post("events: unknown ticker", "/api/v1/events", JSON, text(flow("NOPE", "\"2026-02-02\"", "1")), 422,
                "unknown ticker NOPE"));
        t.add(post("events: ticker SQL injection", "/api/v1/events", JSON, text(flow(SQL.replace("'", "\\u0027"),
                "\"2026-02-02\"", "1")), 422, "/data/product"));
        t.add(post("events: unknown type", "/api/v1/events", JSON,
                text(flowNet("1").replace("flowwatch.fund-flow.v1", "flowwatch.rm-rf.v1")), 422, "/type"));
        t.add(post("events: id not a UUID", "/api/v1/events", JSON,
                text(flowNet("1").replace("6f1d0c1e-0000-4000-8000-000000000001", "../../etc/passwd")), 422, "/id"));
        t.add(post("events: time not ISO", "/api/v1/events", JSON,
                text(flowNet("1").replace("2026-02-03T01:00:00Z", "03/02/2026 01:00")), 422, "/time"));
        t.add(post("events: quote time year 1970", "/api/v1/events", JSON,
                text(quote("HOSTILEQ", "1970-01-01T00:00:00Z", "1")), 422, "/data/time"));
        t.add(post("events: quote time year 3000", "/api/v1/events", JSON,
                text(quote("HOSTILEQ", "3000-01-01T00:00:00Z", "1")), 422, "/data/time"));
        t.add(post("events: instrument HTML", "/api/v1/events", JSON, text(quote(SCRIPT, "2026-01-02T00:00:00Z", "1")),
                422, "/data/instrument"));
        t.add(post("events: source log forging", "/api/v1/events", JSON, text(withSource(LOG_FORGERY)), 422,
                "/source"));
        t.add(post("events: source NUL byte", "/api/v1/events", JSON, text(withSource("api\u0000x")), 422, "/source"));
        t.add(post("events: venue path traversal", "/api/v1/events", JSON, text(liquidation(TRAVERSAL, "long", "1")),
                422, "/data/venue"));
        t.add(post("events: invalid UTF-8", "/api/v1/events", JSON,
                bytes("{\"events\":[\"", new int[] {0xC3, 0x28, 0xFF}, "\"]}"), 400, "UTF-8"));
        t.add(post("events: overlong UTF-8 slash", "/api/v1/events", JSON,
                bytes("{\"a\":\"", new int[] {0xC0, 0xAF}, "\"}"), 400, "UTF-8"));
        t.add(post("events: UTF-16 body", "/api/v1/events", JSON, utf16(flowNet("1")), 400, "UTF-8"));
        t.add(post("events: charset=UTF-16 declared", "/api/v1/events", "application/json; charset=UTF-16",
                utf16(flowNet("1")), 415, "UTF-16"));
        t.add(post("events: XML content type", "/api/v1/events", "application/xml", text("<event/>"), 415, ""));
        t.add(post("events: one bad event spoils the batch", "/api/v1/events", JSON,
                text("[" + quote("HOSTILEQ", "2026-01-02T00:00:00Z", "1") + "," + flowDate("2026-01-31") + "]"), 422,
                "/1/data/tradingDate"));
        t.add(post("events: 10,001 events", "/api/v1/events", JSON, () -> {
            String one = quote("HOSTILEQ", "2026-01-02T00:00:00Z", "1");
            return ("[" + String.join(",", java.util.Collections.nCopies(10_001, one)) + "]")
                    .getBytes(StandardCharsets.UTF_8);
        }, 413, "10000"));
        t.add(post("events: body over 16 MiB", "/api/v1/events", JSON, oversized(16 * 1024 * 1024 + 1), 413, "body"));
        // 1.2 MB, yet its tree would cost tens of bytes per token: 15 MB of it ran ingest out of memory
        t.add(post("events: 800,000 empty values", "/api/v1/events", JSON,
                text("{\"events\":[" + "{},".repeat(399_999) + "{}]}"), 413, "JSON tokens"));

        // POST /imports: parameters
        t.add(post("imports: no format", "/api/v1/imports", CSV, text("a\n"), 400, "format"));
        t.add(post("imports: unknown format", "/api/v1/imports?format=xlsx", CSV, text("a\n"), 400, "format"));
        t.add(post("imports: format path traversal", "/api/v1/imports?format=" + q(TRAVERSAL), CSV, text("a\n"), 400,
                "format"));
        t.add(post("imports: farside without asset", "/api/v1/imports?format=farside-flows&kind=us-spot-etf", CSV,
                text(FARSIDE_HEADER + "\n"), 400, "asset"));
        t.add(post("imports: farside asset SQL", "/api/v1/imports?format=farside-flows&kind=us-spot-etf&asset="
                + q(SQL), CSV, text(FARSIDE_HEADER + "\n"), 400, "asset"));
        t.add(post("imports: farside kind HTML", "/api/v1/imports?format=farside-flows&asset=BTC&kind=" + q(SCRIPT),
                CSV, text(FARSIDE_HEADER + "\n"), 400, "kind"));
        t.add(post("imports: source log forging", "/api/v1/imports?format=quotes&source=" + q(LOG_FORGERY), CSV,
                text(QUOTES_HEADER + "\n"), 400, "source"));
        t.add(post("imports: partial=maybe", QUOTES + "&partial=maybe", CSV, text(QUOTES_HEADER + "\n"), 400,
                "partial"));
        t.add(post("imports: empty body", QUOTES, CSV, text(""), 400, "body"));
        t.add(post("imports: charset=UTF-16 declared", QUOTES, "text/csv; charset=UTF-16",
                utf16(QUOTES_HEADER + "\n"), 415, "UTF-16"));
        t.add(post("imports: JSON content type", QUOTES, JSON, text(QUOTES_HEADER + "\n"), 415, ""));
        t.add(post("imports: file over 16 MiB", QUOTES, CSV,
                csvRows(QUOTES_HEADER, "2026-01-02T00:00:00Z,HOSTILEQ,1.0000000000,", 420_000), 413, "body"));

        // farside-flows
        t.add(post("farside: unknown ticker column", FARSIDE, CSV, text("Date,IBIT,NOPE,Total\n29 Jan 2026,1.0,2.0,3.0\n"),
                422, "NOPE"));
        t.add(post("farside: ticker column HTML", FARSIDE, CSV,
                text("Date,IBIT," + SCRIPT + ",Total\n29 Jan 2026,1.0,2.0,3.0\n"), 422, "header"));
        t.add(post("farside: truncated row", FARSIDE, CSV, text(FARSIDE_HEADER + "\n29 Jan 2026,(568.9)"), 422,
                "expected 4 fields"));
        t.add(post("farside: truncated inside a quote", FARSIDE, CSV,
                text(FARSIDE_HEADER + "\n29 Jan 2026,\"(568.9"), 422, "unterminated quote"));
        t.add(post("farside: semicolons", FARSIDE, CSV, text("Date;IBIT;FBTC;Total\n29 Jan 2026;1.0;2.0;3.0\n"), 422,
                "';'"));
        t.add(post("farside: tabs", FARSIDE, CSV, text("Date\tIBIT\tFBTC\tTotal\n29 Jan 2026\t1.0\t2.0\t3.0\n"), 422,
                "tab"));
        t.add(post("farside: Total does not add up", FARSIDE, CSV, text(FARSIDE_HEADER + "\n29 Jan 2026,1.0,2.0,9.9\n"),
                422, "Total"));
        t.add(post("farside: a Saturday", FARSIDE, CSV, text(FARSIDE_HEADER + "\n31 Jan 2026,1.0,2.0,3.0\n"), 422,
                "not a US trading day"));
        t.add(post("farside: date 2026/01/29", FARSIDE, CSV, text(FARSIDE_HEADER + "\n2026/01/29,1.0,2.0,3.0\n"), 422,
                "line 2"));
        t.add(post("farside: date 30 Feb 2026", FARSIDE, CSV, text(FARSIDE_HEADER + "\n30 Feb 2026,1.0,2.0,3.0\n"), 422,
                "line 2"));
        t.add(post("farside: NaN cell", FARSIDE, CSV, text(FARSIDE_HEADER + "\n29 Jan 2026,NaN,2.0,3.0\n"), 422,
                "IBIT"));
        t.add(post("farside: Infinity cell", FARSIDE, CSV, text(FARSIDE_HEADER + "\n29 Jan 2026,Infinity,2.0,3.0\n"),
                422, "IBIT"));
        t.add(post("farside: 1e999 cell", FARSIDE, CSV, text(FARSIDE_HEADER + "\n29 Jan 2026,1e999,2.0,3.0\n"), 422,
                "IBIT"));
        t.add(post("farside: 20-digit cell", FARSIDE, CSV,
                text(FARSIDE_HEADER + "\n29 Jan 2026,99999999999999999999,2.0,3.0\n"), 422, "IBIT"));
        t.add(post("farside: SQL in a cell", FARSIDE, CSV, text(FARSIDE_HEADER + "\n29 Jan 2026,\"" + SQL.replace("'",
                "''") + "\",2.0,3.0\n"), 422, "IBIT"));
        t.add(post("farside: BOM is fine, bad row still named", FARSIDE, CSV,
                bom(FARSIDE_HEADER + "\n29 Jan 2026,1.0,2.0,3.0\n31 Jan 2026,1.0,2.0,3.0\n"), 422, "line 3"));
        t.add(post("farside: header only", FARSIDE, CSV, text(FARSIDE_HEADER + "\n"), 422, "row"));
        t.add(post("farside: invalid UTF-8", FARSIDE, CSV, bytes(FARSIDE_HEADER + "\n29 Jan 2026,",
                new int[] {0xFF, 0xFE}, ",2.0,3.0\n"), 422, "UTF-8"));
        t.add(post("farside: UTF-16 file", FARSIDE, CSV, utf16(FARSIDE_HEADER + "\n29 Jan 2026,1.0,2.0,3.0\n"), 422,
                "UTF-8"));

        // quotes
        t.add(post("quotes: missing columns", QUOTES, CSV, text("time,instrument\n2026-01-02T00:00:00Z,X\n"), 422,
                "header"));
        t.add(post("quotes: time not ISO", QUOTES, CSV, text(QUOTES_HEADER + "\n29/01/2026 20:00,HOSTILEQ,1,\n"), 422,
                "time"));
        t.add(post("quotes: time year 1970", QUOTES, CSV, text(QUOTES_HEADER + "\n1970-01-01T00:00:00Z,HOSTILEQ,1,\n"),
                422, "time"));
        t.add(post("quotes: price NaN", QUOTES, CSV, text(QUOTES_HEADER + "\n2026-01-02T00:00:00Z,HOSTILEQ,NaN,\n"), 422,
                "price_usd"));
        t.add(post("quotes: price -0", QUOTES, CSV, text(QUOTES_HEADER + "\n2026-01-02T00:00:00Z,HOSTILEQ,-0,\n"), 422,
                "price"));
        t.add(post("quotes: price 1e999", QUOTES, CSV, text(QUOTES_HEADER + "\n2026-01-02T00:00:00Z,HOSTILEQ,1e999,\n"),
                422, "price_usd"));
        t.add(post("quotes: no price and no cap", QUOTES, CSV, text(QUOTES_HEADER + "\n2026-01-02T00:00:00Z,HOSTILEQ,,\n"),
                422, "line 2"));
        t.add(post("quotes: instrument SQL", QUOTES, CSV, text(QUOTES_HEADER + "\n2026-01-02T00:00:00Z,\"" + SQL.replace(
                "'", "''") + "\",1,\n"), 422, "instrument"));
        t.add(post("quotes: semicolons", QUOTES, CSV, text(QUOTES_HEADER.replace(',', ';')
                + "\n2026-01-02T00:00:00Z;HOSTILEQ;1;\n"), 422, "';'"));
        t.add(post("quotes: one bad row of two (all or nothing)", QUOTES, CSV, text(QUOTES_HEADER
                + "\n2026-01-02T00:00:00Z,HOSTILEQ,1,\n2026-01-02T01:00:00Z,HOSTILEQ,abc,\n"), 422, "line 3"));
        t.add(post("quotes: UTF-16 file", QUOTES, CSV, utf16(QUOTES_HEADER + "\n2026-01-02T00:00:00Z,HOSTILEQ,1,\n"),
                422, "UTF-8"));

        // holdings
        t.add(post("holdings: scope HTML", HOLDINGS, CSV, text(HOLDINGS_HEADER + "\n2026-01-29,"
                + SCRIPT + ",1000,sosovalue\n"), 422, "scope"));
        t.add(post("holdings: date next year", HOLDINGS, CSV, text(HOLDINGS_HEADER
                + "\n2999-01-29,us-spot-etf:BTC,1000,sosovalue\n"), 422, "date"));
        t.add(post("holdings: negative assets", HOLDINGS, CSV, text(HOLDINGS_HEADER
                + "\n2026-01-29,us-spot-etf:BTC,-1000,sosovalue\n"), 422, "total_net_assets_usd"));
        t.add(post("holdings: source with CRLF", HOLDINGS, CSV, text(HOLDINGS_HEADER
                + "\n2026-01-29,us-spot-etf:BTC,1000,\"a\r\nb\"\n"), 422, "source"));
        t.add(post("holdings: tab-separated", HOLDINGS, CSV, text(HOLDINGS_HEADER.replace(',', '\t')
                + "\n2026-01-29\tus-spot-etf:BTC\t1000\tsosovalue\n"), 422, "tab"));

        // liquidations
        t.add(post("liquidations: side sideways", LIQUIDATIONS, CSV, text(LIQUIDATIONS_HEADER
                + "\n2026-01-02T00:00:00Z,hostile,ETH,sideways,1\n"), 422, "side"));
        t.add(post("liquidations: notional zero", LIQUIDATIONS, CSV, text(LIQUIDATIONS_HEADER
                + "\n2026-01-02T00:00:00Z,hostile,ETH,long,0\n"), 422, "notional"));
        t.add(post("liquidations: venue traversal", LIQUIDATIONS, CSV, text(LIQUIDATIONS_HEADER
                + "\n2026-01-02T00:00:00Z," + TRAVERSAL + ",ETH,long,1\n"), 422, "venue"));
        t.add(post("liquidations: text after closing quote", LIQUIDATIONS, CSV, text(LIQUIDATIONS_HEADER
                + "\n2026-01-02T00:00:00Z,\"hostile\"x,ETH,long,1\n"), 422, "closing quote"));

        // jsonl
        t.add(post("jsonl: a line of 1,201 JSON tokens", JSONL, NDJSON, text("[" + "{},".repeat(600) + "{}]\n"), 422,
                "JSON tokens in one line"));
        t.add(post("jsonl: a line not JSON", JSONL, NDJSON, text(quote("HOSTILEQ", "2026-01-02T00:00:00Z", "1").replace(
                "\n", " ") + "\nnot json\n"), 422, "line 2"));
        t.add(post("jsonl: deeply nested line", JSONL, NDJSON, nested(10_000), 422, "nesting depth"));
        t.add(post("jsonl: duplicate keys", JSONL, NDJSON, text("{\"type\":\"a\",\"type\":\"b\"}\n"), 422, "duplicate"));
        t.add(post("jsonl: only blank lines", JSONL, NDJSON, text("\n\n  \n"), 422, "no events"));
        t.add(post("jsonl: invalid UTF-8", JSONL, NDJSON, bytes("{\"a\":\"", new int[] {0xED, 0xA0, 0x80}, "\"}\n"), 422,
                "UTF-8"));
        t.add(post("jsonl: a Saturday's flow", JSONL, NDJSON, text(flowDate("2026-01-31").replace("\n", " ") + "\n"),
                422, "not a US trading day"));

        // /products
        t.add(get("products: asset filter SQL", "/api/v1/products?asset=" + q(SQL), 400, "asset"));
        t.add(get("products: kind filter HTML", "/api/v1/products?kind=" + q(SCRIPT), 400, "kind"));
        t.add(get("products: ticker traversal", "/api/v1/products/" + q(TRAVERSAL), 422, "ticker"));
        t.add(send("products: PUT ticker SQL", "PUT", "/api/v1/products/" + q(SQL_DROP), JSON,
                text("{\"asset\":\"BTC\",\"kind\":\"us-spot-etf\"}"), 422, "ticker"));
        t.add(send("products: PUT asset HTML", "PUT", "/api/v1/products/HOSTILE", JSON,
                text("{\"asset\":" + js(SCRIPT) + ",\"kind\":\"us-spot-etf\"}"), 422, "asset"));
        t.add(send("products: PUT kind unknown", "PUT", "/api/v1/products/HOSTILE", JSON,
                text("{\"asset\":\"BTC\",\"kind\":\"hedge-fund\"}"), 422, "kind"));
        t.add(send("products: PUT inception 1900", "PUT", "/api/v1/products/HOSTILE", JSON,
                text("{\"asset\":\"BTC\",\"kind\":\"us-spot-etf\",\"inceptionDate\":\"1900-01-02\"}"), 422,
                "inceptionDate"));
        t.add(send("products: PUT inception not a date", "PUT", "/api/v1/products/HOSTILE", JSON,
                text("{\"asset\":\"BTC\",\"kind\":\"us-spot-etf\",\"inceptionDate\":\"soon\"}"), 400, "inceptionDate"));
        t.add(send("products: PUT issuer NUL", "PUT", "/api/v1/products/HOSTILE", JSON,
                text("{\"asset\":\"BTC\",\"kind\":\"us-spot-etf\",\"issuer\":\"Evil\\u0000Corp\"}"), 400, "issuer"));
        t.add(send("products: PUT duplicate kind", "PUT", "/api/v1/products/HOSTILE", JSON,
                text("{\"asset\":\"BTC\",\"kind\":\"hedge\",\"kind\":\"us-spot-etf\"}"), 400, "duplicate"));
        t.add(send("products: PUT nested", "PUT", "/api/v1/products/HOSTILE", JSON, nestedObject(10_000), 400,
                "nesting depth"));
        t.add(send("products: DELETE ticker HTML", "DELETE", "/api/v1/products/" + q(SCRIPT), null, null, 422,
                "ticker"));

        // analytics queries
        t.add(get("flows/daily: no asset", "/api/v1/flows/daily?kind=us-spot-etf", 400, "asset"));
        t.add(get("flows/daily: from 2026-13-45", "/api/v1/flows/daily?asset=BTC&from=2026-13-45", 400, "from"));
        t.add(get("flows/daily: from 29/01/2026", "/api/v1/flows/daily?asset=BTC&from=" + q("29/01/2026"), 400, "from"));
        t.add(get("flows/daily: to before from", "/api/v1/flows/daily?asset=BTC&from=2026-01-29&to=2026-01-01", 400,
                "to"));
        t.add(get("flows/daily: asset SQL", "/api/v1/flows/daily?asset=" + q(SQL), 400, "asset"));
        t.add(get("flows/daily: kind traversal", "/api/v1/flows/daily?asset=BTC&kind=" + q(TRAVERSAL), 400, "kind"));
        t.add(get("flows/daily: product HTML", "/api/v1/flows/daily?product=" + q(SCRIPT), 400, "product"));
        t.add(get("flows/daily: asOf not an instant", "/api/v1/flows/daily?asset=BTC&asOf=yesterday", 400, "asOf"));
        t.add(get("flows/daily: years 0001 to 9999", "/api/v1/flows/daily?asset=BTC&from=0001-01-01&to=9999-12-31", 400,
                "from"));
        t.add(get("flows/summary: date +999999999", "/api/v1/flows/summary?asset=BTC&date=%2B999999999-12-31", 400,
                "date"));
        t.add(get("flows/summary: date not ISO", "/api/v1/flows/summary?asset=BTC&date=" + q("Jan 29 2026"), 400,
                "date"));
        t.add(get("flows/summary: source log forging", "/api/v1/flows/summary?asset=BTC&source=" + q(LOG_FORGERY), 400,
                "source"));
        t.add(get("holdings/share: scope not a class", "/api/v1/holdings/share?scope=BTC", 400, "scope"));
        t.add(get("holdings/share: scope SQL", "/api/v1/holdings/share?scope=" + q(SQL), 400, "scope"));
        t.add(get("holdings/share: date 2026-02-30", "/api/v1/holdings/share?scope=us-spot-etf:BTC&date=2026-02-30", 400,
                "date"));
        t.add(get("quotes/change: no instrument", "/api/v1/quotes/change?window=24h", 400, "instrument"));
        t.add(get("quotes/change: window 0h", "/api/v1/quotes/change?instrument=TOTAL&window=0h", 400, "window"));
        t.add(get("quotes/change: window -1h", "/api/v1/quotes/change?instrument=TOTAL&window=-1h", 400, "window"));
        t.add(get("quotes/change: window 1 fortnight", "/api/v1/quotes/change?instrument=TOTAL&window=1fortnight", 400,
                "window"));
        t.add(get("quotes/change: window PT9999999999999H", "/api/v1/quotes/change?instrument=TOTAL"
                + "&window=PT9999999999999H&at=2026-01-29T20:00:00Z", 400, "window"));
        t.add(get("quotes/change: at year +999999999", "/api/v1/quotes/change?instrument=TOTAL&window=24h&at="
                + q("+999999999-12-31T00:00:00Z"), 400, "at"));
        t.add(get("quotes/change: at not ISO", "/api/v1/quotes/change?instrument=TOTAL&window=24h&at=now", 400, "at"));
        t.add(get("quotes/change: instrument HTML", "/api/v1/quotes/change?window=24h&instrument=" + q(SCRIPT), 400,
                "instrument"));
        t.add(get("liquidations/window: side sideways", "/api/v1/liquidations/window?venue=hyperliquid&side=sideways"
                + "&window=4h&date=2026-01-29", 400, "side"));
        t.add(get("liquidations/window: at and date", "/api/v1/liquidations/window?venue=hyperliquid&side=long"
                + "&window=4h&date=2026-01-29&at=2026-01-29T20:00:00Z", 400, "either at"));
        t.add(get("liquidations/window: window 999999d", "/api/v1/liquidations/window?venue=hyperliquid&side=long"
                + "&window=999999d&at=2026-01-29T20:00:00Z", 400, "window"));
        t.add(get("liquidations/window: venue traversal", "/api/v1/liquidations/window?venue=" + q(TRAVERSAL)
                + "&side=long&window=4h&date=2026-01-29", 400, "venue"));
        t.add(get("liquidations/window: date year 0", "/api/v1/liquidations/window?venue=hyperliquid&side=long"
                + "&window=4h&date=0000-01-01", 400, "date"));

        // /rules
        t.add(post("rules: not JSON", "/api/v1/rules", JSON, text("{rule"), 400, "/"));
        t.add(post("rules: empty body", "/api/v1/rules", JSON, text(""), 422, "rule"));
        t.add(post("rules: an array", "/api/v1/rules", JSON, text("[]"), 400, "/"));
        t.add(post("rules: 10,000 levels", "/api/v1/rules", JSON, nestedObject(10_000), 400, "nesting depth"));
        // three concurrent 9.8 MB rules of one-letter channels ran alert-service out of memory
        t.add(post("rules: body over 1 MiB", "/api/v1/rules", JSON, oversized(1024 * 1024 + 1), 413, "1048576 bytes"));
        t.add(post("rules: duplicate id", "/api/v1/rules", JSON, text(ruleWith("").replace("\"id\":\"hostile-rule\"",
                "\"id\":\"hostile-rule\",\"id\":\"hostile-rule-2\"")), 400, "duplicate field 'id'"));
        t.add(post("rules: unknown metric", "/api/v1/rules", JSON, text(rule("hostile-rule", "x", "flow.everything",
                "{\"type\":\"threshold\",\"op\":\"lt\",\"value\":-1}", "warning", "")), 422, "metric"));
        t.add(post("rules: id traversal", "/api/v1/rules", JSON, text(rule(TRAVERSAL, "x", "flow.daily",
                "{\"type\":\"threshold\",\"op\":\"lt\",\"value\":-1}", "warning", "")), 422, "/id"));
        t.add(post("rules: id log forging", "/api/v1/rules", JSON, text(rule(LOG_FORGERY, "x", "flow.daily",
                "{\"type\":\"threshold\",\"op\":\"lt\",\"value\":-1}", "warning", "")), 422, "/id"));
        t.add(post("rules: severity HTML", "/api/v1/rules", JSON, text(rule("hostile-rule", "x", "flow.daily",
                "{\"type\":\"threshold\",\"op\":\"lt\",\"value\":-1}", SCRIPT, "")), 422, "severity"));
        t.add(post("rules: name NUL", "/api/v1/rules", JSON, text(rule("hostile-rule", "a\u0000b", "flow.daily",
                "{\"type\":\"threshold\",\"op\":\"lt\",\"value\":-1}", "warning", "")), 400, "name"));
        t.add(post("rules: name with a mail header", "/api/v1/rules", JSON, text(rule("hostile-rule",
                "BTC\r\nBcc: everyone@example.com", "flow.daily", "{\"type\":\"threshold\",\"op\":\"lt\",\"value\":-1}",
                "warning", "")), 422, "/name"));
        t.add(post("rules: condition type unknown", "/api/v1/rules", JSON,
                text(ruleWithCondition("{\"type\":\"eval\",\"code\":\"rm -rf /\"}")), 422, "condition"));
        t.add(post("rules: threshold \"NaN\"", "/api/v1/rules", JSON,
                text(ruleWithCondition("{\"type\":\"threshold\",\"op\":\"lt\",\"value\":\"NaN\"}")), 400, "value"));
        t.add(post("rules: threshold 1e999999999", "/api/v1/rules", JSON,
                text(ruleWithCondition("{\"type\":\"threshold\",\"op\":\"lt\",\"value\":1e999999999}")), 400, "value"));
        t.add(post("rules: threshold op ~", "/api/v1/rules", JSON,
                text(ruleWithCondition("{\"type\":\"threshold\",\"op\":\"~\",\"value\":1}")), 422, "op"));
        t.add(post("rules: contradiction", "/api/v1/rules", JSON, text(ruleWithCondition("{\"type\":\"all\","
                + "\"conditions\":[{\"type\":\"threshold\",\"op\":\"gt\",\"value\":10},"
                + "{\"type\":\"threshold\",\"op\":\"lt\",\"value\":5}]}")), 422, "can never fire"));
        t.add(post("rules: for -1 day", "/api/v1/rules", JSON, text(ruleWith(",\"for\":\"-P1D\"")), 422, "for"));
        t.add(post("rules: for not a duration", "/api/v1/rules", JSON, text(ruleWith(",\"for\":\"forever\"")), 422,
                "for"));
        t.add(post("rules: unknown channel", "/api/v1/rules", JSON, text(ruleWith("").replace("\"channels\":[]",
                "\"channels\":[\"" + "no-such-channel" + "\"]")), 422, "/channels/0"));
        t.add(post("rules: template include traversal", "/api/v1/rules", JSON,
                text(ruleWith(",\"template\":\"{#include ../../../../etc/passwd /}\"")), 422, "template"));
        t.add(post("rules: template that does not parse", "/api/v1/rules", JSON,
                text(ruleWith(",\"template\":\"{#if value}unclosed\"")), 422, "template"));
        t.add(post("rules: text/plain", "/api/v1/rules", "text/plain", text(ruleWith("")), 415, ""));
        t.add(send("rules: PUT other id than path", "PUT", "/api/v1/rules/hostile-a", JSON, text(ruleWith("")), 422,
                "id"));
        t.add(send("rules: DELETE SQL id", "DELETE", "/api/v1/rules/" + q(SQL), null, null, 404, "no rule"));
        t.add(get("rules: GET traversal id", "/api/v1/rules/" + q(TRAVERSAL), 404, "no rule"));
        t.add(post("rules: import YAML bomb", "/api/v1/rules/import", "application/yaml", text("""
                a: &a ["x","x","x","x","x","x","x","x","x"]
                b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
                f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
                g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
                h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
                """), 422, "document"));
        t.add(send("rules: PATCH", "PATCH", "/api/v1/rules/hostile-rule", JSON, text("{}"), 405, ""));

        // /channels: webhook URLs that lead into the own network, and other schemes
        String[][] forged = {
            {"metadata 169.254.169.254", "http://169.254.169.254/latest/meta-data/iam/security-credentials/"},
            {"metadata with user info", "http://hooks.example.com@169.254.169.254/"},
            {"loopback [::1]", "http://[::1]:8080/hooks"},
            {"loopback 127.0.0.2", "http://127.0.0.2/"},
            {"loopback 127.1", "http://127.1/"},
            {"loopback hex 0x7f000001", "http://0x7f000001/"},
            {"loopback decimal 2130706433", "http://2130706433/"},
            {"loopback octal 0177.0.0.1", "http://0177.0.0.1/"},
            {"loopback name localhost", "http://localhost:8083/api/v1/rules"},
            {"loopback name with trailing dot", "http://localhost./"},
            {"IPv4-mapped loopback", "http://[::ffff:127.0.0.1]/"},
            {"IPv4-mapped metadata", "http://[::ffff:a9fe:a9fe]/"},
            {"IPv4-compatible loopback", "http://[::127.0.0.2]/"},
            {"NAT64 loopback", "http://[64:ff9b::7f00:1]/"},
            {"6to4 private", "http://[2002:a00:1::1]/"},
            {"private 10/8", "http://10.0.0.1/"},
            {"private 172.16/12", "http://172.16.5.4/"},
            {"private 192.168/16", "https://192.168.1.1/"},
            {"carrier-grade NAT", "http://100.64.0.1/"},
            {"link-local 169.254.1.1", "http://169.254.1.1/"},
            {"link-local [fe80::1]", "http://[fe80::1]/"},
            {"unique-local [fd00::1]", "http://[fd00::1]/"},
            {"unspecified 0.0.0.0", "http://0.0.0.0:8083/"},
            {"unspecified [::]", "http://[::]/"},
            {"unresolvable name", "http://hostile.invalid/"},
            {"scheme file", "file:///etc/passwd"},
            {"scheme ftp", "ftp://example.com/hook"},
            {"scheme gopher", "gopher://127.0.0.1:25/_HELO"},
            {"scheme javascript", "javascript:alert(1)"},
            {"scheme data", "data:text/html,<script>alert(1)</script>"},
            {"no host", "http:///hooks"},
            {"CRLF in URL", "http://example.com/\r\nHost: 127.0.0.1"},
        };
        for (String[] f : forged) {
            t.add(post("channels: webhook " + f[0], "/api/v1/channels", JSON, text(webhook(f[1])), 422, "/url"));
        }
        t.add(post("channels: e-mail header injection", "/api/v1/channels", JSON,
                text(email("desk@example.com\r\nBcc: all@example.com")), 422, "/to/0"));
        t.add(post("channels: e-mail HTML", "/api/v1/channels", JSON, text(email(SCRIPT + "@example.com")), 422,
                "/to/0"));
        t.add(post("channels: type sms", "/api/v1/channels", JSON, text("{\"id\":\"hostile-sms\",\"type\":\"sms\"}"), 422,
                "/type"));
        t.add(post("channels: id traversal", "/api/v1/channels", JSON,
                text("{\"id\":" + js(TRAVERSAL) + ",\"type\":\"email\",\"to\":[\"a@example.com\"]}"), 422, "/id"));
        t.add(post("channels: secret not whsec", "/api/v1/channels", JSON, text("{\"id\":\"hostile-hook\","
                + "\"type\":\"webhook\",\"url\":\"http://169.254.169.254/\",\"secret\":\"password\"}"), 422, "/secret"));
        t.add(post("channels: duplicate id", "/api/v1/channels", JSON, text("{\"id\":\"hostile-a\",\"type\":\"email\","
                + "\"to\":[\"a@example.com\"],\"id\":\"hostile-b\"}"), 400, "duplicate field 'id'"));
        t.add(post("channels: to is a string", "/api/v1/channels", JSON,
                text("{\"id\":\"hostile-mail\",\"type\":\"email\",\"to\":\"a@example.com\"}"), 400, "/to"));
        t.add(send("channels: PUT CRLF id", "PUT", "/api/v1/channels/" + q("x\r\nSet-Cookie: a=b"), JSON,
                text("{\"type\":\"email\",\"to\":[\"a@example.com\"]}"), 422, "/id"));
        t.add(send("channels: DELETE SQL id", "DELETE", "/api/v1/channels/" + q(SQL), null, null, 404, "no channel"));

        // /silences
        t.add(post("silences: no matchers", "/api/v1/silences", JSON, text("{\"matchers\":[],\"duration\":\"1h\"}"), 422,
                "/matchers"));
        t.add(post("silences: ends in the past", "/api/v1/silences", JSON,
                text(silenceFor("\"endsAt\":\"2020-01-01T00:00:00Z\"")), 422, "/endsAt"));
        t.add(post("silences: ends before it starts", "/api/v1/silences", JSON, text(silenceFor(
                "\"startsAt\":\"2099-01-02T00:00:00Z\",\"endsAt\":\"2099-01-01T00:00:00Z\"")), 422, "/endsAt"));
        t.add(post("silences: ends in year 1000000000", "/api/v1/silences", JSON,
                text(silenceFor("\"endsAt\":\"+1000000000-01-01T00:00:00Z\"")), 422, "endsAt"));
        t.add(post("silences: starts in year -1000000000", "/api/v1/silences", JSON, text(silenceFor(
                "\"startsAt\":\"-1000000000-01-01T00:00:00Z\",\"duration\":\"1h\"")), 422, "startsAt"));
        t.add(post("silences: duration P999999999D", "/api/v1/silences", JSON,
                text(silenceFor("\"duration\":\"P999999999D\"")), 422, "/duration"));
        t.add(post("silences: duration forever", "/api/v1/silences", JSON, text(silenceFor("\"duration\":\"forever\"")),
                422, "/duration"));
        t.add(post("silences: endsAt not ISO", "/api/v1/silences", JSON, text(silenceFor("\"endsAt\":\"tomorrow\"")), 400,
                "endsAt"));
        t.add(post("silences: matcher op ~~", "/api/v1/silences", JSON, text(silence(
                "[{\"label\":\"rule\",\"op\":\"~~\",\"value\":\"x\"}]", "\"duration\":\"1h\"", "")), 422, "/matchers/0"));
        t.add(post("silences: regex that does not compile", "/api/v1/silences", JSON, text(silence(
                "[{\"label\":\"rule\",\"op\":\"=~\",\"value\":\"(\"}]", "\"duration\":\"1h\"", "")), 422, "/matchers/0"));
        t.add(post("silences: comment NUL", "/api/v1/silences", JSON, text(silence(
                "[{\"label\":\"rule\",\"op\":\"=\",\"value\":\"hostile-rule\"}]", "\"duration\":\"1h\"",
                ",\"comment\":\"a\\u0000b\"")), 400, "comment"));
        t.add(send("silences: DELETE SQL id", "DELETE", "/api/v1/silences/" + q(SQL), null, null, 404, "no silence"));

        // /alerts
        t.add(get("alerts: state HTML", "/api/v1/alerts?state=" + q(SCRIPT), 400, "state"));
        t.add(get("alerts: limit 0", "/api/v1/alerts?limit=0", 400, "limit"));
        t.add(get("alerts: limit a word", "/api/v1/alerts?limit=all", 400, "limit"));
        t.add(get("alerts: limit 2^63", "/api/v1/alerts?limit=9223372036854775808", 400, "limit"));
        t.add(get("alerts: from not a date", "/api/v1/alerts?from=" + q(SQL), 400, "from"));
        t.add(get("alerts: from year 1000000000", "/api/v1/alerts?from=" + q("+1000000000-01-01T00:00:00Z"), 400,
                "from"));
        t.add(get("alerts: rule SQL", "/api/v1/alerts?rule=" + q(SQL_DROP), 400, "rule"));

        // /parked, /replay
        t.add(get("parked: limit 0", "/api/v1/parked?limit=0", 400, "limit"));
        t.add(get("parked: limit a word", "/api/v1/parked?limit=" + q(SCRIPT), 400, "limit"));
        t.add(post("parked: replay a traversal id", "/api/v1/parked/" + q(TRAVERSAL) + "/replay", null, null, 400,
                "id"));
        t.add(post("replay: from not an instant", "/api/v1/replay?from=" + q(SQL), null, null, 400, "from"));
        t.add(post("replay: unknown type", "/api/v1/replay?type=" + q(SCRIPT), null, null, 400, "type"));
        t.add(post("replay: to before from", "/api/v1/replay", JSON,
                text("{\"from\":\"2026-02-01T00:00:00Z\",\"to\":\"2026-01-01T00:00:00Z\"}"), 400, "to"));
        t.add(post("replay: body an array", "/api/v1/replay", JSON, text("[]"), 400, "body"));
        t.add(post("replay: body not JSON", "/api/v1/replay", JSON, text("{"), 400, "body"));
        t.add(post("replay: 10,000 levels", "/api/v1/replay", JSON, nested(10_000), 400, "body"));

        // /keys
        t.add(post("keys: role superuser", "/api/v1/keys", JSON, text("{\"name\":\"hostile\",\"role\":\"superuser\"}"),
                422, "role"));
        t.add(post("keys: empty name", "/api/v1/keys", JSON, text("{\"name\":\"\",\"role\":\"reader\"}"), 422, "name"));
        t.add(post("keys: name of 101 characters", "/api/v1/keys", JSON,
                text("{\"name\":\"" + "n".repeat(101) + "\",\"role\":\"reader\"}"), 422, "name"));
        t.add(post("keys: name NUL", "/api/v1/keys", JSON, text("{\"name\":\"a\\u0000b\",\"role\":\"reader\"}"), 400,
                "name"));
        t.add(post("keys: name log forging", "/api/v1/keys", JSON,
                text("{\"name\":" + js(LOG_FORGERY) + ",\"role\":\"reader\"}"), 422, "name"));
        t.add(post("keys: duplicate role", "/api/v1/keys", JSON,
                text("{\"name\":\"hostile\",\"role\":\"reader\",\"role\":\"admin\"}"), 400, "duplicate field 'role'"));
        t.add(post("keys: not JSON", "/api/v1/keys", JSON, text("name=hostile"), 400, "body"));
        t.add(post("keys: 10,000 levels", "/api/v1/keys", JSON, nestedObject(10_000), 400, "body"));
        t.add(send("keys: DELETE not a UUID", "DELETE", "/api/v1/keys/" + q(SQL), null, null, 422, "id"));

        // /stream
        t.add(get("stream: types unknown", "/api/v1/stream?types=" + q(SCRIPT), 400, "types"));
        t.add(get("stream: types misspelt", "/api/v1/stream?types=metrics,alerts", 400, "types"));

        // the key itself
        t.add(get("auth: key SQL injection", "/api/v1/products", 401, "X-API-Key").withKey(SQL));
        // (a header over the HTTP server's 8 KB limit gets a bare 431 before any application code runs)
        t.add(get("auth: key of 4,000 characters", "/api/v1/products", 401, "X-API-Key").withKey("k".repeat(4_000)));
        return t;
    }

    static Case get(String name, String target, int status, String cause) {
        return new Case(name, "GET", target, null, null, status, cause, null);
    }

    static Case post(String name, String target, String contentType, Supplier<byte[]> body, int status, String cause) {
        return send(name, "POST", target, contentType, body, status, cause);
    }

    static Case send(String name, String method, String target, String contentType, Supplier<byte[]> body, int status,
            String cause) {
        return new Case(name, method, target, contentType, body, status, cause, null);
    }
}
