package dev.entrabridge.emulator.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Graph checks before it stores a new federated identity credential, with the codes and messages it
 * answers: the body's properties, a name that is a valid last URI segment of at most 120 characters and
 * unique on the application (409), issuer, subject and the one audience of at most 600 characters each,
 * issuer and subject unique as a pair (400), and at most 20 credentials per application (403, the
 * directory's object size limit).
 */
final class FederatedCredentialRules {

    static final int MAX_CREDENTIALS = 20;
    static final int MAX_NAME = 120;
    static final int MAX_VALUE = 600;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PROPERTIES = Set.of("name", "issuer", "subject", "audiences", "description",
            "claimsMatchingExpression");
    /** RFC 3986 unreserved characters: what a last path segment holds without escaping (Graph refuses '/' and spaces). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final String OBJECT_TYPE = "Microsoft.Online.DirectoryServices.Application";

    /** A request body that passed the rules. */
    record Accepted(String name, String issuer, String subject, List<String> audiences) {
    }

    private FederatedCredentialRules() {
    }

    /**
     * Checks {@code body} against the application's {@code existing} credentials.
     *
     * @throws GraphError as Graph answers the first rule the body breaks
     */
    static Accepted check(byte[] body, List<Map<String, Object>> existing) {
        JsonNode json = parse(body);
        json.fieldNames().forEachRemaining(field -> {
            if (!PROPERTIES.contains(field)) {
                throw GraphError.badRequest("BadRequest", "Invalid property '" + field + "'. The property '" + field
                        + "' does not exist on type 'microsoft.graph.federatedIdentityCredential'. Make sure to only use "
                        + "property names that are defined by the type.");
            }
        });
        if (!json.path("claimsMatchingExpression").isMissingNode() && !json.path("claimsMatchingExpression").isNull()) {
            // Flexible credentials exist only for a few issuers (GitHub, GitLab, Terraform Cloud), never on this route here.
            throw invalid("ClaimsMatchingExpression", "is not supported by this emulator",
                    json.path("claimsMatchingExpression").toString());
        }
        String name = text(json, "name", "Name");
        if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            throw invalidValue("The specified Name value is not a valid URI last segment.", "Name", name);
        }
        String issuer = text(json, "issuer", "Issuer");
        String subject = text(json, "subject", "Subject");
        JsonNode audiences = json.path("audiences");
        if (!audiences.isArray() || audiences.size() != 1 || !audiences.get(0).isTextual()
                || audiences.get(0).asText().isBlank()) {
            throw invalidValue("Audiences must contain exactly one value.", "Audiences", audiences.toString());
        }
        String audience = audiences.get(0).asText();
        if (audience.length() > MAX_VALUE) {
            throw invalidValue("The Audiences value exceeds the maximum length of " + MAX_VALUE + ".", "Audiences", audience);
        }
        for (Map<String, Object> fic : existing) {
            if (name.equals(fic.get("name"))) {
                throw new GraphError(409, "Request_MultipleObjectsWithSameKeyValue",
                        "FederatedIdentityCredential with name " + name + " already exists.");
            }
        }
        for (Map<String, Object> fic : existing) {
            // Matching, like Entra's token endpoint, is exact and case-sensitive.
            if (issuer.equals(fic.get("issuer")) && subject.equals(fic.get("subject"))) {
                throw invalidValue("The combination of issuer and subject must be unique for the application. Issuer "
                        + issuer + " and Subject: " + subject + " already exist.", "Subject", subject);
            }
        }
        if (existing.size() >= MAX_CREDENTIALS) {
            throw new GraphError(403, "Directory_ResourceSizeExceeded",
                    "The size of the object has exceeded its limit. Please reduce the number of values and retry your request.");
        }
        return new Accepted(name, issuer, subject, new ArrayList<>(List.of(audience)));
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw GraphError.badRequest("BadRequest", "Empty Payload. JSON content expected.");
        }
        try {
            JsonNode json = JSON.readTree(body);
            if (json == null || !json.isObject()) {
                throw GraphError.badRequest("BadRequest", "Invalid JSON payload: an object is expected.");
            }
            return json;
        } catch (IOException e) {
            throw GraphError.badRequest("BadRequest", "Unable to read JSON request payload. Please ensure Content-Type "
                    + "header is set and payload is of valid JSON format.");
        }
    }

    private static String text(JsonNode json, String field, String param) {
        JsonNode v = json.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw invalidValue("The " + param + " value is required.", param, v.isMissingNode() ? "" : v.toString());
        }
        String s = v.asText();
        if (s.length() > MAX_VALUE) {
            throw invalidValue("The " + param + " value exceeds the maximum length of " + MAX_VALUE + ".", param, s);
        }
        return s;
    }

    private static GraphError invalid(String param, String problem, String value) {
        return invalidValue("The " + param + " value " + problem + ".", param, value);
    }

    /** Graph's shape for a refused credential value: the rule, then which parameter and value, then the object type. */
    private static GraphError invalidValue(String message, String param, String value) {
        return GraphError.badRequest("InvalidFederatedIdentityCredentialValue", message + " paramName: FederatedIdentityCredential."
                + param + ", paramValue: " + value + ", objectType: " + OBJECT_TYPE);
    }
}
