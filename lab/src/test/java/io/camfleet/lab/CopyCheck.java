package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.avro.CopyLedgerEntry;
import io.camfleet.avro.CopyReceipt;
import io.camfleet.avro.DailyStats;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Reads a finished run's sharing-service topics and holds them against what the copy verifier
 * expects.
 */
final class CopyCheck {
  private CopyCheck() {}

  /**
   * Every bundled policy: together they exercise caps, forwarding, lifetimes and inherited expiry.
   */
  static List<Policy> bundledPolicies() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("../policies"))) {
      return Policies.read(files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList());
    }
  }

  /**
   * Blocks until exposure-stats holds the final day of each policy, failing if the service stops.
   */
  static void awaitFinalStats(ClientConfig client, int policies, BooleanSupplier serviceAlive) {
    ReceiptCheck.awaitFinalStats(client, Topics.EXPOSURE_STATS.name(), policies, serviceAlive);
  }

  /**
   * Compares copy-ledger, copy-receipts and exposure-stats with the verifier's expectation from
   * world-events, all read committed, and asserts that nothing is missing, duplicated, wrong or
   * unexpected; returns the comparison for the figures.
   */
  static CopyVerifier.Diff assertExactlyTheExpectedCopies(
      ClientConfig client, List<Policy> policies) {
    CopyVerifier verifier = new CopyVerifier();
    ReceiptCheck.readAll(
        client,
        Topics.WORLD_EVENTS.name(),
        r ->
            verifier.accept(
                Topics.WORLD_EVENTS.valueSerde().deserializer().deserialize("", r.value())));
    CopyVerifier.Expected expected = verifier.expected(policies);
    List<CopyLedgerEntry> ledger = new ArrayList<>();
    ReceiptCheck.readAll(
        client,
        Topics.COPY_LEDGER.name(),
        r -> ledger.add(Topics.COPY_LEDGER.valueSerde().deserializer().deserialize("", r.value())));
    List<CopyReceipt> receipts = new ArrayList<>();
    ReceiptCheck.readAll(
        client,
        Topics.COPY_RECEIPTS.name(),
        r ->
            receipts.add(
                Topics.COPY_RECEIPTS.valueSerde().deserializer().deserialize("", r.value())));
    List<DailyStats> stats = new ArrayList<>();
    ReceiptCheck.readAll(
        client,
        Topics.EXPOSURE_STATS.name(),
        r ->
            stats.add(
                Topics.EXPOSURE_STATS.valueSerde().deserializer().deserialize("", r.value())));

    CopyVerifier.Diff diff = CopyVerifier.compare(expected, ledger, receipts, stats);
    System.out.printf(
        "copy verifier: %d input events; %d ledger entries, %d receipts, %d final counter sets expected; %s%n",
        verifier.events(),
        expected.ledger().size(),
        expected.receipts().size(),
        expected.counters().size(),
        diff.counts());
    assertTrue(
        expected.ledger().size() > 1_000,
        "a run with real work: " + expected.ledger().size() + " ledger entries");
    assertTrue(diff.clean(), diff.describe(20));
    return diff;
  }
}
