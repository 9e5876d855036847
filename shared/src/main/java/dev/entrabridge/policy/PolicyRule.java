package dev.entrabridge.policy;

import dev.entrabridge.token.Flow;

import java.util.Optional;
import java.util.Set;

/**
 * One grant: a caller pattern may use these agents, for these APIs, with these flows, optionally
 * only these scopes; and, only when the rule says so ({@code blueprint-app}, {@code blueprint-obo}),
 * the blueprint's own token for requests that name no agent. {@code *} in agents or APIs means any
 * configured one.
 */
record PolicyRule(String name, CallerPattern caller, Set<String> agents, Set<String> apis, Set<Flow> flows,
                  Optional<Set<String>> scopes, Set<Flow> blueprintFlows) {

    static final String ANY = "*";

    boolean allowsAgent(String agent) {
        return agents.contains(ANY) || agents.contains(agent);
    }

    boolean allowsApi(String api) {
        return apis.contains(ANY) || (api != null && apis.contains(api));
    }
}
