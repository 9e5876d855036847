package dev.entrabridge.azure;

import dev.entrabridge.endpoint.BridgeEndpoint;
import dev.entrabridge.endpoint.BridgeRequest;
import dev.entrabridge.endpoint.BridgeResponse;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The adapter's translation of the host's request and response types, on request fixtures as the host delivers them. */
class HttpMessagesTest {

    @Test
    void repeatedParametersSurviveAndTheFunctionKeyIsDropped() {
        BridgeRequest request = HttpMessages.request(FakeHttpRequest.fromFixture("requests/repeated-scopes-with-function-key.json"));

        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/AuthorizationHeaderUnauthenticated/graph");
        assertThat(request.query()).containsOnlyKeys("AgentIdentity", "optionsOverride.Scopes");
        assertThat(request.query().get("optionsOverride.Scopes")).containsExactly("User.Read", "Mail.Send");
        assertThat(request.header("X-Caller-Authorization")).contains("Bearer caller.jwt.value");
        assertThat(request.remoteAddress()).isEqualTo("203.0.113.7:51234");
        assertThat(request.authenticatedCaller()).isEmpty();
    }

    @Test
    void thePathStaysEncodedAndTheQueryIsDecodedStrictlyOnce() {
        BridgeRequest request = HttpMessages.request(FakeHttpRequest.fromFixture("requests/encoded-query-and-path.json"));

        // %2F stays visible to the route check, which refuses it as traversal; it never becomes a separator.
        assertThat(request.path()).isEqualTo("/AuthorizationHeaderUnauthenticated/graph%2F..%2Fadmin");
        assertThat(request.query().get("AgentUsername")).containsExactly("mailer+ops@contoso.onmicrosoft.com");
        assertThat(request.query().get("AgentIdentity")).containsExactly("mail agent");
        assertThat(request.query()).doesNotContainKeys("CODE", "Code");
    }

    @Test
    void theBinaryBodyArrivesByteForByte() {
        BridgeRequest request = HttpMessages.request(FakeHttpRequest.fromFixture("requests/binary-form-body.json"));

        assertThat(request.path()).isEqualTo("/token");
        assertThat(request.body()).isEqualTo(Base64.getDecoder().decode("Z3JhbnRfdHlwZT14JmFnZW50X2lkZW50aXR5PcOpw7/+/w=="));
        assertThat(request.header("Content-Type")).contains("application/x-www-form-urlencoded");
    }

    @Test
    void theRoutePrefixAloneIsTheRootAndNoBodyIsEmpty() {
        BridgeRequest request = HttpMessages.request(FakeHttpRequest.fromFixture("requests/no-body-at-the-prefix.json"));

        assertThat(request.path()).isEqualTo("/");
        assertThat(request.body()).isEmpty();
    }

    @Test
    void anOversizedBodyIsCutOneBytePastTheCapSoTheEndpointAnswers413() {
        FakeHttpRequest big = new FakeHttpRequest("POST", URI.create("https://bridge.azurewebsites.net/api/token"),
                Map.of("content-type", "application/json"), new byte[BridgeEndpoint.MAX_BODY_BYTES * 3]);

        assertThat(HttpMessages.request(big).body()).hasSize(BridgeEndpoint.MAX_BODY_BYTES + 1);
    }

    @Test
    void theResponseCarriesStatusHeadersAndBodyBytes() {
        FakeHttpRequest request = FakeHttpRequest.fromFixture("requests/no-body-at-the-prefix.json");
        BridgeResponse answer = new BridgeResponse(429, Map.of("Retry-After", List.of("4"), "Vary", List.of("a", "b")),
                "{\"status\":429}".getBytes(StandardCharsets.UTF_8));

        FakeHttpResponse response = (FakeHttpResponse) HttpMessages.response(request, answer);

        assertThat(response.getStatusCode()).isEqualTo(429);
        assertThat(response.getHeader("Retry-After")).isEqualTo("4");
        assertThat(response.getHeader("Vary")).isEqualTo("a, b");
        assertThat(response.bodyText()).isEqualTo("{\"status\":429}");
    }

    @Test
    void anEmptyResponseHasNoBody() {
        FakeHttpRequest request = FakeHttpRequest.fromFixture("requests/no-body-at-the-prefix.json");

        FakeHttpResponse response = (FakeHttpResponse) HttpMessages.response(request, new BridgeResponse(204, Map.of(), null));

        assertThat(response.getStatusCode()).isEqualTo(204);
        assertThat(response.getBody()).isNull();
    }
}
