package io.flowwatch.events;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.Set;

/**
 * US equity (NYSE) trading days, computed by rule: weekends and the full-day holidays New Year's Day, Martin
 * Luther King Jr. Day, Washington's Birthday, Good Friday, Memorial Day, Juneteenth (from 2022), Independence
 * Day, Labor Day, Thanksgiving and Christmas. A holiday on a Saturday is observed on the Friday before (except
 * New Year's Day, which then is not observed at all), one on a Sunday on the Monday after.
 *
 * <p>Not known: one-off closures (e.g. the national day of mourning on 2025-01-09) and early closes at 13:00
 * (e.g. the day after Thanksgiving, Christmas Eve); {@link #marketClose} always answers 16:00.
 */
public final class TradingCalendar {

    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalTime CLOSE = LocalTime.of(16, 0);

    private TradingCalendar() {}

    public static boolean isTradingDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !holidays(date.getYear()).contains(date);
    }

    /** The last trading day strictly before {@code date}. */
    public static LocalDate previousTradingDay(LocalDate date) {
        LocalDate day = date.minusDays(1);
        while (!isTradingDay(day)) {
            day = day.minusDays(1);
        }
        return day;
    }

    /** The first trading day strictly after {@code date}. */
    public static LocalDate nextTradingDay(LocalDate date) {
        LocalDate day = date.plusDays(1);
        while (!isTradingDay(day)) {
            day = day.plusDays(1);
        }
        return day;
    }

    /** 16:00 in New York on {@code date}, whether or not the market opens that day. */
    public static Instant marketClose(LocalDate date) {
        return date.atTime(CLOSE).atZone(NEW_YORK).toInstant();
    }

    /** The New York calendar date at {@code instant}. */
    public static LocalDate tradingDateOf(Instant instant) {
        return instant.atZone(NEW_YORK).toLocalDate();
    }

    /** The weekday dates on which the exchange is closed for a holiday in {@code year}. */
    static Set<LocalDate> holidays(int year) {
        LocalDate newYear = LocalDate.of(year, Month.JANUARY, 1);
        // New Year's Day on a Saturday is not moved back into the previous year.
        LocalDate newYearObserved = newYear.getDayOfWeek() == DayOfWeek.SUNDAY ? newYear.plusDays(1) : newYear;
        Set<LocalDate> days = new HashSet<>();
        days.add(newYearObserved);
        days.add(nthWeekday(year, Month.JANUARY, 3, DayOfWeek.MONDAY));
        days.add(nthWeekday(year, Month.FEBRUARY, 3, DayOfWeek.MONDAY));
        days.add(easterSunday(year).minusDays(2));
        days.add(LocalDate.of(year, Month.MAY, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)));
        if (year >= 2022) {
            days.add(observed(LocalDate.of(year, Month.JUNE, 19)));
        }
        days.add(observed(LocalDate.of(year, Month.JULY, 4)));
        days.add(nthWeekday(year, Month.SEPTEMBER, 1, DayOfWeek.MONDAY));
        days.add(nthWeekday(year, Month.NOVEMBER, 4, DayOfWeek.THURSDAY));
        days.add(observed(LocalDate.of(year, Month.DECEMBER, 25)));
        return Set.copyOf(days);
    }

    private static LocalDate observed(LocalDate holiday) {
        return switch (holiday.getDayOfWeek()) {
            case SATURDAY -> holiday.minusDays(1);
            case SUNDAY -> holiday.plusDays(1);
            default -> holiday;
        };
    }

    private static LocalDate nthWeekday(int year, Month month, int n, DayOfWeek day) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, day));
    }

    /** Easter Sunday of the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" computus). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}
