package io.flowwatch.analytics.service;

import io.flowwatch.analytics.domain.DailyFlow;
import io.flowwatch.analytics.domain.FlowSeries;
import io.flowwatch.analytics.domain.FlowSummary;
import io.flowwatch.analytics.domain.RecordContext;
import io.flowwatch.analytics.repository.FlowFigureRepository;
import io.flowwatch.events.Money;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Flow series as stored facts make them, optionally per source and as known at a time. */
@ApplicationScoped
public class FlowQueryService {

    private final FlowFigureRepository flows;
    private final SourcePriority priority;
    private final Labels labels;

    public FlowQueryService(FlowFigureRepository flows, SourcePriority priority, Labels labels) {
        this.flows = flows;
        this.priority = priority;
        this.labels = labels;
    }

    private record Series(String label, FlowSeries series) {}

    private Uni<Series> series(FlowQuery query) {
        FlowScope scope = query.scope();
        var facts = scope.isProduct()
                ? flows.ofProduct(scope.product(), query.asOf(), query.source())
                : flows.ofAssetClass(scope.kind(), scope.asset(), query.asOf(), query.source());
        return facts.map(rows -> {
            FlowBook book = FlowBook.of(rows, priority);
            if (book.isEmpty()) {
                throw new UnknownScopeException("no flows known for " + scope.key()
                        + (query.source() != null ? " from source " + query.source() : "")
                        + (query.asOf() != null ? " as of " + query.asOf() : ""));
            }
            if (scope.isProduct()) {
                return new Series(labels.product(scope.product(), book.info(scope.product()).issuer()),
                        book.product(scope.product()));
            }
            return new Series(labels.assetClass(scope.kind(), scope.asset()), book.total());
        });
    }

    @WithSession
    public Uni<List<FlowViews.Day>> daily(FlowQuery query) {
        return series(query).map(series -> series.series().summaries().stream()
                .filter(day -> query.covers(day.date()))
                .map(day -> new FlowViews.Day(day.date(), money(day.net()), money(day.weekToDate()),
                        money(day.monthToDate()), money(day.yearToDate()), money(day.cumulative())))
                .toList());
    }

    /** The summary of a date (null: the latest date of the series). */
    @WithSession
    public Uni<FlowViews.Summary> summary(FlowQuery query, LocalDate date) {
        return series(query).map(series -> {
            List<FlowSummary> summaries = series.series().summaries();
            FlowSummary day = date == null
                    ? summaries.getLast()
                    : series.series().summaryAt(date).orElseThrow(() -> new UnknownScopeException(
                            "no flow figure for " + query.scope().key() + " on " + date));
            RecordContext record = day.record();
            return new FlowViews.Summary(
                    query.scope().key(),
                    series.label(),
                    query.source() == null ? "all" : query.source(),
                    day.date(),
                    money(day.net()),
                    money(day.weekToDate()),
                    money(day.monthToDate()),
                    money(day.yearToDate()),
                    money(day.cumulative()),
                    new FlowViews.StreakView(FlowMetrics.direction(day.streak().direction()), day.streak().days()),
                    new FlowViews.RecordView(FlowMetrics.direction(record.direction()), record.since(),
                            record.daysSince(), money(record.lastLarger()), record.historyStart(),
                            record.historyDays()),
                    day.rankInYear(),
                    money(series.series().rollingSum(day.date(), 5)));
        });
    }

    @WithSession
    public Uni<List<FlowViews.Week>> weekly(FlowQuery query) {
        return series(query).map(series -> periods(series.series(), query,
                date -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                (start, sum) -> new FlowViews.Week(start, start.plusDays(4), money(sum.net), sum.days)));
    }

    @WithSession
    public Uni<List<FlowViews.Month>> monthly(FlowQuery query) {
        return series(query).map(series -> periods(series.series(), query,
                date -> date.withDayOfMonth(1),
                (start, sum) -> new FlowViews.Month(YearMonth.from(start).toString(), money(sum.net), sum.days)));
    }

    private static final class Sum {
        BigDecimal net = BigDecimal.ZERO;
        int days;
    }

    private static <T> List<T> periods(FlowSeries series, FlowQuery query, Function<LocalDate, LocalDate> periodStart,
            java.util.function.BiFunction<LocalDate, Sum, T> view) {
        Map<LocalDate, Sum> sums = new TreeMap<>();
        for (DailyFlow day : series.days()) {
            if (query.covers(day.date())) {
                Sum sum = sums.computeIfAbsent(periodStart.apply(day.date()), start -> new Sum());
                sum.net = sum.net.add(day.netFlow());
                sum.days++;
            }
        }
        List<T> result = new ArrayList<>();
        sums.forEach((start, sum) -> result.add(view.apply(start, sum)));
        return result;
    }

    private static BigDecimal money(BigDecimal amount) {
        return Money.canonical(amount);
    }
}
