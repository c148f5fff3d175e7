package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled world {@code policy-effects} through every bundled policy on a real broker: each
 * policy differs from the status quo, and on exactly the figures its rules touch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class PolicyEffectsIT {
  @TempDir static Path tmp;

  private static final String STATUS_QUO = "status-quo-2019";

  /** Per policy, its final figures by report field ({@code field} or {@code field.HOLDER_TYPE}). */
  private final Map<String, Map<String, Long>> figures = new TreeMap<>();

  @BeforeAll
  void runThePolicyEffectsWorldThroughEveryBundledPolicy() throws Exception {
    Path out = Files.createTempDirectory(tmp, "camfleet-policy-effects-it-").resolve("report");
    assertEquals(0, Camfleet.execute(RunArgs.everyBundledPolicy("policy-effects.yaml", out)));
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    report.get("policies").forEach(p -> figures.put(p.get("name").asText(), numbers(p)));
  }

  /** A policy's numeric figures: the whole ones, and each part of those broken down by holder. */
  private static Map<String, Long> numbers(JsonNode policy) {
    Map<String, Long> numbers = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = policy.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      if (value.isIntegralNumber()) {
        numbers.put(field.getKey(), value.asLong());
      } else if (value.isObject() && !value.isEmpty()) {
        Map<String, Long> parts = new LinkedHashMap<>();
        value
            .fields()
            .forEachRemaining(
                part -> {
                  if (part.getValue().isIntegralNumber()) {
                    parts.put(field.getKey() + "." + part.getKey(), part.getValue().asLong());
                  }
                });
        if (parts.size() == value.size()) {
          numbers.putAll(parts);
        }
      }
    }
    return numbers;
  }

  /** The figures on which {@code policy} differs from the status quo, in report order. */
  private List<String> differencesFromTheStatusQuo(String policy) {
    Map<String, Long> baseline = figures.get(STATUS_QUO);
    Map<String, Long> mine = figures.get(policy);
    assertEquals(baseline.keySet(), mine.keySet(), policy + " reports the same figures");
    return mine.entrySet().stream()
        .filter(e -> !e.getValue().equals(baseline.get(e.getKey())))
        .map(Map.Entry::getKey)
        .toList();
  }

  /**
   * Each bundled policy changes the figures its rules reach on this world, and only those: the
   * 180-day copy lifetime acts, the 2019 and 2021 caps at the portal change the emails, answers and
   * shares, and withholding the address hides households from police.
   */
  @Test
  void everyBundledPolicyDiffersFromTheStatusQuoOnTheFiguresItsRulesReach() {
    Map<String, List<String>> differences = new TreeMap<>();
    figures.keySet().stream()
        .filter(policy -> !policy.equals(STATUS_QUO))
        .forEach(policy -> differences.put(policy, differencesFromTheStatusQuo(policy)));

    assertEquals(
        Map.of(
            "copies-inherit-expiry",
            List.of(
                "clipsExpired",
                "clipsExemptByShare",
                "clipsAliveAtEnd",
                "clipsStoredAtEnd",
                "liveBytesAtEnd",
                "footageAlivePastRetention",
                "forwardsBlocked",
                "onwardCopiesWithoutParent",
                "copiesCreated",
                "copiesCreatedByHolderType.OTHER_AGENCY",
                "copiesCreatedByHolderType.FEDERAL_AGENCY",
                "copiesExpired",
                "copiesAliveAtEnd",
                "copiesByHolderType.REQUESTING_POLICE",
                "copiesByHolderType.OTHER_AGENCY",
                "copiesByHolderType.FEDERAL_AGENCY",
                "copiesByHolderType.NEIGHBOURHOOD_FEED",
                "copiesByHolderType.PUBLIC",
                "householdsExposed",
                "householdsExposedByHolderType.REQUESTING_POLICE",
                "householdsExposedByHolderType.OTHER_AGENCY",
                "householdsExposedByHolderType.FEDERAL_AGENCY",
                "householdsExposedByHolderType.NEIGHBOURHOOD_FEED",
                "householdsExposedByHolderType.PUBLIC",
                "sharesRecorded",
                "expiryHeld"),
            "eu-30-days",
            List.of(
                "clipsExpired",
                "clipsExemptByShare",
                "clipsAliveAtEnd",
                "clipsStoredAtEnd",
                "liveBytesAtEnd",
                "footageAlivePastRetention",
                "sharesViaRequest",
                "sharesRefusedExpired",
                "forwardsBlocked",
                "onwardCopiesWithoutParent",
                "copiesCreated",
                "copiesCreatedByHolderType.REQUESTING_POLICE",
                "copiesCreatedByHolderType.OTHER_AGENCY",
                "copiesAliveAtEnd",
                "copiesByHolderType.REQUESTING_POLICE",
                "copiesByHolderType.OTHER_AGENCY",
                "sharesOfStoredOriginals",
                "sharesRefused",
                "holdsPlaced",
                "holdsReleased"),
            "markey-caps-2019",
            List.of(
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
                "sharesRefusedExpired",
                "forwardsBlocked",
                "onwardCopiesWithoutParent",
                "requestsRefused",
                "requestsRefusedPastLookBack",
                "requestsNarrowed",
                "requestsNarrowedWindow",
                "requestsNarrowedArea",
                "notificationsWithheld",
                "copiesCreated",
                "copiesCreatedByHolderType.REQUESTING_POLICE",
                "copiesCreatedByHolderType.OTHER_AGENCY",
                "copiesCreatedByHolderType.FEDERAL_AGENCY",
                "copiesAliveAtEnd",
                "copiesByHolderType.REQUESTING_POLICE",
                "copiesByHolderType.OTHER_AGENCY",
                "copiesByHolderType.FEDERAL_AGENCY",
                "householdsExposed",
                "householdsExposedByHolderType.REQUESTING_POLICE",
                "householdsExposedByHolderType.OTHER_AGENCY",
                "addressesDisclosed",
                "householdsKnownToPolice",
                "sharesOfStoredOriginals",
                "sharesRefused",
                "expiryHeld"),
            "no-address-disclosure",
            List.of("addressesDisclosed", "householdsKnownToPolice"),
            "no-forwarding",
            List.of(
                "sharesBlockedByPolicy",
                "forwardsBlocked",
                "forwardsBlockedByBan",
                "onwardCopiesWithoutParent",
                "copiesCreated",
                "copiesCreatedByHolderType.OTHER_AGENCY",
                "copiesCreatedByHolderType.FEDERAL_AGENCY",
                "copiesAliveAtEnd",
                "copiesByHolderType.OTHER_AGENCY",
                "copiesByHolderType.FEDERAL_AGENCY",
                "householdsExposedByHolderType.OTHER_AGENCY",
                "householdsExposedByHolderType.FEDERAL_AGENCY"),
            "police-copies-180-days",
            List.of(
                "copiesExpired",
                "copiesAliveAtEnd",
                "copiesByHolderType.REQUESTING_POLICE",
                "copiesByHolderType.OTHER_AGENCY",
                "copiesByHolderType.FEDERAL_AGENCY",
                "householdsExposedByHolderType.REQUESTING_POLICE",
                "householdsExposedByHolderType.OTHER_AGENCY"),
            "rfa-2021",
            List.of(
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
                "sharesRefusedExpired",
                "forwardsBlocked",
                "onwardCopiesWithoutParent",
                "requestsRefused",
                "requestsRefusedWindowBelowMinimum",
                "requestsRefusedAreaBelowMinimum",
                "requestsNarrowed",
                "requestsNarrowedWindow",
                "requestsNarrowedArea",
                "notificationsWithheld",
                "copiesCreated",
                "copiesCreatedByHolderType.REQUESTING_POLICE",
                "copiesCreatedByHolderType.OTHER_AGENCY",
                "copiesCreatedByHolderType.FEDERAL_AGENCY",
                "copiesAliveAtEnd",
                "copiesByHolderType.REQUESTING_POLICE",
                "copiesByHolderType.OTHER_AGENCY",
                "copiesByHolderType.FEDERAL_AGENCY",
                "householdsExposed",
                "householdsExposedByHolderType.REQUESTING_POLICE",
                "householdsExposedByHolderType.OTHER_AGENCY",
                "addressesDisclosed",
                "householdsKnownToPolice",
                "sharesOfStoredOriginals",
                "sharesRefused",
                "expiryHeld"),
            // the world ends in 2020, before the first stage: the base rules are the status quo's
            "ring-2018-2025",
            List.of()),
        differences);
  }

  /**
   * At the portal, the 2021 rules refuse requests below their minima, the 2019 ones those wholly
   * past their 45-day look-back; both narrow long and wide requests, withhold the emails beyond the
   * narrowed area and block nothing at the share.
   */
  @Test
  void theCapsOf2019And2021RefuseAndNarrowDifferentRequestsAtThePortal() {
    List<String> causes =
        List.of(
            "requestsRefusedPortalClosed",
            "requestsRefusedWindowBelowMinimum",
            "requestsRefusedAreaBelowMinimum",
            "requestsRefusedPastLookBack",
            "requestsNarrowedWindow",
            "requestsNarrowedArea",
            "requestsNarrowedLookBack",
            "requestsNarrowed",
            "notifications",
            "notificationsWithheld",
            "sharesBlockedByCaps");
    Map<String, List<Long>> portal = new TreeMap<>();
    for (String policy : List.of(STATUS_QUO, "markey-caps-2019", "rfa-2021")) {
      portal.put(policy, causes.stream().map(figures.get(policy)::get).toList());
    }
    assertEquals(
        Map.of(
            STATUS_QUO,
            List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 672L, 0L, 0L),
            "markey-caps-2019",
            List.of(0L, 0L, 0L, 18L, 14L, 14L, 0L, 25L, 556L, 116L, 0L),
            "rfa-2021",
            List.of(0L, 43L, 35L, 0L, 10L, 11L, 0L, 18L, 429L, 243L, 0L)),
        portal);
  }

  /**
   * Every blocked share or onward copy counts once under its cause, the old totals keep their
   * meaning beside the new ones, and the two services agree on the shares of stored originals.
   */
  @Test
  void theNewMeasuresAddUpToTheOnesBesideThem() {
    for (Map.Entry<String, Map<String, Long>> policy : figures.entrySet()) {
      Map<String, Long> f = policy.getValue();
      String name = policy.getKey();
      long byCaps =
          f.get("sharesBlockedWindowBelowMinimum")
              + f.get("sharesBlockedAreaBelowMinimum")
              + f.get("sharesBlockedOutsideWindow")
              + f.get("sharesBlockedOutsideArea")
              + f.get("sharesBlockedPastLookBack");
      assertEquals(byCaps, f.get("sharesBlockedByCaps"), name);
      assertEquals(
          f.get("sharesBlockedByCaps") + f.get("forwardsBlockedByBan"),
          f.get("sharesBlockedByPolicy"),
          name);
      assertEquals(
          f.get("forwardsBlockedByBan") + f.get("onwardCopiesWithoutParent"),
          f.get("forwardsBlocked"),
          name);
      assertEquals(
          f.get("sharesViaRequest") + f.get("sharesViaPost"),
          f.get("sharesOfStoredOriginals"),
          name);
      assertEquals(f.get("clipsRecorded") - f.get("clipsExpired"), f.get("clipsStoredAtEnd"), name);
      assertEquals(
          f.get("requestsRefusedPortalClosed")
              + f.get("requestsRefusedWindowBelowMinimum")
              + f.get("requestsRefusedAreaBelowMinimum")
              + f.get("requestsRefusedPastLookBack"),
          f.get("requestsRefused"),
          name);
      assertEquals(f.get("requestsMade") - f.get("requestsRefused"), f.get("requests"), name);
      assertEquals(
          f.get("clipsAliveAtEnd") + f.get("clipsExemptByShare"), f.get("clipsStoredAtEnd"), name);
    }
  }
}
