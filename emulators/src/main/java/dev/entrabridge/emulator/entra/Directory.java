package dev.entrabridge.emulator.entra;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The emulated Entra directory: tenants and everything registered in them. Public and inspectable
 * so that other emulators (e.g. a Graph emulator) can serve the same objects.
 */
public final class Directory {

    private final Clock clock;
    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
    private volatile Duration ficPropagationDelay = Duration.ZERO;

    Directory(Clock clock) {
        this.clock = clock;
    }

    /** The tenant with this id (a GUID), created on first use. */
    public Tenant tenant(String tenantId) {
        return tenants.computeIfAbsent(tenantId, id -> new Tenant(id, clock));
    }

    /** The tenant with this id, created on first use with a verified domain (e.g. {@code contoso.onmicrosoft.com}). */
    public Tenant tenant(String tenantId, String domain) {
        Tenant t = tenant(tenantId);
        t.domain(domain);
        return t;
    }

    /** Looks a tenant up by id or domain, as the token endpoint's path segment does. */
    public Optional<Tenant> find(String idOrDomain) {
        Tenant byId = tenants.get(idOrDomain);
        if (byId != null) {
            return Optional.of(byId);
        }
        return tenants.values().stream().filter(t -> t.domain().map(idOrDomain::equalsIgnoreCase).orElse(false))
                .findFirst();
    }

    public Collection<Tenant> tenants() {
        return List.copyOf(tenants.values());
    }

    /**
     * How long a new federated identity credential stays invisible to the token endpoint (real Entra
     * answers AADSTS70021 for a few minutes after creation). Zero by default.
     */
    public Directory ficPropagationDelay(Duration delay) {
        this.ficPropagationDelay = delay;
        return this;
    }

    public Duration ficPropagationDelay() {
        return ficPropagationDelay;
    }
}
