package io.flowwatch.analytics.domain;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The daily net flows of one series (a product or an asset class of one source), one value per trading date,
 * with every aggregate of the design: week-, month-, year-to-date, cumulative, rolling sums, streaks, records,
 * ranks within the year and sign crossings.
 *
 * <p>A day means a day present in the series: a trading day without a figure is simply absent, and "the previous
 * day" is the previous series day. Weeks run Monday to Friday (the ISO week of the date); months and years are
 * calendar ones. Immutable; all summaries are computed once, in O(n log n), when the series is built.
 */
public final class FlowSeries {

    /** The to-date windows whose sign crossings can be asked for. */
    public enum Window {
        WEEK_TO_DATE(FlowSummary::weekToDate, FlowSummary::previousWeekToDate),
        MONTH_TO_DATE(FlowSummary::monthToDate, FlowSummary::previousMonthToDate),
        YEAR_TO_DATE(FlowSummary::yearToDate, FlowSummary::previousYearToDate),
        CUMULATIVE(FlowSummary::cumulative, FlowSummary::previousCumulative);

        private final Function<FlowSummary, BigDecimal> current;
        private final Function<FlowSummary, BigDecimal> previous;

        Window(Function<FlowSummary, BigDecimal> current, Function<FlowSummary, BigDecimal> previous) {
            this.current = current;
            this.previous = previous;
        }

        /** The window's value on the summary's day. */
        public BigDecimal current(FlowSummary summary) {
            return current.apply(summary);
        }

        /** The window's value on the previous series day (zero across a period start; null on the first day). */
        public BigDecimal previous(FlowSummary summary) {
            return previous.apply(summary);
        }
    }

    private final List<DailyFlow> days;
    private final LocalDate[] dates;
    /** prefix[i] = the sum of the first i days, so that any run of days sums in O(1). */
    private final BigDecimal[] prefix;
    private final List<FlowSummary> summaries;

    private FlowSeries(List<DailyFlow> days) {
        this.days = List.copyOf(days);
        this.dates = days.stream().map(DailyFlow::date).toArray(LocalDate[]::new);
        this.prefix = new BigDecimal[days.size() + 1];
        prefix[0] = BigDecimal.ZERO;
        for (int i = 0; i < days.size(); i++) {
            prefix[i + 1] = prefix[i].add(days.get(i).netFlow());
        }
        this.summaries = List.copyOf(computeSummaries());
    }

