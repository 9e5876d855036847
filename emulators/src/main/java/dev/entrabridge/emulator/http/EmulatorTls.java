package dev.entrabridge.emulator.http;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * TLS material for the HTTPS emulators: one certificate authority generated per JVM at first use,
 * and a server certificate for {@code 127.0.0.1}/{@code localhost} signed by it. Clients trust
 * {@link #trustStore()} (or {@link #clientContext()}) and nothing else changes in their TLS code.
 */
public final class EmulatorTls {

    private static final char[] PASSWORD = "emulator".toCharArray();
    private static volatile Material material;

    private record Material(GeneratedCertificate ca, SSLContext server, KeyStore trustStore) { }

    private EmulatorTls() {
    }

    /** The CA certificate every HTTPS emulator's certificate chains to. */
    public static X509Certificate caCertificate() {
        return material().ca().certificate();
    }

    /** The CA in PEM, e.g. to write to a file for {@code curl --cacert}. */
    public static String caCertificatePem() {
        return material().ca().certificatePem();
    }

    /** A trust store holding only the emulator CA. */
    public static KeyStore trustStore() {
        return material().trustStore();
    }

    public static X509TrustManager trustManager() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore());
            return (X509TrustManager) tmf.getTrustManagers()[0];
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client {@link SSLContext} that trusts the emulators (and only them). */
    public static SSLContext clientContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new javax.net.ssl.TrustManager[] {trustManager()}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static SSLContext serverContext() {
        return material().server();
    }

    private static Material material() {
        Material m = material;
        if (m == null) {
            synchronized (EmulatorTls.class) {
                m = material;
                if (m == null) {
                    m = create();
                    material = m;
                }
            }
        }
        return m;
    }

    private static Material create() {
        try {
            Instant notAfter = Instant.now().plus(Duration.ofDays(30));
            GeneratedCertificate ca = GeneratedCertificate.authority("Entra Agent Bridge emulator CA", notAfter);
            GeneratedCertificate leaf = ca.issueLoopbackServer(notAfter);

            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("server", leaf.keys().getPrivate(), PASSWORD,
                    new X509Certificate[] {leaf.certificate(), ca.certificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, PASSWORD);
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(kmf.getKeyManagers(), null, new SecureRandom());

            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("emulator-ca", ca.certificate());
            return new Material(ca, server, trust);
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate the emulators' TLS certificate", e);
        }
    }
}
