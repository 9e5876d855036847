package dev.entrabridge.infra;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Least privilege of the functions' execution roles in the translated template: a role Lambda assumes may
 * have no managed policy and only two kinds of statement: {@code sts:GetWebIdentityToken} on {@code *} with
 * the audience, duration and signing-algorithm conditions Entra needs, and writing to the function's own log
 * group. (cfn-lint accepts any valid action, so this is where an extra one is caught.)
 */
final class LambdaRoleCheck {

    static final Map<String, String> TOKEN_CONDITIONS = Map.of(
            "ForAllValues:StringEquals/sts:IdentityTokenAudience", "api://AzureADTokenExchange",
            "NumericLessThanEquals/sts:DurationSeconds", "300",
            "StringEquals/sts:SigningAlgorithm", "RS256");
    private static final Set<String> LOG_ACTIONS = Set.of("logs:CreateLogStream", "logs:PutLogEvents");

    private LambdaRoleCheck() {
    }

    /** Every statement of a Lambda execution role that grants more than that, described. */
    static List<String> problems(JsonNode cloudFormation) {
        List<String> problems = new ArrayList<>();
        JsonNode resources = cloudFormation.path("Resources");
        resources.properties().forEach(e -> {
            JsonNode role = e.getValue();
            if (!role.path("Type").asText().equals("AWS::IAM::Role") || !assumedByLambda(role)) {
                return;
            }
            String id = e.getKey();
            if (!role.path("Properties").path("ManagedPolicyArns").isMissingNode()) {
                problems.add(id + ": has managed policies " + role.path("Properties").path("ManagedPolicyArns"));
            }
            int tokenStatements = 0;
            for (JsonNode policy : role.path("Properties").path("Policies")) {
                for (JsonNode statement : policy.path("PolicyDocument").path("Statement")) {
                    List<String> actions = strings(statement.path("Action"));
                    if (!statement.path("Effect").asText().equals("Allow")) {
                        continue;
                    }
                    if (actions.equals(List.of("sts:GetWebIdentityToken"))) {
                        tokenStatements++;
                        problems.addAll(tokenStatementProblems(id, statement));
                    } else if (!actions.isEmpty() && LOG_ACTIONS.containsAll(actions)) {
                        if (!isOwnLogGroup(id, statement.path("Resource"), resources)) {
                            problems.add(id + ": may write logs to " + statement.path("Resource") + ", not only its log group");
                        }
                    } else {
                        problems.add(id + ": allows " + actions + " (only sts:GetWebIdentityToken and its own logs are allowed)");
                    }
                }
            }
            if (tokenStatements != 1) {
                problems.add(id + ": has " + tokenStatements + " sts:GetWebIdentityToken statements, not exactly one");
            }
        });
        return problems;
    }

    private static List<String> tokenStatementProblems(String id, JsonNode statement) {
        List<String> problems = new ArrayList<>();
        if (!statement.path("Resource").asText().equals("*")) {
            problems.add(id + ": sts:GetWebIdentityToken is on " + statement.path("Resource") + " (it only takes *)");
        }
        TOKEN_CONDITIONS.forEach((path, expected) -> {
            String[] p = path.split("/");
            JsonNode value = statement.path("Condition").path(p[0]).path(p[1]);
            List<String> values = strings(value);
            if (!values.equals(List.of(expected))) {
                problems.add(id + ": condition " + p[0] + " " + p[1] + " is " + (value.isMissingNode() ? "missing" : values)
                        + ", expected " + expected);
            }
        });
        return problems;
    }

    private static boolean assumedByLambda(JsonNode role) {
        for (JsonNode s : role.path("Properties").path("AssumeRolePolicyDocument").path("Statement")) {
            if (strings(s.path("Principal").path("Service")).contains("lambda.amazonaws.com")) {
                return true;
            }
        }
        return false;
    }

    /** {@code !GetAtt <LogGroup>.Arn} of the log group that a function running as this role logs to. */
    private static boolean isOwnLogGroup(String roleId, JsonNode resource, JsonNode resources) {
        JsonNode getAtt = resource.path("Fn::GetAtt");
        if (!getAtt.isArray() || getAtt.size() != 2 || !getAtt.get(1).asText().equals("Arn")) {
            return false;
        }
        String logGroup = getAtt.get(0).asText();
        for (JsonNode r : resources) {
            JsonNode p = r.path("Properties");
            if (r.path("Type").asText().equals("AWS::Lambda::Function")
                    && p.path("Role").path("Fn::GetAtt").path(0).asText().equals(roleId)
                    && p.path("LoggingConfig").path("LogGroup").path("Ref").asText().equals(logGroup)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (node.isValueNode()) {
            out.add(node.asText());
        }
        return out;
    }
}
