/**
 * A generic OpenID Connect issuer over HTTPS ({@code OidcIssuerEmulator}) that stands in for GCP's, a
 * Kubernetes cluster's or GitHub's issuer, and for callers' identity providers.
 *
 * <p>{@code OidcIssuerEmulator.start(name, clock)} publishes
 * {@code {issuer}/.well-known/openid-configuration} and its JWKS under {@code issuer()} =
 * {@code https://127.0.0.1:<port>/<name>} (no trailing slash);
 * {@code mint(subject, audience, lifetime[, extraClaims])} signs RS256 JWTs;
 * {@code rotateKey(dropOld)} starts signing with a new {@code kid} and keeps (or drops) the old key in
 * the JWKS.
 */
package dev.entrabridge.emulator.oidc;
