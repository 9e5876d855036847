package dev.entrabridge.testing;

import dev.entrabridge.emulator.cloud.EmulatedCloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Finds what must never be logged: JWT-shaped strings (tokens, assertions) and the secrets the
 * tests configure. Reports only where and what kind, never the value.
 */
public final class LogScanner {

    /** Three base64url segments, the first one a JSON header ("eyJ"). */
    static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*");

    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

    static {
        secret(EmulatedCloud.BLUEPRINT_SECRET);
        secret(EmulatedCloud.AWS_SECRET_ACCESS_KEY);
        secret(EmulatedCloud.USER_PASSWORD);
        secret("expired-dev-secret");
        secret("not-the-secret");
        secret("dev-secret-value");
    }

    private LogScanner() {
    }

    /** Registers a secret value the tests use; any log line containing it is a leak. */
    public static void secret(String value) {
        SECRETS.add(value);
    }

    /** One finding per offending line: "line N: JWT" or "line N: secret #k". */
    public static List<String> findings(List<String> lines) {
        List<String> findings = new ArrayList<>();
        List<String> secrets = List.copyOf(SECRETS);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (JWT.matcher(line).find()) {
                findings.add("line " + (i + 1) + ": JWT-shaped value in \"" + JWT.matcher(line).replaceAll("<jwt>") + "\"");
            }
            for (int s = 0; s < secrets.size(); s++) {
                if (line.contains(secrets.get(s))) {
                    findings.add("line " + (i + 1) + ": known secret #" + s);
                }
            }
        }
        return findings;
    }
}
