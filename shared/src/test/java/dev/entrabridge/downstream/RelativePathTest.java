package dev.entrabridge.downstream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RelativePathTest {

    private static final List<String> ALLOWED = List.of("/v1.0/users", "/v1.0/me/", "/beta/applications");

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/downstream/bad-relative-paths.csv", delimiter = '|')
    void refusesEveryTraversalAndInjectionClass(String raw, String message) {
        DownstreamException e = catchThrowableOfType(DownstreamException.class, () -> RelativePath.parse(raw));

        assertThat(e).as("refusal of %s", raw).isNotNull();
        assertThat(e.reason()).isEqualTo(DownstreamException.Reason.BAD_PATH);
        assertThat(e.getMessage()).contains(message);
    }

    @ParameterizedTest(name = "control character {0}")
    @ValueSource(strings = {"\r", "\n", "\t", "\u0000", "\u007f"})
    void refusesControlCharacters(String c) {
        DownstreamException e = catchThrowableOfType(DownstreamException.class,
                () -> RelativePath.parse("/v1.0/users" + c + "Host: evil"));

        assertThat(e.getMessage()).contains("control character");
    }

    @Test
    void anEmptyPathIsTheBaseUrlAndAnOverlongOneIsRefused() {
        assertThat(RelativePath.parse(" ").resolveAgainst(URI.create("https://graph.microsoft.com/v1.0/")))
                .isEqualTo(URI.create("https://graph.microsoft.com/v1.0/"));
        assertThat(RelativePath.parse(null).path()).isEqualTo("/");
        assertThat(catchThrowableOfType(DownstreamException.class,
                () -> RelativePath.parse("/v1.0/users/" + "a".repeat(2048))).getMessage()).contains("longer than 2048");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/v1.0/users                                   | /v1.0/users            | ''",
            "v1.0/users                                    | /v1.0/users            | ''",
            "/v1.0/users/adele%40contoso.com               | /v1.0/users/adele%40contoso.com | ''",
            "/v1.0/users/adele@contoso.com                 | /v1.0/users/adele@contoso.com | ''",
            "/v1.0/users?$top=5&$select=displayName,mail   | /v1.0/users            | $top=5&$select=displayName,mail",
            "/v1.0/users?$filter=startswith(displayName,'Ad') | /v1.0/users         | $filter=startswith(displayName,'Ad')",
            "/v1.0/users/u-1/calendarView?startDateTime=2026-01-01T00:00:00Z | /v1.0/users/u-1/calendarView | startDateTime=2026-01-01T00:00:00Z",
            "/v1.0/users?$search=%22displayName:ad%22      | /v1.0/users            | $search=%22displayName:ad%22",
            "/v1.0/users/first.last                        | /v1.0/users/first.last | ''",
            "users?$filter=displayName eq 'Alice'          | /users                 | $filter=displayName%20eq%20'Alice'",
            "users?$search=\"displayName:Alice\"          | /users                 | $search=%22displayName:Alice%22",
            "/v1.0/users/a b                               | /v1.0/users/a%20b      | ''",
            "/v1.0/users/ü                                 | /v1.0/users/%C3%BC     | ''",
            "me/events?$filter={x}^y                       | /me/events             | $filter=%7Bx%7D%5Ey",
    })
    void acceptsOrdinaryGraphPaths(String raw, String path, String query) {
        RelativePath p = RelativePath.parse(raw);

        assertThat(p.path()).isEqualTo(path);
        assertThat(p.query()).isEqualTo(query);
    }

    @ParameterizedTest(name = "{0} allowed={1}")
    @CsvSource({
            "/v1.0/users, true",
            "/v1.0/users/u-1/sendMail, true",
            "/v1.0/usersX, false",
            "/v1.0/user, false",
            "/v1.0/me, false",
            "/v1.0/me/calendarView, true",
            "/beta/applications/app-1/federatedIdentityCredentials, true",
            "/v1.0/applications, false",
            "/V1.0/users, false",
    })
    void matchesAllowedPrefixesByWholeSegments(String path, boolean allowed) {
        assertThat(RelativePath.parse(path).isWithin(ALLOWED)).isEqualTo(allowed);
    }

    @Test
    void keepsTheBaseUrlsOwnPathAndHost() {
        URI base = URI.create("https://api.contoso.com/tenant-1/");

        URI resolved = RelativePath.parse("/orders/42?expand=lines").resolveAgainst(base);

        assertThat(resolved).isEqualTo(URI.create("https://api.contoso.com/tenant-1/orders/42?expand=lines"));
    }

    @Test
    void anAtSignInAUserPrincipalNameStaysInThePath() {
        URI resolved = RelativePath.parse("/v1.0/users/adele@evil.example").resolveAgainst(
                URI.create("https://graph.microsoft.com"));

        assertThat(resolved.getHost()).isEqualTo("graph.microsoft.com");
        assertThat(resolved.getRawUserInfo()).isNull();
        assertThat(resolved.getRawPath()).isEqualTo("/v1.0/users/adele@evil.example");
    }

    @Test
    void unencodedODataResolvesAsDotNetsUriEscapesIt() {
        URI resolved = RelativePath.parse("users?$filter=displayName eq 'Alice'&$select=id").resolveAgainst(
                URI.create("https://graph.microsoft.com/v1.0/"));

        assertThat(resolved.toString())
                .isEqualTo("https://graph.microsoft.com/v1.0/users?$filter=displayName%20eq%20'Alice'&$select=id");
        assertThat(resolved.getHost()).isEqualTo("graph.microsoft.com");
    }
}
