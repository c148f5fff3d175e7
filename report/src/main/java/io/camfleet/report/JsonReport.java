package io.camfleet.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camfleet.avro.HolderType;
import io.camfleet.schemas.stats.RetentionMeasure;
import io.camfleet.schemas.stats.SharingMeasure;
import io.camfleet.schemas.stats.StatsMeasure;
import io.camfleet.schemas.stats.StatsService;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders report.json, the contract read by dashboards and outside tools. */
final class JsonReport {
  /**
   * The measures of each day in the series, under the services' own measure names: retention's,
   * then sharing's.
   */
  static final List<StatsMeasure> SERIES =
      List.of(
          RetentionMeasure.CLIPS_RECORDED,
          RetentionMeasure.CLIPS_EXPIRED,
          RetentionMeasure.CLIPS_EXEMPT_BY_SHARE,
          RetentionMeasure.CLIPS_ALIVE,
          RetentionMeasure.LIVE_BYTES,
          SharingMeasure.FOOTAGE_ALIVE_PAST_RETENTION,
          SharingMeasure.COPIES_CREATED,
          SharingMeasure.COPIES_EXPIRED,
          SharingMeasure.COPIES_ALIVE,
          SharingMeasure.HOUSEHOLDS_EXPOSED,
          SharingMeasure.ADDRESSES_DISCLOSED);

