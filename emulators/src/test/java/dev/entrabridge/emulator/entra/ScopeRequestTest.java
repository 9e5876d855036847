package dev.entrabridge.emulator.entra;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How the token endpoint reads the scope parameter MSAL sends. */
class ScopeRequestTest {

    @Test
    void openIdScopesMsalAppendsAreSetAside() {
        ScopeRequest scopes = ScopeRequest.parse("api://AzureADTokenExchange/.default openid profile offline_access");

        assertThat(scopes.requireDefaultResource()).isEqualTo("api://AzureADTokenExchange");
        assertThat(scopes.openId()).isTrue();
    }

    @Test
    void bareScopeNamesMeanGraph() {
        ScopeRequest scopes = ScopeRequest.parse("User.Read Mail.Read openid");

        assertThat(scopes.resource()).isEqualTo("https://graph.microsoft.com");
        assertThat(scopes.names()).containsExactly("User.Read", "Mail.Read");
        assertThat(scopes.isDefault()).isFalse();
    }

    @Test
    void individualScopesAreRefusedWhereDefaultIsRequired() {
        EntraError e = catchThrowableOfType(EntraError.class,
                () -> ScopeRequest.parse("https://graph.microsoft.com/User.Read").requireDefaultResource());

        assertThat(e.code()).isEqualTo(70011);
        assertThat(e.getMessage()).contains("https://graph.microsoft.com/User.Read");
    }

    @Test
    void scopesOfTwoResourcesAreRefused() {
        EntraError e = catchThrowableOfType(EntraError.class,
                () -> ScopeRequest.parse("https://graph.microsoft.com/User.Read api://other/Read"));

        assertThat(e.code()).isEqualTo(70011);
    }

    @Test
    void missingResourceScopeIsAMissingParameter() {
        EntraError e = catchThrowableOfType(EntraError.class, () -> ScopeRequest.parse("openid profile"));

        assertThat(e.code()).isEqualTo(900144);
    }
}
