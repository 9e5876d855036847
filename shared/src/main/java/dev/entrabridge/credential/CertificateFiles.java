package dev.entrabridge.credential;

import dev.entrabridge.config.ConfigException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Loads a {@link ClientCertificateCredential} from a PEM file (PKCS#8 key + certificates) or a PKCS#12 file. */
final class CertificateFiles {

    private static final String VARIABLE = "ENTRA_CLIENT_CERTIFICATE_PATH";
    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private static final Pattern CERTIFICATE = Pattern.compile(
            "-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\\s]+-----END CERTIFICATE-----");

    private CertificateFiles() {
    }

    static ClientCertificateCredential load(Path file, String password) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.US_ASCII);
            return text.contains("-----BEGIN") ? pem(text) : pkcs12(bytes, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(VARIABLE, "names '" + file + "', which cannot be loaded (" + e.getClass().getSimpleName()
                    + "): give a PEM file with a PKCS#8 key and the certificate, or a PKCS#12 file and "
                    + "ENTRA_CLIENT_CERTIFICATE_PASSWORD");
        }
    }

    private static ClientCertificateCredential pem(String text) throws GeneralSecurityException {
        if (text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN EC PRIVATE KEY")) {
            throw new ConfigException(VARIABLE, "holds a PKCS#1/SEC1 key: convert it with "
                    + "'openssl pkcs8 -topk8 -nocrypt' so it reads BEGIN PRIVATE KEY");
        }
        Matcher m = PKCS8.matcher(text);
        if (!m.find()) {
            throw new ConfigException(VARIABLE, "holds no unencrypted 'BEGIN PRIVATE KEY' block: add the PKCS#8 private key");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        List<X509Certificate> chain = new ArrayList<>();
        Matcher certs = CERTIFICATE.matcher(text);
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        while (certs.find()) {
            // Only the certificate blocks: the X.509 parser stops at the key block otherwise.
            chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(
                    certs.group().getBytes(StandardCharsets.US_ASCII))));
        }
        if (chain.isEmpty()) {
            throw new ConfigException(VARIABLE, "holds no certificate: add the blueprint certificate in PEM");
        }
        PrivateKey key = null;
        for (String alg : List.of("RSA", "EC")) {
            try {
                key = KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
                break;
            } catch (GeneralSecurityException ignored) {
                // try the next algorithm
            }
        }
        if (key == null) {
            throw new ConfigException(VARIABLE, "holds a private key that is neither RSA nor EC");
        }
        return new ClientCertificateCredential(key, chain);
    }

    private static ClientCertificateCredential pkcs12(byte[] bytes, String password) throws IOException, GeneralSecurityException {
        char[] pw = password == null ? new char[0] : password.toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(new ByteArrayInputStream(bytes), pw);
        for (String alias : Collections.list(ks.aliases())) {
            if (ks.isKeyEntry(alias)) {
                Key key = ks.getKey(alias, pw);
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate c : ks.getCertificateChain(alias)) {
                    chain.add((X509Certificate) c);
                }
                return new ClientCertificateCredential((PrivateKey) key, chain);
            }
        }
        throw new ConfigException(VARIABLE, "is a PKCS#12 file without a private key entry: export the key with the certificate");
    }
}
