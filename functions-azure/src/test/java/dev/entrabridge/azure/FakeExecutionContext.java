package dev.entrabridge.azure;

import com.microsoft.azure.functions.ExecutionContext;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One invocation's context: its id, the function's name and the per-invocation logger the host ships to
 * Application Insights, whose lines (with their level) the test reads back.
 */
final class FakeExecutionContext implements ExecutionContext {

    /** One logged line and its level. */
    record Line(Level level, String text) { }

    private final String functionName;
    private final String invocationId = UUID.randomUUID().toString();
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Logger logger;

    FakeExecutionContext(String functionName) {
        this.functionName = functionName;
        this.logger = Logger.getAnonymousLogger();
        logger.setLevel(Level.ALL);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(new Line(record.getLevel(), record.getMessage()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    @Override
    public Logger getLogger() {
        return logger;
    }

    @Override
    public String getInvocationId() {
        return invocationId;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }
}
