package io.camfleet.report;

import io.camfleet.avro.DailyStats;
import io.camfleet.avro.HolderType;
import io.camfleet.schemas.stats.SharingMeasure;
import io.camfleet.schemas.stats.StatsService;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Seven policies over a year of synthetic but plausible curves, the size of a real comparison: for
 * checking that the page stays readable.
 */
final class SevenPolicies {
  static final int DAYS = 365;
  static final LocalDate START = LocalDate.parse("2019-01-01");
  static final List<String> NAMES =
      List.of(
          "status-quo-2019",
          "eu-30-days",
          "copies-inherit-expiry",
          "markey-caps-2019",
          "no-forwarding",
          "police-copies-180-days",
          "rfa-2021");

  private SevenPolicies() {}

  static List<PolicyInfo> policies() {
    List<PolicyInfo> policies = new ArrayList<>();
    for (int p = 0; p < NAMES.size(); p++) {
      policies.add(
          new PolicyInfo(
              NAMES.get(p),
              "Policy number " + (p + 1) + " of the comparison.",
              "policies/" + NAMES.get(p) + ".yaml",
              Integer.toHexString(p + 1).repeat(64)));
    }
    return policies;
  }

  static Report report() {
    WorldInfo world =
        new WorldInfo(
            "default", 20190101L, 2000, DAYS, "2019-01-01", "worlds/default.yaml", "d".repeat(64));
    return Report.build(world, policies(), stats(), "0.1.0-TEST");
  }

  static List<DailyStats> stats() {
    List<DailyStats> stats = new ArrayList<>();
    for (int p = 0; p < NAMES.size(); p++) {
      int retentionDays = p == 1 ? 30 : 60;
      String policy = NAMES.get(p);
      for (int d = 0; d < DAYS; d++) {
        LocalDate day = START.plusDays(d);
        boolean last = d == DAYS - 1;
        long recorded = 800L * (d + 1);
        long exempt = (long) (d * 1.5 * (p + 1) / 2);
        long alive = 800L * Math.min(d + 1, retentionDays);
        long expired = recorded - alive - exempt < 0 ? 0 : recorded - alive - exempt;
        stats.add(
            Fixtures.stats(
                policy,
                StatsService.RETENTION.id(),
                day,
                last,
                "clipsRecorded",
                recorded,
                "clipsExpired",
                expired,
                "clipsExemptByShare",
                exempt,
                "clipsAlive",
                alive,
                "liveBytes",
                alive * 12_000_000L));
        List<Object> sharing = new ArrayList<>(List.of("requests", d / 3, "notifications", d * 5));
        long total = 0;
        for (HolderType holder : HolderType.values()) {
          long copies = (long) (d * (holder.ordinal() + 1) * 0.4 / (1 + p % 3));
          if (p == 5 && holder.ordinal() < 3 && d > 180) {
            copies = copies / 3;
          }
          total += copies;
          sharing.add(SharingMeasure.COPIES_ALIVE.of(holder).wireName());
          sharing.add(copies);
        }
        sharing.add("copiesAlive");
        sharing.add(total);
        stats.add(Fixtures.stats(policy, StatsService.SHARING.id(), day, last, sharing.toArray()));
      }
    }
    return stats;
  }
}
