package dev.entrabridge.entra;

import java.util.Set;

/**
 * The AADSTS codes Entra answers both when no federated identity credential of the blueprint matches
 * the assertion and, for a few minutes after a FIC is created, while it propagates. The one list:
 * the error catalog classifies by it and the health check's exchange retries by it.
 */
public final class FicPropagation {

    private static final Set<Long> CODES = Set.of(70021L, 700211L, 700212L, 700213L, 7002137L, 7002138L);

    private FicPropagation() {
    }

    /** Whether Entra's error code {@code aadsts} (e.g. 700213) may be a FIC still propagating. */
    public static boolean isPropagationCode(long aadsts) {
        return CODES.contains(aadsts);
    }

    /** Whether a diagnosis code (e.g. {@code AADSTS700213}) may be a FIC still propagating. */
    public static boolean isPropagationCode(String diagnosisCode) {
        if (diagnosisCode == null || !diagnosisCode.startsWith("AADSTS")) {
            return false;
        }
        try {
            return isPropagationCode(Long.parseLong(diagnosisCode.substring("AADSTS".length())));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
