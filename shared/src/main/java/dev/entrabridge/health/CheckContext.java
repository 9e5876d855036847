package dev.entrabridge.health;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What checks share during one run: the clock, the run's deadline and facts earlier checks
 * established (keyed by {@link Fact}).
 */
final class CheckContext {

    /** Typed keys of facts checks hand to later checks. */
    public static final class Fact<T> {
        private final String name;
        private final Class<T> type;

        private Fact(String name, Class<T> type) {
            this.name = name;
            this.type = type;
        }

        public static <T> Fact<T> of(String name, Class<T> type) {
            return new Fact<>(name, type);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final Clock clock;
    private final Instant deadline;
    private final Map<Fact<?>, Object> facts = new ConcurrentHashMap<>();

    CheckContext(Clock clock, Instant deadline) {
        this.clock = clock;
        this.deadline = deadline;
    }

    public Clock clock() {
        return clock;
    }

    /** When the whole run must be over; checks that retry stop retrying before it. */
    public Instant deadline() {
        return deadline;
    }

    public <T> void put(Fact<T> fact, T value) {
        facts.put(fact, value);
    }

    public <T> Optional<T> get(Fact<T> fact) {
        return Optional.ofNullable(facts.get(fact)).map(fact.type::cast);
    }
}
