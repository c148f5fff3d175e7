package io.camfleet.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path temp;

  private JsonNode written() throws IOException {
    Path out = temp.resolve("out");
    ReportWriter.write(Fixtures.twoPolicyReport(), out);
    return MAPPER.readTree(out.resolve("report.json").toFile());
  }

  private static JsonNode json(String text) throws IOException {
    return MAPPER.readTree(text);
  }

  @Test
  void writesWorldVersionAndSourceOfTheFigures() throws IOException {
    JsonNode report = written();

    assertEquals(
        json(
            """
            {"name": "tiny-town", "seed": 42, "cameras": 12, "days": 3, "start": "2019-01-01",
             "worldFile": "worlds/tiny-town.yaml", "worldFileSha256": "%s"}
            """
                .formatted("a".repeat(64))),
        report.get("world"));
    assertEquals("0.1.0-TEST", report.get("camfleetVersion").asText());
    assertEquals(
        "output topics retention-stats (retention-service) and exposure-stats (sharing-service):"
            + " final figures from each policy's last=true records, series from every day",
        report.get("generatedFrom").asText());
    assertEquals(
        List.of(
            "world",
            "camfleetVersion",
            "generatedFrom",
            "deadLetters",
            "trustworthy",
            "seeds",
            "baseline",
            "baselineReason",
            "confidenceLevel",
            "measures",
            "audit",
            "policies"),
        fieldNames(report));
    assertEquals(json("[42]"), report.get("seeds"));
    assertEquals("status-quo-2019", report.get("baseline").asText());
    assertEquals(json("{}"), report.get("audit"), "a report of no kept files lists none");
    assertEquals(0, report.get("deadLetters").asLong());
    assertEquals(true, report.get("trustworthy").asBoolean());
  }

  @Test
  void listsTheAuditFilesAndTheReplayedEventLogWithTheirDigests() throws IOException {
    Path out = temp.resolve("evidence");
    ReportWriter.write(
        Fixtures.twoPolicyReport()
            .withEvidence(
                List.of(
                    new EvidenceFile("audit/retention-receipts.avro", 40, "b".repeat(64)),
                    new EvidenceFile("events.avro", 900, "c".repeat(64))))
            .replayedFrom(EvidenceFile.replayed("recorded/events.avro", "D".repeat(64))),
        out);
    JsonNode report = MAPPER.readTree(out.resolve("report.json").toFile());

    assertEquals(
        json(
            """
            {"audit/retention-receipts.avro": {"records": 40, "sha256": "%s"},
             "events.avro": {"records": 900, "sha256": "%s"}}
            """
                .formatted("b".repeat(64), "c".repeat(64))),
        report.get("audit"));
    assertEquals(
        json(
            """
            {"file": "recorded/events.avro", "sha256": "%s"}
            """
                .formatted("d".repeat(64))),
        report.get("replayedFrom"));
    String markdown = Files.readString(out.resolve("report.md"));
    String replayed = "replayed from recorded/events.avro (sha256 " + "d".repeat(64) + ")";
    assertEquals(true, markdown.contains("- events: " + replayed), markdown);
    assertEquals(
        true,
        markdown.contains("./camfleet run --events recorded/events.avro --policy"),
        "the command reproduces the replay");
    assertEquals(true, Files.readString(out.resolve("report.html")).contains(replayed));
  }

  @Test
  void marksARunWithDeadLettersAsNotTrustworthy() throws IOException {
    Path out = temp.resolve("untrusted");
    ReportWriter.write(Fixtures.twoPolicyReport().withDeadLetters(3), out);
    JsonNode report = MAPPER.readTree(out.resolve("report.json").toFile());
    assertEquals(3, report.get("deadLetters").asLong());
    assertEquals(false, report.get("trustworthy").asBoolean());
  }

  @Test
  void writesEachPolicysFinalFiguresFromItsLastRecords() throws IOException {
    JsonNode policies = written().get("policies");

    assertEquals(2, policies.size());
    assertEquals(
        json(
            """
            {"name": "status-quo-2019", "description": "60 days; shared clips exempt; copies kept indefinitely.",
             "policyFile": "policies/status-quo-2019.yaml", "policyFileSha256": "%s", "stages": [], "finalDay": "2019-01-03",
             "clipsRecorded": 30, "clipsExpired": 12, "clipsExemptByShare": 2, "clipsAliveAtEnd": 16,
             "clipsStoredAtEnd": 18, "liveBytesAtEnd": 1600, "footageAlivePastRetention": 2,
             "requests": 3, "notifications": 20, "answersShared": 3, "sharesViaRequest": 3, "declined": 8,
             "ignored": 9, "sharesViaPost": 1, "sharesBlockedByPolicy": 0, "sharesRefusedExpired": 1,
             "forwardsBlocked": 0, "sharesBlockedByCaps": 0, "sharesBlockedWindowBelowMinimum": 0,
             "sharesBlockedAreaBelowMinimum": 0, "sharesBlockedOutsideWindow": 0, "sharesBlockedOutsideArea": 0,
             "sharesBlockedPastLookBack": 0, "forwardsBlockedByBan": 0, "onwardCopiesWithoutParent": 0,
             "requestsMade": 0, "requestsRefused": 0, "requestsRefusedPortalClosed": 0, "requestsRefusedWindowBelowMinimum": 0, "requestsRefusedAreaBelowMinimum": 0, "requestsRefusedPastLookBack": 0, "requestsNarrowed": 0, "requestsNarrowedWindow": 0, "requestsNarrowedArea": 0, "requestsNarrowedLookBack": 0, "notificationsWithheld": 0,
             "copiesCreated": 6,
             "copiesCreatedByHolderType": {"REQUESTING_POLICE": 3, "OTHER_AGENCY": 1, "FEDERAL_AGENCY": 0,
               "NEIGHBOURHOOD_FEED": 1, "PUBLIC": 1},
             "copiesExpired": 0, "copiesAliveAtEnd": 6,
             "copiesByHolderType": {"REQUESTING_POLICE": 3, "OTHER_AGENCY": 1, "FEDERAL_AGENCY": 0,
               "NEIGHBOURHOOD_FEED": 1, "PUBLIC": 1},
             "householdsExposed": 4,
             "householdsExposedByHolderType": {"REQUESTING_POLICE": 3, "OTHER_AGENCY": 1, "FEDERAL_AGENCY": 0,
               "NEIGHBOURHOOD_FEED": 0, "PUBLIC": 1},
             "addressesDisclosed": 3, "householdsKnownToPolice": 0,
             "sharesRecorded": 3, "sharesOfStoredOriginals": 5, "sharesRefused": 1, "holdsPlaced": 1, "expiryHeld": 2, "holdsReleased": 1}
            """
                .formatted("b".repeat(64))),
        withoutSeries(policies.get(0)));
    assertEquals(
        json(
            """
            {"name": "eu-30-days", "description": "30-day retention everywhere, \\"strict\\", no exceptions.",
             "policyFile": "policies/eu-30-days.yaml", "policyFileSha256": "%s", "stages": [], "finalDay": "2019-01-03",
             "clipsRecorded": 30, "clipsExpired": 18, "clipsExemptByShare": 1, "clipsAliveAtEnd": 11,
             "clipsStoredAtEnd": 12, "liveBytesAtEnd": 1100, "footageAlivePastRetention": 0,
             "requests": 3, "notifications": 20, "answersShared": 1, "sharesViaRequest": 1, "declined": 10,
             "ignored": 9, "sharesViaPost": 0, "sharesBlockedByPolicy": 1, "sharesRefusedExpired": 2,
             "forwardsBlocked": 1, "sharesBlockedByCaps": 1, "sharesBlockedWindowBelowMinimum": 0,
             "sharesBlockedAreaBelowMinimum": 0, "sharesBlockedOutsideWindow": 0, "sharesBlockedOutsideArea": 1,
             "sharesBlockedPastLookBack": 0, "forwardsBlockedByBan": 0, "onwardCopiesWithoutParent": 1,
             "requestsMade": 0, "requestsRefused": 0, "requestsRefusedPortalClosed": 0, "requestsRefusedWindowBelowMinimum": 0, "requestsRefusedAreaBelowMinimum": 0, "requestsRefusedPastLookBack": 0, "requestsNarrowed": 0, "requestsNarrowedWindow": 0, "requestsNarrowedArea": 0, "requestsNarrowedLookBack": 0, "notificationsWithheld": 0,
             "copiesCreated": 2,
             "copiesCreatedByHolderType": {"REQUESTING_POLICE": 1, "OTHER_AGENCY": 0, "FEDERAL_AGENCY": 1,
               "NEIGHBOURHOOD_FEED": 0, "PUBLIC": 0},
             "copiesExpired": 1, "copiesAliveAtEnd": 1,
             "copiesByHolderType": {"REQUESTING_POLICE": 0, "OTHER_AGENCY": 0, "FEDERAL_AGENCY": 1,
               "NEIGHBOURHOOD_FEED": 0, "PUBLIC": 0},
             "householdsExposed": 1,
             "householdsExposedByHolderType": {"REQUESTING_POLICE": 0, "OTHER_AGENCY": 0, "FEDERAL_AGENCY": 1,
               "NEIGHBOURHOOD_FEED": 0, "PUBLIC": 0},
             "addressesDisclosed": 1, "householdsKnownToPolice": 0,
             "sharesRecorded": 1, "sharesOfStoredOriginals": 2, "sharesRefused": 2, "holdsPlaced": 0, "expiryHeld": 0, "holdsReleased": 0}
            """
                .formatted("c".repeat(64))),
        withoutSeries(policies.get(1)));
  }

  @Test
  void writesEachPolicysStagesWithTheirStartAndLabel() throws IOException {
    Path out = temp.resolve("staged");
    ReportWriter.write(Fixtures.stagedReport(), out);
    JsonNode policies = MAPPER.readTree(out.resolve("report.json").toFile()).get("policies");

    assertEquals(json("[]"), policies.get(0).get("stages"), "status-quo-2019 has no stages");
    assertEquals(
        json("[{\"from\": \"2019-01-03\", \"label\": \"2019-01-03\"}]"),
        policies.get(1).get("stages"));
  }

  @Test
  void writesEachPolicysDailySeriesInDayOrder() throws IOException {
    JsonNode policies = written().get("policies");

    assertEquals(
        json(
            """
            [{"day": "2019-01-01", "dayEnd": 1546387200000, "clipsRecorded": 10, "clipsExpired": 0,
              "clipsExemptByShare": 0, "clipsAlive": 10, "liveBytes": 1000, "footageAlivePastRetention": 0,
              "copiesCreated": 0, "copiesExpired": 0, "copiesAlive": 0, "householdsExposed": 0,
              "addressesDisclosed": 0,
              "copiesAliveByHolderType": {"REQUESTING_POLICE": 0, "OTHER_AGENCY": 0, "FEDERAL_AGENCY": 0,
                "NEIGHBOURHOOD_FEED": 0, "PUBLIC": 0}},
             {"day": "2019-01-02", "dayEnd": 1546473600000, "clipsRecorded": 20, "clipsExpired": 4,
              "clipsExemptByShare": 1, "clipsAlive": 15, "liveBytes": 1500, "footageAlivePastRetention": 1,
              "copiesCreated": 3, "copiesExpired": 0, "copiesAlive": 3, "householdsExposed": 2,
              "addressesDisclosed": 2,
              "copiesAliveByHolderType": {"REQUESTING_POLICE": 2, "OTHER_AGENCY": 0, "FEDERAL_AGENCY": 0,
                "NEIGHBOURHOOD_FEED": 1, "PUBLIC": 0}},
             {"day": "2019-01-03", "dayEnd": 1546560000000, "clipsRecorded": 30, "clipsExpired": 12,
              "clipsExemptByShare": 2, "clipsAlive": 16, "liveBytes": 1600, "footageAlivePastRetention": 2,
              "copiesCreated": 6, "copiesExpired": 0, "copiesAlive": 6, "householdsExposed": 4,
              "addressesDisclosed": 3,
              "copiesAliveByHolderType": {"REQUESTING_POLICE": 3, "OTHER_AGENCY": 1, "FEDERAL_AGENCY": 0,
                "NEIGHBOURHOOD_FEED": 1, "PUBLIC": 1}}]
            """),
        policies.get(0).get("series"));
    assertEquals(
        json(
            """
            [{"day": "2019-01-01", "dayEnd": 1546387200000, "clipsRecorded": 10, "clipsExpired": 0,
              "clipsExemptByShare": 0, "clipsAlive": 10, "liveBytes": 1000, "footageAlivePastRetention": 0,
              "copiesCreated": 0, "copiesExpired": 0, "copiesAlive": 0, "householdsExposed": 0,
              "addressesDisclosed": 0,
              "copiesAliveByHolderType": {"REQUESTING_POLICE": 0, "OTHER_AGENCY": 0, "FEDERAL_AGENCY": 0,
                "NEIGHBOURHOOD_FEED": 0, "PUBLIC": 0}},
             {"day": "2019-01-02", "dayEnd": 1546473600000, "clipsRecorded": 20, "clipsExpired": 6,
              "clipsExemptByShare": 0, "clipsAlive": 14, "liveBytes": 1400, "footageAlivePastRetention": 0,
              "copiesCreated": 0, "copiesExpired": 0, "copiesAlive": 0, "householdsExposed": 0,
              "addressesDisclosed": 0,
              "copiesAliveByHolderType": {"REQUESTING_POLICE": 0, "OTHER_AGENCY": 0, "FEDERAL_AGENCY": 0,
                "NEIGHBOURHOOD_FEED": 0, "PUBLIC": 0}},
             {"day": "2019-01-03", "dayEnd": 1546560000000, "clipsRecorded": 30, "clipsExpired": 18,
              "clipsExemptByShare": 1, "clipsAlive": 11, "liveBytes": 1100, "footageAlivePastRetention": 0,
              "copiesCreated": 2, "copiesExpired": 1, "copiesAlive": 1, "householdsExposed": 1,
              "addressesDisclosed": 1,
              "copiesAliveByHolderType": {"REQUESTING_POLICE": 0, "OTHER_AGENCY": 0, "FEDERAL_AGENCY": 1,
                "NEIGHBOURHOOD_FEED": 0, "PUBLIC": 0}}]
            """),
        policies.get(1).get("series"));
  }

  @Test
  void keepsTheContractFieldOrderInEveryPolicy() throws IOException {
    JsonNode policy = written().get("policies").get(0);

    assertEquals(
        List.of(
            "name",
            "description",
            "policyFile",
            "policyFileSha256",
            "stages",
            "finalDay",
            "clipsRecorded",
            "clipsExpired",
            "clipsExemptByShare",
            "clipsAliveAtEnd",
            "clipsStoredAtEnd",
            "liveBytesAtEnd",
            "footageAlivePastRetention",
            "requests",
            "notifications",
            "answersShared",
            "sharesViaRequest",
            "declined",
            "ignored",
            "sharesViaPost",
            "sharesBlockedByPolicy",
            "sharesRefusedExpired",
            "forwardsBlocked",
            "sharesBlockedByCaps",
            "sharesBlockedWindowBelowMinimum",
            "sharesBlockedAreaBelowMinimum",
            "sharesBlockedOutsideWindow",
            "sharesBlockedOutsideArea",
            "sharesBlockedPastLookBack",
            "forwardsBlockedByBan",
            "onwardCopiesWithoutParent",
            "requestsMade",
            "requestsRefused",
            "requestsRefusedPortalClosed",
            "requestsRefusedWindowBelowMinimum",
            "requestsRefusedAreaBelowMinimum",
            "requestsRefusedPastLookBack",
            "requestsNarrowed",
            "requestsNarrowedWindow",
            "requestsNarrowedArea",
            "requestsNarrowedLookBack",
            "notificationsWithheld",
            "copiesCreated",
            "copiesCreatedByHolderType",
            "copiesExpired",
            "copiesAliveAtEnd",
            "copiesByHolderType",
            "householdsExposed",
            "householdsExposedByHolderType",
            "addressesDisclosed",
            "householdsKnownToPolice",
            "sharesRecorded",
            "sharesOfStoredOriginals",
            "sharesRefused",
            "holdsPlaced",
            "expiryHeld",
            "holdsReleased",
            "series",
            "perSeed",
            "summary"),
        fieldNames(policy));
    List<String> other = fieldNames(written().get("policies").get(1));
    assertEquals(
        List.of(
            "series", "perSeed", "summary", "vsBaseline", "noEffectOnThisWorld", "noEffectReason"),
        other.subList(other.indexOf("series"), other.size()));
    assertEquals(
        List.of(
            "REQUESTING_POLICE", "OTHER_AGENCY", "FEDERAL_AGENCY", "NEIGHBOURHOOD_FEED", "PUBLIC"),
        fieldNames(policy.get("copiesByHolderType")));
  }

  @Test
  void writesIdenticalBytesForIdenticalReports() throws IOException {
    ReportWriter.write(Fixtures.twoPolicyReport(), temp.resolve("first"));
    ReportWriter.write(Fixtures.twoPolicyReport(), temp.resolve("second"));

    for (String file : ReportWriter.FILES) {
      assertArrayEquals(
          Files.readAllBytes(temp.resolve("first").resolve(file)),
          Files.readAllBytes(temp.resolve("second").resolve(file)),
          file);
    }
  }

  private static JsonNode withoutSeries(JsonNode policy) {
    JsonNode copy = policy.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) copy)
        .remove(
            List.of(
                "series",
                "perSeed",
                "summary",
                "vsBaseline",
                "noEffectOnThisWorld",
                "noEffectReason"));
    return copy;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
