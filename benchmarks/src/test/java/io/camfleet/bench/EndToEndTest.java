package io.camfleet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Item 5's reading of a run: its report.csv and the sizes of its state folders. */
class EndToEndTest {
  @TempDir Path tmp;

  @Test
  void csvRecordsFollowRfc4180() {
    assertEquals(
        List.of(
            List.of("name", "description", "clipsAliveAtEnd"),
            List.of("a", "keeps, \"all\"\r\nclips", "12"),
            List.of("b", "", "7")),
        CsvRecords.parse(
            "name,description,clipsAliveAtEnd\r\na,\"keeps, \"\"all\"\"\r\nclips\",12\r\nb,,7\r\n"));
  }

  @Test
  void reportLinesCountPoliciesAndTakeTheMostAlive() throws Exception {
    Path csv = tmp.resolve("report.csv");
    Files.writeString(
        csv,
        "name,description,clipsRecorded,clipsAliveAtEnd\r\n"
            + "status-quo-2019,\"The status quo, 2019\",100,63609\r\n"
            + "eu-30-days,30 days,100,34959\r\n");
    assertEquals(new EndToEnd.ReportLines(2, 63609), EndToEnd.ReportLines.read(csv));
  }

  @Test
  void bytesUnderCountsOnlyTheNamedFolders() throws Exception {
    Path state = Files.createDirectories(tmp.resolve("camfleet-state-1/retention-service-a/0_1"));
    Files.write(state.resolve("000010.sst"), new byte[1000]);
    Files.write(state.resolve("MANIFEST"), new byte[24]);
    Path sharing = Files.createDirectories(tmp.resolve("camfleet-state-1/sharing-service-a"));
    Files.write(sharing.resolve("000011.sst"), new byte[500]);
    Path broker = Files.createDirectories(tmp.resolve("camfleet-kafka-2/log"));
    Files.write(broker.resolve("00000.log"), new byte[300]);
    Files.write(tmp.resolve("camfleet-elsewhere"), new byte[7]);

    assertEquals(1024, EndToEnd.bytesUnder(tmp, "camfleet-state-", "retention-service"));
    assertEquals(1524, EndToEnd.bytesUnder(tmp, "camfleet-state-", ""));
    assertEquals(300, EndToEnd.bytesUnder(tmp, "camfleet-kafka-", ""));
    assertEquals(0, EndToEnd.bytesUnder(tmp.resolve("missing"), "camfleet-state-", ""));
  }

  @Test
  void stateBytesPerLiveClipDividesTheLastSampleByTheMostAlive() {
    EndToEnd.Result r =
        new EndToEnd.Result(
            List.of(), 12.5, 1800, 0, "-Xmx2g", 5_500_000_000L, 6_000_000_000L, 1, 50_000_000L, 9);
    assertEquals(110.0, r.stateBytesPerLiveClip(), 1e-9);
  }
}
