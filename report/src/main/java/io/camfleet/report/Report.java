package io.camfleet.report;

import io.camfleet.avro.DailyStats;
import io.camfleet.schemas.stats.StatsService;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The comparison of several policies on one simulated world, built from the services' daily
 * statistics. {@code deadLetters} counts the input records the services could not process (sent to
 * the dead-letter topic): a run with any cannot be trusted, and every rendering says so. {@code
 * evidence} lists the files kept beside the report (audit files, the kept event log); {@code
 * replayedFrom} is the recorded event log the run enforced the policies on, when it replayed one.
 */
public record Report(
    WorldInfo world,
    String camfleetVersion,
    List<PolicyReport> policies,
    long deadLetters,
    List<EvidenceFile> evidence,
    Optional<EvidenceFile> replayedFrom) {

  public Report {
    Objects.requireNonNull(world, "world");
    if (deadLetters < 0) {
      throw new IllegalArgumentException("dead letters must be 0 or more, not " + deadLetters);
    }
    camfleetVersion = Checks.nonBlank(camfleetVersion, "camfleet version");
    policies = List.copyOf(Objects.requireNonNull(policies, "policies"));
    if (policies.isEmpty()) {
      throw new IllegalArgumentException("a report compares at least one policy");
    }
    Set<String> names = new HashSet<>();
    for (PolicyReport policy : policies) {
      if (!names.add(policy.name())) {
        throw new IllegalArgumentException("policy '" + policy.name() + "' appears twice");
      }
    }
    evidence = List.copyOf(Objects.requireNonNull(evidence, "evidence"));
    Objects.requireNonNull(replayedFrom, "replayedFrom");
  }

  /** A report of a run in which no record was dead-lettered. */
  public Report(WorldInfo world, String camfleetVersion, List<PolicyReport> policies) {
    this(world, camfleetVersion, policies, 0, List.of(), Optional.empty());
  }

  /** A report of a run whose services dead-lettered {@code deadLetters} input records. */
  public Report(
      WorldInfo world, String camfleetVersion, List<PolicyReport> policies, long deadLetters) {
    this(world, camfleetVersion, policies, deadLetters, List.of(), Optional.empty());
  }

  /** The same report, for a run whose services dead-lettered {@code count} input records. */
  public Report withDeadLetters(long count) {
    return new Report(world, camfleetVersion, policies, count, evidence, replayedFrom);
  }

  /** The same report, with {@code files} kept beside it as evidence. */
  public Report withEvidence(List<EvidenceFile> files) {
    return new Report(world, camfleetVersion, policies, deadLetters, files, replayedFrom);
  }

  /** The same report, of a run that replayed the event log {@code log}. */
  public Report replayedFrom(EvidenceFile log) {
    return new Report(world, camfleetVersion, policies, deadLetters, evidence, Optional.of(log));
  }

  /** "replayed from FILE (sha256 ...)", or empty for a run that simulated its world. */
  public String replayNote() {
    return replayedFrom
        .map(log -> "replayed from " + log.path() + " (sha256 " + log.sha256() + ")")
        .orElse("");
  }

  /** Whether the figures can be quoted: no input record was dead-lettered. */
  public boolean trustworthy() {
    return deadLetters == 0;
  }

  /** One sentence for a run that cannot be trusted; empty for one that can. */
  public String integrityWarning() {
    return trustworthy()
        ? ""
        : String.format(
            java.util.Locale.ROOT,
            "Warning: the services sent %,d input record%s to the dead-letter topic instead of processing %s;"
                + " the figures below leave %s out and cannot be trusted.",
            deadLetters,
            deadLetters == 1 ? "" : "s",
            deadLetters == 1 ? "it" : "them",
            deadLetters == 1 ? "it" : "them");
  }

  /**
   * Groups the statistics per policy and service, orders them by day and takes each policy's final
   * figures from the {@code last=true} record of each service. Policies appear in the order given;
   * statistics of policies not given are ignored; of two records for the same policy, service and
   * day, the later in the list wins (as the later record with the same key wins on the topic).
   *
   * @throws IllegalArgumentException if a policy lacks a final record of either service, if a
   *     service reports a day after its final day or after the world's last day, or if the two
   *     services report different days
   */
  public static Report build(
      WorldInfo world, List<PolicyInfo> policies, List<DailyStats> stats, String camfleetVersion) {
    Objects.requireNonNull(world, "world");
    Objects.requireNonNull(policies, "policies");
    Objects.requireNonNull(stats, "stats");

    Map<String, Map<StatsService, NavigableMap<LocalDate, DailyStats>>> byPolicy =
        new LinkedHashMap<>();
    for (PolicyInfo policy : policies) {
      if (byPolicy.put(policy.name(), new EnumMap<>(StatsService.class)) != null) {
        throw new IllegalArgumentException("policy '" + policy.name() + "' appears twice");
      }
    }
    Set<String> policiesSeen = new TreeSet<>();
    for (DailyStats record : stats) {
      Objects.requireNonNull(record, "daily stats record");
      policiesSeen.add(record.getPolicy());
      StatsService service = StatsService.ofId(record.getService());
      LocalDate day = parseDay(record);
      Map<StatsService, NavigableMap<LocalDate, DailyStats>> services =
          byPolicy.get(record.getPolicy());
      if (services != null) {
        services.computeIfAbsent(service, s -> new TreeMap<>()).put(day, record);
      }
    }

    LocalDate lastDay = world.lastDay();
    List<PolicyReport> reports = new ArrayList<>();
    for (PolicyInfo policy : policies) {
      Map<StatsService, NavigableMap<LocalDate, DailyStats>> services = byPolicy.get(policy.name());
      NavigableMap<LocalDate, DailyStats> retention =
          checkedSeries(policy, StatsService.RETENTION, services, policiesSeen, world, lastDay);
      NavigableMap<LocalDate, DailyStats> sharing =
          checkedSeries(policy, StatsService.SHARING, services, policiesSeen, world, lastDay);
      if (!retention.keySet().equals(sharing.keySet())) {
        throw new IllegalArgumentException(
            "policy '"
                + policy.name()
                + "': the services reported different days; only "
                + StatsService.RETENTION.id()
                + ": "
                + difference(retention.keySet(), sharing.keySet())
                + ", only "
                + StatsService.SHARING.id()
                + ": "
                + difference(sharing.keySet(), retention.keySet()));
      }
      List<DayPoint> series = new ArrayList<>();
      for (Map.Entry<LocalDate, DailyStats> day : retention.entrySet()) {
        DailyStats shared = sharing.get(day.getKey());
        try {
          series.add(
              new DayPoint(
                  day.getKey(),
                  day.getValue().getDayEnd(),
                  day.getValue().getMeasures(),
                  shared.getMeasures()));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "policy '" + policy.name() + "': " + e.getMessage(), e);
        }
      }
      reports.add(new PolicyReport(policy, series));
    }
    return new Report(world, camfleetVersion, reports);
  }

  private static LocalDate parseDay(DailyStats record) {
    try {
      return LocalDate.parse(record.getDay());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "daily stats of policy '"
              + record.getPolicy()
              + "' from "
              + record.getService()
              + " have a day that is not an ISO date: '"
              + record.getDay()
              + "'",
          e);
    }
  }

  private static NavigableMap<LocalDate, DailyStats> checkedSeries(
      PolicyInfo policy,
      StatsService service,
      Map<StatsService, NavigableMap<LocalDate, DailyStats>> services,
      Set<String> policiesSeen,
      WorldInfo world,
      LocalDate lastDay) {
    NavigableMap<LocalDate, DailyStats> days = services.getOrDefault(service, new TreeMap<>());
    List<LocalDate> finals = new ArrayList<>();
    days.forEach(
        (day, record) -> {
          if (record.getLast()) {
            finals.add(day);
          }
        });
    if (finals.isEmpty()) {
      throw new IllegalArgumentException(
          "policy '"
              + policy.name()
              + "' has no final record (last=true) from "
              + service.id()
              + " on topic "
              + service.topic().name()
              + " ("
              + days.size()
              + " daily records; policies seen in the stats: "
              + policiesSeen
              + "); did the run finish before the topics were read?");
    }
    if (finals.size() > 1) {
      throw new IllegalArgumentException(
          "policy '"
              + policy.name()
              + "' has several final records (last=true) from "
              + service.id()
              + ", for days "
              + finals
              + "; were the topics shared by several runs?");
    }
    if (!finals.get(0).equals(days.lastKey())) {
      throw new IllegalArgumentException(
          "policy '"
              + policy.name()
              + "': "
              + service.id()
              + " reported day "
              + days.lastKey()
              + " after its final day "
              + finals.get(0));
    }
    if (days.lastKey().isAfter(lastDay)) {
      throw new IllegalArgumentException(
          "policy '"
              + policy.name()
              + "': "
              + service.id()
              + " reported day "
              + days.lastKey()
              + ", after the world's last day "
              + lastDay
              + " ("
              + world.days()
              + " days from "
              + world.start()
              + ")");
    }
    return days;
  }

  private static Set<LocalDate> difference(Set<LocalDate> a, Set<LocalDate> b) {
    Set<LocalDate> only = new TreeSet<>(a);
    only.removeAll(b);
    return only;
  }
}
