package io.camfleet.lab;

import java.io.File;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A {@code camfleet} service command in a JVM of its own, with this test's class path, so a test
 * can kill it with SIGKILL and start it again; its output is appended to a log under {@code
 * target/}. Started through {@link ChildJvm}, so none outlives the test JVM.
 */
final class ServiceProcess implements AutoCloseable {
  private final Supplier<List<String>> arguments;
  private final File log;
  private Process process;
  private int kills;

  private ServiceProcess(Supplier<List<String>> arguments, File log) {
    this.arguments = arguments;
    this.log = log;
  }

  /**
   * Starts {@code camfleet} with the arguments {@code arguments} gives; it is asked again at each
   * restart, so a restart can take, say, a new port.
   */
  static ServiceProcess start(String logName, Supplier<List<String>> arguments) throws Exception {
    ServiceProcess service = new ServiceProcess(arguments, new File("target/" + logName + ".log"));
    service.launch();
    return service;
  }

  private void launch() throws Exception {
    process = ChildJvm.start(log.toPath(), 512, arguments.get().toArray(String[]::new));
  }

  /**
   * Kills the JVM with SIGKILL (no shutdown hook runs), waits for it to be gone, and starts it
   * again.
   */
  void killAndRestart() throws Exception {
    process.destroyForcibly().waitFor();
    kills++;
    launch();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** How many times the JVM was killed. */
  int kills() {
    return kills;
  }

  /** Stops the JVM with SIGTERM, as an operator would. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
