package dev.entrabridge.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./demo bedrock}: the action-group Lambda under the real runtime interface client on the
 * demo's world, printing every example event with Graph's answer, and a user's own event the same way.
 */
class BedrockDemoIT {

    @Test
    void printsEachExampleEventAndItsReply() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = BedrockDemo.run(List.of(), print(out), print(err));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed + err).isZero();
        for (String example : BedrockDemo.EXAMPLES) {
            assertThat(printed).contains("=== " + example);
        }
        assertThat(printed.split("\nreply:\n", -1)).hasSize(BedrockDemo.EXAMPLES.size() + 1);
        assertThat(printed).contains("\"displayName\" : \"Alice Demo\"", "\"displayName\" : \"Bob Example\"",
                "\"subject\" : \"Design review\"", "\"status\" : \"accepted for delivery\"", "\"httpStatusCode\" : 200")
                .doesNotContain("REPROMPT", "FAILURE", "function error");
    }

    @Test
    void runsAUsersOwnEventTheSameWay(@TempDir Path dir) throws IOException {
        Path event = Files.writeString(dir.resolve("forbidden.json"), Files.readString(
                Path.of("../functions-aws/src/test/resources/events/bedrock/refused/calendar-forbidden.function.json")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = BedrockDemo.run(List.of(event.toString()), print(out), print(new ByteArrayOutputStream()));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(printed).contains("=== " + event, "\"responseState\" : \"REPROMPT\"", "Calendars.Read");
    }

    @Test
    void refusesAFileThatIsNotAnEvent(@TempDir Path dir) throws IOException {
        Path notJson = Files.writeString(dir.resolve("notes.txt"), "call getUser please");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = BedrockDemo.run(List.of(notJson.toString()), print(new ByteArrayOutputStream()), print(err));

        assertThat(exit).isEqualTo(BedrockDemo.USAGE_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot use " + notJson + " as an event: not JSON");
    }

    private static PrintStream print(ByteArrayOutputStream sink) {
        return new PrintStream(sink, true, StandardCharsets.UTF_8);
    }
}
