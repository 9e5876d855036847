package dev.entrabridge.graph;

import java.util.List;
import java.util.Optional;

/**
 * Graph accepted a message for delivery (202); delivery itself happens later in Exchange.
 *
 * @param from      the sending mailbox as given
 * @param to        the recipients
 * @param requestId Graph's {@code request-id}, when it sent one
 */
public record MailSent(String from, List<String> to, Optional<String> requestId) {

    public MailSent {
        to = List.copyOf(to);
    }
}
