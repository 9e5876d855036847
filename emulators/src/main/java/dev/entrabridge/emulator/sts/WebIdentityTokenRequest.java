package dev.entrabridge.emulator.sts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated parameters of one {@code GetWebIdentityToken} call, parsed from the Query-protocol
 * form with the limits AWS documents.
 */
record WebIdentityTokenRequest(List<String> audiences, String signingAlgorithm, int durationSeconds,
                               Map<String, String> requestTags, String subjectMode, String scope) {

    static final String AWS_IDENTITY = "AwsIdentity";
    static final String ORIGIN_IDENTITY = "OriginIdentity";

    private static final int MAX_AUDIENCES = 10;
    private static final int MAX_AUDIENCE_LENGTH = 1000;
    private static final int MAX_TAGS = 50;

    static WebIdentityTokenRequest parse(Map<String, List<String>> form) throws StsError {
        List<String> audiences = new ArrayList<>();
        for (int i = 1; form.containsKey("Audience.member." + i); i++) {
            audiences.add(first(form, "Audience.member." + i));
        }
        if (audiences.isEmpty()) {
            throw StsError.validation("1 validation error detected: Value null at 'audience' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        if (audiences.size() > MAX_AUDIENCES) {
            throw StsError.validation("1 validation error detected: Value at 'audience' failed to satisfy "
                    + "constraint: Member must have length less than or equal to " + MAX_AUDIENCES);
        }
        for (String audience : audiences) {
            if (audience.isEmpty() || audience.length() > MAX_AUDIENCE_LENGTH) {
                throw StsError.validation("1 validation error detected: Value at 'audience' failed to satisfy "
                        + "constraint: Member must have length between 1 and " + MAX_AUDIENCE_LENGTH);
            }
        }
        String algorithm = first(form, "SigningAlgorithm");
        if (algorithm == null) {
            throw StsError.validation("1 validation error detected: Value null at 'signingAlgorithm' failed to "
                    + "satisfy constraint: Member must not be null");
        }
        if (!"RS256".equals(algorithm) && !"ES384".equals(algorithm)) {
            throw StsError.validation("1 validation error detected: Value '" + algorithm + "' at "
                    + "'signingAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[RS256, ES384]");
        }
        int duration = duration(first(form, "DurationSeconds"));
        String subjectMode = first(form, "SubjectMode");
        if (subjectMode != null && !AWS_IDENTITY.equals(subjectMode) && !ORIGIN_IDENTITY.equals(subjectMode)) {
            throw StsError.validation("1 validation error detected: Value '" + subjectMode + "' at 'subjectMode' "
                    + "failed to satisfy constraint: Member must satisfy enum value set: [" + AWS_IDENTITY + ", "
                    + ORIGIN_IDENTITY + "]");
        }
        String scope = first(form, "Scope");
        if (scope != null && !ORIGIN_IDENTITY.equals(subjectMode)) {
            throw StsError.validation("Scope is valid only with SubjectMode " + ORIGIN_IDENTITY + ".");
        }
        return new WebIdentityTokenRequest(List.copyOf(audiences), algorithm, duration, tags(form),
                subjectMode == null ? AWS_IDENTITY : subjectMode, scope);
    }

    boolean originSubject() {
        return ORIGIN_IDENTITY.equals(subjectMode);
    }

    private static int duration(String raw) throws StsError {
        if (raw == null) {
            return 300;
        }
        int value;
        try {
            value = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw StsError.validation("1 validation error detected: Value '" + raw + "' at 'durationSeconds' "
                    + "failed to satisfy constraint: Member must be an integer");
        }
        if (value < 60) {
            throw StsError.validation("1 validation error detected: Value '" + value + "' at 'durationSeconds' "
                    + "failed to satisfy constraint: Member must have value greater than or equal to 60");
        }
        if (value > 3600) {
            throw StsError.validation("1 validation error detected: Value '" + value + "' at 'durationSeconds' "
                    + "failed to satisfy constraint: Member must have value less than or equal to 3600");
        }
        return value;
    }

    private static Map<String, String> tags(Map<String, List<String>> form) throws StsError {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 1; form.containsKey("Tags.member." + i + ".Key"); i++) {
            String key = first(form, "Tags.member." + i + ".Key");
            String value = first(form, "Tags.member." + i + ".Value");
            if (key.isEmpty() || key.length() > 128 || (value != null && value.length() > 256)) {
                throw StsError.validation("1 validation error detected: Value at 'tags." + i + "' failed to "
                        + "satisfy constraint: Key must be 1-128 characters and Value at most 256");
            }
            tags.put(key, value == null ? "" : value);
        }
        if (tags.size() > MAX_TAGS) {
            throw StsError.validation("1 validation error detected: Value at 'tags' failed to satisfy "
                    + "constraint: Member must have length less than or equal to " + MAX_TAGS);
        }
        return tags;
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
