package io.flowwatch.ingest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.json.runtime.JsonFormatter;
import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.MDC;
import org.junit.jupiter.api.Test;

/**
 * With FLOWWATCH_LOG_JSON=true each line is one JSON object from quarkus-logging-json's formatter; log queries rely on
 * the correlation id being the field {@code mdc.requestId} beside the message.
 */
class JsonLogFormatTest {

    @Test
    void theRequestIdIsAFieldOfEachJsonLine() throws Exception {
        MDC.put("requestId", "req-json-1");
        try {
            ExtLogRecord record = new ExtLogRecord(Level.INFO, "import quotes: %d rows read", ExtLogRecord.FormatStyle.PRINTF,
                    JsonLogFormatTest.class.getName());
            record.setParameters(new Object[] {3});
            record.setLoggerName("io.flowwatch.ingest.service.ImportService");
            record.copyMdc();
            String line = new JsonFormatter().format(record);

            JsonNode json = new ObjectMapper().readTree(line);
            assertEquals("req-json-1", json.path("mdc").path("requestId").asText(), line);
            assertEquals("import quotes: 3 rows read", json.path("message").asText(), line);
            assertEquals("INFO", json.path("level").asText(), line);
        } finally {
            MDC.remove("requestId");
        }
    }
}
