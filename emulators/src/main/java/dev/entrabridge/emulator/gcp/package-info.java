/**
 * An emulator of the GCE metadata server's identity endpoint:
 * {@code dev.entrabridge.emulator.gcp.GcpMetadataEmulator.start(GceInstance.example(), clock)};
 * clients use {@code baseUrl()} (or {@code host()} for {@code GCE_METADATA_HOST}).
 *
 * <ul>
 * <li>{@code GET /computeMetadata/v1/instance/service-accounts/default/identity?audience=…&format=standard|full}
 *     returns the ID token as text. Needs {@code Metadata-Flavor: Google} (else 403 with Google's page
 *     text "Missing Metadata-Flavor:Google header."); empty {@code audience} → 400 "non-empty audience
 *     parameter required". Every response carries {@code Metadata-Flavor: Google}.</li>
 * <li>Tokens come from an embedded {@code OidcIssuerEmulator} whose {@code issuer()} stands in for
 *     {@code https://accounts.google.com}: {@code sub} and {@code azp} =
 *     {@code serviceAccountUniqueId()}; {@code format=full} adds {@code email}, {@code email_verified}
 *     and {@code google.compute_engine} (project, zone, instance). Lifetime 1 h.</li>
 * <li>Platform detection: {@code GET /} (no header needed), the {@code instance} directory
 *     ({@code GET /computeMetadata/v1/instance}, what {@code gcp-metadata}'s {@code isAvailable()} asks:
 *     its entries one a line, or the tree as JSON with {@code recursive=true}), {@code instance/id},
 *     {@code instance/name}, {@code instance/zone}, {@code project/project-id},
 *     {@code project/numeric-project-id}, {@code instance/service-accounts/default/email}.</li>
 * </ul>
 */
package dev.entrabridge.emulator.gcp;
