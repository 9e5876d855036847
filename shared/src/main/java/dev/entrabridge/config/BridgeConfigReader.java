package dev.entrabridge.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Turns {@link ConfigSources} into a validated {@link BridgeConfig}. */
final class BridgeConfigReader {

    static final String TENANT_ID = "ENTRA_TENANT_ID";
    static final String AUTHORITY_HOST = "ENTRA_AUTHORITY_HOST";
    static final String BLUEPRINT_CLIENT_ID = "ENTRA_BLUEPRINT_CLIENT_ID";
    static final String ENDPOINT_OVERRIDE = "ENTRA_ENDPOINT_OVERRIDE";
    static final String TRUSTED_CA_FILE = "BRIDGE_TRUSTED_CA_FILE";
    static final String CONNECT_TIMEOUT = "BRIDGE_HTTP_CONNECT_TIMEOUT_MS";
    static final String READ_TIMEOUT = "BRIDGE_HTTP_READ_TIMEOUT_MS";
    static final String RETRY_BUDGET = "BRIDGE_RETRY_BUDGET_MS";
    static final String RETRY_MAX_ATTEMPTS = "BRIDGE_RETRY_MAX_ATTEMPTS";
    static final String RETRY_FIC_PROPAGATION = "BRIDGE_RETRY_FIC_PROPAGATION";
    static final String CACHE_MAX_ENTRIES = "BRIDGE_CACHE_MAX_ENTRIES";
    static final String CALLERS = "BRIDGE_CALLERS";
    static final String POLICY = "BRIDGE_POLICY";
    static final String HEALTH_BUDGET = "BRIDGE_HEALTH_BUDGET_SECONDS";
    static final String HEALTH_GRAPH = "BRIDGE_HEALTH_GRAPH";
    static final String HEALTH_EXPIRY_WARN = "BRIDGE_HEALTH_EXPIRY_WARN_DAYS";
    static final String HEALTH_EXPIRY_FAIL = "BRIDGE_HEALTH_EXPIRY_FAIL_DAYS";
    static final String HEALTH_FAIL_HEALTHZ = "BRIDGE_HEALTH_FAIL_HEALTHZ";
    static final String HEALTH_RETRY = "BRIDGE_HEALTH_RETRY_SECONDS";
    static final String HEALTH_INTERVAL = "BRIDGE_HEALTH_INTERVAL_SECONDS";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigSources sources;

    BridgeConfigReader(ConfigSources sources) {
        this.sources = sources;
    }

    BridgeConfig read() {
        Setting tenant = sources.find("/tenantId", TENANT_ID, "AzureAd__TenantId")
                .orElseThrow(() -> new ConfigException(TENANT_ID, "is missing: set it to your tenant's GUID "
                        + "(or set AzureAd__TenantId, or tenantId in BRIDGE_CONFIG_FILE)"));
        Setting blueprint = sources.find("/blueprintClientId", BLUEPRINT_CLIENT_ID, "AzureAd__ClientId")
                .orElseThrow(() -> new ConfigException(BLUEPRINT_CLIENT_ID, "is missing: set it to the agent identity "
                        + "blueprint's application (client) ID (or set AzureAd__ClientId)"));
        BridgeConfig.Builder b = BridgeConfig.builder()
                .tenantId(SettingParsers.tenant(tenant))
                .blueprintClientId(SettingParsers.guid(blueprint, "the agent identity blueprint's application (client) ID"));
        sources.find("/authorityHost", AUTHORITY_HOST, "AzureAd__Instance").ifPresent(s -> {
            if (!s.value().toLowerCase(java.util.Locale.ROOT).startsWith("https://")) {
                throw s.invalid("is '" + s.value() + "': MSAL requires an https authority; set it to e.g. "
                        + "https://login.microsoftonline.com (use ENTRA_ENDPOINT_OVERRIDE to redirect traffic)");
            }
            b.authorityHost(SettingParsers.origin(s, "https://login.microsoftonline.com"));
        });
        b.credential(new CredentialSettingsReader(sources).read());
        new AgentsReader(sources).read().forEach(b::agent);
        List<DownstreamApi> apis = new DownstreamApisReader(sources).read();
        apis.forEach(b::api);
        b.graph(new GraphSettingsReader(sources).read(apis));
        b.http(http());
        b.retry(retry());
        b.health(health());
        sources.find("/cacheMaxEntries", CACHE_MAX_ENTRIES)
                .ifPresent(s -> b.cacheMaxEntries(SettingParsers.integer(s, 1, 1_000_000)));
        b.callers(rawJson("/callers", CALLERS));
        b.policy(rawJson("/policy", POLICY));
        b.environment(sources.environment());
        return b.build();
    }

