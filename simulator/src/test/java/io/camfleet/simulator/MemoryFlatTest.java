package io.camfleet.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Memory grows with cameras, not with events: a long run fits a small heap and its heap stays
 * level.
 */
class MemoryFlatTest {
  private static final long MIB = 1024 * 1024;

  @Test
  @Timeout(120)
  void twoThousandDaysRunInA32MiBHeapWithoutGrowing() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-Xmx32m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                MemoryProbe.class.getName(),
                Worlds.file("default").toString(),
                "200",
                "2000")
            .redirectErrorStream(true)
            .start();
    String output =
        new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(child.waitFor(100, TimeUnit.SECONDS));
    assertEquals(0, child.exitValue(), output);
    String last = output.lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(last.startsWith("events="), output);
    long events = Long.parseLong(last.substring("events=".length(), last.indexOf(' ')));
    List<Long> used =
        Arrays.stream(last.substring(last.indexOf("used=") + 5).split(","))
            .map(Long::valueOf)
            .toList();
    // millions of events passed through a heap a tenth of their size
    assertTrue(events > 2_000_000, output);
    assertTrue(used.size() >= 8, output);
    long early = used.get(1);
    long late = used.stream().skip(used.size() - 3).mapToLong(Long::longValue).max().orElseThrow();
    assertTrue(
        late - early < 2 * MIB,
        () -> "heap grew from " + early + " to " + late + " bytes: " + output);
  }
}
