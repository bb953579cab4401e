package io.flowwatch.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A steady stream of quotes and liquidations pushed through the gateway at a fixed rate, like a live feed. Each
 * suite scenario gets a UTC day of its own for its events' times, so its aggregates can be checked while the stream
 * goes on into the next day. A push that fails in any way (connection refused while the gateway is down, 5xx while
 * ingest or PostgreSQL is down, a timeout) is sent again with the same event ids until it is answered 202: the ids
 * make the retry safe, and every event ends up in the {@link Ledger} exactly once.
 */
final class EventStream implements AutoCloseable {

    static final List<String> INSTRUMENTS = List.of("FLTA", "FLTB", "FLTC", "FLTD");
    static final List<String> VENUES = List.of("faultvenue-a", "faultvenue-b", "faultvenue-c");
    static final List<String> SIDES = List.of("long", "short");
    static final String SOURCE = "fault-suite";
    /** Events per push request at most; the stream catches up after an outage in pushes of this size. */
    private static final int MAX_BATCH = 500;

    private final Api api;
    private final Ledger ledger;
    private final int rate;
    private final ReentrantLock batchLock = new ReentrantLock();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong pushed = new AtomicLong();
    private final Random random = new Random(8);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;
    private LocalDate day;
    private int indexInDay;
    private boolean shuffle;

    EventStream(Api api, Ledger ledger, int rate, LocalDate firstDay) {
        this.api = api;
        this.ledger = ledger;
        this.rate = rate;
        this.day = firstDay;
        this.thread = new Thread(this::run, "event-stream");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Moves the stream to a new day, after the batch in flight (with its retries) is answered, so that every event
     * of the old day is in the ledger when this returns.
     */
    void nextDay(LocalDate newDay, boolean shuffled) {
        batchLock.lock();
        try {
            day = newDay;
            indexInDay = 0;
            shuffle = shuffled;
        } finally {
            batchLock.unlock();
        }
    }

    long retries() {
        return retries.get();
    }

    long pushed() {
        return pushed.get();
    }

    Throwable failure() {
        return failure;
    }

    private void run() {
        long start = System.nanoTime();
        long generated = 0;
        while (running) {
            long due = (long) (rate * ((System.nanoTime() - start) / 1e9));
            // A source does not replay what it could not send during an outage beyond a short buffer.
            generated = Math.max(generated, due - 2L * rate);
            int n = (int) Math.min(MAX_BATCH, due - generated);
            if (n <= 0) {
                sleep(20);
                continue;
            }
            batchLock.lock();
            try {
                List<ObjectNode> batch = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    batch.add(event(day, indexInDay++));
                }
                if (shuffle) {
                    Collections.shuffle(batch, random);
                }
                pushUntilAccepted(batch);
                generated += n;
            } catch (Throwable e) {
                failure = e;
                running = false;
            } finally {
                batchLock.unlock();
            }
        }
    }

    /** The i-th event of a day: quotes and liquidations alternate, one second apart, all distinct. */
    static ObjectNode event(LocalDate day, int i) {
        Instant time = day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(i + 1L);
        ObjectNode data = Api.JSON.createObjectNode();
        String type;
        String subject;
        if (i % 2 == 0) {
            String instrument = INSTRUMENTS.get((i / 2) % INSTRUMENTS.size());
            data.put("instrument", instrument).put("time", time.toString())
                    .put("priceUsd", BigDecimal.valueOf(10_000 + (i * 37L) % 100_000, 2));
            type = "flowwatch.quote.v1";
            subject = instrument;
        } else {
            int k = i / 2;
            String venue = VENUES.get(k % VENUES.size());
            data.put("venue", venue).put("instrument", "BTC")
                    .put("side", SIDES.get((k / VENUES.size()) % SIDES.size()))
                    .put("notionalUsd", BigDecimal.valueOf(100_000 + (i * 7_919L) % 9_000_000, 2))
                    .put("time", time.toString());
            type = "flowwatch.liquidation.v1";
            subject = venue;
        }
        return envelope(type, subject, data);
    }

    static ObjectNode envelope(String type, String subject, ObjectNode data) {
        ObjectNode event = Api.JSON.createObjectNode();
        event.put("specversion", "1.0").put("id", UUID.randomUUID().toString()).put("type", type)
                .put("source", SOURCE).put("time", Instant.now().toString()).put("subject", subject)
                .put("datacontenttype", "application/json").set("data", data);
        return event;
    }

    /**
     * Pushes events until the gateway answers 202, then records what ingest stored in the ledger: "accepted" and
     * "revision", and a "duplicate" naming the event's own id (stored by an earlier attempt whose answer was lost).
     *
     * @return the number of attempts
     */
    int pushUntilAccepted(List<ObjectNode> events) throws InterruptedException {
        ObjectNode body = Api.JSON.createObjectNode();
        ArrayNode array = body.putArray("events");
        events.forEach(array::add);
        String json = body.toString();
        int attempts = 0;
        long deadline = System.nanoTime() + 240_000_000_000L;
        while (true) {
            attempts++;
            Api.Answer answer = null;
            try {
                answer = api.post("/events", "application/json", json);
            } catch (IOException e) {
                // the gateway or ingest is down or the connection broke: try again
            }
            if (answer != null && answer.status() == 202) {
                JsonNode results = answer.body().get("results");
                for (int i = 0; i < events.size(); i++) {
                    JsonNode result = results.get(i);
                    String status = result.get("status").asText();
                    String id = events.get(i).get("id").asText();
                    if (status.equals("accepted") || status.equals("revision")
                            || (status.equals("duplicate") && id.equals(result.path("id").asText()))) {
                        ledger.accept(events.get(i));
                    }
                }
                pushed.addAndGet(events.size());
                return attempts;
            }
            if (answer != null && answer.status() < 500 && answer.status() != 429 && answer.status() != 401) {
                throw new IllegalStateException("push refused with " + answer.status() + ": " + answer.body());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("push not accepted within 240 s; last answer "
                        + (answer == null ? "none (connection failed)" : answer.status() + " " + answer.body()));
            }
            retries.incrementAndGet();
            sleep(250);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(60_000);
    }
}
