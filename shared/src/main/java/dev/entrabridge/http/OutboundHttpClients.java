package dev.entrabridge.http;

import dev.entrabridge.config.HttpSettings;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Builds the JDK {@link HttpClient} every outbound call of the core uses: explicit connect
 * timeout, redirects never followed (a token request must not be bounced elsewhere), and the JDK's
 * trusted CAs plus, when configured, an extra PEM bundle ({@code BRIDGE_TRUSTED_CA_FILE}).
 */
public final class OutboundHttpClients {

    private OutboundHttpClients() {
    }

    public static HttpClient create(HttpSettings settings) {
        HttpClient.Builder b = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1);
        settings.trustedCaFile().ifPresent(file -> b.sslContext(sslContextTrusting(file)));
        return b.build();
    }

    /** An SSL context trusting the JDK's default CAs and those in {@code pemFile}. */
    static SSLContext sslContextTrusting(Path pemFile) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (X509Certificate c : defaultTrustManager().getAcceptedIssuers()) {
                store.setCertificateEntry("jdk-" + i++, c);
            }
            for (Certificate c : readPem(pemFile)) {
                store.setCertificateEntry("extra-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("BRIDGE_TRUSTED_CA_FILE '" + pemFile + "' cannot be used as a CA bundle ("
                    + e.getMessage() + "): give a PEM file of X.509 CA certificates", e);
        }
    }

    private static Collection<? extends Certificate> readPem(Path file) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new CertificateException("no certificate found");
            }
            return certs;
        }
    }

    private static X509TrustManager defaultTrustManager() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        List<X509TrustManager> found = new ArrayList<>();
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager) {
                found.add((X509TrustManager) tm);
            }
        }
        return found.get(0);
    }
}
