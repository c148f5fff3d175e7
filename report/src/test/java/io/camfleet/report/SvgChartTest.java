package io.camfleet.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SvgChartTest {

  @Test
  void roundsTheValueAxisUpToAWholeNumberOfRoundSteps() {
    assertArrayEquals(new long[] {1, 1}, SvgChart.valueAxis(0));
    assertArrayEquals(new long[] {2, 8}, SvgChart.valueAxis(7));
    assertArrayEquals(new long[] {5, 20}, SvgChart.valueAxis(18));
    assertArrayEquals(new long[] {100_000, 300_000}, SvgChart.valueAxis(292_000));
  }

  @Test
  void labelsAtMostSixDaysIncludingTheFirstAndLast() {
    assertEquals(List.of(0), SvgChart.dateTicks(1));
    assertEquals(List.of(0, 1, 2), SvgChart.dateTicks(3));
    assertEquals(List.of(0, 73, 146, 218, 291, 364), SvgChart.dateTicks(365));
  }

  @Test
  void abbreviatesLargeAxisNumbers() {
    assertEquals(
        List.of("0", "9,999", "10k", "12.5k", "1M", "2.25M"),
        List.of(0L, 9_999L, 10_000L, 12_500L, 1_000_000L, 2_250_000L).stream()
            .map(SvgChart::axisNumber)
            .toList());
  }
}
