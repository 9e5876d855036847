package dev.entrabridge.emulator.entra;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Entra's registration rules the directory model enforces when credentials are added. */
class DirectoryTest {

    private static final String ISSUER = "https://issuer.example";
    private static final String AUDIENCE = "api://AzureADTokenExchange";
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T04:00:00Z"), ZoneOffset.UTC);
    private final Tenant tenant = new Directory(clock).tenant("7f3c1a52-0d4e-4b8f-9a61-2c5e8d9b0a11");

    @Test
    void aBlueprintHoldsAtMostTwentyFederatedCredentials() {
        BlueprintApp blueprint = tenant.blueprint("bp");
        for (int i = 0; i < 20; i++) {
            blueprint.federatedCredential("fic-" + i, ISSUER, "subject-" + i, AUDIENCE);
        }

        assertThatThrownBy(() -> blueprint.federatedCredential("fic-20", ISSUER, "subject-20", AUDIENCE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("20");
        assertThat(blueprint.federatedCredentials()).hasSize(20);
    }

    @Test
    void issuerAndSubjectAreUniqueAndExactlyOneAudienceIsAllowed() {
        BlueprintApp blueprint = tenant.blueprint("bp").federatedCredential("a", ISSUER, "role", AUDIENCE);

        assertThatThrownBy(() -> blueprint.federatedCredential("b", ISSUER, "role", AUDIENCE))
                .hasMessageContaining("already has a federated identity credential (a)");
        assertThatThrownBy(() -> blueprint.federatedCredential("c", ISSUER, "other", List.of(AUDIENCE, "api://x")))
                .hasMessageContaining("exactly one audience");
        assertThat(blueprint.federatedCredentials()).singleElement()
                .satisfies(f -> assertThat(f.createdAt()).isEqualTo(clock.instant()));
    }

    @Test
    void tenantsAreFoundByIdOrDomainAndAgentsNeedTheirBlueprint() {
        Directory directory = new Directory(clock);
        Tenant contoso = directory.tenant("7f3c1a52-0d4e-4b8f-9a61-2c5e8d9b0a11", "contoso.onmicrosoft.com");

        assertThat(directory.find("CONTOSO.onmicrosoft.com")).containsSame(contoso);
        assertThatThrownBy(() -> contoso.agentIdentity("agent", "missing-blueprint"))
                .hasMessageContaining("register the blueprint missing-blueprint");
        assertThatThrownBy(() -> contoso.grantAppRoles("agent", "https://graph.microsoft.com", "User.Read.All"))
                .hasMessageContaining("register the resource");
    }
}
