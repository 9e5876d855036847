package dev.entrabridge.credential;

import dev.entrabridge.config.ConfigException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificateFilesTest {

    private static KeyPair keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static X509Certificate certificate(KeyPair keys, Instant notAfter) throws Exception {
        X500Name name = new X500Name("CN=blueprint-dev");
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(Instant.now().minus(Duration.ofHours(1))), Date.from(notAfter), name, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }

    @Test
    void loadsAPkcs12FileWithItsPassword(@TempDir Path dir) throws Exception {
        KeyPair keys = keys();
        Instant notAfter = Instant.now().plus(Duration.ofDays(10)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        X509Certificate cert = certificate(keys, notAfter);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("bp", keys.getPrivate(), "pw".toCharArray(), new X509Certificate[] {cert});
        Path file = dir.resolve("bp.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, "pw".toCharArray());
        }

        ClientCertificateCredential credential = CertificateFiles.load(file, "pw");

        assertThat(credential.chain()).containsExactly(cert);
        assertThat(credential.privateKey().getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
        assertThat(credential.localExpiry().orElseThrow().notAfter()).isEqualTo(notAfter);
        assertThat(credential.description()).contains("CN=blueprint-dev").contains("development only");
    }

    @Test
    void aWrongPasswordOrAPkcs1KeyNamesTheVariable(@TempDir Path dir) throws Exception {
        KeyPair keys = keys();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("bp", keys.getPrivate(), "pw".toCharArray(), new X509Certificate[] {certificate(keys, Instant.now().plusSeconds(600))});
        Path p12 = dir.resolve("bp.p12");
        try (OutputStream out = Files.newOutputStream(p12)) {
            ks.store(out, "pw".toCharArray());
        }
        assertThatThrownBy(() -> CertificateFiles.load(p12, "wrong")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ENTRA_CLIENT_CERTIFICATE_PATH").hasMessageContaining("ENTRA_CLIENT_CERTIFICATE_PASSWORD");

        Path pkcs1 = Files.writeString(dir.resolve("rsa.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> CertificateFiles.load(pkcs1, null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("openssl pkcs8 -topk8");
    }
}
