package dev.entrabridge.entra;
import dev.entrabridge.retry.AttemptFailure;
import dev.entrabridge.token.AgentTokenException;
import dev.entrabridge.token.Diagnosis;

import com.microsoft.aad.msal4j.MsalServiceException;
import dev.entrabridge.token.Diagnosis.Category;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns whatever an exchange threw into an {@link ExchangeFailure}. Branches on Entra's
 * {@code error_codes} as seen by {@link TokenEndpointObserver}; MSAL4J's exception exposes only
 * {@code error}, status, headers and the description, so the AADSTS number is parsed from the
 * description only as a fallback when no body was recorded.
 */
final class FailureClassifier {

    private static final Pattern AADSTS = Pattern.compile("AADSTS(\\d{4,8})");

    private FailureClassifier() {
    }

    static ExchangeFailure classify(Throwable thrown, List<HttpOutcome> outcomes) {
        AgentTokenException typed = find(thrown, AgentTokenException.class);
        if (typed != null) {
            AttemptFailure.Kind kind = typed.diagnosis().category() == Category.TRANSIENT
                    ? AttemptFailure.Kind.TRANSIENT : AttemptFailure.Kind.FINAL;
            return new ExchangeFailure(kind, typed.diagnosis(), typed.correlationId().orElse(null),
                    typed.retryAfter().orElse(null), 0, typed);
        }
        Optional<HttpOutcome> failed = lastFailure(outcomes);
        MsalServiceException msal = find(thrown, MsalServiceException.class);
        if (failed.isPresent()) {
            HttpOutcome o = failed.get();
            if (!o.errorCodes().isEmpty()) {
                return byCode(o.errorCodes().get(0), o.error(), o.status(), o.correlationId(), o.retryAfter(), o.leg(), thrown);
            }
            if (o.status() == 0 || o.status() == 429 || o.status() >= 500 || o.status() == 408) {
                return new ExchangeFailure(AttemptFailure.Kind.TRANSIENT, EntraErrorCatalog.transientFailure(o.status()),
                        o.correlationId(), o.retryAfter(), o.leg(), thrown);
            }
            if (msal == null) {
                return new ExchangeFailure(AttemptFailure.Kind.FINAL, EntraErrorCatalog.unknown(0, o.error(), o.status()),
                        o.correlationId(), null, o.leg(), thrown);
            }
        }
        if (msal != null) {
            int status = msal.statusCode() == null ? 0 : msal.statusCode();
            Long code = aadstsFromDescription(msal.getMessage());
            Duration retryAfter = retryAfter(msal);
            if (code != null) {
                return byCode(code, msal.errorCode(), status, msal.correlationId(), retryAfter, 0, thrown);
            }
            if (status == 429 || status >= 500) {
                return new ExchangeFailure(AttemptFailure.Kind.TRANSIENT, EntraErrorCatalog.transientFailure(status),
                        msal.correlationId(), retryAfter, 0, thrown);
            }
            return new ExchangeFailure(AttemptFailure.Kind.FINAL, EntraErrorCatalog.unknown(0, msal.errorCode(), status),
                    msal.correlationId(), null, 0, thrown);
        }
        if (find(thrown, HttpTimeoutException.class) != null || find(thrown, java.io.IOException.class) != null) {
            return new ExchangeFailure(AttemptFailure.Kind.TRANSIENT, EntraErrorCatalog.transientFailure(0), null, null, 0, thrown);
        }
        return new ExchangeFailure(AttemptFailure.Kind.FINAL, new Diagnosis(Category.BUG, "BRIDGE_UNEXPECTED",
                "The token exchange failed unexpectedly (" + thrown.getClass().getSimpleName() + ").",
                "Report this with the correlation id and the bridge logs."), null, null, 0, thrown);
    }

    private static ExchangeFailure byCode(long code, String error, int status, String correlationId,
                                          Duration retryAfter, int leg, Throwable thrown) {
        Diagnosis d = EntraErrorCatalog.forCode(code).orElseGet(() -> EntraErrorCatalog.unknown(code, error, status));
        MsalServiceException msal = find(thrown, MsalServiceException.class);
        d = EntraErrorCatalog.withPresentedValue(d, msal == null ? null : msal.getMessage());
        AttemptFailure.Kind kind;
        if (code == 700024) {
            kind = AttemptFailure.Kind.STALE;
        } else if (FicPropagation.isPropagationCode(code)) {
            kind = AttemptFailure.Kind.PROPAGATION;
        } else if (status == 429 || status >= 500) {
            kind = AttemptFailure.Kind.TRANSIENT;
            d = new Diagnosis(Category.TRANSIENT, d.code(), d.cause(), d.remedy());
        } else {
            kind = AttemptFailure.Kind.FINAL;
        }
        return new ExchangeFailure(kind, d, correlationId, retryAfter, leg, thrown);
    }

    static Long aadstsFromDescription(String description) {
        if (description == null) {
            return null;
        }
        Matcher m = AADSTS.matcher(description);
        return m.find() ? Long.parseLong(m.group(1)) : null;
    }

    private static Duration retryAfter(MsalServiceException e) {
        if (e.headers() == null) {
            return null;
        }
        return e.headers().entrySet().stream()
                .filter(h -> h.getKey() != null && h.getKey().equalsIgnoreCase("Retry-After"))
                .flatMap(h -> h.getValue().stream()).findFirst()
                .map(v -> {
                    try {
                        return Duration.ofSeconds(Long.parseLong(v.trim()));
                    } catch (NumberFormatException nf) {
                        return null;
                    }
                }).orElse(null);
    }

    private static Optional<HttpOutcome> lastFailure(List<HttpOutcome> outcomes) {
        for (int i = outcomes.size() - 1; i >= 0; i--) {
            if (outcomes.get(i).failed()) {
                return Optional.of(outcomes.get(i));
            }
        }
        return Optional.empty();
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
