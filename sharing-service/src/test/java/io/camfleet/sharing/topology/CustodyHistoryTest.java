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

import io.camfleet.avro.HolderType;
import io.camfleet.provenance.CustodyCopy;
import io.camfleet.sharing.topology.WorldFixtures.Clip;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stores keep every copy that ended, and every receipt, for the custody history. */
class CustodyHistoryTest {
  private static final Clip DOORSTEP_CLIP = clip("clip-1", "cam-1", "house-1", day(0, 20));
  private static final String POLICY = "police-copies-180-days";

  @Test
  void keepsExpiredAndBlockedCopiesBesideTheLiveOnes() {
    try (SharingDriver sharing = SharingDriver.enforcing(POLICY, "no-forwarding")) {
      sharing.send(
          sharedWithPolice(
              "copy-police",
              DOORSTEP_CLIP,
              "agency-fll",
              narrowRequest("req-1", DOORSTEP_CLIP),
              day(1)),
          postedToFeed("copy-post", DOORSTEP_CLIP, "feed-riverside", day(2)),
          forwarded(
              "copy-ice",
              "copy-police",
              DOORSTEP_CLIP,
              "agency-ice",
              HolderType.FEDERAL_AGENCY,
              day(11)),
          tick(day(185), false),
          downloaded("copy-saved", "copy-post", DOORSTEP_CLIP, "person-1", day(186)),
          forwarded(
              "copy-late",
              "copy-police",
              DOORSTEP_CLIP,
              "agency-sheriff",
              HolderType.OTHER_AGENCY,
              day(187)),
          tick(day(200), true));

      List<String> policies = List.of(POLICY, "no-forwarding");
      assertEquals(
          List.of(
              POLICY
                  + " copy-police made "
                  + at(day(1))
                  + " EXPIRED "
                  + at(day(181))
                  + " COPY_EXPIRED HOLDER_LIFETIME_ENDED",
              POLICY + " copy-post made " + at(day(2)) + " ALIVE",
              POLICY
                  + " copy-ice made "
                  + at(day(11))
                  + " EXPIRED "
                  + at(day(191))
                  + " COPY_EXPIRED HOLDER_LIFETIME_ENDED",
              POLICY + " copy-saved made " + at(day(186)) + " ALIVE",
              POLICY + " copy-late BLOCKED " + at(day(187)) + " FORWARD_BLOCKED NO_LIVE_PARENT",
              "no-forwarding copy-police made " + at(day(1)) + " ALIVE",
              "no-forwarding copy-post made " + at(day(2)) + " ALIVE",
              "no-forwarding copy-ice BLOCKED "
                  + at(day(11))
                  + " FORWARD_BLOCKED FORWARDING_FORBIDDEN",
              "no-forwarding copy-saved made " + at(day(186)) + " ALIVE",
              "no-forwarding copy-late BLOCKED "
                  + at(day(187))
                  + " FORWARD_BLOCKED FORWARDING_FORBIDDEN"),
          CopyStores.historyOfClip(
                  sharing.store(CopyStores.COPIES),
                  sharing.store(CopyStores.ENDED_COPIES),
                  sharing.store(CopyStores.RECEIPTS),
                  policies,
                  "clip-1")
              .stream()
              .map(CustodyHistoryTest::told)
              .toList());
      // live copies first, then the expired ones
      assertEquals(
          List.of(
              "no-forwarding copy-police made " + at(day(1)) + " ALIVE",
              POLICY
                  + " copy-police made "
                  + at(day(1))
                  + " EXPIRED "
                  + at(day(181))
                  + " COPY_EXPIRED HOLDER_LIFETIME_ENDED"),
          CopyStores.historyOfHolder(
                  sharing.store(CopyStores.HOLDER_COPIES),
                  sharing.store(CopyStores.COPIES),
                  sharing.store(CopyStores.HOLDER_ENDED_COPIES),
                  sharing.store(CopyStores.ENDED_COPIES),
                  sharing.store(CopyStores.RECEIPTS),
                  policies,
                  "agency-fll")
              .stream()
              .map(CustodyHistoryTest::told)
              .toList());
      assertEquals(
          List.of(POLICY + "|clip-1|copy-ice", POLICY + "|clip-1|copy-police"),
          sharing.keys(CopyStores.ENDED_COPIES));
      assertEquals(
          List.of(POLICY + "|agency-fll|copy-police", POLICY + "|agency-ice|copy-ice"),
          sharing.keys(CopyStores.HOLDER_ENDED_COPIES));
      assertEquals(
          List.of(
              "no-forwarding|clip-1|copy-ice",
              "no-forwarding|clip-1|copy-late",
              POLICY + "|clip-1|copy-ice",
              POLICY + "|clip-1|copy-late",
              POLICY + "|clip-1|copy-police"),
          sharing.keys(CopyStores.RECEIPTS));
    }
  }

  private static String told(CustodyCopy copy) {
    String made = copy.madeAt() == null ? "" : " made " + copy.madeAt();
    String ended =
        copy.endedAt() == null
            ? ""
            : " " + copy.endedAt() + " " + copy.receipt() + " " + copy.cause();
    return copy.policy() + " " + copy.copyId() + made + " " + copy.status() + ended;
  }

  private static Instant at(long time) {
    return Instant.ofEpochMilli(time);
  }
}
