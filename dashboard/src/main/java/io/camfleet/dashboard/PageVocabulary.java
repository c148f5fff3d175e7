package io.camfleet.dashboard;

import static io.camfleet.schemas.stats.RetentionMeasure.CLIPS_ALIVE;
import static io.camfleet.schemas.stats.RetentionMeasure.CLIPS_EXEMPT_BY_SHARE;
import static io.camfleet.schemas.stats.RetentionMeasure.CLIPS_EXPIRED;
import static io.camfleet.schemas.stats.SharingMeasure.ANSWERS_SHARED;
import static io.camfleet.schemas.stats.SharingMeasure.COPIES_ALIVE;
import static io.camfleet.schemas.stats.SharingMeasure.NOTIFICATIONS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camfleet.avro.HolderType;
import io.camfleet.schemas.stats.HolderTypes;
import io.camfleet.schemas.stats.MeasureKey;
import io.camfleet.schemas.stats.SharingMeasure;
import io.camfleet.schemas.stats.StatsMeasure;
import io.camfleet.schemas.stats.StatsService;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the page needs to know of the statistics, served as {@code GET /vocabulary.json}: the
 * services and their measures (name, label, kind, unit, definition) from the statistics vocabulary,
 * the holder types, and the charts it draws, each a list of measure keys with the label of its
 * line.
 */
final class PageVocabulary {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The charts of each policy's row, left to right. */
  enum Chart {
    FOOTAGE(
        "Footage: alive vs expired",
        List.of(CLIPS_ALIVE.key(), CLIPS_EXPIRED.key(), CLIPS_EXEMPT_BY_SHARE.key())),
    COPIES(
        "Copies alive by holder type",
        Arrays.stream(HolderType.values()).map(COPIES_ALIVE::of).toList()),
    REQUESTS(
        "Requests, notifications, answers",
        List.of(SharingMeasure.REQUESTS.key(), NOTIFICATIONS.key(), ANSWERS_SHARED.key()));

    private final String title;
    private final List<MeasureKey> lines;

    Chart(String title, List<MeasureKey> lines) {
      this.title = title;
      this.lines = lines;
      if (lines.stream().map(MeasureKey::service).distinct().count() != 1) {
        throw new IllegalArgumentException(title + ": a chart shows the measures of one service");
      }
    }

    /** The chart's name on the page ({@code data-kind}). */
    String kind() {
      return name().toLowerCase(Locale.ROOT);
    }

    StatsService service() {
      return lines.get(0).service();
    }

    List<MeasureKey> lines() {
      return lines;
    }

    /**
     * A line's legend: the measure's label, or the holder type's where the chart splits one
     * measure.
     */
    static String label(MeasureKey line) {
      return line.holderType() == null
          ? line.measure().label()
          : HolderTypes.label(line.holderType());
    }
  }

  private static final String TEXT = render();

  private PageVocabulary() {}

  static String json() {
    return TEXT;
  }

  private static String render() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode services = root.putArray("services");
    for (StatsService service : StatsService.values()) {
      ObjectNode node = services.addObject();
      node.put("id", service.id());
      node.put("topic", service.topic().name());
      ArrayNode measures = node.putArray("measures");
      for (StatsMeasure measure : service.measures()) {
        measures
            .addObject()
            .put("name", measure.wireName())
            .put("label", measure.label())
            .put("kind", measure.kind().word())
            .put("unit", measure.unit().word())
            .put("byHolderType", measure.byHolderType())
            .put("definition", measure.definition());
      }
    }
    ArrayNode holders = root.putArray("holderTypes");
    for (HolderType holder : HolderType.values()) {
      holders.addObject().put("name", holder.name()).put("label", HolderTypes.label(holder));
    }
    ArrayNode charts = root.putArray("charts");
    for (Chart chart : Chart.values()) {
      ObjectNode node = charts.addObject();
      node.put("kind", chart.kind());
      node.put("title", chart.title);
      node.put("service", chart.service().id());
      ArrayNode series = node.putArray("series");
      for (MeasureKey line : chart.lines()) {
        series
            .addObject()
            .put("measure", line.wireName())
            .put("label", Chart.label(line))
            .put("definition", line.measure().definition());
      }
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