    private HttpSettings http() {
        HttpSettings d = HttpSettings.DEFAULTS;
        return new HttpSettings(
                sources.find("/http/connectTimeoutMs", CONNECT_TIMEOUT)
                        .map(s -> SettingParsers.millis(s, 1, 120_000)).orElse(d.connectTimeout()),
                sources.find("/http/readTimeoutMs", READ_TIMEOUT)
                        .map(s -> SettingParsers.millis(s, 1, 300_000)).orElse(d.readTimeout()),
                sources.find("/http/entraEndpointOverride", ENDPOINT_OVERRIDE)
                        .map(s -> SettingParsers.origin(s, "https://127.0.0.1:8443")),
                sources.find("/http/trustedCaFile", TRUSTED_CA_FILE)
                        .map(s -> SettingParsers.readableFile(s, "a PEM file of CA certificates to trust")));
    }

    private RetrySettings retry() {
        RetrySettings d = RetrySettings.DEFAULTS;
        return new RetrySettings(
                sources.find("/retry/budgetMs", RETRY_BUDGET).map(s -> SettingParsers.millis(s, 0, 600_000))
                        .orElse(d.budget()),
                sources.find("/retry/maxAttempts", RETRY_MAX_ATTEMPTS).map(s -> SettingParsers.integer(s, 1, 20))
                        .orElse(d.maxAttempts()),
                sources.find("/retry/ficPropagation", RETRY_FIC_PROPAGATION).map(SettingParsers::bool)
                        .orElse(d.ficPropagationRetry()));
    }

    private HealthSettings health() {
        HealthSettings d = HealthSettings.DEFAULTS;
        Duration budget = sources.find("/health/budgetSeconds", HEALTH_BUDGET)
                .map(s -> Duration.ofSeconds(SettingParsers.integer(s, 1, 300))).orElse(d.budget());
        boolean graph = sources.find("/health/graph", HEALTH_GRAPH).map(SettingParsers::bool).orElse(d.readGraph());
        Optional<Setting> warnSetting = sources.find("/health/expiryWarnDays", HEALTH_EXPIRY_WARN);
        int warn = warnSetting.map(s -> SettingParsers.integer(s, 1, 365)).orElse((int) d.expiryWarn().toDays());
        Optional<Setting> failSetting = sources.find("/health/expiryFailDays", HEALTH_EXPIRY_FAIL);
        int fail = failSetting.map(s -> SettingParsers.integer(s, 0, 365)).orElse((int) d.expiryFail().toDays());
        if (fail > warn) {
            Setting named = failSetting.or(() -> warnSetting).orElseThrow();
            throw named.invalid("makes the failure window (" + fail + " days) longer than the warning window (" + warn
                    + " days): keep " + HEALTH_EXPIRY_FAIL + " at most " + HEALTH_EXPIRY_WARN);
        }
        boolean failHealthz = sources.find("/health/failHealthz", HEALTH_FAIL_HEALTHZ).map(SettingParsers::bool)
                .orElse(d.failHealthz());
        long halfBudget = budget.toSeconds() / 2;
        Duration retry = sources.find("/health/retrySeconds", HEALTH_RETRY).map(s -> {
            int seconds = SettingParsers.integer(s, 0, 150);
            if (seconds > halfBudget) {
                throw s.invalid("is " + seconds + " but must be at most half of " + HEALTH_BUDGET + " (" + budget.toSeconds()
                        + " s): lower it or raise the budget");
            }
            return Duration.ofSeconds(seconds);
        }).orElse(Duration.ofSeconds(Math.min(d.retryAllowance().toSeconds(), halfBudget)));
        Duration interval = sources.find("/health/intervalSeconds", HEALTH_INTERVAL).map(s -> {
            int seconds = SettingParsers.integer(s, 0, 86_400);
            if (seconds > 0 && seconds < 10) {
                throw s.invalid("is " + seconds + ": set 0 (off) or a number of seconds from 10 to 86400");
            }
            return Duration.ofSeconds(seconds);
        }).orElse(d.interval());
        return new HealthSettings(budget, graph, Duration.ofDays(warn), Duration.ofDays(fail), failHealthz, retry, interval);
    }

    private JsonNode rawJson(String jsonPath, String variable) {
        Optional<String> env = sources.raw(variable);
        if (env.isPresent()) {
            try {
                return JSON.readTree(env.get());
            } catch (JsonProcessingException e) {
                throw new ConfigException(variable, "is not valid JSON (" + e.getOriginalMessage()
                        + "): write it as a JSON document, or move it to BRIDGE_CONFIG_FILE");
            }
        }
        JsonNode node = sources.fileNode(jsonPath);
        return node.isMissingNode() ? MissingNode.getInstance() : node;
    }
}
