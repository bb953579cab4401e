package io.flowwatch.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The scheduled pollers ({@code flowwatch.pollers.<name>.*}); every one is off unless enabled. Their base URLs
 * are REST client settings: {@code quarkus.rest-client.coingecko.url}, {@code quarkus.rest-client.sosovalue.url}.
 */
@ConfigMapping(prefix = "flowwatch.pollers")
public interface PollersConfig {

    /** CoinGecko: prices and market caps of coins, and the whole crypto market cap (instrument TOTAL). */
    CoinGecko coingecko();

    /** SoSoValue: total net assets of the US spot ETFs of an asset class, per day. */
    SoSoValue sosovalue();

    /** The pause after a failed poll: doubles per consecutive failure, capped. */
    Backoff backoff();

    interface CoinGecko {

        /** Off by default; the {@code @Scheduled} trigger reads {@code flowwatch.pollers.coingecko.every}. */
        @WithDefault("false")
        boolean enabled();

        /** How often to poll. */
        @WithDefault("5m")
        Duration every();

        /** {@code <coingecko id>:<instrument>} pairs, e.g. {@code bitcoin:BTC}. */
        @WithDefault("bitcoin:BTC,ethereum:ETH")
        List<String> coins();

        /** Also poll {@code /api/v3/global} for the whole market cap (instrument {@code TOTAL}). */
        @WithDefault("true")
        boolean global();

        /** Sent as {@code x-cg-demo-api-key} when set. */
        Optional<String> apiKey();

        /** The event source. */
        @WithDefault("coingecko")
        String source();
    }

    interface SoSoValue {

        /** Off by default; the {@code @Scheduled} trigger reads {@code flowwatch.pollers.sosovalue.every}. */
        @WithDefault("false")
        boolean enabled();

        /** How often to poll. */
        @WithDefault("1h")
        Duration every();

        /** {@code <sosovalue type>=<holdings scope>} pairs, e.g. {@code us-btc-spot=us-spot-etf:BTC}. */
        @WithDefault("us-btc-spot=us-spot-etf:BTC,us-eth-spot=us-spot-etf:ETH")
        List<String> types();

        /** Only the most recent days of each answer are taken (the answer holds the whole history). */
        @WithDefault("30")
        int days();

        /** Sent as {@code x-soso-api-key} when set. */
        Optional<String> apiKey();

        /** The event source. */
        @WithDefault("sosovalue")
        String source();
    }

    interface Backoff {

        /** The pause after the first failure. */
        @WithDefault("30s")
        Duration initial();

        /** The longest pause. */
        @WithDefault("30m")
        Duration max();
    }
}
