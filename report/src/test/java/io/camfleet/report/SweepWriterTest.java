package io.camfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepWriterTest {
  private static final String SHARE = "residents.shareProbability";
  private static final String CAMERAS = "cameras";

  @TempDir Path temp;

  /** Two values of one key, two seeds each; the seeds stand in for the variants' differences. */
  private static Sweep oneKey() {
    return Sweep.of(
        List.of(SHARE),
        List.of(
            new SweepVariant(
                Map.of(SHARE, "0.1"), SeededPolicies.comparison(List.of(1L, 2L), Optional.empty())),
            new SweepVariant(
                Map.of(SHARE, "0.4"),
                SeededPolicies.comparison(List.of(3L, 4L), Optional.empty()))));
  }

  @Test
  void writesATidyRowPerVariantPolicySeedAndMeasure() throws IOException {
    SweepWriter.write(oneKey(), temp);
    List<String> lines = Files.readAllLines(temp.resolve("sweep.csv"), StandardCharsets.UTF_8);

    assertEquals("residents.shareProbability,policy,seed,measure,value", lines.get(0));
    assertEquals(1 + 2 * 7 * 2 * ReportKey.ALL.size(), lines.size());
    Report seed4 = SeededPolicies.report(4);
    long expected =
        seed4.policies().stream()
            .filter(p -> p.name().equals("eu-30-days"))
            .findFirst()
            .orElseThrow()
            .figure(Measure.FOOTAGE_ALIVE_PAST_RETENTION);
    assertTrue(
        lines.contains("0.4,eu-30-days,4,footageAlivePastRetention," + expected),
        "the row of seed 4 under eu-30-days");
    // baseline first, seeds in order, measures in report order
    assertEquals(
        "0.1,status-quo-2019,1,clipsRecorded",
        lines.get(1).substring(0, lines.get(1).lastIndexOf(',')));
  }

  @Test
  void drawsForEachKeyMeasureAPanelPerValueOfTheOtherKeysWithALineAndBandPerPolicy()
      throws IOException {
    List<SweepVariant> variants = new ArrayList<>();
    long seed = 1;
    for (String share : List.of("0.1", "0.4")) {
      for (String cameras : List.of("100", "200", "400")) {
        variants.add(
            new SweepVariant(
                Map.of(SHARE, share, CAMERAS, cameras),
                SeededPolicies.comparison(List.of(seed, seed + 1), Optional.empty())));
        seed += 2;
      }
    }
    SweepWriter.write(Sweep.of(List.of(SHARE, CAMERAS), variants), temp);
    String html = Files.readString(temp.resolve("sweep.html"), StandardCharsets.UTF_8);

    assertEquals(
        HtmlReport.CHARTS.size(),
        Pattern.compile("<section class=\"measure\"").matcher(html).results().count());
    // per measure: against the share, a panel per camera count (3); against cameras, one per share
    // value (2)
    assertEquals(
        HtmlReport.CHARTS.size() * 5L,
        Pattern.compile("<svg class=\"panel\"").matcher(html).results().count());
    assertEquals(
        HtmlReport.CHARTS.size() * 5L * 7,
        Pattern.compile("<polyline class=\"series\"").matcher(html).results().count());
    assertEquals(
        HtmlReport.CHARTS.size() * 5L * 7,
        Pattern.compile("<polygon class=\"band\"").matcher(html).results().count());
    assertTrue(html.contains("<figcaption>cameras = 200</figcaption>"));
    assertTrue(html.contains("<figcaption>residents.shareProbability = 0.4</figcaption>"));
  }

  @Test
  void rejectsVariantsThatDoNotGiveExactlyTheVariedKeys() {
    Comparison comparison = SeededPolicies.comparison(List.of(1L), Optional.empty());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Sweep.of(List.of(SHARE), List.of(new SweepVariant(Map.of(CAMERAS, "1"), comparison))));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Sweep.of(
                List.of(SHARE),
                List.of(
                    new SweepVariant(Map.of(SHARE, "1"), comparison),
                    new SweepVariant(Map.of(SHARE, "1"), comparison))));
  }
}
