package dev.entrabridge.graph;

import dev.entrabridge.emulator.graph.SentMail;
import dev.entrabridge.token.Diagnosis.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.USER_OID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.USER_UPN;
import static dev.entrabridge.graph.GraphTestWorld.MAILER;
import static dev.entrabridge.graph.GraphTestWorld.RESEARCHER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Send mail is off unless configured: refused before any token or request, and sent (202) when on. */
class SendMailIT {

    private static final MailMessage LUNCH = MailMessage.text(USER_UPN, List.of("AlexW@contoso.com", "lee@contoso.com"),
            "Lunch on Friday?", "Shall we try the new place?\nAlice");

    @RegisterExtension
    static final GraphTestWorld world = new GraphTestWorld();

    @Test
    void isRefusedWhenNotEnabledBeforeAnyTokenOrGraphRequest() {
        int requests = world.graph().requests().size();
        int asks = world.tokenAsks();

        GraphException e = catchThrowableOfType(() -> world.operations().sendMail(world.token(MAILER), LUNCH),
                GraphException.class);

        assertThat(world.config().graph().sendMailEnabled()).isFalse();
        assertThat(e.diagnosis().category()).isEqualTo(Category.PERMISSION);
        assertThat(e.diagnosis().code()).isEqualTo("GRAPH_SEND_MAIL_DISABLED");
        assertThat(e.diagnosis().remedy()).contains("BRIDGE_GRAPH_SEND_MAIL=true", "graph.sendMail", "Mail.Send");
        assertThat(world.graph().requests()).hasSize(requests);
        assertThat(world.tokenAsks()).isEqualTo(asks);
        assertThat(world.graph().sentMail()).isEmpty();
    }

    @Test
    void sendsWhenEnabledAndGraphRecordsTheMessage() {
        int before = world.graph().sentMail().size();

        MailSent sent = world.operations(s -> s.withSendMailEnabled(true)).sendMail(world.token(MAILER), LUNCH);

        assertThat(sent.from()).isEqualTo(USER_UPN);
        assertThat(sent.to()).containsExactly("AlexW@contoso.com", "lee@contoso.com");
        assertThat(sent.requestId()).isPresent();
        List<SentMail> mail = world.graph().sentMail();
        assertThat(mail).hasSize(before + 1);
        SentMail recorded = mail.get(mail.size() - 1);
        assertThat(recorded.fromUserId()).isEqualTo(USER_OID);
        assertThat(recorded.subject()).isEqualTo("Lunch on Friday?");
        assertThat(recorded.contentType()).isEqualTo("Text");
        assertThat(recorded.content()).isEqualTo("Shall we try the new place?\nAlice");
        assertThat(recorded.toRecipients()).containsExactly("AlexW@contoso.com", "lee@contoso.com");
        assertThat(recorded.saveToSentItems()).isTrue();
    }

    @Test
    void sendsHtmlWithoutASentItemsCopy() {
        MailMessage html = new MailMessage(USER_OID, List.of("AlexW@contoso.com"), "Status", "<p>All <b>green</b></p>",
                true, false);

        world.operations(s -> s.withSendMailEnabled(true)).sendMail(world.token(MAILER), html);

        SentMail recorded = world.graph().sentMail().get(world.graph().sentMail().size() - 1);
        assertThat(recorded.contentType()).isEqualTo("HTML");
        assertThat(recorded.content()).isEqualTo("<p>All <b>green</b></p>");
        assertThat(recorded.saveToSentItems()).isFalse();
    }

    @Test
    void anAgentWithoutMailSendIsToldToGetIt() {
        int before = world.graph().sentMail().size();

        GraphException e = catchThrowableOfType(() -> world.operations(s -> s.withSendMailEnabled(true))
                .sendMail(world.token(RESEARCHER), LUNCH), GraphException.class);

        assertThat(e.diagnosis().code()).isEqualTo("GRAPH_FORBIDDEN");
        assertThat(e.graphStatus()).hasValue(403);
        assertThat(e.diagnosis().remedy()).contains("application permission Mail.Send");
        assertThat(world.graph().sentMail()).hasSize(before);
    }
}
