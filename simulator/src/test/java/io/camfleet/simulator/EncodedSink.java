package io.camfleet.simulator;

import io.camfleet.avro.WorldEvent;
import io.camfleet.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Encodes every event as it would go on the wire (key, partition, Avro bytes), keeping a SHA-256
 * over the whole stream and, when asked, each record as text.
 */
final class EncodedSink implements EventSink {
  private final Serializer<WorldEvent> serializer = Topics.WORLD_EVENTS.valueSerde().serializer();
  private final MessageDigest digest;
  private final boolean keep;
  final List<String> records = new ArrayList<>();
  long count;

  EncodedSink(boolean keep) {
    this.keep = keep;
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void send(String key, Integer partition, WorldEvent event) {
    byte[] value = serializer.serialize("world-events", event);
    String head = key + "|" + partition + "|";
    digest.update(head.getBytes(StandardCharsets.UTF_8));
    digest.update(value);
    count++;
    if (keep) {
      records.add(head + Base64.getEncoder().encodeToString(value));
    }
  }

  @Override
  public void close() {}

  String sha256() {
    return HexFormat.of().formatHex(digest.digest());
  }
}
