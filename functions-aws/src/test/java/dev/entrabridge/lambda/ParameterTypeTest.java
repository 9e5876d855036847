package dev.entrabridge.lambda;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParameterTypeTest {

    @Test
    void convertsEachTypeFromBedrocksText() {
        assertThat(ParameterType.STRING.convert("a", "p", "  Adele ")).isEqualTo("Adele");
        assertThat(ParameterType.INTEGER.convert("a", "p", "5")).isEqualTo(5);
        assertThat(ParameterType.INTEGER.convert("a", "p", "-12")).isEqualTo(-12);
        assertThat(ParameterType.NUMBER.convert("a", "p", "2.50")).isEqualTo(new BigDecimal("2.50"));
        assertThat(ParameterType.NUMBER.convert("a", "p", "1e3")).isEqualTo(new BigDecimal("1e3"));
        assertThat(ParameterType.BOOLEAN.convert("a", "p", "TRUE")).isEqualTo(true);
        assertThat(ParameterType.BOOLEAN.convert("a", "p", "false")).isEqualTo(false);
    }

    @Test
    void readsArraysInEachFormBedrockWrites() {
        assertThat(ParameterType.ARRAY.convert("a", "to", "[\"x@contoso.com\", \"y@contoso.com\"]"))
                .isEqualTo(List.of("x@contoso.com", "y@contoso.com"));
        assertThat(ParameterType.ARRAY.convert("a", "to", "[x@contoso.com, y@contoso.com]"))
                .isEqualTo(List.of("x@contoso.com", "y@contoso.com"));
        assertThat(ParameterType.ARRAY.convert("a", "to", "x@contoso.com,'y@contoso.com'"))
                .isEqualTo(List.of("x@contoso.com", "y@contoso.com"));
        assertThat(ParameterType.ARRAY.convert("a", "to", "[]")).isEqualTo(List.of());
    }

    @Test
    void refusesTextThatIsNotOfTheTypeSayingWhatWasExpected() {
        assertThatThrownBy(() -> ParameterType.INTEGER.convert("searchUsers", "top", "five"))
                .isInstanceOfSatisfying(ActionRefusal.class, e -> {
                    assertThat(e.diagnosis().code()).isEqualTo("BEDROCK_INVALID_PARAMETER");
                    assertThat(e.diagnosis().cause())
                            .isEqualTo("The parameter top of searchUsers must be a whole number such as 5, not 'five'.");
                    assertThat(e.diagnosis().remedy()).isEqualTo("Call searchUsers again with top as a whole number such as 5.");
                });
        for (String notAnInteger : List.of("5.0", "1e2", "9999999999", "")) {
            assertThatThrownBy(() -> ParameterType.INTEGER.convert("a", "top", notAnInteger)).isInstanceOf(ActionRefusal.class);
        }
        for (String notANumber : List.of("NaN", "Infinity", "0x10", "1,5")) {
            assertThatThrownBy(() -> ParameterType.NUMBER.convert("a", "n", notANumber)).isInstanceOf(ActionRefusal.class);
        }
        assertThatThrownBy(() -> ParameterType.BOOLEAN.convert("sendMail", "html", "yes"))
                .hasMessageContaining("must be true or false, not 'yes'");
        assertThatThrownBy(() -> ParameterType.ARRAY.convert("a", "to", "[{\"nested\":1}]"))
                .hasMessageContaining("not a plain value");
    }

    @Test
    void neverEchoesALongOrMultiLineValue() {
        String pasted = "eyJ" + "a".repeat(200);

        assertThatThrownBy(() -> ParameterType.INTEGER.convert("a", "top", pasted))
                .isInstanceOfSatisfying(ActionRefusal.class, e -> assertThat(e.diagnosis().cause())
                        .contains("(a value of 203 characters)").doesNotContain("eyJ"));
        assertThatThrownBy(() -> ParameterType.BOOLEAN.convert("a", "b", "tr\nue")).hasMessageContaining("characters)");
    }

    @Test
    void capsSizes() {
        assertThatThrownBy(() -> ParameterType.STRING.convert("a", "body", "x".repeat(ParameterType.MAX_CHARS + 1)))
                .hasMessageContaining("characters long");
        String many = String.join(",", java.util.Collections.nCopies(ParameterType.MAX_ITEMS + 1, "x@contoso.com"));
        assertThatThrownBy(() -> ParameterType.ARRAY.convert("a", "to", many)).hasMessageContaining("items");
    }

    @Test
    void knowsTheSchemaNames() {
        for (ParameterType type : ParameterType.values()) {
            assertThat(ParameterType.ofSchemaName(type.schemaName())).isSameAs(type);
        }
        assertThatThrownBy(() -> ParameterType.ofSchemaName("object")).isInstanceOf(IllegalArgumentException.class);
    }
}
