package io.flowwatch.system;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares what the gateway's API says with the {@link Ledger}'s independent figures, and what the receivers got with
 * the alerts that must have fired. Each check returns its mismatches (empty = equal), so a scenario can wait for the
 * system to converge and report precisely what did not.
 */
final class Checks {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final List<String> FLOW_ASSETS = List.of("BTC", "ETH", "XRP", "SOL");

    /** The seed-week README's alert table: rule id → the (New York) dates it fires for. */
    static final Map<String, Set<LocalDate>> SEED_WEEK_ALERTS = Map.of(
            "btc-daily-outflow-500m", dates("2025-11-13", "2025-11-20", "2026-01-21", "2026-01-29"),
            "btc-daily-outflow-record-60d", dates("2026-01-21", "2026-01-29"),
            "btc-month-to-date-below-zero",
            dates("2025-12-01", "2025-12-04", "2025-12-15", "2025-12-18", "2026-01-09", "2026-01-21"),
            "btc-outflow-streak-3d", dates("2025-11-17", "2025-12-22", "2026-01-08", "2026-01-21", "2026-01-29"),
            "crypto-market-cap-down-5pct-24h", dates("2026-01-29"),
            "gold-down-3pct-24h", dates("2026-01-29"),
            "hyperliquid-long-liquidations-50m-4h", dates("2026-01-29"));

    private final Api api;
    private final Ledger ledger;
    private final Receivers receivers;

    Checks(Api api, Ledger ledger, Receivers receivers) {
        this.api = api;
        this.ledger = ledger;
        this.receivers = receivers;
    }

    private static Set<LocalDate> dates(String... dates) {
        Set<LocalDate> set = new TreeSet<>();
        for (String date : dates) {
            set.add(LocalDate.parse(date));
        }
        return set;
    }

    /** Liquidation counts and sums of a stream day per venue and side (whole day and its first hour), and quotes. */
    List<String> streamDay(LocalDate day) throws IOException, InterruptedException {
        List<String> problems = new ArrayList<>();
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        for (String venue : EventStream.VENUES) {
            for (String side : EventStream.SIDES) {
                window(problems, venue, side, "24h", start, start.plus(Duration.ofDays(1)));
                window(problems, venue, side, "1h", start, start.plus(Duration.ofHours(1)));
            }
        }
        for (String instrument : EventStream.INSTRUMENTS) {
            List<Instant> times = ledger.quoteTimes(instrument, start, start.plus(Duration.ofDays(1)));
            if (times.isEmpty()) {
                problems.add(day + " " + instrument + ": the stream accepted no quote of it");
                continue;
            }
            // first, last and a spread of points in between (each a separate query of the API)
            Set<Instant> samples = new TreeSet<>();
            for (int i = 0; i < 6; i++) {
                samples.add(times.get((int) ((long) (times.size() - 1) * i / 5)));
            }
            for (Instant at : samples) {
                quote(problems, instrument, at);
            }
        }
        return problems;
    }

    private void window(List<String> problems, String venue, String side, String window, Instant from, Instant to)
            throws IOException, InterruptedException {
        Ledger.Total expected = ledger.liquidations(venue, side, from, to);
        Api.Answer answer = api.get("/liquidations/window",
                Map.of("venue", venue, "side", side, "window", window, "at", to.toString()));
        if (expected.count() == 0 && answer.status() == 404) {
            return;
        }
        if (answer.status() != 200) {
            problems.add(venue + ":" + side + "@" + window + " to " + to + ": HTTP " + answer.status() + " " + answer.body());
            return;
        }
        long count = answer.body().path("count").asLong(-1);
        BigDecimal total = answer.body().path("total").decimalValue();
        if (count != expected.count() || total.compareTo(expected.total()) != 0) {
            problems.add(venue + ":" + side + "@" + window + " to " + to + ": count " + count + " total " + total.toPlainString()
                    + ", expected " + expected.count() + " / " + expected.total().toPlainString());
        }
    }

    private void quote(List<String> problems, String instrument, Instant at) throws IOException, InterruptedException {
        Map.Entry<Instant, BigDecimal> to = ledger.priceAtOrBefore(instrument, at).orElseThrow();
        Optional<Map.Entry<Instant, BigDecimal>> from = ledger.priceAtOrBefore(instrument, at.minus(Duration.ofHours(1)));
        Api.Answer answer = api.get("/quotes/change", Map.of("instrument", instrument, "window", "1h", "at", at.toString()));
        if (from.isEmpty()) {
            if (answer.status() != 404) {
                problems.add(instrument + " change to " + at + ": expected 404 (nothing an hour before), got " + answer.status());
            }
            return;
        }
        if (answer.status() != 200) {
            problems.add(instrument + " change to " + at + ": HTTP " + answer.status() + " " + answer.body());
            return;
        }
        JsonNode body = answer.body();
        if (body.path("to").decimalValue().compareTo(to.getValue()) != 0
                || !Instant.parse(body.path("toTime").asText()).equals(to.getKey())
                || body.path("from").decimalValue().compareTo(from.get().getValue()) != 0
                || !Instant.parse(body.path("fromTime").asText()).equals(from.get().getKey())) {
            problems.add(instrument + " change to " + at + ": " + body + ", expected from " + from.get() + " to " + to);
        }
    }

