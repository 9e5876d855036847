package dev.entrabridge.lambda;

import dev.entrabridge.config.GraphSettings;
import dev.entrabridge.graph.GraphException;
import dev.entrabridge.graph.GraphOperations;
import dev.entrabridge.graph.GraphToken;
import dev.entrabridge.inbound.Caller;
import dev.entrabridge.issuance.IssuanceRefused;
import dev.entrabridge.issuance.IssueRequest;
import dev.entrabridge.issuance.TokenIssuance;
import dev.entrabridge.lambda.ActionOutcome.Source;
import dev.entrabridge.token.Diagnosis;
import dev.entrabridge.token.Diagnosis.Category;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.UUID;

/**
 * Serves one action-group invocation: the Bedrock agent must be mapped to a configured agent (checked
 * first, before its input is looked at), the action and its arguments must match the schemas, then the
 * core's Graph operation runs with the agent's Graph token from the issuance (policy, audit). Every
 * invocation leaves one audit line: the issuance's, or a rejection when it refused before asking for a
 * token. Never throws; never puts a token, an assertion or a stack trace in a reply.
 */
final class BedrockActions {

    private static final System.Logger LOG = System.getLogger(BedrockActions.class.getName());

    private final TokenIssuance issuer;
    private final GraphOperations graph;
    private final Clock clock;

    BedrockActions(TokenIssuance issuer, GraphOperations graph, Clock clock) {
        this.issuer = issuer;
        this.graph = graph;
        this.clock = clock;
    }

    /** The reply to {@code eventJson}; {@code requestId} is Lambda's, used as correlation id when it is a UUID. */
    byte[] handle(byte[] eventJson, String requestId) {
        Instant start = clock.instant();
        BedrockEvent event;
        try {
            event = BedrockEvent.parse(eventJson);
        } catch (ActionRefusal e) {
            issuer.rejected(null, graphApi(), e.diagnosis().code(), e.diagnosis().cause(), correlationId(requestId),
                    Duration.between(start, clock.instant()));
            log(null, null, e.diagnosis(), start);
            return BedrockReply.render(BedrockEvent.echoOf(eventJson), ActionOutcome.refused(e.diagnosis(), Source.INPUT));
        }
        Caller caller = Caller.bedrockAgent(event.agentId(), event.agentAlias().orElse(null));
        Invocation invocation = new Invocation(caller, correlationId(requestId));
        ActionOutcome outcome;
        String actionName = null;
        try {
            GraphAction action = action(event);
            actionName = action.name();
            if (issuer.agentFor(caller).isEmpty()) {
                invocation.accessToken();  // the issuance refuses an unmapped agent, and audits it
            }
            ActionArguments arguments = ActionArguments.bind(action, event.values());
            outcome = ActionOutcome.ok(action.operation().run(graph, invocation, arguments));
        } catch (ActionRefusal e) {
            outcome = ActionOutcome.refused(e.diagnosis(), Source.INPUT);
        } catch (IssuanceRefused e) {
            outcome = ActionOutcome.refused(e.diagnosis(), Source.ISSUANCE);
        } catch (GraphException e) {
            outcome = ActionOutcome.refused(e.diagnosis(), invocation.asked ? Source.GRAPH : Source.INPUT);
        } catch (RuntimeException e) {
            // A defect of ours: the model gets a sentence, the log the exception's type, nobody a stack trace.
            LOG.log(Level.ERROR, "event=bedrock_action_failed error={0}", e.getClass().getName());
            outcome = ActionOutcome.refused(new Diagnosis(Category.BUG, "BRIDGE_INTERNAL_ERROR",
                    "The action group failed unexpectedly.", "Try again later; the operator finds the error in "
                    + "the function's log."), Source.ISSUANCE);
        }
        if (!invocation.asked && outcome.diagnosis() != null) {
            issuer.rejected(caller, graphApi(), outcome.diagnosis().code(), outcome.diagnosis().cause(),
                    invocation.correlationId, Duration.between(start, clock.instant()));
        }
        log(event, actionName, outcome.diagnosis(), start);
        return BedrockReply.render(event, outcome);
    }

    private static GraphAction action(BedrockEvent event) {
        if (event.style() == BedrockEvent.Style.FUNCTION_DETAILS) {
            return GraphActions.byFunction(event.function()).orElseThrow(() -> ActionRefusal.unknownAction(
                    "This action group has no function " + ActionRefusal.quoted(event.function()) + ".",
                    "Call one of its functions: " + GraphActions.functionNames() + "."));
        }
        return GraphActions.byApi(event.httpMethod(), event.apiPath()).orElseThrow(() -> ActionRefusal.unknownAction(
                "This action group has no operation " + ActionRefusal.quoted(event.httpMethod() + " " + event.apiPath())
                        + ".", "Call one of its operations: " + GraphActions.apiOperations() + "."));
    }

    private String graphApi() {
        return graph.settings().api().orElse(null);
    }

    private void log(BedrockEvent event, String action, Diagnosis refusal, Instant start) {
        LOG.log(Level.INFO, "event=bedrock_action style={0} action={1} agent={2} outcome={3} code={4} durationMs={5}",
                event == null ? "-" : event.style().name().toLowerCase(java.util.Locale.ROOT),
                action == null ? "-" : action, event == null ? "-" : event.agentId(),
                refusal == null ? "ok" : "refused", refusal == null ? "-" : refusal.code(),
                Duration.between(start, clock.instant()).toMillis());
    }

    private static String correlationId(String requestId) {
        try {
            return requestId == null ? null : UUID.fromString(requestId).toString();
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }

    /** The agent's Graph token for one invocation, asked for at most once, through the issuance. */
    private final class Invocation implements GraphToken {
        private final Caller caller;
        private final String correlationId;
        private boolean asked;

        Invocation(Caller caller, String correlationId) {
            this.caller = caller;
            this.correlationId = correlationId;
        }

        @Override
        public String accessToken() {
            asked = true;
            GraphSettings settings = graph.settings();
            IssueRequest.Builder request = IssueRequest.from(caller).correlationId(correlationId);
            request = settings.api().isPresent() ? request.api(settings.api().get())
                    : request.scopes(new LinkedHashSet<>(settings.scopes()));
            return issuer.issue(request.build()).accessToken();
        }
    }
}
