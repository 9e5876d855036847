package dev.entrabridge.emulator.sts;

import java.util.Objects;

/**
 * The trusted identity propagation context of a session: the end user or workload on whose behalf it
 * acts ({@code aws:OriginIdentity/Subject}, {@code …/SubjectType}, {@code …/Issuer}), which
 * {@code GetWebIdentityToken} with {@code SubjectMode=OriginIdentity} puts in {@code sub}.
 *
 * @param subject     the end user's identifier
 * @param subjectType {@code user} (a person) or {@code workload}
 * @param issuer      the issuer of the identity provider's token, without {@code https://}
 */
public record OriginIdentity(String subject, String subjectType, String issuer) {

    public OriginIdentity {
        Objects.requireNonNull(subject, "subject");
        if (!"user".equals(subjectType) && !"workload".equals(subjectType)) {
            throw new IllegalArgumentException("subjectType must be 'user' or 'workload', was " + subjectType);
        }
        Objects.requireNonNull(issuer, "issuer");
    }
}
