package dev.entrabridge.retry;

import dev.entrabridge.emulator.cloud.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RetryLoopTest {

    private final MutableClock clock = MutableClock.startingNow();
    private final List<Duration> slept = new ArrayList<>();
    private final Sleeper advancing = d -> {
        slept.add(d);
        clock.advance(d);
    };

    /** A failure the test scripts: its kind and the wait the "service" asked for. */
    private static final class Scripted extends RuntimeException implements AttemptFailure {
        private static final long serialVersionUID = 1L;
        private final Kind kind;
        private final transient Duration retryAfter;

        Scripted(Kind kind, Duration retryAfter) {
            super(kind.name());
            this.kind = kind;
            this.retryAfter = retryAfter;
        }

        @Override
        public Kind kind() {
            return kind;
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }

        @Override
        public RuntimeException toException() {
            return this;
        }
    }

    /** Throws the scripted failures in order, then answers "ok"; counts tries. */
    private static final class Script {
        final Deque<Scripted> failures = new ArrayDeque<>();
        int tries;

        Script fail(AttemptFailure.Kind kind, Duration retryAfter, int times) {
            for (int i = 0; i < times; i++) {
                failures.add(new Scripted(kind, retryAfter));
            }
            return this;
        }

        String run() {
            tries++;
            Scripted next = failures.poll();
            if (next != null) {
                throw next;
            }
            return "ok";
        }
    }

    private static Scripted classify(RuntimeException e) {
        return (Scripted) e;
    }

    private RetryLoop loop(int attempts, Duration budget, boolean propagation) {
        return new RetryLoop(new RetryPolicy(attempts, budget, Duration.ofMillis(200), Duration.ofSeconds(5),
                propagation ? Optional.of(Duration.ofSeconds(1)) : Optional.empty()), clock, advancing);
    }

    @Test
    void transientFailuresAreRetriedAfterRetryAfterWithTheInjectedSleeper() {
        Script script = new Script().fail(AttemptFailure.Kind.TRANSIENT, Duration.ofSeconds(2), 2);
        List<Integer> told = new ArrayList<>();

        String result = loop(4, Duration.ofSeconds(10), false).run(script::run, RetryLoopTest::classify,
                new RetryListener<>() {
                    @Override
                    public void retrying(Scripted failure, int attempt, Duration delay) {
                        told.add(attempt);
                    }
                });

        assertThat(result).isEqualTo("ok");
        assertThat(script.tries).isEqualTo(3);
        assertThat(slept).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThat(told).containsExactly(1, 2);
    }

    @Test
    void aWaitThatWouldOverrunTheBudgetIsNotTakenAndTheFailureIsThrown() {
        Script script = new Script().fail(AttemptFailure.Kind.TRANSIENT, Duration.ofSeconds(3), 5);

        Scripted thrown = catchThrowableOfType(() -> loop(10, Duration.ofSeconds(5), false)
                .run(script::run, RetryLoopTest::classify, new RetryListener<>() { }), Scripted.class);

        assertThat(thrown.kind()).isEqualTo(AttemptFailure.Kind.TRANSIENT);
        assertThat(script.tries).isEqualTo(2);
        assertThat(slept).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void aSharedBudgetLimitsTheWaitingOfSeveralOperations() {
        RetryLoop loop = loop(50, Duration.ofMinutes(1), false);
        RetryBudget shared = RetryBudget.until(clock.instant().plus(Duration.ofMinutes(1)), Duration.ofMillis(500));
        Script first = new Script().fail(AttemptFailure.Kind.TRANSIENT, Duration.ofMillis(200), 2);
        Script second = new Script().fail(AttemptFailure.Kind.TRANSIENT, Duration.ofMillis(200), 2);

        String a = loop.run(first::run, RetryLoopTest::classify, new RetryListener<>() { }, shared);
        Scripted b = catchThrowableOfType(() -> loop.run(second::run, RetryLoopTest::classify,
                new RetryListener<>() { }, shared), Scripted.class);

        assertThat(a).isEqualTo("ok");
        assertThat(b).isNotNull();
        assertThat(slept).containsExactly(Duration.ofMillis(200), Duration.ofMillis(200));
        assertThat(second.tries).isEqualTo(1);
    }

    @Test
    void aStaleProofIsRenewedAndRetriedOnceAtOnce() {
        Script script = new Script().fail(AttemptFailure.Kind.STALE, null, 1);
        List<String> renewed = new ArrayList<>();

        String result = loop(1, Duration.ofSeconds(1), false).run(script::run, RetryLoopTest::classify,
                new RetryListener<>() {
                    @Override
                    public void renewing(Scripted failure) {
                        renewed.add(failure.getMessage());
                    }
                });

        assertThat(result).isEqualTo("ok");
        assertThat(renewed).containsExactly("STALE");
        assertThat(slept).isEmpty();

        Script twice = new Script().fail(AttemptFailure.Kind.STALE, null, 2);
        Scripted thrown = catchThrowableOfType(() -> loop(4, Duration.ofSeconds(1), false)
                .run(twice::run, RetryLoopTest::classify, new RetryListener<>() { }), Scripted.class);
        assertThat(thrown.kind()).isEqualTo(AttemptFailure.Kind.STALE);
        assertThat(twice.tries).isEqualTo(2);
    }

    @Test
    void propagationFailuresAreRetriedOnlyWhenThePolicyAllows() {
        Script off = new Script().fail(AttemptFailure.Kind.PROPAGATION, null, 1);
        Script on = new Script().fail(AttemptFailure.Kind.PROPAGATION, null, 1);

        catchThrowableOfType(() -> loop(4, Duration.ofSeconds(30), false).run(off::run, RetryLoopTest::classify,
                new RetryListener<>() { }), Scripted.class);
        String result = loop(4, Duration.ofSeconds(30), true).run(on::run, RetryLoopTest::classify,
                new RetryListener<>() { });

        assertThat(off.tries).isEqualTo(1);
        assertThat(result).isEqualTo("ok");
        assertThat(slept).hasSize(1);
        assertThat(slept.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void anInterruptedWaitEndsTheOperationWithTheFailureAndKeepsTheInterrupt() {
        Script script = new Script().fail(AttemptFailure.Kind.TRANSIENT, Duration.ofSeconds(1), 3);
        RetryLoop loop = new RetryLoop(new RetryPolicy(4, Duration.ofSeconds(10), Duration.ofMillis(200),
                Duration.ofSeconds(5), Optional.empty()), clock, d -> {
            throw new InterruptedException();
        });

        Scripted thrown = catchThrowableOfType(() -> loop.run(script::run, RetryLoopTest::classify,
                new RetryListener<>() { }), Scripted.class);

        assertThat(thrown).isNotNull();
        assertThat(Thread.interrupted()).isTrue();
        assertThat(script.tries).isEqualTo(1);
    }
}
