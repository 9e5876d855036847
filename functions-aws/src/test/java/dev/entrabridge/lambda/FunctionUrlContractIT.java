package dev.entrabridge.lambda;

import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.endpoint.contract.ContractTarget;
import dev.entrabridge.endpoint.contract.ContractWorld;
import dev.entrabridge.endpoint.contract.HttpContractSuite;
import dev.entrabridge.testing.EmulatedCloudExtension;
import dev.entrabridge.testing.Runtimes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The shared HTTP contract suite against the token Function URL handler: every request the suite
 * sends becomes the payload-2.0 event Lambda would build for it (the caller an IAM principal the
 * policy allows), goes through {@link TokenFunctionUrlHandler#handleRequest} on the real core, and its
 * payload-2.0 answer is read back as the HTTP response. In this JVM rather than under the RIC so the
 * suite can read the audit lines the moment each answer arrives; {@link TokenFunctionUrlIT} runs the
 * same handler under the real runtime interface client.
 */
class FunctionUrlContractIT extends HttpContractSuite {

    static final String PRINCIPAL = "arn:aws:sts::123456789012:assumed-role/AgentWorkloadRole/contract-suite";
    private static final List<String> AUDIT = new CopyOnWriteArrayList<>();

    @RegisterExtension
    static final EmulatedCloudExtension WORLD = EmulatedCloudExtension.perClass(b -> b.demoPeople().clock(Clock.systemUTC()));

    private static ContractWorld contract;
    private static ContractTarget target;

    @BeforeAll
    static void startHandler() {
        contract = ContractWorld.on(WORLD.cloud(), WORLD.bridge());
        BridgeConfig config = BridgeConfig.fromEnvironment(contract.environment(CredentialSourceKind.AWS_STS,
                "{\"kind\":\"aws-iam\",\"principalArn\":\"arn:aws:sts::123456789012:assumed-role/AgentWorkloadRole/*\"}"));
        TokenFunctionUrlHandler handler = new TokenFunctionUrlHandler(Runtimes.system(config, AUDIT::add));
        target = contract.target((method, pathAndQuery, headers, body) -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                handler.handleRequest(new ByteArrayInputStream(
                        FunctionUrlRequests.event(method, pathAndQuery, headers, body, PRINCIPAL)), out, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return FunctionUrlRequests.response(out.toByteArray());
        }, () -> List.copyOf(AUDIT), () -> List.copyOf(AUDIT));
    }

    @AfterEach
    void clearFaults() {
        contract.resetFaults();
    }

    @AfterAll
    static void stop() {
        contract.close();
    }

    @Override
    protected ContractTarget target() {
        return target;
    }
}
