package io.camfleet.sharing.topology;

import static io.camfleet.sharing.topology.WorldFixtures.clip;
import static io.camfleet.sharing.topology.WorldFixtures.day;
import static io.camfleet.sharing.topology.WorldFixtures.downloaded;
import static io.camfleet.sharing.topology.WorldFixtures.forwarded;
import static io.camfleet.sharing.topology.WorldFixtures.narrowRequest;
import static io.camfleet.sharing.topology.WorldFixtures.postedToFeed;
import static io.camfleet.sharing.topology.WorldFixtures.sharedWithPolice;
import static io.camfleet.sharing.topology.WorldFixtures.tick;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.avro.CopyKind;
import io.camfleet.avro.CopyLedgerEntry;
import io.camfleet.avro.CopyStatus;
import io.camfleet.avro.HolderType;
import io.camfleet.avro.ShareChannel;
import io.camfleet.sharing.custody.CopyView;
import io.camfleet.sharing.custody.CustodyTree;
import io.camfleet.sharing.topology.WorldFixtures.Clip;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

class CopyLedgerTest {
  private static final String STATUS_QUO = "status-quo-2019";
  private static final Clip DOORSTEP_CLIP = clip("clip-1", "cam-1", "house-1", day(0, 20));

  @Test
  void recordsCustodyChainOfClipSharedWithPoliceAndForwardedTwice() {
    try (SharingDriver sharing = SharingDriver.enforcing(STATUS_QUO)) {
      sharing.send(
          sharedWithPolice(
              "copy-police",
              DOORSTEP_CLIP,
              "agency-fll",
              narrowRequest("req-1", DOORSTEP_CLIP),
              day(1)),
          forwarded(
              "copy-sheriff",
              "copy-police",
              DOORSTEP_CLIP,
              "agency-sheriff",
              HolderType.OTHER_AGENCY,
              day(2)),
          forwarded(
              "copy-ice",
              "copy-sheriff",
              DOORSTEP_CLIP,
              "agency-ice",
              HolderType.FEDERAL_AGENCY,
              day(3)),
          tick(day(4), true));

      CopyLedgerEntry police =
          alive(
              "copy-police",
              null,
              "agency-fll",
              HolderType.REQUESTING_POLICE,
              CopyKind.SHARE,
              day(1));
      CopyLedgerEntry sheriff =
          alive(
              "copy-sheriff",
              "copy-police",
              "agency-sheriff",
              HolderType.OTHER_AGENCY,
              CopyKind.FORWARD,
              day(2));
      CopyLedgerEntry ice =
          alive(
              "copy-ice",
              "copy-sheriff",
              "agency-ice",
              HolderType.FEDERAL_AGENCY,
              CopyKind.FORWARD,
              day(3));
      assertEquals(
          List.of(
              KeyValue.pair("status-quo-2019/copy-police", police),
              KeyValue.pair("status-quo-2019/copy-sheriff", sheriff),
              KeyValue.pair("status-quo-2019/copy-ice", ice)),
          sharing.ledgerRecords());

      List<CopyView> live =
          CopyStores.copiesOfClip(sharing.store(CopyStores.COPIES), List.of(STATUS_QUO), "clip-1")
              .stream()
              .map(CopyView::of)
              .toList();
      assertEquals(
          Map.of(
              STATUS_QUO,
              List.of(
                  CopyView.of(police)
                      .withChildren(
                          List.of(
                              CopyView.of(sheriff)
                                  .withChildren(
                                      List.of(CopyView.of(ice).withChildren(List.of()))))))),
          CustodyTree.byPolicy(List.of(STATUS_QUO), live));

      assertEquals(
          ExpectedMeasures.with(
              "sharesViaRequest",
              1,
              "copiesCreated",
              3,
              "copiesCreated.REQUESTING_POLICE",
              1,
              "copiesCreated.OTHER_AGENCY",
              1,
              "copiesCreated.FEDERAL_AGENCY",
              1,
              "copiesAlive",
              3,
              "copiesAlive.REQUESTING_POLICE",
              1,
              "copiesAlive.OTHER_AGENCY",
              1,
              "copiesAlive.FEDERAL_AGENCY",
              1,
              "householdsExposed",
              1,
              "householdsExposed.REQUESTING_POLICE",
              1,
              "householdsExposed.OTHER_AGENCY",
              1,
              "householdsExposed.FEDERAL_AGENCY",
              1,
              "addressesDisclosed",
              1),
          SharingDriver.lastDay(sharing.stats(), STATUS_QUO));
    }
  }

