package dev.entrabridge.emulator.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.emulator.http.RecordedRequest;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Exchange-backed routes: {@code calendarView} (a time window over the user's events, paged by
 * {@link EventQuery}) and
 * {@code sendMail} (validates the message like Exchange does, records it, answers 202).
 */
final class MailboxRoutes {

    static final Set<String> CALENDAR_READ = Set.of("Calendars.Read", "Calendars.ReadBasic", "Calendars.ReadWrite");
    static final Set<String> MAIL_SEND = Set.of("Mail.Send");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;

    MailboxRoutes(Clock clock) {
        this.clock = clock;
    }

    EventQuery.Page calendarView(GraphCaller caller, GraphUser user, List<GraphEvent> events, RecordedRequest r) {
        requireMailboxAccess(caller, user, CALENDAR_READ);
        String start = r.queryParam("startDateTime").orElse(null);
        String end = r.queryParam("endDateTime").orElse(null);
        if (start == null || end == null) {
            throw GraphError.badRequest("ErrorInvalidParameter", "This request requires a time window specified by the "
                    + "query string parameters StartDateTime and EndDateTime.");
        }
        Instant from = time(start, "startDateTime");
        Instant to = time(end, "endDateTime");
        return EventQuery.run(events.stream().filter(e -> e.overlaps(from, to)).toList(), r);
    }

    SentMail sendMail(GraphCaller caller, GraphUser user, RecordedRequest r) {
        requireMailboxAccess(caller, user, MAIL_SEND);
        if (r.body().length == 0) {
            throw GraphError.badRequest("BadRequest", "Empty Payload. JSON content expected.");
        }
        JsonNode body;
        try {
            body = JSON.readTree(r.body());
        } catch (IOException e) {
            throw GraphError.badRequest("RequestBodyRead", "Invalid JSON payload.");
        }
        JsonNode message = body.path("message");
        if (!message.isObject()) {
            throw GraphError.badRequest("ErrorInvalidParameter", "The value of the parameter 'Message' is empty.");
        }
        String contentType = message.path("body").path("contentType").asText("Text");
        if (!contentType.equalsIgnoreCase("text") && !contentType.equalsIgnoreCase("html")) {
            throw GraphError.badRequest("RequestBodyRead", "Requested value '" + contentType
                    + "' was not found for enum type 'microsoft.graph.bodyType'.");
        }
        List<String> to = recipients(message.path("toRecipients"));
        if (to.isEmpty() && recipients(message.path("ccRecipients")).isEmpty() && recipients(message.path("bccRecipients")).isEmpty()) {
            throw GraphError.badRequest("ErrorInvalidRecipients", "At least one recipient is required, but none were found.");
        }
        boolean save = !body.has("saveToSentItems") || body.path("saveToSentItems").asBoolean(true);
        return new SentMail(user.id(), message.path("subject").asText(""),
                contentType.equalsIgnoreCase("html") ? "HTML" : "Text",
                message.path("body").path("content").asText(""), to, save, clock.instant());
    }

    /**
     * App tokens reach any mailbox with the role; delegated tokens only the signed-in user's own. A
     * user without a mail address stands for one without an Exchange Online mailbox.
     */
    private static void requireMailboxAccess(GraphCaller caller, GraphUser user, Set<String> permissions) {
        if (!caller.has(permissions) || (caller.delegated() && !caller.userId().equals(user.id()))) {
            throw GraphError.mailboxDenied();
        }
        if (user.mail() == null) {
            throw new GraphError(404, "MailboxNotEnabledForRESTAPI",
                    "The mailbox is either inactive, soft-deleted, or is hosted on-premise.");
        }
    }

    private static List<String> recipients(JsonNode list) {
        List<String> addresses = new ArrayList<>();
        if (!list.isArray()) {
            return addresses;
        }
        for (JsonNode r : list) {
            String address = r.path("emailAddress").path("address").asText("");
            if (!address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                throw GraphError.badRequest("ErrorInvalidRecipients", "At least one recipient is not valid., Recipient '"
                        + address + "' is not resolved. All recipients must be resolved before a message can be submitted.");
            }
            addresses.add(address);
        }
        return addresses;
    }

    private static Instant time(String value, String name) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw GraphError.badRequest("ErrorInvalidParameter", "The parameter '" + name + "' has an invalid value '"
                        + value + "'.");
            }
        }
    }
}
