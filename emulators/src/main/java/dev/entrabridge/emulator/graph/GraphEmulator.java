package dev.entrabridge.emulator.graph;

import dev.entrabridge.emulator.http.EmulatorResponse;
import dev.entrabridge.emulator.http.EmulatorServer;
import dev.entrabridge.emulator.http.EmulatorTls;
import dev.entrabridge.emulator.http.Faults;
import dev.entrabridge.emulator.http.RecordedRequest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Microsoft Graph over HTTPS on loopback: users (list with $filter/$search/$top/$select, by id or
 * UPN, {@code /me}), {@code calendarView}, {@code sendMail}, and the beta application and
 * federated-identity-credential reads the health check needs. Every request's bearer token is
 * validated for real (RS256 against the tenant's JWKS, issuer, Graph audience, lifetime, the claims of
 * its v1 or v2 format) and its
 * {@code roles} (app) or {@code scp} (delegated) must grant the route; failures use Graph's error JSON.
 */
public final class GraphEmulator implements AutoCloseable {

    static final Set<String> USER_READ = Set.of("User.Read.All", "User.ReadWrite.All", "User.ReadBasic.All",
            "Directory.Read.All", "Directory.ReadWrite.All");
    static final Set<String> ME_READ = Set.of("User.Read", "User.ReadWrite", "User.ReadBasic.All", "User.Read.All");

    private final EmulatorServer server;
    private final Clock clock;
    private final GraphTokenCheck tokens;
    private final MailboxRoutes mailbox;
    private final GraphResponses responses;
    private final Map<String, GraphUser> users = new LinkedHashMap<>();
    private final Map<String, List<GraphEvent>> events = new LinkedHashMap<>();
    private final List<SentMail> sentMail = new CopyOnWriteArrayList<>();
    private volatile GraphApplications applications = new SeededApplications();
    private volatile Supplier<List<GraphUser>> directoryUsers = List::of;
    private final AtomicInteger throttledRequests = new AtomicInteger();
    private volatile Duration throttleRetryAfter = Duration.ZERO;

    private GraphEmulator(Clock clock, Set<String> trustedIssuers, Supplier<String> jwks) {
        this.clock = clock;
        this.tokens = new GraphTokenCheck(trustedIssuers, jwks, clock);
        this.mailbox = new MailboxRoutes(clock);
        this.server = EmulatorServer.https("graph", clock);
        this.responses = new GraphResponses(server.baseUrl());
        server.route("/v1.0/", this::handle).route("/beta/", this::handle).start();
    }

    /**
     * @param trustedIssuers accepted {@code iss} values, e.g. {@code https://login.microsoftonline.com/{tid}/v2.0}
     * @param jwks           the token issuer's JWKS document; asked again when a token names an unknown {@code kid}
     */
    public static GraphEmulator start(Clock clock, Set<String> trustedIssuers, Supplier<String> jwks) {
        return new GraphEmulator(clock, trustedIssuers, jwks);
    }

    /** Fetches the issuer's JWKS over HTTPS from {@code jwksUri}, trusting the emulators' CA. */
    public static GraphEmulator start(Clock clock, Set<String> trustedIssuers, URI jwksUri) {
        HttpClient http = HttpClient.newBuilder().sslContext(EmulatorTls.clientContext())
                .connectTimeout(Duration.ofSeconds(5)).build();
        return new GraphEmulator(clock, trustedIssuers, () -> fetch(http, jwksUri));
    }

    /**
     * Graph for one tenant of the Entra emulator: trusts the tenant's v1 issuer (Entra issues Graph tokens
     * in v1 format) and its JWKS (fetched over HTTPS from the emulator), and serves the tenant's blueprints,
     * FICs, users and agent users from its directory, live. Seeded users ({@link #addUser}) come on top.
     */
    public static GraphEmulator startFor(dev.entrabridge.emulator.entra.EntraEmulator entra, String tenantId, Clock clock) {
        GraphEmulator graph = start(clock, Set.of(entra.issuerV1(tenantId)),
                entra.baseUrl().resolve("/" + tenantId + "/discovery/keys"));
        EntraDirectorySource source = new EntraDirectorySource(entra.directory(), tenantId);
        graph.applications(source);
        graph.usersFrom(source::users);
        return graph;
    }

    /** e.g. {@code https://127.0.0.1:43123}; Graph's {@code https://graph.microsoft.com} equivalent. */
    public URI baseUrl() {
        return server.baseUrl();
    }

    public synchronized GraphEmulator addUser(GraphUser user) {
        users.put(user.id(), user);
        return this;
    }

    public synchronized GraphEmulator addEvent(String userId, GraphEvent event) {
        events.computeIfAbsent(userId, k -> new ArrayList<>()).add(event);
        return this;
    }

    /** Also serve these users (asked on every request); seeded users win on the same id. */
    public GraphEmulator usersFrom(Supplier<List<GraphUser>> source) {
        this.directoryUsers = source;
        return this;
    }

    /** Serve application objects and FICs from {@code source} (default: an empty {@link SeededApplications}). */
    public GraphEmulator applications(GraphApplications source) {
        this.applications = source;
        return this;
    }

    /** The default application store, for seeding (only while no other source was set). */
    public SeededApplications seededApplications() {
        if (!(applications instanceof SeededApplications)) {
            throw new IllegalStateException("applications come from " + applications + ", not the seeded store");
        }
        return (SeededApplications) applications;
    }

    /** Every message accepted by sendMail, in order. */
    public List<SentMail> sentMail() {
        return List.copyOf(sentMail);
    }

    /**
     * Answers the next {@code count} requests as Graph does when it throttles: 429 with
     * {@code Retry-After} and the {@code TooManyRequests} error body ({@link #faults()} injects
     * transport-level faults instead).
     */
    public GraphEmulator throttleNext(int count, Duration retryAfter) {
        throttleRetryAfter = retryAfter;
        throttledRequests.set(count);
        return this;
    }

