package io.flowwatch.analytics.service;

import io.flowwatch.analytics.repository.HoldingsRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;

/** Holdings as a share of market cap. */
@ApplicationScoped
public class HoldingsQueryService {

    private final HoldingsRepository holdings;
    private final HoldingsShares shares;

    public HoldingsQueryService(HoldingsRepository holdings, HoldingsShares shares) {
        this.holdings = holdings;
        this.shares = shares;
    }

    /** The share of an asset-class scope on a date (null: its latest date). */
    @WithSession
    public Uni<HoldingsShareView> share(String scope, LocalDate date) {
        Uni<LocalDate> day = date != null ? Uni.createFrom().item(date) : holdings.latestDate(scope);
        return day.chain(resolved -> {
            if (resolved == null) {
                throw new UnknownScopeException("no holdings known for " + scope);
            }
            return shares.share(scope, resolved).map(view -> {
                if (view == null) {
                    throw new UnknownScopeException("no holdings figure for " + scope + " on " + resolved
                            + ", or no market cap at or before that day's close");
                }
                return view;
            });
        });
    }
}
