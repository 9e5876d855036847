package dev.entrabridge.sidecar.setup;

import java.net.URI;
import java.util.Optional;

/**
 * One Microsoft Graph request the setup sends or, in a dry run, would send; printed exactly, with the
 * bearer token it carries shown only as a placeholder.
 */
record GraphRequest(String method, URI uri, Optional<String> jsonBody) {

    String render() {
        StringBuilder s = new StringBuilder(method).append(' ').append(uri).append('\n')
                .append("Authorization: Bearer <token>\n");
        jsonBody.ifPresent(b -> s.append("Content-Type: application/json\n\n").append(b).append('\n'));
        return s.toString();
    }
}
