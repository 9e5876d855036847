package dev.entrabridge.graph;

import dev.entrabridge.graph.GraphOperation.Permission;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The least Graph permission a GET of a path needs, for the paths agents commonly read, so a 403
 * on the generic GET can name what to grant too. Unknown paths get no guess.
 */
final class GraphPermissions {

    private record Rule(String segmentPattern, Permission permission) { }

    /** Matched in order against {@code /first/second/third} of the path below {@code /v1.0}. */
    private static final List<Rule> RULES = List.of(
            new Rule("users/*/(calendarview|events|calendar|calendars)", new Permission("Calendars.Read", "Calendars.Read")),
            new Rule("users/*/(messages|mailfolders)", new Permission("Mail.Read", "Mail.Read")),
            new Rule("users/*/contacts", new Permission("Contacts.Read", "Contacts.Read")),
            new Rule("users/*/(drive|drives)", new Permission("Files.Read.All", "Files.Read.All")),
            new Rule("users", new Permission("User.Read.All", "User.ReadBasic.All")),
            new Rule("groups", new Permission("GroupMember.Read.All", "GroupMember.Read.All")),
            new Rule("(applications|serviceprincipals)", new Permission("Application.Read.All", "Application.Read.All")),
            new Rule("organization", new Permission("Organization.Read.All", "User.Read")),
            new Rule("sites", new Permission("Sites.Read.All", "Sites.Read.All")),
            new Rule("drives", new Permission("Files.Read.All", "Files.Read.All")),
            new Rule("devices", new Permission("Device.Read.All", "Device.Read.All")),
            new Rule("(directoryroles|rolemanagement)", new Permission("RoleManagement.Read.Directory",
                    "RoleManagement.Read.Directory")),
            new Rule("auditlogs", new Permission("AuditLog.Read.All", "AuditLog.Read.All")),
            new Rule("teams", new Permission("Team.ReadBasic.All", "Team.ReadBasic.All")));

    private GraphPermissions() {
    }

    /** @param path below {@code /v1.0}, e.g. {@code /users/adele@contoso.com/manager} */
    static Optional<Permission> forPath(String path) {
        String[] segments = path.toLowerCase(Locale.ROOT).replaceFirst("^/", "").split("/");
        for (Rule rule : RULES) {
            String[] pattern = rule.segmentPattern().split("/");
            if (segments.length >= pattern.length && matches(segments, pattern)) {
                return Optional.of(rule.permission());
            }
        }
        return Optional.empty();
    }

    private static boolean matches(String[] segments, String[] pattern) {
        for (int i = 0; i < pattern.length; i++) {
            String segment = segments[i].replaceFirst("\\(.*$", "");
            if (!pattern[i].equals("*") && !segment.matches(pattern[i])) {
                return false;
            }
        }
        return true;
    }
}
