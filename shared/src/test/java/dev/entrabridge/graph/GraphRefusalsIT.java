package dev.entrabridge.graph;

import dev.entrabridge.emulator.graph.GraphUser;
import dev.entrabridge.emulator.http.Fault;
import dev.entrabridge.token.Diagnosis.Category;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.CALENDAR_AGENT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.USER_UPN;
import static dev.entrabridge.graph.GraphTestWorld.MAILER;
import static dev.entrabridge.graph.GraphTestWorld.NOBODY;
import static dev.entrabridge.graph.GraphTestWorld.NOBODY_AGENT_APP_ID;
import static dev.entrabridge.graph.GraphTestWorld.CALENDAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Graph's refusals reach the caller as diagnoses that name the missing permission or what to do,
 * and input the operations refuse never costs a token or a Graph request.
 */
class GraphRefusalsIT {

    @RegisterExtension
    static final GraphTestWorld world = new GraphTestWorld();

    @BeforeAll
    static void start() throws Exception {
        world.graph().addUser(new GraphUser("11111111-0000-4000-8000-00000000000a", "AdeleV@contoso.com", "Adele Vance",
                "Adele", "Vance", "AdeleV@contoso.com", "Retail Manager"));
    }

    private static GraphException refusal(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        return catchThrowableOfType(call, GraphException.class);
    }

    @Test
    void aUserReadWithoutUserReadAllNamesThatApplicationPermission() {
        GraphException e = refusal(() -> world.operations().getUser(world.token(NOBODY), UserLookup.of("AdeleV@contoso.com")));

        assertThat(e.diagnosis().category()).isEqualTo(Category.PERMISSION);
        assertThat(e.diagnosis().code()).isEqualTo("GRAPH_FORBIDDEN");
        assertThat(e.graphErrorCode()).contains("Authorization_RequestDenied");
        assertThat(e.diagnosis().cause()).contains("agent identity " + NOBODY_AGENT_APP_ID,
                "its app-only token carries no Graph permission");
        assertThat(e.diagnosis().remedy()).contains("application permission User.Read.All");
        assertThat(e.requestId()).isPresent();
    }

    @Test
    void aCalendarViewWithoutCalendarsReadNamesIt() {
        GraphException e = refusal(() -> world.operations().calendarView(world.token(CALENDAR),
                CalendarQuery.parse(USER_UPN, "2026-01-15", "2026-01-15")));

        assertThat(e.diagnosis().code()).isEqualTo("GRAPH_FORBIDDEN");
        assertThat(e.graphErrorCode()).contains("ErrorAccessDenied");
        assertThat(e.diagnosis().cause()).contains("agent identity " + CALENDAR_AGENT_APP_ID, "carries User.Read.All");
        assertThat(e.diagnosis().remedy()).contains("application permission Calendars.Read");
    }

    @Test
    void anUnknownUserIsNotFoundAndSaysHowToFindOne() {
        GraphException e = refusal(() -> world.operations().getUser(world.token(MAILER), UserLookup.of("nobody@contoso.com")));

        assertThat(e.diagnosis().category()).isEqualTo(Category.CALLER);
        assertThat(e.diagnosis().code()).isEqualTo("GRAPH_NOT_FOUND");
        assertThat(e.diagnosis().cause()).contains("Request_ResourceNotFound", "nobody@contoso.com");
        assertThat(e.graphStatus()).hasValue(404);
    }

    @Test
    void throttlingComesBackWithRetryAfterAndIsNotRetriedHere() {
        world.graph().throttleNext(1, Duration.ofSeconds(2));
        int before = world.graph().requests().size();

        GraphException e = refusal(() -> world.operations().searchUsers(world.token(MAILER), UserSearch.of("Adele")));

        assertThat(e.diagnosis().category()).isEqualTo(Category.TRANSIENT);
        assertThat(e.diagnosis().code()).isEqualTo("GRAPH_THROTTLED");
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
        assertThat(e.diagnosis().remedy()).startsWith("Wait 2 seconds");
        assertThat(world.graph().requests().size() - before).isEqualTo(1);
    }

    @Test
    void anUnavailableGraphIsTransient() {
        world.graph().faults().failNext(1, Fault.unavailable(Duration.ofSeconds(5)));

        GraphException e = refusal(() -> world.operations().getUser(world.token(MAILER), UserLookup.of("AdeleV@contoso.com")));

        assertThat(e.diagnosis().code()).isEqualTo("GRAPH_UNAVAILABLE");
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(5));
    }

    @Test
    void aTokenGraphRejectsIsACredentialProblemNamingTheScope() {
        GraphException e = refusal(() -> world.operations().getUser(() -> "not.a.jwt", UserLookup.of("AdeleV@contoso.com")));

        assertThat(e.diagnosis().category()).isEqualTo(Category.CREDENTIAL);
        assertThat(e.diagnosis().code()).isEqualTo("GRAPH_UNAUTHORIZED");
        assertThat(e.diagnosis().cause()).contains("InvalidAuthenticationToken");
        assertThat(e.diagnosis().remedy()).contains("https://graph.microsoft.com/.default");
    }

    @ParameterizedTest
    @ValueSource(strings = {"applications", "users/../applications", "users/%2e%2e/applications", "users/..%2fapplications",
            "https://evil.example.com/v1.0/users", "//evil.example.com/v1.0/users", "/beta/users",
            "users\\..\\applications", "v1.0users", "usersX"})
    void getsOutsideTheAllowedPathsAreRefusedBeforeAnyTokenOrRequest(String path) {
        int requests = world.graph().requests().size();
        int asks = world.tokenAsks();

        GraphException e = refusal(() -> world.operations().get(world.token(MAILER), path));

        assertThat(e.diagnosis().code()).as(path).isIn("GRAPH_PATH_NOT_ALLOWED", "GRAPH_BAD_PATH", "GRAPH_INVALID_INPUT");
        assertThat(e.graphStatus()).isEmpty();
        assertThat(world.graph().requests()).hasSize(requests);
        assertThat(world.tokenAsks()).isEqualTo(asks);
    }

    @Test
    void aDisallowedPathNamesTheSettingToChange() {
        GraphException e = refusal(() -> world.operations().get(world.token(MAILER), "groups"));

        assertThat(e.diagnosis().category()).isEqualTo(Category.PERMISSION);
        assertThat(e.diagnosis().cause()).isEqualTo("GET /v1.0/groups is outside the Graph paths this deployment lets agents "
                + "read (/users below /v1.0).");
        assertThat(e.diagnosis().remedy()).contains("BRIDGE_GRAPH_ALLOWED_PATHS");
    }

    @Test
    void aForbiddenGenericGetNamesThePermissionOfItsPath() {
        GraphException e = refusal(() -> world.operations().get(world.token(NOBODY), "users?$top=1"));

        assertThat(e.diagnosis().remedy()).contains("application permission User.Read.All");
    }
}
