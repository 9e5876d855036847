package dev.entrabridge.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.token.Flow;
import dev.entrabridge.inbound.Caller;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the caller policy JSON into rules, refusing anything unclear with a message that names the
 * field ({@code rules[2].caller.principalArn: …}), so a typo never silently widens or narrows access.
 */
final class PolicyDocument {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Flow> FLOWS = Map.of(
            "autonomous", Flow.AUTONOMOUS, "obo", Flow.ON_BEHALF_OF, "agent-user", Flow.AGENT_USER);
    /** The blueprint's own token, for requests that name no agent: never granted by any other flow name. */
    private static final Map<String, Flow> BLUEPRINT_FLOWS = Map.of("blueprint-app", Flow.AUTONOMOUS, "blueprint-obo", Flow.ON_BEHALF_OF);
    private static final Set<String> RULE_FIELDS = Set.of("name", "caller", "agents", "apis", "flows", "scopes");

    private PolicyDocument() {
    }

    static List<PolicyRule> parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new PolicyConfigException("caller policy is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new PolicyConfigException("caller policy must be a JSON object with a \"rules\" array");
        }
        onlyFields(root, Set.of("rules"), "");
        JsonNode rules = root.get("rules");
        if (rules == null || !rules.isArray()) {
            throw new PolicyConfigException("rules: required, an array of rules (an empty array denies everything)");
        }
        List<PolicyRule> result = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            PolicyRule rule = rule(rules.get(i), "rules[" + i + "]");
            if (!names.add(rule.name())) {
                throw new PolicyConfigException("rules[" + i + "].name: '" + rule.name() + "' is used by an earlier rule");
            }
            result.add(rule);
        }
        return List.copyOf(result);
    }

    private static PolicyRule rule(JsonNode node, String at) {
        if (!node.isObject()) {
            throw new PolicyConfigException(at + ": must be an object");
        }
        onlyFields(node, RULE_FIELDS, at);
        String name = text(node, "name", at);
        CallerPattern caller = caller(node.get("caller"), at + ".caller");
        Set<String> apis = names(node, "apis", at);
        Set<Flow> flows = new LinkedHashSet<>();
        Set<Flow> blueprintFlows = new LinkedHashSet<>();
        List<String> flowNames = List.copyOf(names(node, "flows", at));
        for (int i = 0; i < flowNames.size(); i++) {
            String flowName = flowNames.get(i).toLowerCase(Locale.ROOT);
            Flow flow = FLOWS.get(flowName);
            Flow blueprint = BLUEPRINT_FLOWS.get(flowName);
            if (flow == null && blueprint == null) {
                throw new PolicyConfigException(at + ".flows[" + i + "]: '" + flowNames.get(i)
                        + "' is not a flow; use autonomous, obo, agent-user, blueprint-app or blueprint-obo");
            }
            if (flow != null) {
                flows.add(flow);
            } else {
                blueprintFlows.add(blueprint);
            }
        }
        // A rule granting only the blueprint's own token names no agent.
        Set<String> agents = flows.isEmpty() && !node.has("agents") ? Set.of() : names(node, "agents", at);
        Optional<Set<String>> scopes = node.has("scopes") ? Optional.of(names(node, "scopes", at)) : Optional.empty();
        return new PolicyRule(name, caller, Set.copyOf(agents), Set.copyOf(apis), Set.copyOf(flows), scopes.map(Set::copyOf),
                Set.copyOf(blueprintFlows));
    }

    private static CallerPattern caller(JsonNode node, String at) {
        if (node == null || !node.isObject()) {
            throw new PolicyConfigException(at + ": required, an object with \"kind\" (loopback, jwt, aws-iam, bedrock-agent)");
        }
        String kind = text(node, "kind", at);
        switch (kind) {
            case "loopback":
                onlyFields(node, Set.of("kind"), at);
                return new CallerPattern(Caller.Kind.LOOPBACK, null, null, null);
            case "jwt":
                onlyFields(node, Set.of("kind", "issuer", "subject"), at);
                String issuer = text(node, "issuer", at);
                if (!issuer.startsWith("https://")) {
                    throw new PolicyConfigException(at + ".issuer: '" + issuer + "' must be the exact https issuer URL");
                }
                return new CallerPattern(Caller.Kind.JWT, issuer, text(node, "subject", at), null);
            case "aws-iam":
                onlyFields(node, Set.of("kind", "principalArn"), at);
                String arn = text(node, "principalArn", at);
                int star = arn.indexOf('*');
                if (!arn.startsWith("arn:")) {
                    throw new PolicyConfigException(at + ".principalArn: '" + arn + "' is not an ARN (arn:aws:iam::…)");
                }
                if (star >= 0 && star != arn.length() - 1) {
                    throw new PolicyConfigException(at + ".principalArn: '*' is only allowed as the last character, in '" + arn + "'");
                }
                if (star >= 0 && arn.length() - 1 < "arn:aws:iam::123456789012:".length()) {
                    throw new PolicyConfigException(at + ".principalArn: '" + arn
                            + "' is too broad; a wildcard must follow at least the account id");
                }
                return new CallerPattern(Caller.Kind.AWS_IAM, null, null, arn);
            case "bedrock-agent":
                onlyFields(node, Set.of("kind", "agentId"), at);
                return new CallerPattern(Caller.Kind.BEDROCK_AGENT, null, null, text(node, "agentId", at));
            default:
                throw new PolicyConfigException(at + ".kind: '" + kind + "' is not a caller kind; use loopback, jwt, aws-iam or bedrock-agent");
        }
    }

    private static Set<String> names(JsonNode parent, String field, String at) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new PolicyConfigException(at + "." + field + ": required, a non-empty array of strings");
        }
        Set<String> values = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode v = node.get(i);
            if (!v.isTextual() || v.asText().isBlank()) {
                throw new PolicyConfigException(at + "." + field + "[" + i + "]: must be a non-blank string");
            }
            values.add(v.asText());
        }
        return values;
    }

    private static String text(JsonNode node, String field, String at) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new PolicyConfigException(at + "." + field + ": required, a non-blank string");
        }
        if (!v.asText().equals(v.asText().strip())) {
            throw new PolicyConfigException(at + "." + field + ": has leading or trailing whitespace; values match exactly");
        }
        return v.asText();
    }

    private static void onlyFields(JsonNode node, Set<String> allowed, String at) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new PolicyConfigException((at.isEmpty() ? "" : at + ".") + f + ": unknown field; allowed here: "
                        + new java.util.TreeSet<>(allowed));
            }
        }
    }
}
