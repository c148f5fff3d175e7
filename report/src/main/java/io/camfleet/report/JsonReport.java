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
import java.util.List;

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

  static String render(Report report) {
    try {
      return WRITER.writeValueAsString(tree(report)) + "\n";
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

  static ObjectNode tree(Report report) {
    ObjectNode root = MAPPER.createObjectNode();
    WorldInfo world = report.world();
    ObjectNode worldNode = root.putObject("world");
    worldNode.put("name", world.name());
    worldNode.put("seed", world.seed());
    worldNode.put("cameras", world.cameras());
    worldNode.put("days", world.days());
    worldNode.put("start", world.start());
    worldNode.put("worldFile", world.worldFile());
    worldNode.put("worldFileSha256", world.worldFileSha256());
    root.put("camfleetVersion", report.camfleetVersion());
    root.put("generatedFrom", generatedFrom());
    root.put("deadLetters", report.deadLetters());
    root.put("trustworthy", report.trustworthy());
    report
        .replayedFrom()
        .ifPresent(
            log -> {
              ObjectNode replayed = root.putObject("replayedFrom");
              replayed.put("file", log.path());
              replayed.put("sha256", log.sha256());
            });
    ObjectNode audit = root.putObject("audit");
    for (EvidenceFile file : report.evidence()) {
      ObjectNode node = audit.putObject(file.path());
      node.put("records", file.records());
      node.put("sha256", file.sha256());
    }
    ArrayNode policies = root.putArray("policies");
    for (PolicyReport policy : report.policies()) {
      policies.add(policy(policy));
    }
    return root;
  }

  private static ObjectNode policy(PolicyReport policy) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("name", policy.name());
    node.put("description", policy.info().description());
    node.put("policyFile", policy.info().policyFile());
    node.put("policyFileSha256", policy.info().policyFileSha256());
    node.put("finalDay", policy.end().day().toString());
    for (Figure figure : Figure.ALL) {
      if (figure instanceof Measure measure) {
        node.put(measure.field(), policy.figure(measure));
      } else if (figure instanceof HolderBreakdown breakdown) {
        ObjectNode byHolder = node.putObject(breakdown.field());
        policy.figure(breakdown).forEach((holder, value) -> byHolder.put(holder.name(), value));
      }
    }
    ArrayNode series = node.putArray("series");
    for (DayPoint day : policy.series()) {
      series.add(day(day));
    }
    return node;
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
