package dev.entrabridge.benchmark.inprocess;

import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.emulator.http.RecordedRequest;
import dev.entrabridge.entra.AgentTokenService;
import dev.entrabridge.runtime.BridgeRuntime;
import dev.entrabridge.testing.EmulatedDeployment;
import dev.entrabridge.token.AgentTokenRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Entra requests per 10,000 token requests over an hour of Entra's token lifetimes, for 1 and 64 callers at
 * once (each on its own emulated tenant, in this one JVM), two keys (the mail and the calendar agent, Graph,
 * autonomous). The hour is compressed {@value #SCALE}-fold: MSAL4J's own cache (which decides whether leg 1
 * comes from its cache) reads the system clock, so no injected clock can simulate it; instead Entra's
 * emulator answers Entra's 3,599 s lifetime and 1,799 s {@code refresh_in} divided by {@value #SCALE}, and
 * the 10,000 requests are spread evenly over {@value #SCALE} seconds of real time. Every token request goes
 * through the core ({@link AgentTokenService#acquire}); Entra's requests are counted by the emulator.
 *
 * <pre>java -cp … dev.entrabridge.benchmark.inprocess.UpstreamEfficiency [--requests N] [--callers 1,64]</pre>
 */
public final class UpstreamEfficiency {

    static final int SCALE = 60;
    private static final Duration HOUR = Duration.ofSeconds(3600 / SCALE);

    private UpstreamEfficiency() {
    }

    public static void main(String[] args) throws Exception {
        int requests = 10_000;
        List<Integer> callers = List.of(1, 64);
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--requests")) {
                requests = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--callers")) {
                callers = java.util.Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
            }
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (int n : callers) {
            scenarios.add(new Scenario(n, requests));
        }
        long start = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        List<Thread> running = new ArrayList<>();
        for (Scenario s : scenarios) {
            running.addAll(s.launch(start));
        }
        for (Thread t : running) {
            t.join();
        }
        System.out.printf("Upstream requests for %,d token requests over one hour of token lifetimes (Entra's 3,599 s "
                + "lifetime and 1,799 s refresh_in, compressed %dx: %d s lifetime, %d s refresh_in, %d s of requests), "
                + "2 keys (mail and calendar agent, Graph, autonomous)%n%n", requests, SCALE, 3599 / SCALE, 1799 / SCALE,
                HOUR.toSeconds());
        System.out.println("| callers | token requests | failed | tokens served per key (1 + refreshes) | Entra requests "
                + "| T1 per key | T2 per key | Entra requests per key per token | STS requests | Entra requests per 10,000 |");
        System.out.println("|---:|---:|---:|---|---:|---|---|---:|---:|---:|");
        for (Scenario s : scenarios) {
            s.report();
            s.close();
        }
    }

    /** N callers on one emulated tenant and one bridge. */
    private static final class Scenario implements AutoCloseable {
        private final int callers;
        private final int requests;
        private final EmulatedCloud cloud;
        private final Path dir;
        private final AgentTokenService tokens;
        private final List<String> agents = List.of(EmulatedDeployment.MAIL_AGENT, EmulatedDeployment.CALENDAR_AGENT);
        private final Map<String, Set<String>> served = new ConcurrentHashMap<>();
        private final AtomicInteger failed = new AtomicInteger();

        Scenario(int callers, int requests) throws Exception {
            this.callers = callers;
            this.requests = requests;
            this.cloud = EmulatedCloud.builder().start();
            cloud.entra().tokenLifetime(Duration.ofSeconds(3599 / SCALE)).refreshIn(Duration.ofSeconds(1799 / SCALE));
            this.dir = Files.createTempDirectory("upstream-efficiency");
            Map<String, String> env = EmulatedDeployment.of(cloud, dir).environment(CredentialSourceKind.AWS_STS);
            this.tokens = BridgeRuntime.builder(BridgeConfig.fromEnvironment(env)).auditSink(line -> { }).build().tokens();
            agents.forEach(a -> served.put(a, ConcurrentHashMap.newKeySet()));
        }

        List<Thread> launch(long startNanos) {
            CountDownLatch ready = new CountDownLatch(callers);
            List<Thread> threads = new ArrayList<>();
            long spacing = HOUR.toNanos() / requests;
            for (int k = 0; k < callers; k++) {
                int caller = k;
                Thread t = new Thread(() -> {
                    ready.countDown();
                    for (int i = caller; i < requests; i += callers) {
                        long due = startNanos + i * spacing;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                        String agent = agents.get(i % agents.size());
                        try {
                            served.get(agent).add(tokens.acquire(AgentTokenRequest.autonomous(agent,
                                    Set.of(EmulatedDeployment.GRAPH_DEFAULT))).accessToken());
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                        }
                    }
                }, "caller-" + callers + "-" + k);
                threads.add(t);
                t.start();
            }
            return threads;
        }

        void report() {
            List<RecordedRequest> entra = cloud.entra().tokenRequests();
            List<String> tokensPerKey = new ArrayList<>();
            List<String> t1PerKey = new ArrayList<>();
            List<String> t2PerKey = new ArrayList<>();
            int keys = 0;
            int tokensServed = 0;
            for (String agent : agents) {
                String appId = agentAppId(agent);
                long t1 = entra.stream().filter(r -> r.formParam("client_id").orElse("").equals(EmulatedCloud.BLUEPRINT_APP_ID)
                        && r.formParam("fmi_path").orElse("").equalsIgnoreCase(appId)).count();
                long t2 = entra.stream().filter(r -> r.formParam("client_id").orElse("").equals(appId)).count();
                int n = served.get(agent).size();
                tokensPerKey.add(agent + " " + n);
                t1PerKey.add(Long.toString(t1));
                t2PerKey.add(Long.toString(t2));
                keys++;
                tokensServed += n;
            }
            System.out.printf("| %d | %,d | %d | %s | %d | %s | %s | %.2f | %d | %.1f |%n", callers, requests, failed.get(),
                    String.join(", ", tokensPerKey), entra.size(), String.join(", ", t1PerKey), String.join(", ", t2PerKey),
                    (double) entra.size() / tokensServed, cloud.sts().requests().size(),
                    entra.size() * 10_000.0 / requests);
            if (keys != agents.size()) {
                throw new IllegalStateException("a key was not measured");
            }
        }

        private static String agentAppId(String agent) {
            return agent.equals(EmulatedDeployment.MAIL_AGENT) ? EmulatedCloud.MAILER_AGENT_APP_ID
                    : EmulatedCloud.CALENDAR_AGENT_APP_ID;
        }

        @Override
        public void close() throws Exception {
            cloud.close();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
