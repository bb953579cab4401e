// Helpers of the scale-out check (./flowwatch test-scale, deploy/local/scale-test.sh); not part of any service.
//   generate DIR QUOTES LIQUIDATIONS   a deterministic stream (fixed seed) as JSON arrays of ≤ 2,000 events, for the
//                                      ingest push API: quote random walks (TOTAL market cap, XAU, BTC, … and GEN-*
//                                      instruments) and liquidations on four venues, with drops and bursts that fire
//                                      the demo rules
//   publish JDBC_URL ADDRESSES VHOST PROGRESS_FILE [DELAY_MS_PER_1000]
//                                      publishes ingest's event log (in log order) to flowwatch.events on a cluster,
//                                      exactly as ingest's EventPublisher does (message id, ce-* headers, the partition
//                                      key header); windows of 200 with publisher confirms, a window that is not
//                                      confirmed (a node died) is published again after reconnecting: at least once
//   quotes ADDRESSES VHOST COUNT FIRST_EPOCH_MS   COUNT quote events straight to flowwatch.events (throughput)
// Classpath: the amqp-client, slf4j and PostgreSQL JDBC jars of analytics-service/target/quarkus-app/lib/main.
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Address;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

public class ScaleTool {

    static final String EVENTS_EXCHANGE = "flowwatch.events";
    static final String PARTITION_KEY_HEADER = "x-flowwatch-partition-key";

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "generate" -> generate(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "publish" -> publish(args[1], args[2], args[3], Path.of(args[4]),
                    args.length > 5 ? Long.parseLong(args[5]) : 0);
            case "quotes" -> quotes(args[1], args[2], Integer.parseInt(args[3]), Long.parseLong(args[4]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    // --- the generated stream ------------------------------------------------------------------------------

    record Walk(String instrument, boolean marketCap, BigDecimal start) {}

    static void generate(Path dir, int quotes, int liquidations) throws Exception {
        Files.createDirectories(dir);
        Random random = new Random(20260129L);
        List<Walk> walks = List.of(new Walk("TOTAL", true, new BigDecimal("2900000000000")),
                new Walk("XAU", false, new BigDecimal("2650")), new Walk("BTC", false, new BigDecimal("98000")),
                new Walk("ETH", false, new BigDecimal("3300")), new Walk("SOL", false, new BigDecimal("190")),
                new Walk("GEN-A", false, new BigDecimal("10")), new Walk("GEN-B", false, new BigDecimal("20")),
                new Walk("GEN-C", false, new BigDecimal("30")));
        Instant start = Instant.parse("2026-02-09T00:00:00Z");
        List<String> events = new ArrayList<>();
        Map<String, BigDecimal> level = new HashMap<>();
        walks.forEach(walk -> level.put(walk.instrument(), walk.start()));
        int steps = quotes / walks.size();
        for (int step = 0; step < steps; step++) {
            Instant time = start.plus(Duration.ofMinutes(10L * step));
            for (Walk walk : walks) {
                // ±0.4 % a step, and now and then a sharp move, so that 24 h changes cross the demo thresholds.
                double move = (random.nextDouble() - 0.5) * 0.008;
                if (random.nextInt(400) == 0) {
                    move += random.nextBoolean() ? -0.06 : 0.05;
                }
                BigDecimal next = level.get(walk.instrument()).multiply(BigDecimal.valueOf(1 + move))
                        .setScale(walk.marketCap() ? 0 : 4, RoundingMode.HALF_EVEN);
                level.put(walk.instrument(), next);
                String data = "\"instrument\":\"" + walk.instrument() + "\",\"time\":\"" + time + "\","
                        + (walk.marketCap() ? "\"marketCapUsd\":" : "\"priceUsd\":") + next.toPlainString();
                events.add(event(random, "flowwatch.quote.v1", "coingecko", time.plusSeconds(5), data));
            }
        }
        String[] venues = {"hyperliquid", "binance", "bybit", "okx"};
        String[] instruments = {"BTC", "ETH", "SOL"};
        Instant time = start;
        for (int i = 0; i < liquidations; i++) {
            time = time.plusSeconds(1 + random.nextInt(90));
            boolean burst = random.nextInt(300) == 0;
            long notional = burst ? 30_000_000L + random.nextInt(30_000_000) : 10_000L + random.nextInt(2_000_000);
            String venue = venues[random.nextInt(venues.length)];
            String data = "\"venue\":\"" + venue + "\",\"instrument\":\"" + instruments[random.nextInt(3)]
                    + "\",\"side\":\"" + (random.nextBoolean() ? "long" : "short") + "\",\"notionalUsd\":" + notional
                    + ",\"time\":\"" + time + "\"";
            events.add(event(random, "flowwatch.liquidation.v1", venue, time.plusSeconds(1), data));
        }
        // Interleave the two kinds as a live stream would (each kind stays in its own time order).
        List<String> mixed = interleave(events.subList(0, steps * walks.size()), events.subList(steps * walks.size(), events.size()));
        for (int from = 0, file = 0; from < mixed.size(); from += 2_000, file++) {
            List<String> chunk = mixed.subList(from, Math.min(mixed.size(), from + 2_000));
            Files.writeString(dir.resolve(String.format(Locale.ROOT, "stream-%03d.json", file)),
                    "[" + String.join(",\n", chunk) + "]\n");
        }
        System.out.println(mixed.size());
    }

    static List<String> interleave(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            // proportional merge
            if (j >= b.size() || (i < a.size() && (long) i * b.size() <= (long) j * a.size())) {
                out.add(a.get(i++));
            } else {
                out.add(b.get(j++));
            }
        }
        return out;
    }

    static String event(Random random, String type, String source, Instant time, String data) {
        UUID id = new UUID(random.nextLong(), random.nextLong());
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"source\":\"" + source
                + "\",\"time\":\"" + time + "\",\"data\":{" + data + "}}";
    }

    // --- publishing ------------------------------------------------------------------------------------------

    record Row(String id, String type, String source, String subject, String routingKey, byte[] body) {}

    static void publish(String jdbc, String addresses, String vhost, Path progress, long delayPer1000) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (var db = DriverManager.getConnection(jdbc, "flowwatch", System.getenv().getOrDefault("FLOWWATCH_DB_PASSWORD", "flowwatch"));
                var statement = db.createStatement();
                ResultSet result = statement.executeQuery(
                        "select id, type, source, subject, routing_key, event from event_log order by seq")) {
            while (result.next()) {
                rows.add(new Row(result.getString(1), result.getString(2), result.getString(3), result.getString(4),
                        result.getString(5), result.getString(6).getBytes(StandardCharsets.UTF_8)));
            }
        }
        Publisher publisher = new Publisher(addresses, vhost);
        int window = 200;
        for (int from = 0; from < rows.size(); from += window) {
            List<Row> slice = rows.subList(from, Math.min(rows.size(), from + window));
            publisher.sendConfirmed(slice.stream().map(row -> new Outgoing(row.routingKey(), properties(row), row.body())).toList());
            Files.writeString(progress, Integer.toString(from + slice.size()));
            if (delayPer1000 > 0) {
                Thread.sleep(delayPer1000 * slice.size() / 1000);
            }
        }
        publisher.close();
        System.out.println(rows.size() + " events published, " + publisher.republished + " windows published again");
    }

    static AMQP.BasicProperties properties(Row row) {
        Map<String, Object> headers = new HashMap<>();
        headers.put("ce-specversion", "1.0");
        headers.put("ce-id", row.id());
        headers.put("ce-type", row.type());
        headers.put("ce-source", row.source());
        headers.put("ce-subject", row.subject());
        headers.put(PARTITION_KEY_HEADER, partitionKey(row.routingKey()));
        return new AMQP.BasicProperties.Builder().messageId(row.id()).contentType("application/cloudevents+json")
                .deliveryMode(2).type(row.type()).timestamp(new Date()).headers(headers).build();
    }

    /** The same function as the contract's Topology.eventPartitionKey (this file runs without the project's jars). */
    static String partitionKey(String routingKey) {
        String[] words = routingKey.split("\\.", -1);
        if (words.length != 3) {
            return routingKey;
        }
        return switch (words[0]) {
            case "flow", "quote" -> "asset." + words[1];
            case "holdings" -> "asset." + (words[1].equals("all") ? "total" : words[1]);
            case "liquidation" -> "venue." + words[2];
            default -> routingKey;
        };
    }

    static void quotes(String addresses, String vhost, int count, long firstEpochMs) throws Exception {
        Publisher publisher = new Publisher(addresses, vhost);
        long started = System.nanoTime();
        int window = 500;
        for (int from = 0; from < count; from += window) {
            List<Outgoing> slice = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + window); i++) {
                Instant time = Instant.ofEpochMilli(firstEpochMs + i);
                String instrument = "BENCH" + (i % 16);
                String id = UUID.randomUUID().toString();
                String body = "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"type\":\"flowwatch.quote.v1\","
                        + "\"source\":\"bench\",\"time\":\"" + time + "\",\"subject\":\"" + instrument + "\",\"data\":{"
                        + "\"instrument\":\"" + instrument + "\",\"time\":\"" + time + "\",\"priceUsd\":"
                        + (100 + (i % 1000) / 100.0) + "}}";
                String routingKey = "quote." + instrument.toLowerCase(Locale.ROOT) + "." + instrument.toLowerCase(Locale.ROOT);
                Row row = new Row(id, "flowwatch.quote.v1", "bench", instrument, routingKey, null);
                slice.add(new Outgoing(routingKey, properties(row), body.getBytes(StandardCharsets.UTF_8)));
            }
            publisher.sendConfirmed(slice);
        }
        publisher.close();
        System.out.printf(Locale.ROOT, "%d quotes published in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
    }

