package dev.entrabridge.endpoint.contract;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A deployment of the HTTP contract as {@link HttpContractSuite} sees it: something that takes an
 * HTTP request and answers it (the sidecar over a socket, a Lambda Function URL handler, an Azure
 * Function), the facts of the tenant it was set up with, and what it logged.
 */
public interface ContractTarget {

    /** One HTTP answer. */
    record Response(int status, Map<String, List<String>> headers, String body) {

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        public String contentType() {
            return header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Sends a request to the deployment.
     *
     * @param pathAndQuery e.g. {@code /AuthorizationHeaderUnauthenticated/graph?AgentIdentity=x}, sent exactly
     *                     as given (no re-encoding), so malformed input reaches the deployment
     */
    Response send(String method, String pathAndQuery, Map<String, String> headers, byte[] body);

    default Response send(String method, String pathAndQuery, Map<String, String> headers, String body) {
        return send(method, pathAndQuery, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Calls an API directly, as an agent does with the header it obtained (trusting the test's CAs). */
    Response callDirectly(URI url, Map<String, String> headers);

    ContractFixture fixture();

    /**
     * The header in which a request proves its caller to this deployment by the caller's own JWT
     * ({@code Bearer <jwt>}), where callers reach it over a network: the suite then sends
     * {@link ContractFixture#callerJwt()} in it on every route but the RFC 8693 exchange, and checks that a
     * missing, untrusted or forged caller token is refused. Empty (the default) where the transport
     * authenticates the caller (the sidecar's loopback peer, a Function URL's IAM signature).
     */
    default Optional<String> callerTokenHeader() {
        return Optional.empty();
    }

    /** Every audit line the deployment wrote so far, oldest first. */
    List<String> auditLines();

    /** Everything else the deployment logged (stdout/stderr), to be scanned for tokens. */
    List<String> logLines();

    /**
     * Makes Entra answer {@code status} (503 unavailable, 429 throttled) with {@code Retry-After} to the
     * next token requests, if this target can (emulated tenants only); cleared before the next test.
     *
     * @return false when the target cannot inject faults; the test is then skipped
     */
    default boolean injectEntraFailure(int status, Duration retryAfter) {
        return false;
    }
}
