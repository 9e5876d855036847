package dev.entrabridge.sidecar.setup;

import java.util.List;

/** A federated identity credential the blueprint already has, as Graph lists it. */
record ExistingCredential(String id, String name, String issuer, String subject, List<String> audiences) {

    ExistingCredential {
        audiences = List.copyOf(audiences);
    }
}
