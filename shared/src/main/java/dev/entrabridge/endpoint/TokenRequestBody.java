package dev.entrabridge.endpoint;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The JSON body of {@code POST /token}:
 * {@code {"agentIdentity","api"|"scopes","agentUserId"?|"agentUsername"?}}.
 */
record TokenRequestBody(String agentIdentity, String api, List<String> scopes, String agentUserId, String agentUsername) {

    @JsonCreator
    TokenRequestBody(@JsonProperty("agentIdentity") String agentIdentity, @JsonProperty("api") String api,
                     @JsonProperty("scopes") List<String> scopes, @JsonProperty("agentUserId") String agentUserId,
                     @JsonProperty("agentUsername") String agentUsername) {
        this.agentIdentity = agentIdentity;
        this.api = api;
        this.scopes = scopes;
        this.agentUserId = agentUserId;
        this.agentUsername = agentUsername;
    }
}