  /**
   * The field of each day in the series holding {@link HolderBreakdown#COPIES_ALIVE} by holder
   * type.
   */
  static final String SERIES_COPIES_BY_HOLDER = "copiesAliveByHolderType";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectWriter WRITER =
      MAPPER.writer(
          new DefaultPrettyPrinter()
              .withSeparators(
                  Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
              .withObjectIndenter(new DefaultIndenter("  ", "\n"))
              .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private JsonReport() {}

  static String render(Comparison comparison) {
    try {
      return WRITER.writeValueAsString(tree(comparison)) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String generatedFrom() {
    return "output topics "
        + StatsService.RETENTION.topic().name()
        + " ("
        + StatsService.RETENTION.id()
        + ") and "
        + StatsService.SHARING.topic().name()
        + " ("
        + StatsService.SHARING.id()
        + "): final figures from each policy's"
        + " last=true records, series from every day";
  }

  static ObjectNode tree(Comparison comparison) {
    ObjectNode root = MAPPER.createObjectNode();
    WorldInfo world = comparison.world();
    ObjectNode worldNode = root.putObject("world");
    worldNode.put("name", world.name());
    worldNode.put("seed", world.seed());
    worldNode.put("cameras", world.cameras());
    worldNode.put("days", world.days());
    worldNode.put("start", world.start());
    worldNode.put("worldFile", world.worldFile());
    worldNode.put("worldFileSha256", world.worldFileSha256());
    root.put("camfleetVersion", comparison.camfleetVersion());
    root.put("generatedFrom", generatedFrom());
    root.put("deadLetters", comparison.deadLetters());
    root.put("trustworthy", comparison.trustworthy());
    ArrayNode seeds = root.putArray("seeds");
    comparison.seeds().forEach(seeds::add);
    root.put("baseline", comparison.baseline());
    root.put("baselineReason", comparison.baselineReason());
    root.put("confidenceLevel", Estimate.LEVEL);
    root.set("measures", catalogue());
    comparison
        .replayedFrom()
        .ifPresent(
            log -> {
              ObjectNode replayed = root.putObject("replayedFrom");
              replayed.put("file", log.path());
              replayed.put("sha256", log.sha256());
            });
    ObjectNode audit = root.putObject("audit");
    for (EvidenceFile file : comparison.evidence()) {
      ObjectNode node = audit.putObject(file.path());
      node.put("records", file.records());
      node.put("sha256", file.sha256());
    }
    ArrayNode policies = root.putArray("policies");
    for (PolicyInfo policy : comparison.policies()) {
      policies.add(policy(comparison, policy));
    }
    return root;
  }

  /**
   * The measure catalogue: for each figure of the per-policy objects, what the statistics
   * vocabulary says of the measure it reads.
   */
  static ObjectNode catalogue() {
    ObjectNode measures = MAPPER.createObjectNode();
    for (Figure figure : Figure.ALL) {
      StatsMeasure measure =
          figure instanceof Measure m ? m.source() : ((HolderBreakdown) figure).source();
      ObjectNode node = measures.putObject(figure.field());
      node.put(
          "label",
          figure instanceof Measure ? measure.label() : measure.label() + " by holder type");
      node.put("unit", measure.unit().word());
      node.put("kind", measure.kind().word());
      node.put("definition", measure.definition());
      node.put("service", measure.service().id());
      node.put("reads", measure.wireName());
      node.put("byHolderType", figure instanceof HolderBreakdown);
    }
    return measures;
  }

  private static ObjectNode policy(Comparison comparison, PolicyInfo info) {
    String name = info.name();
    List<PolicyReport> runs = comparison.perSeed(name);
    boolean single = comparison.n() == 1;
    ObjectNode node = MAPPER.createObjectNode();
    node.put("name", name);
    node.put("description", info.description());
    node.put("policyFile", info.policyFile());
    node.put("policyFileSha256", info.policyFileSha256());
    ArrayNode stages = node.putArray("stages");
    for (StageInfo stage : info.stages()) {
      stages.addObject().put("from", stage.from().toString()).put("label", stage.label());
    }
    node.put("finalDay", runs.get(0).end().day().toString());
    if (single) {
      figures(node, runs.get(0));
    } else {
      for (Figure figure : Figure.ALL) {
        if (figure instanceof Measure measure) {
          node.put(measure.field(), comparison.summary(name, new ReportKey(measure, null)).mean());
        } else if (figure instanceof HolderBreakdown breakdown) {
          ObjectNode byHolder = node.putObject(breakdown.field());
          for (HolderType holder : HolderType.values()) {
            byHolder.put(
                holder.name(), comparison.summary(name, new ReportKey(breakdown, holder)).mean());
          }
        }
      }
    }
    ArrayNode series = node.putArray("series");
    if (single) {
      for (DayPoint day : runs.get(0).series()) {
        series.add(day(day));
      }
    } else {
      meanSeries(comparison, name, series);
    }
    ArrayNode perSeed = node.putArray("perSeed");
    for (int i = 0; i < runs.size(); i++) {
      ObjectNode seed = perSeed.addObject();
      seed.put("seed", comparison.seeds().get(i));
      figures(seed, runs.get(i));
    }
    ObjectNode summary = node.putObject("summary");
    for (ReportKey key : ReportKey.ALL) {
      Estimate estimate = comparison.summary(name, key);
      ObjectNode entry = summary.putObject(key.name());
      entry.put("mean", estimate.mean());
      number(entry, "sd", estimate.sd());
      interval(entry, estimate);
    }
    if (!name.equals(comparison.baseline())) {
      ObjectNode vs = node.putObject("vsBaseline");
      for (ReportKey key : ReportKey.ALL) {
        Difference difference = comparison.vsBaseline(name, key).orElseThrow();
        ObjectNode entry = vs.putObject(key.name());
        entry.put("meanDiff", difference.diff().mean());
        interval(entry, difference.diff());
        number(entry, "relative", difference.relative());
      }
      node.put("noEffectOnThisWorld", comparison.noEffect(name));
      String reason = comparison.noEffectReason(name).orElse(null);
      if (reason == null) {
        node.putNull("noEffectReason");
      } else {
        node.put("noEffectReason", reason);
      }
    }
    return node;
  }

  /** The final figures of one run, as today's per-policy keys: integers, breakdowns as objects. */
  private static void figures(ObjectNode node, PolicyReport policy) {
    for (Figure figure : Figure.ALL) {
      if (figure instanceof Measure measure) {
        node.put(measure.field(), policy.figure(measure));
      } else if (figure instanceof HolderBreakdown breakdown) {
        ObjectNode byHolder = node.putObject(breakdown.field());
        policy.figure(breakdown).forEach((holder, value) -> byHolder.put(holder.name(), value));
      }
    }
  }

  /** The series of the means over the seeds, day by day, on the days every seed reported. */
  private static void meanSeries(Comparison comparison, String policy, ArrayNode series) {
    List<java.time.LocalDate> days = comparison.days();
    Map<java.time.LocalDate, Long> dayEnds = new java.util.HashMap<>();
    comparison.perSeed(policy).get(0).series().forEach(d -> dayEnds.put(d.day(), d.dayEnd()));
    Map<String, List<Estimate>> columns = new LinkedHashMap<>();
    for (StatsMeasure measure : SERIES) {
      columns.put(measure.wireName(), comparison.series(policy, day -> day.value(measure)));
    }
    Map<HolderType, List<Estimate>> byHolder = new java.util.EnumMap<>(HolderType.class);
    for (HolderType holder : HolderType.values()) {
      byHolder.put(
          holder,
          comparison.series(policy, day -> day.value(HolderBreakdown.COPIES_ALIVE.source(holder))));
    }
    for (int i = 0; i < days.size(); i++) {
      ObjectNode node = series.addObject();
      node.put("day", days.get(i).toString());
      node.put("dayEnd", dayEnds.get(days.get(i)));
      for (Map.Entry<String, List<Estimate>> column : columns.entrySet()) {
        node.put(column.getKey(), column.getValue().get(i).mean());
      }
      ObjectNode holders = node.putObject(SERIES_COPIES_BY_HOLDER);
      for (HolderType holder : HolderType.values()) {
        holders.put(holder.name(), byHolder.get(holder).get(i).mean());
      }
    }
  }

  private static void interval(ObjectNode node, Estimate estimate) {
    if (estimate.hasInterval()) {
      node.putArray("ci95").add(estimate.low()).add(estimate.high());
    } else {
      node.putNull("ci95");
    }
  }

  private static void number(ObjectNode node, String field, double value) {
    if (Double.isNaN(value)) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  private static ObjectNode day(DayPoint day) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("day", day.day().toString());
    node.put("dayEnd", day.dayEnd());
    for (StatsMeasure measure : SERIES) {
      node.put(measure.wireName(), day.value(measure));
    }
    ObjectNode byHolder = node.putObject(SERIES_COPIES_BY_HOLDER);
    for (HolderType holder : HolderType.values()) {
      byHolder.put(holder.name(), day.value(HolderBreakdown.COPIES_ALIVE.source(holder)));
    }
    return node;
  }
}
