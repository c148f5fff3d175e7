package io.camfleet.streams.cli;

import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Picocli mixin: {@code --policy}, once per policy a service enforces. */
public final class PolicyOptions {
  @Option(
      names = "--policy",
      required = true,
      paramLabel = "FILE",
      description = "Policy file to enforce; repeat for several policies side by side.")
  List<Path> files;

  /**
   * The policies, read from their files.
   *
   * @throws io.camfleet.config.ConfigException naming the file, line and field of a wrong one
   */
  public List<Policy> policies() {
    return Policies.read(files);
  }
}
