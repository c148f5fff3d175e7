package io.camfleet.streams.cli;

import io.camfleet.cli.ExitCode;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.streams.ListenException;
import io.camfleet.streams.RunningService;
import io.camfleet.streams.StateFolderException;
import java.io.PrintWriter;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What every service command does once its options are read: start the service, or say in one line
 * why it cannot; then run it in the foreground until SIGTERM or SIGINT closes it, or until it stops
 * by itself after an error.
 */
public final class ServiceCommand {
  private ServiceCommand() {}

  /**
   * Starts the service with {@code start}, tells {@code started} of it (to announce it), and
   * returns the command's exit code once the service has stopped. Every line is printed on {@code
   * err}, starting with {@code name}.
   */
  public static <S extends RunningService> ExitCode run(
      String name, PrintWriter err, Supplier<S> start, Consumer<S> started)
      throws InterruptedException {
    S service;
    try {
      service = start.get();
    } catch (ListenException | StateFolderException e) {
      err.println(name + ": " + e.getMessage());
      return ExitCode.USAGE;
    } catch (TopicAdmin.UnreachableClusterException e) {
      err.println(name + ": " + e.getMessage());
      return ExitCode.FAILED;
    } catch (RuntimeException e) {
      err.println(name + ": cannot start: " + e.getMessage());
      return ExitCode.FAILED;
    }
    try (service) {
      Thread stop = new Thread(service::close, name + "-stop");
      Runtime.getRuntime().addShutdownHook(stop);
      started.accept(service);
      service.awaitStop();
      removeShutdownHook(stop);
      if (service.failed()) {
        err.println(
            name + ": the Kafka Streams application stopped after an error (see the log above)");
        return ExitCode.FAILED;
      }
    }
    return ExitCode.OK;
  }

  /**
   * The hook is not needed once the service has stopped by itself; in a JVM that is exiting it
   * stays.
   */
  private static void removeShutdownHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException exiting) {
      // the JVM is shutting down: the hook is what stopped the service
    }
  }
}
