package dev.entrabridge.graph;

import com.fasterxml.jackson.databind.JsonNode;
import dev.entrabridge.emulator.graph.GraphEvent;
import dev.entrabridge.emulator.graph.GraphUser;
import dev.entrabridge.emulator.http.RecordedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.USER_OID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.USER_UPN;
import static dev.entrabridge.graph.GraphTestWorld.MAILER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each read operation through the real core's agent token against the Graph emulator: the data,
 * the fields a model needs and nothing else, and paging to the item and byte caps with {@code truncated}.
 */
class GraphReadsIT {

    private static final String ADELE = "11111111-0000-4000-8000-00000000000a";
    private static final Instant DAY = Instant.parse("2026-01-15T00:00:00Z");
    private static final int BULK = 120;

    @RegisterExtension
    static final GraphTestWorld world = new GraphTestWorld();

    @BeforeAll
    static void start() throws Exception {
        world.graph().addUser(new GraphUser(ADELE, "AdeleV@contoso.com", "Adele Vance", "Adele", "Vance",
                        "AdeleV@contoso.com", "Retail Manager"))
                .addUser(new GraphUser("11111111-0000-4000-8000-00000000000b", "AlexW@contoso.com", "Alex Wilber", "Alex",
                        "Wilber", "AlexW@contoso.com", "Marketing Assistant"))
                .addUser(new GraphUser("11111111-0000-4000-8000-00000000000c", "adam@contoso.com", "Adam Smith", "Adam",
                        "Smith", null, null))
                .addUser(new GraphUser("11111111-0000-4000-8000-00000000000d", "miles@contoso.com", "Miles O'Brien", "Miles",
                        "O'Brien", "obrien@contoso.com", "Operations Chief"));
        for (int i = 0; i < BULK; i++) {
            String n = String.format("%03d", i);
            world.graph().addUser(new GraphUser("22222222-0000-4000-8000-000000000" + n, "bulk" + n + "@contoso.com",
                    "Bulk User " + n, "Bulk", "User " + n, "bulk" + n + "@contoso.com", "Seeded for paging tests"));
        }
        world.graph().addEvent(USER_OID, new GraphEvent("ev-late", "Design review", DAY.plusSeconds(15 * 3600),
                        DAY.plusSeconds(16 * 3600), "Room 2"))
                .addEvent(USER_OID, new GraphEvent("ev-early", "Stand-up", DAY.plusSeconds(9 * 3600),
                        DAY.plusSeconds(9 * 3600 + 900), null))
                .addEvent(USER_OID, new GraphEvent("ev-next-day", "Offsite", DAY.plusSeconds(30 * 3600),
                        DAY.plusSeconds(32 * 3600), "Lakeside"));
    }

    @Test
    void getsAUserByUpnWithTheDefaultFieldsAndNoODataNoise() {
        GraphResult adele = world.operations().getUser(world.token(MAILER), UserLookup.of("AdeleV@contoso.com"));

        assertThat(adele.json()).isEqualTo("{\"id\":\"" + ADELE + "\",\"displayName\":\"Adele Vance\","
                + "\"userPrincipalName\":\"AdeleV@contoso.com\",\"mail\":\"AdeleV@contoso.com\",\"jobTitle\":\"Retail Manager\"}");
        assertThat(adele.count()).isEqualTo(1);
        assertThat(adele.truncated()).isFalse();
        assertThat(lastGraphRequest().query().get("$select")).containsExactly("id,displayName,userPrincipalName,mail,jobTitle");
    }

    @Test
    void getsAUserByObjectIdWithSelectedFields() {
        GraphResult adele = world.operations().getUser(world.token(MAILER),
                new UserLookup(ADELE.toUpperCase(), List.of("displayName", "officeLocation")));

        assertThat(adele.json()).isEqualTo("{\"displayName\":\"Adele Vance\"}");
        assertThat(lastGraphRequest().path()).isEqualTo("/v1.0/users/" + ADELE);
    }

    @Test
    void searchesByDisplayNameOrMailPrefix() {
        GraphOperations graph = world.operations();

        JsonNode byName = graph.searchUsers(world.token(MAILER), UserSearch.of("ad")).tree();
        JsonNode byMail = graph.searchUsers(world.token(MAILER), UserSearch.of("alexw@")).tree();

        assertThat(byName.path("value").findValuesAsText("displayName")).containsExactlyInAnyOrder("Adele Vance", "Adam Smith");
        assertThat(byName.path("truncated").asBoolean()).isFalse();
        assertThat(byMail.path("value").findValuesAsText("userPrincipalName")).containsExactly("AlexW@contoso.com");
    }

    @Test
    void searchDoublesSingleQuotesSoAnApostropheIsPartOfTheName() {
        GraphResult found = world.operations().searchUsers(world.token(MAILER), UserSearch.of("Miles O'B"));

        assertThat(found.tree().path("value").findValuesAsText("displayName")).containsExactly("Miles O'Brien");
        assertThat(lastGraphRequest().rawQuery()).contains("%27Miles%20O%27%27B%27")
                .contains("$filter=startswith%28displayName%2C%27Miles%20O%27%27B%27%29%20or%20startswith%28mail%2C");
        assertThat(lastGraphRequest().header("ConsistencyLevel")).isEmpty();
    }

