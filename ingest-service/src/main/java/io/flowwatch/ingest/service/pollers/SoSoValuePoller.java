package io.flowwatch.ingest.service.pollers;

import io.flowwatch.events.EventData;
import io.flowwatch.ingest.client.SoSoValueSource;
import io.flowwatch.ingest.config.PollersConfig;
import io.flowwatch.ingest.service.IngestService;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/**
 * Polls SoSoValue for the total net assets of the US spot ETFs per asset class (holdings events). Its daily
 * asset-class inflow totals are not taken as fund flows (see {@link SoSoValueSource}). Off by default.
 */
@Singleton
public class SoSoValuePoller extends Poller {

    public static final String NAME = "sosovalue";

    private final SoSoValueSource soSoValue;
    private final PollersConfig.SoSoValue config;

    public SoSoValuePoller(SoSoValueSource soSoValue, IngestService ingest, PollerMonitor monitor, PollersConfig config) {
        super(NAME, config.sosovalue().enabled(), ingest, monitor, config);
        this.soSoValue = soSoValue;
        this.config = config.sosovalue();
    }

    @Scheduled(identity = "poller-sosovalue", every = "${flowwatch.pollers.sosovalue.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return scheduledPoll();
    }

    @Override
    protected Uni<List<? extends EventData>> fetch(Instant now) {
        return soSoValue.holdings().<List<? extends EventData>>map(holdings -> holdings);
    }

    @Override
    protected String source() {
        return config.source();
    }

    @Override
    protected boolean enabled() {
        return config.enabled();
    }
}
