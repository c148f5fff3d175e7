package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camfleet.testkafka.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results do not depend on partitioning: the same tiny world, run with world-events on 1, 4 and 12
 * partitions, gives the same report.json, figure for figure and day for day, audit digests
 * included.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class RunPartitionsIT {
  private static final List<Integer> PARTITIONS = List.of(1, 4, 12);

  @TempDir Path dir;

  @Test
  void sameWorldOnOneFourAndTwelvePartitionsGivesTheSameReport() throws Exception {
    // a period shorter than the world, so that clips expire
    Path sevenDays =
        Files.writeString(
            dir.resolve("seven-days.yaml"),
            String.join(
                "\n",
                "name: seven-days",
                "description: Seven-day retention everywhere.",
                "retention:",
                "  days: 7",
                "  sharedOriginals: exempt",
                "forwardingAllowed: true",
                "addressDisclosed: true",
                ""));
    Map<Integer, JsonNode> reports = new LinkedHashMap<>();
    for (int partitions : PARTITIONS) {
      Path out = dir.resolve("p" + partitions);
      int exit =
          Camfleet.execute(
              "run",
              "--world",
              "../worlds/default.yaml",
              "--cameras",
              "40",
              "--days",
              "20",
              "--policy",
              "../policies/status-quo-2019.yaml",
              "--policy",
              sevenDays.toString(),
              "--partitions",
              String.valueOf(partitions),
              "--bootstrap-servers",
              TestKafka.bootstrapServers(),
              "--out",
              out.toString());
      assertEquals(0, exit, "run with --partitions " + partitions);
      reports.put(partitions, figures(out.resolve("report.json")));
    }
    JsonNode one = reports.get(1);
    assertTrue(
        one.get("policies").get(0).get("clipsRecorded").asLong() > 0
            && one.get("policies").get(0).get("series").size() >= 20,
        "a world with clips and a day series: " + one.get("policies").get(0));
    // past the seven days, expiry passes write receipts as well as shares
    assertTrue(
        one.get("audit").get("audit/retention-receipts.avro").get("records").asLong() > 100,
        "receipts of expired clips in the audit file: " + one.get("audit"));
    assertEquals(one, reports.get(4), "4 partitions against 1");
    assertEquals(one, reports.get(12), "12 partitions against 1");
  }

  /**
   * The report without what names the build that wrote it. The audit files' digests stay: their
   * records are in key order, which does not depend on the partitions they came from.
   */
  private static JsonNode figures(Path report) throws Exception {
    ObjectNode json = (ObjectNode) new ObjectMapper().readTree(Files.readString(report));
    json.remove("camfleetVersion");
    return json;
  }
}
