package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ReplicatesTest {
  private record Outcome(int exitCode, String err) {}

  private static Outcome run(String... args) {
    CommandLine cli = Camfleet.commandLine();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    return new Outcome(cli.execute(args), err.toString());
  }

  @Test
  void derivedSeedsStartWithTheWorldsOwnAndAreTheSameEveryTime() {
    List<Long> five = Replicates.derive(42, 5);
    assertEquals(42L, five.get(0));
    assertEquals(five, Replicates.derive(42, 5));
    assertEquals(five.subList(0, 3), Replicates.derive(42, 3));
    assertEquals(5, new HashSet<>(five).size());
    five.forEach(seed -> assertTrue(seed >= 0 && seed < (1L << 31), "31 bits: " + seed));
    assertEquals(List.of(42L), Replicates.derive(42, 1));
  }

  @Test
  void anotherWorldSeedDerivesOtherSeeds() {
    assertTrue(
        !Replicates.derive(42, 3).subList(1, 3).equals(Replicates.derive(43, 3).subList(1, 3)));
  }

  private static void refused(String message, String... args) {
    String[] withWorld = new String[args.length + 2];
    withWorld[0] = args[0];
    withWorld[1] = "--world";
    withWorld[2] = "../worlds/default.yaml";
    System.arraycopy(args, 1, withWorld, 3, args.length - 1);
    Outcome outcome = run(withWorld);
    assertEquals(2, outcome.exitCode(), outcome.err());
    assertTrue(outcome.err().contains(message), outcome.err());
    assertEquals(1, outcome.err().strip().lines().count(), outcome.err());
  }

  @Test
  void zeroSeedsIsAUsageError() {
    refused("--seeds must be between 1 and 100, not 0", "run", "--seeds", "0");
  }

  @Test
  void tooManySeedsIsAUsageError() {
    refused("--seeds must be between 1 and 100, not 101", "run", "--seeds", "101");
  }

  @Test
  void bothSeedsAndSeedListIsAUsageError() {
    refused("give --seeds or --seed-list, not both", "run", "--seeds", "2", "--seed-list", "7,8");
  }

  @Test
  void aDuplicateInTheSeedListIsAUsageError() {
    refused("--seed-list names seed 7 twice", "run", "--seed-list", "7,8,7");
  }

  @Test
  void anEmptyItemInTheSeedListIsAUsageError() {
    refused("--seed-list has an empty item", "run", "--seed-list", "7,,8");
  }

  @Test
  void anEmptySeedListIsAUsageError() {
    refused("--seed-list", "run", "--seed-list", "");
  }

  @Test
  void aSeedListItemThatIsNoNumberIsAUsageError() {
    refused("--seed-list: 'x' is not a whole number", "run", "--seed-list", "7,x");
  }

  @Test
  void anUnknownBaselineIsAUsageErrorNamingThePolicies() {
    refused(
        "--baseline 'status-quo' is not one of the policies of the run: ",
        "run",
        "--policy",
        "../policies/status-quo-2019.yaml",
        "--baseline",
        "status-quo");
  }
}
