package dev.entrabridge.health;

import dev.entrabridge.token.Diagnosis;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Compares the local clock with Entra's {@code Date} header: assertions and tokens carry
 * {@code nbf}/{@code exp}, so a drifting clock shows up as AADSTS700024 or early expiry.
 * Warns from one minute of skew, fails from five (Entra's tolerance).
 */
final class ClockSkewCheck implements HealthCheck {

    static final Duration WARN = Duration.ofMinutes(1);
    static final Duration FAIL = Duration.ofMinutes(5);

    private final HttpClient http;
    private final URI entraProbe;
    private final Duration timeout;

    /**
     * @param http       the transport MSAL uses (same routing and trust)
     * @param entraProbe a cheap Entra URL, e.g. the tenant's OpenID configuration
     */
    ClockSkewCheck(HttpClient http, URI entraProbe, Duration timeout) {
        this.http = http;
        this.entraProbe = entraProbe;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "clock-skew";
    }

    @Override
    public Finding run(CheckContext context) throws InterruptedException {
        Finding finding = new Finding().evidence("probe", entraProbe.toString());
        long sentNanos = System.nanoTime();
        Instant localBefore = context.clock().instant();
        HttpResponse<Void> response;
        try {
            response = http.send(HttpRequest.newBuilder(entraProbe).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            return finding.fail("Entra could not be reached to read its clock.",
                    new Diagnosis(Diagnosis.Category.TRANSIENT, "BRIDGE_ENTRA_UNREACHABLE",
                            "GET " + entraProbe + " failed (" + e.getClass().getSimpleName() + ").",
                            "Check outbound HTTPS to the Entra authority host from this environment."));
        }
        Duration roundTrip = Duration.ofNanos(System.nanoTime() - sentNanos);
        String date = response.headers().firstValue("Date").orElse(null);
        if (date == null) {
            return finding.warn("Entra's response had no Date header; skew not measured.",
                    new Diagnosis(Diagnosis.Category.TRANSIENT, "BRIDGE_NO_DATE_HEADER",
                            "The probe response carried no Date header.", "Run the check again later."));
        }
        Instant remote;
        try {
            remote = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return finding.warn("Entra's Date header could not be parsed; skew not measured.",
                    new Diagnosis(Diagnosis.Category.TRANSIENT, "BRIDGE_NO_DATE_HEADER",
                            "The Date header '" + date + "' is not an RFC 1123 date.", "Run the check again later."));
        }
        // The header has one-second resolution and was produced somewhere within the round trip.
        Instant local = localBefore.plus(roundTrip.dividedBy(2));
        Duration skew = Duration.between(remote, local).abs();
        finding.evidence("entraDate", remote.toString()).evidence("localTime", local.toString())
                .evidence("skewMs", skew.toMillis());
        if (skew.compareTo(FAIL) >= 0) {
            return finding.fail("The local clock is " + skew.toSeconds() + " s off Entra's.", skewDiagnosis(skew));
        }
        if (skew.compareTo(WARN) >= 0) {
            return finding.warn("The local clock is " + skew.toSeconds() + " s off Entra's.", skewDiagnosis(skew));
        }
        return finding.pass("The local clock is within " + Math.max(1, skew.toSeconds()) + " s of Entra's.");
    }

    private static Diagnosis skewDiagnosis(Duration skew) {
        return new Diagnosis(Diagnosis.Category.CONFIGURATION, "BRIDGE_CLOCK_SKEW",
                "The local clock differs from Entra's by " + skew.toSeconds() + " s; assertions may be refused"
                        + " as not yet valid or expired (AADSTS700024).",
                "Synchronise the host clock (NTP / chrony).");
    }
}
