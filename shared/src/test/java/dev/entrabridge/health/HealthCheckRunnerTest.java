package dev.entrabridge.health;

import dev.entrabridge.token.Diagnosis;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

class HealthCheckRunnerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T04:00:00Z"), ZoneOffset.UTC);
    private static final Diagnosis WHY = new Diagnosis(Diagnosis.Category.CONFIGURATION, "X", "cause", "remedy");

    @FunctionalInterface
    private interface Body {
        Finding run(CheckContext context) throws Exception;
    }

    private static HealthCheck check(String name, Body body) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Finding run(CheckContext context) throws Exception {
                return body.run(context);
            }
        };
    }

    @Test
    void overallIsTheWorstAndFactsFlowToLaterChecks() {
        CheckContext.Fact<String> issuer = CheckContext.Fact.of("issuer", String.class);
        HealthReport report = new HealthCheckRunner(List.of(
                check("first", ctx -> {
                    ctx.put(issuer, "https://issuer.example");
                    return new Finding().pass("minted");
                }),
                check("second", ctx -> new Finding().evidence("seen", ctx.get(issuer).orElse("none"))
                        .warn("slow", WHY))),
                CLOCK, Duration.ofSeconds(5), Map.of("bridge", "test")).run();

        assertThat(report.status()).isEqualTo(CheckStatus.WARN);
        assertThat(report.check("second")).get().satisfies(r ->
                assertThat(r.evidence()).containsEntry("seen", "https://issuer.example"));
        assertThat(report.startedAt()).isEqualTo(CLOCK.instant());
        assertThat(report.versions()).containsEntry("bridge", "test");
    }

    @Test
    void aHangingCheckFailsWithinTheBudgetAndLaterChecksAreReportedNotRun() {
        CountDownLatch never = new CountDownLatch(1);
        long start = System.nanoTime();

        HealthReport report = new HealthCheckRunner(List.of(
                check("fast", ctx -> new Finding().pass("ok")),
                check("hangs", ctx -> {
                    never.await();
                    return new Finding();
                }),
                check("after", ctx -> new Finding().pass("ok"))),
                CLOCK, Duration.ofMillis(300), Map.of()).run();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(report.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(report.checks()).extracting(CheckResult::status)
                .containsExactly(CheckStatus.PASS, CheckStatus.FAIL, CheckStatus.FAIL);
        assertThat(report.check("hangs").orElseThrow().diagnosis().orElseThrow().code())
                .isEqualTo("BRIDGE_HEALTH_TIMEOUT");
        assertThat(report.check("after").orElseThrow().diagnosis().orElseThrow().code())
                .isEqualTo("BRIDGE_HEALTH_NOT_RUN");
    }

    @Test
    void aThrowingCheckBecomesAFailureWithItsMessage() {
        HealthReport report = new HealthCheckRunner(List.of(
                check("broken", ctx -> {
                    throw new IllegalStateException("boom");
                })), CLOCK, Duration.ofSeconds(5), Map.of()).run();

        CheckResult r = report.check("broken").orElseThrow();
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.summary()).isEqualTo("The check 'broken' failed unexpectedly: IllegalStateException: boom");
    }
}
