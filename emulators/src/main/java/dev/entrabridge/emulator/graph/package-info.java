/**
 * A Microsoft Graph emulator ({@link dev.entrabridge.emulator.graph.GraphEmulator}) over HTTPS that
 * validates bearer tokens the way Graph does and serves the user, calendar, mail and beta
 * application routes the bridge and its health check call.
 *
 * <pre>{@code
 * GraphEmulator graph = GraphEmulator.startFor(entra, tenantId, clock); // trusts that tenant's v1 tokens, serves its directory
 * // or GraphEmulator.start(clock, Set.of(tenantIssuer), () -> tenantJwksJson) for a standalone Graph
 * // or GraphEmulator.start(clock, Set.of(issuer), jwksUri) to fetch the JWKS over HTTPS
 * graph.addUser(new GraphUser(id, upn, displayName, given, surname, mail, jobTitle));
 * graph.addEvent(id, new GraphEvent("ev-1", "Stand-up", start, end, "Room 1"));
 * graph.seededApplications().addBlueprint(objectId, appId, name)
 *      .addFederatedIdentityCredential(objectId, "aws", issuer, subject, "api://AzureADTokenExchange");
 * graph.sentMail();   // what sendMail accepted
 * }</pre>
 *
 * <p>Routes ({@code /v1.0} and {@code /beta}): {@code GET /users} ({@code $top} 1–999 with a working
 * {@code @odata.nextLink}, {@code $select}, {@code $filter} {@code startswith(p,'x')} / {@code p eq 'x'},
 * {@code $search "p:term"} only with {@code ConsistencyLevel: eventual}), {@code GET /users/{id|upn}},
 * {@code GET /me} (delegated only, else 400), {@code GET /users/{id}/calendarView?startDateTime&endDateTime}
 * (and {@code /me/calendarView}), {@code POST /users/{id}/sendMail} (202; body, recipients and content
 * type validated like Exchange), {@code GET /applications/{objectId}},
 * {@code …/federatedIdentityCredentials}, and the
 * {@code …/microsoft.graph.agentIdentityBlueprint[/federatedIdentityCredentials[/{id|name}]]} cast (404 on a
 * non-blueprint), and {@code POST …/federatedIdentityCredentials} (201 with the stored credential).
 * {@link dev.entrabridge.emulator.graph.EntraDirectorySource} (used by {@code startFor})
 * reads the Entra emulator's tenant live: blueprints as applications (password and key credential
 * metadata with {@code endDateTime}, never a secret), their FICs, users and agent users; a credential
 * created through Graph lands on the Entra emulator's blueprint, so its token endpoint trusts it (after the
 * directory's propagation delay).
 *
 * <p>Creating a credential ({@code FederatedCredentialRules}, Graph's codes and messages as real tenants
 * answer them): on a blueprint the token needs AgentIdentityBlueprint.AddRemoveCreds.All,
 * AgentIdentityBlueprint.ReadWrite.All or Application.ReadWrite.All (else 403 {@code Authorization_RequestDenied});
 * the body holds only {@code name, issuer, subject, audiences, description} (400 {@code Invalid property '…'});
 * the name is a valid last URI segment of at most 120 characters (400 {@code InvalidFederatedIdentityCredentialValue}
 * "The specified Name value is not a valid URI last segment. paramName: FederatedIdentityCredential.Name, …")
 * and unique (409 {@code Request_MultipleObjectsWithSameKeyValue} "FederatedIdentityCredential with name … already
 * exists."); issuer, subject and exactly one audience are required, at most 600 characters each; issuer and
 * subject are unique as a pair, compared exactly (400 "The combination of issuer and subject must be unique for the
 * application. …"); a 21st credential is 403 {@code Directory_ResourceSizeExceeded}. Emulator choices: the
 * unreserved URI characters stand for "URL friendly", the audience and missing-value messages follow the
 * pattern of the documented ones, and {@code claimsMatchingExpression} (flexible credentials) is refused.
 *
 * <p>Tokens: RS256 only, key by {@code kid} from the JWKS (asked again on an unknown kid), {@code iss}
 * in the allowed set ({@code startFor}: the tenant's v1 issuer {@code https://sts.windows.net/{tid}/}, since
 * Entra issues Graph tokens in v1 format), the claims of the token's format ({@code ver 1.0} with
 * {@code appid}/{@code appidacr} and the v1 issuer, {@code ver 2.0} with {@code azp}), {@code aud}
 * {@code https://graph.microsoft.com} or
 * {@code 00000003-0000-0000-c000-000000000000}, {@code exp}/{@code nbf} with a five-minute skew;
 * failures are 401 {@code InvalidAuthenticationToken} with {@code WWW-Authenticate}. Permissions:
 * app tokens by {@code roles}, delegated tokens ({@code scp} + {@code oid}) by scope and, for mail
 * and calendar, only the signed-in user's own mailbox. Users need User.Read.All (or
 * User.ReadBasic.All, Directory.Read.All…), {@code /me} a delegated User.Read, calendarView
 * Calendars.Read, sendMail Mail.Send, applications Application.Read.All or
 * AgentIdentityBlueprint.Read.All. Directory refusals are 403 {@code Authorization_RequestDenied},
 * mailbox ones 403 {@code ErrorAccessDenied}; unknown objects 404 {@code Request_ResourceNotFound};
 * all in Graph's {@code {"error":{"code","message","innerError":{date,request-id,client-request-id}}}}.
 *
 * <p>Collections: users by {@link dev.entrabridge.emulator.graph.UserFilter} ({@code startswith}/{@code eq}
 * joined by and/or, doubled quotes) and {@code $skiptoken} next links; calendarView by
 * {@code EventQuery} (pages of 10, {@code $top}, {@code $skip} next links, {@code $select},
 * {@code $orderby}). {@code throttleNext(n, retryAfter)} answers Graph's 429 {@code TooManyRequests}
 * ("Please retry again later.") with {@code Retry-After}. An undoubled quote in a filter literal is
 * Graph's {@code Syntax error: character …}, a startswith value over 120 characters its
 * {@code Request_UnsupportedQuery}; {@code $search "p:term"} needs {@code ConsistencyLevel: eventual};
 * calendarView's {@code $top} is capped at 1000 and its {@code $select} always returns {@code id} and
 * {@code @odata.etag}. A user without a {@code mail} address stands for one without an Exchange Online
 * mailbox (calendarView and sendMail 404 {@code MailboxNotEnabledForRESTAPI}); any {@code $} option
 * given twice is 400 {@code Query option '…' was specified more than once}. Emulator choices where
 * Graph's behaviour is not documented: the calendarView {@code $top}/{@code $skip} error for a
 * non-number (400 {@code BadRequest}), and event properties it does not model ({@code organizer},
 * {@code attendees} …) are refused by {@code $select} as unknown.
 */
package dev.entrabridge.emulator.graph;
