package io.camfleet.simulator.cli;

import io.camfleet.schemas.Topics;
import io.camfleet.simulator.generate.Partitions;
import java.util.OptionalInt;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --partitions N}, shared by every command that may create {@code world-events}: the count a
 * new topic gets. An existing topic keeps its own, which every program reads from the cluster.
 */
public final class PartitionsOption {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      description =
          "Partitions of world-events when this command creates it (default "
              + Topics.DEFAULT_WORLD_PARTITIONS
              + ", 1 to "
              + Partitions.MAX
              + "): up to N service threads or instances and N simulator shards share the work."
              + " An existing world-events keeps its count; asking for another is an error.")
  Integer partitions;

  /** The count asked for, or empty when the option was left out; out of range is a usage error. */
  public OptionalInt requested() {
    if (partitions == null) {
      return OptionalInt.empty();
    }
    if (partitions < 1 || partitions > Partitions.MAX) {
      throw new ParameterException(
          mixee.commandLine(),
          "--partitions must be between 1 and " + Partitions.MAX + ", not " + partitions);
    }
    return OptionalInt.of(partitions);
  }
}
