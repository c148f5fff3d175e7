package io.camfleet.streams.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camfleet.avro.DailyStats;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link DailyStats} as one flat JSON object: {@code run} (only where the topic carries several
 * runs), {@code policy}, {@code service}, {@code day}, {@code dayEnd}, {@code last}, then each
 * measure as a top-level number, in name order.
 */
public final class FlatStatsJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private FlatStatsJson() {}

  public static String of(DailyStats stats) {
    ObjectNode node = MAPPER.createObjectNode();
    if (stats.getRun() != null) {
      node.put("run", stats.getRun());
    }
    node.put("policy", stats.getPolicy());
    node.put("service", stats.getService());
    node.put("day", stats.getDay());
    node.put("dayEnd", stats.getDayEnd());
    node.put("last", stats.getLast());
    for (Map.Entry<String, Long> measure : new TreeMap<>(stats.getMeasures()).entrySet()) {
      node.put(measure.getKey(), measure.getValue());
    }
    return node.toString();
  }
}
