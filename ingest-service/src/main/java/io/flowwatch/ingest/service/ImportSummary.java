package io.flowwatch.ingest.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/**
 * The answer of {@code POST /api/v1/imports}.
 *
 * @param rowsRead data rows (or JSON lines) in the file, good or bad
 * @param rowsRejected rows that yielded no event because of a problem (listed in {@code errors})
 * @param ids the stored events' ids in file order; omitted when there are more than the configured maximum
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportSummary(String format, String source, int rowsRead, int eventsAccepted, int duplicates,
        int revisions, int rowsRejected, List<ImportError> errors, List<UUID> ids) {

    /** One rejected row: its line (1-based; the header is line 1), the column or JSON pointer, the text, the reason. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ImportError(int line, String field, String value, String reason) {}
}
