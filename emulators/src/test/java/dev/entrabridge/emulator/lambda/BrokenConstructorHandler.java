package dev.entrabridge.emulator.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.InputStream;
import java.io.OutputStream;

/** Fails in its constructor, as a handler does whose configuration is missing. */
public final class BrokenConstructorHandler implements RequestStreamHandler {

    public BrokenConstructorHandler() {
        throw new IllegalStateException("BRIDGE_TENANT_ID is not set: set it to the tenant's id");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        throw new AssertionError("never constructed");
    }
}
