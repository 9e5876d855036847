package dev.entrabridge.health;

import dev.entrabridge.retry.Sleeper;
import dev.entrabridge.token.AgentTokenException;
import dev.entrabridge.token.Diagnosis;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TokenExchangeCheckTest {

    private static final Set<String> GRAPH = Set.of("https://graph.microsoft.com/.default");
    private static final AgentTokenException THROTTLED = new AgentTokenException(new Diagnosis(
            Diagnosis.Category.TRANSIENT, "HTTP_429", "Entra throttled the request.", "Retry after the indicated delay."),
            "corr-1", Duration.ofMillis(20), null);
    private static final AgentTokenException DISABLED = new AgentTokenException(new Diagnosis(
            Diagnosis.Category.CONFIGURATION, "AADSTS7000112", "The agent identity is disabled.", "Enable it."),
            "corr-2", null, null);

    /** Answers each call with the next scripted failure, then succeeds; records the calls. */
    private static final class ScriptedProbe implements ExchangeProbe {
        final Deque<AgentTokenException> failures = new ArrayDeque<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public void leg1(String agentIdentity) {
            calls.add("leg1:" + agentIdentity);
            next();
        }

        @Override
        public void leg2(String agentIdentity, Set<String> scopes) {
            calls.add("leg2:" + agentIdentity + ":" + scopes);
            next();
        }

        private void next() {
            AgentTokenException e = failures.poll();
            if (e != null) {
                throw e;
            }
        }
    }

    private static CheckContext context(Duration budget) {
        Clock clock = Clock.systemUTC();
        return new CheckContext(clock, clock.instant().plus(budget));
    }

    @Test
    void everyTargetIsExchangedAndTimed() throws Exception {
        ScriptedProbe probe = new ScriptedProbe();

        CheckResult r = new TokenExchangeCheck(probe, List.of(
                new ExchangeTarget("mailer", "agent-1", "graph", GRAPH),
                new ExchangeTarget("helper", "agent-2", null, Set.of())), Duration.ofMillis(10), Duration.ofSeconds(5), Sleeper.system())
                .run(context(Duration.ofSeconds(5))).toResult("token-exchange", Duration.ZERO);

        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(probe.calls).containsExactly("leg2:agent-1:" + GRAPH, "leg1:agent-2");
        assertThat(r.evidence()).containsKeys("mailer -> graph", "helper (T1)");
        assertThat(r.summary()).isEqualTo("Leg 1 and leg 2 succeeded for all 2 targets.");
    }

    @Test
    void throttlingThenRecoveryWarnsAndSaysWhatWasRetried() throws Exception {
        ScriptedProbe probe = new ScriptedProbe();
        probe.failures.add(THROTTLED);

        CheckResult r = new TokenExchangeCheck(probe, List.of(new ExchangeTarget("mailer", "agent-1", "graph", GRAPH)),
                Duration.ofMillis(10), Duration.ofSeconds(5), Sleeper.system()).run(context(Duration.ofSeconds(5))).toResult("token-exchange", Duration.ZERO);

        assertThat(r.status()).isEqualTo(CheckStatus.WARN);
        assertThat(probe.calls).hasSize(2);
        assertThat(r.summary()).isEqualTo("Exchange for mailer -> graph succeeded only after 2 attempts (HTTP_429).");
        assertThat(r.diagnosis().orElseThrow().remedy()).startsWith("Nothing to fix if it recovers; if it recurs, retry");
    }

    @Test
    void configurationErrorFailsAtOnceWithItsDiagnosisAndCorrelationId() throws Exception {
        ScriptedProbe probe = new ScriptedProbe();
        probe.failures.add(DISABLED);

        CheckResult r = new TokenExchangeCheck(probe, List.of(new ExchangeTarget("mailer", "agent-1", "graph", GRAPH)),
                Duration.ofMillis(10), Duration.ofSeconds(5), Sleeper.system()).run(context(Duration.ofSeconds(5))).toResult("token-exchange", Duration.ZERO);

        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(probe.calls).hasSize(1);
        assertThat(r.diagnosis().orElseThrow().code()).isEqualTo("AADSTS7000112");
        assertThat(r.evidence()).containsEntry("mailer -> graph", "failed: AADSTS7000112 (correlation id corr-2)");
    }

    @Test
    void retriesStopWhenTheAllowanceIsSpentEvenWithBudgetLeft() throws Exception {
        ScriptedProbe probe = new ScriptedProbe();
        for (int i = 0; i < 1000; i++) {
            probe.failures.add(THROTTLED);
        }

        CheckResult r = new TokenExchangeCheck(probe, List.of(new ExchangeTarget("mailer", "agent-1", "graph", GRAPH),
                new ExchangeTarget("helper", "agent-2", "graph", GRAPH)), Duration.ofMillis(10), Duration.ofMillis(100), Sleeper.system())
                .run(context(Duration.ofSeconds(10))).toResult("token-exchange", Duration.ZERO);

        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        // 20 ms per retry: at most five waits in all, shared by both targets.
        assertThat(probe.calls.size()).isBetween(2, 8);
    }

    @Test
    void severalFailuresAreCountedAndTheFirstIsTheDiagnosis() throws Exception {
        ScriptedProbe probe = new ScriptedProbe();
        probe.failures.add(DISABLED);
        probe.failures.add(new AgentTokenException(new Diagnosis(Diagnosis.Category.PERMISSION, "AADSTS65001",
                "consent missing", "grant consent")));

        CheckResult r = new TokenExchangeCheck(probe, List.of(new ExchangeTarget("mailer", "agent-1", "graph", GRAPH),
                new ExchangeTarget("helper", "agent-2", "graph", GRAPH)), Duration.ofMillis(10), Duration.ofSeconds(1), Sleeper.system())
                .run(context(Duration.ofSeconds(5))).toResult("token-exchange", Duration.ZERO);

        assertThat(r.summary()).isEqualTo("2 of 2 exchanges failed, first mailer -> graph: AADSTS7000112.");
        assertThat(r.diagnosis().orElseThrow().code()).isEqualTo("AADSTS7000112");
    }

    @Test
    void persistentThrottlingStopsRetryingBeforeTheDeadline() throws Exception {
        ScriptedProbe probe = new ScriptedProbe();
        for (int i = 0; i < 1000; i++) {
            probe.failures.add(THROTTLED);
        }
        long start = System.nanoTime();

        CheckResult r = new TokenExchangeCheck(probe, List.of(new ExchangeTarget("mailer", "agent-1", "graph", GRAPH)),
                Duration.ofMillis(10), Duration.ofSeconds(5), Sleeper.system()).run(context(Duration.ofMillis(300))).toResult("token-exchange", Duration.ZERO);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.diagnosis().orElseThrow().code()).isEqualTo("HTTP_429");
        assertThat(probe.calls.size()).isBetween(2, 20);
    }
}
