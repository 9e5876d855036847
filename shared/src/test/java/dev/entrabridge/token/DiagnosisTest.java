package dev.entrabridge.token;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The one table from diagnosis to HTTP status that every adapter answers with. */
class DiagnosisTest {

    @ParameterizedTest
    @CsvSource({
            "CALLER,        AADSTS500133,       400",
            "CREDENTIAL,    AADSTS7000215,      401",
            "CONFIGURATION, AADSTS70021,        401",
            "PERMISSION,    AADSTS65001,        403",
            "DENIED,        POLICY_DENIED,      403",
            "NOT_FOUND,     BRIDGE_UNKNOWN_AGENT, 404",
            "TRANSIENT,     ENTRA_HTTP_429,     429",
            "TRANSIENT,     STS_THROTTLED,      429",
            "TRANSIENT,     ENTRA_HTTP_503,     503",
            "TRANSIENT,     ENTRA_UNREACHABLE,  503",
            "BUG,           AADSTS82001,        502",
    })
    void everyCategoryHasItsStatus(Diagnosis.Category category, String code, int status) {
        assertThat(new Diagnosis(category, code, "cause.", "remedy.").httpStatus()).isEqualTo(status);
    }
}
