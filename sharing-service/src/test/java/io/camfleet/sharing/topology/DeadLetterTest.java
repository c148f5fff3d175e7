package io.camfleet.sharing.topology;

import static io.camfleet.sharing.topology.WorldFixtures.clip;
import static io.camfleet.sharing.topology.WorldFixtures.day;
import static io.camfleet.sharing.topology.WorldFixtures.forwarded;
import static io.camfleet.sharing.topology.WorldFixtures.narrowRequest;
import static io.camfleet.sharing.topology.WorldFixtures.sharedWithPolice;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.avro.HolderType;
import io.camfleet.sharing.topology.WorldFixtures.Clip;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterTest {
  private static final Clip CLIP = clip("clip-1", "cam-1", "house-1", day(0, 20));
  private static final Clip OTHER_CLIP = clip("clip-2", "cam-1", "house-1", day(0, 21));

  @Test
  void deadLettersCopiesThatCannotExistAndGoesOn() {
    try (SharingDriver sharing = SharingDriver.enforcing("status-quo-2019", "no-forwarding")) {
      sharing.send(
          forwarded(
              "copy-orphan", "copy-never-made", CLIP, "agency-x", HolderType.OTHER_AGENCY, day(1)),
          sharedWithPolice("copy-police", CLIP, "agency-fll", narrowRequest("req-1", CLIP), day(2)),
          sharedWithPolice("copy-police", CLIP, "agency-fll", narrowRequest("req-1", CLIP), day(2)),
          forwarded(
              "copy-mixed",
              "copy-police",
              OTHER_CLIP,
              "agency-x",
              HolderType.OTHER_AGENCY,
              day(3)));

      assertEquals(
          List.of(
              "copy copy-orphan names parent copy copy-never-made, which was never made",
              "share copy-police repeats an existing copy id",
              "copy copy-mixed of clip clip-2 names parent copy copy-police of clip clip-1"),
          sharing.deadLetterErrors());
      assertEquals(
          List.of("status-quo-2019/copy-police", "no-forwarding/copy-police"),
          sharing.ledger().stream().map(c -> c.getPolicy() + "/" + c.getCopyId()).toList());
      assertEquals(List.of(), sharing.receipts());
    }
  }
}
