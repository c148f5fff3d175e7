package io.camfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InfoRecordsTest {

  @Test
  void lowerCasesTheWorldFileDigest() {
    WorldInfo world = new WorldInfo("w", 1, 1, 1, "2019-01-01", "worlds/w.yaml", "AB".repeat(32));

    assertEquals("ab".repeat(32), world.worldFileSha256());
  }

  @Test
  void rejectsWorldFileDigestThatIsNotSha256() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> new WorldInfo("w", 1, 1, 1, "2019-01-01", "worlds/w.yaml", "abc"));

    assertEquals("world file sha256 must be 64 hexadecimal digits: 'abc'", error.getMessage());
  }

  @Test
  void rejectsWorldWithoutDays() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> new WorldInfo("w", 1, 1, 0, "2019-01-01", "worlds/w.yaml", "a".repeat(64)));

    assertEquals("a world runs at least one day: 0", error.getMessage());
  }

  @Test
  void rejectsBlankPolicyName() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> new PolicyInfo(" ", "", "policies/p.yaml", "a".repeat(64)));

    assertEquals("policy name must not be blank", error.getMessage());
  }

  @Test
  void stripsPolicyDescription() {
    PolicyInfo policy = new PolicyInfo("p", "  kept 30 days \n", "policies/p.yaml", "a".repeat(64));

    assertEquals("kept 30 days", policy.description());
  }
}
