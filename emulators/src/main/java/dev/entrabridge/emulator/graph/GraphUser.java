package dev.entrabridge.emulator.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A user in the emulated directory, with the properties Graph v1.0 returns by default.
 *
 * @param id                the object id
 * @param userPrincipalName the UPN, unique case-insensitively
 * @param displayName       display name
 * @param givenName         first name, or {@code null}
 * @param surname           last name, or {@code null}
 * @param mail              SMTP address, or {@code null}
 * @param jobTitle          job title, or {@code null}
 */
public record GraphUser(String id, String userPrincipalName, String displayName, String givenName, String surname,
                        String mail, String jobTitle) {

    public GraphUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userPrincipalName, "userPrincipalName");
        Objects.requireNonNull(displayName, "displayName");
    }

    /** The default property set, in Graph's order. */
    Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("businessPhones", List.of());
        p.put("displayName", displayName);
        p.put("givenName", givenName);
        p.put("jobTitle", jobTitle);
        p.put("mail", mail);
        p.put("mobilePhone", null);
        p.put("officeLocation", null);
        p.put("preferredLanguage", null);
        p.put("surname", surname);
        p.put("userPrincipalName", userPrincipalName);
        p.put("id", id);
        return p;
    }
}