    public List<RecordedRequest> requests() {
        return server.requests();
    }

    public Faults faults() {
        return server.faults();
    }

    @Override
    public void close() {
        server.close();
    }

    private EmulatorResponse handle(RecordedRequest r) {
        String clientRequestId = r.header("client-request-id").orElse(null);
        try {
            boolean beta = r.path().startsWith("/beta/");
            String version = beta ? "beta" : "v1.0";
            List<String> seg = List.of(r.path().substring(version.length() + 2).split("/"));
            r.query().forEach((option, values) -> {
                if (option.startsWith("$") && values.size() > 1) {
                    throw GraphError.repeatedOption(option);
                }
            });
            if (throttledRequests.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw GraphError.throttled(throttleRetryAfter);
            }
            GraphCaller caller = tokens.authenticate(r);
            EmulatorResponse response = route(r, version, seg, caller).withHeader("request-id", UUID.randomUUID().toString());
            return clientRequestId == null ? response : response.withHeader("client-request-id", clientRequestId);
        } catch (GraphError e) {
            return e.toResponse(clock.instant(), clientRequestId);
        }
    }

    /** Graph's alternate key: {@code applications(appId='…')} addresses an application by its appId. */
    private static final Pattern APP_ID_KEY = Pattern.compile("applications\\(appId='([0-9A-Za-z-]{1,64})'\\)");

    private EmulatorResponse route(RecordedRequest r, String version, List<String> seg, GraphCaller caller) {
        String head = seg.get(0);
        if (head.equals("me")) {
            if (!caller.delegated()) {
                throw GraphError.badRequest("BadRequest", "/me request is only valid with delegated authentication flow.");
            }
            return userRoutes(r, version, seg.subList(1, seg.size()), caller, user(caller.userId()), true);
        }
        if (head.equals("users") && seg.size() == 1) {
            GraphResponses.requireMethod(r, "GET");
            caller.require(USER_READ);
            return list(r, version, "users");
        }
        if (head.equals("users")) {
            return userRoutes(r, version, seg.subList(2, seg.size()), caller, user(seg.get(1)), false);
        }
        Matcher byAppId = APP_ID_KEY.matcher(head);
        if (byAppId.matches()) {
            String objectId = applications.objectIdOfAppId(byAppId.group(1))
                    .orElseThrow(() -> GraphError.notFound(byAppId.group(1)));
            return ApplicationRoutes.handle(r, version, objectId, seg.subList(1, seg.size()), caller, applications,
                    responses);
        }
        if (head.equals("applications") && seg.size() >= 2) {
            return ApplicationRoutes.handle(r, version, seg.get(1), seg.subList(2, seg.size()), caller, applications,
                    responses);
        }
        throw GraphResponses.unknownSegment(head);
    }

    private EmulatorResponse userRoutes(RecordedRequest r, String version, List<String> rest, GraphCaller caller,
                                        GraphUser user, boolean me) {
        if (rest.isEmpty()) {
            GraphResponses.requireMethod(r, "GET");
            caller.require(me ? ME_READ : caller.delegated() && caller.userId().equals(user.id())
                    ? union(USER_READ, ME_READ) : USER_READ);
            return responses.entity(version, "users/$entity",
                    UserQuery.project(user, UserQuery.select(r.queryParam("$select").orElse(null))));
        }
        if (rest.size() == 1 && rest.get(0).equalsIgnoreCase("calendarView")) {
            GraphResponses.requireMethod(r, "GET");
            List<GraphEvent> own;
            synchronized (this) {
                own = List.copyOf(events.getOrDefault(user.id(), List.of()));
            }
            EventQuery.Page page = mailbox.calendarView(caller, user, own, r);
            String next = page.nextOffset() < 0 ? null
                    : responses.nextLink("/" + version + "/users/" + user.id() + "/calendarView", r, "$skip", page.nextOffset());
            return responses.collection(version, "users('" + user.id() + "')/calendarView", page.values(), next);
        }
        if (rest.size() == 1 && rest.get(0).equalsIgnoreCase("sendMail")) {
            GraphResponses.requireMethod(r, "POST");
            sentMail.add(mailbox.sendMail(caller, user, r));
            return new EmulatorResponse(202, Map.of(), new byte[0]);
        }
        throw GraphResponses.unknownSegment(rest.get(0));
    }

    private EmulatorResponse list(RecordedRequest r, String version, String entitySet) {
        UserQuery.Page page = UserQuery.run(allUsers(), r);
        String next = page.nextOffset() < 0 ? null : responses.nextLink(r.path(), r, "$skiptoken", page.nextOffset());
        return responses.collection(version, entitySet, page.values(), next);
    }

    private GraphUser user(String idOrUpn) {
        List<GraphUser> all = allUsers();
        return all.stream().filter(u -> u.id().equals(idOrUpn)).findFirst()
                .or(() -> all.stream().filter(u -> u.userPrincipalName().equalsIgnoreCase(idOrUpn)).findFirst())
                .orElseThrow(() -> GraphError.notFound(idOrUpn));
    }

    private List<GraphUser> allUsers() {
        Map<String, GraphUser> all;
        synchronized (this) {
            all = new LinkedHashMap<>(users);
        }
        directoryUsers.get().forEach(u -> all.putIfAbsent(u.id(), u));
        return List.copyOf(all.values());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static String fetch(HttpClient http, URI uri) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("JWKS " + uri + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot fetch JWKS " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted fetching JWKS " + uri, e);
        }
    }

    @Override
    public String toString() {
        return "Microsoft Graph emulator at " + baseUrl() + " (" + users.size() + " users)";
    }
}
