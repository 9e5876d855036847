package dev.entrabridge.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A message to send from a user's mailbox: a few recipients, a one-line subject and a text or HTML
 * body, all bounded.
 *
 * @param from            the sending mailbox: user principal name or object id
 * @param to              1–{@value #MAX_RECIPIENTS} SMTP addresses
 * @param subject         1–255 characters, one line
 * @param body            at most {@value #MAX_BODY} characters
 * @param html            whether {@code body} is HTML (else plain text)
 * @param saveToSentItems keep a copy in the sender's Sent Items (Graph's default)
 */
public record MailMessage(String from, List<String> to, String subject, String body, boolean html,
                          boolean saveToSentItems) {

    public static final int MAX_RECIPIENTS = 10;
    public static final int MAX_SUBJECT = 255;
    public static final int MAX_BODY = 32 * 1024;
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}"
            + "@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");

    public MailMessage {
        from = UserRef.check(from, "from");
        to = recipients(to);
        subject = InvalidInput.required(subject, "subject", "'Meeting notes'");
        if (subject.length() > MAX_SUBJECT || subject.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw InvalidInput.of("subject", "is longer than " + MAX_SUBJECT + " characters or spans several lines",
                    "Give a one-line subject of at most " + MAX_SUBJECT + " characters.");
        }
        body = body == null ? "" : body;
        if (body.length() > MAX_BODY || body.chars().anyMatch(c -> (c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f)) {
            throw InvalidInput.of("body", "is longer than " + MAX_BODY + " characters or has control characters",
                    "Keep the body under " + MAX_BODY + " characters of text.");
        }
    }

    /** A plain-text message saved to Sent Items. */
    public static MailMessage text(String from, List<String> to, String subject, String body) {
        return new MailMessage(from, to, subject, body, false, true);
    }

    private static List<String> recipients(List<String> to) {
        if (to == null || to.isEmpty()) {
            throw InvalidInput.of("to", "is missing", "Give at least one recipient address, e.g. AlexW@contoso.com.");
        }
        if (to.size() > MAX_RECIPIENTS) {
            throw InvalidInput.of("to", "has " + to.size() + " recipients", "Send to at most " + MAX_RECIPIENTS
                    + " recipients at a time.");
        }
        List<String> out = new ArrayList<>();
        for (String raw : to) {
            String address = raw == null ? "" : raw.trim();
            if (address.length() > 254 || !ADDRESS.matcher(address).matches()) {
                throw InvalidInput.of("to", "has " + InvalidInput.quoted(address) + ", which is not an email address",
                        "Give SMTP addresses such as AlexW@contoso.com.");
            }
            if (out.stream().noneMatch(a -> a.toLowerCase(Locale.ROOT).equals(address.toLowerCase(Locale.ROOT)))) {
                out.add(address);
            }
        }
        return List.copyOf(out);
    }
}
