package io.camfleet.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A camfleet command in its own JVM on the test classpath, its output appended to a log file. A
 * child still running when the test JVM exits is killed, so none outlives the build.
 */
final class ChildJvm {
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "child-jvm-reaper"));
  }

  private ChildJvm() {}

  /** Starts {@code camfleet args...} with a heap of {@code maxHeapMb}. */
  static Process start(Path log, int maxHeapMb, String... args) throws IOException {
    return track(
        new ProcessBuilder(command(maxHeapMb, List.of(), testClasspath(), args))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start());
  }

  /**
   * Starts {@code camfleet args...} with extra JVM options; its output (stdout and stderr) is the
   * process's input stream.
   */
  static Process startPiped(int maxHeapMb, List<String> jvmOptions, String... args)
      throws IOException {
    return track(
        new ProcessBuilder(command(maxHeapMb, jvmOptions, testClasspath(), args))
            .redirectErrorStream(true)
            .start());
  }

  /** What a child printed (stdout and stderr, line by line) and its exit code. */
  record Outcome(int exitCode, List<String> lines) {
    String text() {
      return String.join("\n", lines);
    }
  }

  /**
   * Runs {@code camfleet args...} on the product's classpath, as {@code ./camfleet} runs it (the
   * packaged {@code target/camfleet.jar} and {@code target/lib}, so that a library the package
   * leaves out fails here), and sends it SIGINT, as Ctrl-C would, once a line it prints starts with
   * {@code marker}; returns everything it printed and its exit code.
   */
  static Outcome interruptAfter(String marker, List<String> jvmOptions, String... args)
      throws Exception {
    String product =
        Path.of("target", "camfleet.jar").toAbsolutePath()
            + java.io.File.pathSeparator
            + Path.of("target", "lib").toAbsolutePath().resolve("*");
    Process child =
        track(
            new ProcessBuilder(command(1024, jvmOptions, product, args))
                .redirectErrorStream(true)
                .start());
    List<String> lines = new ArrayList<>();
    boolean sent = false;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
        if (!sent && line.startsWith(marker)) {
          Process kill =
              new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).inheritIO().start();
          if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -INT " + child.pid() + " failed");
          }
          sent = true;
        }
      }
    }
    if (!sent) {
      throw new AssertionError(
          "never saw a line starting with '" + marker + "':\n" + String.join("\n", lines));
    }
    return new Outcome(child.waitFor(), List.copyOf(lines));
  }

  private static String testClasspath() {
    return System.getProperty("java.class.path");
  }

  private static List<String> command(
      int maxHeapMb, List<String> jvmOptions, String classpath, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeapMb + "m",
                "-Djava.io.tmpdir=" + childTemp(),
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.camfleet.avro"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classpath, Camfleet.class.getName()));
    command.addAll(List.of(args));
    return command;
  }

  /**
   * The children's temporary folder, in the build's output. RocksDB unpacks its native library (15
   * MB) into the temporary folder at each start and removes it when the JVM exits normally: a child
   * killed with SIGKILL, as the crash tests do, left its copy in the machine's /tmp.
   */
  private static String childTemp() {
    Path dir = Path.of("target", "child-tmp").toAbsolutePath();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir.toString();
  }

  private static Process track(Process process) {
    RUNNING.add(process);
    process.onExit().thenAccept(RUNNING::remove);
    return process;
  }
}
