package io.camfleet.lab;

import io.camfleet.audit.ExplainCommand;
import io.camfleet.cli.CommandList;
import io.camfleet.cli.ExitCode;
import io.camfleet.cli.UserTerms;
import io.camfleet.config.ConfigException;
import io.camfleet.dashboard.DashboardCommand;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.retention.cli.RetentionServiceCommand;
import io.camfleet.sharing.cli.SharingServiceCommand;
import io.camfleet.simulator.cli.SimulateCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code camfleet} command: simulate a camera fleet and enforce what happens to its footage.
 */
@Command(
    name = "camfleet",
    mixinStandardHelpOptions = true,
    versionProvider = Version.Provider.class,
    description = {
      "Simulates a doorbell-camera fleet and enforces retention and sharing policies on its footage.",
      "Start with 'camfleet run': one world, every bundled policy, one report."
    },
    subcommands = {
      RunCommand.class,
      SweepCommand.class,
      SimulateCommand.class,
      RetentionServiceCommand.class,
      SharingServiceCommand.class,
      BrokerCommand.class,
      DashboardCommand.class,
      ExplainCommand.class
    })
public final class Camfleet implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code: 0 done, 1 failed, 2 usage or input error. */
  public static int execute(String... args) {
    // Generated Avro classes decode only from trusted packages (Avro 1.12).
    System.setProperty(
        "org.apache.avro.SERIALIZABLE_PACKAGES",
        System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.camfleet.avro"));
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Camfleet());
    cli.addSubcommand(BenchLauncher.command());
    cli.addSubcommand(new CommandLine.HelpCommand());
    UserTerms.register(cli);
    CommandList.install(cli);
    // Every command answers --version with the same line, not only the top-level one.
    Version.Provider version = new Version.Provider();
    cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(version));
    cli.setParameterExceptionHandler(
        (e, args) -> {
          CommandLine failed = e.getCommandLine();
          PrintWriter err = failed.getErr();
          err.println(
              failed.getCommandSpec().qualifiedName()
                  + ": "
                  + e.getMessage()
                  + " (see '"
                  + failed.getCommandSpec().qualifiedName()
                  + " --help')");
          err.flush();
          return ExitCode.USAGE.code();
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
            commandLine.getErr().println("camfleet: " + e.getMessage());
            return ExitCode.USAGE.code();
          }
          if (e instanceof TopicAdmin.UnreachableClusterException) {
            commandLine.getErr().println("camfleet: " + e.getMessage());
            return ExitCode.FAILED.code();
          }
          commandLine.getErr().println("camfleet: " + e);
          return ExitCode.FAILED.code();
        });
    return cli;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "name a command: " + String.join(", ", CommandList.names(spec.commandLine())));
  }
}
