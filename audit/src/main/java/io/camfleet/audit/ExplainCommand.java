package io.camfleet.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camfleet.avro.CopyLedgerEntry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code camfleet explain}: one clip's story, from a finished run's audit files. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Tells what happened to one clip under each policy of a finished run, and why, in time order:",
      "its recording, the police requests that covered it, the email and the answer, each share,",
      "post and copy (holder, parent, address disclosed), each block with its cause, legal holds and",
      "the retention decisions. Reads the run's audit files (and its events.avro when kept); needs",
      "no broker."
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

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ClipStory story = ClipStory.read(from, clipId, Optional.ofNullable(policy));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
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
      }
      ArrayNode copies = node.putArray("copies");
      policy.copies().forEach(copy -> copies.add(copy(copy)));
    }
    return root;
  }

  /** A copy in its last state, under the custody API's field names, with its status. */
  private static ObjectNode copy(CopyLedgerEntry c) {
    ObjectNode node = JSON.createObjectNode();
    node.put("policy", c.getPolicy());
    node.put("copyId", c.getCopyId());
    node.put("parentCopyId", c.getParentCopyId());
    node.put("clipId", c.getClipId());
    node.put("cameraId", c.getCameraId());
    node.put("householdId", c.getHouseholdId());
    node.put("clipRecordedAt", Instant.ofEpochMilli(c.getClipRecordedAt()).toString());
    node.put("holderId", c.getHolderId());
    node.put("holderType", c.getHolderType().name());
    node.put("kind", c.getKind().name());
    node.put("channel", c.getChannel().name());
    node.put("requestId", c.getRequestId());
    node.put("addressDisclosed", c.getAddressDisclosed());
    node.put("madeAt", Instant.ofEpochMilli(c.getMadeAt()).toString());
    node.put(
        "expiresAt",
        c.getExpiresAt() == null ? null : Instant.ofEpochMilli(c.getExpiresAt()).toString());
    node.put("status", c.getStatus().name());
    node.put("updatedAt", Instant.ofEpochMilli(c.getUpdatedAt()).toString());
    return node;
  }
}
