package dev.entrabridge.credential;

import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.token.Diagnosis.Category;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Reads the assertion from a projected token file (Kubernetes/AKS {@code AZURE_FEDERATED_TOKEN_FILE}).
 * The kubelet rotates the file; the bridge re-reads it whenever it changed or the token it holds
 * is near expiry, so a rotated token is picked up without a restart.
 */
public final class TokenFileAssertionSource implements ClientAssertionSource {

    private static final System.Logger LOG = System.getLogger(TokenFileAssertionSource.class.getName());
    static final Duration NEAR_EXPIRY = Duration.ofSeconds(60);

    private final Path file;
    private final Clock clock;
    private ClientAssertion current;
    private FileTime readModified;
    private long readSize = -1;

    public TokenFileAssertionSource(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    @Override
    public synchronized ClientAssertion assertion() {
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            boolean changed = current == null || !attrs.lastModifiedTime().equals(readModified) || attrs.size() != readSize;
            if (changed || nearExpiry(current)) {
                String text = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (text.isEmpty()) {
                    throw CredentialFailures.of(Category.CREDENTIAL, "BRIDGE_TOKEN_FILE_EMPTY",
                            "The federated token file " + file + " is empty.",
                            "Check the projected service account token volume (workload identity webhook) of the pod.", null);
                }
                current = ClientAssertion.fromJwt(text);
                readModified = attrs.lastModifiedTime();
                readSize = attrs.size();
                LOG.log(Level.DEBUG, "event=assertion_read source=token-file file={0} expires={1}", file,
                        current.expiresAt().map(Instant::toString).orElse("unknown"));
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "event=assertion_failed source=token-file file={0} code=BRIDGE_TOKEN_FILE_UNREADABLE", file);
            throw CredentialFailures.of(Category.CREDENTIAL, "BRIDGE_TOKEN_FILE_UNREADABLE",
                    "The federated token file " + file + " cannot be read (" + e.getClass().getSimpleName() + ").",
                    "Check AZURE_FEDERATED_TOKEN_FILE and that the token volume is mounted into the container.", e);
        }
        if (current.expiresAt().map(exp -> !clock.instant().isBefore(exp)).orElse(false)) {
            LOG.log(Level.WARNING, "event=assertion_failed source=token-file file={0} code=BRIDGE_TOKEN_FILE_EXPIRED", file);
            throw CredentialFailures.of(Category.CREDENTIAL, "BRIDGE_TOKEN_FILE_EXPIRED",
                    "The token in " + file + " expired at " + current.expiresAt().get() + " and has not been rotated.",
                    "Check that the kubelet still projects and rotates the service account token into the pod.", null);
        }
        return current;
    }

    private boolean nearExpiry(ClientAssertion a) {
        return a.expiresAt().map(exp -> !clock.instant().plus(NEAR_EXPIRY).isBefore(exp)).orElse(false);
    }

    @Override
    public synchronized void invalidate() {
        current = null;
    }

    @Override
    public CredentialSourceKind kind() {
        return CredentialSourceKind.TOKEN_FILE;
    }

    @Override
    public String description() {
        return "token-file (" + file + ")";
    }
}
