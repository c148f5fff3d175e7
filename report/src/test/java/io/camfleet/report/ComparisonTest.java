package io.camfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<Long> SEEDS = List.of(7L, 8L, 9L);

  @TempDir Path temp;

  private JsonNode written(Comparison comparison, String folder) throws IOException {
    Path out = temp.resolve(folder);
    ReportWriter.write(comparison, out);
    return MAPPER.readTree(out.resolve("report.json").toFile());
  }

  @Test
  void everyPerSeedEntryEqualsTheFiguresOfThatSeedsRunAlone() throws IOException {
    JsonNode report = written(SeededPolicies.comparison(SEEDS, Optional.empty()), "three");
    List<Long> seeds = new ArrayList<>();
    report.get("seeds").forEach(seed -> seeds.add(seed.asLong()));
    assertEquals(SEEDS, seeds);

    for (int s = 0; s < SEEDS.size(); s++) {
      JsonNode alone = written(Comparison.of(SeededPolicies.report(SEEDS.get(s))), "seed" + s);
      for (JsonNode single : alone.get("policies")) {
        JsonNode entry = policy(report, single.get("name").asText()).get("perSeed").get(s);
        ObjectNode figures = entry.deepCopy();
        assertEquals(SEEDS.get(s).longValue(), figures.remove("seed").asLong());
        ObjectNode expected = MAPPER.createObjectNode();
        for (Figure figure : Figure.ALL) {
          expected.set(figure.field(), single.get(figure.field()));
        }
        assertEquals(expected, figures, single.get("name").asText() + " seed " + SEEDS.get(s));
      }
    }
  }

  @Test
  void summaryAndVsBaselineMatchASeparateComputationFromPerSeed() throws IOException {
    JsonNode report = written(SeededPolicies.comparison(SEEDS, Optional.empty()), "three");
    double t2 = 0.95 / Math.sqrt(2 * 0.975 * 0.025); // t(0.975, 2) in closed form
    JsonNode baseline = policy(report, "status-quo-2019");
    assertFalse(baseline.has("vsBaseline"));

    for (JsonNode policy : report.get("policies")) {
      for (ReportKey key : ReportKey.ALL) {
        double[] values = perSeed(policy, key);
        double[] base = perSeed(baseline, key);
        double mean = (values[0] + values[1] + values[2]) / 3;
        double sd =
            Math.sqrt(
                ((values[0] - mean) * (values[0] - mean)
                        + (values[1] - mean) * (values[1] - mean)
                        + (values[2] - mean) * (values[2] - mean))
                    / 2);
        JsonNode summary = policy.get("summary").get(key.name());
        String what = policy.get("name").asText() + " " + key.name();
        close(mean, summary.get("mean").asDouble(), what);
        close(sd, summary.get("sd").asDouble(), what);
        close(mean - t2 * sd / Math.sqrt(3), summary.get("ci95").get(0).asDouble(), key.name());
        close(mean + t2 * sd / Math.sqrt(3), summary.get("ci95").get(1).asDouble(), key.name());
        if (key.whole()) {
          JsonNode field = policy.get(key.figure().field());
          assertEquals(mean, field.asDouble(), 1e-9, "the per-policy key holds the mean");
        }
        if (policy == baseline) {
          continue;
        }
        double[] diff = {values[0] - base[0], values[1] - base[1], values[2] - base[2]};
        double diffMean = (diff[0] + diff[1] + diff[2]) / 3;
        double diffSd =
            Math.sqrt(
                ((diff[0] - diffMean) * (diff[0] - diffMean)
                        + (diff[1] - diffMean) * (diff[1] - diffMean)
                        + (diff[2] - diffMean) * (diff[2] - diffMean))
                    / 2);
        double baseMean = (base[0] + base[1] + base[2]) / 3;
        JsonNode vs = policy.get("vsBaseline").get(key.name());
        close(diffMean, vs.get("meanDiff").asDouble(), what);
        close(diffMean - t2 * diffSd / Math.sqrt(3), vs.get("ci95").get(0).asDouble(), what);
        close(diffMean + t2 * diffSd / Math.sqrt(3), vs.get("ci95").get(1).asDouble(), what);
        if (baseMean == 0) {
          assertTrue(vs.get("relative").isNull(), what);
        } else {
          close(diffMean / baseMean, vs.get("relative").asDouble(), what);
        }
      }
    }
  }

  @Test
  void oneSeedKeepsIntegersAndHasNoIntervals() throws IOException {
    JsonNode report = written(Comparison.of(Fixtures.twoPolicyReport()), "one");
    JsonNode eu = policy(report, "eu-30-days");
    assertTrue(eu.get("clipsRecorded").isIntegralNumber());
    assertEquals(
        MAPPER.readTree("{\"mean\": 30.0, \"sd\": null, \"ci95\": null}"),
        eu.get("summary").get("clipsRecorded"));
    assertEquals(
        MAPPER.readTree("{\"meanDiff\": 6.0, \"ci95\": null, \"relative\": 0.5}"),
        eu.get("vsBaseline").get("clipsExpired"));
    assertEquals(
        MAPPER.readTree("{\"meanDiff\": 1.0, \"ci95\": null, \"relative\": null}"),
        eu.get("vsBaseline").get("sharesBlockedByPolicy"));
  }

  @Test
  void saysWhichPolicyHadNoEffectAndWhy() {
    Comparison comparison = SeededPolicies.comparison(SEEDS, Optional.empty());
    List<String> none = new ArrayList<>();
    comparison
        .policies()
        .forEach(
            p -> {
              if (comparison.noEffect(p.name())) {
                none.add(p.name());
              }
            });
    assertEquals(List.of("police-copies-180-days"), none);
    assertEquals(
        Optional.of(
            "its shortest copy lifetime, 180 days, is longer than any copy lives in this world of"
                + " 120 days"),
        comparison.noEffectReason("police-copies-180-days"));
    assertEquals(List.of(List.of("markey-caps-2019", "rfa-2021")), comparison.identicalGroups());
  }

  @Test
  void saysThatAPolicyWithoutEffectHadItsStagesOnlyAfterTheWorld() {
    // police-copies-180-days gives the status quo's figures; here without its copy lifetimes
    for (LocalDate stage : List.of(LocalDate.parse("2021-06-03"), LocalDate.parse("2019-04-30"))) {
      List<PolicyInfo> policies = new ArrayList<>();
      for (PolicyInfo p : SeededPolicies.policies()) {
        policies.add(
            p.name().equals("police-copies-180-days")
                ? new PolicyInfo(
                        p.name(), p.description(), p.policyFile(), p.policyFileSha256(), Map.of())
                    .withStages(List.of(StageInfo.of(stage)))
                : p);
      }
      Comparison comparison =
          Comparison.of(
              Report.build(SeededPolicies.WORLD, policies, SeededPolicies.stats(0), "0.1.0-TEST"));
      assertTrue(comparison.noEffect("police-copies-180-days"));
      // the world runs from 2019-01-01 for 120 days: its last day is 2019-04-30
      assertEquals(
          stage.isAfter(LocalDate.parse("2019-04-30"))
              ? Optional.of(
                  "its first stage begins on 2021-06-03, after this world's last day"
                      + " (2019-04-30), so only its rules before the stages applied here")
              : Optional.empty(),
          comparison.noEffectReason("police-copies-180-days"));
    }
  }

  @Test
  void choosesTheStatusQuoThenTheFirstPolicyAsBaselineAndListsItFirst() {
    Comparison byDefault = Comparison.of(Fixtures.twoPolicyReport());
    assertEquals("status-quo-2019", byDefault.baseline());
    assertEquals(Comparison.BaselineChoice.STATUS_QUO, byDefault.baselineChoice());

    Report report = Fixtures.twoPolicyReport();
    Comparison given = Comparison.of(List.of(new SeedRun(42, report)), Optional.of("eu-30-days"));
    assertEquals("eu-30-days", given.baseline());
    assertEquals(
        List.of("eu-30-days", "status-quo-2019"),
        given.policies().stream().map(PolicyInfo::name).toList());

    Report withoutStatusQuo =
        Report.build(
            Fixtures.TINY_TOWN,
            List.of(Fixtures.EU_30_DAYS),
            Fixtures.twoPoliciesThreeDays(),
            Fixtures.VERSION);
    Comparison first = Comparison.of(withoutStatusQuo);
    assertEquals("eu-30-days", first.baseline());
    assertEquals(Comparison.BaselineChoice.FIRST_POLICY, first.baselineChoice());
  }

  @Test
  void givesOtherPagesEachPolicysColourInReportHtmlBeforeTheRunHasReports() {
    List<String> run = List.of("eu-30-days", "status-quo-2019", "rfa-2021");
    assertEquals(
        List.of("status-quo-2019=#000000", "eu-30-days=#0072B2", "rfa-2021=#D55E00"),
        entries(Comparison.colours(run, Optional.empty())));
    assertEquals(
        List.of("rfa-2021=#000000", "eu-30-days=#0072B2", "status-quo-2019=#D55E00"),
        entries(Comparison.colours(run, Optional.of("rfa-2021"))));
    assertEquals(
        List.of("eu-30-days=#000000", "rfa-2021=#0072B2"),
        entries(Comparison.colours(List.of("eu-30-days", "rfa-2021"), Optional.empty())));

    // the colours the report's own charts give the policies of a comparison, in its order
    for (Optional<String> baseline : List.of(Optional.<String>empty(), Optional.of("eu-30-days"))) {
      Comparison comparison =
          Comparison.of(List.of(new SeedRun(42, Fixtures.twoPolicyReport())), baseline);
      List<String> drawn = new ArrayList<>();
      for (int i = 0; i < comparison.policies().size(); i++) {
        drawn.add(comparison.policies().get(i).name() + "=" + HtmlReport.policyColour(i));
      }
      assertEquals(
          drawn,
          entries(
              Comparison.colours(
                  Fixtures.twoPolicyReport().policies().stream().map(PolicyReport::name).toList(),
                  baseline)));
    }
    assertThrows(
        IllegalArgumentException.class, () -> Comparison.colours(run, Optional.of("status-quo")));
  }

  private static List<String> entries(java.util.Map<String, String> colours) {
    return colours.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }

  @Test
  void rejectsAnUnknownBaselineNamingThePoliciesOfTheRun() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Comparison.of(
                    List.of(new SeedRun(42, Fixtures.twoPolicyReport())),
                    Optional.of("status-quo")));
    assertEquals(
        "baseline 'status-quo' is not one of the policies of the run: status-quo-2019, eu-30-days",
        e.getMessage());
  }

  @Test
  void rejectsRunsOfOtherWorldsOrPoliciesOrTheSameSeedTwice() {
    Report seven = SeededPolicies.report(7);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Comparison.of(List.of(new SeedRun(7, seven), new SeedRun(7, seven)), Optional.empty()));
    IllegalArgumentException world =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Comparison.of(
                    List.of(new SeedRun(7, seven), new SeedRun(42, Fixtures.twoPolicyReport())),
                    Optional.empty()));
    assertTrue(
        world.getMessage().startsWith("the run of seed 42 is of another world"),
        world.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SeedRun(8, seven));
  }

  /** Equal to 9 significant digits, or within 1e-9 of 0. */
  private static void close(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)), what);
  }

  private static JsonNode policy(JsonNode report, String name) {
    for (JsonNode policy : report.get("policies")) {
      if (policy.get("name").asText().equals(name)) {
        return policy;
      }
    }
    throw new AssertionError("no policy " + name);
  }

  /** A key's value in each perSeed entry, read the way an outside tool would. */
  private static double[] perSeed(JsonNode policy, ReportKey key) {
    List<Double> values = new ArrayList<>();
    for (Iterator<JsonNode> it = policy.get("perSeed").elements(); it.hasNext(); ) {
      JsonNode entry = it.next();
      JsonNode field = entry.get(key.figure().field());
      values.add(key.whole() ? field.asDouble() : field.get(key.holder().name()).asDouble());
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
