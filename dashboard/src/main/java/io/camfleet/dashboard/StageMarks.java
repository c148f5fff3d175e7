package io.camfleet.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A policy's dated stages as the dashboard marks them on the policy's time charts: a dashed
 * vertical line at the UTC midnight each stage takes over, labelled with the stage, drawn in {@code
 * colour} (the colour report.html draws the policy in). The page learns policy names from the
 * statistics; these marks are all it is told of a policy besides.
 */
public record StageMarks(String policy, String colour, List<Stage> stages) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A stage taking over on {@code from}, from that day's UTC midnight, and its label (the policy's
   * stage label, e.g. {@code 2021-06-03}).
   */
  public record Stage(LocalDate from, String label) {
    public Stage {
      Objects.requireNonNull(from, "stage start");
      Objects.requireNonNull(label, "stage label");
      if (label.isBlank()) {
        throw new IllegalArgumentException("a stage needs a label");
      }
    }

    /** The midnight the stage takes over, in seconds since the epoch: where the page draws it. */
    public long epochSecond() {
      return from.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }
  }

  public StageMarks {
    Objects.requireNonNull(policy, "policy");
    if (policy.isBlank()) {
      throw new IllegalArgumentException("a policy needs a name");
    }
    // the colour goes into the page's styles: nothing but #RRGGBB
    if (colour == null || !colour.matches("#[0-9A-Fa-f]{6}")) {
      throw new IllegalArgumentException(
          "policy '" + policy + "': colour must be #RRGGBB, not " + colour);
    }
    stages = List.copyOf(Objects.requireNonNull(stages, "stages"));
    for (int i = 1; i < stages.size(); i++) {
      if (!stages.get(i - 1).from().isBefore(stages.get(i).from())) {
        throw new IllegalArgumentException(
            "policy '"
                + policy
                + "': stages must start on increasing days, found "
                + stages.get(i - 1).from()
                + " then "
                + stages.get(i).from());
      }
    }
  }

  /**
   * {@code GET /stages.json}: {@code {"policies": [{"policy", "colour", "stages": [{"from",
   * "label", "at"}]}]}}, the policies in the order given, {@code at} the stage's midnight in
   * seconds since the epoch (the charts' time axis).
   *
   * @throws IllegalArgumentException if two marks name the same policy
   */
  static String json(List<StageMarks> marks) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode policies = root.putArray("policies");
    java.util.Set<String> names = new HashSet<>();
    for (StageMarks mark : marks) {
      if (!names.add(mark.policy())) {
        throw new IllegalArgumentException("policy '" + mark.policy() + "' is marked twice");
      }
      ObjectNode node = policies.addObject();
      node.put("policy", mark.policy());
      node.put("colour", mark.colour());
      ArrayNode stages = node.putArray("stages");
      for (Stage stage : mark.stages()) {
        stages
            .addObject()
            .put("from", stage.from().toString())
            .put("label", stage.label())
            .put("at", stage.epochSecond());
      }
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
