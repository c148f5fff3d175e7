package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camfleet.audit.ReceiptMeasures;
import io.camfleet.kafka.EmbeddedBroker;
import io.camfleet.schemas.stats.RetentionMeasure;
import io.camfleet.schemas.stats.StatsMeasure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job end to end: the default world through every bundled policy, and one forwarding only
 * to local agencies, on a real broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class RunCommandIT {
  private Path out;
  private final Map<String, JsonNode> byPolicy = new HashMap<>();
  private JsonNode report;
  private List<Path> stateFoldersBefore;
  private List<Path> stateFoldersAfter;

  @BeforeAll
  void runTheDefaultWorldThroughEveryPolicy(@TempDir Path dir) throws Exception {
    // @TempDir fields are not yet injected when a per-class @BeforeAll runs; its parameter is, and
    // lives as long as the class's tests.
    out = dir.resolve("report");
    // beside the bundled policies, the status quo with forwarding to local agencies only
    Path localOnly = out.getParent().resolve("local-only-forwarding.yaml");
    Files.writeString(
        localOnly,
        Files.readString(Path.of("../policies/status-quo-2019.yaml"))
            .replace("name: status-quo-2019", "name: local-only-forwarding")
            .replaceAll("(?m)^forwardingAllowed: .*$", "forwarding: local-only"));
    List<String> all = new ArrayList<>(List.of(RunArgs.everyBundledPolicy("default.yaml", out)));
    all.addAll(List.of("--policy", localOnly.toString()));
    String[] args = all.toArray(String[]::new);
    stateFoldersBefore = stateFolders();
    assertEquals(0, Camfleet.execute(args));
    stateFoldersAfter = stateFolders();
    report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    report.get("policies").forEach(p -> byPolicy.put(p.get("name").asText(), p));
  }

  private static List<Path> stateFolders() throws java.io.IOException {
    try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("camfleet-state-"))
          .sorted()
          .toList();
    }
  }

  @Test
  void leavesNoStateFolderBehind() {
    assertEquals(stateFoldersBefore, stateFoldersAfter);
  }

  @Test
  void theRunLogHasNoWarningOfTheBrokerCreatingItsTransactionTopic() throws Exception {
    // the embedded broker readies its transaction coordinator before the run's clients look for it
    List<String> races =
        Files.readAllLines(out.resolve("run.log")).stream()
            .filter(line -> line.contains("Auto topic creation failed for __transaction_state"))
            .toList();
    assertEquals(List.of(), races);
  }

  private long measure(String policy, String field) {
    JsonNode p = byPolicy.get(policy);
    assertTrue(p != null && p.has(field), policy + " has " + field);
    return p.get(field).asLong();
  }

  @Test
  void writesTheFourReportFilesForEveryPolicy() {
    for (String file : List.of("report.json", "report.md", "report.csv", "report.html")) {
      assertTrue(Files.isRegularFile(out.resolve(file)), file);
    }
    assertEquals(
        List.of(
            "copies-inherit-expiry",
            "eu-30-days",
            "local-only-forwarding",
            "markey-caps-2019",
            "no-address-disclosure",
            "no-forwarding",
            "police-copies-180-days",
            "rfa-2021",
            "ring-2018-2025",
            "status-quo-2019"),
        byPolicy.keySet().stream().sorted().toList());
    assertEquals("default", report.get("world").get("name").asText());
  }

  @Test
  void everyRecordedClipIsExpiredExemptOrAliveAtTheEnd() {
    for (String policy : byPolicy.keySet()) {
      long recorded = measure(policy, "clipsRecorded");
      assertTrue(recorded > 0, policy);
      assertEquals(
          recorded,
          measure(policy, "clipsExpired")
              + measure(policy, "clipsExemptByShare")
              + measure(policy, "clipsAliveAtEnd"),
          policy);
      assertTrue(measure(policy, "clipsExpired") > 0, policy + " expires some clips");
    }
  }

  @Test
  void auditFilesHoldAReceiptForEveryCountedDecisionOfEveryPolicy() {
    Map<String, Map<StatsMeasure, Long>> tally = ReceiptMeasures.tally(out);
    for (String policy : byPolicy.keySet()) {
      for (StatsMeasure measure : ReceiptMeasures.COUNTED) {
        assertEquals(
            measure(policy, measure.wireName()),
            tally.get(policy).get(measure),
            policy + " " + measure.wireName());
      }
      assertTrue(tally.get(policy).get(RetentionMeasure.CLIPS_EXPIRED) > 0, policy);
    }
  }

  /** The same clips and requests reach every policy; a portal policy sends fewer of the emails. */
  @Test
  void everyPolicySeesTheSameWorld() {
    long recorded = measure("status-quo-2019", "clipsRecorded");
    long requests = measure("status-quo-2019", "requestsMade");
    long notifications = measure("status-quo-2019", "notifications");
    assertTrue(requests > 0 && notifications > 0);
    assertEquals(requests, measure("status-quo-2019", "requests"));
    for (String policy : byPolicy.keySet()) {
      assertEquals(recorded, measure(policy, "clipsRecorded"), policy);
      assertEquals(requests, measure(policy, "requestsMade"), policy);
      assertEquals(
          requests, measure(policy, "requests") + measure(policy, "requestsRefused"), policy);
      assertEquals(
          notifications,
          measure(policy, "notifications") + measure(policy, "notificationsWithheld"),
          policy);
    }
  }

  @Test
  void footageOutlivesRetentionUnderTheStatusQuoButNotWhenCopiesInheritExpiry() {
    assertTrue(measure("status-quo-2019", "footageAlivePastRetention") > 0);
    assertEquals(0, measure("copies-inherit-expiry", "footageAlivePastRetention"));
  }

  @Test
  void thirtyDaysExpiresMoreClipsThanSixty() {
    assertTrue(measure("eu-30-days", "clipsExpired") > measure("status-quo-2019", "clipsExpired"));
  }

  @Test
  void noForwardingCreatesFewerCopies() {
    assertTrue(
        measure("no-forwarding", "copiesCreated") < measure("status-quo-2019", "copiesCreated"));
    assertEquals(
        0,
        byPolicy.get("no-forwarding").get("copiesByHolderType").get("OTHER_AGENCY").asLong()
            + byPolicy
                .get("no-forwarding")
                .get("copiesByHolderType")
                .get("FEDERAL_AGENCY")
                .asLong());
  }

  @Test
  void runsSharingAClusterKeepToTopicsAndApplicationIdsOfTheirOwnAndReportTheSame(
      @TempDir Path reports) throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.startTemporary()) {
      List<String> args =
          List.of(
              "run",
              "--world",
              "../worlds/default.yaml",
              "--cameras",
              "12",
              "--days",
              "40",
              "--policy",
              "../policies/status-quo-2019.yaml",
              "--bootstrap-servers",
              broker.bootstrapServers(),
              "--out");

      assertEquals(0, Camfleet.execute(withLast(args, reports.resolve("first").toString())));
      assertEquals(0, Camfleet.execute(withLast(args, reports.resolve("second").toString())));

      ObjectMapper json = new ObjectMapper();
      JsonNode first = json.readTree(reports.resolve("first").resolve("report.json").toFile());
      JsonNode second = json.readTree(reports.resolve("second").resolve("report.json").toFile());
      assertEquals(
          first.get("policies"), second.get("policies"), "the same world gives the same report");
      assertEquals(0, first.get("deadLetters").asLong());
      assertEquals(0, second.get("deadLetters").asLong());

      Set<String> topics;
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        topics = new TreeSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
      }
      List<String> prefixes =
          topics.stream()
              .filter(t -> t.endsWith("-world-events"))
              .map(t -> t.substring(0, t.length() - "-world-events".length()))
              .toList();
      assertEquals(2, prefixes.size(), "world-events of each run: " + topics);
      Set<String> expected = new TreeSet<>(List.of("schemas"));
      for (String prefix : prefixes) {
        for (String topic :
            List.of(
                "world-events",
                "retention-receipts",
                "retention-stats",
                "retention-stats-json",
                "copy-ledger",
                "copy-receipts",
                "exposure-stats",
                "exposure-stats-json",
                "dead-letters")) {
          expected.add(prefix + "-" + topic);
        }
      }
      Set<String> missing = new TreeSet<>(expected);
      missing.removeAll(topics);
      assertEquals(Set.of(), missing, "topics of each run");
      // the rest are the internal topics of the services, named by their application ids
      Set<String> internal = new TreeSet<>(topics);
      internal.removeAll(expected);
      for (String topic : internal) {
        assertTrue(
            prefixes.stream()
                .anyMatch(
                    p ->
                        topic.startsWith(p + "-retention-service-status-quo-2019-")
                            || topic.startsWith(p + "-sharing-service-status-quo-2019-")),
            topic + " belongs to neither run");
      }
    }
  }

  private static String[] withLast(List<String> args, String last) {
    List<String> all = new java.util.ArrayList<>(args);
    all.add(last);
    return all.toArray(String[]::new);
  }

  /**
   * The Markey caps at the portal narrow requests before the emails go out: fewer emails, answers
   * and shares than the status quo, nothing blocked at the share, and every refusal and narrowing
   * counted under its cause in report.json.
   */
  @Test
  void requestCapsAtThePortalSendFewerEmailsAndCountRefusedAndNarrowedRequestsByCause() {
    assertEquals(0, measure("status-quo-2019", "sharesBlockedByPolicy"));
    assertEquals(0, measure("status-quo-2019", "notificationsWithheld"));
    assertEquals(0, measure("status-quo-2019", "requestsNarrowed"));
    assertTrue(
        measure("markey-caps-2019", "notifications") < measure("status-quo-2019", "notifications"));
    assertTrue(
        measure("markey-caps-2019", "sharesViaRequest")
            < measure("status-quo-2019", "sharesViaRequest"));
    assertEquals(0, measure("markey-caps-2019", "sharesBlockedByCaps"));
    for (String policy : List.of("markey-caps-2019", "rfa-2021")) {
      assertEquals(
          measure(policy, "requestsRefused"),
          measure(policy, "requestsRefusedPortalClosed")
              + measure(policy, "requestsRefusedWindowBelowMinimum")
              + measure(policy, "requestsRefusedAreaBelowMinimum")
              + measure(policy, "requestsRefusedPastLookBack"),
          policy);
      long narrowed = measure(policy, "requestsNarrowed");
      long cuts =
          measure(policy, "requestsNarrowedWindow")
              + measure(policy, "requestsNarrowedArea")
              + measure(policy, "requestsNarrowedLookBack");
      assertTrue(narrowed > 0 && cuts >= narrowed, policy + ": " + narrowed + " <= " + cuts);
    }
    assertTrue(measure("markey-caps-2019", "requestsNarrowedArea") > 0);
    assertTrue(measure("markey-caps-2019", "requestsNarrowedWindow") > 0);
  }

  /** Police learn of households through the portal only where the policy discloses addresses. */
  @Test
  void householdsKnownToPoliceOnlyWhereAddressesAreDisclosed() {
    assertTrue(measure("status-quo-2019", "householdsKnownToPolice") > 0);
    assertEquals(0, measure("no-address-disclosure", "householdsKnownToPolice"));
  }

  /**
   * Forwarding to local agencies only: no copy reaches a federal agency, other agencies get some.
   */
  @Test
  void localOnlyForwardingLeavesNoCopyAtAFederalAgency() {
    JsonNode created = byPolicy.get("local-only-forwarding").get("copiesCreatedByHolderType");
    assertEquals(0, created.get("FEDERAL_AGENCY").asLong());
    assertTrue(created.get("OTHER_AGENCY").asLong() > 0);
    assertTrue(
        byPolicy
                .get("status-quo-2019")
                .get("copiesCreatedByHolderType")
                .get("FEDERAL_AGENCY")
                .asLong()
            > 0);
    assertTrue(measure("local-only-forwarding", "forwardsBlockedByBan") > 0);
  }
}
