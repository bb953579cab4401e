package io.flowwatch.analytics.config;

import io.flowwatch.analytics.messaging.VertxContexts;
import io.flowwatch.analytics.repository.FlowFigureRepository;
import io.flowwatch.analytics.repository.HoldingsRepository;
import io.flowwatch.analytics.repository.LiquidationRepository;
import io.flowwatch.analytics.repository.QuoteRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.hibernate.query.hql.internal.HqlParseTreeBuilder;
import org.jboss.logging.Logger;

/**
 * Warms up Hibernate's HQL translation at startup. The first HQL query of a JVM takes the (ANTLR) HQL parser
 * seconds to warm up; done lazily, that happens on the event loop of the first batch or request. So the parser is
 * first exercised on a worker thread (its caches are global), then each read query runs once.
 */
@ApplicationScoped
public class QueryWarmUp {

    private static final Logger LOG = Logger.getLogger(QueryWarmUp.class);
    private static final List<String> SAMPLES = List.of(
            "select new io.flowwatch.analytics.repository.FlowFact(f.source, f.product, f.issuer, f.asset, f.kind, "
                    + "f.tradingDate, f.revision, f.netFlowUsd, f.eventId, f.receivedAt) from FlowFigure f "
                    + "where f.kind = :kind and f.asset = :asset and f.receivedAt <= :asOf and f.source = :source",
            "select max(h.date) from HoldingsFigure h where h.scope = :scope",
            "select new io.flowwatch.analytics.repository.LatestQuote(q.instrument, q.time, q.priceUsd, "
                    + "q.marketCapUsd) from QuotePointEntity q where q.time = (select max(l.time) "
                    + "from QuotePointEntity l where l.instrument = q.instrument) order by q.instrument",
            "update MetricOutboxRow set sentAt = ?1 where id in ?2",
            "delete from MetricOutboxRow where sentAt is not null and sentAt < ?1");

    void warmUp(@Observes StartupEvent started, VertxContexts contexts, FlowFigureRepository flows,
            HoldingsRepository holdings, QuoteRepository quotes, LiquidationRepository liquidations) {
        Instant now = Instant.now();
        Uni.createFrom().item(() -> {
                    SAMPLES.forEach(hql -> {
                        var lexer = HqlParseTreeBuilder.INSTANCE.buildHqlLexer(hql);
                        HqlParseTreeBuilder.INSTANCE.buildHqlParser(hql, lexer).statement();
                    });
                    return true;
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(() -> contexts.onNewContext(() -> Panache.withSession(() -> flows.ofAssetClass("-", "-", null, null)
                        .chain(() -> flows.ofProduct("-", now, "-"))
                        .chain(() -> holdings.figures("-", LocalDate.EPOCH))
                        .chain(() -> holdings.ofAssetSince("-", LocalDate.EPOCH))
                        .chain(() -> quotes.marketCapAt("-", now))
                        .chain(() -> quotes.latest("-"))
                        .chain(() -> liquidations.between("-", "-", now, now))
                        .chain(() -> liquidations.known("-", "-")))))
                .subscribe().with(
                        ignored -> LOG.debug("queries warmed up"),
                        failure -> LOG.warnf("query warm-up failed (harmless): %s", failure.toString()));
    }
}
