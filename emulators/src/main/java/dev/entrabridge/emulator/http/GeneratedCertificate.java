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

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * An RSA key pair and the X.509 certificate for it, generated here for the emulators' TLS and for
 * blueprint certificate credentials in tests and the demo: the one place certificates are made.
 *
 * @param keys        the 2048-bit RSA key pair
 * @param certificate its certificate, self-signed or issued by a {@link #authority} certificate
 */
public record GeneratedCertificate(KeyPair keys, X509Certificate certificate) {

    /** A self-signed end-entity certificate, valid from an hour ago until {@code notAfter}. */
    public static GeneratedCertificate selfSigned(String commonName, Instant notAfter) {
        KeyPair keys = rsa();
        X500Name name = name(commonName);
        return new GeneratedCertificate(keys, sign(builder(name, name, keys, notAfter), keys));
    }

    /** A self-signed certificate authority that may sign the certificates {@link #issue} makes. */
    public static GeneratedCertificate authority(String commonName, Instant notAfter) {
        KeyPair keys = rsa();
        X500Name name = name(commonName);
        try {
            X509v3CertificateBuilder b = builder(name, name, keys, notAfter)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new GeneratedCertificate(keys, sign(b, keys));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot build the certificate of " + commonName, e);
        }
    }

    /** A TLS server certificate for {@code 127.0.0.1} and {@code localhost}, signed by this authority. */
    public GeneratedCertificate issueLoopbackServer(Instant notAfter) {
        KeyPair serverKeys = rsa();
        try {
            X500Name issuer = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder b = builder(issuer, name("localhost"), serverKeys, notAfter)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                            new GeneralName(GeneralName.dNSName, "localhost")}));
            return new GeneratedCertificate(serverKeys, sign(b, keys));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot build the loopback server certificate", e);
        }
    }

    /** The certificate alone in PEM, e.g. for {@code curl --cacert}. */
    public String certificatePem() {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The PKCS#8 private key followed by the certificate, the PEM file a certificate credential loads. */
    public String privateKeyAndCertificatePem() {
        return pem("PRIVATE KEY", keys.getPrivate().getEncoded()) + certificatePem();
    }

    private static String pem(String type, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
    }

    private static X500Name name(String commonName) {
        return new X500Name("CN=" + commonName);
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair subjectKeys,
                                                    Instant notAfter) {
        // Valid from an hour ago, so clients whose clocks lag a little still accept it.
        Instant notBefore = Instant.now().minus(Duration.ofHours(1));
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()), Date.from(notBefore),
                Date.from(notAfter), subject, subjectKeys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a generated certificate", e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is unavailable", e);
        }
    }
}
