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
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camfleet.avro.CopyKind;
import io.camfleet.avro.HolderType;
import io.camfleet.avro.ShareChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static CustodyGraph sharedForwardedExpiredAndBlocked() {
    return CustodyGraph.of(
        POLICY,
        CLIP,
        List.of(sharedWithPolice(), forwardedToFederalAgency(), shareExpired()),
        List.of(shareExpiry(), lateForwardBlocked()));
  }

  @Test
  void mapsCopiesToEntitiesHoldersToAgentsAndShareForwardExpiryBlockToActivities()
      throws Exception {
    JsonNode expected =
        JSON.readTree(
            """
            {
              "prefix": {"cf": "urn:camfleet:"},
              "entity": {
                "cf:clip/C": {
                  "prov:type": {"$": "cf:Clip", "type": "prov:QUALIFIED_NAME"},
                  "prov:label": "clip C",
                  "cf:clipId": "C",
                  "cf:camera": "cam-0007",
                  "cf:recordedAt": {"$": "2026-01-03T08:00:00Z", "type": "xsd:dateTime"},
                  "cf:household": "hh-0007"
                },
                "cf:copy/P/S": {
                  "prov:type": {"$": "cf:Copy", "type": "prov:QUALIFIED_NAME"},
                  "prov:label": "copy S under P",
                  "cf:policy": "P",
                  "cf:copyId": "S",
                  "cf:status": "EXPIRED",
                  "cf:holderType": "REQUESTING_POLICE",
                  "cf:kind": "SHARE",
                  "cf:channel": "POLICE_REQUEST",
                  "cf:requestId": "req-1",
                  "cf:addressDisclosed": true,
                  "cf:expiresAt": {"$": "2026-02-03T10:00:00Z", "type": "xsd:dateTime"}
                },
                "cf:copy/P/F": {
                  "prov:type": {"$": "cf:Copy", "type": "prov:QUALIFIED_NAME"},
                  "prov:label": "copy F under P",
                  "cf:policy": "P",
                  "cf:copyId": "F",
                  "cf:status": "ALIVE",
                  "cf:holderType": "FEDERAL_AGENCY",
                  "cf:kind": "FORWARD",
                  "cf:channel": "POLICE_REQUEST",
                  "cf:requestId": "req-1",
                  "cf:addressDisclosed": true
                }
              },
              "agent": {
                "cf:household/hh-0007": {
                  "prov:type": {"$": "cf:Household", "type": "prov:QUALIFIED_NAME"},
                  "prov:label": "household hh-0007"
                },
                "cf:holder/metro-pd": {
                  "prov:type": {"$": "prov:Organization", "type": "prov:QUALIFIED_NAME"},
                  "prov:label": "metro-pd",
                  "cf:holderType": "REQUESTING_POLICE"
                },
                "cf:holder/fbi": {
                  "prov:type": {"$": "prov:Organization", "type": "prov:QUALIFIED_NAME"},
                  "prov:label": "fbi",
                  "cf:holderType": "FEDERAL_AGENCY"
                },
                "cf:policy/P": {
                  "prov:type": {"$": "prov:SoftwareAgent", "type": "prov:QUALIFIED_NAME"},
                  "prov:label": "sharing service enforcing policy P"
                }
              },
              "activity": {
                "cf:share/P/S": {
                  "prov:startTime": "2026-01-04T10:00:00Z",
                  "prov:endTime": "2026-01-04T10:00:00Z",
                  "prov:type": {"$": "cf:Share", "type": "prov:QUALIFIED_NAME"},
                  "cf:channel": "POLICE_REQUEST"
                },
                "cf:expiry/P/S": {
                  "prov:startTime": "2026-02-03T10:00:00Z",
                  "prov:endTime": "2026-02-03T10:00:00Z",
                  "prov:type": {"$": "cf:Expiry", "type": "prov:QUALIFIED_NAME"},
                  "cf:cause": "HOLDER_LIFETIME_ENDED",
                  "cf:reason": "copies held by REQUESTING_POLICE live 30 days"
                },
                "cf:forward/P/F": {
                  "prov:startTime": "2026-01-05T12:00:00Z",
                  "prov:endTime": "2026-01-05T12:00:00Z",
                  "prov:type": {"$": "cf:Forward", "type": "prov:QUALIFIED_NAME"},
                  "cf:channel": "POLICE_REQUEST"
                },
                "cf:block/P/B": {
                  "prov:startTime": "2026-02-04T10:00:00Z",
                  "prov:endTime": "2026-02-04T10:00:00Z",
                  "prov:type": {"$": "cf:Block", "type": "prov:QUALIFIED_NAME"},
                  "cf:policy": "P",
                  "cf:copyId": "B",
                  "cf:receipt": "FORWARD_BLOCKED",
                  "cf:cause": "NO_LIVE_PARENT",
                  "cf:reason": "parent copy S does not exist under this policy"
                }
              },
              "wasGeneratedBy": {
                "_:gen/copy/P/S": {
                  "prov:entity": "cf:copy/P/S",
                  "prov:activity": "cf:share/P/S",
                  "prov:time": "2026-01-04T10:00:00Z"
                },
                "_:gen/copy/P/F": {
                  "prov:entity": "cf:copy/P/F",
                  "prov:activity": "cf:forward/P/F",
                  "prov:time": "2026-01-05T12:00:00Z"
                }
              },
              "used": {
                "_:use/share/P/S": {
                  "prov:activity": "cf:share/P/S",
                  "prov:entity": "cf:clip/C",
                  "prov:time": "2026-01-04T10:00:00Z"
                },
                "_:use/forward/P/F": {
                  "prov:activity": "cf:forward/P/F",
                  "prov:entity": "cf:copy/P/S",
                  "prov:time": "2026-01-05T12:00:00Z"
                },
                "_:use/block/P/B": {
                  "prov:activity": "cf:block/P/B",
                  "prov:entity": "cf:clip/C",
                  "prov:time": "2026-02-04T10:00:00Z"
                }
              },
              "wasDerivedFrom": {
                "_:der/copy/P/S": {
                  "prov:generatedEntity": "cf:copy/P/S",
                  "prov:usedEntity": "cf:clip/C",
                  "prov:activity": "cf:share/P/S"
                },
                "_:der/copy/P/F": {
                  "prov:generatedEntity": "cf:copy/P/F",
                  "prov:usedEntity": "cf:copy/P/S",
                  "prov:activity": "cf:forward/P/F"
                }
              },
              "wasAttributedTo": {
                "_:att/clip/C": {"prov:entity": "cf:clip/C", "prov:agent": "cf:household/hh-0007"},
                "_:att/copy/P/S": {"prov:entity": "cf:copy/P/S", "prov:agent": "cf:holder/metro-pd"},
                "_:att/copy/P/F": {"prov:entity": "cf:copy/P/F", "prov:agent": "cf:holder/fbi"}
              },
              "wasAssociatedWith": {
                "_:assoc/share/P/S": {"prov:activity": "cf:share/P/S", "prov:agent": "cf:household/hh-0007"},
                "_:assoc/expiry/P/S": {"prov:activity": "cf:expiry/P/S", "prov:agent": "cf:policy/P"},
                "_:assoc/forward/P/F": {"prov:activity": "cf:forward/P/F", "prov:agent": "cf:holder/metro-pd"},
                "_:assoc/block/P/B": {"prov:activity": "cf:block/P/B", "prov:agent": "cf:policy/P"}
              },
              "wasInvalidatedBy": {
                "_:inv/copy/P/S": {
                  "prov:entity": "cf:copy/P/S",
                  "prov:activity": "cf:expiry/P/S",
                  "prov:time": "2026-02-03T10:00:00Z"
                }
              }
            }
            """
                .replace("P/S", POLICY + "/" + CustodyFixtures.SHARE)
                .replace("P/F", POLICY + "/" + CustodyFixtures.FORWARD)
                .replace("P/B", POLICY + "/" + CustodyFixtures.LATE_FORWARD)
                .replace("policy/P\"", "policy/" + POLICY + "\"")
                .replace("policy P\"", "policy " + POLICY + "\"")
                .replace("\"P\"", "\"" + POLICY + "\"")
                .replace(" under P\"", " under " + POLICY + "\"")
                .replace("copy S ", "copy " + CustodyFixtures.SHARE + " ")
                .replace("\"S\"", "\"" + CustodyFixtures.SHARE + "\"")
                .replace("copy F ", "copy " + CustodyFixtures.FORWARD + " ")
                .replace("\"F\"", "\"" + CustodyFixtures.FORWARD + "\"")
                .replace("\"B\"", "\"" + CustodyFixtures.LATE_FORWARD + "\"")
                .replace("clip/C\"", "clip/" + CLIP + "\"")
                .replace("clip C\"", "clip " + CLIP + "\"")
                .replace("\"C\"", "\"" + CLIP + "\""));

    assertEquals(expected, ProvJson.document(sharedForwardedExpiredAndBlocked()));
  }

  @Test
  void escapesIdCharactersOutsideAQualifiedNamesSafeSet() {
    assertEquals("cf:copy/p/a%2Fb%20c%C3%A9%7C", ProvJson.id("copy", "p", "a/b cé|"));
    assertEquals("cf:holder/Metro_PD.1~x-y", ProvJson.id("holder", "Metro_PD.1~x-y"));
  }

  @Test
  void downloadIsTheNewHoldersDoing() {
    CustodyGraph graph =
        CustodyGraph.of(
            POLICY,
            CLIP,
            List.of(
                entry(POLICY, CLIP, "post")
                    .setHolderId("neighbourhood-feed")
                    .setHolderType(HolderType.NEIGHBOURHOOD_FEED)
                    .setChannel(ShareChannel.NEIGHBOURHOOD_POST)
                    .setRequestId(null)
                    .build(),
                entry(POLICY, CLIP, "saved")
                    .setParentCopyId("post")
                    .setHolderId("viewer-9")
                    .setHolderType(HolderType.PUBLIC)
                    .setKind(CopyKind.DOWNLOAD)
                    .setChannel(ShareChannel.NEIGHBOURHOOD_POST)
                    .setRequestId(null)
                    .build()),
            List.of());

    JsonNode doc = ProvJson.document(graph);

    assertEquals(
        "cf:holder/viewer-9",
        doc.at("/wasAssociatedWith/_:assoc~1download~1" + POLICY + "~1saved/prov:agent").asText());
    assertEquals("prov:Person", doc.at("/agent/cf:holder~1viewer-9/prov:type/$").asText());
    assertEquals(
        "prov:SoftwareAgent", doc.at("/agent/cf:holder~1neighbourhood-feed/prov:type/$").asText());
  }

  @Test
  void refusesGraphsOfTwoClipsInOneDocument() {
    CustodyGraph other = new CustodyGraph(POLICY, "another-clip", List.of());
    assertThrows(
        IllegalArgumentException.class,
        () -> ProvJson.document(List.of(sharedForwardedExpiredAndBlocked(), other)));
  }
}
