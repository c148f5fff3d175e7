package io.camfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportMarkdownTest {

  @TempDir Path temp;

  private List<String> lines() throws IOException {
    ReportWriter.write(Fixtures.twoPolicyReport(), temp);
    return Files.readAllLines(temp.resolve("report.md"), StandardCharsets.UTF_8);
  }

  private static List<String> between(List<String> lines, String first, String end) {
    int from = lines.indexOf(first);
    int to = lines.subList(from, lines.size()).indexOf(end) + from;
    return lines.subList(from, to);
  }

  @Test
  void opensWithTheBaselineAndTheMainFindings() throws IOException {
    assertEquals(
        List.of(
            "# camfleet report: tiny-town",
            "",
            "2 policies on the same simulated world, seed 42.",
            "Baseline: status-quo-2019, the status quo, the default baseline.",
            "One seed: the figures are a single run, differences carry no interval and may be seed"
                + " noise; run with --seeds to get 95% confidence intervals.",
            "",
            "## Main findings",
            "",
            "Per policy, its largest changes from the baseline (single-seed differences, no interval).",
            "",
            "- eu-30-days: clips alive past retention \u2212100% (0 against 2; one seed, so no"
                + " interval: this may be seed noise)",
            "- eu-30-days: posts to the feed \u2212100% (0 against 1; one seed, so no interval: this"
                + " may be seed noise)",
            "- eu-30-days: shares blocked by policy +1 (1 against 0; one seed, so no interval: this"
                + " may be seed noise)",
            ""),
        lines().subList(0, 14));
  }

  @Test
  void endsWithTheWorldAndHowToReproduceIt() throws IOException {
    List<String> lines = lines();
    assertEquals(
        List.of(
            "## World",
            "",
            "- name: tiny-town",
            "- seed: 42",
            "- cameras: 12",
            "- days: 3",
            "- start: 2019-01-01",
            "- world file: `worlds/tiny-town.yaml` (sha256 " + "a".repeat(64) + ")",
            "",
            "## Reproduce",
            "",
            "```sh",
            "./camfleet run --world worlds/tiny-town.yaml --seed 42 --policy policies/status-quo-2019.yaml"
                + " --policy policies/eu-30-days.yaml",
            "```",
            "",
            "camfleet version: 0.1.0-TEST  ",
            "Generated from output topics retention-stats (retention-service) and exposure-stats"
                + " (sharing-service): final figures from each policy's last=true records, series from every day.",
            ""),
        lines.subList(lines.indexOf("## World"), lines.indexOf("## Policies")));
  }

  @Test
  void tabulatesEachPolicysDifferencesFromTheBaselineWithBytesInTheirUnit() throws IOException {
    List<String> lines = lines();
    List<String> table = between(lines, "### eu-30-days against status-quo-2019", "## Results");
    assertEquals(
        "| measure                                | unit       | status-quo-2019 | eu-30-days | difference |"
            + " 95% CI | relative | relative 95% CI |",
        table.get(2));
    assertEquals(
        "| bytes stored                           | bytes      |         1.60 kB |    1.10 kB | \u2212500 bytes |"
            + "    n/a |     \u221231% |             n/a |",
        table.get(8));
    assertEquals(
        "The same as the baseline: clips recorded, requests sent, request emails, answers: ignored,"
            + " shares blocked: window below minimum, shares blocked: area below minimum, shares blocked:"
            + " past window maximum, shares blocked: past look back limit, forwards blocked by the"
            + " forwarding ban, requests made, requests refused, requests refused: portal closed,"
            + " requests refused: window below minimum, requests refused: area below minimum, requests"
            + " refused: past look back limit, requests narrowed, requests narrowed: window, requests"
            + " narrowed: area, requests narrowed: look back, request emails withheld, households known"
            + " to police.",
        table.get(table.size() - 2));
  }

  @Test
  void definesEveryMeasureWithItsLabelUnitAndKind() throws IOException {
    List<String> lines = lines();
    List<String> measures = between(lines, "## Measures", "## World");
    assertEquals(4 + Figure.ALL.size() + 1, measures.size());
    assertEquals(
        "- `liveBytesAtEnd`: **bytes stored** (bytes, level, retention-service). "
            + io.camfleet.schemas.stats.RetentionMeasure.LIVE_BYTES.definition(),
        measures.get(4 + Figure.ALL.indexOf(Measure.LIVE_BYTES_AT_END)));
    assertEquals(
        "- `copiesByHolderType.<HOLDER_TYPE>`: **copies alive, by holder type** (copies, level,"
            + " sharing-service). "
            + io.camfleet.schemas.stats.SharingMeasure.COPIES_ALIVE.definition(),
        measures.get(4 + Figure.ALL.indexOf(HolderBreakdown.COPIES_ALIVE)));
  }

  @Test
  void warnsUnderTheTitleWhenRecordsWereDeadLettered() {
    List<String> lines =
        MarkdownReport.render(Comparison.of(Fixtures.twoPolicyReport().withDeadLetters(1)))
            .lines()
            .toList();
    assertEquals(
        List.of(
            "# camfleet report: tiny-town",
            "",
            "2 policies on the same simulated world, seed 42.",
            "Baseline: status-quo-2019, the status quo, the default baseline.",
            "One seed: the figures are a single run, differences carry no interval and may be seed"
                + " noise; run with --seeds to get 95% confidence intervals.",
            "",
            "> **Warning: the services sent 1 input record to the dead-letter topic instead of processing it;"
                + " the figures below leave it out and cannot be trusted.**",
            "",
            "## Main findings"),
        lines.subList(0, 9));
  }

  @Test
  void tabulatesFiguresAsRowsAndPoliciesAsAlignedColumns() throws IOException {
    List<String> lines = lines();
    int header =
        lines.indexOf(
            "| measure                                          | status-quo-2019 | eu-30-days |");

    assertEquals(
        List.of(
            "| measure                                          | status-quo-2019 | eu-30-days |",
            "| :----------------------------------------------- | --------------: | ---------: |",
            "| **Footage**                                      |                 |            |",
            "| clipsRecorded                                    |              30 |         30 |",
            "| clipsExpired                                     |              12 |         18 |",
            "| clipsExemptByShare                               |               2 |          1 |",
            "| clipsAliveAtEnd                                  |              16 |         11 |",
            "| clipsStoredAtEnd                                 |              18 |         12 |",
            "| liveBytesAtEnd                                   |         1.60 kB |    1.10 kB |",
            "| footageAlivePastRetention                        |               2 |          0 |",
            "| **Police requests and shares**                   |                 |            |",
            "| requests                                         |               3 |          3 |",
            "| notifications                                    |              20 |         20 |",
            "| answersShared                                    |               3 |          1 |",
            "| sharesViaRequest                                 |               3 |          1 |",
            "| declined                                         |               8 |         10 |",
            "| ignored                                          |               9 |          9 |",
            "| sharesViaPost                                    |               1 |          0 |",
            "| sharesBlockedByPolicy                            |               0 |          1 |",
            "| sharesRefusedExpired                             |               1 |          2 |",
            "| forwardsBlocked                                  |               0 |          1 |",
            "| sharesBlockedByCaps                              |               0 |          1 |",
            "| sharesBlockedWindowBelowMinimum                  |               0 |          0 |",
            "| sharesBlockedAreaBelowMinimum                    |               0 |          0 |",
            "| sharesBlockedOutsideWindow                       |               0 |          0 |",
            "| sharesBlockedOutsideArea                         |               0 |          1 |",
            "| sharesBlockedPastLookBack                        |               0 |          0 |",
            "| forwardsBlockedByBan                             |               0 |          0 |",
            "| onwardCopiesWithoutParent                        |               0 |          1 |",
            "| requestsMade                                     |               0 |          0 |",
            "| requestsRefused                                  |               0 |          0 |",
            "| requestsRefusedPortalClosed                      |               0 |          0 |",
            "| requestsRefusedWindowBelowMinimum                |               0 |          0 |",
            "| requestsRefusedAreaBelowMinimum                  |               0 |          0 |",
            "| requestsRefusedPastLookBack                      |               0 |          0 |",
            "| requestsNarrowed                                 |               0 |          0 |",
            "| requestsNarrowedWindow                           |               0 |          0 |",
            "| requestsNarrowedArea                             |               0 |          0 |",
            "| requestsNarrowedLookBack                         |               0 |          0 |",
            "| notificationsWithheld                            |               0 |          0 |",
            "| **Copies outside owners' accounts**              |                 |            |",
            "| copiesCreated                                    |               6 |          2 |",
            "| copiesCreatedByHolderType.REQUESTING_POLICE      |               3 |          1 |",
            "| copiesCreatedByHolderType.OTHER_AGENCY           |               1 |          0 |",
            "| copiesCreatedByHolderType.FEDERAL_AGENCY         |               0 |          1 |",
            "| copiesCreatedByHolderType.NEIGHBOURHOOD_FEED     |               1 |          0 |",
            "| copiesCreatedByHolderType.PUBLIC                 |               1 |          0 |",
            "| copiesExpired                                    |               0 |          1 |",
            "| copiesAliveAtEnd                                 |               6 |          1 |",
            "| copiesByHolderType.REQUESTING_POLICE             |               3 |          0 |",
            "| copiesByHolderType.OTHER_AGENCY                  |               1 |          0 |",
            "| copiesByHolderType.FEDERAL_AGENCY                |               0 |          1 |",
            "| copiesByHolderType.NEIGHBOURHOOD_FEED            |               1 |          0 |",
            "| copiesByHolderType.PUBLIC                        |               1 |          0 |",
            "| **Households exposed**                           |                 |            |",
            "| householdsExposed                                |               4 |          1 |",
            "| householdsExposedByHolderType.REQUESTING_POLICE  |               3 |          0 |",
            "| householdsExposedByHolderType.OTHER_AGENCY       |               1 |          0 |",
            "| householdsExposedByHolderType.FEDERAL_AGENCY     |               0 |          1 |",
            "| householdsExposedByHolderType.NEIGHBOURHOOD_FEED |               0 |          0 |",
            "| householdsExposedByHolderType.PUBLIC             |               1 |          0 |",
            "| addressesDisclosed                               |               3 |          1 |",
            "| householdsKnownToPolice                          |               0 |          0 |",
            "| **Shares and legal holds seen by retention**     |                 |            |",
            "| sharesRecorded                                   |               3 |          1 |",
            "| sharesOfStoredOriginals                          |               5 |          2 |",
            "| sharesRefused                                    |               1 |          2 |",
            "| holdsPlaced                                      |               1 |          0 |",
            "| expiryHeld                                       |               2 |          0 |",
            "| holdsReleased                                    |               1 |          0 |"),
        between(lines, lines.get(header), ""));
  }

  @Test
  void endsWithEachPolicysDescriptionAndFile() throws IOException {
    List<String> lines = lines();

    assertEquals(
        List.of(
            "## Policies",
            "",
            "### status-quo-2019 (baseline)",
            "",
            "60 days; shared clips exempt; copies kept indefinitely.",
            "",
            "Policy file: `policies/status-quo-2019.yaml` (sha256 " + "b".repeat(64) + ")",
            "",
            "### eu-30-days",
            "",
            "30-day retention everywhere, \"strict\", no exceptions.",
            "",
            "Policy file: `policies/eu-30-days.yaml` (sha256 " + "c".repeat(64) + ")"),
        lines.subList(lines.indexOf("## Policies"), lines.size()));
  }

  @Test
  void namesEachPolicysStagesUnderItsDescription() {
    List<String> lines =
        List.of(MarkdownReport.render(Comparison.of(Fixtures.stagedReport())).split("\n", -1));

    assertEquals(
        List.of(
            "### eu-30-days",
            "",
            "30-day retention everywhere, \"strict\", no exceptions.",
            "",
            "Stage: 2019-01-03 (from that day's midnight, UTC; the rules before the first are the"
                + " base).",
            "",
            "Policy file: `policies/eu-30-days.yaml` (sha256 " + "c".repeat(64) + ")",
            ""),
        lines.subList(lines.indexOf("### eu-30-days"), lines.size()));
  }

  @Test
  void quotesFilesWithSpacesInTheReproduceCommand() {
    PolicyInfo spaced = new PolicyInfo("spaced", "", "my policies/it's.yaml", "d".repeat(64));
    Report report =
        Report.build(
            Fixtures.TINY_TOWN,
            List.of(spaced),
            List.of(
                Fixtures.retention(spaced, Fixtures.DAY_1, true, "clipsAlive", 1),
                Fixtures.sharing(spaced, Fixtures.DAY_1, true, "copiesAlive", 1)),
            Fixtures.VERSION);

    assertEquals(
        "./camfleet run --world worlds/tiny-town.yaml --seed 42 --policy 'my policies/it'\\''s.yaml'",
        MarkdownReport.reproduceCommand(Comparison.of(report)));
  }
}
