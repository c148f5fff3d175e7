package io.camfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatisticsTest {

  @Test
  void tQuantilesMatchTheClosedFormsForOneAndTwoDegreesOfFreedom() {
    // df = 1 is the Cauchy distribution: t = tan(pi (p - 1/2))
    assertEquals(Math.tan(Math.PI * 0.475), StudentT.quantile(0.975, 1), 1e-9);
    // df = 2: t = (2p - 1) / sqrt(2 p (1 - p))
    assertEquals(0.95 / Math.sqrt(2 * 0.975 * 0.025), StudentT.quantile(0.975, 2), 1e-10);
    assertEquals(-0.8 / Math.sqrt(2 * 0.1 * 0.9), StudentT.quantile(0.1, 2), 1e-10);
  }

  @Test
  void tQuantilesMatchTheTable() {
    // two-sided 95% critical values, as printed in t tables (3 decimals)
    double[][] table = {
      {1, 12.706},
      {2, 4.303},
      {3, 3.182},
      {4, 2.776},
      {5, 2.571},
      {9, 2.262},
      {10, 2.228},
      {19, 2.093},
      {29, 2.045},
      {30, 2.042},
      {60, 2.000},
      {120, 1.980}
    };
    for (double[] row : table) {
      assertEquals(row[1], StudentT.quantile(0.975, row[0]), 0.0005, "df " + row[0]);
    }
    // one-sided 90% and 99.5%
    assertEquals(1.533, StudentT.quantile(0.9, 4), 0.0005);
    assertEquals(4.604, StudentT.quantile(0.995, 4), 0.0005);
    // many degrees of freedom approach the normal 1.959964
    assertEquals(1.959964, StudentT.quantile(0.975, 1e7), 1e-5);
  }

  @Test
  void cdfIsSymmetricAndInvertsTheQuantile() {
    assertEquals(0.5, StudentT.cdf(0, 3), 1e-15);
    assertEquals(1 - StudentT.cdf(1.7, 6), StudentT.cdf(-1.7, 6), 1e-14);
    assertEquals(0.975, StudentT.cdf(StudentT.quantile(0.975, 7), 7), 1e-12);
    // df = 1: P(T <= 1) = 3/4
    assertEquals(0.75, StudentT.cdf(1, 1), 1e-12);
  }

  @Test
  void estimateOfFiveValuesHasTheHandComputedInterval() {
    // mean 3; sd = sqrt(10 / 4); half width = t(0.975, 4) sd / sqrt(5) with t = 2.7764451051977987
    Estimate estimate = Estimate.of(List.of(1, 2, 3, 4, 5));
    assertEquals(5, estimate.n());
    assertEquals(3.0, estimate.mean(), 0);
    assertEquals(Math.sqrt(2.5), estimate.sd(), 1e-12);
    assertEquals(1.0367568385224393, estimate.low(), 1e-9);
    assertEquals(4.9632431614775605, estimate.high(), 1e-9);
    assertTrue(estimate.excludesZero());
  }

  @Test
  void oneValueHasNoStandardDeviationOrInterval() {
    Estimate estimate = Estimate.of(List.of(7L));
    assertEquals(7.0, estimate.mean(), 0);
    assertFalse(estimate.hasInterval());
    assertFalse(estimate.excludesZero());
    assertTrue(Double.isNaN(estimate.sd()));
    assertTrue(Double.isNaN(estimate.low()));
    assertTrue(Double.isNaN(estimate.high()));
  }

  @Test
  void equalValuesHaveAZeroWidthInterval() {
    Estimate estimate = Estimate.of(List.of(4, 4, 4));
    assertEquals(
        List.of(4.0, 0.0, 4.0, 4.0),
        List.of(estimate.mean(), estimate.sd(), estimate.low(), estimate.high()));
  }

  @Test
  void intervalStraddlingZeroDoesNotExcludeIt() {
    assertFalse(Estimate.of(List.of(-1, 2, 1)).excludesZero());
    assertTrue(Estimate.of(List.of(-5, -6, -4)).excludesZero());
  }

  @Test
  void differenceGivesRelativeChangeAndItsInterval() {
    // paired differences 3, 2, 4: mean 3, sd 1, half width t(0.975, 2) / sqrt(3); baseline mean 11
    Difference difference = new Difference(Estimate.of(List.of(3, 2, 4)), 11);
    double half = 0.95 / Math.sqrt(2 * 0.975 * 0.025) / Math.sqrt(3);
    assertEquals(3 - half, difference.diff().low(), 1e-9);
    assertEquals(0.5158622881562471, difference.diff().low(), 1e-9);
    assertEquals(3.0 / 11, difference.relative(), 1e-15);
    assertEquals((3 - half) / 11, difference.relativeLow(), 1e-12);
    assertEquals((3 + half) / 11, difference.relativeHigh(), 1e-12);
    assertFalse(difference.none());
  }

  @Test
  void relativeChangeFromAZeroBaselineIsUndefined() {
    Difference difference = new Difference(Estimate.of(List.of(1, 2)), 0);
    assertFalse(difference.hasRelative());
    assertTrue(Double.isNaN(difference.relative()));
  }

  @Test
  void rejectsProbabilitiesOutsideTheOpenInterval() {
    assertThrows(IllegalArgumentException.class, () -> StudentT.quantile(1, 3));
    assertThrows(IllegalArgumentException.class, () -> StudentT.quantile(0, 3));
    assertThrows(IllegalArgumentException.class, () -> StudentT.cdf(1, 0));
  }
}
