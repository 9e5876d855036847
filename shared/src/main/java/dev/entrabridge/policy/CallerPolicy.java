package dev.entrabridge.policy;

import dev.entrabridge.token.Flow;
import dev.entrabridge.inbound.Caller;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which caller may obtain which agent's tokens, for which APIs, flows and scopes. Default deny:
 * a request is allowed only when a rule matching the caller grants all four. Immutable; built from
 * a JSON document (the format is described in this package's documentation).
 */
public final class CallerPolicy {

    private final List<PolicyRule> rules;

    private CallerPolicy(List<PolicyRule> rules) {
        this.rules = rules;
    }

    /** @throws PolicyConfigException naming {@code BRIDGE_POLICY} and the bad field */
    public static CallerPolicy fromJson(String json) {
        return new CallerPolicy(PolicyDocument.parse(json));
    }

    /** @throws PolicyConfigException naming the file and the bad field */
    public static CallerPolicy fromFile(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PolicyConfigException(file.toString(), "cannot be read as the caller policy file: " + e.getMessage(), e);
        }
        try {
            return fromJson(json);
        } catch (PolicyConfigException e) {
            throw new PolicyConfigException(file.toString(), "holds an invalid caller policy: " + e.problem(), e);
        }
    }

    /** A policy that refuses everything. */
    public static CallerPolicy denyAll() {
        return new CallerPolicy(List.of());
    }

    public int ruleCount() {
        return rules.size();
    }

    /**
     * @param caller    the authenticated caller
     * @param agentName the configured agent name the token is for (resolve an appId to its name first);
     *                  {@code null} asks for the blueprint's own token, allowed only by a rule granting
     *                  {@code blueprint-app} (autonomous) or {@code blueprint-obo} (on-behalf-of) for the API
     * @param api       the configured downstream API name, or {@code null} when the caller named raw scopes
     * @param flow      the flow that would run
     * @param scopes    the scopes that would be requested
     */
    public PolicyDecision decide(Caller caller, String agentName, String api, Flow flow, Set<String> scopes) {
        if (agentName == null || agentName.isBlank()) {
            return decideBlueprint(caller, api, flow, scopes);
        }
        List<PolicyRule> matching = rules.stream().filter(r -> r.caller().matches(caller)).toList();
        if (matching.isEmpty()) {
            return PolicyDecision.deny(null, caller.describe() + " is not named by any policy rule (default deny); "
                    + "add a rule for it to the caller policy");
        }
        PolicyRule best = null;
        int bestProgress = -1;
        for (PolicyRule rule : matching) {
            int progress = progress(rule, agentName, api, flow, scopes);
            if (progress == 4) {
                return PolicyDecision.allow(rule.name(), caller.describe() + " may use agent '" + agentName + "' for "
                        + target(api, scopes) + " (" + flowName(flow) + ") by rule '" + rule.name() + "'");
            }
            if (progress > bestProgress) {
                best = rule;
                bestProgress = progress;
            }
        }
        return PolicyDecision.deny(best.name(), refusal(best, bestProgress, caller, agentName, api, flow, scopes));
    }

    private PolicyDecision decideBlueprint(Caller caller, String api, Flow flow, Set<String> scopes) {
        String flowName = flow == Flow.ON_BEHALF_OF ? "blueprint-obo" : flow == Flow.AUTONOMOUS ? "blueprint-app" : null;
        if (flowName != null) {
            for (PolicyRule rule : rules) {
                if (rule.caller().matches(caller) && rule.blueprintFlows().contains(flow) && rule.allowsApi(api)
                        && scopesAllowed(rule, scopes)) {
                    return PolicyDecision.allow(rule.name(), caller.describe() + " may use the blueprint's own token for "
                            + target(api, scopes) + " (" + flowName + ") by rule '" + rule.name() + "'");
                }
            }
        }
        String kind = flowName == null ? "an agent user token without its agent" : "the blueprint's own token (" + flowName + ")";
        return PolicyDecision.deny(null, "the request names no agent identity (AgentIdentity), so it asks for " + kind
                        + ", and no policy rule grants that to " + caller.describe(),
                flowName == null ? "Name the agent with AgentIdentity=<agent name or appId>."
                        : "Name the agent with AgentIdentity=<agent name or appId>, or ask the operator to add the rule "
                        + "{\"name\":\"" + flowName + "-" + (api == null ? "scopes" : api) + "\",\"caller\":" + callerJson(caller)
                        + ",\"apis\":[\"" + (api == null ? "*" : api) + "\"],\"flows\":[\"" + flowName + "\"]} to BRIDGE_POLICY.");
    }

    /** The caller pattern a rule for exactly this caller would hold, as policy JSON. */
    private static String callerJson(Caller caller) {
        switch (caller.kind()) {
            case JWT:
                return "{\"kind\":\"jwt\",\"issuer\":\"" + caller.issuer() + "\",\"subject\":\"" + caller.subject() + "\"}";
            case AWS_IAM:
                return "{\"kind\":\"aws-iam\",\"principalArn\":\"" + caller.principalArn() + "\"}";
            case BEDROCK_AGENT:
                return "{\"kind\":\"bedrock-agent\",\"agentId\":\"" + caller.agentId() + "\"}";
            default:
                return "{\"kind\":\"loopback\"}";
        }
    }

    /** How many of the checks agent, API, flow, scopes pass, in that order (4 = allowed). */
    private static int progress(PolicyRule rule, String agent, String api, Flow flow, Set<String> scopes) {
        if (!rule.allowsAgent(agent)) {
            return 0;
        }
        if (!rule.allowsApi(api)) {
            return 1;
        }
        if (!rule.flows().contains(flow)) {
            return 2;
        }
        return scopesAllowed(rule, scopes) ? 4 : 3;
    }

    private static boolean scopesAllowed(PolicyRule rule, Set<String> scopes) {
        if (rule.scopes().isEmpty()) {
            return true;
        }
        Set<String> allowed = rule.scopes().get().stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return scopes.stream().allMatch(s -> allowed.contains(s.toLowerCase(Locale.ROOT)));
    }

    private static String refusal(PolicyRule rule, int failed, Caller caller, String agent, String api, Flow flow,
                                  Set<String> scopes) {
        String who = caller.describe();
        String by = " (rule '" + rule.name() + "' allows ";
        switch (failed) {
            case 0:
                return who + " may not use agent '" + agent + "'" + by + "agents " + sorted(rule.agents()) + ")";
            case 1:
                return who + " may not use agent '" + agent + "' for " + (api == null ? "raw scopes without an API" : "API '" + api + "'")
                        + by + "APIs " + sorted(rule.apis()) + ")";
            case 2:
                return who + " may not use the " + flowName(flow) + " flow with agent '" + agent + "'" + by + "flows "
                        + rule.flows().stream().map(CallerPolicy::flowName).sorted().toList() + ")";
            default:
                return who + " may not request scopes " + sorted(scopes) + " with agent '" + agent + "'" + by + "scopes "
                        + sorted(rule.scopes().orElse(Set.of())) + ")";
        }
    }

    private static String target(String api, Set<String> scopes) {
        return api == null ? "scopes " + sorted(scopes) : "API '" + api + "'";
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    static String flowName(Flow flow) {
        switch (flow) {
            case ON_BEHALF_OF:
                return "obo";
            case AGENT_USER:
                return "agent-user";
            default:
                return "autonomous";
        }
    }
}
