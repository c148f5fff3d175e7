package io.camfleet.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.tools.ConsumerPerformance;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * Kafka's own performance tools, run in this process through their {@code main} (which returns
 * normally; an exit on a usage error is turned into an exception) with their printed throughput
 * parsed from standard output.
 */
final class KafkaTools {
  private static final Pattern PRODUCER_RATE =
      Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec");

  private KafkaTools() {}

  /**
   * Records per second that {@code ProducerPerformance} reports over the whole run, committing a
   * transaction every {@code transactionMs} as the simulator's sink does.
   */
  static double producerPerformance(
      String bootstrap,
      String topic,
      long records,
      int recordSize,
      Map<String, String> producerProps,
      long transactionMs)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--bootstrap-server",
                bootstrap,
                "--topic",
                topic,
                "--num-records",
                Long.toString(records),
                "--record-size",
                Integer.toString(recordSize),
                "--throughput",
                "-1",
                "--transactional-id",
                "bench-producer-performance-" + topic,
                "--transaction-duration-ms",
                Long.toString(transactionMs),
                "--producer-props"));
    producerProps.forEach((k, v) -> args.add(k + "=" + v));
    String out = captured(() -> ProducerPerformance.main(args.toArray(String[]::new)));
    return parseProducerRate(out);
  }

  /**
   * Records per second that {@code ConsumerPerformance} reports (nMsg.sec: from before joining to
   * the last record).
   */
  static double consumerPerformance(String bootstrap, String topic, long records) throws Exception {
    String[] args = {
      "--bootstrap-server",
      bootstrap,
      "--topic",
      topic,
      "--messages",
      Long.toString(records),
      "--timeout",
      "120000",
      "--group",
      "bench-consumer-perf-" + System.nanoTime()
    };
    String out = captured(() -> ConsumerPerformance.main(args));
    return parseConsumerRate(out);
  }

  /** The last summary line's rate: {@code N records sent, R records/sec (...)}. */
  static double parseProducerRate(String out) {
    Matcher m = PRODUCER_RATE.matcher(out);
    double rate = Double.NaN;
    while (m.find()) {
      rate = Double.parseDouble(m.group(2));
    }
    if (Double.isNaN(rate)) {
      throw new IllegalStateException("ProducerPerformance printed no summary:\n" + out);
    }
    return rate;
  }

  /**
   * The nMsg.sec column (the sixth) of the line after the {@code start.time, end.time, ...} header.
   */
  static double parseConsumerRate(String out) {
    List<String> lines = out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    for (int i = 0; i < lines.size() - 1; i++) {
      if (lines.get(i).startsWith("start.time")) {
        String[] cols = lines.get(i + 1).split(",\\s*");
        return Double.parseDouble(cols[5]);
      }
    }
    throw new IllegalStateException("ConsumerPerformance printed no summary:\n" + out);
  }

  interface Tool {
    void run() throws Exception;
  }

  private static synchronized String captured(Tool tool) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Exit.setExitProcedure(
        (code, message) -> {
          throw new IllegalStateException(
              "Kafka tool exited with " + code + (message == null ? "" : ": " + message));
        });
    try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      tool.run();
    } finally {
      System.setOut(original);
      Exit.resetExitProcedure();
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
