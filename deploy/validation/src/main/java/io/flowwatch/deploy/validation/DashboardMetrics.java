package io.flowwatch.deploy.validation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps deploy/grafana/flowwatch.json honest: the Prometheus series the services can expose, read from their Java
 * source (Micrometer meters), and the metric names a PromQL expression uses.
 *
 * <p>Micrometer's Prometheus names: dots become underscores; a base unit is appended ({@code _seconds} for timers);
 * counters end in {@code _total}; timers and distribution summaries expose {@code _count}, {@code _sum} and
 * {@code _max}, and {@code _bucket} only when they publish a percentile histogram.
 */
public final class DashboardMetrics {

    /** A meter as declared in source. */
    public record Meter(String kind, String name, String baseUnit, boolean histogram) {}

    private static final Pattern BUILDER = Pattern.compile(
            "\\b(Counter|Gauge|Timer|DistributionSummary)\\.builder\\(\\s*\"([^\"]+)\"");
    private static final Pattern SHORTCUT = Pattern.compile("\\.(counter|timer|summary|gauge)\\(\\s*\"([^\"]+)\"");
    private static final Pattern ANNOTATION = Pattern.compile("@(Counted|Timed)\\(\\s*(?:value\\s*=\\s*)?\"([^\"]+)\"");
    private static final Pattern BASE_UNIT = Pattern.compile("\\.baseUnit\\(\\s*\"([^\"]+)\"");
    private static final Pattern PERCENTILE_HISTOGRAM = Pattern.compile("\\.publishPercentileHistogram\\(\\s*(true)?\\s*\\)");

    private static final Set<String> PROMQL_WORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");

    private DashboardMetrics() {}

    /** The meters declared in the Java sources under {@code sourceRoot}. */
    public static Set<Meter> declared(Path sourceRoot) {
        Set<Meter> meters = new java.util.LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                meters.addAll(declaredIn(Files.readString(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return meters;
    }

    /** The meters one source text declares; a builder's settings are read up to its {@code register(}. */
    public static Set<Meter> declaredIn(String source) {
        Set<Meter> meters = new java.util.LinkedHashSet<>();
        Matcher builder = BUILDER.matcher(source);
        while (builder.find()) {
            int end = source.indexOf(".register(", builder.end());
            String chain = source.substring(builder.end(), end < 0 ? source.length() : end);
            Matcher unit = BASE_UNIT.matcher(chain);
            meters.add(new Meter(builder.group(1), builder.group(2), unit.find() ? unit.group(1) : null,
                    PERCENTILE_HISTOGRAM.matcher(chain).find()));
        }
        Matcher shortcut = SHORTCUT.matcher(source);
        while (shortcut.find()) {
            String kind = switch (shortcut.group(1)) {
                case "counter" -> "Counter";
                case "timer" -> "Timer";
                case "summary" -> "DistributionSummary";
                default -> "Gauge";
            };
            meters.add(new Meter(kind, shortcut.group(2), null, false));
        }
        Matcher annotation = ANNOTATION.matcher(source);
        while (annotation.find()) {
            meters.add(new Meter(annotation.group(1).equals("Counted") ? "Counter" : "Timer", annotation.group(2), null,
                    false));
        }
        return meters;
    }

    /** The series names Prometheus scrapes for these meters. */
    public static Set<String> series(Set<Meter> meters) {
        Set<String> series = new TreeSet<>();
        for (Meter meter : meters) {
            String base = meter.name().replaceAll("[.\\-]", "_");
            String unit = "Timer".equals(meter.kind()) ? "seconds" : meter.baseUnit();
            if (unit != null && !base.endsWith("_" + unit)) {
                base = base + "_" + unit;
            }
            switch (meter.kind()) {
                case "Counter" -> series.add(base.endsWith("_total") ? base : base + "_total");
                case "Gauge" -> series.add(base);
                default -> {
                    series.add(base + "_count");
                    series.add(base + "_sum");
                    series.add(base + "_max");
                    if (meter.histogram()) {
                        series.add(base + "_bucket");
                    }
                }
            }
        }
        return series;
    }

    /** The metric names a PromQL expression selects (not functions, keywords, labels or Grafana variables). */
    public static Set<String> referenced(String promql) {
        String bare = promql
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")                       // string literals
                .replaceAll("\\{[^}]*}", " ")                                           // label matchers
                .replaceAll("\\[[^]]*]", " ")                                           // ranges
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " "); // label lists
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String word = identifier.group(1);
            boolean function = identifier.group(2) != null;
            if (!function && !PROMQL_WORDS.contains(word.toLowerCase())) {
                names.add(word);
            }
        }
        return names;
    }
}
