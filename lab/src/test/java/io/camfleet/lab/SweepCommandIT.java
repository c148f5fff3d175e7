package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.report.ReportKey;
import io.camfleet.testkafka.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A sweep of a tiny world: every variant, policy, seed and measure is one row of sweep.csv. */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class SweepCommandIT {
  @TempDir Path tmp;

  @Test
  void writesOneRowPerVariantPolicySeedAndMeasure() throws Exception {
    Path out = tmp.resolve("sweep");
    int code =
        Camfleet.execute(
            "sweep",
            "--world",
            "../worlds/default.yaml",
            "--vary",
            "cameras=8",
            "--vary",
            "days=6",
            "--vary",
            "residents.shareProbability=0.1,0.4",
            "--policy",
            "../policies/status-quo-2019.yaml",
            "--policy",
            "../policies/eu-30-days.yaml",
            "--seeds",
            "2",
            "--bootstrap-servers",
            TestKafka.bootstrapServers(),
            "--out",
            out.toString());
    assertEquals(0, code);
    assertTrue(Files.isRegularFile(out.resolve("sweep.html")));
    List<String> lines = Files.readAllLines(out.resolve("sweep.csv"));
    assertEquals("cameras,days,residents.shareProbability,policy,seed,measure,value", lines.get(0));
    List<List<String>> rows = lines.stream().skip(1).map(l -> List.of(l.split(","))).toList();
    int measures = ReportKey.ALL.size();
    assertEquals(2 * 2 * 2 * measures, rows.size());
    Set<String> variantPolicySeed = new TreeSet<>();
    rows.forEach(r -> variantPolicySeed.add(r.get(2) + "/" + r.get(3) + "/" + r.get(4)));
    assertEquals(8, variantPolicySeed.size(), variantPolicySeed.toString());
    assertEquals(Set.of("0.1", "0.4"), new TreeSet<>(rows.stream().map(r -> r.get(2)).toList()));
  }
}
