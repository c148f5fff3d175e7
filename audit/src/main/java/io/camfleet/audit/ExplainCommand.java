package io.camfleet.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camfleet.provenance.CustodyCopy;
import io.camfleet.provenance.CustodyGraph;
import io.camfleet.provenance.ProvJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code camfleet explain}: one clip's story, from a finished run's audit files. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Tells what happened to one clip under each policy of a finished run, and why, in time order:"
          + " its recording, the police requests that covered it, the email and the answer, each"
          + " share, post and copy (holder, parent, address disclosed), each block with its cause,"
          + " legal holds and the retention decisions.",
      "Reads the run's audit files (and its events.avro when kept); needs no broker."
    })
public final class ExplainCommand implements Callable<Integer> {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(names = "--clip", required = true, paramLabel = "ID", description = "The clip's id.")
  String clipId;

  @Option(
      names = "--policy",
      paramLabel = "NAME",
      description = "Only this policy (default: every policy of the run).")
  String policy;

  @Option(
      names = "--from",
      paramLabel = "DIR",
      defaultValue = "out/default",
      description = "The run's report folder, holding audit/ (default ${DEFAULT-VALUE}).")
  Path from;

  @Option(names = "--json", description = "Print the story as JSON.")
  boolean json;

  @Option(
      names = "--prov",
      description =
          "Print the clip's custody graph as W3C PROV-JSON instead, as the sharing service's"
              + " GET /clips/{id}/provenance does.")
  boolean prov;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ClipStory story = ClipStory.read(from, clipId, Optional.ofNullable(policy));
    PrintWriter out = spec.commandLine().getOut();
    if (json && prov) {
      throw new ParameterException(
          spec.commandLine(), "--json and --prov are two outputs: name one");
    }
    List<CustodyGraph> graphs =
        story.policies().stream()
            .map(ClipStory.PolicyStory::custody)
            .filter(graph -> !graph.isEmpty())
            .toList();
    if (prov) {
      if (graphs.isEmpty()) {
        throw new IllegalArgumentException(
            "clip "
                + clipId
                + " has no copy"
                + (policy == null ? "" : " under " + policy)
                + ": its provenance is its recording alone");
      }
      out.println(ProvJson.toJson(graphs));
    } else if (json) {
      out.println(JSON.writeValueAsString(toJson(story)));
    } else {
      out.print(toText(story));
    }
    out.flush();
    return 0;
  }

  /** The story as text: a header line, then each policy's steps, one a line. */
  static String toText(ClipStory story) {
    StringBuilder text = new StringBuilder("clip ").append(story.clipId());
    story
        .recording()
        .ifPresent(
            r ->
                text.append(": camera ")
                    .append(r.cameraId())
                    .append(", household ")
                    .append(r.householdId())
                    .append(r.region().isEmpty() ? "" : ", region " + r.region())
                    .append(", recorded ")
                    .append(Instant.ofEpochMilli(r.recordedAt())));
    text.append('\n');
    if (!story.fromEventLog()) {
      text.append(
          "(no events.avro beside the audit files: requests, emails and answers are not shown;"
              + " run with --keep-events to keep them)\n");
    }
    for (ClipStory.PolicyStory policy : story.policies()) {
      text.append("\npolicy ").append(policy.policy()).append('\n');
      if (policy.steps().isEmpty()) {
        text.append("  (nothing decided: the clip was still in its owner's account at the end)\n");
      }
      for (ClipStory.Step step : policy.steps()) {
        text.append("  ")
            .append(Instant.ofEpochMilli(step.at()))
            .append("  ")
            .append(step.text())
            .append('\n');
      }
    }
    return text.toString();
  }

  /** The story as JSON: the recording, and per policy its steps and copies. */
  static ObjectNode toJson(ClipStory story) {
    ObjectNode root = JSON.createObjectNode();
    root.put("clipId", story.clipId());
    story
        .recording()
        .ifPresentOrElse(
            r -> {
              ObjectNode rec = root.putObject("recording");
              rec.put("cameraId", r.cameraId());
              rec.put("householdId", r.householdId());
              if (!r.region().isEmpty()) {
                rec.put("region", r.region());
              }
              rec.put("recordedAt", Instant.ofEpochMilli(r.recordedAt()).toString());
              rec.put("sizeBytes", r.sizeBytes());
            },
            () -> root.putNull("recording"));
    root.put("fromEventLog", story.fromEventLog());
    ArrayNode policies = root.putArray("policies");
    for (ClipStory.PolicyStory policy : story.policies()) {
      ObjectNode node = policies.addObject();
      node.put("policy", policy.policy());
      ArrayNode steps = node.putArray("steps");
      for (ClipStory.Step step : policy.steps()) {
        ObjectNode s = steps.addObject();
        s.put("at", Instant.ofEpochMilli(step.at()).toString());
        s.put("kind", step.kind());
        s.put("text", step.text());
        s.put("stage", step.stage());
      }
      ArrayNode copies = node.putArray("copies");
      policy.custody().copies().forEach(copy -> copies.add(copy(copy)));
    }
    return root;
  }

  /**
   * A copy made (in its last state) or blocked, under the field names of the custody API's copies.
   */
  private static ObjectNode copy(CustodyCopy c) {
    ObjectNode node = JSON.createObjectNode();
    node.put("policy", c.policy());
    node.put("copyId", c.copyId());
    node.put("parentCopyId", c.parentCopyId());
    node.put("clipId", c.clipId());
    node.put("cameraId", c.cameraId());
    node.put("householdId", c.householdId());
    node.put("clipRecordedAt", text(c.clipRecordedAt()));
    node.put("holderId", c.holderId());
    node.put("holderType", name(c.holderType()));
    node.put("kind", name(c.kind()));
    node.put("channel", name(c.channel()));
    node.put("requestId", c.requestId());
    node.put("addressDisclosed", c.addressDisclosed());
    node.put("madeAt", text(c.madeAt()));
    node.put("expiresAt", text(c.expiresAt()));
    node.put("status", c.status().name());
    node.put("endedAt", text(c.endedAt()));
    node.put("receipt", name(c.receipt()));
    node.put("cause", name(c.cause()));
    node.put("reason", c.reason());
    return node;
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }
}
