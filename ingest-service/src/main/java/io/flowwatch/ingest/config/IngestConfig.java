package io.flowwatch.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;

/** Limits and behaviour of the push API and the file imports ({@code flowwatch.ingest.*}). */
@ConfigMapping(prefix = "flowwatch.ingest")
public interface IngestConfig {

    /** The most events one push request may carry; more is a 413. */
    @WithDefault("10000")
    int maxBatchEvents();

    /** The largest push body in bytes (16 MiB); larger is a 413. */
    @WithDefault("16777216")
    long maxEventsBodyBytes();

    /** The largest import body in bytes (16 MiB); larger is a 413. */
    @WithDefault("16777216")
    long maxImportBodyBytes();

    /**
     * The most lines one import may have; more is a 413 (split the file). An import is parsed and stored whole (all or
     * nothing), and a 16 MiB file of short quote rows (320,000 lines) needed more than the service's 256 MiB heap:
     * 200,000 such lines ran it out of memory, 100,000 fit with little to spare.
     */
    @WithDefault("50000")
    int maxImportLines();

    /**
     * The most rows (pushed events plus import lines) one instance parses and stores at once; a write that does not fit
     * beside those in flight gets a 503 with a Retry-After. Measured with the default 256 MiB heap: six concurrent
     * 50,000-line quote imports ran the service out of memory (it exits then, failing every request in flight); one
     * such import fits even in a 112 MiB heap.
     */
    @WithDefault("60000")
    int maxRowsInFlight();

    /** A long import logs its progress every this many stored events. */
    @WithDefault("10000")
    int progressEvery();

    /** Import responses list the stored ids only up to this many events. */
    @WithDefault("1000")
    int maxIdsInImportResponse();

    /** How far (US$ millions) a Farside row's Total may be from the sum of its funds' figures. */
    @WithDefault("0.1")
    BigDecimal flowTotalToleranceMillions();

    /** Events per SQL statement when a batch is stored. */
    @WithDefault("500")
    int insertChunk();
}
