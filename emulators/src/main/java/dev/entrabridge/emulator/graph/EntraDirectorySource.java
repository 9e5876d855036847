package dev.entrabridge.emulator.graph;

import dev.entrabridge.emulator.entra.BlueprintApp;
import dev.entrabridge.emulator.entra.Directory;
import dev.entrabridge.emulator.entra.FederatedIdentityCredential;
import dev.entrabridge.emulator.entra.Tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Serves one tenant of the Entra emulator's directory through Graph: blueprints as application
 * objects (with password and key credential metadata, never secret values), their federated
 * identity credentials, and the tenant's users and agent users. Read live, so objects added to the
 * directory after start are visible at once.
 */
public final class EntraDirectorySource implements GraphApplications {

    private final Directory directory;
    private final String tenantId;

    public EntraDirectorySource(Directory directory, String tenantId) {
        this.directory = directory;
        this.tenantId = tenantId;
    }

    @Override
    public Optional<Map<String, Object>> application(String objectId) {
        return blueprint(objectId).map(EntraDirectorySource::application);
    }

    @Override
    public List<Map<String, Object>> federatedIdentityCredentials(String objectId) {
        List<Map<String, Object>> fics = new ArrayList<>();
        blueprint(objectId).ifPresent(b -> b.federatedCredentials().forEach(f -> fics.add(fic(b, f))));
        return fics;
    }

    @Override
    public Optional<String> objectIdOfAppId(String appId) {
        return tenant().flatMap(t -> t.blueprints().stream().filter(b -> b.appId().equals(appId)).findFirst())
                .map(BlueprintApp::objectId);
    }

    /**
     * Adds the credential to the blueprint in the Entra emulator's directory, so the token endpoint trusts it
     * at once (after the directory's propagation delay), as Entra does once Graph accepted it.
     */
    @Override
    public Map<String, Object> addFederatedIdentityCredential(String objectId, String name, String issuer, String subject,
                                                              List<String> audiences) {
        BlueprintApp b = blueprint(objectId).orElseThrow(() -> GraphError.notFound(objectId));
        b.federatedCredential(name, issuer, subject, audiences);
        FederatedIdentityCredential added = b.federatedCredentials().stream().filter(f -> f.name().equals(name))
                .findFirst().orElseThrow();
        return fic(b, added);
    }

    /** The tenant's users and agent users as Graph users (display name = the UPN's local part). */
    public List<GraphUser> users() {
        List<GraphUser> users = new ArrayList<>();
        tenant().ifPresent(t -> {
            t.users().forEach(u -> users.add(user(u.objectId(), u.userPrincipalName(), null)));
            t.agentUsers().forEach(u -> users.add(user(u.objectId(), u.userPrincipalName(), "Agent user")));
        });
        return users;
    }

    private Optional<Tenant> tenant() {
        return directory.find(tenantId);
    }

    private Optional<BlueprintApp> blueprint(String objectId) {
        return tenant().flatMap(t -> t.blueprints().stream().filter(b -> b.objectId().equals(objectId)).findFirst());
    }

    private static Map<String, Object> application(BlueprintApp b) {
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("@odata.type", SeededApplications.BLUEPRINT_TYPE);
        app.put("id", b.objectId());
        app.put("appId", b.appId());
        app.put("displayName", "Agent identity blueprint " + b.appId());
        List<Map<String, Object>> passwords = new ArrayList<>();
        b.secrets().forEach(s -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("customKeyIdentifier", null);
            p.put("displayName", null);
            p.put("endDateTime", s.expiry().toString());
            // Graph shows the first three characters as a hint and never the secret itself.
            p.put("hint", s.value().substring(0, Math.min(3, s.value().length())));
            p.put("keyId", UUID.nameUUIDFromBytes(s.value().getBytes(StandardCharsets.UTF_8)).toString());
            p.put("secretText", null);
            p.put("startDateTime", null);
            passwords.add(p);
        });
        app.put("passwordCredentials", passwords);
        List<Map<String, Object>> keys = new ArrayList<>();
        b.certificates().forEach(c -> keys.add(keyCredential(c)));
        app.put("keyCredentials", keys);
        return app;
    }

    private static Map<String, Object> keyCredential(X509Certificate c) {
        byte[] der;
        try {
            der = c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode a blueprint certificate", e);
        }
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("customKeyIdentifier", sha1(der));
        k.put("displayName", c.getSubjectX500Principal().getName());
        k.put("endDateTime", c.getNotAfter().toInstant().toString());
        k.put("key", null);
        k.put("keyId", UUID.nameUUIDFromBytes(der).toString());
        k.put("startDateTime", c.getNotBefore().toInstant().toString());
        k.put("type", "AsymmetricX509Cert");
        k.put("usage", "Verify");
        return k;
    }

    private static Map<String, Object> fic(BlueprintApp b, FederatedIdentityCredential f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", UUID.nameUUIDFromBytes((b.objectId() + "/" + f.name()).getBytes(StandardCharsets.UTF_8)).toString());
        m.put("name", f.name());
        m.put("issuer", f.issuer());
        m.put("subject", f.subject());
        m.put("description", null);
        m.put("audiences", f.audiences());
        return m;
    }

    private static GraphUser user(String objectId, String upn, String jobTitle) {
        String local = upn.contains("@") ? upn.substring(0, upn.indexOf('@')) : upn;
        return new GraphUser(objectId, upn, local, null, null, upn.toLowerCase(Locale.ROOT), jobTitle);
    }

    private static String sha1(byte[] der) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "Entra emulator directory, tenant " + tenantId;
    }
}
