package io.flowwatch.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TradingCalendarTest {

    @ParameterizedTest(name = "{0} is a holiday")
    @ValueSource(strings = {
        // 2025
        "2025-01-01", "2025-01-20", "2025-02-17", "2025-04-18", "2025-05-26", "2025-06-19", "2025-07-04",
        "2025-09-01", "2025-11-27", "2025-12-25",
        // 2026 (Independence Day on a Saturday is observed on Friday 07-03)
        "2026-01-01", "2026-01-19", "2026-02-16", "2026-04-03", "2026-05-25", "2026-06-19", "2026-07-03",
        "2026-09-07", "2026-11-26", "2026-12-25",
        // 2027: Juneteenth and Christmas on Saturdays move back, Independence Day on a Sunday moves on
        "2027-06-18", "2027-07-05", "2027-12-24",
        // New Year's Day on a Sunday is observed on Monday
        "2023-01-02"})
    void holidaysAreNotTradingDays(String date) {
        LocalDate day = LocalDate.parse(date);
        assertFalse(TradingCalendar.isTradingDay(day), date);
        assertTrue(day.getDayOfWeek().getValue() <= 5, "holiday falls on a weekday: " + date);
    }

    @ParameterizedTest(name = "{0} is a trading day")
    @ValueSource(strings = {
        "2021-12-31", // New Year's Day 2022 fell on a Saturday and is not observed on the Friday before
        "2021-06-18", // Juneteenth only from 2022
        "2025-11-28", "2025-12-24", "2025-12-26", "2026-01-02", "2026-01-29", "2026-04-02", "2026-04-06",
        "2026-07-02"})
    void ordinaryWeekdaysAreTradingDays(String date) {
        assertTrue(TradingCalendar.isTradingDay(LocalDate.parse(date)), date);
    }

    @Test
    void weekendsAreNotTradingDays() {
        assertFalse(TradingCalendar.isTradingDay(LocalDate.parse("2026-01-31")));
        assertFalse(TradingCalendar.isTradingDay(LocalDate.parse("2026-02-01")));
    }

    @ParameterizedTest(name = "Easter {0} = {1}")
    @CsvSource({"2000,2000-04-23", "2019,2019-04-21", "2024,2024-03-31", "2025,2025-04-20", "2026,2026-04-05",
        "2027,2027-03-28", "2038,2038-04-25", "1818,1818-03-22"})
    void easterComputus(int year, String easter) {
        assertEquals(LocalDate.parse(easter), TradingCalendar.easterSunday(year));
    }

    @Test
    void previousAndNextSkipWeekendsAndHolidays() {
        // Thanksgiving 2025-11-27
        assertEquals(LocalDate.parse("2025-11-26"), TradingCalendar.previousTradingDay(LocalDate.parse("2025-11-28")));
        assertEquals(LocalDate.parse("2025-11-28"), TradingCalendar.nextTradingDay(LocalDate.parse("2025-11-26")));
        // MLK day 2026-01-19 after a weekend
        assertEquals(LocalDate.parse("2026-01-16"), TradingCalendar.previousTradingDay(LocalDate.parse("2026-01-20")));
        assertEquals(LocalDate.parse("2026-01-20"), TradingCalendar.nextTradingDay(LocalDate.parse("2026-01-16")));
        // strictly before / after, even from a trading day
        assertEquals(LocalDate.parse("2026-01-28"), TradingCalendar.previousTradingDay(LocalDate.parse("2026-01-29")));
        assertEquals(LocalDate.parse("2026-01-02"), TradingCalendar.nextTradingDay(LocalDate.parse("2025-12-31")));
        // Good Friday 2026-04-03
        assertEquals(LocalDate.parse("2026-04-06"), TradingCalendar.nextTradingDay(LocalDate.parse("2026-04-02")));
    }

    @Test
    void marketCloseIsFourPmNewYorkInWinterAndSummer() {
        assertEquals(Instant.parse("2026-01-29T21:00:00Z"), TradingCalendar.marketClose(LocalDate.parse("2026-01-29")));
        assertEquals(Instant.parse("2026-07-01T20:00:00Z"), TradingCalendar.marketClose(LocalDate.parse("2026-07-01")));
    }

    @Test
    void tradingDateIsTheNewYorkDate() {
        assertEquals(LocalDate.parse("2026-01-29"), TradingCalendar.tradingDateOf(Instant.parse("2026-01-30T01:00:00Z")));
        assertEquals(LocalDate.parse("2026-01-30"), TradingCalendar.tradingDateOf(Instant.parse("2026-01-30T05:00:00Z")));
    }

    @Test
    void everyDateInTheSeedWeekFlowTablesIsATradingDay() throws IOException {
        Path dir = Path.of(System.getProperty("flowwatch.seed-week.dir",
                Path.of(System.getProperty("user.dir")).resolve("../../shared/scenarios/seed-week").toString()));
        assertTrue(Files.isDirectory(dir), "seed-week scenario not found at " + dir.toAbsolutePath().normalize());
        DateTimeFormatter farside = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);
        List<Path> tables;
        try (Stream<Path> files = Files.list(dir)) {
            tables = files.filter(f -> f.getFileName().toString().endsWith("-spot-etf-flows.csv")).sorted().toList();
        }
        assertEquals(4, tables.size(), "btc, eth, xrp and sol flow tables");
        int dates = 0;
        for (Path table : tables) {
            List<String> lines = Files.readAllLines(table, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                LocalDate date = LocalDate.parse(line.substring(0, line.indexOf(',')), farside);
                assertTrue(TradingCalendar.isTradingDay(date), table.getFileName() + ": " + date);
                dates++;
            }
        }
        assertEquals(52 + 4 + 4 + 4, dates);
    }
}
