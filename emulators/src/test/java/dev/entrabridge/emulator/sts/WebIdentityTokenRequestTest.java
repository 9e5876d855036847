package dev.entrabridge.emulator.sts;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebIdentityTokenRequestTest {

    private static Map<String, List<String>> form(String... pairs) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], List.of(pairs[i + 1]));
        }
        return form;
    }

    @Test
    void defaultsDurationTo300AndKeepsAudiencesInOrder() throws Exception {
        WebIdentityTokenRequest request = WebIdentityTokenRequest.parse(form("Audience.member.1", "a",
                "Audience.member.2", "b", "SigningAlgorithm", "ES384"));
        assertThat(request.durationSeconds()).isEqualTo(300);
        assertThat(request.audiences()).containsExactly("a", "b");
        assertThat(request.signingAlgorithm()).isEqualTo("ES384");
        assertThat(request.requestTags()).isEmpty();
    }

    @Test
    void acceptsTheBoundsOfDuration() throws Exception {
        assertThat(WebIdentityTokenRequest.parse(form("Audience.member.1", "a", "SigningAlgorithm", "RS256",
                "DurationSeconds", "60")).durationSeconds()).isEqualTo(60);
        assertThat(WebIdentityTokenRequest.parse(form("Audience.member.1", "a", "SigningAlgorithm", "RS256",
                "DurationSeconds", "3600")).durationSeconds()).isEqualTo(3600);
        assertValidationError(form("Audience.member.1", "a", "SigningAlgorithm", "RS256", "DurationSeconds", "3601"),
                "less than or equal to 3600");
        assertValidationError(form("Audience.member.1", "a", "SigningAlgorithm", "RS256", "DurationSeconds", "x"),
                "durationSeconds");
    }

    @Test
    void requiresAnAudienceAndAnAlgorithm() {
        assertValidationError(form("SigningAlgorithm", "RS256"), "'audience'");
        assertValidationError(form("Audience.member.1", "a"), "'signingAlgorithm'");
    }

    @Test
    void refusesElevenAudiencesAndFiftyOneTags() throws Exception {
        Map<String, List<String>> audiences = form("SigningAlgorithm", "RS256");
        for (int i = 1; i <= 11; i++) {
            audiences.put("Audience.member." + i, List.of("aud" + i));
        }
        assertValidationError(audiences, "less than or equal to 10");

        Map<String, List<String>> tags = form("SigningAlgorithm", "RS256", "Audience.member.1", "a");
        for (int i = 1; i <= 50; i++) {
            tags.put("Tags.member." + i + ".Key", List.of("k" + i));
            tags.put("Tags.member." + i + ".Value", List.of("v" + i));
        }
        assertThat(WebIdentityTokenRequest.parse(tags).requestTags()).hasSize(50).containsEntry("k50", "v50");
        tags.put("Tags.member.51.Key", List.of("k51"));
        assertValidationError(tags, "less than or equal to 50");
    }

    private static void assertValidationError(Map<String, List<String>> form, String messagePart) {
        assertThatThrownBy(() -> WebIdentityTokenRequest.parse(form))
                .isInstanceOfSatisfying(StsError.class, e -> {
                    assertThat(e.code()).isEqualTo("ValidationError");
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains(messagePart);
                });
    }
}
