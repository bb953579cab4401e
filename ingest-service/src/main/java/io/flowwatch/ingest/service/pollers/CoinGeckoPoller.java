package io.flowwatch.ingest.service.pollers;

import io.flowwatch.events.EventData;
import io.flowwatch.ingest.client.CoinGeckoSource;
import io.flowwatch.ingest.config.PollersConfig;
import io.flowwatch.ingest.service.IngestService;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/** Polls CoinGecko for prices and market caps (quotes of the configured coins and of TOTAL). Off by default. */
@Singleton
public class CoinGeckoPoller extends Poller {

    public static final String NAME = "coingecko";

    private final CoinGeckoSource coinGecko;
    private final PollersConfig.CoinGecko config;

    public CoinGeckoPoller(CoinGeckoSource coinGecko, IngestService ingest, PollerMonitor monitor, PollersConfig config) {
        super(NAME, config.coingecko().enabled(), ingest, monitor, config);
        this.coinGecko = coinGecko;
        this.config = config.coingecko();
    }

    @Scheduled(identity = "poller-coingecko", every = "${flowwatch.pollers.coingecko.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return scheduledPoll();
    }

    @Override
    protected Uni<List<? extends EventData>> fetch(Instant now) {
        return coinGecko.quotes(now).<List<? extends EventData>>map(quotes -> quotes);
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
