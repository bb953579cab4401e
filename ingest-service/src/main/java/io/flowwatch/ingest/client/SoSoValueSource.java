package io.flowwatch.ingest.client;

import io.flowwatch.events.Holdings;
import io.flowwatch.ingest.config.PollersConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * SoSoValue's ETF history as holdings: for each configured type (e.g. {@code us-btc-spot}), the total net assets
 * of the whole asset class per day (scope e.g. {@code us-spot-etf:BTC}) for the most recent days.
 *
 * <p>SoSoValue's daily {@code totalNetInflow} is an asset-class total, not a product's flow; fund-flow events are
 * per product, so it is <em>not</em> turned into flows (a pseudo-product would be counted twice beside the real
 * funds' flows). Only the holdings are taken.
 */
@ApplicationScoped
public class SoSoValueSource {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final SoSoValueClient client;
    private final PollersConfig.SoSoValue config;

    public SoSoValueSource(@RestClient SoSoValueClient client, PollersConfig pollers) {
        this.client = client;
        this.config = pollers.sosovalue();
    }

    public Uni<List<Holdings>> holdings() {
        Map<String, String> scopes = scopes();
        String apiKey = config.apiKey().orElse(null);
        return Multi.createFrom().iterable(scopes.entrySet())
                .onItem().transformToUniAndConcatenate(entry -> client
                        .historicalInflowChart(apiKey, new SoSoValueClient.InflowChartRequest(entry.getKey()))
                        .ifNoItem().after(TIMEOUT).fail()
                        .map(answer -> holdings(entry.getKey(), entry.getValue(), answer)))
                .collect().in(ArrayList<Holdings>::new, List::addAll)
                .map(all -> (List<Holdings>) all);
    }

    private List<Holdings> holdings(String type, String scope, SoSoValueClient.InflowChart answer) {
        if (answer == null || answer.code() == null || answer.code() != 0) {
            throw new IllegalStateException("SoSoValue refused type " + type + ": code "
                    + (answer == null ? null : answer.code()) + ", " + (answer == null ? null : answer.msg()));
        }
        List<SoSoValueClient.Day> days = answer.data() == null ? List.of() : answer.data().stream()
                .filter(day -> day != null && day.date() != null && day.totalNetAssets() != null)
                .sorted(Comparator.comparing(SoSoValueClient.Day::date))
                .toList();
        List<SoSoValueClient.Day> recent = days.subList(Math.max(0, days.size() - Math.max(1, config.days())), days.size());
        return recent.stream().map(day -> new Holdings(scope, day.date(), day.totalNetAssets())).toList();
    }

    /** {@code us-btc-spot=us-spot-etf:BTC,…} as an ordered map. */
    private Map<String, String> scopes() {
        Map<String, String> scopes = new LinkedHashMap<>();
        for (String pair : config.types()) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
                throw new IllegalStateException("flowwatch.pollers.sosovalue.types: expected type=scope, not " + pair);
            }
            scopes.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return scopes;
    }
}
