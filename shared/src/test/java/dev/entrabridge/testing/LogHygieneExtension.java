package dev.entrabridge.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures every log record of the test JVM (the bridge's System.Logger events and, through
 * slf4j-jdk14, MSAL4J's and the AWS SDK's, down to debug level) and fails a test class whose run
 * logged a token, an assertion or a known secret. Registered for every class of the module.
 */
public final class LogHygieneExtension implements BeforeAllCallback, AfterAllCallback {

    private static final List<String> LINES = new ArrayList<>();
    private static volatile boolean installed;

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
        synchronized (LINES) {
            LINES.clear();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> lines;
        synchronized (LINES) {
            lines = List.copyOf(LINES);
        }
        List<String> findings = LogScanner.findings(lines);
        if (!findings.isEmpty()) {
            throw new AssertionError(context.getDisplayName() + " logged tokens or secrets ("
                    + lines.size() + " lines scanned):\n" + String.join("\n", findings));
        }
    }

    /** How many lines the current class produced so far (for the test that proves capture works). */
    public static List<String> capturedLines() {
        synchronized (LINES) {
            return List.copyOf(LINES);
        }
    }

    private static synchronized void install() {
        if (installed) {
            return;
        }
        Logger root = Logger.getLogger("");
        root.setLevel(Level.FINE);
        for (String name : List.of("dev.entrabridge", "com.microsoft.aad.msal4j", "software.amazon.awssdk")) {
            Logger.getLogger(name).setLevel(Level.FINE);
        }
        for (Handler h : root.getHandlers()) {
            if (h.getLevel().intValue() < Level.INFO.intValue()) {
                h.setLevel(Level.INFO); // keep the console readable; capture below sees everything
            }
        }
        root.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                String line = record.getLevel() + " " + record.getLoggerName() + " " + format(record);
                synchronized (LINES) {
                    LINES.add(line);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        installed = true;
    }

    private static String format(LogRecord r) {
        String message = r.getMessage() == null ? "" : r.getMessage();
        if (r.getParameters() != null && r.getParameters().length > 0) {
            try {
                message = MessageFormat.format(message, r.getParameters());
            } catch (IllegalArgumentException e) {
                message = message + " " + java.util.Arrays.toString(r.getParameters());
            }
        }
        if (r.getThrown() != null) {
            StringWriter w = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(w));
            message = message + " " + w.toString().replace('\n', ' ');
        }
        return message;
    }
}
