package io.camfleet.lab;

import io.camfleet.cli.ExitCode;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code camfleet bench}, whose code and tools (Kafka's performance tools, the Streams test driver)
 * stay off the product's classpath: {@code ./camfleet bench} adds the benchmarks' jars, and only
 * then is the real command here. Without them, {@code bench} says how to get them.
 */
final class BenchLauncher {
  static final String COMMAND_CLASS = "io.camfleet.bench.BenchCommand";

  private BenchLauncher() {}

  /** The bench command when its jars are on the classpath, else {@link Missing}. */
  static CommandLine command() {
    try {
      return new CommandLine(Class.forName(COMMAND_CLASS).getDeclaredConstructor().newInstance());
    } catch (ClassNotFoundException e) {
      return new CommandLine(new Missing());
    } catch (ReflectiveOperationException e) {
      Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
      throw new IllegalStateException("cannot create " + COMMAND_CLASS + ": " + cause, cause);
    }
  }

  /** What {@code bench} does when the benchmarks are not on the classpath. */
  @Command(
      name = "bench",
      mixinStandardHelpOptions = true,
      description =
          "Measures the simulator and both services against Kafka's own performance tools; run it as"
              + " ./camfleet bench, which adds the benchmarks to the classpath.")
  static final class Missing implements Callable<Integer> {
    @CommandLine.Unmatched String[] ignored;

    @Override
    public Integer call() {
      System.err.println(
          "camfleet bench: the benchmarks are not on this classpath (they stay off the product's):"
              + " run ./camfleet bench from the project folder, which builds benchmarks/target and adds it");
      return ExitCode.FAILED.code();
    }
  }
}
