package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camfleet.audit.AuditFile;
import io.camfleet.audit.AuditReader;
import io.camfleet.audit.EventLog;
import io.camfleet.audit.ReceiptMeasures;
import io.camfleet.avro.CopyKind;
import io.camfleet.avro.CopyLedgerEntry;
import io.camfleet.avro.CopyStatus;
import io.camfleet.cli.ShutdownGuard;
import io.camfleet.policy.Policies;
import io.camfleet.report.Comparison;
import io.camfleet.report.ReportWriter;
import io.camfleet.report.SeedRun;
import io.camfleet.schemas.stats.StatsMeasure;
import io.camfleet.simulator.world.World;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A tiny world (20 cameras, 30 days, seed 5: police forward a shared clip) under a policy that
 * allows forwarding and one that forbids it, run with --keep-events; then the kept events replayed.
 * The audit files account for the report's figures, explain lists the copies the custody API
 * returned at the end of the run, and the replay reports the same figures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class AuditReplayIT {
  @TempDir static Path tmp;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<Path> POLICIES =
      List.of(
          Path.of("../policies/status-quo-2019.yaml"), Path.of("../policies/no-forwarding.yaml"));

  private static final Comparator<JsonNode> BY_COPY_ID =
      Comparator.comparing(copy -> copy.get("copyId").asText());

  private Path out;
  private JsonNode report;
  private String forwardedClip;
  private JsonNode custody;
  private JsonNode provenance;

  @BeforeAll
  void runTheWorldKeepingItsEventsAndAskCustodyAtTheEnd() throws Exception {
    out = Files.createTempDirectory(tmp, "camfleet-audit-it-").resolve("report");
    Path worldFile = Path.of("../worlds/default.yaml");
    World world = World.read(worldFile).withSeed(5).withSize(20, 30);
    RunPlan plan =
        new RunPlan(
            world,
            worldFile,
            Policies.read(POLICIES),
            POLICIES,
            out,
            Optional.empty(),
            new Properties(),
            OptionalInt.empty(),
            Duration.ofMinutes(8),
            OptionalInt.empty(),
            List.of(5L),
            Optional.empty(),
            Optional.empty(),
            true);
    try (ShutdownGuard guard = ShutdownGuard.install("audit-it", System.err)) {
      List<SeedRun> runs =
          new Scenario(plan, guard, System.err).observingEnd(this::askCustody).run();
      ReportWriter.write(Comparison.of(runs, Optional.empty()), out);
    }
    report = JSON.readTree(out.resolve("report.json").toFile());
  }

  /** Picks a clip police forwarded whose copies are alive, and asks the custody API about it. */
  private void askCustody(RunEnd end) throws Exception {
    List<CopyLedgerEntry> ledger = new ArrayList<>();
    AuditReader.forEach(
        AuditFile.COPY_LEDGER.in(end.out()),
        AuditFile.COPY_LEDGER,
        CopyLedgerEntry.class,
        r -> ledger.add(r.value()));
    forwardedClip =
        ledger.stream()
            .filter(c -> c.getKind() == CopyKind.FORWARD && c.getStatus() == CopyStatus.ALIVE)
            .map(c -> c.getClipId().toString())
            .sorted()
            .findFirst()
            .orElseThrow(() -> new AssertionError("no forwarded copy alive at the end"));
    custody = get(end, "/clips/" + forwardedClip + "/custody");
    provenance = get(end, "/clips/" + forwardedClip + "/provenance");
  }

  private static JsonNode get(RunEnd end, String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + end.custodyPort() + path))
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    return JSON.readTree(response.body());
  }

  @Test
  void auditFilesHoldAReceiptForEveryCountedDecisionOfEveryPolicy() {
    Map<String, Map<StatsMeasure, Long>> tally = ReceiptMeasures.tally(out);
    Map<String, Map<String, Long>> audited = new TreeMap<>();
    Map<String, Map<String, Long>> reported = new TreeMap<>();
    for (JsonNode policy : report.get("policies")) {
      String name = policy.get("name").asText();
      for (StatsMeasure measure : ReceiptMeasures.COUNTED) {
        reported
            .computeIfAbsent(name, n -> new TreeMap<>())
            .put(measure.wireName(), policy.get(measure.wireName()).asLong());
        audited
            .computeIfAbsent(name, n -> new TreeMap<>())
            .put(measure.wireName(), tally.getOrDefault(name, Map.of()).getOrDefault(measure, 0L));
      }
    }
    assertEquals(reported, audited);
    // 30 days expire nothing under 60 days; RunCommandIT checks expiries on the default world
    assertTrue(reported.get("status-quo-2019").get("clipsExemptByShare") > 0, reported.toString());
    assertTrue(reported.get("no-forwarding").get("forwardsBlocked") > 0, reported.toString());
  }

  @Test
  void reportListsEachFileWithItsRecordsAndDigestAndNoPartialFileRemains() throws Exception {
    JsonNode audit = report.get("audit");
    List<String> names = new ArrayList<>();
    audit.fieldNames().forEachRemaining(names::add);
    assertEquals(
        List.of(
            "audit/retention-receipts.avro",
            "audit/copy-ledger.avro",
            "audit/copy-receipts.avro",
            "events.avro"),
        names);
    for (String name : names) {
      Path file = out.resolve(name);
      assertEquals(RecordedEvents.sha256(file), audit.get(name).get("sha256").asText(), name);
    }
    for (AuditFile file : AuditFile.all()) {
      long[] count = {0};
      AuditReader.forEach(file.in(out), file, SpecificRecord.class, r -> count[0]++);
      assertEquals(count[0], audit.get(file.relativePath()).get("records").asLong());
    }
    try (Stream<Path> files = Files.list(out.resolve(AuditFile.FOLDER))) {
      assertEquals(3, files.count(), "the three audit files and nothing else");
    }
  }

  @Test
  void explainListsTheCopiesAndProvenanceCustodyReturnedForAForwardedClip() throws Exception {
    StringWriter text = new StringWriter();
    StringWriter json = new StringWriter();
    assertEquals(0, explain(text, "--clip", forwardedClip, "--from", out.toString()));
    assertEquals(0, explain(json, "--clip", forwardedClip, "--from", out.toString(), "--json"));
    String story = text.toString();
    for (String step :
        List.of(
            "recorded by camera",
            "police request",
            "emailed",
            "answered",
            "shared it with",
            "FORWARD",
            "FORWARD_BLOCKED",
            "RETAINED_SHARED")) {
      assertTrue(story.contains(step), step + " in:\n" + story);
    }

    Map<String, List<JsonNode>> explained = new TreeMap<>();
    for (JsonNode policy : JSON.readTree(json.toString()).get("policies")) {
      List<JsonNode> copies = new ArrayList<>();
      policy.get("copies").forEach(copies::add);
      if (!copies.isEmpty()) {
        copies.sort(BY_COPY_ID);
        explained.put(policy.get("policy").asText(), copies);
      }
    }
    Map<String, List<JsonNode>> held = new TreeMap<>();
    custody
        .get("policies")
        .fields()
        .forEachRemaining(
            p -> {
              List<JsonNode> flat = new ArrayList<>();
              flatten((ArrayNode) p.getValue(), flat);
              if (!flat.isEmpty()) {
                flat.sort(BY_COPY_ID);
                held.put(p.getKey(), flat);
              }
            });
    assertEquals(held, explained);
    assertTrue(held.get("status-quo-2019").size() >= 2, "the share and its forward: " + held);

    StringWriter prov = new StringWriter();
    assertEquals(0, explain(prov, "--clip", forwardedClip, "--from", out.toString(), "--prov"));
    assertEquals(provenance, JSON.readTree(prov.toString()));
  }

  @Test
  void replayingTheKeptEventsGivesTheSameFigures() throws Exception {
    Path events = out.resolve(EventLog.FILE_NAME);
    Path replayOut = out.resolveSibling("replay");
    List<String> args = new ArrayList<>(List.of("run", "--events", events.toString()));
    POLICIES.forEach(p -> args.addAll(List.of("--policy", p.toString())));
    args.addAll(List.of("--out", replayOut.toString()));
    assertEquals(0, Camfleet.execute(args.toArray(String[]::new)));

    JsonNode replayed = JSON.readTree(replayOut.resolve("report.json").toFile());
    assertEquals(report.get("world"), replayed.get("world"));
    assertEquals(report.get("policies"), replayed.get("policies"));
    assertEquals(events.toString(), replayed.get("replayedFrom").get("file").asText());
    assertEquals(
        report.get("audit").get("events.avro").get("sha256").asText(),
        replayed.get("replayedFrom").get("sha256").asText());
    assertTrue(
        Files.readString(replayOut.resolve("report.md"))
            .contains("replayed from " + events + " (sha256 "));
    assertFalse(report.has("replayedFrom"));
    // another run of the same events, on other topics at other times: the same audit bytes
    for (AuditFile file : AuditFile.all()) {
      assertEquals(
          report.get("audit").get(file.relativePath()),
          replayed.get("audit").get(file.relativePath()),
          file.relativePath());
    }
  }

  private static void flatten(ArrayNode level, List<JsonNode> into) {
    for (JsonNode copy : level) {
      ObjectNode view = copy.deepCopy();
      view.remove("children");
      into.add(view);
      if (copy.has("children")) {
        flatten((ArrayNode) copy.get("children"), into);
      }
    }
  }

  private static int explain(StringWriter out, String... args) {
    CommandLine cli = Camfleet.commandLine();
    cli.setOut(new PrintWriter(out));
    List<String> all = new ArrayList<>(List.of("explain"));
    all.addAll(List.of(args));
    return cli.execute(all.toArray(String[]::new));
  }
}
