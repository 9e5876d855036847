package dev.entrabridge.emulator.entra;

import java.time.Instant;
import java.util.List;

/**
 * A federated identity credential on a blueprint, as Graph models it.
 *
 * @param name      unique name within the application
 * @param issuer    the exact {@code iss} an assertion must carry
 * @param subject   the exact {@code sub} an assertion must carry
 * @param audiences exactly one audience, normally {@code api://AzureADTokenExchange}
 * @param createdAt when it was added (drives the propagation delay)
 */
public record FederatedIdentityCredential(String name, String issuer, String subject, List<String> audiences,
                                          Instant createdAt) {

    public FederatedIdentityCredential {
        audiences = List.copyOf(audiences);
    }

    public String audience() {
        return audiences.get(0);
    }
}
