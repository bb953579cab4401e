// flowwatch codec benchmark (a figure printer, not a test): what reading and writing the event contract cost per
// event, in bytes allocated and time: a batch message (EventBatch.split, what analytics does with every message), a
// single event (EventCodec.decode), and writing one (EventCodec.encode, what ingest does with every event).
// Allocation drives how often the JVM collects, and so how far G1 grows a heap. After ./flowwatch build, from the
// project root:
//   java -cp 'events/target/classes:analytics-service/target/quarkus-app/lib/main/*' bench/CodecBench.java [events per batch (100)]
import io.flowwatch.events.ContractSamples;
import io.flowwatch.events.Event;
import io.flowwatch.events.EventBatch;
import io.flowwatch.events.EventCodec;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntSupplier;

public class CodecBench {

    // Per figure, in events: enough for the JIT to settle first, and for a measurement of a second or so after.
    private static final int WARM_UP_EVENTS = 300_000;
    private static final int MEASURED_EVENTS = 300_000;

    public static void main(String[] args) {
        int perBatch = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        // What the bench's load sends: quotes and liquidations, each event with its own id.
        List<String> encoded = new ArrayList<>();
        for (int i = 0; i < perBatch; i++) {
            Event<?> sample = EventCodec.decode(ContractSamples.json(i % 2 == 0 ? "quote" : "liquidation"));
            encoded.add(EventCodec.encodeToString(Event.of(UUID.randomUUID(), sample.source(), sample.time(), sample.data())));
        }
        byte[] batch = EventBatch.join(encoded);
        byte[] single = encoded.get(0).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        System.out.printf("batch of %d events, %d bytes (%d per event)%n", perBatch, batch.length, batch.length / perBatch);
        measure("EventBatch.split, per event", perBatch, () -> {
            List<EventBatch.Element> elements = EventBatch.split(batch);
            if (!elements.getLast().valid()) {
                throw new IllegalStateException(elements.getLast().error());
            }
            return elements.size();
        });
        measure("EventCodec.decode, one event", 1, () -> EventCodec.decode(single).data().hashCode());
        Event<?> event = EventCodec.decode(single);
        measure("EventCodec.encode, one event", 1, () -> EventCodec.encode(event).length);
    }

    private static void measure(String name, int eventsPerCall, IntSupplier call) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        long sink = 0;
        for (int i = 0; i < WARM_UP_EVENTS / eventsPerCall; i++) {
            sink += call.getAsInt();
        }
        long bytesBefore = threads.getThreadAllocatedBytes(thread);
        long start = System.nanoTime();
        int rounds = MEASURED_EVENTS / eventsPerCall;
        for (int i = 0; i < rounds; i++) {
            sink += call.getAsInt();
        }
        long nanos = System.nanoTime() - start;
        long bytes = threads.getThreadAllocatedBytes(thread) - bytesBefore;
        long events = (long) rounds * eventsPerCall;
        System.out.printf("%-30s %,7d bytes allocated, %,7.0f ns (%d)%n", name, bytes / events, nanos / (double) events,
                sink % 10);
    }
}
