package dev.entrabridge.emulator.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/** A typed handler, so that the RIC's own JSON serialization runs too. */
public final class GreetingHandler implements RequestHandler<Map<String, String>, Map<String, String>> {

    @Override
    public Map<String, String> handleRequest(Map<String, String> event, Context context) {
        return Map.of("greeting", "hello " + event.get("name"));
    }
}
