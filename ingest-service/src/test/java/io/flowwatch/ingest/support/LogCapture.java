package io.flowwatch.ingest.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.MDC;

/**
 * Keeps every log record of the running application (a handler on the root logger, the one Quarkus' console handler
 * sits on) with the MDC's {@code requestId} as it was when the line was logged. Close it to detach.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    /** One log line: logger, formatted message and the correlation id in the MDC (null if none). */
    public record Line(String logger, String message, String requestId) {}

    private final List<Line> lines = new CopyOnWriteArrayList<>();

    private LogCapture() {}

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            lines.add(new Line(ext.getLoggerName(), ext.getFormattedMessage(), ext.getMdc("requestId")));
        } else {
            lines.add(new Line(record.getLoggerName(), record.getMessage(), MDC.get("requestId")));
        }
    }

    public List<Line> matching(Predicate<Line> filter) {
        return lines.stream().filter(filter).toList();
    }

    public List<Line> containing(String text) {
        return matching(line -> line.message() != null && line.message().contains(text));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
