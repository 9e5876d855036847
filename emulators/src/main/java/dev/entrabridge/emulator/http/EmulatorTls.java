package dev.entrabridge.emulator.http;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * TLS material for the HTTPS emulators: one certificate authority generated per JVM at first use,
 * and a server certificate for {@code 127.0.0.1}/{@code localhost} signed by it. Clients trust
 * {@link #trustStore()} (or {@link #clientContext()}) and nothing else changes in their TLS code.
 */
public final class EmulatorTls {

    private static final char[] PASSWORD = "emulator".toCharArray();
    private static volatile Material material;

    private record Material(X509Certificate ca, SSLContext server, KeyStore trustStore) { }

    private EmulatorTls() {
    }

    /** The CA certificate every HTTPS emulator's certificate chains to. */
    public static X509Certificate caCertificate() {
        return material().ca();
    }

    /** The CA in PEM, e.g. to write to a file for {@code curl --cacert}. */
    public static String caCertificatePem() {
        try {
            String b64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(caCertificate().getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
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
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            KeyPair caKeys = gen.generateKeyPair();
            KeyPair serverKeys = gen.generateKeyPair();
            Instant now = Instant.now();
            X500Name caName = new X500Name("CN=Entra Agent Bridge emulator CA");
            X509Certificate ca = sign(caName, caName, caKeys.getPublic(), caKeys.getPrivate(), now, true);
            X509Certificate leaf = sign(caName, new X500Name("CN=localhost"), serverKeys.getPublic(),
                    caKeys.getPrivate(), now, false);

            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("server", serverKeys.getPrivate(), PASSWORD, new X509Certificate[] {leaf, ca});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, PASSWORD);
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(kmf.getKeyManagers(), null, new SecureRandom());

            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("emulator-ca", ca);
            return new Material(ca, server, trust);
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate the emulators' TLS certificate", e);
        }
    }

    private static X509Certificate sign(X500Name issuer, X500Name subject, PublicKey key, PrivateKey signer,
                                        Instant now, boolean ca) throws Exception {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(30))), subject, key);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost")}));
        }
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer)));
    }
}
