package dev.entrabridge.emulator.http;

/** Answers the requests an emulator receives on one path prefix. */
@FunctionalInterface
public interface Route {

    /**
     * @param request the recorded request
     * @return the response to send
     * @throws Exception anything unexpected becomes a 500 with the message, like a real server bug
     */
    EmulatorResponse handle(RecordedRequest request) throws Exception;
}
