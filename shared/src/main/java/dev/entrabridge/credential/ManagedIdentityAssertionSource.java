package dev.entrabridge.credential;

import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.ManagedIdentityApplication;
import com.microsoft.aad.msal4j.ManagedIdentityParameters;
import com.microsoft.aad.msal4j.MsalServiceException;
import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.token.Diagnosis.Category;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Mints the assertion as a token of an Azure user-assigned managed identity for the token-exchange
 * audience, through MSAL4J's {@code ManagedIdentityApplication} (which also caches and refreshes
 * it before expiry).
 */
public final class ManagedIdentityAssertionSource implements ClientAssertionSource {

    private static final System.Logger LOG = System.getLogger(ManagedIdentityAssertionSource.class.getName());

    private final ManagedIdentityApplication app;
    private final String audience;
    private final String clientId;
    private final AtomicBoolean forceNext = new AtomicBoolean();

    ManagedIdentityAssertionSource(ManagedIdentityApplication app, String audience, String clientId) {
        this.app = app;
        this.audience = audience;
        this.clientId = clientId;
    }

    @Override
    public ClientAssertion assertion() {
        try {
            IAuthenticationResult r = app.acquireTokenForManagedIdentity(ManagedIdentityParameters.builder(audience)
                    .forceRefresh(forceNext.getAndSet(false)).build()).get();
            Optional<Instant> exp = Optional.ofNullable(r.expiresOnDate()).map(java.util.Date::toInstant);
            return new ClientAssertion(r.accessToken(), exp);
        } catch (ExecutionException e) {
            throw failure(e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CredentialFailures.transientFailure("MANAGED_IDENTITY_INTERRUPTED", "The managed identity request was interrupted.",
                    "Retry the request.", null, e);
        } catch (Exception e) {
            throw failure(e);
        }
    }

    private RuntimeException failure(Throwable t) {
        if (t instanceof MsalServiceException) {
            MsalServiceException e = (MsalServiceException) t;
            int status = e.statusCode() == null ? 0 : e.statusCode();
            LOG.log(Level.WARNING, "event=assertion_failed source=managed-identity code=MANAGED_IDENTITY_{0} status={1}",
                    e.errorCode(), status);
            if (status >= 500 || status == 429) {
                return CredentialFailures.transientFailure("MANAGED_IDENTITY_UNAVAILABLE",
                        "The managed identity endpoint is unavailable (HTTP " + status + ").", "Retry shortly.", null, e);
            }
            return CredentialFailures.of(Category.CONFIGURATION, "MANAGED_IDENTITY_REFUSED",
                    "The managed identity endpoint refused a token for user-assigned identity " + clientId
                            + " (HTTP " + status + ", " + e.errorCode() + ").",
                    "Assign that user-assigned identity to the Function App and check BRIDGE_MANAGED_IDENTITY_CLIENT_ID.", e);
        }
        LOG.log(Level.WARNING, "event=assertion_failed source=managed-identity code=MANAGED_IDENTITY_UNREACHABLE");
        return CredentialFailures.transientFailure("MANAGED_IDENTITY_UNREACHABLE",
                "The managed identity endpoint could not be reached (" + t.getClass().getSimpleName() + ").",
                "Check that a managed identity is enabled (IDENTITY_ENDPOINT and IDENTITY_HEADER are set) and retry.", null, t);
    }

    @Override
    public void invalidate() {
        forceNext.set(true);
    }

    @Override
    public CredentialSourceKind kind() {
        return CredentialSourceKind.MANAGED_IDENTITY;
    }

    @Override
    public String description() {
        return "managed-identity (user-assigned " + clientId + ")";
    }
}