    @Test
    void searchStopsAtTopAndAtTheConfiguredMaximumAndSaysSo() {
        GraphResult five = world.operations().searchUsers(world.token(MAILER), new UserSearch("bulk", 5));
        GraphResult capped = world.operations(s -> s.withMaxResults(3)).searchUsers(world.token(MAILER),
                new UserSearch("bulk", 50));

        assertThat(five.count()).isEqualTo(5);
        assertThat(five.truncated()).isTrue();
        assertThat(five.tree().path("truncated").asBoolean()).isTrue();
        assertThat(capped.count()).isEqualTo(3);
        assertThat(lastGraphRequest().query().get("$top")).containsExactly("3");
    }

    @Test
    void searchStopsAtTheByteCapWithTruncated() {
        GraphResult result = world.operations(s -> s.withMaxResults(999).withMaxResultBytes(2048))
                .searchUsers(world.token(MAILER), UserSearch.of("bulk"));

        assertThat(result.truncated()).isTrue();
        assertThat(result.count()).isBetween(5, BULK - 1);
        assertThat(result.json().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(2048);
        assertThat(result.json()).endsWith("],\"truncated\":true}");
    }

    @Test
    void readsACalendarViewEarliestFirstWithTheFieldsAModelNeeds() {
        GraphResult day = world.operations().calendarView(world.token(MAILER),
                CalendarQuery.parse(USER_UPN, "2026-01-15", "2026-01-15"));

        JsonNode events = day.tree().path("value");
        assertThat(events.findValuesAsText("subject")).containsExactly("Stand-up", "Design review");
        assertThat(events.get(0).path("start").path("dateTime").asText()).isEqualTo("2026-01-15T09:00:00.0000000");
        assertThat(events.get(1).path("location").path("displayName").asText()).isEqualTo("Room 2");
        assertThat(events.get(0).has("location")).as("an empty location is trimmed").isFalse();
        assertThat(day.json()).doesNotContain("@odata");
        RecordedRequest request = lastGraphRequest();
        assertThat(request.query().get("startDateTime")).containsExactly("2026-01-15T00:00:00Z");
        assertThat(request.query().get("endDateTime")).containsExactly("2026-01-16T00:00:00Z");
        assertThat(request.query().get("$select")).containsExactly("subject,start,end,location");
    }

    @Test
    void aCalendarViewStopsAtTopWithTruncated() {
        GraphResult first = world.operations().calendarView(world.token(MAILER),
                CalendarQuery.parse(USER_OID, "2026-01-15T00:00:00Z", "2026-01-17T00:00:00Z").withTop(2));

        assertThat(first.tree().path("value").findValuesAsText("subject")).containsExactly("Stand-up", "Design review");
        assertThat(first.truncated()).isTrue();
    }

    @Test
    void theAllowedGetFollowsNextLinksUntilTheItemCap() {
        int before = world.graph().requests().size();

        GraphResult users = world.operations().get(world.token(MAILER), "users?$top=10&$select=displayName");

        List<RecordedRequest> pages = world.graph().requests().subList(before, world.graph().requests().size());
        assertThat(users.count()).isEqualTo(25);
        assertThat(users.truncated()).isTrue();
        assertThat(pages).hasSize(3);
        assertThat(pages.get(1).query().get("$skiptoken")).containsExactly("10");
        assertThat(pages.get(2).query().get("$select")).containsExactly("displayName");
        assertThat(pages).allSatisfy(p -> assertThat(p.header("client-request-id")).isEqualTo(pages.get(0).header("client-request-id")));
    }

    @Test
    void theAllowedGetFollowsNextLinksUntilTheByteCap() {
        int before = world.graph().requests().size();

        GraphResult users = world.operations(s -> s.withMaxResults(999).withMaxResultBytes(1024))
                .get(world.token(MAILER), "/v1.0/users?$top=4&$select=displayName,mail");

        assertThat(users.truncated()).isTrue();
        assertThat(users.json().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
        assertThat(world.graph().requests().size() - before).isGreaterThan(2);
        assertThat(users.count()).isGreaterThan(8);
    }

    @Test
    void theAllowedGetReadsAnEntityAndAnEndedCollectionIsNotTruncated() {
        GraphResult adele = world.operations().get(world.token(MAILER), "users/AdeleV@contoso.com?$select=displayName,jobTitle");
        GraphResult one = world.operations().get(world.token(MAILER), "users?$filter=startswith(displayName,'Alex')");

        assertThat(adele.json()).isEqualTo("{\"displayName\":\"Adele Vance\",\"jobTitle\":\"Retail Manager\"}");
        assertThat(one.count()).isEqualTo(1);
        assertThat(one.truncated()).isFalse();
    }

    private static RecordedRequest lastGraphRequest() {
        List<RecordedRequest> all = world.graph().requests();
        return all.get(all.size() - 1);
    }
}
