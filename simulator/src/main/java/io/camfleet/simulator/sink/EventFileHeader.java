package io.camfleet.simulator.sink;

import io.camfleet.simulator.SimulationOptions;
import io.camfleet.simulator.world.World;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The world an events file was simulated from, kept in the Avro container's metadata under {@code
 * camfleet.*} keys beside the schema, so that a replay can name the world it enforces policies on.
 * A file without these keys (written elsewhere, or by an older camfleet) still reads; its reader
 * then works the world out from the events. {@code shard} is {@code k/n}, {@code 1/1} for the whole
 * world; {@code partitions} is the number of partitions the clock ticks were written for.
 */
public record EventFileHeader(
    String worldName,
    long seed,
    int cameras,
    int days,
    String start,
    String worldFile,
    String worldFileSha256,
    int partitions,
    String shard) {

  private static final String PREFIX = "camfleet.";

  /** The header of {@code world}, read from {@code worldFile}, run with {@code options}. */
  public static EventFileHeader of(World world, Path worldFile, SimulationOptions options) {
    String sha256;
    try {
      sha256 =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(worldFile)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + worldFile + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return new EventFileHeader(
        world.name(),
        world.seed(),
        world.cameras(),
        world.days(),
        world.start().toString(),
        worldFile.toString(),
        sha256,
        options.partitions(),
        (options.shardIndex() + 1) + "/" + options.shardCount());
  }

  /** Whether the file holds the whole world rather than one shard of it. */
  public boolean wholeWorld() {
    return shard.equals("1/1");
  }

  /** The metadata entries, in a fixed order. */
  public Map<String, String> toMetadata() {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put(PREFIX + "world.name", worldName);
    meta.put(PREFIX + "world.seed", Long.toString(seed));
    meta.put(PREFIX + "world.cameras", Integer.toString(cameras));
    meta.put(PREFIX + "world.days", Integer.toString(days));
    meta.put(PREFIX + "world.start", start);
    meta.put(PREFIX + "world.file", worldFile);
    meta.put(PREFIX + "world.fileSha256", worldFileSha256);
    meta.put(PREFIX + "partitions", Integer.toString(partitions));
    meta.put(PREFIX + "shard", shard);
    return meta;
  }

  /**
   * The header read back through {@code meta} (a container's metadata by key, null when absent);
   * empty when the file has none.
   *
   * @throws IllegalArgumentException naming the key when a value is present but unreadable
   */
  public static Optional<EventFileHeader> fromMetadata(Function<String, String> meta) {
    if (meta.apply(PREFIX + "world.name") == null) {
      return Optional.empty();
    }
    return Optional.of(
        new EventFileHeader(
            text(meta, "world.name"),
            Long.parseLong(number(meta, "world.seed")),
            Integer.parseInt(number(meta, "world.cameras")),
            Integer.parseInt(number(meta, "world.days")),
            text(meta, "world.start"),
            text(meta, "world.file"),
            text(meta, "world.fileSha256"),
            Integer.parseInt(number(meta, "partitions")),
            text(meta, "shard")));
  }

  private static String text(Function<String, String> meta, String key) {
    String value = meta.apply(PREFIX + key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("metadata key " + PREFIX + key + " is missing");
    }
    return value;
  }

  private static String number(Function<String, String> meta, String key) {
    String value = text(meta, key);
    if (!value.matches("-?\\d{1,18}")) {
      throw new IllegalArgumentException(
          "metadata key " + PREFIX + key + " is not a whole number: '" + value + "'");
    }
    return value;
  }
}
