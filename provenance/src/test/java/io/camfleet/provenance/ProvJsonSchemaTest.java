package io.camfleet.provenance;

import static io.camfleet.provenance.CustodyFixtures.CLIP;
import static io.camfleet.provenance.CustodyFixtures.POLICY;
import static io.camfleet.provenance.CustodyFixtures.entry;
import static io.camfleet.provenance.CustodyFixtures.forwardedToFederalAgency;
import static io.camfleet.provenance.CustodyFixtures.lateForwardBlocked;
import static io.camfleet.provenance.CustodyFixtures.shareExpired;
import static io.camfleet.provenance.CustodyFixtures.shareExpiry;
import static io.camfleet.provenance.CustodyFixtures.sharedWithPolice;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * Validates the export against the JSON schema published with the W3C PROV-JSON submission ({@code
 * prov-json-schema-v4.json} beside this class; its source and licence are in {@code
 * prov-json-schema-v4.NOTICE.md}), with format assertions on, so identifiers must be URIs and times
 * date-times.
 */
class ProvJsonSchemaTest {
  private static Schema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    try (InputStream in =
        ProvJsonSchemaTest.class.getResourceAsStream("prov-json-schema-v4.json")) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
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
                    null)));
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
  void schemaRejectsABrokenDocument() {
    ObjectNode document =
        ProvJson.document(
            CustodyGraph.of(POLICY, CLIP, List.of(sharedWithPolice()), List.of(shareExpiry())));
    ((ObjectNode) document.get("activity").elements().next()).put("prov:startTime", "yesterday");
    ((ObjectNode) document.get("wasGeneratedBy").elements().next()).remove("prov:entity");
    ((ObjectNode) document.get("wasAttributedTo").elements().next()).put("prov:agent", "not a uri");

    List<Error> errors = errors(document);

    assertEquals(3, errors.size(), errors::toString);
  }
}
