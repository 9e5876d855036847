package dev.entrabridge.entra;
import dev.entrabridge.token.Diagnosis;

import dev.entrabridge.token.Diagnosis.Category;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each Entra token-endpoint error code ({@code error_codes}, the AADSTS numbers) means and what
 * to do about it, worded so an operator can act without a stack trace: a 401 means wrong credentials
 * or a missing FIC; an API rejecting a token means a missing scope or permission on the agent identity.
 */
final class EntraErrorCatalog {

    private static final String FIC_REMEDY = "Make the blueprint's federated identity credential match the assertion "
            + "exactly (issuer, subject, audience as reported by the health check); if it was just created, retry in a few minutes.";

    /**
     * Entra names the presented value of the field that did not match ("…presented assertion subject
     * 'arn:…'"); the diagnosis repeats it so the operator sees which value to copy, never anything else of
     * the description.
     */
    private static final Pattern PRESENTED = Pattern.compile("presented assertion (issuer|audience|subject) '([^']{0,300})'");

    private static final Map<Long, Diagnosis> BY_CODE = Map.ofEntries(
            entry(70021, Category.CONFIGURATION,
                    "No federated identity credential of the blueprint is in effect for the assertion's issuer, subject and"
                            + " audience together (Entra's generic answer, also while a new credential propagates).",
                    FIC_REMEDY),
            entry(700211, Category.CONFIGURATION,
                    "No federated identity credential matches the assertion's issuer (iss), or leg 1 was sent to the wrong tenant.",
                    "Set the FIC issuer to the assertion's exact iss and ENTRA_TENANT_ID to the agent identity's home tenant."),
            entry(700212, Category.CONFIGURATION,
                    "No federated identity credential with the assertion's issuer matches its audience (aud).",
                    "Set the FIC audience to api://AzureADTokenExchange (or the sovereign cloud's) and mint assertions for it."),
            entry(700213, Category.CONFIGURATION,
                    "No federated identity credential with the assertion's issuer and audience matches its subject (sub).",
                    "Set the FIC subject to the assertion's exact sub (e.g. the role ARN), or mint the assertion as the"
                            + " subject the FIC names."),
            entry(7002137, Category.CONFIGURATION,
                    "The T1's subject (the fmi path naming the agent identity) does not match the federated identity"
                            + " credential's subject.",
                    "Copy the subject Entra names exactly into the FIC subject."),
            entry(7002138, Category.CONFIGURATION,
                    "The assertion's subject (sub) matches a federated identity credential's subject only when letter case"
                            + " is ignored; Entra compares subjects case-sensitively.",
                    "Copy the assertion's sub into the FIC subject keeping its case (e.g. the role ARN exactly as STS"
                            + " prints it)."),
            entry(700024, Category.CREDENTIAL,
                    "The client assertion is outside its valid time range (stale assertion or T1).",
                    "Mint a fresh assertion per exchange and check the host clock; the bridge already retried once with a new one."),
            entry(700016, Category.CONFIGURATION,
                    "The application was not found in the directory (wrong client id, or wrong tenant).",
                    "Check ENTRA_BLUEPRINT_CLIENT_ID, the agent identity appId and ENTRA_TENANT_ID."),
            entry(7000215, Category.CREDENTIAL,
                    "The blueprint's client secret is invalid or expired.",
                    "Token requests return 401 when credentials are wrong: create a new secret (development only) or switch to a federated source."),
            entry(7000222, Category.CREDENTIAL,
                    "The blueprint's client secret has expired.",
                    "Create a new secret (development only) or switch to a federated credential source."),
            entry(7000112, Category.CONFIGURATION,
                    "The application (e.g. the agent identity or the blueprint) is disabled in the tenant.",
                    "Enable the agent identity (or blueprint) in Entra, or configure an enabled one."),
            entry(50013, Category.CREDENTIAL,
                    "Entra refused the assertion (bad signature, issuer or format), or the OBO user token is not aimed at the blueprint.",
                    "Check the assertion issuer's JWKS is reachable and the user token's aud is the blueprint's appId."),
            entry(50027, Category.CREDENTIAL,
                    "The token presented is invalid (malformed, bad signature or wrong audience).",
                    "Check the token's issuer keys and that an OBO user token's aud is the blueprint's appId."),
            entry(500011, Category.CONFIGURATION,
                    "The resource principal of the requested scope was not found in the tenant (bad scope or resource).",
                    "Fix the scope of the downstream API (e.g. https://graph.microsoft.com/.default)."),
            entry(65001, Category.PERMISSION,
                    "Consent or the permission grant for the requested scope is missing for the agent identity.",
                    "An API rejects tokens without the scope: grant the permission (admin consent) to the agent identity or request the correct scope."),
            entry(70011, Category.CONFIGURATION,
                    "The requested scope is invalid (legs 1 and 2 accept only /.default scopes).",
                    "Request <resource>/.default, e.g. https://graph.microsoft.com/.default."),
            entry(90002, Category.CONFIGURATION,
                    "The tenant was not found.",
                    "Set ENTRA_TENANT_ID to your tenant's GUID."),
            entry(82001, Category.BUG,
                    "The RFC 8693 token-exchange grant was used, which Entra Agent ID does not support.",
                    "Use client_credentials with fmi_path for leg 1; report this as a bridge bug."),
            entry(500133, Category.CALLER,
                    "The user's token presented for on-behalf-of has expired.",
                    "Sign the user in again and call with a fresh token."));

    private EntraErrorCatalog() {
    }

    private static Map.Entry<Long, Diagnosis> entry(long code, Category category, String cause, String remedy) {
        return Map.entry(code, new Diagnosis(category, "AADSTS" + code, cause, remedy));
    }

    static Optional<Diagnosis> forCode(long code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    /** Adds the value Entra saw for the field that did not match (see {@link #PRESENTED}). */
    static Diagnosis withPresentedValue(Diagnosis diagnosis, String description) {
        if (description == null || !FicPropagation.isPropagationCode(diagnosis.code())) {
            return diagnosis;
        }
        Matcher m = PRESENTED.matcher(description);
        if (!m.find()) {
            return diagnosis;
        }
        String value = m.group(2).replaceAll("[\\p{Cntrl}]", "?");
        return new Diagnosis(diagnosis.category(), diagnosis.code(), diagnosis.cause() + " Entra saw the assertion's "
                + m.group(1) + " '" + value + "'.", diagnosis.remedy());
    }


    static Diagnosis unknown(long code, String error, int status) {
        Category category = status == 401 ? Category.CREDENTIAL : Category.CONFIGURATION;
        return new Diagnosis(category, code > 0 ? "AADSTS" + code : "ENTRA_" + (error == null ? "HTTP_" + status : error),
                "Entra refused the token request (HTTP " + status + (error == null ? "" : ", " + error) + ").",
                "Check the agent identity credentials, permissions, tenant and client id; a 401 means wrong credentials or no matching FIC.");
    }

    static Diagnosis transientFailure(int status) {
        String what = status == 429 ? "Entra throttled the token request (HTTP 429)."
                : status == 0 ? "Entra could not be reached or did not answer in time."
                : "Entra is unavailable (HTTP " + status + ").";
        return new Diagnosis(Category.TRANSIENT, status == 0 ? "ENTRA_UNREACHABLE" : "ENTRA_HTTP_" + status, what,
                "Retry after the indicated delay; if it persists check network egress to the authority host.");
    }
}
