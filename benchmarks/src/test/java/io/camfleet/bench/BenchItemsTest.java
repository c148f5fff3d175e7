package io.camfleet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
