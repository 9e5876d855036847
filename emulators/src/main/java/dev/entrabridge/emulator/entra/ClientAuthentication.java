package dev.entrabridge.emulator.entra;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.entrabridge.emulator.http.RecordedRequest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Authenticates the client of a token request: a blueprint by secret, certificate assertion or
 * federated assertion; an agent identity only by a T1 its parent blueprint obtained for it.
 */
final class ClientAuthentication {

    static final String JWT_BEARER_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final Clock clock;
    private final FederatedAssertionCheck federated;

    ClientAuthentication(Clock clock, FederatedAssertionCheck federated) {
        this.clock = clock;
        this.federated = federated;
    }

    AuthenticatedClient authenticate(Tenant tenant, String tenantSegment, RecordedRequest request) {
        String clientId = TokenEndpoint.required(request, "client_id");
        AuthenticatedClient found = find(tenant, clientId);
        if (found.isAgent() && !found.agent().enabled()) {
            throw disabled(clientId);
        }
        String secret = request.formParam("client_secret").orElse(null);
        String assertion = request.formParam("client_assertion").orElse(null);
        AuthenticatedClient client;
        if (secret != null) {
            client = new AuthenticatedClient(found.blueprint(), found.agent(), AuthenticatedClient.SECRET);
            checkSecret(client, secret);
        } else if (assertion != null) {
            client = new AuthenticatedClient(found.blueprint(), found.agent(), AuthenticatedClient.ASSERTION);
            String type = request.formParam("client_assertion_type").orElse("");
            if (!JWT_BEARER_ASSERTION_TYPE.equals(type)) {
                throw EntraError.invalidRequest(900144, "The request body must contain the following parameter: "
                        + "'client_assertion_type' with the value '" + JWT_BEARER_ASSERTION_TYPE + "'.");
            }
            checkAssertion(tenant, tenantSegment, client, assertion);
        } else {
            throw EntraError.invalidClient(7000218, "The request body must contain the following parameter: "
                    + "'client_assertion' or 'client_secret'.");
        }
        return client;
    }

    static EntraError disabled(String appId) {
        return EntraError.unauthorizedClient(7000112, "Application '" + appId + "'(" + appId + ") is disabled.");
    }

    private static AuthenticatedClient find(Tenant tenant, String clientId) {
        var agent = tenant.findAgentIdentity(clientId);
        if (agent.isPresent()) {
            return new AuthenticatedClient(tenant.findBlueprint(agent.get().blueprintAppId()).orElseThrow(), agent.get(),
                    null);
        }
        return tenant.findBlueprint(clientId).map(b -> new AuthenticatedClient(b, null, null))
                .orElseThrow(() -> EntraError.unauthorizedClient(700016, "Application with identifier '" + clientId
                        + "' was not found in the directory '" + tenant.id() + "'. This can happen if the application has"
                        + " not been installed by the administrator of the tenant or consented to by any user in the"
                        + " tenant. You may have sent your authentication request to the wrong tenant."));
    }

    private void checkSecret(AuthenticatedClient client, String secret) {
        List<ClientSecret> matching = client.isAgent() ? List.of()
                : client.blueprint().secrets().stream().filter(s -> s.value().equals(secret)).toList();
        if (matching.isEmpty()) {
            throw EntraError.invalidClient(7000215, "Invalid client secret provided. Ensure the secret being sent in the"
                    + " request is the client secret value, not the client secret ID, for a secret added to app '"
                    + client.appId() + "'.");
        }
        Instant now = clock.instant();
        if (matching.stream().noneMatch(s -> s.expiry().isAfter(now))) {
            throw EntraError.invalidClient(7000222, "The provided client secret keys for app '" + client.appId()
                    + "' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret,"
                    + " or consider using certificate credentials for added security: https://aka.ms/certCreds.");
        }
    }

    private void checkAssertion(Tenant tenant, String tenantSegment, AuthenticatedClient client, String assertion) {
        SignedJWT jwt = AssertionChecks.parse(assertion, true, AssertionChecks.CERTIFICATE_ALGORITHMS);
        JWTClaimsSet claims = AssertionChecks.claims(jwt);
        String iss = claims.getIssuer();
        boolean certificate = !client.isAgent() && client.appId().equals(iss) && client.appId().equals(claims.getSubject());
        if (!certificate) {
            // Federated assertions and T1: RS256 only, as the workload identity federation document says.
            AssertionChecks.requireAlgorithm(jwt, true, Set.of(JWSAlgorithm.RS256));
        }
        if (client.isAgent()) {
            new AgentCredentialCheck(clock).checkT1(tenant, client.agent(), jwt, claims);
        } else if (certificate) {
            checkCertificateAssertion(tenantSegment, client.blueprint(), jwt, claims);
        } else {
            federated.check(client.blueprint(), jwt, claims);
        }
    }

    private void checkCertificateAssertion(String tenantSegment, BlueprintApp blueprint, SignedJWT jwt,
                                           JWTClaimsSet claims) {
        Base64URL x5t = jwt.getHeader().getX509CertThumbprint();
        Base64URL x5t256 = jwt.getHeader().getX509CertSHA256Thumbprint();
        List<X509Certificate> candidates = blueprint.certificates().stream()
                .filter(c -> (x5t == null && x5t256 == null)
                        || (x5t != null && Arrays.equals(x5t.decode(), thumbprint(c, "SHA-1")))
                        || (x5t256 != null && Arrays.equals(x5t256.decode(), thumbprint(c, "SHA-256"))))
                .toList();
        if (candidates.isEmpty()) {
            throw EntraError.invalidClient(700027, "The certificate with identifier used to sign the client assertion is"
                    + " not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '"
                    + (x5t != null ? x5t : x5t256) + "'. Please visit the Azure Portal, Graph Explorer or directly use"
                    + " MS Graph to see configured keys for app Id '" + blueprint.appId() + "'.]");
        }
        if (candidates.stream().noneMatch(c -> AssertionChecks.verifies(jwt, (RSAPublicKey) c.getPublicKey()))) {
            throw EntraError.invalidClient(700027, "Client assertion failed signature validation.");
        }
        String expectedAudience = EntraEmulator.PUBLIC_AUTHORITY_HOST + "/" + tenantSegment + "/oauth2/v2.0/token";
        List<String> aud = claims.getAudience();
        if (aud == null || !aud.contains(expectedAudience)) {
            throw EntraError.invalidClient(50013, "Assertion failed signature validation. [Reason - The audience of the"
                    + " client assertion is '" + AssertionChecks.audience(claims) + "'; it must be the token endpoint '"
                    + expectedAudience + "'.]");
        }
        Instant now = clock.instant();
        if (!AssertionChecks.withinValidity(claims, now)) {
            throw AssertionChecks.outsideValidity(claims, now);
        }
    }

    private static byte[] thumbprint(X509Certificate certificate, String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm).digest(certificate.getEncoded());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot compute a certificate thumbprint", e);
        }
    }
}
