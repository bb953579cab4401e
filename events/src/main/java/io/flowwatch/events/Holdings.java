package io.flowwatch.events;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Total net assets of a product or of an asset class on a date.
 *
 * @param scope a product ticker, or an asset class {@code <kind>:<ASSET>} such as {@code us-spot-etf:BTC}
 *     ({@code all-etp:ALL} = every crypto ETP worldwide)
 */
public record Holdings(String scope, LocalDate date, BigDecimal totalNetAssetsUsd) implements EventData {

    public Holdings {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(totalNetAssetsUsd, "totalNetAssetsUsd");
        totalNetAssetsUsd = Money.canonical(totalNetAssetsUsd);
    }

    @Override
    public EventType eventType() {
        return EventType.HOLDINGS;
    }

    @Override
    public String subject() {
        return scope;
    }

    /** The asset of an asset-class scope ({@code BTC} of {@code us-spot-etf:BTC}); the scope itself otherwise. */
    public String asset() {
        int colon = scope.indexOf(':');
        return colon < 0 ? scope : scope.substring(colon + 1);
    }

    @Override
    public String routingKey() {
        return Topology.routingKey(EventType.HOLDINGS, asset(), scope);
    }
}
