package dev.entrabridge.emulator.cloud;

import dev.entrabridge.emulator.entra.Tenant;
import dev.entrabridge.emulator.graph.GraphEmulator;
import dev.entrabridge.emulator.graph.GraphEvent;
import dev.entrabridge.emulator.graph.GraphUser;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The people of {@link EmulatedCloud.Builder#demoPeople()}: a person who signs in, a colleague in Graph, their day. */
final class DemoPeople {

    static final String COLLEAGUE_OID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c96";
    static final String COLLEAGUE_UPN = "bob@" + EmulatedCloud.TENANT_DOMAIN;

    private DemoPeople() {
    }

    static void seed(Tenant tenant, GraphEmulator graph, Clock clock) {
        tenant.password(EmulatedCloud.USER_OID, EmulatedCloud.USER_PASSWORD)
                .publicClient(EmulatedCloud.PUBLIC_CLIENT_APP_ID);
        graph.addUser(new GraphUser(EmulatedCloud.USER_OID, EmulatedCloud.USER_UPN, "Alice Demo", "Alice", "Demo",
                EmulatedCloud.USER_UPN, "Product Manager"));
        graph.addUser(new GraphUser(COLLEAGUE_OID, COLLEAGUE_UPN, "Bob Example", "Bob", "Example", COLLEAGUE_UPN,
                "Engineer"));
        graph.addUser(new GraphUser(EmulatedCloud.AGENT_USER_OID, EmulatedCloud.AGENT_USER_UPN, "Mail Agent",
                null, null, EmulatedCloud.AGENT_USER_UPN, "Agent"));
        Instant nine = clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(9));
        graph.addEvent(EmulatedCloud.USER_OID, new GraphEvent("evt-1", "Quarterly planning", nine,
                nine.plus(Duration.ofHours(1)), "Room 4"));
        graph.addEvent(EmulatedCloud.USER_OID, new GraphEvent("evt-2", "1:1 with Bob", nine.plus(Duration.ofHours(5)),
                nine.plus(Duration.ofHours(5).plusMinutes(30)), "Teams"));
    }
}