    /** Every asset's daily net flows (seed week plus revisions) and the seed week's Hyperliquid liquidations. */
    List<String> seedWeek() throws IOException, InterruptedException {
        List<String> problems = new ArrayList<>();
        for (String asset : FLOW_ASSETS) {
            Api.Answer answer = api.get("/flows/daily", Map.of("asset", asset, "kind", "us-spot-etf"));
            if (answer.status() != 200) {
                problems.add(asset + " daily flows: HTTP " + answer.status() + " " + answer.body());
                continue;
            }
            TreeMap<LocalDate, BigDecimal> actual = new TreeMap<>();
            for (JsonNode day : answer.body()) {
                actual.put(LocalDate.parse(day.get("date").asText()), day.get("net").decimalValue());
            }
            TreeMap<LocalDate, BigDecimal> expected = ledger.dailyNet(asset);
            for (LocalDate date : union(expected.keySet(), actual.keySet())) {
                BigDecimal e = expected.get(date);
                BigDecimal a = actual.get(date);
                if (e == null || a == null || e.compareTo(a) != 0) {
                    problems.add(asset + " " + date + ": net " + (a == null ? "missing" : a.toPlainString())
                            + ", expected " + (e == null ? "none" : e.toPlainString()));
                }
            }
        }
        Instant end = Instant.parse("2026-01-30T00:00:00Z");
        for (String side : EventStream.SIDES) {
            window(problems, "hyperliquid", side, "24h", end.minus(Duration.ofDays(1)), end);
        }
        return problems;
    }

    private static Set<LocalDate> union(Set<LocalDate> a, Set<LocalDate> b) {
        Set<LocalDate> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /** No delivery gave up (alert-service parks none) and analytics parked nothing but the suite's poison. */
    List<String> parked(Set<String> poisonRoutingKeys) throws IOException, InterruptedException {
        List<String> problems = new ArrayList<>();
        Api.Answer answer = api.get("/parked", Map.of("limit", "500"));
        if (answer.status() != 200) {
            return List.of("parked: HTTP " + answer.status() + " " + answer.body());
        }
        Set<String> parkedPoison = new HashSet<>();
        for (JsonNode message : answer.body().path("analytics")) {
            String key = message.path("routingKey").asText();
            if (poisonRoutingKeys.contains(key)) {
                parkedPoison.add(key);
            } else {
                problems.add("analytics parked a healthy message: " + key + " (" + message.path("reason").asText() + ")");
            }
        }
        if (!parkedPoison.equals(poisonRoutingKeys)) {
            Set<String> missing = new TreeSet<>(poisonRoutingKeys);
            missing.removeAll(parkedPoison);
            problems.add("poison not parked (yet): " + missing);
        }
        JsonNode alert = answer.body().path("alert");
        if (alert.isArray() && !alert.isEmpty()) {
            problems.add("alert-service parked " + alert.size() + " deliveries, e.g. " + alert.get(0));
        }
        return problems;
    }

    /** What the alert deliveries look like now. */
    record AlertTally(int alerts, int webhookCalls, int mails, List<String> problems) {}

    /**
     * Exactly the expected alerts, each delivered by a signed webhook and an e-mail under the same stable id (the
     * notification id), and no other alert by either channel. Repeated deliveries of one id are allowed (at least
     * once) and counted.
     *
     * @param expected rule → the New York dates it must have fired for
     */
    AlertTally alerts(Map<String, Set<LocalDate>> expected) {
        List<String> problems = new ArrayList<>();
        List<Receivers.WebhookCall> calls = receivers.webhooks();
        List<Receivers.Mail> mails = receivers.mails();
        Map<String, String> alertOfId = new LinkedHashMap<>();
        for (Receivers.WebhookCall call : calls) {
            if (!call.signatureValid()) {
                problems.add("webhook " + call.id() + " has no valid signature");
            }
            if (alertOfId.containsKey(call.id())) {
                continue;
            }
            try {
                JsonNode alert = Api.JSON.readTree(call.body());
                LocalDate date = Instant.parse(alert.get("at").asText()).atZone(NEW_YORK).toLocalDate();
                alertOfId.put(call.id(), alert.path("rule").path("id").asText() + " " + date);
            } catch (IOException | RuntimeException e) {
                problems.add("webhook " + call.id() + " is not an alert: " + call.body());
            }
        }
        Map<String, List<String>> idsOfAlert = new TreeMap<>();
        alertOfId.forEach((id, alert) -> idsOfAlert.computeIfAbsent(alert, a -> new ArrayList<>()).add(id));
        Set<String> expectedAlerts = new TreeSet<>();
        expected.forEach((rule, dates) -> dates.forEach(date -> expectedAlerts.add(rule + " " + date)));
        for (String alert : expectedAlerts) {
            List<String> ids = idsOfAlert.get(alert);
            if (ids == null) {
                problems.add("no webhook for expected alert " + alert);
            } else if (ids.size() > 1) {
                problems.add("alert " + alert + " was sent under " + ids.size() + " ids " + ids);
            }
        }
        for (String alert : idsOfAlert.keySet()) {
            if (!expectedAlerts.contains(alert)) {
                problems.add("unexpected alert sent: " + alert + " " + idsOfAlert.get(alert));
            }
        }
        Set<String> mailIds = new TreeSet<>();
        for (Receivers.Mail mail : mails) {
            mailIds.add(mail.notificationId());
        }
        Set<String> webhookIds = new TreeSet<>(alertOfId.keySet());
        if (!mailIds.equals(webhookIds)) {
            Set<String> onlyWebhook = new TreeSet<>(webhookIds);
            onlyWebhook.removeAll(mailIds);
            Set<String> onlyMail = new TreeSet<>(mailIds);
            onlyMail.removeAll(webhookIds);
            problems.add("webhook and e-mail ids differ: only by webhook " + onlyWebhook + ", only by e-mail " + onlyMail);
        }
        return new AlertTally(expectedAlerts.size(), calls.size(), mails.size(), problems);
    }
}
