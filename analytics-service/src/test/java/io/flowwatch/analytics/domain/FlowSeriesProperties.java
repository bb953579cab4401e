package io.flowwatch.analytics.domain;

import static io.flowwatch.analytics.domain.Amounts.assertAmount;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flowwatch.analytics.domain.FlowLedger.FlowEvent;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Random weekday series (amounts in millions with one decimal, zero days included) against simple models. */
class FlowSeriesProperties {

    private static final LocalDate START = LocalDate.parse("2025-11-03"); // a Monday

    @Provide
    Arbitrary<List<DailyFlow>> days() {
        Arbitrary<LocalDate> weekday = Arbitraries.integers().between(0, 500)
                .map(START::plusDays)
                .filter(date -> date.getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue());
        // Zero days and a narrow range often, so that flat days, ties and sign changes are common.
        Arbitrary<BigDecimal> amount = Arbitraries.frequencyOf(
                        Tuple.of(1, Arbitraries.just(0L)),
                        Tuple.of(3, Arbitraries.longs().between(-30, 30)),
                        Tuple.of(6, Arbitraries.longs().between(-20_000, 20_000)))
                .map(tenths -> BigDecimal.valueOf(tenths, 1).movePointRight(6));
        return weekday.set().ofMaxSize(120).flatMap(dates -> amount.list().ofSize(dates.size())
                .map(amounts -> {
                    List<LocalDate> sorted = dates.stream().sorted().toList();
                    List<DailyFlow> flows = new ArrayList<>();
                    for (int i = 0; i < sorted.size(); i++) {
                        flows.add(new DailyFlow(sorted.get(i), amounts.get(i)));
                    }
                    return flows;
                }));
    }

    @Property
    void summariesDoNotDependOnTheOrderOfTheDays(@ForAll("days") List<DailyFlow> days, @ForAll Random random) {
        List<DailyFlow> shuffled = new ArrayList<>(days);
        Collections.shuffle(shuffled, random);
        assertEquals(FlowSeries.of(days).summaries(), FlowSeries.of(shuffled).summaries());
        assertEquals(FlowSeries.of(days), FlowSeries.of(shuffled));
    }

    @Property
    void windowsAgreeWithNaiveSums(@ForAll("days") List<DailyFlow> days) {
        FlowSeries series = FlowSeries.of(days);
        BigDecimal all = sum(days, day -> true);
        if (!days.isEmpty()) {
            assertAmount(all, series.summaries().getLast().cumulative());
        }
        for (FlowSummary summary : series.summaries()) {
            LocalDate date = summary.date();
            List<DailyFlow> upTo = days.stream().filter(day -> !day.date().isAfter(date)).toList();
            assertAmount(sum(upTo, day -> sameWeek(day.date(), date)), summary.weekToDate());
            assertAmount(sum(upTo, day -> day.date().withDayOfMonth(1).equals(date.withDayOfMonth(1))),
                    summary.monthToDate());
            assertAmount(sum(upTo, day -> day.date().getYear() == date.getYear()), summary.yearToDate());
            assertAmount(sum(upTo, day -> true), summary.cumulative());
            assertAmount(sum(upTo.subList(Math.max(0, upTo.size() - 5), upTo.size()), day -> true),
                    series.rollingSum(date, 5));
        }
    }

    @Property
    void streaksRecordsAndRanksAgreeWithScansBack(@ForAll("days") List<DailyFlow> days) {
        FlowSeries series = FlowSeries.of(days);
        for (int i = 0; i < days.size(); i++) {
            FlowSummary summary = series.summaries().get(i);
            BigDecimal net = days.get(i).netFlow();
            int sign = net.signum();

            int streak = 0;
            for (int j = i; j >= 0 && sign != 0 && days.get(j).netFlow().signum() == sign; j--) {
                streak++;
            }
            assertEquals(streak, summary.streak().days());

            LocalDate since = null;
            for (int j = i - 1; j >= 0 && sign != 0 && since == null; j--) {
                if (days.get(j).netFlow().compareTo(net) * sign >= 0) { // at least as large in this direction
                    since = days.get(j).date();
                }
            }
            assertEquals(since, summary.record().since());
            assertEquals(since == null ? null : (int) ChronoUnit.DAYS.between(since, summary.date()),
                    summary.record().daysSince());

            int year = summary.date().getYear();
            long larger = days.subList(0, i).stream()
                    .filter(day -> day.date().getYear() == year && day.netFlow().compareTo(net) * sign > 0)
                    .count();
            assertEquals(sign == 0 ? 0 : 1 + larger, summary.rankInYear());
        }
    }

    @Provide
    Arbitrary<List<FlowEvent>> orderedEvents() {
        Arbitrary<List<BigDecimal>> revisions = Arbitraries.longs().between(-20_000, 20_000)
                .map(tenths -> BigDecimal.valueOf(tenths, 1).movePointRight(6))
                .list().ofMinSize(1).ofMaxSize(3);
        return days().flatMap(days -> revisions.list().ofSize(days.size()).map(perDay -> {
            List<FlowEvent> events = new ArrayList<>();
            for (int d = 0; d < days.size(); d++) {
                List<BigDecimal> amounts = perDay.get(d);
                for (int r = 0; r < amounts.size(); r++) {
                    events.add(new FlowEvent(days.get(d).date() + "#" + (r + 1), days.get(d).date(),
                            amounts.get(r), r + 1));
                }
            }
            return events;
        }));
    }

    @Property
    void duplicatedAndReorderedDeliveryEndsInTheSameSeries(
            @ForAll("orderedEvents") List<FlowEvent> ordered, @ForAll Random random) {
        List<FlowEvent> delivered = new ArrayList<>(ordered);
        for (FlowEvent event : ordered) {
            int copies = random.nextInt(3); // at-least-once delivery: 0, 1 or 2 extra copies
            for (int c = 0; c < copies; c++) {
                delivered.add(event);
            }
        }
        Collections.shuffle(delivered, random);

        FlowSeries expected = new FlowLedger().applyAll(ordered).series();
        assertEquals(expected, new FlowLedger().applyAll(delivered).series());

        // And the ordered stream itself keeps the last (highest) revision of each date.
        List<DailyFlow> lastRevisions = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            FlowEvent event = ordered.get(i);
            if (i + 1 == ordered.size() || !ordered.get(i + 1).date().equals(event.date())) {
                lastRevisions.add(new DailyFlow(event.date(), event.amount()));
            }
        }
        assertEquals(FlowSeries.of(lastRevisions), expected);
    }

    private static boolean sameWeek(LocalDate a, LocalDate b) {
        return a.get(IsoFields.WEEK_BASED_YEAR) == b.get(IsoFields.WEEK_BASED_YEAR)
                && a.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) == b.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    }

    private static BigDecimal sum(List<DailyFlow> days, Predicate<DailyFlow> filter) {
        return days.stream().filter(filter).map(DailyFlow::netFlow).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
