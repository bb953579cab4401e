// flowwatch pipeline benchmark (run by ./flowwatch bench; a figure printer, not a test).
// Pushes quote events through the gateway as fast as the API takes them, and measures events/s from the ingest
// API to committed aggregates (analytics' processed_event rows), with zero loss checked; then latency from
// "accepted" to "visible through the gateway" at a steady background load; RSS and start-up time per service.
// JDK only: java bench/PipelineBench.java --api … --key-file … --perftest N --seconds S --pids DIR --out DIR
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

public class PipelineBench {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static String api;
    static String key;
    static String pgPort = System.getenv().getOrDefault("FLOWWATCH_PG_PORT", "35432");
    // Quote times start 30 days back (ingest refuses future times) and advance 1 ms per event.
    static final AtomicLong clock = new AtomicLong(Instant.now().minus(Duration.ofDays(30)).toEpochMilli());

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        api = opts.get("api");
        key = Files.readString(Path.of(opts.get("key-file"))).trim();
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "60"));
        double perftest = Double.parseDouble(opts.getOrDefault("perftest", "0"));
        Path out = Path.of(opts.getOrDefault("out", "bench/results"));

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("date", Instant.now().toString());
        result.put("machine", Runtime.getRuntime().availableProcessors() + " cores");
        result.put("perftestMsgsPerSecond", perftest);

        Map<String, Object> throughput = throughput(5, seconds);
        result.put("pipeline", throughput);
        double rate = (double) throughput.get("eventsPerSecond");
        result.put("ratio", perftest > 0 ? Math.round(rate / perftest * 1000) / 1000.0 : null);
        if (opts.containsKey("only-throughput")) { // a quick look while tuning: no files written
            System.out.println(json(result));
            return;
        }

        Map<String, Object> growth = new LinkedHashMap<>();
        for (int multiplier : new int[] {1, 4, 16}) {
            growth.put(multiplier + "x", throughput(5 * multiplier, Math.max(10, seconds / 4)));
        }
        result.put("costGrowth", growth);
        result.put("latencyToVisibleMs", latency(1_000, 30));
        result.put("rssMb", rss(Path.of(opts.getOrDefault("pids", ".flowwatch/run"))));
        result.put("startupSeconds", startup(Path.of(opts.getOrDefault("pids", ".flowwatch/run")).resolveSibling("logs")));

        Files.createDirectories(out);
        String day = LocalDate.now().toString();
        String jsonText = json(result);
        Files.writeString(out.resolve(day + ".json"), jsonText + "\n");
        Files.writeString(out.resolve(day + ".md"), markdown(result));
        System.out.println(jsonText);
        System.out.println(markdown(result));
    }

    /** Pushes for `seconds` with two clients, then waits until analytics has committed every accepted event. */
    static Map<String, Object> throughput(int instruments, int seconds) throws Exception {
        long before = committed();
        AtomicLong accepted = new AtomicLong();
        Instant start = Instant.now();
        Instant stop = start.plusSeconds(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        for (int c = 0; c < 2; c++) {
            pool.submit(() -> {
                try {
                    while (Instant.now().isBefore(stop)) {
                        accepted.addAndGet(push(batch(1_000, instruments)));
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                    throw e;
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 120L, java.util.concurrent.TimeUnit.SECONDS);
        long target = before + accepted.get();
        Instant deadline = Instant.now().plusSeconds(600);
        long now = committed();
        while (now < target && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            now = committed();
        }
        Duration took = Duration.between(start, Instant.now());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("instruments", instruments);
        r.put("accepted", accepted.get());
        r.put("committed", now - before);
        r.put("lost", Math.max(0, target - now));
        r.put("seconds", took.toMillis() / 1000.0);
        r.put("acceptedPerSecond", Math.round(accepted.get() / (double) seconds));
        r.put("eventsPerSecond", Math.round((now - before) / (took.toMillis() / 1000.0) * 10) / 10.0);
        // Each stage's own rate over the span in which it worked (first to last row it wrote in this phase).
        r.put("ingestAcceptedPerSecond", stageRate("flowwatch_ingest", "event_log", "accepted_at", start));
        r.put("relayPublishedPerSecond", stageRate("flowwatch_ingest", "outbox", "sent_at", start));
        r.put("analyticsCommittedPerSecond", stageRate("flowwatch_analytics", "processed_event", "processed_at", start));
        System.err.printf("throughput (%d instruments): %s%n", instruments, r);
        return r;
    }

    /** A probe every second at `background` events/s: accepted → visible as the latest quote via the gateway. */
    static Map<String, Object> latency(int background, int probes) throws Exception {
        List<Long> samples = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Instant stop = Instant.now().plusSeconds(probes + 5);
        pool.submit(() -> {
            while (Instant.now().isBefore(stop)) {
                long t0 = System.nanoTime();
                push(batch(background / 10, 20));
                long rest = 100 - (System.nanoTime() - t0) / 1_000_000;
                if (rest > 0) {
                    Thread.sleep(rest);
                }
            }
            return null;
        });
        for (int i = 0; i < probes; i++) {
            String instrument = "PROBE";
            Instant time = Instant.ofEpochMilli(clock.addAndGet(1000));
            long t0 = System.nanoTime();
            push("[" + quote(instrument, time) + "]");
            long accepted = System.nanoTime();
            while (!call("GET", "/quotes/latest?instrument=" + instrument, null).contains(time.toString())) {
                Thread.sleep(5);
                if ((System.nanoTime() - accepted) > 30_000_000_000L) {
                    break;
                }
            }
            samples.add((System.nanoTime() - accepted) / 1_000_000);
            Thread.sleep(Math.max(0, 1000 - (System.nanoTime() - t0) / 1_000_000));
        }
        pool.shutdownNow();
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("backgroundEventsPerSecond", background);
        r.put("p50", percentile(sorted, 50));
        r.put("p95", percentile(sorted, 95));
        r.put("p99", percentile(sorted, 99));
        System.err.printf("latency: %s%n", r);
        return r;
    }

    static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static String batch(int n, int instruments) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append(quote("BENCH" + (i % instruments), Instant.ofEpochMilli(clock.addAndGet(1))));
        }
        return body.append(']').toString();
    }

    static String quote(String instrument, Instant time) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"flowwatch.quote.v1\",\"source\":\"bench\",\"data\":{"
                + "\"instrument\":\"" + instrument + "\",\"time\":\"" + time + "\",\"priceUsd\":"
                + java.math.BigDecimal.valueOf(10_000 + time.toEpochMilli() % 1000, 2).toPlainString() + "}}";
    }

    static long push(String events) throws Exception {
        String answer = call("POST", "/events", events);
        int at = answer.indexOf("\"accepted\":");
        if (at < 0) {
            throw new IllegalStateException("the API refused a batch: " + answer.substring(0, Math.min(answer.length(), 600)));
        }
        return Long.parseLong(answer.substring(at + 11).split("[,}]")[0].trim());
    }

    static String call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(60))
                .header("X-API-Key", key).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 429) {
            Thread.sleep(200);
            return call(method, path, body);
        }
        return response.body();
    }

    /** Rows a stage wrote since {@code since}, divided by the seconds between its first and last such row. */
    static double stageRate(String database, String table, String column, Instant since) throws Exception {
        String[] row = sql(database, "select count(*), coalesce(extract(epoch from max(" + column + ") - min(" + column
                + ")), 0) from " + table + " where " + column + " >= '" + since + "'").split("\\|");
        double seconds = Double.parseDouble(row[1]);
        return seconds <= 0 ? 0 : Math.round(Long.parseLong(row[0]) / seconds * 10) / 10.0;
    }

    static String sql(String database, String query) throws Exception {
        Process psql = new ProcessBuilder("psql", "-h", "127.0.0.1", "-p", pgPort, "-U", "flowwatch", "-d", database,
                "-tAc", query).redirectErrorStream(true).start();
        psql.getOutputStream().close();
        String text = new String(psql.getInputStream().readAllBytes()).trim();
        if (psql.waitFor() != 0) {
            throw new IllegalStateException("psql failed: " + text);
        }
        return text;
    }

    /** Events analytics has committed, read from its own database (processed ids are written with each change). */
    static long committed() throws Exception {
        return Long.parseLong(sql("flowwatch_analytics", "select count(*) from processed_event"));
    }

    static Map<String, Object> rss(Path pids) throws IOException {
        Map<String, Object> r = new LinkedHashMap<>();
        try (var files = Files.list(pids)) {
            for (Path file : files.sorted().toList()) {
                String pid = Files.readString(file).trim();
                Path status = Path.of("/proc", pid, "status");
                if (Files.exists(status)) {
                    for (String line : Files.readAllLines(status)) {
                        if (line.startsWith("VmRSS:")) {
                            r.put(file.getFileName().toString().replace(".pid", ""),
                                    Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                        }
                    }
                }
            }
        }
        return r;
    }

    static Map<String, Object> startup(Path logs) throws IOException {
        Map<String, Object> r = new LinkedHashMap<>();
        if (!Files.isDirectory(logs)) {
            return r;
        }
        try (var files = Files.list(logs)) {
            for (Path file : files.sorted().toList()) {
                String last = null;
                for (String line : Files.readAllLines(file)) {
                    int at = line.indexOf("started in ");
                    if (at >= 0) {
                        last = line.substring(at + 11).split("s\\.")[0];
                    }
                }
                if (last != null) {
                    r.put(file.getFileName().toString().replace(".log", ""), Double.parseDouble(last));
                }
            }
        }
        return r;
    }

    static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder s = new StringBuilder("{");
            map.forEach((k, v) -> s.append(s.length() > 1 ? ", " : "").append('"').append(k).append("\": ").append(json(v)));
            return s.append('}').toString();
        }
        if (value instanceof String text) {
            return '"' + text.replace("\"", "\\\"") + '"';
        }
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> r) {
        Map<String, Object> p = (Map<String, Object>) r.get("pipeline");
        Map<String, Object> l = (Map<String, Object>) r.get("latencyToVisibleMs");
        StringBuilder s = new StringBuilder("| figure | value |\n| --- | --- |\n");
        s.append("| RabbitMQ PerfTest (quorum, persistent, confirms) | ").append(r.get("perftestMsgsPerSecond")).append(" msg/s |\n");
        s.append("| pipeline: ingest API → committed aggregates | ").append(p.get("eventsPerSecond")).append(" events/s (")
                .append(p.get("committed")).append(" events, ").append(p.get("lost")).append(" lost) |\n");
        s.append("| ratio | ").append(r.get("ratio")).append(" |\n");
        ((Map<String, Object>) r.get("costGrowth")).forEach((k, v) -> s.append("| throughput at ").append(k)
                .append(" instruments | ").append(((Map<String, Object>) v).get("eventsPerSecond")).append(" events/s |\n"));
        s.append("| accepted → visible via gateway at ").append(l.get("backgroundEventsPerSecond")).append(" events/s | p50 ")
                .append(l.get("p50")).append(" ms, p95 ").append(l.get("p95")).append(" ms, p99 ").append(l.get("p99")).append(" ms |\n");
        s.append("| RSS under load (MB) | ").append(r.get("rssMb")).append(" |\n");
        s.append("| start-up (s) | ").append(r.get("startupSeconds")).append(" |\n");
        return s.toString();
    }
}
