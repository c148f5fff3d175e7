package io.camfleet.cli;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGINT (Ctrl-C) and SIGTERM into a clean stop of a foreground command: the signal marks the
 * command as stopping, the command notices at its next check, cleans up (brokers, services,
 * temporary folders) and closes this guard; the JVM exits only then, or after {@code grace}.
 */
public final class ShutdownGuard implements AutoCloseable {
  /** Thrown by a check once a stop was asked for. */
  public static final class StoppedException extends RuntimeException {
    StoppedException() {
      super("stopped", null, false, false);
    }
  }

  private final Thread hook;
  private final CountDownLatch cleanedUp = new CountDownLatch(1);
  private volatile boolean stopping;

  private ShutdownGuard(String command, PrintStream err, long graceSeconds) {
    this.hook =
        new Thread(
            () -> {
              stopping = true;
              err.printf("%n%s: stopping (interrupted); cleaning up...%n", command);
              err.flush();
              try {
                cleanedUp.await(graceSeconds, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            command + "-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Guards the calling command until {@link #close()}. */
  public static ShutdownGuard install(String command, PrintStream err) {
    return new ShutdownGuard(command, err, 60);
  }

  /** Whether a stop was asked for. */
  public boolean stopping() {
    return stopping;
  }

  /** Throws {@link StoppedException} once a stop was asked for. */
  public void check() {
    if (stopping) {
      throw new StoppedException();
    }
  }

  /** The command has cleaned up: a pending stop may end the JVM now. */
  @Override
  public void close() {
    cleanedUp.countDown();
    if (!stopping) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down (System.exit elsewhere): the hook returns at once
      }
    }
  }
}
