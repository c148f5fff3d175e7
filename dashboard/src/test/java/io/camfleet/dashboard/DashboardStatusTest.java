package io.camfleet.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * With no broker at its address, the dashboard says so on /status and in one log line, and its
 * Kafka client stays quiet.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class DashboardStatusTest {
  private final ListAppender<ILoggingEvent> dashboardLog = new ListAppender<>();
  private final ListAppender<ILoggingEvent> kafkaLog = new ListAppender<>();

  @BeforeEach
  void captureLogs() {
    dashboardLog.start();
    kafkaLog.start();
    logger(DashboardServer.class.getName()).addAppender(dashboardLog);
    logger("org.apache.kafka").addAppender(kafkaLog);
  }

  @AfterEach
  void releaseLogs() {
    logger(DashboardServer.class.getName()).detachAppender(dashboardLog);
    logger("org.apache.kafka").detachAppender(kafkaLog);
  }

  @Test
  void reportsAClosedPortAsUnreachableOnceWhileRetrying() throws Exception {
    String address = "127.0.0.1:" + ClosedPort.take();
    try (DashboardServer server =
        DashboardServer.start(
            ClientConfig.of(address, null),
            List.of(Topics.RETENTION_STATS, Topics.EXPOSURE_STATS),
            "127.0.0.1",
            0,
            Duration.ofMillis(50),
            List.of())) {
      assertTrue(server.awaitProbes(1, Duration.ofSeconds(30)), "a first probe");
      assertEquals(
          List.of(
              ": camfleet kafka status",
              "",
              "data: {\"state\":\"unreachable\",\"message\":\"Cannot reach Kafka at "
                  + address
                  + ": connection refused; retrying\"}",
              ""),
          firstStatus(server));

      assertTrue(server.awaitProbes(6, Duration.ofSeconds(30)), "five more probes");
      assertEquals(
          List.of("WARN Cannot reach Kafka at " + address + ": connection refused; retrying"),
          lines(dashboardLog));
      assertEquals(List.of(), lines(kafkaLog), "the consumer tried no connection");
    }
  }

  @Test
  void startsAndWaitsForAServerNameThatDoesNotResolve() throws Exception {
    String address = "no-such-broker.invalid:9092";
    try (DashboardServer server =
        DashboardServer.start(
            ClientConfig.of(address, null),
            List.of(Topics.RETENTION_STATS, Topics.EXPOSURE_STATS),
            "127.0.0.1",
            0,
            Duration.ofMillis(50),
            List.of())) {
      assertTrue(server.awaitProbes(3, Duration.ofSeconds(30)), "three probes");
      assertEquals(
          List.of(
              ": camfleet kafka status",
              "",
              "data: {\"state\":\"unreachable\",\"message\":\"Cannot reach Kafka at "
                  + address
                  + ": unknown host; retrying\"}",
              ""),
          firstStatus(server));
      assertEquals(
          List.of("WARN Cannot reach Kafka at " + address + ": unknown host; retrying"),
          lines(dashboardLog));
    }
  }

  /** The first four lines of /status: its comment, then the status now as one event. */
  private static List<String> firstStatus(DashboardServer server) throws Exception {
    HttpResponse<Stream<String>> status =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.url() + "status"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofLines());
    assertEquals(
        "text/event-stream; charset=utf-8", status.headers().firstValue("Content-Type").orElse(""));
    List<String> lines = new ArrayList<>();
    try (Stream<String> body = status.body()) {
      Iterator<String> it = body.iterator();
      while (lines.size() < 4 && it.hasNext()) {
        lines.add(it.next());
      }
    }
    return lines;
  }

  private static Logger logger(String name) {
    return (Logger) LoggerFactory.getLogger(name);
  }

  private static List<String> lines(ListAppender<ILoggingEvent> appender) {
    synchronized (appender) {
      return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }
  }
}
