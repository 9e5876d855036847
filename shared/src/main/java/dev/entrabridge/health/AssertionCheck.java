package dev.entrabridge.health;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.entrabridge.token.AgentTokenException;
import dev.entrabridge.token.Diagnosis;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Mints an assertion from the configured credential source and reports its {@code iss},
 * {@code sub}, {@code aud} and {@code exp}: exactly the values the blueprint's federated identity
 * credential must hold. The assertion itself is parsed (not verified) and dropped.
 */
final class AssertionCheck implements HealthCheck {

    private final String sourceKind;
    private final Supplier<String> minter;
    private final String exchangeAudience;

    /**
     * @param sourceKind       the credential source's name, for the report
     * @param minter           mints a fresh assertion (throws {@link AgentTokenException} with a diagnosis)
     * @param exchangeAudience {@code api://AzureADTokenExchange} (or the sovereign-cloud variant)
     */
    AssertionCheck(String sourceKind, Supplier<String> minter, String exchangeAudience) {
        this.sourceKind = sourceKind;
        this.minter = minter;
        this.exchangeAudience = exchangeAudience;
    }

    @Override
    public String name() {
        return "assertion";
    }

    @Override
    public Finding run(CheckContext context) {
        Finding finding = new Finding().evidence("source", sourceKind);
        String assertion;
        try {
            assertion = minter.get();
        } catch (AgentTokenException e) {
            return finding.fail("The credential source could not mint an assertion.", e.diagnosis());
        }
        JWTClaimsSet claims;
        String kid;
        try {
            SignedJWT jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
            kid = jwt.getHeader().getKeyID();
        } catch (ParseException e) {
            return finding.fail("The credential source returned something that is not a signed JWT.",
                    new Diagnosis(Diagnosis.Category.CREDENTIAL, "BRIDGE_ASSERTION_NOT_JWT",
                            "The assertion from '" + sourceKind + "' is not a signed JWT.",
                            "Point the credential source at an OIDC token (e.g. the projected service-account"
                                    + " token file), not at a secret or an opaque token."));
        }
        Instant expiresAt = claims.getExpirationTime() == null ? null : claims.getExpirationTime().toInstant();
        List<String> audiences = claims.getAudience() == null ? List.of() : claims.getAudience();
        AssertionIdentity identity = new AssertionIdentity(String.valueOf(claims.getIssuer()),
                String.valueOf(claims.getSubject()), audiences, kid, expiresAt);
        context.put(HealthFacts.ASSERTION, identity);
        finding.evidence("iss", identity.issuer())
                .evidence("sub", identity.subject())
                .evidence("aud", String.join(" ", audiences))
                .evidence("exp", expiresAt == null ? "none" : expiresAt.toString())
                .evidence("kid", kid == null ? "none" : kid)
                .evidence("ficIssuer", identity.issuer())
                .evidence("ficSubject", identity.subject())
                .evidence("ficAudience", exchangeAudience);
        if (!audiences.contains(exchangeAudience)) {
            return finding.fail("The assertion's audience is not " + exchangeAudience + ".",
                    new Diagnosis(Diagnosis.Category.CONFIGURATION, "BRIDGE_ASSERTION_AUDIENCE",
                            "The assertion is for " + audiences + ", but Entra only accepts " + exchangeAudience + ".",
                            "Request the assertion with audience " + exchangeAudience + " (STS Audience,"
                                    + " projected token audience, or metadata ?audience=)."));
        }
        Instant now = context.clock().instant();
        if (expiresAt == null || !expiresAt.isAfter(now)) {
            return finding.fail("The freshly minted assertion is already expired.",
                    new Diagnosis(Diagnosis.Category.CREDENTIAL, "AADSTS700024",
                            "The assertion's exp (" + expiresAt + ") is not after the local time (" + now + ").",
                            "Check the local clock and, for a token file, that it is being refreshed."));
        }
        if (Duration.between(now, expiresAt).compareTo(Duration.ofMinutes(1)) < 0) {
            return finding.warn("The minted assertion expires in under a minute.",
                    new Diagnosis(Diagnosis.Category.CREDENTIAL, "BRIDGE_ASSERTION_SHORT_LIVED",
                            "The assertion is valid for less than a minute after minting.",
                            "Refresh the token file earlier or raise the STS DurationSeconds."));
        }
        return finding.pass("Minted an assertion from " + sourceKind + "; the FIC must hold the iss, sub and aud shown.");
    }
}
