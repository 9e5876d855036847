package dev.entrabridge.entra;

import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP outcomes of the exchange running on this thread. MSAL runs on a direct executor (see
 * {@link DirectExecutorService}), so its HTTP calls, including leg 1 inside the agent identity's
 * assertion callback, happen on the caller's thread and land here; the classifier then reads
 * Entra's {@code error_codes}, which {@code MsalServiceException} does not expose.
 */
final class ExchangeTrace {

    private static final ThreadLocal<List<HttpOutcome>> CURRENT = new ThreadLocal<>();

    private ExchangeTrace() {
    }

    /** Starts recording for this thread, discarding anything left from a previous attempt. */
    static void begin() {
        CURRENT.set(new ArrayList<>());
    }

    static void end() {
        CURRENT.remove();
    }

    static void record(HttpOutcome outcome) {
        List<HttpOutcome> list = CURRENT.get();
        if (list != null) {
            list.add(outcome);
        }
    }

    static List<HttpOutcome> outcomes() {
        List<HttpOutcome> list = CURRENT.get();
        return list == null ? List.of() : List.copyOf(list);
    }
}
