package dev.entrabridge.emulator.entra;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The fmi subject encoding, checked against a value Entra printed in an AADSTS7002137 text. */
class FmiSubjectTest {

    @Test
    void tenantGuidIsEncodedAsEntraDoes() {
        assertThat(FmiSubject.guid("72f988bf-86f1-41af-91ab-2d7cd011db47")).isEqualTo("v4j5cvGGr0GRqy180BHbRw");
    }

    @Test
    void subjectEndsWithTheFmiPath() {
        assertThat(FmiSubject.of("72f988bf-86f1-41af-91ab-2d7cd011db47", "72f988bf-86f1-41af-91ab-2d7cd011db47",
                "agent-app")).isEqualTo("/eid1/c/pub/t/v4j5cvGGr0GRqy180BHbRw/a/v4j5cvGGr0GRqy180BHbRw/agent-app");
    }
}
