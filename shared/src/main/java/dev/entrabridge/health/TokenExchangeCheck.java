package dev.entrabridge.health;

import dev.entrabridge.entra.FicPropagation;
import dev.entrabridge.retry.AttemptFailure;
import dev.entrabridge.retry.RetryBudget;
import dev.entrabridge.retry.RetryListener;
import dev.entrabridge.retry.RetryLoop;
import dev.entrabridge.retry.RetryPolicy;
import dev.entrabridge.retry.Sleeper;
import dev.entrabridge.token.AgentTokenException;
import dev.entrabridge.token.Diagnosis;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs leg 1 and leg 2 for every configured agent identity and API, bypassing caches, and reports
 * the latency of each. Throttling, outages and FIC propagation (the codes of {@link FicPropagation},
 * which Entra also answers for a new credential) are retried by the bridge's one {@link RetryLoop}
 * inside the run's deadline; a success after retries is a warning that says what was retried.
 */
final class TokenExchangeCheck implements HealthCheck {

    /** Enough for any allowance: the budget, not the count, ends the retries. */
    private static final int MAX_ATTEMPTS = 50;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final ExchangeProbe probe;
    private final List<ExchangeTarget> targets;
    private final RetryPolicy policy;
    private final Duration retryAllowance;
    private final Sleeper sleeper;

    /**
     * @param initialBackoff the first retry's backoff ceiling (doubled for each later one); also the
     *                       least wait before retrying FIC propagation
     * @param retryAllowance the most time the check spends waiting between retries, over all targets:
     *                       a FIC that never matches must not eat the budget of the checks after it
     */
    TokenExchangeCheck(ExchangeProbe probe, List<ExchangeTarget> targets, Duration initialBackoff,
                       Duration retryAllowance, Sleeper sleeper) {
        this.probe = probe;
        this.targets = List.copyOf(targets);
        this.policy = new RetryPolicy(MAX_ATTEMPTS, retryAllowance, initialBackoff,
                initialBackoff.compareTo(MAX_BACKOFF) > 0 ? initialBackoff : MAX_BACKOFF, Optional.of(initialBackoff));
        this.retryAllowance = retryAllowance;
        this.sleeper = sleeper;
    }

    @Override
    public String name() {
        return "token-exchange";
    }

    @Override
    public Finding run(CheckContext context) {
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
        RetryLoop loop = new RetryLoop(policy, context.clock(), sleeper);
        RetryBudget budget = RetryBudget.until(context.deadline(), retryAllowance);
        for (ExchangeTarget target : targets) {
            Attempts attempts = attempt(target, loop, budget);
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

    private Attempts attempt(ExchangeTarget target, RetryLoop loop, RetryBudget budget) {
        Attempts a = new Attempts();
        RetryListener<ProbeFailure> counting = new RetryListener<>() {
            @Override
            public void retrying(ProbeFailure failure, int attempt, Duration delay) {
                if (a.firstFailure == null) {
                    a.firstFailure = failure.exception;
                }
            }
        };
        try {
            a.latency = loop.run(() -> {
                a.count++;
                long start = System.nanoTime();
                if (target.leg1Only()) {
                    probe.leg1(target.agentIdentity());
                } else {
                    probe.leg2(target.agentIdentity(), target.scopes());
                }
                return Duration.ofNanos(System.nanoTime() - start);
            }, ProbeFailure::of, counting, budget);
        } catch (AgentTokenException e) {
            a.failure = e;
        }
        return a;
    }

    /** A probe's failure as the retry loop sees it: throttling and outages are transient, FIC mismatches may be propagation. */
    private record ProbeFailure(AttemptFailure.Kind kind, AgentTokenException exception) implements AttemptFailure {

        /** Anything but an {@link AgentTokenException} is a defect: it ends the check (the runner reports it). */
        static ProbeFailure of(RuntimeException e) {
            if (!(e instanceof AgentTokenException)) {
                throw e;
            }
            AgentTokenException failure = (AgentTokenException) e;
            Diagnosis d = failure.diagnosis();
            Kind kind = d.category() == Diagnosis.Category.TRANSIENT ? Kind.TRANSIENT
                    : FicPropagation.isPropagationCode(d.code()) ? Kind.PROPAGATION : Kind.FINAL;
            return new ProbeFailure(kind, failure);
        }

        @Override
        public Optional<Duration> retryAfter() {
            return exception.retryAfter();
        }

        @Override
        public AgentTokenException toException() {
            return exception;
        }
    }

    private static String lower(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
