package io.camfleet.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Writes a report as report.json, report.md, report.csv, report.html and daily.csv into a folder,
 * all or nothing: the files are written into a fresh sibling folder, then each is moved into place
 * atomically; if anything fails, the files moved so far are put back as they were.
 */
public final class ReportWriter {
  /** The files a report consists of, in the order they are moved into place. */
  public static final List<String> FILES =
      List.of("report.json", "report.md", "report.csv", "report.html", "daily.csv");

  private ReportWriter() {}

  /**
   * Writes the files of a single seed's report into {@code outDir}, creating it if needed: the
   * comparison of that one seed with the default baseline.
   *
   * @throws IOException naming {@code outDir} if it cannot be created or written; {@code outDir} is
   *     then left as it was and no temporary folder remains
   */
  public static void write(Report report, Path outDir) throws IOException {
    write(Comparison.of(Objects.requireNonNull(report, "report")), outDir);
  }

  /**
   * Writes the files of a comparison over one or more seeds into {@code outDir}, creating it if
   * needed.
   *
   * @throws IOException naming {@code outDir} if it cannot be created or written; {@code outDir} is
   *     then left as it was and no temporary folder remains
   */
  public static void write(Comparison comparison, Path outDir) throws IOException {
    Objects.requireNonNull(comparison, "comparison");
    writeAll("report", FILES, render(comparison), outDir);
  }

  /**
   * Writes {@code contents} (file name to bytes, one entry per name of {@code files}) into {@code
   * outDir}, all or nothing; {@code what} names them in errors.
   */
  static void writeAll(String what, List<String> files, Map<String, byte[]> contents, Path outDir)
      throws IOException {
    if (!contents.keySet().equals(new java.util.HashSet<>(files))) {
      throw new IllegalArgumentException("contents " + contents.keySet() + " are not " + files);
    }
    Path target = Objects.requireNonNull(outDir, "outDir").toAbsolutePath().normalize();

    Path parent = target.getParent();
    if (parent == null) {
      throw new IOException(
          "cannot write the " + what + " into " + target + ": it has no parent folder");
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target)) {
      throw new IOException(
          "cannot write the " + what + " into " + target + ": it exists and is not a folder");
    }
    // the outermost folder this call creates, removed again if writing fails
    Path created = null;
    for (Path folder = target;
        folder != null && !Files.exists(folder);
        folder = folder.getParent()) {
      created = folder;
    }
    try {
      Files.createDirectories(target);
    } catch (IOException e) {
      IOException failure =
          new IOException(
              "cannot create the " + what + " folder " + target + ": " + describe(e), e);
      if (created != null) {
        deleteQuietly(created, failure);
      }
      throw failure;
    }

    Path staging;
    try {
      staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".staging-");
    } catch (IOException e) {
      IOException failure =
          new IOException(
              "cannot write the "
                  + what
                  + " into "
                  + target
                  + ": cannot create a temporary folder beside it in "
                  + parent
                  + ": "
                  + describe(e),
              e);
      if (created != null) {
        deleteQuietly(created, failure);
      }
      throw failure;
    }

    IOException failure = null;
    try {
      Path fresh = Files.createDirectory(staging.resolve("new"));
      Path previous = Files.createDirectory(staging.resolve("previous"));
      for (Map.Entry<String, byte[]> file : contents.entrySet()) {
        writeDurably(fresh.resolve(file.getKey()), file.getValue());
      }
      publish(files, fresh, previous, target);
    } catch (IOException | RuntimeException e) {
      String state =
          e.getSuppressed().length == 0
              ? ", left it as it was: "
              : ", and could not put every previous file back (see suppressed errors): ";
      failure =
          new IOException("cannot write the " + what + " into " + target + state + describe(e), e);
      if (created != null) {
        deleteQuietly(created, failure);
      }
    }
    try {
      deleteRecursively(staging);
    } catch (UncheckedIOException e) {
      if (failure == null) {
        failure =
            new IOException(
                "wrote the "
                    + what
                    + " into "
                    + target
                    + " but cannot remove the temporary folder "
                    + staging,
                e);
      } else {
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static Map<String, byte[]> render(Comparison comparison) {
    Map<String, byte[]> contents = new LinkedHashMap<>();
    contents.put("report.json", JsonReport.render(comparison).getBytes(StandardCharsets.UTF_8));
    contents.put("report.md", MarkdownReport.render(comparison).getBytes(StandardCharsets.UTF_8));
    contents.put("report.csv", CsvReport.render(comparison).getBytes(StandardCharsets.UTF_8));
    contents.put("report.html", HtmlReport.render(comparison).getBytes(StandardCharsets.UTF_8));
    contents.put("daily.csv", DailyCsv.render(comparison).getBytes(StandardCharsets.UTF_8));
    return contents;
  }

  private static void writeDurably(Path file, byte[] content) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  /**
   * Moves each new file over its target. An existing target is first hard-linked (or copied) aside,
   * so readers never see it missing and a failure can restore it.
   */
  private static void publish(List<String> files, Path fresh, Path previous, Path target)
      throws IOException {
    Deque<String> moved = new ArrayDeque<>();
    try {
      for (String name : files) {
        Path destination = target.resolve(name);
        if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
          keepAside(destination, previous.resolve(name));
        }
        moveAtomically(fresh.resolve(name), destination);
        moved.push(name);
      }
    } catch (IOException | RuntimeException e) {
      while (!moved.isEmpty()) {
        String name = moved.pop();
        try {
          Path kept = previous.resolve(name);
          if (Files.exists(kept, LinkOption.NOFOLLOW_LINKS)) {
            moveAtomically(kept, target.resolve(name));
          } else {
            Files.delete(target.resolve(name));
          }
        } catch (IOException | RuntimeException undo) {
          e.addSuppressed(undo);
        }
      }
      throw e;
    }
  }

  private static void keepAside(Path file, Path aside) throws IOException {
    if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(
          file.toString(), null, "a folder is in the way of a report file");
    }
    try {
      Files.createLink(aside, file);
    } catch (UnsupportedOperationException | IOException e) {
      Files.copy(file, aside, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
    }
  }

  private static void moveAtomically(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path folder, Exception cause) {
    try {
      deleteRecursively(folder);
    } catch (UncheckedIOException e) {
      cause.addSuppressed(e);
    }
  }

  private static void deleteRecursively(Path folder) {
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + folder, e);
    }
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
  }
}
