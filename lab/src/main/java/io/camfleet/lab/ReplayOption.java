package io.camfleet.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code camfleet run --events FILE}: the recorded event log, checked before anything starts. The
 * log carries its world, so the options that choose or change one go without it.
 */
final class ReplayOption {
  private static final List<String> WORLD_OPTIONS =
      List.of("--world", "--seed", "--cameras", "--days", "--seeds", "--seed-list", "--partitions");

  private ReplayOption() {}

  static Optional<RecordedEvents> open(Path events, CommandSpec spec) {
    if (events == null) {
      return Optional.empty();
    }
    for (String option : WORLD_OPTIONS) {
      if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
        throw new ParameterException(
            spec.commandLine(),
            option + " goes without --events: a recorded event log carries its own world");
      }
    }
    try {
      return Optional.of(RecordedEvents.open(events));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + events + ": " + e.getMessage(), e);
    }
  }
}
