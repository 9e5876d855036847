/**
 * The loopback HTTP(S) server every emulator is built on, its TLS material and its injected faults.
 *
 * <p>Each emulator owns an {@code EmulatorServer} on {@code 127.0.0.1} and an ephemeral port, records
 * every request ({@code requests()}, as {@code RecordedRequest}s) and takes injected faults
 * ({@code faults()}). HTTPS servers chain to a CA generated once per JVM ({@code EmulatorTls}):
 * clients trust {@code EmulatorTls.clientContext()} / {@code trustStore()} / {@code trustManager()}
 * (or {@code caCertificatePem()} for curl) and change nothing else. {@code GeneratedCertificate} is
 * the one place certificates are made: that CA and its loopback server certificate, and self-signed
 * certificates for blueprint certificate credentials. {@code SigningKey} signs JWTs and publishes
 * JWKS.
 *
 * <p>Every emulator exposes {@code faults()} (the STS emulator also {@code issuerFaults()} for its
 * HTTPS issuer):
 *
 * <pre>{@code
 * emulator.faults().failNext(2, Fault.unavailable(Duration.ofSeconds(1)));        // 503 + Retry-After
 * emulator.faults().failNext(1, Fault.throttle(Duration.ofSeconds(7)), r -> r.path().endsWith("/token"));
 * emulator.faults().failNext(1, Fault.status(500));
 * emulator.faults().failNext(1, Fault.malformedBody());   // 200 with truncated JSON
 * emulator.faults().failNext(1, Fault.closeConnection()); // socket closed, no response
 * emulator.faults().latency(Duration.ofMillis(300));      // every response; reset() clears all
 * }</pre>
 *
 * <p>One-shot faults apply to the next matching requests in order. Note the JDK {@code HttpClient}
 * silently retries an idempotent GET once after a dropped connection (so a single
 * {@code closeConnection()} is invisible to a GET; it surfaces for POST). Request bodies over 1 MiB
 * are answered 413 and not recorded.
 */
package dev.entrabridge.emulator.http;
