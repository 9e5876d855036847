package dev.entrabridge.credential;

import dev.entrabridge.config.ConfigException;
import dev.entrabridge.emulator.http.GeneratedCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificateFilesTest {

    @Test
    void loadsAPkcs12FileWithItsPassword(@TempDir Path dir) throws Exception {
        Instant notAfter = Instant.now().plus(Duration.ofDays(10)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        GeneratedCertificate generated = GeneratedCertificate.selfSigned("blueprint-dev", notAfter);
        KeyPair keys = generated.keys();
        X509Certificate cert = generated.certificate();
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
        GeneratedCertificate generated = GeneratedCertificate.selfSigned("blueprint-dev", Instant.now()
                .plusSeconds(600));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("bp", generated.keys()
                .getPrivate(), "pw".toCharArray(), new X509Certificate[] {generated.certificate()});
        Path p12 = dir.resolve("bp.p12");
        try (OutputStream out = Files.newOutputStream(p12)) {
            ks.store(out, "pw".toCharArray());
        }
        assertThatThrownBy(() -> CertificateFiles.load(p12, "wrong")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ENTRA_CLIENT_CERTIFICATE_PATH")
                .hasMessageContaining("ENTRA_CLIENT_CERTIFICATE_PASSWORD");

        Path pkcs1 = Files.writeString(dir.resolve("rsa.pem"),
                "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> CertificateFiles.load(pkcs1, null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("openssl pkcs8 -topk8");
    }
}
