package dev.entrabridge.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Which user to read and which of their properties: a bounded {@code $select} from {@link #FIELDS}.
 *
 * @param user   user principal name or object id
 * @param select properties to return, each one of {@link #FIELDS} (any case); empty means {@link #DEFAULT_FIELDS}
 */
public record UserLookup(String user, List<String> select) {

    /** Properties a lookup may select: Graph v1.0's default user properties. */
    public static final List<String> FIELDS = List.of("id", "displayName", "givenName", "surname", "userPrincipalName",
            "mail", "jobTitle", "officeLocation", "businessPhones", "mobilePhone", "preferredLanguage");
    /** What a model usually needs to know about a person. */
    public static final List<String> DEFAULT_FIELDS = List.of("id", "displayName", "userPrincipalName", "mail",
            "jobTitle");

    public UserLookup {
        user = UserRef.check(user, "user");
        select = fields(select, FIELDS, DEFAULT_FIELDS, "select");
    }

    public static UserLookup of(String user) {
        return new UserLookup(user, List.of());
    }

    /** Each requested field matched case-insensitively against {@code allowed}, without repeats. */
    static List<String> fields(List<String> requested, List<String> allowed, List<String> dflt, String parameter) {
        if (requested == null || requested.isEmpty()) {
            return dflt;
        }
        List<String> chosen = new ArrayList<>();
        for (String raw : requested) {
            String wanted = raw == null ? "" : raw.trim();
            String field = allowed.stream().filter(f -> f.equalsIgnoreCase(wanted)).findFirst().orElseThrow(() ->
                    InvalidInput.of(parameter, "names " + InvalidInput.quoted(wanted) + ", which is not a property it "
                            + "may select", "Choose from " + String.join(", ", allowed) + "."));
            if (!chosen.contains(field)) {
                chosen.add(field);
            }
        }
        return List.copyOf(chosen);
    }
}
