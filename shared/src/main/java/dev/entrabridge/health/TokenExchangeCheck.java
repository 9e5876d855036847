package dev.entrabridge.health;

import dev.entrabridge.token.AgentTokenException;
import dev.entrabridge.token.Diagnosis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs leg 1 and leg 2 for every configured agent identity and API, bypassing caches, and reports
 * the latency of each. Throttling, outages and FIC propagation (AADSTS70021 and 7002xx for a new
 * credential) are retried with jittered backoff inside the run's deadline; a success after retries
 * is a warning that says what was retried.
 */
public final class TokenExchangeCheck implements HealthCheck {

    private static final Set<String> PROPAGATION_CODES = Set.of("AADSTS70021", "AADSTS700211", "AADSTS700212",
            "AADSTS700213");

    private final ExchangeProbe probe;
    private final List<ExchangeTarget> targets;
    private final Duration initialBackoff;
    private final Duration retryAllowance;

    /**
     * @param retryAllowance the most time the check spends waiting between retries, over all targets:
     *                       a FIC that never matches must not eat the budget of the checks after it
     */
    public TokenExchangeCheck(ExchangeProbe probe, List<ExchangeTarget> targets, Duration initialBackoff,
                              Duration retryAllowance) {
        this.probe = probe;
        this.targets = List.copyOf(targets);
        this.initialBackoff = initialBackoff;
        this.retryAllowance = retryAllowance;
    }

    @Override
    public String name() {
        return "token-exchange";
    }

    @Override
    public Finding run(CheckContext context) throws InterruptedException {
        Finding finding = new Finding();
        if (targets.isEmpty()) {
            return finding.fail("No agent identity is configured, so nothing can be exchanged.",
                    new Diagnosis(Diagnosis.Category.CONFIGURATION, "BRIDGE_NO_AGENTS",
                            "The configuration names no agent identity.",
                            "Configure at least one agent (BRIDGE_AGENTS or the agents section of the config file)."));
        }
        int passed = 0;
        int failed = 0;
        String firstFailure = null;
        Duration[] waited = {Duration.ZERO};
        for (ExchangeTarget target : targets) {
            Attempts attempts = attempt(target, context, waited);
            String label = target.label();
            if (attempts.failure == null) {
                passed++;
                finding.evidence(label, attempts.latency.toMillis() + " ms"
                        + (attempts.count > 1 ? " after " + attempts.count + " attempts" : ""));
                if (attempts.count > 1) {
                    finding.warn("Exchange for " + label + " succeeded only after " + attempts.count + " attempts ("
                                    + attempts.firstFailure.diagnosis().code() + ").",
                            new Diagnosis(attempts.firstFailure.diagnosis().category(),
                                    attempts.firstFailure.diagnosis().code(),
                                    "The first attempt failed: " + attempts.firstFailure.diagnosis().cause(),
                                    "Nothing to fix if it recovers; if it recurs, " + lower(
                                            attempts.firstFailure.diagnosis().remedy())));
                }
            } else {
                Diagnosis d = attempts.failure.diagnosis();
                failed++;
                if (firstFailure == null) {
                    firstFailure = label + ": " + d.code();
                }
                finding.evidence(label, "failed: " + d.code()
                        + attempts.failure.correlationId().map(id -> " (correlation id " + id + ")").orElse(""));
                finding.fail("Exchange for " + label + " failed: " + d.code() + ".", d);
            }
        }
        if (finding.status() == CheckStatus.PASS) {
            finding.pass("Leg 1 and leg 2 succeeded for all " + passed + " targets.");
        } else if (failed > 1) {
            finding.restate(failed + " of " + targets.size() + " exchanges failed, first " + firstFailure + ".");
        }
        return finding;
    }

    private static final class Attempts {
        int count;
        Duration latency = Duration.ZERO;
        AgentTokenException failure;
        AgentTokenException firstFailure;
    }

    private Attempts attempt(ExchangeTarget target, CheckContext context, Duration[] waited)
            throws InterruptedException {
        Attempts a = new Attempts();
        Duration backoff = initialBackoff;
        while (true) {
            a.count++;
            long start = System.nanoTime();
            try {
                if (target.leg1Only()) {
                    probe.leg1(target.agentIdentity());
                } else {
                    probe.leg2(target.agentIdentity(), target.scopes());
                }
                a.latency = Duration.ofNanos(System.nanoTime() - start);
                a.failure = null;
                return a;
            } catch (AgentTokenException e) {
                a.failure = e;
                if (a.firstFailure == null) {
                    a.firstFailure = e;
                }
                if (!retryable(e)) {
                    return a;
                }
                Duration wait = e.retryAfter().orElse(jitter(backoff));
                Instant next = context.clock().instant().plus(wait);
                if (!next.isBefore(context.deadline()) || waited[0].plus(wait).compareTo(retryAllowance) > 0) {
                    return a;
                }
                Thread.sleep(wait.toMillis());
                waited[0] = waited[0].plus(wait);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    private static boolean retryable(AgentTokenException e) {
        return e.diagnosis().category() == Diagnosis.Category.TRANSIENT
                || PROPAGATION_CODES.contains(e.diagnosis().code());
    }

    private static Duration jitter(Duration base) {
        long ms = Math.max(1, base.toMillis());
        return Duration.ofMillis(ms / 2 + ThreadLocalRandom.current().nextLong(ms / 2 + 1));
    }

    private static String lower(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
