package dev.entrabridge.inbound;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.entrabridge.inbound.CallerAuthenticationException.Reason;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The checks on a signature-verified token's claims: lifetime within the skew, and audience. */
final class ClaimChecks {

    private ClaimChecks() {
    }

    static void lifetime(JWTClaimsSet claims, Instant now, Duration skew) {
        if (claims.getExpirationTime() == null) {
            throw CallerAuthenticationException.refused(Reason.MISSING_CLAIM,
                    "the token has no 'exp' claim; tokens without expiry are refused");
        }
        Instant exp = claims.getExpirationTime().toInstant();
        if (now.isAfter(exp.plus(skew))) {
            throw CallerAuthenticationException.refused(Reason.EXPIRED, "the token expired at " + exp + " ("
                    + Duration.between(exp, now).toSeconds() + " s ago); obtain a fresh token from your identity provider");
        }
        if (claims.getNotBeforeTime() != null) {
            Instant nbf = claims.getNotBeforeTime().toInstant();
            if (now.plus(skew).isBefore(nbf)) {
                throw CallerAuthenticationException.refused(Reason.NOT_YET_VALID, "the token is not valid before " + nbf
                        + "; check the clocks of the caller's issuer and of this host");
            }
        }
    }

    static void audience(JWTClaimsSet claims, TrustedIssuer issuer) {
        List<String> aud = claims.getAudience();
        for (String a : aud) {
            if (issuer.audiences().contains(a)) {
                return;
            }
        }
        List<String> shown = new ArrayList<>();
        aud.forEach(a -> shown.add(printable(a)));
        throw CallerAuthenticationException.refused(Reason.WRONG_AUDIENCE, "the token's audience " + shown
                + " is not the expected " + issuer.audiences() + " for issuer " + issuer.issuer()
                + "; request the token for that audience");
    }

    /** Claim values come from an unverified token: keep them short and on one line in messages. */
    static String printable(String value) {
        String flat = value.replaceAll("[\\p{Cntrl}]", "?");
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }
}
