package dev.entrabridge.graph;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A user's calendar view: the events overlapping {@code [start, end)}, at most {@link #MAX_WINDOW} long.
 *
 * @param user  user principal name or object id (the mailbox)
 * @param start window start
 * @param end   window end, after {@code start}
 * @param top   how many events at most, 1–999; 0 means as many as {@code BRIDGE_GRAPH_MAX_RESULTS} allows
 */
public record CalendarQuery(String user, Instant start, Instant end, int top) {

    /** Longer windows are refused: a model rarely needs more, and Graph expands every recurrence in it. */
    public static final Duration MAX_WINDOW = Duration.ofDays(31);
    private static final int MAX_TIME_LENGTH = 40;

    public CalendarQuery {
        user = UserRef.check(user, "user");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw InvalidInput.of("end", "(" + end + ") is not after start (" + start + ")",
                    "Give a window whose end comes after its start, e.g. start 2026-01-15T00:00:00Z, end 2026-01-16T00:00:00Z.");
        }
        if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw InvalidInput.of("end", "is more than " + MAX_WINDOW.toDays() + " days after start",
                    "Ask for at most " + MAX_WINDOW.toDays() + " days at a time.");
        }
        if (top < 0 || top > 999) {
            throw InvalidInput.of("top", "is " + top, "Give a number of events from 1 to 999 (or leave it out).");
        }
    }

    /**
     * From ISO-8601 text as a model or a form gives it: a date-time with {@code Z} or an offset
     * ({@code 2026-01-15T09:00:00+02:00}), or a date alone, which means that whole day in UTC (a date
     * as {@code end} includes that day).
     */
    public static CalendarQuery parse(String user, String start, String end) {
        return new CalendarQuery(user, time(start, "start", false), time(end, "end", true), 0);
    }

    public CalendarQuery withTop(int newTop) {
        return new CalendarQuery(user, start, end, newTop);
    }

    private static Instant time(String raw, String parameter, boolean endOfDay) {
        String v = InvalidInput.required(raw, parameter, "2026-01-15T09:00:00Z");
        if (v.length() <= MAX_TIME_LENGTH) {
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e) {
                // maybe a date alone
            }
            try {
                LocalDate day = LocalDate.parse(v);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw InvalidInput.of(parameter, InvalidInput.quoted(v) + " is not an ISO-8601 date-time with a time zone",
                "Write it like 2026-01-15T09:00:00Z or 2026-01-15T09:00:00+02:00, or give a date alone (2026-01-15).");
    }
}
