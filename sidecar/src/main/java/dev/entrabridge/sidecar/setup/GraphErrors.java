package dev.entrabridge.sidecar.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** Turns Graph's error body into one line: its code and message, and for the usual refusals what to do. */
final class GraphErrors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 600;

    private GraphErrors() {
    }

    static String describe(int status, byte[] body) {
        String code = "";
        String message = "";
        try {
            JsonNode error = JSON.readTree(body).path("error");
            code = error.path("code").asText("");
            message = error.path("message").asText("");
        } catch (IOException e) {
            // Not Graph's error shape (a proxy's page, say): the status alone has to do.
        }
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "…";
        }
        String line = (code + (message.isEmpty() ? "" : ": " + message)).trim();
        return line + remedy(status, code);
    }

    private static String remedy(int status, String code) {
        if (status == 401) {
            return " — the token was refused: get a fresh Microsoft Graph token (az account get-access-token "
                    + "--resource https://graph.microsoft.com) and pass it with --graph-token-file";
        }
        if (status == 403 && code.equals("Directory_ResourceSizeExceeded")) {
            return " — the blueprint holds Entra's maximum of 20 federated identity credentials: remove unused ones";
        }
        if (status == 403) {
            return " — the token lacks the permission: reading needs AgentIdentityBlueprint.Read.All, creating "
                    + "AgentIdentityBlueprint.AddRemoveCreds.All (delegated, with the Agent ID Administrator or Developer role, "
                    + "or as the blueprint's owner)";
        }
        if (status == 404) {
            return " — no agent identity blueprint with this id in the token's tenant: check --blueprint (its appId) and "
                    + "that the token is for the blueprint's tenant";
        }
        return "";
    }
}
