package dev.entrabridge.policy;

import dev.entrabridge.token.Flow;

import java.util.Optional;
import java.util.Set;

/**
 * One grant: a caller pattern may use these agents, for these APIs, with these flows, optionally
 * only these scopes. {@code *} in agents or APIs means any configured one.
 */
record PolicyRule(String name, CallerPattern caller, Set<String> agents, Set<String> apis, Set<Flow> flows,
                  Optional<Set<String>> scopes) {

    static final String ANY = "*";

    boolean allowsAgent(String agent) {
        return agents.contains(ANY) || agents.contains(agent);
    }

    boolean allowsApi(String api) {
        return apis.contains(ANY) || (api != null && apis.contains(api));
    }
}
