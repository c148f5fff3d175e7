package io.camfleet.report;

import io.camfleet.avro.DailyStats;
import io.camfleet.avro.HolderType;
import io.camfleet.schemas.stats.SharingMeasure;
import io.camfleet.schemas.stats.StatsService;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Seven policies over 120 days and several seeds, with synthetic curves that vary from seed to seed
 * the way real runs do: built through {@link Report#build} from daily statistics, as a run would.
 * {@code police-copies-180-days} gives exactly the status quo's figures (its copy lifetime is
 * longer than the world), and {@code markey-caps-2019} and {@code rfa-2021} give the same figures
 * as each other.
 */
final class SeededPolicies {
  static final int DAYS = 120;
  static final LocalDate START = LocalDate.parse("2019-01-01");

  /** rfa-2021 is in a stage of its own from this day (its figures do not change with it). */
  static final LocalDate STAGE = LocalDate.parse("2019-03-01");

  static final WorldInfo WORLD =
      new WorldInfo("default", 0, 2000, DAYS, "2019-01-01", "worlds/default.yaml", "d".repeat(64));

  private SeededPolicies() {}

  static List<PolicyInfo> policies() {
    List<PolicyInfo> policies = new ArrayList<>();
    for (int p = 0; p < SevenPolicies.NAMES.size(); p++) {
      String name = SevenPolicies.NAMES.get(p);
      policies.add(
          new PolicyInfo(
              name,
              "Policy number " + (p + 1) + " of the comparison.",
              "policies/" + name + ".yaml",
              Integer.toHexString(p + 1).repeat(64),
              name.equals("police-copies-180-days")
                  ? Map.of(
                      HolderType.REQUESTING_POLICE, 180,
                      HolderType.OTHER_AGENCY, 180,
                      HolderType.FEDERAL_AGENCY, 180)
                  : Map.of(),
              name.equals("rfa-2021") ? List.of(StageInfo.of(STAGE)) : List.of()));
    }
    return policies;
  }

  static Comparison comparison(List<Long> seeds, Optional<String> baseline) {
    List<SeedRun> runs = new ArrayList<>();
    for (long seed : seeds) {
      runs.add(new SeedRun(seed, report(seed)));
    }
    return Comparison.of(runs, baseline);
  }

  static Report report(long seed) {
    WorldInfo world =
        new WorldInfo(
            WORLD.name(),
            seed,
            WORLD.cameras(),
            WORLD.days(),
            WORLD.start(),
            WORLD.worldFile(),
            WORLD.worldFileSha256());
    return Report.build(world, policies(), stats(seed), "0.1.0-TEST");
  }

  /** How each policy behaves: which curve it follows (equal policies share one). */
  private static int behaviour(String policy) {
    return switch (policy) {
      case "police-copies-180-days" -> 0; // as the status quo
      case "rfa-2021" -> 3; // as markey-caps-2019
      default -> SevenPolicies.NAMES.indexOf(policy);
    };
  }

  static List<DailyStats> stats(long seed) {
    List<DailyStats> stats = new ArrayList<>();
    for (String policy : SevenPolicies.NAMES) {
      int p = behaviour(policy);
      // the world's own randomness: the same for every policy in a seed
      SplittableRandom world = new SplittableRandom(seed);
      double activity = 0.9 + 0.2 * world.nextDouble();
      double sharing = 0.8 + 0.4 * world.nextDouble();
      int retentionDays = p == 1 ? 30 : 60;
      for (int d = 0; d < DAYS; d++) {
        LocalDate day = START.plusDays(d);
        boolean last = d == DAYS - 1;
        long recorded = Math.round(800 * activity * (d + 1));
        long exempt = p == 2 ? 0 : Math.round(d * 4 * sharing);
        long alive = Math.round(800 * activity * Math.min(d + 1, retentionDays));
        long expired = Math.max(0, recorded - alive - exempt);
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
        List<Object> measures =
            new ArrayList<>(
                List.of("requests", d / 3, "notifications", Math.round(d * 5 * sharing)));
        long total = 0;
        long households = 0;
        for (HolderType holder : HolderType.values()) {
          double rate = d * (holder.ordinal() + 1) * 0.4 * sharing;
          long copies =
              switch (p) {
                case 1 -> Math.round(rate * 0.5); // eu-30-days: fewer originals left to share
                case 2 -> Math.round(Math.min(rate, 60 * (holder.ordinal() + 1) * 0.4 * sharing));
                case 3 -> Math.round(rate * (holder.ordinal() < 3 ? 0.6 : 1));
                case 4 -> holder.ordinal() == 1 || holder.ordinal() == 2 ? 0 : Math.round(rate);
                default -> Math.round(rate);
              };
          total += copies;
          households += copies / 2;
          measures.add(SharingMeasure.COPIES_ALIVE.of(holder).wireName());
          measures.add(copies);
        }
        measures.addAll(
            List.of(
                "copiesAlive",
                total,
                "copiesCreated",
                total,
                "householdsExposed",
                households,
                "footageAlivePastRetention",
                Math.max(0, Math.round((d - retentionDays) * 6 * sharing * (p == 2 ? 0.1 : 1))),
                "sharesBlockedByPolicy",
                p == 3 ? Math.round(d * 0.7 * sharing) : 0));
        stats.add(Fixtures.stats(policy, StatsService.SHARING.id(), day, last, measures.toArray()));
      }
    }
    return stats;
  }
}
