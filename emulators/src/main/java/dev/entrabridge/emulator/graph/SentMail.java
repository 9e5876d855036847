package dev.entrabridge.emulator.graph;

import java.time.Instant;
import java.util.List;

/**
 * A message accepted by {@code POST /users/{id}/sendMail}, kept for tests to assert on.
 *
 * @param fromUserId      the mailbox owner's object id
 * @param subject         subject line (may be empty)
 * @param contentType     {@code Text} or {@code HTML}
 * @param content         body content
 * @param toRecipients    recipient addresses
 * @param saveToSentItems as requested (Graph's default is true)
 * @param sentAt          when the emulator accepted it
 */
public record SentMail(String fromUserId, String subject, String contentType, String content, List<String> toRecipients,
                       boolean saveToSentItems, Instant sentAt) {

    public SentMail {
        toRecipients = List.copyOf(toRecipients);
    }
}
