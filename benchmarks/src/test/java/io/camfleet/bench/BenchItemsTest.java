package io.camfleet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.camfleet.simulator.world.World;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchItemsTest {
  @Test
  void itemsAreSortedAndRepeatsCountOnce() {
    assertEquals(List.of(1, 3, 5), List.copyOf(BenchCommand.parseItems(List.of(5, 1, 3, 1))));
  }

  @Test
  void anItemOutsideOneToFiveIsRefusedByNumber() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BenchCommand.parseItems(List.of(1, 6)));
    assertEquals("--items takes the numbers 1 to 5, not 6", e.getMessage());
  }

  @Test
  void theFleetSliceIsTheFleetWorldsFirstDaysWithAllItsCamerasOrAFewAtTheTinySize() {
    BenchCommand bench = fleetBench(null);
    World small = bench.fleetSlice(BenchSize.SMALL);
    assertEquals(
        List.of("fleet-100k", 3, 100_000), List.of(small.name(), small.days(), small.cameras()));
    World tiny = bench.fleetSlice(BenchSize.TINY);
    assertEquals(List.of(1, 200), List.of(tiny.days(), tiny.cameras()));
    assertEquals(7, fleetBench(7).fleetSlice(BenchSize.SMALL).days());
  }

  @Test
  void fleetDaysOutsideTheWorldAreRefusedByName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> fleetBench(91).fleetSlice(BenchSize.SMALL));
    assertEquals("--fleet-days must be 1 to 90 for " + FLEET + ", not 91", e.getMessage());
  }

  private static final Path FLEET =
      Path.of("..", "worlds", "fleet-100k.yaml").toAbsolutePath().normalize();

  private static BenchCommand fleetBench(Integer days) {
    BenchCommand bench = new BenchCommand();
    bench.fleetWorldFile = FLEET;
    bench.fleetDays = days;
    return bench;
  }
}
