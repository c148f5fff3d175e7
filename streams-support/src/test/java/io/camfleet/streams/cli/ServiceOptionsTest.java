package io.camfleet.streams.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.kafka.ClientConfig;
import io.camfleet.streams.HttpEndpoint;
import io.camfleet.streams.Processing;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The options every service command is built from, read as a command reads them. */
class ServiceOptionsTest {

  @Command(name = "some-service")
  static final class SomeService {
    @Mixin KafkaOptions kafka;
    @Mixin StreamsOptions streams;
    @Mixin HttpOptions http = new HttpOptions(8082);
  }

  private static SomeService parse(String... args) {
    SomeService command = new SomeService();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void
      withoutOptionsAServiceRunsExactlyOnceOnOneThreadInKafkaStreamsStateFolderOnItsOwnPortOnLoopback() {
    SomeService command = parse("--bootstrap-servers", "kafka:9092");

    assertEquals(Processing.defaults(), command.streams.processing());
    assertEquals(new HttpEndpoint("127.0.0.1", 8082), command.http.endpoint());
    assertEquals(new ClientConfig("kafka:9092", new Properties()), command.kafka.client());
  }

  @Test
  void everyOptionReachesItsValue() {
    SomeService command =
        parse(
            "--bootstrap-servers",
            "kafka:9092",
            "--state-dir",
            "state",
            "--reset-state",
            "--processing-guarantee",
            "at_least_once",
            "--threads",
            "3",
            "--http-port",
            "0",
            "--http-host",
            "0.0.0.0");

    assertEquals(
        new Processing("at_least_once", Optional.of(Path.of("state")), 3, true),
        command.streams.processing());
    assertEquals(new HttpEndpoint("0.0.0.0", 0), command.http.endpoint());
  }

  @Test
  void theDefaultPortIsTheCommandsAndTheHelpShowsIt() {
    String help = new CommandLine(new SomeService()).getUsageMessage().replaceAll("\\s+", " ");

    assertTrue(
        help.contains(
            "--http-port=N Port of the HTTP endpoints (default: 8082; 0: any free port,"
                + " printed on start)."),
        help);
  }

  @Test
  void wrongValuesAreNamedByTheirOption() {
    assertEquals(
        "--threads must be 1 or more, not 0",
        assertThrows(
                IllegalArgumentException.class,
                () -> parse("--bootstrap-servers", "k:1", "--threads", "0").streams.processing())
            .getMessage());
    assertEquals(
        "--processing-guarantee must be exactly_once_v2 or at_least_once, not 'exactly_once'",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    parse("--bootstrap-servers", "k:1", "--processing-guarantee", "exactly_once")
                        .streams
                        .processing())
            .getMessage());
    assertEquals(
        "--http-port must be 0 (any free port) to 65535, not 70000",
        assertThrows(
                IllegalArgumentException.class,
                () -> parse("--bootstrap-servers", "k:1", "--http-port", "70000").http.endpoint())
            .getMessage());
    assertEquals(
        "--http-bind must name an address",
        assertThrows(
                IllegalArgumentException.class,
                () -> parse("--bootstrap-servers", "k:1", "--http-bind", " ").http.endpoint())
            .getMessage());
  }
}