    record Outgoing(String routingKey, AMQP.BasicProperties properties, byte[] body) {}

    static final class Publisher {
        final ConnectionFactory factory = new ConnectionFactory();
        final Address[] addresses;
        Connection connection;
        Channel channel;
        int republished;

        Publisher(String addresses, String vhost) {
            this.addresses = Address.parseAddresses(addresses);
            factory.setUsername("flowwatch");
            factory.setPassword(System.getenv().getOrDefault("FLOWWATCH_AMQP_PASSWORD", "flowwatch"));
            factory.setVirtualHost(vhost);
            factory.setAutomaticRecoveryEnabled(false);
            factory.setConnectionTimeout(3_000);
        }

        void sendConfirmed(List<Outgoing> messages) throws InterruptedException {
            for (int attempt = 0; ; attempt++) {
                try {
                    if (channel == null || !channel.isOpen()) {
                        if (connection != null) {
                            connection.abort();
                        }
                        connection = factory.newConnection(addresses, "scale-tool");
                        channel = connection.createChannel();
                        channel.confirmSelect();
                    }
                    for (Outgoing message : messages) {
                        channel.basicPublish(EVENTS_EXCHANGE, message.routingKey(), message.properties(), message.body());
                    }
                    channel.waitForConfirmsOrDie(15_000);
                    return;
                } catch (Exception e) {
                    if (attempt > 60) {
                        throw new IllegalStateException("could not publish for a minute", e);
                    }
                    republished++;
                    System.err.println("publishing again after: " + e);
                    channel = null;
                    Thread.sleep(1_000);
                }
            }
        }

        void close() throws Exception {
            if (connection != null) {
                connection.close();
            }
        }
    }
}
