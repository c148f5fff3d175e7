package io.camfleet.lab;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code camfleet broker} in its own JVM on a fixed port and data folder, so a test can stop it
 * (SIGTERM), kill it (SIGKILL) and start it again on the same port and data.
 */
final class BrokerProcess implements AutoCloseable {
  private static final Duration READY_WITHIN = Duration.ofSeconds(90);

  private final int port;
  private final Path dataDir;
  private final Path log;
  private Process process;

  private BrokerProcess(int port, Path dataDir, Path log) {
    this.port = port;
    this.dataDir = dataDir;
    this.log = log;
  }

  /**
   * Starts a broker on a free port with its data in {@code dataDir}; returns once it serves the
   * catalog's topics.
   */
  static BrokerProcess start(Path dataDir, Path log) throws Exception {
    BrokerProcess broker = new BrokerProcess(freePort(), dataDir, log);
    broker.startAgain();
    return broker;
  }

  String bootstrapServers() {
    return "localhost:" + port;
  }

  /**
   * Starts the broker process on the same port and data; returns once it printed its ready line.
   */
  void startAgain() throws Exception {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("the broker is running");
    }
    long from = Files.exists(log) ? Files.size(log) : 0;
    process =
        ChildJvm.start(
            log, 768, "broker", "--port", String.valueOf(port), "--data-dir", dataDir.toString());
    String ready = "Kafka broker listening on " + bootstrapServers();
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    while (!logSince(from).contains(ready)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the broker exited with " + process.exitValue() + " before it was ready; see " + log);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the broker printed no ready line within " + READY_WITHIN + "; see " + log);
      }
      Thread.sleep(100);
    }
  }

  /**
   * Asks the broker to stop (SIGTERM: a clean shutdown) and waits until it exits; returns its exit
   * code.
   */
  int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the broker did not stop within 60 s of SIGTERM");
    }
    return process.exitValue();
  }

  /**
   * Kills the broker (SIGKILL: no shutdown at all) and waits until it is gone; returns its exit
   * code.
   */
  int kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
    return process.exitValue();
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private String logSince(long offset) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      byte[] bytes = new byte[(int) Math.max(0, file.length() - offset)];
      file.seek(offset);
      file.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
