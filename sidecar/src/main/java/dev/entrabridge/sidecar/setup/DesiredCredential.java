package dev.entrabridge.sidecar.setup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A federated identity credential the deployment needs on the blueprint: one workload identity (an AWS
 * execution role, an Azure user-assigned identity, a Kubernetes service account) that may sign in as it.
 *
 * @param name     deterministic: {@code eab-<kind>-<readable part>-<8 hex of SHA-256(issuer, subject)>}, so the
 *                 same inputs always name the same credential and a rerun finds it
 * @param issuer   the exact {@code iss} of the workload's token
 * @param subject  the exact {@code sub} of the workload's token
 * @param audience the cloud's token-exchange audience, e.g. {@code api://AzureADTokenExchange}
 * @param origin   what it stands for, for the printed plan ("AWS role …")
 */
public record DesiredCredential(String name, String issuer, String subject, String audience, String origin) {

    /** Entra's limit on a credential's name; the readable part is cut so every name stays well inside it. */
    static final int MAX_NAME = 120;
    private static final int MAX_READABLE = 60;

    static DesiredCredential of(String kind, String readable, String issuer, String subject, String audience,
                                String origin) {
        String slug = readable.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > MAX_READABLE) {
            slug = slug.substring(0, MAX_READABLE).replaceAll("-+$", "");
        }
        String name = "eab-" + kind + "-" + (slug.isEmpty() ? "" : slug + "-") + digest(issuer + "\n" + subject);
        return new DesiredCredential(name, issuer, subject, audience, origin);
    }

    /** Whether an existing credential trusts the same workload (issuer and subject compare exactly, as Entra does). */
    boolean sameWorkload(ExistingCredential existing) {
        return issuer.equals(existing.issuer()) && subject.equals(existing.subject());
    }

    private static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
