package dev.entrabridge.emulator.sts;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.entrabridge.emulator.http.EmulatorResponse;
import dev.entrabridge.emulator.http.EmulatorServer;
import dev.entrabridge.emulator.http.Faults;
import dev.entrabridge.emulator.http.RecordedRequest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AWS STS {@code GetWebIdentityToken} (IAM outbound identity federation) on loopback: the Query
 * protocol on a plain-HTTP {@link #endpoint()} with real SigV4 verification, and the account's
 * token issuer (discovery + JWKS) over HTTPS at {@link #issuer()}.
 */
public final class StsEmulator implements AutoCloseable {


    private final Clock clock;
    private final String region;
    private final EmulatorServer api;
    private final EmulatorServer issuerServer;
    private final String issuerPath = "/" + UUID.randomUUID();
    private final Map<String, StsPrincipal> principals = new ConcurrentHashMap<>();
    private final OutboundTokenSigner signer = new OutboundTokenSigner();
    private final SigV4Verifier verifier;
    private volatile boolean federationEnabled = true;
    private volatile int maxPayloadBytes = 4096;

    private StsEmulator(Clock clock, String region) {
        this.clock = clock;
        this.region = region;
        this.verifier = new SigV4Verifier("sts", region, principals::get);
        this.api = EmulatorServer.http("sts", clock).route("/", this::query).start();
        this.issuerServer = EmulatorServer.https("sts-issuer", clock)
                .route(issuerPath + "/.well-known/openid-configuration", r -> EmulatorResponse.json(200,
                        discovery()))
                .route(issuerPath + "/.well-known/jwks.json", r -> EmulatorResponse.json(200, signer.jwks()))
                .start();
    }

    /** Starts a regional STS endpoint for {@code region} (the SigV4 scope clients must sign for). */
    public static StsEmulator start(Clock clock, String region) {
        return new StsEmulator(clock, region);
    }

    /** Starts {@code us-east-1}. */
    public static StsEmulator start(Clock clock) {
        return start(clock, "us-east-1");
    }

    /** Registers (or replaces) a caller by its access key id. */
    public StsEmulator addPrincipal(StsPrincipal principal) {
        principals.put(principal.accessKeyId(), principal);
        return this;
    }

    /** The account feature switch ({@code aws iam enable-outbound-web-identity-federation}). */
    public StsEmulator outboundFederationEnabled(boolean enabled) {
        this.federationEnabled = enabled;
        return this;
    }

    /** Tokens whose claims exceed this many bytes are refused with JWTPayloadSizeExceededException. */
    public StsEmulator maxPayloadBytes(int bytes) {
        this.maxPayloadBytes = bytes;
        return this;
    }

    /** The SDK's {@code endpointOverride}, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return api.baseUrl();
    }

    /** The account's outbound issuer: the {@code iss} of every token (no trailing slash). */
    public String issuer() {
        return issuerServer.baseUrl() + issuerPath;
    }

    public URI jwksUri() {
        return URI.create(issuer() + "/.well-known/jwks.json");
    }

    /** Rolls both signing keys; the JWKS keeps publishing the previous ones. */
    public void rotateKey() {
        signer.rotate();
    }

    /** The {@code kid} new tokens signed with {@code algorithm} (RS256 or ES384) carry. */
    public String currentKeyId(String algorithm) {
        return signer.currentKeyId(algorithm);
    }

    public List<RecordedRequest> requests() {
        return api.requests();
    }

    public Faults faults() {
        return api.faults();
    }

    public Faults issuerFaults() {
        return issuerServer.faults();
    }

    @Override
    public void close() {
        api.close();
        issuerServer.close();
    }

    private EmulatorResponse query(RecordedRequest request) {
        String requestId = UUID.randomUUID().toString();
        try {
            if (!"POST".equals(request.method()) && !"GET".equals(request.method())) {
                throw new StsError(400, "InvalidAction", "STS accepts POST / with a form body");
            }
            StsPrincipal caller = verifier.verify(request, clock.instant());
            Map<String, List<String>> params = "POST".equals(request.method()) ? request.form() : request.query();
            String action = params.getOrDefault("Action", List.of("")).get(0);
            if (!"GetWebIdentityToken".equals(action)) {
                throw new StsError(400, "InvalidAction", "Could not find operation " + action
                        + " for version " + params.getOrDefault("Version", List.of("")).get(0));
            }
            return getWebIdentityToken(caller, WebIdentityTokenRequest.parse(params), requestId);
        } catch (StsError e) {
            return QueryResponses.error(e, requestId);
        }
    }

    private EmulatorResponse getWebIdentityToken(StsPrincipal caller, WebIdentityTokenRequest request,
                                                 String requestId) throws StsError {
        if (!federationEnabled) {
            throw new StsError(403, "OutboundWebIdentityFederationDisabledException",
                    "Outbound web identity federation is not enabled for this account.");
        }
        String violation = caller.policy().violation(request.audiences(), request.durationSeconds(),
                request.signingAlgorithm(), !request.requestTags().isEmpty());
        if (violation != null) {
            throw new StsError(403, "AccessDenied", "User: " + caller.roleArn() + " is not authorized to perform: "
                    + "sts:GetWebIdentityToken because " + violation);
        }
        if (request.originSubject() && caller.originIdentityIfAny().isEmpty()) {
            throw StsError.validation("SubjectMode " + WebIdentityTokenRequest.ORIGIN_IDENTITY + " requires a session"
                    + " with a trusted identity propagation context; the calling session of " + caller.roleArn()
                    + " has none.");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiry = now.plusSeconds(request.durationSeconds());
        if (caller.sessionExpiryIfAny().filter(expiry::isAfter).isPresent()) {
            throw new StsError(403, "SessionDurationEscalationException", "The requested DurationSeconds "
                    + request.durationSeconds() + " exceeds the remaining duration of the caller's session; "
                    + "request a shorter token or refresh the session credentials.");
        }
        JWTClaimsSet claims = claims(caller, request, now, expiry);
        if (claims.toString().getBytes(StandardCharsets.UTF_8).length > maxPayloadBytes) {
            throw new StsError(400, "JWTPayloadSizeExceededException", "The JWT payload exceeds the maximum "
                    + "allowed size of " + maxPayloadBytes + " bytes; send fewer or shorter tags.");
        }
        String token = signer.sign(claims, request.signingAlgorithm());
        return QueryResponses.webIdentityToken(token, expiry, requestId);
    }

    private JWTClaimsSet claims(StsPrincipal caller, WebIdentityTokenRequest request, Instant now, Instant expiry) {
        Map<String, Object> aws = new LinkedHashMap<>();
        aws.put("aws_account", caller.accountId());
        aws.put("source_region", caller.region());
        aws.put("principal_id", caller.roleArn());
        aws.put("principal_tags", caller.principalTags());
        if (caller.lambdaSourceFunctionArn() != null) {
            aws.put("lambda_source_function_arn", caller.lambdaSourceFunctionArn());
        }
        if (!request.requestTags().isEmpty()) {
            aws.put("request_tags", request.requestTags());
        }
        caller.sessionExpiryIfAny().ifPresent(exp -> aws.put("original_session_exp",
                QueryResponses.EXPIRATION.format(exp)));
        // principal_id names the requesting role whichever subject mode selected sub.
        String subject = request.originSubject() ? caller.originIdentityIfAny().orElseThrow().subject()
                : caller.roleArn();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiry))
                .jwtID(UUID.randomUUID().toString())
                .claim("https://sts.amazonaws.com/", aws);
        if (request.scope() != null) {
            claims.claim("scope", request.scope());
        }
        if (request.audiences().size() == 1) {
            claims.audience(request.audiences().get(0));
        } else {
            claims.audience(request.audiences());
        }
        return claims.build();
    }

    private String discovery() {
        String iss = issuer();
        return "{\"issuer\":\"" + iss + "\",\"jwks_uri\":\"" + iss + "/.well-known/jwks.json\","
                + "\"response_types_supported\":[\"id_token\"],\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\",\"ES384\"]}";
    }

    @Override
    public String toString() {
        return "STS emulator at " + endpoint() + " (issuer " + issuer() + ")";
    }
}
