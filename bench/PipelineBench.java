// flowwatch pipeline benchmark (run by ./flowwatch bench; a figure printer, not a test).
// Pushes quote events through the gateway as fast as the API takes them, and measures events/s from the ingest
// API to committed aggregates (analytics' processed_event rows), with zero loss checked; then each stage alone
// (analytics paused with SIGSTOP while ingest accepts and relays, then resumed to drain the queue); cost growth
// with more instruments; latency from "accepted" to "visible through the gateway" and to "webhook received" at a
// steady background load, with each service's RSS sampled meanwhile; start-up time per service from its log.
// JDK only: java bench/PipelineBench.java --api … --key-file … --perftest N --seconds S --pids DIR --out DIR
//   [--phases throughput,stages,growth,load,latency] [--stage-seconds N] [--probes N] [--warmup-seconds N (60)]
//   [--warmup-max-seconds N (300): the warm-up goes on until the services' JIT compilers are nearly idle, or this]
//   [--background N (1000): events/s behind the latency probes] [--loads N,N (100,300): the lighter loads of phase load]
//   [--only-throughput 1]
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class PipelineBench {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final double RATIO_TARGET = 0.5;
    static final long WEBHOOK_P99_TARGET_MS = 250;
    static final long RSS_TARGET_MB = 300;
    static final double STARTUP_TARGET_SECONDS = 3.0;
    /**
     * Longest time analytics stays stopped: the AMQP heartbeat (60 s negotiated) would otherwise let the broker
     * close its connection, and the drain would then measure a reconnect instead of the consumer.
     */
    static final Duration MAX_PAUSE = Duration.ofSeconds(45);
    static final String ANALYTICS_QUEUE = "flowwatch.analytics.events";
    static final String ALERT_QUEUE = "flowwatch.alert.metrics";

    static String api;
    static String key;
    static String pgPort = System.getenv().getOrDefault("FLOWWATCH_PG_PORT", "35432");
    static String psql = "psql";
    static String rabbitManagement = "http://127.0.0.1:" + System.getenv().getOrDefault("FLOWWATCH_RABBIT_MGMT_PORT", "36673");
    static String rabbitUser = "flowwatch";
    static String rabbitPassword = System.getenv().getOrDefault("FLOWWATCH_DB_PASSWORD", "flowwatch");
    // Quote times start 30 days back (ingest refuses future times) and advance 1 ms per event.
    static final AtomicLong clock = new AtomicLong(Instant.now().minus(Duration.ofDays(30)).toEpochMilli());
    // Every event this run had accepted, and analytics' count before it: each phase starts once all are committed,
    // so that no phase measures the backlog an earlier one left behind.
    static final AtomicLong acceptedByBench = new AtomicLong();
    static long committedBefore;

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        api = opts.get("api");
        key = Files.readString(Path.of(opts.get("key-file"))).trim();
        rabbitManagement = opts.getOrDefault("rabbit-management", rabbitManagement);
        psql = opts.getOrDefault("psql", psql);
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "60"));
        int stageSeconds = Integer.parseInt(opts.getOrDefault("stage-seconds", String.valueOf(Math.min(20, seconds))));
        int probes = Integer.parseInt(opts.getOrDefault("probes", "60"));
        double perftest = Double.parseDouble(opts.getOrDefault("perftest", "0"));
        Path out = Path.of(opts.getOrDefault("out", "bench/results"));
        Path pids = Path.of(opts.getOrDefault("pids", ".flowwatch/run"));
        Set<String> phases = opts.containsKey("only-throughput") ? Set.of("throughput")
                : Set.of(opts.getOrDefault("phases", "throughput,stages,growth,load,latency").split(","));
        int background = Integer.parseInt(opts.getOrDefault("background", "1000"));

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("date", Instant.now().toString());
        result.put("machine", Runtime.getRuntime().availableProcessors() + " cores");
        result.put("perftestMsgsPerSecond", perftest);
        committedBefore = committed();
        // Every figure falls as the databases grow: with 2.6 million earlier events in them the pipeline made 929 and
        // analytics alone 1,141 events/s, on empty ones 2,142 and 6,075 (same code, 2026-11-26; their indexes no
        // longer fit PostgreSQL's buffers). Compare runs with alike history only.
        result.put("historyAtStart", Map.of("analyticsEvents", committedBefore,
                "ingestEvents", Long.parseLong(sql("flowwatch_ingest", "select count(*) from event_log"))));
        // Events someone else left on their way would be counted into every figure: say so.
        Map<String, Object> backlog = new LinkedHashMap<>();
        backlog.put("outbox", unsent());
        backlog.put("queue", queueDepthNow(ANALYTICS_QUEUE));
        result.put("backlogAtStart", backlog);
        if (busy(backlog)) {
            System.err.println("warning: the pipeline is busy with earlier events " + backlog + "; the figures will be low");
        }

        // The services were just started: their hot paths run interpreted or half-compiled for the first minute
        // (the pipeline measured 1,490, 1,900 and 2,350 events/s in three 20 s runs in a row). A warm-up load, not a
        // figure, so that every phase measures the steady state the issue asks for.
        int warmUp = Integer.parseInt(opts.getOrDefault("warmup-seconds", opts.containsKey("only-throughput") ? "0" : "60"));
        if (warmUp > 0) {
            // The rounds after the first load are the latency phase's own load when a latency phase is to run: the
            // throughput load leaves alert-service's deliveries and the gateway's reads half-compiled.
            boolean latencyToRun = phases.contains("latency") || phases.contains("load");
            result.put("warmUp", warmUp(warmUp, Integer.parseInt(opts.getOrDefault("warmup-max-seconds", "300")), pids,
                    latencyToRun ? () -> latency(background, 20, WARM_UP_ROUND_PROBES, true, pids)
                            : () -> throughput(5, WARM_UP_ROUND_SECONDS)));
        }
        if (phases.contains("throughput")) {
            Map<String, Object> throughput = throughput(5, seconds);
            result.put("pipeline", throughput);
            result.put("ratio", ratio((double) throughput.get("eventsPerSecond"), perftest));
        }
        if (opts.containsKey("only-throughput")) { // a quick look while tuning: no files written
            System.out.println(json(result));
            return;
        }
        if (phases.contains("stages")) {
            Map<String, Object> stages = stagesAlone(5, stageSeconds, pids.resolve("analytics-service.pid"));
            result.put("stages", stages);
            result.put("relayRatio", ratio(stages.get("relayPublishedPerSecond"), perftest));
            result.put("analyticsRatio", ratio(stages.get("analyticsCommittedPerSecond"), perftest));
        }
        if (phases.contains("growth")) {
            Map<String, Object> growth = new LinkedHashMap<>();
            for (int multiplier : new int[] {1, 4, 16}) {
                Map<String, Object> g = throughput(5 * multiplier, Math.max(10, seconds / 4));
                Map<String, Object> l = latency(1_000, 5 * multiplier, Math.max(5, probes / 4), false, pids);
                g.put("latencyBackgroundEventsPerSecond", l.get("backgroundEventsPerSecond"));
                g.put("latencyToVisibleMs", l.get("visible"));
                growth.put(multiplier + "x", g);
            }
            result.put("costGrowth", growth);
        }
        if (phases.contains("load")) {
            // The same probes behind lighter loads: where the latency target holds on this machine, and how latency
            // grows as the machine fills (at 1,000 events/s it was fully busy, 1.96 of 2 cores).
            Map<String, Object> byLoad = new LinkedHashMap<>();
            for (String load : opts.getOrDefault("loads", "100,300").split(",")) {
                Map<String, Object> l = latency(Integer.parseInt(load.trim()), 20, Math.max(10, probes / 2), true, pids);
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("backgroundEventsPerSecond", l.get("backgroundEventsPerSecond"));
                entry.put("latencyToVisibleMs", l.get("visible"));
                entry.put("latencyToWebhookMs", l.get("webhook"));
                entry.put("machineCpuCores", section(l, "cpuCores").get("machine"));
                byLoad.put(load.trim(), entry);
            }
            result.put("latencyByLoad", byLoad);
        }
        if (phases.contains("latency")) {
            Map<String, Object> latency = latency(background, 20, probes, true, pids);
            result.put("backgroundAskedPerSecond", background);
            result.put("backgroundEventsPerSecond", latency.get("backgroundEventsPerSecond"));
            result.put("latencyToVisibleMs", latency.get("visible"));
            result.put("latencyToWebhookMs", latency.get("webhook"));
            result.put("rssMb", latency.get("rssMb"));
            result.put("cpuCores", latency.get("cpuCores"));
        }
        result.put("startupSeconds", startup(pids.resolveSibling("logs"), pids));

        Files.createDirectories(out);
        String day = LocalDate.now().toString();
        String jsonText = json(result);
        Files.writeString(out.resolve(day + ".json"), jsonText + "\n");
        Files.writeString(out.resolve(day + ".md"), markdown(result));
        System.out.println(jsonText);
        System.out.println();
        System.out.println(markdown(result));
        System.err.println("written: " + out.resolve(day + ".json") + ", " + out.resolve(day + ".md"));
        settle(); // leave the pipeline as the run found it: nothing of ours still on its way
    }

    static boolean busy(Map<String, Object> backlog) {
        return backlog.get("outbox") instanceof Long o && o > 1_000 || backlog.get("queue") instanceof Long q && q > 1_000;
    }

    static Double ratio(Object rate, double perftest) {
        return perftest > 0 && rate instanceof Number n ? Math.round(n.doubleValue() / perftest * 1000) / 1000.0 : null;
    }

    /** A throughput warm-up round's length, a latency one's probes, and the JIT use (all services) that ends it. */
    static final int WARM_UP_ROUND_SECONDS = 20;
    static final int WARM_UP_ROUND_PROBES = 20;
    static final double JIT_SETTLED_CORES = 0.1;

    /**
     * The throughput load for {@code seconds}, then rounds of {@code round} (its figures discarded) until the
     * services' JIT compiler threads used under {@link #JIT_SETTLED_CORES} cores in one (or {@code maxSeconds} have
     * passed). A fixed minute of throughput load was not enough on two cores: the latency phase right after it
     * measured webhook p99 1.5 to 5 s in nine runs, with the compilers still busy, and 0.18 to 0.28 s when run again on
     * the same services. More throughput load, until the compilers were nearly idle, still left 1.5 s: it never sends
     * a webhook nor reads through the gateway, so the rounds run the latency load when a latency phase follows.
     */
    static Map<String, Object> warmUp(int seconds, int maxSeconds, Path pids, Callable<?> round) throws Exception {
        long warmUpStarted = System.nanoTime();
        Map<String, Object> first = throughput(5, seconds);
        double jitCores;
        int rounds = 0;
        do {
            long ticksBefore = jitTicks(pids);
            long started = System.nanoTime();
            round.call();
            rounds++;
            jitCores = Math.max(0, jitTicks(pids) - ticksBefore) / 100.0 / ((System.nanoTime() - started) / 1e9);
            System.err.printf("warm-up round %d (its figures are discarded): the JIT compilers used %.3f cores%n",
                    rounds, jitCores);
        } while (jitCores >= JIT_SETTLED_CORES && (System.nanoTime() - warmUpStarted) / 1e9 < maxSeconds);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("seconds", Math.round((System.nanoTime() - warmUpStarted) / 1e9));
        r.put("eventsPerSecond", first.get("eventsPerSecond"));
        r.put("rounds", rounds);
        r.put("jitCoresLastRound", Math.round(jitCores * 1000) / 1000.0);
        r.put("jitSettled", jitCores < JIT_SETTLED_CORES);
        return r;
    }

    /**
     * CPU time so far (clock ticks) of the services' JIT compiler threads ("C1 CompilerThre…", "C2 CompilerThre…"). A
     * compiler thread that ended meanwhile takes its share with it, so a difference is at most a little low.
     */
    static long jitTicks(Path pids) throws IOException {
        long ticks = 0;
        try (var files = Files.list(pids)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                Path tasks = Path.of("/proc", Files.readString(file).trim(), "task");
                if (!Files.isDirectory(tasks)) {
                    continue;
                }
                try (var threads = Files.list(tasks)) {
                    for (Path thread : threads.toList()) {
                        ProcStat stat = procStat(thread);
                        if (stat != null && (stat.comm().startsWith("C1 CompilerThre") || stat.comm().startsWith("C2 CompilerThre"))) {
                            ticks += stat.ticks();
                        }
                    }
                } catch (IOException gone) {
                    // the process ended: no figure
                }
            }
        }
        return ticks;
    }

    /** Pushes for `seconds` with two clients, then waits until analytics has committed every accepted event. */
    static Map<String, Object> throughput(int instruments, int seconds) throws Exception {
        settle();
        long before = committed();
        Instant start = Instant.now();
        // Consumer lag while everything runs: analytics' queue depth (the management API refreshes it every 5 s).
        AtomicLong maxLag = new AtomicLong(-1);
        var lagSampler = Executors.newSingleThreadScheduledExecutor();
        lagSampler.scheduleWithFixedDelay(() -> {
            Long depth = queueDepthNow(ANALYTICS_QUEUE);
            if (depth != null) {
                maxLag.accumulateAndGet(depth, Math::max);
            }
        }, 0, 1, TimeUnit.SECONDS);
        long accepted;
        long now;
        try {
            accepted = pushFor(instruments, seconds);
            now = waitCommitted(before + accepted, Duration.ofSeconds(600));
        } finally {
            lagSampler.shutdownNow();
        }
        long target = before + accepted;
        Duration took = Duration.between(start, Instant.now());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("instruments", instruments);
        r.put("accepted", accepted);
        r.put("committed", now - before);
        r.put("lost", Math.max(0, target - now));
        r.put("seconds", took.toMillis() / 1000.0);
        r.put("acceptedPerSecond", Math.round(accepted / (double) seconds));
        r.put("eventsPerSecond", Math.round((now - before) / (took.toMillis() / 1000.0) * 10) / 10.0);
        r.put("maxConsumerLag", maxLag.get() < 0 ? null : maxLag.get());
        // Each stage's own rate over the span in which it worked (first to last row it wrote in this phase).
        r.put("ingestAcceptedPerSecond", stageRate("flowwatch_ingest", "event_log", "accepted_at", start));
        r.put("relayPublishedPerSecond", stageRate("flowwatch_ingest", "outbox", "sent_at", start));
        r.put("analyticsCommittedPerSecond", stageRate("flowwatch_analytics", "processed_event", "processed_at", start));
        // The metric updates those events made (each is relayed and delivered to alert-service and the gateway).
        r.put("metricUpdates", Long.parseLong(sql("flowwatch_analytics",
                "select count(*) from metric_outbox where created_at >= '" + start + "'")));
        System.err.printf("throughput (%d instruments): %s%n", instruments, r);
        return r;
    }

    /** Two clients push 1,000-quote batches for `seconds`; the number of events the API accepted. */
    static long pushFor(int instruments, int seconds) throws Exception {
        AtomicLong accepted = new AtomicLong();
        Instant stop = Instant.now().plusSeconds(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<java.util.concurrent.Future<Object>> clients = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            clients.add(pool.submit(() -> {
                while (Instant.now().isBefore(stop)) {
                    accepted.addAndGet(push(batch(1_000, instruments)));
                }
                return null;
            }));
        }
        pool.shutdown();
        for (var client : clients) {
            client.get(seconds + 120L, TimeUnit.SECONDS); // a refused batch ends the benchmark with its reason
        }
        return accepted.get();
    }

    static long waitCommitted(long target, Duration patience) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        long now = committed();
        while (now < target && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            now = committed();
        }
        return now;
    }

    /**
     * Each stage alone, at steady state: analytics is stopped (SIGSTOP) while the clients push, so ingest accepts
     * and its relay publishes without analytics competing for the CPU; once the pushes end the relay drains the
     * outbox alone (its rate is taken over the rows it sent after the last push). Then analytics is resumed
     * (SIGCONT) with the whole backlog waiting in its queue (the consumer lag), and its rate is taken over the rows
     * it commits while draining it alone.
     */
    static Map<String, Object> stagesAlone(int instruments, int seconds, Path analyticsPidFile) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        if (!Files.exists(analyticsPidFile)) {
            System.err.println("stages: no " + analyticsPidFile + "; skipped");
            return r;
        }
        String pid = Files.readString(analyticsPidFile).trim();
        settle();
        long before = committed();
        AtomicBoolean paused = new AtomicBoolean();
        // Whatever happens to this JVM short of SIGKILL, analytics is not left stopped (the launcher traps that too).
        Thread resumeOnExit = new Thread(() -> {
            if (paused.get()) {
                signal("CONT", pid);
            }
        });
        Runtime.getRuntime().addShutdownHook(resumeOnExit);
        Instant start = Instant.now();
        Instant pushEnd;
        long accepted;
        Instant resumeAt;
        try {
            signal("STOP", pid);
            paused.set(true);
            accepted = pushFor(instruments, seconds);
            pushEnd = Instant.now();
            Instant pauseEnd = start.plus(MAX_PAUSE);
            long unsent = unsent();
            while (unsent > 0 && Instant.now().isBefore(pauseEnd)) {
                Thread.sleep(200);
                unsent = unsent();
            }
            r.put("instruments", instruments);
            r.put("pushSeconds", seconds);
            r.put("accepted", accepted);
            r.put("ingestAcceptedPerSecond", stageRate("flowwatch_ingest", "event_log", "accepted_at", start));
            // If the relay kept up with the pushes there is (almost) nothing left to drain, and its rate over the
            // whole pause says only that it is at least as fast as ingest accepted.
            boolean drainedAlone = stageSpanSeconds("flowwatch_ingest", "outbox", "sent_at", pushEnd) >= 2;
            r.put("relayPublishedPerSecond", stageRate("flowwatch_ingest", "outbox", "sent_at", drainedAlone ? pushEnd : start));
            r.put("relayRateIsLowerBound", !drainedAlone);
            r.put("relayDrainedOutbox", unsent == 0);
            r.put("outboxLeftAtResume", unsent);
            r.put("uncommittedAtResume", before + accepted - committed());
            r.put("queueDepthAtResume", queueDepth(ANALYTICS_QUEUE, pauseEnd));
        } finally {
            if (paused.get()) {
                signal("CONT", pid);
                paused.set(false);
            }
            resumeAt = Instant.now();
            try {
                Runtime.getRuntime().removeShutdownHook(resumeOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway; resuming twice does no harm
            }
        }
        r.put("pausedSeconds", Duration.between(start, resumeAt).toMillis() / 1000.0);
        long now = waitCommitted(before + accepted, Duration.ofSeconds(600));
        r.put("drainSeconds", Duration.between(resumeAt, Instant.now()).toMillis() / 1000.0);
        r.put("lost", Math.max(0, before + accepted - now));
        r.put("analyticsCommittedPerSecond", stageRate("flowwatch_analytics", "processed_event", "processed_at", resumeAt));
        System.err.printf("stages alone: %s%n", r);
        return r;
    }

    static void signal(String name, String pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, pid).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid + " failed");
            }
            System.err.printf("sent SIG%s to analytics-service (pid %s)%n", name, pid);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Messages in a queue (ready + unacknowledged) from the management API. Its figures are sampled every 5 s,
     * so while time allows, wait until two readings 5 s apart agree (nothing moves while analytics is stopped).
     */
    static Long queueDepth(String queue, Instant until) throws Exception {
        Long previous = null;
        for (int reading = 0; reading < 4; reading++) {
            Long depth = queueDepthNow(queue);
            if (depth != null && depth.equals(previous) || Instant.now().plusSeconds(5).isAfter(until)) {
                return depth;
            }
            previous = depth;
            Thread.sleep(5_000);
        }
        return previous;
    }

    static Long queueDepthNow(String queue) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(rabbitManagement + "/api/queues/flowwatch/" + queue))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString((rabbitUser + ":" + rabbitPassword).getBytes(StandardCharsets.UTF_8)))
                    .build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("\"messages\":(\\d+)").matcher(response.body());
            return response.statusCode() == 200 && m.find() ? Long.parseLong(m.group(1)) : null;
        } catch (IOException | InterruptedException e) {
            System.err.println("RabbitMQ management API: " + e);
            return null;
        }
    }

    /**
     * Background load of `background` quotes/s over `instruments` instruments, and a probe quote every second:
     * latency from the push's 202 to the quote being the latest through the gateway and, with `webhook`, to a
     * webhook arriving. Each service's RSS is sampled meanwhile (the maximum is kept). Probes go out on time
     * whatever the pipeline does; late ones are waited for (2 minutes at most) after the load stops.
     */
    static Map<String, Object> latency(int background, int instruments, int probes, boolean webhook, Path pids)
            throws Exception {
        settle();
        String instrument = "LATPROBE" + (100_000 + new java.util.Random().nextInt(900_000));
        Instant base = Instant.ofEpochMilli(clock.addAndGet(1000));
        // The probes come one hour after a base quote of 100: quote.change over 1 h is +100 % for a price of 200
        // and −50 % for 50. Alternating them makes a rule "change > 0, notify when resolved" send a webhook for
        // every probe: a new episode fires, then resolves, and so on.
        clock.addAndGet(Duration.ofHours(1).toMillis() + (probes + 2) * 1000L);
        Map<Long, Long> acceptedAt = new ConcurrentHashMap<>(); // probe time (epoch ms) → System.nanoTime()
        Map<Long, Long> visibleAt = new ConcurrentHashMap<>();
        Map<Long, Long> arrivals = new ConcurrentHashMap<>();
        HttpServer receiver = null;
        String run = instrument.toLowerCase();
        String channel = "bench-" + run;
        String rule = "bench-latency-" + run;
        Map<String, Long> rssMax = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        AtomicLong backgroundAccepted = new AtomicLong();
        AtomicBoolean probing = new AtomicBoolean(true);
        AtomicBoolean watching = new AtomicBoolean(true);
        Instant backgroundStart;
        Instant backgroundEnd;
        Map<String, Object> cpu;
        try {
            if (webhook) {
                receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                receiver.createContext("/hook", exchange -> {
                    long arrived = System.nanoTime();
                    try (InputStream body = exchange.getRequestBody()) {
                        Matcher at = Pattern.compile("\"at\"\\s*:\\s*\"([^\"]+)\"").matcher(new String(body.readAllBytes(), StandardCharsets.UTF_8));
                        // Every "at": with a group wait (flowwatch.alert.group-wait, 0 by default) notifications may
                        // come as one grouped webhook (alert.group), each member with its own.
                        while (at.find()) {
                            arrivals.putIfAbsent(Instant.parse(at.group(1)).toEpochMilli(), arrived);
                        }
                    } catch (RuntimeException e) {
                        System.err.println("webhook receiver: " + e);
                    }
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                });
                receiver.setExecutor(Executors.newFixedThreadPool(4));
                receiver.start();
                expect(201, "POST", "/channels", "{\"id\":\"" + channel + "\",\"type\":\"webhook\",\"url\":\"http://127.0.0.1:"
                        + receiver.getAddress().getPort() + "/hook\"}");
                expect(201, "POST", "/rules", "{\"id\":\"" + rule + "\",\"name\":\"bench: webhook latency probe\","
                        + "\"metric\":\"quote.change\",\"scope\":\"" + instrument + "@1h\","
                        + "\"condition\":{\"type\":\"threshold\",\"op\":\"gt\",\"value\":0},\"for\":\"PT0S\","
                        + "\"severity\":\"info\",\"channels\":[\"" + channel + "\"],\"notifyResolved\":true}");
            }
            push("[" + quote(instrument, base, new java.math.BigDecimal("100")) + "]");
            waitVisible(instrument, base, System.nanoTime());
            Instant firstProbe = base.plus(Duration.ofHours(1));
            backgroundStart = Instant.now();
            pool.submit(() -> backgroundLoad(background, instruments, probing, backgroundAccepted));
            pool.submit(() -> {
                while (probing.get()) {
                    rss(pids).forEach((service, mb) -> rssMax.merge(service, mb, Math::max));
                    Thread.sleep(500);
                }
                return null;
            });
            // Quotes of one instrument are applied in time order, so a latest quote at T means every probe up to T
            // is visible. The watcher looks every 10 ms, but only while a probe is accepted and not yet seen (a few
            // looks a second): looking all the time (every 25 ms, 40 requests a second through the gateway,
            // analytics and PostgreSQL) kept the machine 0.96 of 2 cores busy at 10 background events/s, against
            // 0.78 this way (one run each; analytics 0.19 → 0.10, gateway 0.14 → 0.07).
            pool.submit(() -> {
                Pattern latestTime = Pattern.compile("\"time\"\\s*:\\s*\"([^\"]+)\"");
                while (watching.get()) {
                    synchronized (acceptedAt) { // woken by the next probe's acceptance (or, at the end, by the timeout)
                        if (visibleAt.size() == acceptedAt.size()) {
                            acceptedAt.wait(100);
                            continue;
                        }
                    }
                    Matcher m = latestTime.matcher(call("GET", "/quotes/latest?instrument=" + instrument, null));
                    long seen = System.nanoTime();
                    if (m.find()) {
                        long latest = Instant.parse(m.group(1)).toEpochMilli();
                        acceptedAt.keySet().forEach(time -> {
                            if (time <= latest) {
                                visibleAt.putIfAbsent(time, seen);
                            }
                        });
                    }
                    Thread.sleep(10);
                }
                return null;
            });
            Thread.sleep(2_000); // the background load is running before the first probe
            Map<String, Long> cpuBefore = cpuTicks(pids);
            long started = System.nanoTime();
            for (int i = 0; i < probes; i++) {
                long rest = i * 1000L - (System.nanoTime() - started) / 1_000_000;
                if (rest > 0) {
                    Thread.sleep(rest);
                }
                Instant time = firstProbe.plusSeconds(i);
                push("[" + quote(instrument, time, new java.math.BigDecimal(i % 2 == 0 ? "200" : "50")) + "]");
                synchronized (acceptedAt) {
                    acceptedAt.put(time.toEpochMilli(), System.nanoTime());
                    acceptedAt.notifyAll();
                }
            }
            cpu = cores(cpuBefore, cpuTicks(pids), (System.nanoTime() - started) / 1e9);
            probing.set(false);
            backgroundEnd = Instant.now();
            Instant deadline = Instant.now().plusSeconds(120);
            while ((visibleAt.size() < probes || webhook && arrivals.size() < probes) && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            watching.set(false);
            pool.shutdown();
            pool.awaitTermination(90, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
            if (webhook) {
                call("DELETE", "/rules/" + rule, null);
                call("DELETE", "/channels/" + channel, null);
            }
            if (receiver != null) {
                receiver.stop(0);
                ((ExecutorService) receiver.getExecutor()).shutdownNow();
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("backgroundEventsPerSecond", Math.round(backgroundAccepted.get()
                / (Duration.between(backgroundStart, backgroundEnd).toMillis() / 1000.0)));
        r.put("visible", percentiles(since(acceptedAt, visibleAt), probes));
        if (webhook) {
            r.put("webhook", percentiles(since(acceptedAt, arrivals), probes));
        }
        r.put("rssMb", new java.util.TreeMap<>(rssMax));
        r.put("cpuCores", cpu);
        System.err.printf("latency (%d instruments in the background): %s%n", instruments, r);
        return r;
    }

    /** Milliseconds from each probe's acceptance to its event, for the probes that have one. */
    static List<Long> since(Map<Long, Long> acceptedAt, Map<Long, Long> eventAt) {
        List<Long> ms = new ArrayList<>();
        acceptedAt.forEach((time, accepted) -> {
            Long at = eventAt.get(time);
            if (at != null) {
                ms.add((at - accepted) / 1_000_000);
            }
        });
        return ms;
    }

    /**
     * `perSecond` quotes a second as 10 batches a second on the wall clock, sent without waiting for the previous
     * answer (at most 8 in flight; a batch due while 8 are pending is skipped), so a slow answer does not lower the
     * load; until `running` turns false. The events accepted are added to `accepted`.
     */
    static Void backgroundLoad(int perSecond, int instruments, AtomicBoolean running, AtomicLong accepted) throws Exception {
        int slots = 8;
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(slots);
        long started = System.nanoTime();
        for (long k = 0; running.get(); k++) {
            long rest = k * 100 - (System.nanoTime() - started) / 1_000_000;
            if (rest > 0) {
                Thread.sleep(rest);
            }
            if (!inFlight.tryAcquire()) {
                continue;
            }
            HTTP.sendAsync(request("POST", "/events", batch(perSecond / 10, instruments)), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> {
                        if (response != null && response.statusCode() == 202) {
                            accepted.addAndGet(acceptedIn(response.body()));
                        }
                        inFlight.release();
                    });
        }
        inFlight.tryAcquire(slots, 60, TimeUnit.SECONDS);
        return null;
    }

    /** Milliseconds from `accepted` until the gateway answers `time` as the instrument's latest quote (30 s at most). */
    static long waitVisible(String instrument, Instant time, long accepted) throws Exception {
        while (!call("GET", "/quotes/latest?instrument=" + instrument, null).contains(time.toString())) {
            if ((System.nanoTime() - accepted) > 30_000_000_000L) {
                break;
            }
            Thread.sleep(5);
        }
        return (System.nanoTime() - accepted) / 1_000_000;
    }

    static Map<String, Object> percentiles(List<Long> samples, int probes) {
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("p50", percentile(sorted, 50));
        r.put("p95", percentile(sorted, 95));
        r.put("p99", percentile(sorted, 99));
        r.put("max", sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1));
        r.put("samples", sorted.size());
        r.put("probes", probes);
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
            Instant time = Instant.ofEpochMilli(clock.addAndGet(1));
            body.append(quote("BENCH" + (i % instruments), time, java.math.BigDecimal.valueOf(10_000 + time.toEpochMilli() % 1000, 2)));
        }
        return body.append(']').toString();
    }

    static String quote(String instrument, Instant time, java.math.BigDecimal price) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"flowwatch.quote.v1\",\"source\":\"bench\",\"data\":{"
                + "\"instrument\":\"" + instrument + "\",\"time\":\"" + time + "\",\"priceUsd\":" + price.toPlainString() + "}}";
    }

    static long push(String events) throws Exception {
        String answer = call("POST", "/events", events);
        if (!answer.contains("\"accepted\":")) {
            throw new IllegalStateException("the API refused a batch: " + answer.substring(0, Math.min(answer.length(), 600)));
        }
        return acceptedIn(answer);
    }

    /** The number of events an answer of POST /events says were accepted (and counts them for {@link #settle}). */
    static long acceptedIn(String answer) {
        int at = answer.indexOf("\"accepted\":");
        long accepted = at < 0 ? 0 : Long.parseLong(answer.substring(at + 11).split("[,}]")[0].trim());
        acceptedByBench.addAndGet(accepted);
        return accepted;
    }

    /** Waits (5 minutes at most) until analytics has committed every event this run had accepted. */
    static void settle() throws Exception {
        long target = committedBefore + acceptedByBench.get();
        long now = committed();
        if (now < target) {
            System.err.printf("waiting for the pipeline to commit the %d events still on their way …%n", target - now);
            now = waitCommitted(target, Duration.ofMinutes(5));
            if (now < target) {
                System.err.printf("  %d events still not committed; going on%n", target - now);
            }
        }
        // The metric updates of earlier phases too: a phase that begins while alert-service still works through them
        // measures their backlog (the webhook latency after the growth phases was 10 s more than the visible one).
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        long unsentMetrics;
        Long alertQueue = null;
        while ((unsentMetrics = Long.parseLong(sql("flowwatch_analytics", "select count(*) from metric_outbox where sent_at is null"))) > 0
                || (alertQueue = queueDepthNow(ALERT_QUEUE)) != null && alertQueue > 0) {
            if (Instant.now().isAfter(deadline)) {
                System.err.printf("  %d metric updates unsent, %s in alert-service's queue; going on%n", unsentMetrics, alertQueue);
                return;
            }
            Thread.sleep(500);
        }
    }

    static String call(String method, String path, String body) throws IOException, InterruptedException {
        return send(method, path, body).body();
    }

    static void expect(int status, String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path, body);
        if (response.statusCode() != status) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    static HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 429) {
            Thread.sleep(200);
            return send(method, path, body);
        }
        return response;
    }

    static HttpRequest request(String method, String path, String body) {
        return HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(60))
                .header("X-API-Key", key).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** Rows a stage wrote since {@code since}, divided by the seconds between its first and last such row. */
    static double stageRate(String database, String table, String column, Instant since) throws Exception {
        String[] row = sql(database, "select count(*), coalesce(extract(epoch from max(" + column + ") - min(" + column
                + ")), 0) from " + table + " where " + column + " >= '" + since + "'").split("\\|");
        double seconds = Double.parseDouble(row[1]);
        return seconds <= 0 ? 0 : Math.round(Long.parseLong(row[0]) / seconds * 10) / 10.0;
    }

    static double stageSpanSeconds(String database, String table, String column, Instant since) throws Exception {
        return Double.parseDouble(sql(database, "select coalesce(extract(epoch from max(" + column + ") - min(" + column
                + ")), 0) from " + table + " where " + column + " >= '" + since + "'"));
    }

    static String sql(String database, String query) throws Exception {
        Process client = new ProcessBuilder(psql, "-h", "127.0.0.1", "-p", pgPort, "-U", "flowwatch", "-d", database,
                "-tAc", query).redirectErrorStream(true).start();
        client.getOutputStream().close();
        String text = new String(client.getInputStream().readAllBytes()).trim();
        if (client.waitFor() != 0) {
            throw new IllegalStateException("psql failed: " + text);
        }
        return text;
    }

    /** Events analytics has committed, read from its own database (processed ids are written with each change). */
    static long committed() throws Exception {
        return Long.parseLong(sql("flowwatch_analytics", "select count(*) from processed_event"));
    }

    /** Outbox rows ingest has not yet had confirmed by the broker. */
    static long unsent() throws Exception {
        return Long.parseLong(sql("flowwatch_ingest", "select count(*) from outbox where sent_at is null"));
    }

    /**
     * CPU time so far (clock ticks, user + system) of each service (by its PID file), of PostgreSQL's and RabbitMQ's
     * processes (by name; a PostgreSQL backend that ended meanwhile takes its share with it), and of the whole machine.
     */
    static Map<String, Long> cpuTicks(Path pids) throws IOException {
        Map<String, Long> ticks = new LinkedHashMap<>();
        Map<String, String> services = new HashMap<>();
        try (var files = Files.list(pids)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                services.put(Files.readString(file).trim(), file.getFileName().toString().replace(".pid", ""));
            }
        }
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                ProcStat stat = procStat(process);
                if (stat == null) {
                    continue;
                }
                String name = services.getOrDefault(process.getFileName().toString(),
                        stat.comm().equals("postgres") ? "postgresql" : stat.comm().equals("beam.smp") ? "rabbitmq" : null);
                if (name != null) {
                    ticks.merge(name, stat.ticks(), Long::sum);
                }
            }
        }
        String[] machine = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < machine.length; i++) {
            if (i != 4 && i != 5) { // all but idle and iowait
                busy += Long.parseLong(machine[i]);
            }
        }
        ticks.put("machine", busy);
        return ticks;
    }

    /** A process' or thread's name and CPU time so far (clock ticks, user + system), from its /proc stat file. */
    record ProcStat(String comm, long ticks) {}

    /** The stat of /proc/PID or /proc/PID/task/TID, or null once it has ended. */
    static ProcStat procStat(Path dir) {
        String stat;
        try {
            stat = Files.readString(dir.resolve("stat"));
        } catch (IOException gone) {
            return null;
        }
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new ProcStat(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
                Long.parseLong(fields[11]) + Long.parseLong(fields[12])); // utime, stime
    }

    /** Cores each process used between two readings {@code seconds} apart (100 ticks a second, as on Linux here). */
    static Map<String, Object> cores(Map<String, Long> before, Map<String, Long> after, double seconds) {
        Map<String, Object> r = new java.util.TreeMap<>();
        after.forEach((name, ticks) -> r.put(name, Math.round((ticks - before.getOrDefault(name, 0L)) / 100.0 / seconds * 100) / 100.0));
        return r;
    }

    /** Resident set size (MB) of each service whose PID file names a live process. */
    static Map<String, Long> rss(Path pids) throws IOException {
        Map<String, Long> r = new LinkedHashMap<>();
        try (var files = Files.list(pids)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).sorted().toList()) {
                String pid = Files.readString(file).trim();
                try {
                    for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                        if (line.startsWith("VmRSS:")) {
                            r.put(file.getFileName().toString().replace(".pid", ""), Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                        }
                    }
                } catch (IOException gone) {
                    // not running (any more): no figure
                }
            }
        }
        return r;
    }

    /**
     * Start-up time per service from Quarkus' "… (powered by Quarkus x) started in 1.234s." line. The launcher
     * appends to a service's log at each start, and the last such line is taken, so it is the current run's.
     * Quarkus counts from its own bootstrap; `withJvm` is from the process' start (/proc) to that line's time stamp,
     * so it includes the JVM's launch too.
     */
    static Map<String, Object> startup(Path logs, Path pids) throws IOException {
        Map<String, Object> r = new LinkedHashMap<>();
        if (!Files.isDirectory(logs)) {
            return r;
        }
        Pattern started = Pattern.compile("powered by Quarkus [^)]*\\) started in (\\d+(?:\\.\\d+)?)s\\b");
        Pattern stamp = Pattern.compile("^(\\d{2}:\\d{2}:\\d{2})[.,](\\d{3})");
        try (var files = Files.list(logs)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                String service = file.getFileName().toString().replace(".log", "");
                String last = null;
                String lastStamp = null;
                for (String line : new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).split("\n")) {
                    Matcher m = started.matcher(line);
                    if (m.find()) {
                        last = m.group(1);
                        Matcher t = stamp.matcher(line);
                        lastStamp = t.find() ? t.group(1) + "." + t.group(2) : null;
                    }
                }
                if (last != null) {
                    Map<String, Object> s = new LinkedHashMap<>();
                    s.put("quarkus", Double.parseDouble(last));
                    Double withJvm = secondsSinceProcessStart(pids.resolve(service + ".pid"), lastStamp);
                    if (withJvm != null) {
                        s.put("withJvm", withJvm);
                    }
                    r.put(service, s);
                }
            }
        }
        return r;
    }

    /** Seconds from a process' start to a local time of day (HH:mm:ss.SSS, within a day after the start). */
    static Double secondsSinceProcessStart(Path pidFile, String timeOfDay) {
        try {
            if (timeOfDay == null || !Files.exists(pidFile)) {
                return null;
            }
            String stat = Files.readString(Path.of("/proc", Files.readString(pidFile).trim(), "stat"));
            // field 22 (starttime, clock ticks after boot) counted after the command name's closing parenthesis
            long ticks = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19]);
            long bootSeconds = Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.startsWith("btime "))
                    .mapToLong(l -> Long.parseLong(l.substring(6).trim())).findFirst().orElseThrow();
            long hz = Long.parseLong(new String(new ProcessBuilder("getconf", "CLK_TCK").start().getInputStream()
                    .readAllBytes()).trim());
            Instant processStart = Instant.ofEpochMilli(bootSeconds * 1000 + ticks * 1000 / hz);
            java.time.ZonedDateTime start = processStart.atZone(java.time.ZoneId.systemDefault());
            java.time.ZonedDateTime ready = start.with(java.time.LocalTime.parse(timeOfDay));
            if (ready.isBefore(start.minusSeconds(1))) {
                ready = ready.plusDays(1);
            }
            return Duration.between(start, ready).toMillis() / 1000.0;
        } catch (IOException | RuntimeException e) {
            return null; // not running, or not on Linux: only Quarkus' own figure
        }
    }

    static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder s = new StringBuilder("{");
            map.forEach((k, v) -> s.append(s.length() > 1 ? ", " : "").append('"').append(k).append("\": ").append(json(v)));
            return s.append('}').toString();
        }
        if (value instanceof String text) {
            return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        return String.valueOf(value);
    }

    // ---- the Markdown table: every figure with its target and whether it is met -------------------------------

    @SuppressWarnings("unchecked")
    static Map<String, Object> section(Map<String, Object> r, String name) {
        Object v = r.get(name);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static String met(boolean ok) {
        return ok ? "yes" : "**no**";
    }

    static String ratioMet(Object ratio) {
        return ratio instanceof Number n ? met(n.doubleValue() >= RATIO_TARGET) : "n/a (no PerfTest figure)";
    }

    static String ms(Map<String, Object> l) {
        if (Integer.valueOf(0).equals(l.get("samples"))) {
            return "none of " + l.get("probes") + " probes within 2 minutes after the last";
        }
        return "p50 " + l.get("p50") + " ms, p95 " + l.get("p95") + " ms, p99 " + l.get("p99") + " ms ("
                + l.get("samples") + " of " + l.get("probes") + " probes)";
    }

    static String markdown(Map<String, Object> r) {
        StringBuilder s = new StringBuilder("flowwatch benchmark, " + r.get("date") + ", " + r.get("machine") + "\n\n");
        s.append("| figure | value | target | met |\n| --- | --- | --- | --- |\n");
        row(s, "RabbitMQ PerfTest (quorum queue, persistent, confirms)", r.get("perftestMsgsPerSecond") + " msg/s",
                "reference", "—");
        Map<String, Object> backlog = section(r, "backlogAtStart");
        row(s, "backlog found at the start (others' events)", backlog.get("outbox") + " in ingest's outbox, "
                + backlog.get("queue") + " in analytics' queue", "≤ 1,000 each (else every figure is low)",
                met(!busy(backlog)));
        Map<String, Object> history = section(r, "historyAtStart");
        if (!history.isEmpty()) {
            row(s, "events already in the databases at the start", history.get("ingestEvents") + " in ingest's log, "
                    + history.get("analyticsEvents") + " applied by analytics", "— (figures fall as they grow)", "—");
        }
        Map<String, Object> warm = section(r, "warmUp");
        if (!warm.isEmpty()) {
            row(s, "warm-up before the phases (JIT; not a figure)", warm.get("seconds") + " s of pushes, "
                    + warm.get("eventsPerSecond") + " events/s" + (warm.containsKey("jitCoresLastRound")
                            ? "; the JIT compilers used " + warm.get("jitCoresLastRound") + " cores in the last of its "
                                    + warm.get("rounds") + " rounds" + (Boolean.TRUE.equals(warm.get("jitSettled"))
                                            ? "" : " (not settled: the figures may be low)")
                            : ""), "—", "—");
        }
        Map<String, Object> p = section(r, "pipeline");
        if (!p.isEmpty()) {
            row(s, "pipeline: ingest API → committed aggregates (" + p.get("instruments") + " instruments)",
                    p.get("eventsPerSecond") + " events/s (" + p.get("committed") + " events in " + p.get("seconds") + " s)",
                    "—", "—");
            row(s, "pipeline ÷ PerfTest (`ratio`)", String.valueOf(r.get("ratio")), "≥ " + RATIO_TARGET, ratioMet(r.get("ratio")));
            row(s, "pipeline: events lost", String.valueOf(p.get("lost")), "0", met(Long.valueOf(0).equals(p.get("lost"))));
            row(s, "pipeline: per stage while all run", "ingest accepted " + p.get("ingestAcceptedPerSecond")
                    + ", relay published " + p.get("relayPublishedPerSecond") + ", analytics committed "
                    + p.get("analyticsCommittedPerSecond") + " events/s; consumer lag up to " + p.get("maxConsumerLag")
                    + " messages; " + p.get("metricUpdates") + " metric updates written", "—", "—");
        }
        Map<String, Object> st = section(r, "stages");
        if (!st.isEmpty()) {
            row(s, "ingest alone: accepted durable (analytics stopped)", st.get("ingestAcceptedPerSecond") + " events/s",
                    "—", "—");
            boolean lowerBound = Boolean.TRUE.equals(st.get("relayRateIsLowerBound"));
            row(s, "relay alone: outbox → broker, confirmed", st.get("relayPublishedPerSecond") + " events/s"
                    + (lowerBound ? " or more (it kept up with ingest: no backlog to drain alone)" : " draining the outbox")
                    + (Boolean.TRUE.equals(st.get("relayDrainedOutbox")) ? "" : " (outbox not drained within the pause)"),
                    "—", "—");
            String relayMet = ratioMet(r.get("relayRatio"));
            row(s, "relay ÷ PerfTest (`relayRatio`)", (lowerBound ? "≥ " : "") + r.get("relayRatio"), "≥ " + RATIO_TARGET,
                    lowerBound && !relayMet.equals("yes") ? "unknown (a lower bound)" : relayMet);
            row(s, "analytics consumer lag when resumed", st.get("queueDepthAtResume") + " messages in "
                    + ANALYTICS_QUEUE + " (" + st.get("uncommittedAtResume") + " events uncommitted), drained in "
                    + st.get("drainSeconds") + " s", "—", "—");
            row(s, "analytics alone: queue → committed aggregates", st.get("analyticsCommittedPerSecond") + " events/s",
                    "—", "—");
            row(s, "analytics ÷ PerfTest (`analyticsRatio`)", String.valueOf(r.get("analyticsRatio")),
                    "≥ " + RATIO_TARGET, ratioMet(r.get("analyticsRatio")));
            row(s, "stages alone: events lost", String.valueOf(st.get("lost")), "0", met(Long.valueOf(0).equals(st.get("lost"))));
        }
        section(r, "costGrowth").forEach((k, v) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> g = (Map<String, Object>) v;
            Map<String, Object> l = section(g, "latencyToVisibleMs");
            row(s, "cost growth " + k + " (" + g.get("instruments") + " instruments)", g.get("eventsPerSecond")
                    + " events/s, " + g.get("lost") + " lost; accepted → visible p50 " + l.get("p50") + " ms, p99 "
                    + l.get("p99") + " ms at " + g.get("latencyBackgroundEventsPerSecond") + " events/s", "—", "—");
        });
        section(r, "latencyByLoad").forEach((asked, v) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> l = (Map<String, Object>) v;
            row(s, "latency at a lighter load: " + l.get("backgroundEventsPerSecond") + " events/s background ("
                    + asked + " asked), machine " + l.get("machineCpuCores") + " of " + r.get("machine"),
                    "accepted → visible " + ms(section(l, "latencyToVisibleMs")) + "; → webhook "
                    + ms(section(l, "latencyToWebhookMs")), "—", "—");
        });
        Map<String, Object> visible = section(r, "latencyToVisibleMs");
        if (!visible.isEmpty()) {
            Number asked = (Number) r.getOrDefault("backgroundAskedPerSecond", 1_000);
            String load = " at " + r.get("backgroundEventsPerSecond") + " events/s background"
                    + (((Number) r.get("backgroundEventsPerSecond")).doubleValue() < asked.doubleValue() * 0.95
                            ? " (" + asked + " asked; the API took fewer)" : "");
            row(s, "latency: accepted → visible via gateway" + load, ms(visible), "—", "—");
            Map<String, Object> hook = section(r, "latencyToWebhookMs");
            boolean all = hook.get("samples") != null && hook.get("samples").equals(hook.get("probes"));
            row(s, "latency: accepted → webhook received" + load, ms(hook), "p99 ≤ " + WEBHOOK_P99_TARGET_MS + " ms",
                    met(all && ((Number) hook.get("p99")).longValue() <= WEBHOOK_P99_TARGET_MS));
            section(r, "rssMb").forEach((service, mb) -> row(s, "RSS under that load: " + service, mb + " MB",
                    "≤ " + RSS_TARGET_MB + " MB", met(((Number) mb).longValue() <= RSS_TARGET_MB)));
            section(r, "cpuCores").forEach((name, cores) -> row(s, "CPU under that load: " + name,
                    cores + (name.equals("machine") ? " of " + r.get("machine") : " cores"), "—", "—"));
        }
        section(r, "startupSeconds").forEach((service, v) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> sec = (Map<String, Object>) v;
            row(s, "start-up: " + service, sec.get("quarkus") + " s (Quarkus' figure)"
                    + (sec.containsKey("withJvm") ? "; " + sec.get("withJvm") + " s from the process' start" : ""),
                    "≤ " + STARTUP_TARGET_SECONDS + " s", met(((Number) sec.get("quarkus")).doubleValue() <= STARTUP_TARGET_SECONDS));
        });
        return s.toString();
    }

    static void row(StringBuilder s, String figure, String value, String target, String met) {
        s.append("| ").append(figure).append(" | ").append(value).append(" | ").append(target).append(" | ").append(met).append(" |\n");
    }
}
