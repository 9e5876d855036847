package dev.entrabridge.emulator.gcp;

import java.util.Objects;

/**
 * The Compute Engine instance and default service account the metadata emulator describes.
 *
 * @param serviceAccountEmail    the default service account's email ({@code email} claim)
 * @param serviceAccountUniqueId its numeric unique id ({@code sub} and {@code azp})
 * @param projectId              project id
 * @param projectNumber          project number
 * @param zone                   zone, e.g. {@code us-central1-a}
 * @param instanceId             numeric instance id
 * @param instanceName           instance name
 */
public record GceInstance(String serviceAccountEmail, String serviceAccountUniqueId, String projectId,
                          String projectNumber, String zone, String instanceId, String instanceName) {

    public GceInstance {
        Objects.requireNonNull(serviceAccountEmail, "serviceAccountEmail");
        if (serviceAccountUniqueId == null || !serviceAccountUniqueId.matches("\\d{1,30}")) {
            throw new IllegalArgumentException("serviceAccountUniqueId must be numeric: " + serviceAccountUniqueId);
        }
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(projectNumber, "projectNumber");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(instanceName, "instanceName");
    }

    /** An example instance in {@code example-project}. */
    public static GceInstance example() {
        return new GceInstance("graph-actions@example-project.iam.gserviceaccount.com", "112233445566778899001",
                "example-project", "123456789012", "us-central1-a", "4567890123456789012", "graph-actions-vm");
    }
}
