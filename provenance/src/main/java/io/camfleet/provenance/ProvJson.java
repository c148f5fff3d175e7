package io.camfleet.provenance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camfleet.avro.CopyKind;
import io.camfleet.avro.CopyReceiptKind;
import io.camfleet.avro.HolderType;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A clip's custody graphs as one W3C PROV-JSON document, for lineage tools.
 *
 * <ul>
 *   <li>Entities: the clip ({@code cf:clip/CLIP}) and each copy made under each policy ({@code
 *       cf:copy/POLICY/COPY}, with its status, holder type, kind, channel, expiry and, once ended,
 *       cause and reason). A blocked copy was never made, so it is no entity.
 *   <li>Agents: the household that owns the clip ({@code cf:household/ID}), each holder ({@code
 *       cf:holder/ID}: agencies as {@code prov:Organization}, the neighbourhood feed as {@code
 *       prov:SoftwareAgent}, the public as {@code prov:Person}) and the sharing service enforcing
 *       each policy ({@code cf:policy/NAME}).
 *   <li>Activities, each at one instant: the share, forward or download that made a copy ({@code
 *       cf:share/POLICY/COPY} ...), each expiry ({@code cf:expiry/...}) and each block ({@code
 *       cf:block/...}).
 *   <li>Relations: the making activity used the parent copy (or, for a share, the clip) and
 *       generated the copy, which wasDerivedFrom what was used and wasAttributedTo its holder; the
 *       share wasAssociatedWith the household, a forward with the parent's holder, a download with
 *       the new holder; an expiry invalidated its copy; expiries and blocks wasAssociatedWith the
 *       policy; a block used the clip; the clip wasAttributedTo its household.
 * </ul>
 *
 * Identifiers are qualified names in the {@code cf} namespace ({@value #NAMESPACE}); characters of
 * an id other than letters, digits, {@code . _ ~ -} are percent-encoded. Relations have blank-node
 * ids. Times are ISO-8601 UTC.
 */
public final class ProvJson {
  /** The namespace of every camfleet identifier and attribute in the document. */
  public static final String NAMESPACE = "urn:camfleet:";

  private static final String PREFIX = "cf";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final List<String> SECTIONS =
      List.of(
          "entity",
          "agent",
          "activity",
          "wasGeneratedBy",
          "used",
          "wasDerivedFrom",
          "wasAttributedTo",
          "wasAssociatedWith",
          "wasInvalidatedBy");

  private ProvJson() {}

  /** The PROV-JSON document of one clip's graph under one policy. */
  public static ObjectNode document(CustodyGraph graph) {
    return document(List.of(graph));
  }

  /**
   * The PROV-JSON document of one clip's graphs under several policies: the clip and the agents
   * once, each policy's copies and activities beside each other.
   */
  public static ObjectNode document(List<CustodyGraph> graphs) {
    if (graphs.isEmpty()) {
      throw new IllegalArgumentException("a provenance document needs at least one custody graph");
    }
    String clipId = graphs.get(0).clipId();
    for (CustodyGraph graph : graphs) {
      if (!graph.clipId().equals(clipId)) {
        throw new IllegalArgumentException(
            "one document tells of one clip, not of " + clipId + " and " + graph.clipId());
      }
    }
    Document doc = new Document();
    doc.clip(clipId, graphs);
    for (CustodyGraph graph : graphs) {
      for (CustodyCopy copy : graph.copies()) {
        if (copy.status() == CustodyStatus.BLOCKED) {
          doc.block(copy);
        } else {
          doc.made(copy, graph);
        }
      }
    }
    return doc.build();
  }

  /** The document as indented JSON text. */
  public static String toJson(List<CustodyGraph> graphs) {
    try {
      return JSON.writeValueAsString(document(graphs));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The qualified name {@code cf:KIND/PART/PART...}, each part percent-encoded. */
  static String id(String kind, String... parts) {
    StringBuilder id = new StringBuilder(PREFIX).append(':').append(kind);
    for (String part : parts) {
      id.append('/');
      escape(part, id);
    }
    return id.toString();
  }

  private static void escape(String part, StringBuilder out) {
    for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '.'
          || c == '_'
          || c == '~'
          || c == '-') {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
  }

  private static String local(String qualifiedName) {
    return qualifiedName.substring(PREFIX.length() + 1);
  }

  private static ObjectNode qualifiedName(String name) {
    return NODES.objectNode().put("$", name).put("type", "prov:QUALIFIED_NAME");
  }

  private static ObjectNode dateTime(Instant instant) {
    return NODES.objectNode().put("$", instant.toString()).put("type", "xsd:dateTime");
  }

  /** The document being built, section by section. */
  private static final class Document {
    private final ObjectNode root = NODES.objectNode();
    private final ObjectNode[] sections = new ObjectNode[SECTIONS.size()];
    private String clipEntity;
    private String household;

    Document() {
      root.putObject("prefix").put(PREFIX, NAMESPACE);
      for (int i = 0; i < sections.length; i++) {
        sections[i] = NODES.objectNode();
      }
    }

    private ObjectNode section(String name) {
      return sections[SECTIONS.indexOf(name)];
    }

    ObjectNode build() {
      for (int i = 0; i < sections.length; i++) {
        if (!sections[i].isEmpty()) {
          root.set(SECTIONS.get(i), sections[i]);
        }
      }
      return root;
    }

    void clip(String clipId, List<CustodyGraph> graphs) {
      clipEntity = id("clip", clipId);
      ObjectNode clip = section("entity").putObject(clipEntity);
      clip.set("prov:type", qualifiedName("cf:Clip"));
      clip.put("prov:label", "clip " + clipId);
      clip.put("cf:clipId", clipId);
      CustodyCopy recorded = null;
      for (CustodyGraph graph : graphs) {
        for (CustodyCopy copy : graph.copies()) {
          if (household == null && copy.householdId() != null) {
            household = copy.householdId();
          }
          if (recorded == null && copy.cameraId() != null) {
            recorded = copy;
          }
        }
      }
      if (recorded != null) {
        clip.put("cf:camera", recorded.cameraId());
        clip.set("cf:recordedAt", dateTime(recorded.clipRecordedAt()));
      }
      if (household != null) {
        clip.put("cf:household", household);
        String owner = id("household", household);
        ObjectNode agent = section("agent").putObject(owner);
        agent.set("prov:type", qualifiedName("cf:Household"));
        agent.put("prov:label", "household " + household);
        relation("wasAttributedTo", "att/" + local(clipEntity))
            .put("prov:entity", clipEntity)
            .put("prov:agent", owner);
      }
    }

    /** A copy made: its entity, the activity that made it, and their relations. */
    void made(CustodyCopy copy, CustodyGraph graph) {
      String entity = id("copy", copy.policy(), copy.copyId());
      ObjectNode node = section("entity").putObject(entity);
      node.set("prov:type", qualifiedName("cf:Copy"));
      node.put("prov:label", "copy " + copy.copyId() + " under " + copy.policy());
      node.put("cf:policy", copy.policy());
      node.put("cf:copyId", copy.copyId());
      node.put("cf:status", copy.status().name());
      node.put("cf:holderType", copy.holderType().name());
      node.put("cf:kind", copy.kind().name());
      node.put("cf:channel", copy.channel().name());
      if (copy.requestId() != null) {
        node.put("cf:requestId", copy.requestId());
      }
      node.put("cf:addressDisclosed", copy.addressDisclosed());
      if (copy.expiresAt() != null) {
        node.set("cf:expiresAt", dateTime(copy.expiresAt()));
      }
      String holder = holder(copy.holderId(), copy.holderType());

      String kind = copy.kind().name().toLowerCase(Locale.ROOT);
      String activity = id(kind, copy.policy(), copy.copyId());
      instant(activity, "cf:" + capitalized(kind), copy.madeAt())
          .put("cf:channel", copy.channel().name());
      String used =
          copy.parentCopyId() == null ? clipEntity : id("copy", copy.policy(), copy.parentCopyId());
      String time = copy.madeAt().toString();
      relation("wasGeneratedBy", "gen/" + local(entity))
          .put("prov:entity", entity)
          .put("prov:activity", activity)
          .put("prov:time", time);
      relation("used", "use/" + local(activity))
          .put("prov:activity", activity)
          .put("prov:entity", used)
          .put("prov:time", time);
      relation("wasDerivedFrom", "der/" + local(entity))
          .put("prov:generatedEntity", entity)
          .put("prov:usedEntity", used)
          .put("prov:activity", activity);
      relation("wasAttributedTo", "att/" + local(entity))
          .put("prov:entity", entity)
          .put("prov:agent", holder);
      String actor = actor(copy, graph, holder);
      if (actor != null) {
        relation("wasAssociatedWith", "assoc/" + local(activity))
            .put("prov:activity", activity)
            .put("prov:agent", actor);
      }

      if (copy.status() == CustodyStatus.EXPIRED) {
        String expiry = id("expiry", copy.policy(), copy.copyId());
        ended(instant(expiry, "cf:Expiry", copy.endedAt()), copy);
        relation("wasInvalidatedBy", "inv/" + local(entity))
            .put("prov:entity", entity)
            .put("prov:activity", expiry)
            .put("prov:time", copy.endedAt().toString());
        enforcedBy(expiry, copy.policy());
      }
    }

    /** A copy blocked: the block, which used the clip's footage, by the policy. */
    void block(CustodyCopy copy) {
      String block = id("block", copy.policy(), copy.copyId());
      ObjectNode node = instant(block, "cf:Block", copy.endedAt());
      node.put("cf:policy", copy.policy());
      node.put("cf:copyId", copy.copyId());
      ended(node, copy);
      relation("used", "use/" + local(block))
          .put("prov:activity", block)
          .put("prov:entity", clipEntity)
          .put("prov:time", copy.endedAt().toString());
      enforcedBy(block, copy.policy());
    }

    /** Who made the copy: the owner shares, a holder forwards, the new holder downloads. */
    private String actor(CustodyCopy copy, CustodyGraph graph, String holder) {
      if (copy.kind() == CopyKind.SHARE) {
        return household == null ? null : id("household", household);
      }
      if (copy.kind() == CopyKind.DOWNLOAD) {
        return holder;
      }
      return copy.parentCopyId() == null
          ? null
          : graph
              .copy(copy.parentCopyId())
              .filter(parent -> parent.holderId() != null)
              .map(parent -> holder(parent.holderId(), parent.holderType()))
              .orElse(null);
    }

    private String holder(String holderId, HolderType type) {
      String agent = id("holder", holderId);
      ObjectNode node = section("agent").putObject(agent);
      node.set(
          "prov:type",
          qualifiedName(
              switch (type) {
                case REQUESTING_POLICE, OTHER_AGENCY, FEDERAL_AGENCY -> "prov:Organization";
                case NEIGHBOURHOOD_FEED -> "prov:SoftwareAgent";
                case PUBLIC -> "prov:Person";
              }));
      node.put("prov:label", holderId);
      node.put("cf:holderType", type.name());
      return agent;
    }

    private void enforcedBy(String activity, String policy) {
      String agent = id("policy", policy);
      ObjectNode node = section("agent").putObject(agent);
      node.set("prov:type", qualifiedName("prov:SoftwareAgent"));
      node.put("prov:label", "sharing service enforcing policy " + policy);
      relation("wasAssociatedWith", "assoc/" + local(activity))
          .put("prov:activity", activity)
          .put("prov:agent", agent);
    }

    private ObjectNode instant(String activity, String type, Instant at) {
      ObjectNode node = section("activity").putObject(activity);
      node.put("prov:startTime", at.toString());
      node.put("prov:endTime", at.toString());
      node.set("prov:type", qualifiedName(type));
      return node;
    }

    private static void ended(ObjectNode node, CustodyCopy copy) {
      if (copy.receipt() != null && copy.receipt() != CopyReceiptKind.COPY_EXPIRED) {
        node.put("cf:receipt", copy.receipt().name());
      }
      if (copy.cause() != null) {
        node.put("cf:cause", copy.cause().name());
      }
      if (copy.reason() != null) {
        node.put("cf:reason", copy.reason());
      }
    }

    private ObjectNode relation(String section, String id) {
      return section(section).putObject("_:" + id);
    }

    private static String capitalized(String word) {
      return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
  }
}
