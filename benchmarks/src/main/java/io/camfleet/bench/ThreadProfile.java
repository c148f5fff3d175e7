package io.camfleet.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the CPU went during a measurement, by thread group (thread names with their numbers and ids
 * blanked): a coarse profile that needs no agent, taken before the measured threads stop.
 */
final class ThreadProfile {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private final Map<Long, Long> cpuAtStart = new HashMap<>();
  private final long wallStart = System.nanoTime();

  private ThreadProfile() {
    for (long id : THREADS.getAllThreadIds()) {
      cpuAtStart.put(id, Math.max(0, THREADS.getThreadCpuTime(id)));
    }
  }

  static ThreadProfile start() {
    return new ThreadProfile();
  }

  /** The top groups as {@code name NN% of a core}, busiest first. */
  String top(int groups) {
    double wall = (System.nanoTime() - wallStart) / 1e9;
    Map<String, Long> byGroup = new HashMap<>();
    long[] ids = THREADS.getAllThreadIds();
    ThreadInfo[] infos = THREADS.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      long cpu = THREADS.getThreadCpuTime(ids[i]);
      if (infos[i] == null || cpu < 0) {
        continue;
      }
      long used = cpu - cpuAtStart.getOrDefault(ids[i], 0L);
      byGroup.merge(group(infos[i].getThreadName()), used, Long::sum);
    }
    Map<String, Long> sorted =
        byGroup.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .limit(groups)
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    return sorted.entrySet().stream()
        .map(
            e ->
                String.format(
                    Locale.ROOT, "%s %.0f%%", e.getKey(), 100 * e.getValue() / 1e9 / wall))
        .collect(Collectors.joining(", "));
  }

  static String group(String threadName) {
    return threadName
        .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "*")
        .replaceAll("\\d+", "#");
  }
}
