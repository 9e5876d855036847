package dev.entrabridge.lambda;

import dev.entrabridge.lambda.ActionOutcome.ResponseState;
import dev.entrabridge.lambda.ActionOutcome.Source;
import dev.entrabridge.token.Diagnosis;
import dev.entrabridge.token.Diagnosis.Category;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which refusals ask the model again and which fail the session, and the OpenAPI status of each. */
class ActionOutcomeTest {

    @ParameterizedTest(name = "{0} {1} from {2} -> {3} {4}")
    @CsvSource({
            "CALLER,        BEDROCK_MISSING_PARAMETER,   INPUT,    400, REPROMPT",
            "CALLER,        GRAPH_INVALID_INPUT,         INPUT,    400, REPROMPT",
            "NOT_FOUND,     BEDROCK_UNKNOWN_ACTION,      INPUT,    404, REPROMPT",
            "CALLER,        GRAPH_NOT_FOUND,             GRAPH,    404, REPROMPT",
            "PERMISSION,    GRAPH_FORBIDDEN,             GRAPH,    403, REPROMPT",
            "PERMISSION,    GRAPH_SEND_MAIL_DISABLED,    INPUT,    403, REPROMPT",
            "TRANSIENT,     GRAPH_THROTTLED,             GRAPH,    429, FAILURE",
            "TRANSIENT,     GRAPH_UNAVAILABLE,           GRAPH,    503, FAILURE",
            "CREDENTIAL,    GRAPH_UNAUTHORIZED,          GRAPH,    502, FAILURE",
            "DENIED,        BRIDGE_BEDROCK_AGENT_UNMAPPED, ISSUANCE, 403, FAILURE",
            "DENIED,        POLICY_DENIED,               ISSUANCE, 403, FAILURE",
            "CONFIGURATION, AADSTS700213,                ISSUANCE, 502, FAILURE",
            "CONFIGURATION, OutboundWebIdentityFederationDisabledException, ISSUANCE, 502, FAILURE",
            "PERMISSION,    AADSTS65001,                 ISSUANCE, 403, FAILURE",
            "TRANSIENT,     ENTRA_HTTP_503,              ISSUANCE, 503, FAILURE",
            "BUG,           BEDROCK_MALFORMED_EVENT,     INPUT,    502, FAILURE"})
    void mapsEachRefusal(Category category, String code, Source source, int status, ResponseState state) {
        ActionOutcome outcome = ActionOutcome.refused(new Diagnosis(category, code, "What is wrong.", "What to do."), source);

        assertThat(outcome.httpStatus()).isEqualTo(status);
        assertThat(outcome.state()).contains(state);
        assertThat(outcome.sentence()).isEqualTo("What is wrong. What to do. (" + code + ")");
    }
}
