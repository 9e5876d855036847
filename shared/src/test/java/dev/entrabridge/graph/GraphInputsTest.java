package dev.entrabridge.graph;

import dev.entrabridge.token.Diagnosis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The records validate what a model or a form sends before anything reaches Graph. */
class GraphInputsTest {

    @ParameterizedTest
    @ValueSource(strings = {"AdeleV@contoso.com", "o'brien@contoso.com", "john_fabrikam.com#EXT#@contoso.onmicrosoft.com",
            "a.b-c~d!e^f@sub.contoso.co.uk", "5E6F7A8B-9C0D-4E1F-8A2B-3C4D5E6F7A81"})
    void acceptsUpnsAndObjectIds(String user) {
        assertThat(UserLookup.of(user).user()).isEqualToIgnoringCase(user);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Adele Vance", "../applications", "adele@contoso.com/../../me", "adele@contoso.com?$select=x",
            "adele@", "@contoso.com", ".adele@contoso.com", "adele@contoso", "adele%40contoso.com", "$adele@contoso.com",
            "adele@contoso.com\r\nHost: evil"})
    void refusesWhatCannotBeAUser(String user) {
        GraphException e = catchThrowableOfType(() -> UserLookup.of(user), GraphException.class);

        assertThat(e.diagnosis().category()).isEqualTo(Diagnosis.Category.CALLER);
        assertThat(e.diagnosis().code()).isEqualTo("GRAPH_INVALID_INPUT");
        assertThat(e.diagnosis().cause()).startsWith("user ");
        assertThat(e.diagnosis().remedy()).contains("AdeleV@contoso.com");
    }

    @Test
    void aUserBecomesOneEncodedPathSegment() {
        assertThat(UserRef.pathSegment("john_fabrikam.com#EXT#@contoso.onmicrosoft.com"))
                .isEqualTo("john_fabrikam.com%23EXT%23@contoso.onmicrosoft.com");
        assertThat(UserRef.pathSegment("o'brien@contoso.com")).isEqualTo("o%27brien@contoso.com");
    }

    @Test
    void selectIsBoundedToKnownFieldsInTheirGraphSpelling() {
        assertThat(new UserLookup("AdeleV@contoso.com", List.of("DISPLAYNAME", "jobtitle", "displayName")).select())
                .containsExactly("displayName", "jobTitle");
        assertThat(UserLookup.of("AdeleV@contoso.com").select()).isEqualTo(UserLookup.DEFAULT_FIELDS);

        GraphException e = catchThrowableOfType(() -> new UserLookup("AdeleV@contoso.com", List.of("passwordProfile")),
                GraphException.class);
        assertThat(e.diagnosis().cause()).isEqualTo("select names 'passwordProfile', which is not a property it may select");
        assertThat(e.diagnosis().remedy()).contains("displayName", "jobTitle");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Adele", "adele.v@", "O'Brien", "Zoë", "José María", "R&D", "a+b", "李"})
    void acceptsNameAndMailPrefixes(String prefix) {
        assertThat(UserSearch.of(prefix).prefix()).isEqualTo(prefix);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a') or startswith(mail,'", "x\"", "*", "a,b", "(", "%27", "a/b", "a\\b", "'", "  ", "a\tb",
            "0123456789012345678901234567890123456789012345678901234567890123456789"})
    void refusesWhatCannotBeANamePrefix(String prefix) {
        GraphException e = catchThrowableOfType(() -> UserSearch.of(prefix), GraphException.class);

        assertThat(e.diagnosis().code()).isEqualTo("GRAPH_INVALID_INPUT");
        assertThat(e.diagnosis().cause()).startsWith("prefix ");
    }

    @Test
    void odataLiteralsDoubleSingleQuotesAndValuesArePercentEncoded() {
        String filter = "startswith(displayName," + GraphQuery.literal("O'Brien & Co") + ")";

        assertThat(filter).isEqualTo("startswith(displayName,'O''Brien & Co')");
        assertThat(new GraphQuery("/v1.0/users").param("$filter", filter).param("$top", "5").toString())
                .isEqualTo("/v1.0/users?$filter=startswith%28displayName%2C%27O%27%27Brien%20%26%20Co%27%29&$top=5");
        assertThat(GraphQuery.encode("Zoë+~*")).isEqualTo("Zo%C3%AB%2B~%2A");
    }

    @Test
    void calendarWindowsParseIsoTimesAndWholeDays() {
        CalendarQuery zoned = CalendarQuery.parse("AdeleV@contoso.com", "2026-01-15T09:00:00+02:00", "2026-01-15T18:00Z");
        CalendarQuery day = CalendarQuery.parse("AdeleV@contoso.com", "2026-01-15", "2026-01-15");

        assertThat(zoned.start()).isEqualTo(Instant.parse("2026-01-15T07:00:00Z"));
        assertThat(zoned.end()).isEqualTo(Instant.parse("2026-01-15T18:00:00Z"));
        assertThat(day.start()).isEqualTo(Instant.parse("2026-01-15T00:00:00Z"));
        assertThat(day.end()).isEqualTo(Instant.parse("2026-01-16T00:00:00Z"));
    }

    @Test
    void calendarWindowsAreRefusedWhenMalformedBackwardsOrTooLong() {
        assertThat(refusal(() -> CalendarQuery.parse("AdeleV@contoso.com", "2026-01-15T09:00:00", "2026-01-16")))
                .contains("start '2026-01-15T09:00:00' is not an ISO-8601 date-time with a time zone");
        assertThat(refusal(() -> CalendarQuery.parse("AdeleV@contoso.com", "tomorrow", "2026-01-16"))).startsWith("start ");
        assertThat(refusal(() -> CalendarQuery.parse("AdeleV@contoso.com", "2026-01-16T00:00:00Z", "2026-01-15T00:00:00Z")))
                .contains("is not after start");
        assertThat(refusal(() -> CalendarQuery.parse("AdeleV@contoso.com", "2026-01-01", "2026-03-01")))
                .isEqualTo("end is more than 31 days after start");
        assertThat(refusal(() -> CalendarQuery.parse("AdeleV@contoso.com", "2026-01-15", null))).isEqualTo("end is missing");
    }

    @Test
    void mailIsBoundedAndAddressesChecked() {
        MailMessage m = MailMessage.text("AdeleV@contoso.com", List.of("AlexW@contoso.com", "alexw@contoso.com", " lee@contoso.com"),
                "Lunch", "Line 1\nLine 2");

        assertThat(m.to()).containsExactly("AlexW@contoso.com", "lee@contoso.com");
        assertThat(refusal(() -> MailMessage.text("AdeleV@contoso.com", List.of(), "s", "b"))).isEqualTo("to is missing");
        assertThat(refusal(() -> MailMessage.text("AdeleV@contoso.com", List.of("not an address"), "s", "b")))
                .isEqualTo("to has 'not an address', which is not an email address");
        assertThat(refusal(() -> MailMessage.text("AdeleV@contoso.com", Collections.nCopies(11, "a@contoso.com"), "s", "b")))
                .isEqualTo("to has 11 recipients");
        assertThat(refusal(() -> MailMessage.text("AdeleV@contoso.com", List.of("a@contoso.com"), "two\nlines", "b")))
                .startsWith("subject ");
        assertThat(refusal(() -> MailMessage.text("AdeleV@contoso.com", List.of("a@contoso.com"), "s", "x".repeat(40_000))))
                .startsWith("body ");
        assertThat(refusal(() -> MailMessage.text("Adele", List.of("a@contoso.com"), "s", "b"))).startsWith("from ");
    }

    @Test
    void aLongOrUnprintableValueIsNeverEchoed() {
        String pasted = "eyJ" + "a".repeat(200) + ".b.c";

        assertThat(refusal(() -> UserLookup.of(pasted))).contains("(a value of 207 characters)").doesNotContain("eyJ");
        assertThat(refusal(() -> UserSearch.of("a\u0000b"))).doesNotContain("\u0000");
    }

    private static String refusal(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        return catchThrowableOfType(call, GraphException.class).diagnosis().cause();
    }
}