  @Test
  void recordsEveryDownloadOfPublicPostAsCopyOfTheFeedCopy() {
    try (SharingDriver sharing = SharingDriver.enforcing(STATUS_QUO)) {
      sharing.send(
          postedToFeed("copy-post", DOORSTEP_CLIP, "feed-riverside", day(1)),
          downloaded("copy-dl-1", "copy-post", DOORSTEP_CLIP, "person-1", day(1, 2)),
          downloaded("copy-dl-2", "copy-post", DOORSTEP_CLIP, "person-2", day(1, 3)),
          downloaded("copy-dl-3", "copy-post", DOORSTEP_CLIP, "person-1", day(2)),
          tick(day(3), true));

      assertEquals(
          List.of(
              "copy-post <- null by feed-riverside NEIGHBOURHOOD_FEED",
              "copy-dl-1 <- copy-post by person-1 PUBLIC",
              "copy-dl-2 <- copy-post by person-2 PUBLIC",
              "copy-dl-3 <- copy-post by person-1 PUBLIC"),
          sharing.ledger().stream()
              .map(
                  c ->
                      c.getCopyId()
                          + " <- "
                          + c.getParentCopyId()
                          + " by "
                          + c.getHolderId()
                          + " "
                          + c.getHolderType())
              .toList());
      assertEquals(
          List.of("copy-dl-1", "copy-dl-3"),
          CopyStores.copiesOfHolder(
                  sharing.store(CopyStores.HOLDER_COPIES),
                  sharing.store(CopyStores.COPIES),
                  List.of(STATUS_QUO),
                  "person-1")
              .stream()
              .map(CopyLedgerEntry::getCopyId)
              .toList());
      assertEquals(
          ExpectedMeasures.with(
              "sharesViaPost",
              1,
              "copiesCreated",
              4,
              "copiesCreated.NEIGHBOURHOOD_FEED",
              1,
              "copiesCreated.PUBLIC",
              3,
              "copiesAlive",
              4,
              "copiesAlive.NEIGHBOURHOOD_FEED",
              1,
              "copiesAlive.PUBLIC",
              3,
              "householdsExposed",
              1,
              "householdsExposed.NEIGHBOURHOOD_FEED",
              1,
              "householdsExposed.PUBLIC",
              1),
          SharingDriver.lastDay(sharing.stats(), STATUS_QUO));
    }
  }

  private static CopyLedgerEntry alive(
      String copyId,
      String parentCopyId,
      String holderId,
      HolderType holderType,
      CopyKind kind,
      long madeAt) {
    return CopyLedgerEntry.newBuilder()
        .setPolicy(STATUS_QUO)
        .setCopyId(copyId)
        .setParentCopyId(parentCopyId)
        .setClipId(DOORSTEP_CLIP.clipId())
        .setCameraId(DOORSTEP_CLIP.cameraId())
        .setHouseholdId(DOORSTEP_CLIP.householdId())
        .setClipRecordedAt(DOORSTEP_CLIP.recordedAt())
        .setHolderId(holderId)
        .setHolderType(holderType)
        .setKind(kind)
        .setChannel(ShareChannel.POLICE_REQUEST)
        .setRequestId("req-1")
        .setAddressDisclosed(true)
        .setMadeAt(madeAt)
        .setExpiresAt(null)
        .setStatus(CopyStatus.ALIVE)
        .setUpdatedAt(madeAt)
        .build();
  }
}
