package dev.entrabridge.health;

import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.credential.BlueprintCredential;
import dev.entrabridge.token.Diagnosis;

/**
 * Reports the configuration the other checks run with and flags what is complete but unwise:
 * no agents, no APIs, or a development credential (secret, certificate) in place of federation.
 * Incomplete configuration never gets this far: {@link BridgeConfig} refuses it at start-up.
 */
final class ConfigurationCheck implements HealthCheck {

    private final BridgeConfig config;
    private final BlueprintCredential credential;

    ConfigurationCheck(BridgeConfig config, BlueprintCredential credential) {
        this.config = config;
        this.credential = credential;
    }

    @Override
    public String name() {
        return "configuration";
    }

    @Override
    public Finding run(CheckContext context) {
        Finding finding = new Finding()
                .evidence("tenant", config.tenantId())
                .evidence("authority", config.authority())
                .evidence("blueprint", config.blueprintClientId())
                .evidence("credential", credential.description())
                .evidence("agents", String.join(", ", config.agents().keySet()))
                .evidence("apis", String.join(", ", config.apis().keySet()))
                .evidence("endpointOverride", config.http().endpointOverride().map(Object::toString).orElse("none"));
        if (config.agents().isEmpty()) {
            return finding.fail("No agent identity is configured.", new Diagnosis(Diagnosis.Category.CONFIGURATION,
                    "BRIDGE_NO_AGENTS", "The bridge has no agent to issue tokens for.",
                    "Set BRIDGE_AGENTS (name=agentIdentityAppId,…) or the agents section of BRIDGE_CONFIG_FILE."));
        }
        if (config.apis().isEmpty()) {
            finding.warn("No downstream API is configured; only leg 1 can be checked.",
                    new Diagnosis(Diagnosis.Category.CONFIGURATION, "BRIDGE_NO_APIS",
                            "No downstream API is configured, so no resource token can be requested or checked.",
                            "Configure an API, e.g. DownstreamApis__graph__BaseUrl and DownstreamApis__graph__Scopes__0."));
        }
        if (credential.kind().development()) {
            finding.warn("The blueprint uses a development credential (" + credential.kind() + "), not federation.",
                    new Diagnosis(Diagnosis.Category.CREDENTIAL, "BRIDGE_DEVELOPMENT_CREDENTIAL",
                            "A " + credential.kind() + " is a secret someone must hold and rotate.",
                            "In production use the workload's own identity (aws-sts, managed-identity, token-file,"
                                    + " gcp-metadata) through a federated identity credential on the blueprint."));
        }
        if (finding.status() == CheckStatus.PASS) {
            finding.pass("Tenant, blueprint, " + config.agents().size() + " agent(s) and " + config.apis().size()
                    + " API(s) configured with a federated credential source.");
        }
        return finding;
    }
}
