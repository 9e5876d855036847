package dev.entrabridge.azure;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code BRIDGE_HEALTH_SCHEDULE}, the credential-health timer's schedule, which the Functions host (not the
 * bridge) resolves from the app settings when it indexes the functions: a six-field NCRONTAB expression
 * ({@code {second} {minute} {hour} {day} {month} {day-of-week}}), by default {@value #DEFAULT} (every 15
 * minutes). The host has no fallback for a missing setting — it refuses to index the timer ("does not resolve
 * to a value") and the check never runs — so the default is written into every deployment (the infra template,
 * {@code local.settings.json.example}), and this class says in the bridge's own log when it is missing or
 * five-field (a Unix cron, which the host refuses too).
 */
final class HealthScheduleSetting {

    static final String NAME = "BRIDGE_HEALTH_SCHEDULE";
    static final String DEFAULT = "0 */15 * * * *";

    private static final System.Logger LOG = System.getLogger(HealthScheduleSetting.class.getName());
    private static final Pattern FIELD = Pattern.compile("[0-9A-Za-z*/,\\-]+");
    /** The host also accepts a TimeSpan ({@code hh:mm:ss}) on dedicated plans. */
    private static final Pattern TIME_SPAN = Pattern.compile("\\d{1,2}:\\d{2}:\\d{2}");

    private HealthScheduleSetting() {
    }

    /** What is wrong with the setting in {@code environment}, in a sentence naming the fix; empty when usable. */
    static Optional<String> problem(Map<String, String> environment) {
        String value = environment.get(NAME);
        if (value == null || value.isBlank()) {
            return Optional.of(NAME + " is not set, so the Functions host cannot schedule the credential-health timer: "
                    + "set it to \"" + DEFAULT + "\" (every 15 minutes).");
        }
        String trimmed = value.strip();
        if (TIME_SPAN.matcher(trimmed).matches()) {
            return Optional.empty();
        }
        String[] fields = trimmed.split("\\s+");
        for (String field : fields) {
            if (!FIELD.matcher(field).matches()) {
                return Optional.of(NAME + " has an unexpected field '" + field + "': write six NCRONTAB fields, e.g. \""
                        + DEFAULT + "\".");
            }
        }
        if (fields.length != 6) {
            return Optional.of(NAME + " has " + fields.length + " fields; Azure Functions needs six (seconds first), e.g. \""
                    + DEFAULT + "\" for every 15 minutes.");
        }
        return Optional.empty();
    }

    static void warnIfUnusable(Map<String, String> environment) {
        problem(environment).ifPresent(p -> LOG.log(Level.WARNING, "event=health_schedule_unusable problem=\"{0}\"", p));
    }
}
