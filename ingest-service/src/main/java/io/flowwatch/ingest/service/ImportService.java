package io.flowwatch.ingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowwatch.events.Event;
import io.flowwatch.events.EventData;
import io.flowwatch.events.Problem;
import io.flowwatch.ingest.config.IngestConfig;
import io.flowwatch.ingest.service.imports.Csv;
import io.flowwatch.ingest.service.imports.FarsideFlowTableParser;
import io.flowwatch.ingest.service.imports.HoldingsCsvParser;
import io.flowwatch.ingest.service.imports.LiquidationsCsvParser;
import io.flowwatch.ingest.service.imports.ParseResult;
import io.flowwatch.ingest.service.imports.ParsedRow;
import io.flowwatch.ingest.service.imports.ProductLookup;
import io.flowwatch.ingest.service.imports.QuotesCsvParser;
import io.flowwatch.ingest.service.imports.RowError;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * {@code POST /api/v1/imports}: a whole file in one of the known formats. All or nothing by default (one bad row
 * refuses the file with every bad row named); {@code partial=true} stores the good rows and reports the bad ones.
 * A file that cannot be read at all (encoding, header, unknown tickers in a flow table) is refused either way.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,127}");
    private static final Pattern ASSET = Pattern.compile("[A-Za-z0-9]{1,16}");
    private static final Set<String> KINDS = Set.of("us-spot-etf", "etp");
    private static final String DEFAULT_SOURCE = "import";

    /** The formats, by their {@code format} parameter. */
    public enum Format {
        FARSIDE_FLOWS("farside-flows"),
        QUOTES("quotes"),
        HOLDINGS("holdings"),
        LIQUIDATIONS("liquidations"),
        JSONL("jsonl");

        private final String parameter;

        Format(String parameter) {
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }

        static String known() {
            return Arrays.stream(values()).map(Format::parameter).collect(Collectors.joining(", "));
        }
    }

    /** A parsed file: candidates in file order and the problems found. */
    private record Parsed(int rowsRead, List<Candidate> candidates, List<RowError> errors, boolean fileUnreadable) {}

    private final IngestService ingest;
    private final ProductService products;
    private final IngestConfig config;
    private final WriteBudget budget;
    private final JsonBody json;
    private final EventRules rules;
    private final EventNormalizer normalizer;
    private final Clock clock = Clock.systemUTC();

    public ImportService(IngestService ingest, ProductService products, IngestConfig config, WriteBudget budget,
            ObjectMapper mapper) {
        this.ingest = ingest;
        this.products = products;
        this.config = config;
        this.budget = budget;
        this.json = new JsonBody(mapper, JsonBody.TOKENS_PER_SINGLE_DOCUMENT);
        this.rules = new EventRules(clock);
        this.normalizer = new EventNormalizer(rules);
    }

    /**
     * @param format one of {@link Format}
     * @param asset required for {@code farside-flows}
     * @param kind required for {@code farside-flows}
     * @param source optional; defaults per format
     * @param partial {@code true} or {@code false} (the default)
     */
    public Uni<ImportSummary> importFile(String format, String asset, String kind, String source, String partial,
            byte[] body) {
        Format f = format(format);
        boolean partialImport = bool("partial", partial);
        String sourceParam = source == null || source.isBlank() ? null : source.trim();
        if (sourceParam != null && !SOURCE.matcher(sourceParam).matches()) {
            throw DomainException.badRequest("the source parameter is not valid", "source",
                    "1 to 128 letters, digits or . _ : / @ - starting with a letter or digit");
        }
        String farsideAsset = null;
        String farsideKind = null;
        if (f == Format.FARSIDE_FLOWS) {
            farsideAsset = required("asset", asset, "the asset all the table's funds hold, e.g. asset=BTC");
            if (!ASSET.matcher(farsideAsset).matches()) {
                throw DomainException.badRequest("the asset parameter is not valid", "asset", "1 to 16 letters or digits, e.g. BTC");
            }
            farsideKind = required("kind", kind, "the product kind of the table's funds: us-spot-etf or etp");
            if (!KINDS.contains(farsideKind)) {
                throw DomainException.badRequest("the kind parameter is not valid", "kind", "us-spot-etf or etp");
            }
        }
        if (body == null || body.length == 0) {
            throw DomainException.badRequest("the request body is empty", "body", "the file to import is required");
        }
        if (body.length > config.maxImportBodyBytes()) {
            throw DomainException.tooLarge("the file is too large", "body",
                    "at most " + config.maxImportBodyBytes() + " bytes per import, found " + body.length);
        }
        long lines = lines(body);
        if (lines > config.maxImportLines()) {
            throw DomainException.tooLarge("the file has too many lines", "body",
                    "at most " + config.maxImportLines() + " lines per import, found " + lines + "; split the file");
        }
        String eventSource = sourceParam != null ? sourceParam : f == Format.FARSIDE_FLOWS ? "farside" : DEFAULT_SOURCE;
        String tableAsset = farsideAsset;
        String tableKind = farsideKind;
        long started = System.nanoTime();
        return budget.admit((int) lines, "body", () -> products.lookup().chain(registry -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Parsed read = parse(f, body, tableAsset, tableKind, eventSource, sourceParam, now, registry);
            // a header without rows is a file that was cut off or exported empty, not a successful import
            Parsed parsed = read.errors().isEmpty() && read.rowsRead() == 0
                    ? new Parsed(0, List.of(), List.of(new RowError(0, "file", null,
                            "the file has a header but no data rows")), true)
                    : read;
            List<RowError> errors = parsed.errors().stream()
                    .sorted(Comparator.comparingInt(RowError::line)).toList();
            int rejected = rejectedRows(errors);
            if (!errors.isEmpty() && (!partialImport || parsed.fileUnreadable())) {
                String detail = parsed.fileUnreadable()
                        ? "the file cannot be imported; nothing was stored"
                        : rejected + " of " + parsed.rowsRead() + " rows are not valid; nothing was stored"
                                + " (partial=true stores the valid rows)";
                return Uni.createFrom().failure(DomainException.invalid(detail, errors.stream()
                        .map(e -> new Problem.FieldError(e.field(), e.line(), e.value(), e.reason())).toList()));
            }
            String label = "import " + f.parameter() + " (source " + eventSource + ")";
            return ingest.ingest(parsed.candidates(), label).map(result -> {
                List<UUID> ids = result.storedIds();
                // Holdings rows carry their own source; the summary names one only when the request did.
                String summarySource = f == Format.HOLDINGS && sourceParam == null ? null : eventSource;
                ImportSummary summary = new ImportSummary(f.parameter(), summarySource, parsed.rowsRead(),
                        result.accepted(), result.duplicates(), result.revisions(), rejected,
                        errors.stream().map(e -> new ImportSummary.ImportError(e.line(), e.field(), e.value(), e.reason())).toList(),
                        ids.size() <= config.maxIdsInImportResponse() ? ids : null);
                LOG.infof("%s: %d rows read, %d events accepted, %d duplicates, %d revisions, %d rows rejected in %d ms",
                        label, summary.rowsRead(), summary.eventsAccepted(), summary.duplicates(), summary.revisions(),
                        summary.rowsRejected(), (System.nanoTime() - started) / 1_000_000);
                return summary;
            });
        }));
    }

    private Parsed parse(Format format, byte[] body, String asset, String kind, String source, String sourceParam,
            Instant now, ProductLookup registry) {
        return switch (format) {
            case FARSIDE_FLOWS -> fromRows(new FarsideFlowTableParser(config.flowTotalToleranceMillions(), clock)
                    .parse(body, asset, kind, registry), source, now, registry);
            case QUOTES -> fromRows(new QuotesCsvParser(clock).parse(body), source, now, registry);
            case HOLDINGS -> fromRows(new HoldingsCsvParser(clock).parse(body),
                    sourceParam != null ? sourceParam : DEFAULT_SOURCE, now, registry);
            case LIQUIDATIONS -> fromRows(new LiquidationsCsvParser(clock).parse(body), source, now, registry);
            case JSONL -> jsonLines(body, source, now, registry);
        };
    }

    /** Events of a CSV import; a row's own source (holdings) wins over the default. */
    private <T extends EventData> Parsed fromRows(ParseResult<T> result, String source, Instant now,
            ProductLookup registry) {
        List<RowError> errors = new ArrayList<>(result.errors());
        boolean unreadable = errors.stream().anyMatch(e -> e.line() <= 1);
        List<Candidate> candidates = new ArrayList<>(result.rows().size());
        for (ParsedRow<T> row : result.rows()) {
            String rowSource = row.source() != null ? row.source() : source;
            Event<T> event = Event.of(UUID.randomUUID(), rowSource, now, row.data());
            List<EventRules.Violation> violations = rules.check(event, registry);
            if (violations.isEmpty()) {
                candidates.add(Candidate.of(event, row.line(), false));
            } else {
                violations.forEach(v -> errors.add(new RowError(row.line(), v.pointer(), v.value(), v.reason())));
            }
        }
        if (!errors.isEmpty()) {
            // A row with any problem yields no event at all, also with partial=true.
            Set<Integer> badLines = errors.stream().map(RowError::line).collect(Collectors.toSet());
            candidates.removeIf(c -> badLines.contains(c.line()));
        }
        return new Parsed(result.rowsRead(), candidates, errors, unreadable);
    }

    /** JSON Lines: one contract event per line, normalized as pushed events are. */
    private Parsed jsonLines(byte[] body, String source, Instant now, ProductLookup registry) {
        List<RowError> readErrors = new ArrayList<>();
        String text = Csv.decodeUtf8(body, readErrors);
        if (text == null) {
            return new Parsed(0, List.of(), readErrors, true);
        }
        String[] lines = text.split("\n", -1);
        List<Candidate> candidates = new ArrayList<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        int rowsRead = 0;
        for (int index = 0; index < lines.length; index++) {
            String line = lines[index].strip();
            if (line.isEmpty()) {
                continue;
            }
            rowsRead++;
            int lineNumber = index + 1;
            JsonNode node;
            try {
                node = json.readLine(line);
            } catch (StreamConstraintsException e) {
                // valid JSON perhaps, but beyond a limit (tokens, nesting, number length): the line is not echoed
                errors.add(new Problem.FieldError("", lineNumber, null, e.getOriginalMessage()));
                continue;
            } catch (JsonProcessingException e) {
                errors.add(new Problem.FieldError("", lineNumber, line, "not JSON: " + e.getOriginalMessage()));
                continue;
            }
            normalizer.normalize(node, "", lineNumber, source, now, registry, errors).ifPresent(candidates::add);
        }
        if (rowsRead == 0) {
            return new Parsed(0, List.of(), List.of(new RowError(0, "file", null, "the file has no events")), true);
        }
        List<RowError> rowErrors = errors.stream()
                .map(e -> new RowError(e.line() == null ? 0 : e.line(), e.field(), e.value(), e.reason()))
                .toList();
        return new Parsed(rowsRead, candidates, rowErrors, false);
    }

    /** Lines of a file: its line feeds, plus a last line without one. */
    static long lines(byte[] body) {
        long feeds = 0;
        for (byte b : body) {
            if (b == '\n') {
                feeds++;
            }
        }
        return body.length > 0 && body[body.length - 1] != '\n' ? feeds + 1 : feeds;
    }

    /** Rows with at least one error, not counting problems of the whole file or its header. */
    private static int rejectedRows(List<RowError> errors) {
        return (int) errors.stream().filter(e -> !e.field().equals("header") && e.line() > 0)
                .map(RowError::line).distinct().count();
    }

    private static Format format(String format) {
        if (format == null || format.isBlank()) {
            throw DomainException.badRequest("the format parameter is missing", "format",
                    "format is required, one of " + Format.known());
        }
        String wanted = format.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(Format.values()).filter(f -> f.parameter().equals(wanted)).findFirst()
                .orElseThrow(() -> DomainException.badRequest("unknown format " + format, "format",
                        "unknown format '" + format + "', expected one of " + Format.known()));
    }

    private static String required(String name, String value, String reason) {
        if (value == null || value.isBlank()) {
            throw DomainException.badRequest("the " + name + " parameter is missing", name,
                    name + " is required for format=farside-flows: " + reason);
        }
        return value.trim();
    }

    private static boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw DomainException.badRequest("the " + name + " parameter is not valid", name,
                    name + " must be true or false, not '" + value + "'");
        };
    }
}
