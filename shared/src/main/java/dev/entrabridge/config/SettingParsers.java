package dev.entrabridge.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/** Parses setting values into types, failing with a message that names the setting and the expected form. */
final class SettingParsers {

    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9-]+)+");

    private SettingParsers() {
    }

    static boolean isGuid(String s) {
        return GUID.matcher(s).matches();
    }

    static String guid(Setting s, String what) {
        if (!isGuid(s.value())) {
            throw s.invalid("is '" + s.value() + "', which is not a GUID: set it to " + what
                    + " (form 00000000-0000-0000-0000-000000000000)");
        }
        return s.value().toLowerCase(Locale.ROOT);
    }

    static String tenant(Setting s) {
        String v = s.value();
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.equals("common") || lower.equals("organizations") || lower.equals("consumers")) {
            throw s.invalid("is '" + v + "', which Agent ID does not support: set it to your tenant's GUID "
                    + "(the agent identities' home tenant)");
        }
        if (!isGuid(v) && !DOMAIN.matcher(v).matches()) {
            throw s.invalid("is '" + v + "', which is neither a GUID nor a domain: set it to your tenant's GUID");
        }
        return isGuid(v) ? lower : v;
    }

    /** An absolute http(s) URI with a host; {@code httpsOnly} for authority hosts. */
    static URI url(Setting s, boolean httpsOnly, String example) {
        try {
            URI u = new URI(s.value());
            boolean schemeOk = "https".equalsIgnoreCase(u.getScheme())
                    || (!httpsOnly && "http".equalsIgnoreCase(u.getScheme()));
            if (!schemeOk || u.getHost() == null) {
                throw s.invalid("is '" + s.value() + "', which is not an absolute " + (httpsOnly ? "https" : "http(s)")
                        + " URL: set it to e.g. " + example);
            }
            return u;
        } catch (URISyntaxException e) {
            throw s.invalid("is '" + s.value() + "', which is not a URL: set it to e.g. " + example);
        }
    }

    /** Scheme, host and optional port only; any path is refused because it would be silently ignored. */
    static URI origin(Setting s, String example) {
        URI u = url(s, false, example);
        if (u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/")) {
            throw s.invalid("is '" + s.value() + "', which has a path: give only scheme, host and port, e.g. " + example);
        }
        return URI.create(u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getRawAuthority());
    }

    static int integer(Setting s, int min, int max) {
        try {
            int v = Integer.parseInt(s.value());
            if (v < min || v > max) {
                throw s.invalid("is " + v + ", outside " + min + ".." + max + ": set a whole number in that range");
            }
            return v;
        } catch (NumberFormatException e) {
            throw s.invalid("is '" + s.value() + "', not a whole number: set a number between " + min + " and " + max);
        }
    }

    static Duration millis(Setting s, int min, int max) {
        return Duration.ofMillis(integer(s, min, max));
    }

    static boolean bool(Setting s) {
        switch (s.value().toLowerCase(Locale.ROOT)) {
            case "true":
            case "1":
            case "yes":
                return true;
            case "false":
            case "0":
            case "no":
                return false;
            default:
                throw s.invalid("is '" + s.value() + "': set it to true or false");
        }
    }

    static Path readableFile(Setting s, String what) {
        Path p = Path.of(s.value());
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw s.invalid("names '" + s.value() + "', which is not a readable file: set it to the path of " + what);
        }
        return p;
    }
}
