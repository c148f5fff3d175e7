package io.camfleet.provenance;

import static io.camfleet.provenance.CustodyFixtures.CLIP;
import static io.camfleet.provenance.CustodyFixtures.POLICY;
import static io.camfleet.provenance.CustodyFixtures.SHARE;
import static io.camfleet.provenance.CustodyFixtures.entry;
import static io.camfleet.provenance.CustodyFixtures.forwardedToFederalAgency;
import static io.camfleet.provenance.CustodyFixtures.lateForwardBlocked;
import static io.camfleet.provenance.CustodyFixtures.shareExpired;
import static io.camfleet.provenance.CustodyFixtures.shareExpiry;
import static io.camfleet.provenance.CustodyFixtures.sharedWithPolice;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.camfleet.avro.CopyKind;
import io.camfleet.avro.CopyReceipt;
import io.camfleet.avro.CopyReceiptKind;
import io.camfleet.avro.HolderType;
import io.camfleet.avro.ShareChannel;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Validates the export against {@code prov-json.schema.json} beside this class: our JSON Schema
 * (draft 2020-12) of the structure the W3C PROV-JSON Member Submission (2013-04-24) describes, with
 * format assertions on, so times must be date-times and namespaces IRIs. Each negative case breaks
 * a real export in one way and expects exactly the errors that break causes.
 */
class ProvJsonSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Schema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    try (InputStream in = ProvJsonSchemaTest.class.getResourceAsStream("prov-json.schema.json")) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    }
  }

  private static List<Error> errors(ObjectNode document) {
    return schema.validate(
        document, context -> context.executionConfig(c -> c.formatAssertionsEnabled(true)));
  }

  @Test
  void exportOfSharedForwardedExpiredAndBlockedCopiesIsValidProvJson() {
    ObjectNode document =
        ProvJson.document(
            CustodyGraph.of(
                POLICY,
                CLIP,
                List.of(sharedWithPolice(), forwardedToFederalAgency(), shareExpired()),
                List.of(shareExpiry(), lateForwardBlocked())));

    assertEquals(List.of(), errors(document));
  }

  @Test
  void exportOfTwoPoliciesAndIdsNeedingEscapesIsValidProvJson() {
    String clip = "clip with spaces/and|bars";
    CustodyGraph strict =
        CustodyGraph.of(
            "strict",
            clip,
            List.of(),
            List.of(
                new CopyReceipt(
                    "strict",
                    "post of é",
                    clip,
                    "hh 1",
                    CopyReceiptKind.SHARE_BLOCKED,
                    0L,
                    "posts are forbidden",
                    null,
                    "base")));
    CustodyGraph lax =
        CustodyGraph.of(
            "lax",
            clip,
            List.of(
                entry("lax", clip, "post of é")
                    .setHouseholdId("hh 1")
                    .setHolderId("the feed")
                    .setHolderType(HolderType.NEIGHBOURHOOD_FEED)
                    .setChannel(ShareChannel.NEIGHBOURHOOD_POST)
                    .setRequestId(null)
                    .setExpiresAt(null)
                    .build(),
                entry("lax", clip, "saved: 1")
                    .setParentCopyId("post of é")
                    .setHouseholdId("hh 1")
                    .setHolderId("someone #9")
                    .setHolderType(HolderType.PUBLIC)
                    .setKind(CopyKind.DOWNLOAD)
                    .setChannel(ShareChannel.NEIGHBOURHOOD_POST)
                    .build()),
            List.of());

    assertEquals(List.of(), errors(ProvJson.document(List.of(lax, strict))));
  }

  @Test
  void schemaAcceptsBundlesLanguageTagsTypedValuesAndRepeatedRecords() throws IOException {
    ObjectNode document =
        (ObjectNode)
            JSON.readTree(
                """
                {
                  "prefix": {"ex": "http://example.org/", "default": "http://example.org/d/"},
                  "entity": {
                    "ex:e1": [
                      {"prov:label": {"$": "une copie", "lang": "fr"}, "ex:size": 12},
                      {"prov:type": [{"$": "ex:Copy", "type": "prov:QUALIFIED_NAME"}, "draft"],
                       "prov:value": {"$": "2", "type": "xsd:int"}}
                    ],
                    "e2": {}
                  },
                  "bundle": {
                    "ex:b1": {
                      "prefix": {"b": "urn:example:b:"},
                      "activity": {"b:a1": {"prov:startTime": "2026-01-04T10:00:00.250+01:00"}},
                      "wasStartedBy": {"_:s1": {"prov:activity": "b:a1", "prov:trigger": "ex:e1"}},
                      "specializationOf": {
                        "_:sp1": {"prov:specificEntity": "ex:e1", "prov:generalEntity": "e2"}
                      }
                    }
                  }
                }
                """);

    assertEquals(List.of(), errors(document));
  }

  @Test
  void schemaRejectsABrokenDocument() {
    ObjectNode document =
        ProvJson.document(
            CustodyGraph.of(POLICY, CLIP, List.of(sharedWithPolice()), List.of(shareExpiry())));
    ((ObjectNode) document.get("activity").elements().next()).put("prov:startTime", "yesterday");
    ((ObjectNode) document.get("wasGeneratedBy").elements().next()).remove("prov:entity");
    ((ObjectNode) document.get("wasAttributedTo").elements().next()).put("prov:agent", "not a uri");

    assertEquals(
        List.of(
            "format /activity/cf:share~1" + POLICY + "~1" + SHARE + "/prov:startTime",
            "pattern /wasAttributedTo/_:att~1clip~1" + CLIP + "/prov:agent",
            "required prov:entity /wasGeneratedBy/_:gen~1copy~1" + POLICY + "~1" + SHARE),
        reasons(document));
  }

  @Test
  void schemaRejectsAnAttributeOfTheWrongType() {
    ObjectNode document = sharedForwardedExpiredAndBlocked();
    ObjectNode derivation = (ObjectNode) document.get("wasDerivedFrom").elements().next();
    derivation.put("prov:usedEntity", 7);
    ObjectNode clip = (ObjectNode) document.get("entity").get("cf:clip/" + CLIP);
    clip.putObject("cf:recordedAt").put("$", "2026-01-03T08:00:00Z").put("type", 42);

    assertEquals(
        List.of(
            "type /entity/cf:clip~1" + CLIP + "/cf:recordedAt/type",
            "type /wasDerivedFrom/_:der~1copy~1" + POLICY + "~1" + SHARE + "/prov:usedEntity"),
        reasons(document));
  }

  @Test
  void schemaRejectsAnUnknownRecordTypeAndAnUnknownProvAttribute() {
    ObjectNode document = sharedForwardedExpiredAndBlocked();
    document.putObject("wasCopiedBy").putObject("_:c1").put("prov:entity", "cf:clip/" + CLIP);
    ((ObjectNode) document.get("entity").get("cf:clip/" + CLIP)).put("prov:startTime", "x");

    assertEquals(
        List.of(
            "additionalProperties prov:startTime /entity/cf:clip~1" + CLIP,
            "additionalProperties wasCopiedBy "),
        reasons(document));
  }

  @Test
  void schemaRejectsARelationMissingItsRequiredProvAttribute() {
    ObjectNode document = sharedForwardedExpiredAndBlocked();
    ((ObjectNode) document.get("wasAssociatedWith").elements().next()).remove("prov:activity");
    ((ObjectNode) document.get("wasAttributedTo").elements().next()).remove("prov:entity");

    List<String> reasons = reasons(document);

    assertEquals(2, reasons.size(), reasons::toString);
    assertEquals(
        List.of("required prov:activity", "required prov:entity"),
        reasons.stream().map(reason -> reason.substring(0, reason.indexOf(" /"))).toList());
  }

  @Test
  void schemaRejectsNestedBundlesMalformedLiteralsAndPrefixesThatAreNoIris() throws IOException {
    ObjectNode document =
        (ObjectNode)
            JSON.readTree(
                """
                {
                  "prefix": {"ex": "not an iri", "9x": "http://example.org/"},
                  "entity": {
                    "ex:e1": {
                      "prov:label": {"$": "x", "type": "xsd:string", "lang": "en"},
                      "ex:size": {"value": 12}
                    }
                  },
                  "bundle": {"ex:b1": {"bundle": {}}}
                }
                """);

    assertEquals(
        List.of(
            "additionalProperties value /entity/ex:e1/ex:size",
            "format /prefix/ex",
            "not /bundle/ex:b1",
            "not /entity/ex:e1/prov:label",
            "propertyNames 9x /prefix",
            "required $ /entity/ex:e1/ex:size"),
        reasons(document));
  }

  private static ObjectNode sharedForwardedExpiredAndBlocked() {
    return ProvJson.document(
        CustodyGraph.of(
            POLICY,
            CLIP,
            List.of(sharedWithPolice(), forwardedToFederalAgency(), shareExpired()),
            List.of(shareExpiry(), lateForwardBlocked())));
  }

  /** Each error as "keyword [property] instance-location", sorted. */
  private static List<String> reasons(ObjectNode document) {
    return errors(document).stream()
        .map(
            error ->
                error.getKeyword()
                    + (error.getProperty() == null ? "" : " " + error.getProperty())
                    + " "
                    + error.getInstanceLocation())
        .sorted()
        .toList();
  }
}
