package io.camfleet.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * Several policies on one world over one or more seeds: each seed's ordinary report, and what they
 * say together: per policy and measure the mean, standard deviation and 95% interval over the
 * seeds, and against a baseline policy the paired differences seed by seed.
 *
 * <p>The baseline is the one given; else {@value #STATUS_QUO} when the run has it; else the first
 * policy of the run. Every rendering says which and why ({@link #baselineReason()}). Policies are
 * listed baseline first, then in the order of the run.
 */
public final class Comparison {
  /** The baseline when none is given and the run has it. */
  public static final String STATUS_QUO = "status-quo-2019";

  /** How many findings a policy gets at most. */
  static final int FINDINGS_PER_POLICY = 3;

  /** Why the baseline is the one it is. */
  public enum BaselineChoice {
    /** Named by the user ({@code --baseline}). */
    GIVEN,
    /** None named; the status quo was in the run. */
    STATUS_QUO,
    /** None named and no status quo: the first policy of the run. */
    FIRST_POLICY
  }

  /** A policy's largest change from the baseline on one whole measure. */
  public record Finding(String policy, ReportKey key, Difference difference) {}

  private final List<SeedRun> runs;
  private final String baseline;
  private final BaselineChoice baselineChoice;
  private final List<PolicyInfo> policies;
  private final Map<String, List<PolicyReport>> perSeed = new LinkedHashMap<>();
  private final Map<String, Map<ReportKey, Estimate>> summaries = new LinkedHashMap<>();
  private final Map<String, Map<ReportKey, Difference>> differences = new LinkedHashMap<>();

  private Comparison(List<SeedRun> runs, String baseline, BaselineChoice choice) {
    this.runs = List.copyOf(runs);
    this.baseline = baseline;
    this.baselineChoice = choice;
    List<PolicyInfo> ordered = new ArrayList<>();
    List<PolicyReport> first = runs.get(0).report().policies();
    first.stream().filter(p -> p.name().equals(baseline)).forEach(p -> ordered.add(p.info()));
    first.stream().filter(p -> !p.name().equals(baseline)).forEach(p -> ordered.add(p.info()));
    this.policies = List.copyOf(ordered);
    for (PolicyInfo policy : policies) {
      List<PolicyReport> reports = new ArrayList<>();
      for (SeedRun run : runs) {
        reports.add(
            run.report().policies().stream()
                .filter(p -> p.name().equals(policy.name()))
                .findFirst()
                .orElseThrow());
      }
      perSeed.put(policy.name(), List.copyOf(reports));
    }
    for (PolicyInfo policy : policies) {
      Map<ReportKey, Estimate> summary = new LinkedHashMap<>();
      Map<ReportKey, Difference> diffs = new LinkedHashMap<>();
      for (ReportKey key : ReportKey.ALL) {
        double[] values = values(policy.name(), key);
        summary.put(key, Estimate.of(values));
        if (!policy.name().equals(baseline)) {
          double[] base = values(baseline, key);
          double[] paired = new double[values.length];
          for (int i = 0; i < values.length; i++) {
            paired[i] = values[i] - base[i];
          }
          diffs.put(key, new Difference(Estimate.of(paired), Estimate.of(base).mean()));
        }
      }
      summaries.put(policy.name(), summary);
      differences.put(policy.name(), diffs);
    }
  }

  /**
   * The comparison of {@code runs}, one per seed, in the order given.
   *
   * @param baseline the policy the others are compared with; empty for the default
   * @throws IllegalArgumentException if there is no run, two runs have the same seed, the runs
   *     differ in anything but the seed (world, policies, camfleet version), or {@code baseline}
   *     names no policy of the run
   */
  public static Comparison of(List<SeedRun> runs, Optional<String> baseline) {
    Objects.requireNonNull(runs, "runs");
    Objects.requireNonNull(baseline, "baseline");
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("a comparison needs the run of at least one seed");
    }
    SeedRun first = runs.get(0);
    Set<Long> seeds = new HashSet<>();
    for (SeedRun run : runs) {
      Objects.requireNonNull(run, "run");
      if (!seeds.add(run.seed())) {
        throw new IllegalArgumentException("seed " + run.seed() + " was run twice");
      }
      Report report = run.report();
      if (!withSeed(report.world(), 0).equals(withSeed(first.report().world(), 0))) {
        throw new IllegalArgumentException(
            "the run of seed "
                + run.seed()
                + " is of another world than the run of seed "
                + first.seed()
                + ": "
                + report.world()
                + " vs "
                + first.report().world());
      }
      List<PolicyInfo> these = report.policies().stream().map(PolicyReport::info).toList();
      List<PolicyInfo> those = first.report().policies().stream().map(PolicyReport::info).toList();
      if (!these.equals(those)) {
        throw new IllegalArgumentException(
            "the run of seed "
                + run.seed()
                + " compared other policies than the run of seed "
                + first.seed()
                + ": "
                + names(these)
                + " vs "
                + names(those));
      }
      if (!report.camfleetVersion().equals(first.report().camfleetVersion())) {
        throw new IllegalArgumentException(
            "the run of seed "
                + run.seed()
                + " was made by camfleet "
                + report.camfleetVersion()
                + ", the run of seed "
                + first.seed()
                + " by "
                + first.report().camfleetVersion());
      }
    }
    List<String> names = names(first.report().policies().stream().map(PolicyReport::info).toList());
    BaselineChoice choice = baselineChoice(names, baseline);
    return new Comparison(runs, baselineOf(names, choice, baseline), choice);
  }

  private static BaselineChoice baselineChoice(List<String> names, Optional<String> baseline) {
    if (baseline.isPresent()) {
      if (!names.contains(baseline.get())) {
        throw new IllegalArgumentException(
            "baseline '"
                + baseline.get()
                + "' is not one of the policies of the run: "
                + String.join(", ", names));
      }
      return BaselineChoice.GIVEN;
    }
    return names.contains(STATUS_QUO) ? BaselineChoice.STATUS_QUO : BaselineChoice.FIRST_POLICY;
  }

  private static String baselineOf(
      List<String> names, BaselineChoice choice, Optional<String> baseline) {
    return switch (choice) {
      case GIVEN -> baseline.orElseThrow();
      case STATUS_QUO -> STATUS_QUO;
      case FIRST_POLICY -> names.get(0);
    };
  }

  /**
   * The colour report.html draws each policy in, for a run of the policies {@code names} (in the
   * run's order) compared with {@code baseline} (empty for the default), so that other pages of the
   * run can draw a policy in the same colour.
   *
   * @throws IllegalArgumentException if {@code baseline} names no policy of {@code names}
   */
  public static Map<String, String> colours(List<String> names, Optional<String> baseline) {
    if (names.isEmpty()) {
      return Map.of();
    }
    String base = baselineOf(names, baselineChoice(names, baseline), baseline);
    List<String> ordered = new ArrayList<>(List.of(base));
    names.stream().filter(name -> !name.equals(base)).forEach(ordered::add);
    Map<String, String> colours = new LinkedHashMap<>();
    for (int i = 0; i < ordered.size(); i++) {
      colours.put(ordered.get(i), HtmlReport.policyColour(i));
    }
    return java.util.Collections.unmodifiableMap(colours);
  }

  /** The comparison of a single seed's run, with the default baseline. */
  public static Comparison of(Report report) {
    return of(List.of(new SeedRun(report.world().seed(), report)), Optional.empty());
  }

  private static WorldInfo withSeed(WorldInfo world, long seed) {
    return new WorldInfo(
        world.name(),
        seed,
        world.cameras(),
        world.days(),
        world.start(),
        world.worldFile(),
        world.worldFileSha256());
  }

  private static List<String> names(List<PolicyInfo> policies) {
    return policies.stream().map(PolicyInfo::name).toList();
  }

  private double[] values(String policy, ReportKey key) {
    return perSeed.get(policy).stream().mapToDouble(key::value).toArray();
  }

  /** The runs, one per seed, in the order given. */
  public List<SeedRun> runs() {
    return runs;
  }

  /** The seeds, in the order given. */
  public List<Long> seeds() {
    return runs.stream().map(SeedRun::seed).toList();
  }

  /** The number of seeds. */
  public int n() {
    return runs.size();
  }

  /** The world of the first seed's run; the others differ only in the seed. */
  public WorldInfo world() {
    return runs.get(0).report().world();
  }

  /** The files kept beside the report: the same for every seed, so the first run's. */
  public List<EvidenceFile> evidence() {
    return runs().get(0).report().evidence();
  }

  /** The recorded event log the runs replayed, if they replayed one. */
  public Optional<EvidenceFile> replayedFrom() {
    return runs().get(0).report().replayedFrom();
  }

  /** "replayed from FILE (sha256 ...)", or empty. */
  public String replayNote() {
    return runs().get(0).report().replayNote();
  }

  public String camfleetVersion() {
    return runs.get(0).report().camfleetVersion();
  }

  /** Input records the services dead-lettered, over all seeds. */
  public long deadLetters() {
    return runs.stream().mapToLong(run -> run.report().deadLetters()).sum();
  }

  /** Whether the figures can be quoted: no seed's run dead-lettered an input record. */
  public boolean trustworthy() {
    return deadLetters() == 0;
  }

  /** One sentence for a comparison that cannot be trusted; empty for one that can. */
  public String integrityWarning() {
    return new Report(world(), camfleetVersion(), runs.get(0).report().policies(), deadLetters())
        .integrityWarning();
  }

  public String baseline() {
    return baseline;
  }

  public BaselineChoice baselineChoice() {
    return baselineChoice;
  }

  /** Why the baseline is the one it is, completing "the baseline is X, ...". */
  public String baselineReason() {
    return switch (baselineChoice) {
      case GIVEN -> "as chosen with --baseline";
      case STATUS_QUO -> "the status quo, the default baseline";
      case FIRST_POLICY ->
          "the first policy of the run, as the run has no "
              + STATUS_QUO
              + "; choose another with --baseline";
    };
  }

  /** The policies, baseline first, then in the order of the run. */
  public List<PolicyInfo> policies() {
    return policies;
  }

  /** A policy's report in each seed, in the order of {@link #seeds()}. */
  public List<PolicyReport> perSeed(String policy) {
    List<PolicyReport> reports = perSeed.get(policy);
    if (reports == null) {
      throw new IllegalArgumentException("no policy '" + policy + "' in the comparison");
    }
    return reports;
  }

  /** A policy's value of a measure over the seeds. */
  public Estimate summary(String policy, ReportKey key) {
    perSeed(policy);
    return summaries.get(policy).get(key);
  }

  /** A policy against the baseline on a measure; empty for the baseline itself. */
  public Optional<Difference> vsBaseline(String policy, ReportKey key) {
    perSeed(policy);
    return Optional.ofNullable(differences.get(policy).get(key));
  }

  /** Whether a policy other than the baseline gave the baseline's figures in every seed. */
  public boolean noEffect(String policy) {
    perSeed(policy);
    return !policy.equals(baseline)
        && differences.get(policy).values().stream().allMatch(Difference::none);
  }

  /**
   * Why a policy without effect had none, where the report can tell: the copy lifetimes it sets are
   * longer than any copy can live in this world, or its stages begin after the world's last day.
   */
  public Optional<String> noEffectReason(String policy) {
    if (!noEffect(policy)) {
      return Optional.empty();
    }
    PolicyInfo info = info(policy);
    PolicyInfo base = info(baseline);
    if (!info.copyLifetimeDays().isEmpty()
        && !info.copyLifetimeDays().equals(base.copyLifetimeDays())) {
      int shortest = info.copyLifetimeDays().values().stream().min(Integer::compare).orElseThrow();
      int days = world().days();
      if (shortest >= days) {
        return Optional.of(
            "its shortest copy lifetime, "
                + shortest
                + " days, is longer than any copy lives in this world of "
                + days
                + " days");
      }
    }
    if (!info.stages().isEmpty()) {
      LocalDate lastDay = world().lastDay();
      LocalDate firstStage = info.stages().get(0).from();
      if (firstStage.isAfter(lastDay)) {
        return Optional.of(
            "its first stage begins on "
                + firstStage
                + ", after this world's last day ("
                + lastDay
                + "), so only its rules before the stages applied here");
      }
    }
    return Optional.empty();
  }

  /**
   * Groups of two or more policies (the baseline left out) that gave the same figures as each other
   * on every measure in every seed, in the order of {@link #policies()}.
   */
  public List<List<String>> identicalGroups() {
    List<List<String>> groups = new ArrayList<>();
    Set<String> grouped = new HashSet<>();
    for (PolicyInfo a : policies) {
      if (a.name().equals(baseline) || grouped.contains(a.name()) || noEffect(a.name())) {
        continue;
      }
      List<String> group = new ArrayList<>(List.of(a.name()));
      for (PolicyInfo b : policies) {
        if (!b.name().equals(baseline)
            && !b.name().equals(a.name())
            && !grouped.contains(b.name())
            && sameFigures(a.name(), b.name())) {
          group.add(b.name());
        }
      }
      if (group.size() > 1) {
        grouped.addAll(group);
        groups.add(List.copyOf(group));
      }
    }
    return groups;
  }

  private boolean sameFigures(String a, String b) {
    for (ReportKey key : ReportKey.ALL) {
      if (!java.util.Arrays.equals(values(a, key), values(b, key))) {
        return false;
      }
    }
    return true;
  }

  /**
   * A policy's main findings: its largest relative changes from the baseline on whole measures, at
   * most {@value #FINDINGS_PER_POLICY}. With two seeds or more only changes whose 95% interval
   * excludes 0 count; with one seed every change does, and none has an interval. A change from a
   * baseline of 0 ranks as a change of 100%.
   */
  public List<Finding> findings(String policy) {
    if (policy.equals(baseline)) {
      return List.of();
    }
    List<Finding> findings = new ArrayList<>();
    differences
        .get(policy)
        .forEach(
            (key, difference) -> {
              boolean counts =
                  n() == 1 ? difference.diff().mean() != 0 : difference.diff().excludesZero();
              if (key.whole() && counts) {
                findings.add(new Finding(policy, key, difference));
              }
            });
    findings.sort(
        Comparator.comparingDouble(
                (Finding f) ->
                    f.difference().hasRelative() ? Math.abs(f.difference().relative()) : 1.0)
            .reversed());
    return List.copyOf(findings.subList(0, Math.min(FINDINGS_PER_POLICY, findings.size())));
  }

  /** Every policy's findings, in the order of {@link #policies()}. */
  public List<Finding> findings() {
    List<Finding> all = new ArrayList<>();
    policies.forEach(p -> all.addAll(findings(p.name())));
    return all;
  }

  /** The days every seed's run of every policy reported, in order. */
  public List<LocalDate> days() {
    NavigableSet<LocalDate> common = null;
    for (List<PolicyReport> reports : perSeed.values()) {
      for (PolicyReport report : reports) {
        TreeSet<LocalDate> days = new TreeSet<>();
        report.series().forEach(day -> days.add(day.day()));
        if (common == null) {
          common = days;
        } else {
          common.retainAll(days);
        }
      }
    }
    return List.copyOf(common);
  }

  /** A policy's daily value over the seeds, for each of {@link #days()}. */
  public List<Estimate> series(String policy, ToLongFunction<DayPoint> value) {
    List<LocalDate> days = days();
    List<PolicyReport> reports = perSeed(policy);
    List<Map<LocalDate, DayPoint>> byDay = new ArrayList<>();
    for (PolicyReport report : reports) {
      Map<LocalDate, DayPoint> map = new LinkedHashMap<>();
      report.series().forEach(day -> map.put(day.day(), day));
      byDay.add(map);
    }
    List<Estimate> series = new ArrayList<>();
    for (LocalDate day : days) {
      double[] values = new double[reports.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = value.applyAsLong(byDay.get(i).get(day));
      }
      series.add(Estimate.of(values));
    }
    return series;
  }

  /** The policy named so. */
  public PolicyInfo info(String policy) {
    return policies.stream()
        .filter(p -> p.name().equals(policy))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("no policy '" + policy + "' in the comparison"));
  }
}
