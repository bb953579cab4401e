package io.flowwatch.ingest.client;

import io.flowwatch.events.Quote;
import io.flowwatch.ingest.config.PollersConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * CoinGecko as quotes: one per configured coin (price and market cap) and, optionally, the whole market's cap
 * as instrument {@code TOTAL}. A quote's time is CoinGecko's own update time, so that polling an unchanged answer
 * again yields the same quotes (duplicates), not new ones. Answers that lack a figure are failures.
 */
@ApplicationScoped
public class CoinGeckoSource {

    public static final String TOTAL = "TOTAL";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final CoinGeckoClient client;
    private final PollersConfig.CoinGecko config;

    public CoinGeckoSource(@RestClient CoinGeckoClient client, PollersConfig pollers) {
        this.client = client;
        this.config = pollers.coingecko();
    }

    /** The current quotes; {@code now} stands in for an update time that the answer leaves out. */
    public Uni<List<Quote>> quotes(Instant now) {
        Map<String, String> instruments = coins();
        String apiKey = config.apiKey().orElse(null);
        Uni<List<Quote>> prices = client
                .simplePrice(String.join(",", instruments.keySet()), "usd", true, true, apiKey)
                .ifNoItem().after(TIMEOUT).fail()
                .map(answer -> {
                    List<Quote> quotes = new ArrayList<>();
                    instruments.forEach((id, instrument) -> {
                        CoinGeckoClient.Price price = answer == null ? null : answer.get(id);
                        if (price == null || (price.usd() == null && price.usdMarketCap() == null)) {
                            throw new IllegalStateException("CoinGecko's answer has no USD figure for " + id);
                        }
                        quotes.add(new Quote(instrument, time(price.lastUpdatedAt(), now), price.usd(), price.usdMarketCap()));
                    });
                    return quotes;
                });
        if (!config.global()) {
            return prices;
        }
        return prices.chain(quotes -> client.global(apiKey).ifNoItem().after(TIMEOUT).fail().map(global -> {
            BigDecimal cap = global == null || global.data() == null || global.data().totalMarketCap() == null
                    ? null : global.data().totalMarketCap().get("usd");
            if (cap == null) {
                throw new IllegalStateException("CoinGecko's /global answer has no total_market_cap.usd");
            }
            List<Quote> all = new ArrayList<>(quotes);
            all.add(new Quote(TOTAL, time(global.data().updatedAt(), now), null, cap));
            return all;
        }));
    }

    /** {@code bitcoin:BTC,ethereum:ETH} as an ordered map. */
    private Map<String, String> coins() {
        Map<String, String> coins = new LinkedHashMap<>();
        for (String pair : config.coins()) {
            int colon = pair.indexOf(':');
            String id = (colon < 0 ? pair : pair.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
            String instrument = (colon < 0 ? id : pair.substring(colon + 1)).trim().toUpperCase(Locale.ROOT);
            coins.put(id, instrument);
        }
        return coins;
    }

    private static Instant time(Long unixSeconds, Instant now) {
        return unixSeconds != null && unixSeconds > 0 ? Instant.ofEpochSecond(unixSeconds) : now.truncatedTo(ChronoUnit.SECONDS);
    }
}