    /**
     * A series of the given days in any order.
     *
     * @throws IllegalArgumentException if a date occurs twice: products are summed into an asset class and
     *     revisions are applied before this point, so a second value is a caller error, not something to add up
     */
    public static FlowSeries of(Collection<DailyFlow> flows) {
        List<DailyFlow> sorted = new ArrayList<>(flows);
        sorted.forEach(flow -> Objects.requireNonNull(flow, "flow"));
        sorted.sort(Comparator.comparing(DailyFlow::date));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).date().equals(sorted.get(i - 1).date())) {
                throw new IllegalArgumentException("two values for " + sorted.get(i).date());
            }
        }
        return new FlowSeries(sorted);
    }

    /** The days in date order. */
    public List<DailyFlow> days() {
        return days;
    }

    /** The summary of a series day; empty if the date has no value. */
    public Optional<FlowSummary> summaryAt(LocalDate date) {
        int i = Arrays.binarySearch(dates, date);
        return i >= 0 ? Optional.of(summaries.get(i)) : Optional.empty();
    }

    /** The summaries of all days, in date order. */
    public List<FlowSummary> summaries() {
        return summaries;
    }

    /**
     * The sum over the last {@code days} series days on or before {@code end} (fewer if the history is shorter;
     * zero if there is no day on or before {@code end}).
     */
    public BigDecimal rollingSum(LocalDate end, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be 1 or more");
        }
        int i = Arrays.binarySearch(dates, end);
        int upTo = i >= 0 ? i + 1 : -i - 1; // number of days on or before end
        return prefix[upTo].subtract(prefix[Math.max(0, upTo - days)]);
    }

    /**
     * The sign change of a window on a series day against the previous series day: {@code DOWN} when the previous
     * value was {@code >= 0} and the current one is {@code < 0}, {@code UP} when the previous was {@code <= 0} and
     * the current is {@code > 0}. The previous value of a day that opens a week, month or year is zero; the first
     * day of history has no previous value and never crosses.
     */
    public Optional<Crossing> crossing(LocalDate date, Window window) {
        return summaryAt(date).flatMap(summary -> crossingOf(summary, window));
    }

    /** All sign crossings of a window, in date order. */
    public List<Crossing> crossings(Window window) {
        return summaries.stream().flatMap(s -> crossingOf(s, window).stream()).toList();
    }

    private static Optional<Crossing> crossingOf(FlowSummary summary, Window window) {
        BigDecimal previous = window.previous(summary);
        BigDecimal current = window.current(summary);
        if (previous == null) {
            return Optional.empty();
        }
        if (previous.signum() >= 0 && current.signum() < 0) {
            return Optional.of(new Crossing(summary.date(), window, Crossing.Direction.DOWN, previous, current));
        }
        if (previous.signum() <= 0 && current.signum() > 0) {
            return Optional.of(new Crossing(summary.date(), window, Crossing.Direction.UP, previous, current));
        }
        return Optional.empty();
    }

    /** One pass in date order: running sums restart at period starts; records via monotonic stacks. */
    private List<FlowSummary> computeSummaries() {
        List<FlowSummary> result = new ArrayList<>(days.size());
        if (days.isEmpty()) {
            return result;
        }
        LocalDate historyStart = dates[0];
        BigDecimal wtd = BigDecimal.ZERO;
        BigDecimal mtd = BigDecimal.ZERO;
        BigDecimal ytd = BigDecimal.ZERO;
        BigDecimal cumulative = BigDecimal.ZERO;
        FlowDirection streakDirection = FlowDirection.FLAT;
        int streakDays = 0;
        // Indexes of earlier days that may still be "the last one at least as large": every day between a candidate
        // and today is smaller, so anything a later day dominates can be dropped for good (amortised O(1)).
        Deque<Integer> inflowCandidates = new ArrayDeque<>();
        Deque<Integer> outflowCandidates = new ArrayDeque<>();
        YearRanks ranks = new YearRanks(days);

        for (int i = 0; i < days.size(); i++) {
            LocalDate date = dates[i];
            BigDecimal net = days.get(i).netFlow();
            LocalDate previousDate = i == 0 ? null : dates[i - 1];

            BigDecimal previousWtd = previousValue(previousDate, sameWeek(previousDate, date), wtd);
            BigDecimal previousMtd = previousValue(previousDate, sameMonth(previousDate, date), mtd);
            BigDecimal previousYtd = previousValue(previousDate, sameYear(previousDate, date), ytd);
            BigDecimal previousCumulative = previousDate == null ? null : cumulative;
            wtd = previousWtd == null ? net : previousWtd.add(net);
            mtd = previousMtd == null ? net : previousMtd.add(net);
            ytd = previousYtd == null ? net : previousYtd.add(net);
            cumulative = cumulative.add(net);

            FlowDirection direction = FlowDirection.of(net);
            streakDays = direction == FlowDirection.FLAT ? 0 : direction == streakDirection ? streakDays + 1 : 1;
            streakDirection = direction;

            while (!inflowCandidates.isEmpty() && valueAt(inflowCandidates.peek()).compareTo(net) < 0) {
                inflowCandidates.pop();
            }
            while (!outflowCandidates.isEmpty() && valueAt(outflowCandidates.peek()).compareTo(net) > 0) {
                outflowCandidates.pop();
            }
            Integer since = switch (direction) {
                case INFLOW -> inflowCandidates.peek();
                case OUTFLOW -> outflowCandidates.peek();
                case FLAT -> null;
            };
            inflowCandidates.push(i);
            outflowCandidates.push(i);
            RecordContext record = new RecordContext(
                    direction,
                    since == null ? null : dates[since],
                    since == null ? null : (int) ChronoUnit.DAYS.between(dates[since], date),
                    since == null ? null : valueAt(since),
                    historyStart,
                    (int) ChronoUnit.DAYS.between(historyStart, date));

            result.add(new FlowSummary(date, net, wtd, mtd, ytd, cumulative, new Streak(direction, streakDays), record,
                    ranks.add(date.getYear(), net), previousWtd, previousMtd, previousYtd, previousCumulative));
        }
        return result;
    }

    private BigDecimal valueAt(int index) {
        return days.get(index).netFlow();
    }

    /** The running value if the period continues, zero if the day opens a new period, null on the first day. */
    private static BigDecimal previousValue(LocalDate previousDate, boolean samePeriod, BigDecimal running) {
        if (previousDate == null) {
            return null;
        }
        return samePeriod ? running : BigDecimal.ZERO;
    }

    private static boolean sameWeek(LocalDate a, LocalDate b) {
        return a != null && weekStart(a).equals(weekStart(b));
    }

    private static boolean sameMonth(LocalDate a, LocalDate b) {
        return a != null && a.getYear() == b.getYear() && a.getMonth() == b.getMonth();
    }

    private static boolean sameYear(LocalDate a, LocalDate b) {
        return a != null && a.getYear() == b.getYear();
    }

    /** The Monday of the date's ISO week: a Monday always starts a new week. */
    static LocalDate weekStart(LocalDate date) {
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FlowSeries series && days.equals(series.days);
    }

    @Override
    public int hashCode() {
        return days.hashCode();
    }

    @Override
    public String toString() {
        return "FlowSeries" + days;
    }

    /**
     * Competition ranks within the year to date: a Fenwick tree of counts over all distinct amounts of the series,
     * emptied again when the year changes, so each rank costs O(log n).
     */
    private static final class YearRanks {
        private final BigDecimal[] amounts;
        private final int[] tree;
        private final List<Integer> inserted = new ArrayList<>();
        private int year = Integer.MIN_VALUE;

        YearRanks(List<DailyFlow> days) {
            TreeSet<BigDecimal> distinct = new TreeSet<>();
            days.forEach(day -> distinct.add(day.netFlow()));
            amounts = distinct.toArray(BigDecimal[]::new);
            tree = new int[amounts.length + 1];
        }

        /** Adds the day's amount to its year and returns its rank there (0 for a zero amount). */
        int add(int dayYear, BigDecimal amount) {
            if (dayYear != year) {
                inserted.forEach(position -> update(position, -1));
                inserted.clear();
                year = dayYear;
            }
            int position = Arrays.binarySearch(amounts, amount) + 1; // 1-based
            update(position, 1);
            inserted.add(position);
            return switch (amount.signum()) {
                case 1 -> 1 + inserted.size() - countUpTo(position); // days with a larger inflow
                case -1 -> 1 + countUpTo(position - 1); // days with a larger outflow
                default -> 0;
            };
        }

        private void update(int position, int delta) {
            for (int i = position; i < tree.length; i += i & -i) {
                tree[i] += delta;
            }
        }

        private int countUpTo(int position) {
            int count = 0;
            for (int i = position; i > 0; i -= i & -i) {
                count += tree[i];
            }
            return count;
        }
    }
}
