package dev.entrabridge.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The bridge's whole configuration, validated once at start-up: tenant, authority host, the agent
 * identity blueprint and its credential source, named agents, downstream APIs, caller rules and
 * transport settings. Build it with {@link #fromEnvironment(Map)} (environment variables, the
 * Microsoft sidecar's names and {@code BRIDGE_CONFIG_FILE}) or {@link #builder()}.
 */
public final class BridgeConfig {

    private final String tenantId;
    private final URI authorityHost;
    private final String blueprintClientId;
    private final CredentialSettings credential;
    private final Map<String, AgentDefinition> agents;
    private final Map<String, DownstreamApi> apis;
    private final HttpSettings http;
    private final RetrySettings retry;
    private final HealthSettings health;
    private final GraphSettings graph;
    private final int cacheMaxEntries;
    private final JsonNode callers;
    private final JsonNode policy;
    private final Map<String, String> environment;

    private BridgeConfig(Builder b) {
        this.tenantId = Objects.requireNonNull(b.tenantId, "tenantId");
        this.authorityHost = Objects.requireNonNull(b.authorityHost, "authorityHost");
        this.blueprintClientId = Objects.requireNonNull(b.blueprintClientId, "blueprintClientId");
        this.credential = Objects.requireNonNull(b.credential, "credential");
        this.agents = Map.copyOf(b.agents);
        this.apis = Map.copyOf(b.apis);
        this.http = Objects.requireNonNull(b.http, "http");
        this.retry = Objects.requireNonNull(b.retry, "retry");
        this.health = Objects.requireNonNull(b.health, "health");
        this.graph = b.graph != null ? b.graph : GraphSettings.defaultsFor(apis.values());
        if (b.cacheMaxEntries < 1) {
            throw new IllegalArgumentException("cacheMaxEntries must be at least 1");
        }
        this.cacheMaxEntries = b.cacheMaxEntries;
        this.callers = b.callers.deepCopy();
        this.policy = b.policy.deepCopy();
        this.environment = Map.copyOf(b.environment);
    }

    /**
     * Reads and validates the configuration from an environment map (pass {@code System.getenv()} in
     * production, a plain map in tests).
     *
     * @throws ConfigException naming the variable to fix
     */
    public static BridgeConfig fromEnvironment(Map<String, String> environment) {
        return new BridgeConfigReader(ConfigSources.of(environment)).read();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The agent identities' home tenant (GUID or verified domain). */
    public String tenantId() {
        return tenantId;
    }

    /** e.g. {@code https://login.microsoftonline.com} (no trailing slash). */
    public URI authorityHost() {
        return authorityHost;
    }

    /** The tenant-specific authority MSAL uses: {@code https://login.microsoftonline.com/<tenant>/}. */
    public String authority() {
        return authorityHost + "/" + tenantId + "/";
    }

    public EntraCloud cloud() {
        return EntraCloud.ofAuthorityHost(authorityHost);
    }

    /** The agent identity blueprint's appId (client id of leg 1). */
    public String blueprintClientId() {
        return blueprintClientId;
    }

    public CredentialSettings credential() {
        return credential;
    }

    /** Configured agents by name. */
    public Map<String, AgentDefinition> agents() {
        return agents;
    }

    /** Downstream APIs by name. */
    public Map<String, DownstreamApi> apis() {
        return apis;
    }

    /** The agent called {@code nameOrAppId}, or whose agent identity appId it is. */
    public Optional<AgentDefinition> agent(String nameOrAppId) {
        AgentDefinition byName = agents.get(nameOrAppId);
        if (byName != null) {
            return Optional.of(byName);
        }
        return agents.values().stream().filter(a -> a.agentIdentity().equalsIgnoreCase(nameOrAppId)).findFirst();
    }

    /** Which configured agent each Amazon Bedrock agent (and alias) acts as. */
    public BedrockAgents bedrockAgents() {
        return new BedrockAgents(agents.values());
    }

    public Optional<DownstreamApi> api(String name) {
        return Optional.ofNullable(apis.get(name));
    }

    public HttpSettings http() {
        return http;
    }

    public RetrySettings retry() {
        return retry;
    }

    /** How the credential health check runs. */
    public HealthSettings health() {
        return health;
    }

    /** How the Graph operations reach Microsoft Graph ({@code BRIDGE_GRAPH_*}). */
    public GraphSettings graph() {
        return graph;
    }

    public int cacheMaxEntries() {
        return cacheMaxEntries;
    }

    /** The raw {@code callers} section ({@code BRIDGE_CALLERS} or the file's field), for the policy module. */
    public JsonNode callers() {
        return callers.deepCopy();
    }

    /** The raw {@code policy} section ({@code BRIDGE_POLICY} or the file's field), for the policy module. */
    public JsonNode policy() {
        return policy.deepCopy();
    }

    /**
     * The environment the configuration was read from. Credential sources whose client libraries
     * look variables up by name (MSAL's managed identity: {@code IDENTITY_ENDPOINT}, {@code IDENTITY_HEADER})
     * read them here rather than from the process.
     */
    public Map<String, String> environment() {
        return environment;
    }

    /** A copy with different retry settings. */
    public BridgeConfig withRetry(RetrySettings newRetry) {
        return toBuilder().retry(newRetry).build();
    }

    public Builder toBuilder() {
        return new Builder().tenantId(tenantId).authorityHost(authorityHost).blueprintClientId(blueprintClientId)
                .credential(credential).agents(agents).apis(apis).http(http).retry(retry).health(health).graph(graph)
                .cacheMaxEntries(cacheMaxEntries).callers(callers).policy(policy).environment(environment);
    }

    @Override
    public String toString() {
        return "BridgeConfig[tenantId=" + tenantId + ", authorityHost=" + authorityHost + ", blueprintClientId="
                + blueprintClientId + ", credential=" + credential + ", agents=" + agents.keySet()
                + ", apis=" + apis.keySet() + ", http=" + http + ", retry=" + retry + "]";
    }

    /** Builds a {@link BridgeConfig}; unset optional parts take the documented defaults. */
    public static final class Builder {
        private String tenantId;
        private URI authorityHost = EntraCloud.DEFAULT_AUTHORITY_HOST;
        private String blueprintClientId;
        private CredentialSettings credential;
        private final Map<String, AgentDefinition> agents = new LinkedHashMap<>();
        private final Map<String, DownstreamApi> apis = new LinkedHashMap<>();
        private HttpSettings http = HttpSettings.DEFAULTS;
        private RetrySettings retry = RetrySettings.DEFAULTS;
        private HealthSettings health = HealthSettings.DEFAULTS;
        private GraphSettings graph;
        private int cacheMaxEntries = 1000;
        private JsonNode callers = MissingNode.getInstance();
        private JsonNode policy = MissingNode.getInstance();
        private Map<String, String> environment = Map.of();

        private Builder() {
        }

        public Builder tenantId(String v) {
            tenantId = v;
            return this;
        }

        public Builder authorityHost(URI v) {
            String s = v.toString();
            authorityHost = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
            return this;
        }

        public Builder blueprintClientId(String v) {
            blueprintClientId = v;
            return this;
        }

        public Builder credential(CredentialSettings v) {
            credential = v;
            return this;
        }

        public Builder agent(AgentDefinition a) {
            agents.put(a.name(), a);
            return this;
        }

        public Builder agents(Map<String, AgentDefinition> all) {
            agents.clear();
            agents.putAll(all);
            return this;
        }

        public Builder api(DownstreamApi a) {
            apis.put(a.name(), a);
            return this;
        }

        public Builder apis(Map<String, DownstreamApi> all) {
            apis.clear();
            apis.putAll(all);
            return this;
        }

        public Builder http(HttpSettings v) {
            http = v;
            return this;
        }

        public Builder retry(RetrySettings v) {
            retry = v;
            return this;
        }

        public Builder health(HealthSettings v) {
            health = v;
            return this;
        }

        /** Unset: {@link GraphSettings#defaultsFor} the configured APIs. */
        public Builder graph(GraphSettings v) {
            graph = v;
            return this;
        }

        public Builder cacheMaxEntries(int v) {
            cacheMaxEntries = v;
            return this;
        }

        public Builder callers(JsonNode v) {
            callers = v == null ? MissingNode.getInstance() : v;
            return this;
        }

        public Builder policy(JsonNode v) {
            policy = v == null ? MissingNode.getInstance() : v;
            return this;
        }

        public Builder environment(Map<String, String> v) {
            environment = v;
            return this;
        }

        public BridgeConfig build() {
            return new BridgeConfig(this);
        }
    }
}
