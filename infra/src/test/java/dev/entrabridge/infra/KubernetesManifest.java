package dev.entrabridge.infra;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent pod manifest as the checks see it: its objects, the sidecar container, and what the pattern
 * requires of it (loopback only, non-root, read-only root, no capabilities, no Kubernetes API token, the
 * projected Entra-audience token through the token-file source, probes through the probe command).
 */
final class KubernetesManifest {

    static final String SIDECAR = "entra-agent-bridge";
    static final String EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";

    private final List<JsonNode> objects;

    private KubernetesManifest(List<JsonNode> objects) {
        this.objects = objects;
    }

    static KubernetesManifest read(Path file) {
        return new KubernetesManifest(Templates.yamlDocuments(file));
    }

    List<JsonNode> objects() {
        return objects;
    }

    JsonNode object(String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + kind + " in the manifest"));
    }

    JsonNode podSpec() {
        return object("Deployment").path("spec").path("template").path("spec");
    }

    JsonNode sidecar() {
        for (String list : new String[] {"initContainers", "containers"}) {
            for (JsonNode c : podSpec().path(list)) {
                if (c.path("name").asText().equals(SIDECAR)) {
                    return c;
                }
            }
        }
        throw new IllegalStateException("no container named " + SIDECAR);
    }

    /** The sidecar's environment: the ConfigMap it imports, then its own variables (which win). */
    Map<String, String> sidecarEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : sidecar().path("envFrom")) {
            String name = from.path("configMapRef").path("name").asText();
            objects.stream().filter(o -> o.path("kind").asText().equals("ConfigMap") && o.path("metadata").path("name")
                    .asText().equals(name)).forEach(cm -> cm.path("data").properties()
                    .forEach(e -> env.put(e.getKey(), e.getValue().asText())));
        }
        sidecar().path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        return env;
    }

    /** What the manifest gets wrong about the sidecar pattern. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        JsonNode pod = podSpec();
        JsonNode c = sidecar();
        List<String> args = new ArrayList<>();
        c.path("args").forEach(a -> args.add(a.asText()));
        if (args.contains("--allow-from") || (args.contains("--bind") && !args.contains("127.0.0.1"))) {
            problems.add("the sidecar must serve loopback callers only, but its args are " + args);
        }
        JsonNode sc = c.path("securityContext");
        if (!pod.path("securityContext").path("runAsNonRoot").asBoolean(false) && !sc.path("runAsNonRoot").asBoolean(false)) {
            problems.add("the sidecar may run as root (set runAsNonRoot: true)");
        }
        if (!sc.path("readOnlyRootFilesystem").asBoolean(false)) {
            problems.add("the sidecar's root filesystem is writable (set readOnlyRootFilesystem: true)");
        }
        if (sc.path("allowPrivilegeEscalation").asBoolean(true)) {
            problems.add("the sidecar may escalate privileges (set allowPrivilegeEscalation: false)");
        }
        List<String> dropped = new ArrayList<>();
        sc.path("capabilities").path("drop").forEach(d -> dropped.add(d.asText()));
        if (!dropped.contains("ALL")) {
            problems.add("the sidecar keeps Linux capabilities (drop ALL)");
        }
        if (pod.path("automountServiceAccountToken").asBoolean(true)) {
            problems.add("the pod mounts a Kubernetes API token it does not need (automountServiceAccountToken: false)");
        }
        Map<String, String> env = sidecarEnvironment();
        if (!"token-file".equals(env.get("BRIDGE_CREDENTIAL_SOURCE"))) {
            problems.add("the sidecar's credential source is " + env.get("BRIDGE_CREDENTIAL_SOURCE") + ", not token-file");
        }
        String tokenFile = env.getOrDefault("AZURE_FEDERATED_TOKEN_FILE", "");
        boolean projected = false;
        for (JsonNode v : pod.path("volumes")) {
            for (JsonNode source : v.path("projected").path("sources")) {
                JsonNode sat = source.path("serviceAccountToken");
                if (sat.isMissingNode()) {
                    continue;
                }
                for (JsonNode m : c.path("volumeMounts")) {
                    if (m.path("name").asText().equals(v.path("name").asText())
                            && tokenFile.equals(m.path("mountPath").asText() + "/" + sat.path("path").asText())) {
                        projected = EXCHANGE_AUDIENCE.equals(sat.path("audience").asText());
                        if (!projected) {
                            problems.add("the projected token's audience is " + sat.path("audience") + ", not " + EXCHANGE_AUDIENCE);
                        }
                    }
                }
            }
        }
        if (!projected && problems.stream().noneMatch(p -> p.startsWith("the projected token"))) {
            problems.add("AZURE_FEDERATED_TOKEN_FILE (" + tokenFile + ") is not a projected service account token mounted "
                    + "into the sidecar");
        }
        for (String probe : new String[] {"startupProbe", "readinessProbe", "livenessProbe"}) {
            List<String> command = new ArrayList<>();
            c.path(probe).path("exec").path("command").forEach(a -> command.add(a.asText()));
            if (!command.contains("probe")) {
                problems.add("the sidecar's " + probe + " does not run its probe command (an HTTP probe cannot reach a "
                        + "loopback-only server): " + command);
            }
        }
        return problems;
    }
}
