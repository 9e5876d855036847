package dev.entrabridge.lambda;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActionArgumentsTest {

    private static final GraphAction CALENDAR = GraphActions.byFunction("calendarView").orElseThrow();

    @Test
    void convertsEachDeclaredParameterByItsType() {
        ActionArguments args = ActionArguments.bind(CALENDAR, List.of(value("user", "alice@contoso.com"),
                value("start", "2026-01-15"), value("end", "2026-01-16"), value("top", "7")));

        assertThat(args.text("user")).isEqualTo("alice@contoso.com");
        assertThat(args.integer("top", 0)).isEqualTo(7);
    }

    @Test
    void anOptionalParameterLeftOutOrBlankIsAbsent() {
        ActionArguments args = ActionArguments.bind(CALENDAR, List.of(value("user", "alice@contoso.com"),
                value("start", "2026-01-15"), value("end", "2026-01-16"), value("top", "  ")));

        assertThat(args.integer("top", 0)).isZero();
    }

    @Test
    void aRequiredParameterLeftOutIsNamed() {
        assertThatThrownBy(() -> ActionArguments.bind(CALENDAR, List.of(value("user", "alice@contoso.com"),
                value("start", "2026-01-15"), value("end", ""))))
                .isInstanceOfSatisfying(ActionRefusal.class, e -> {
                    assertThat(e.diagnosis().code()).isEqualTo("BEDROCK_MISSING_PARAMETER");
                    assertThat(e.diagnosis().cause()).isEqualTo("calendarView needs the parameter end (string), which was not given.");
                });
    }

    @Test
    void anUndeclaredOrRepeatedParameterIsRefused() {
        assertThatThrownBy(() -> ActionArguments.bind(CALENDAR, List.of(value("user", "a@contoso.com"), value("tenant", "x"))))
                .isInstanceOfSatisfying(ActionRefusal.class, e -> {
                    assertThat(e.diagnosis().code()).isEqualTo("BEDROCK_UNKNOWN_PARAMETER");
                    assertThat(e.diagnosis().remedy()).contains("user, start, end, top");
                });
        assertThatThrownBy(() -> ActionArguments.bind(CALENDAR, List.of(value("user", "a@contoso.com"),
                value("user", "b@contoso.com")))).hasMessageContaining("given more than once");
    }

    private static BedrockEvent.Value value(String name, String value) {
        return new BedrockEvent.Value(name, "string", value);
    }
}
