package io.camfleet.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.avro.DailyStats;
import io.camfleet.streams.stats.FlatStatsJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A finished run's dashboard: its final statistics and a "finished" status, with no Kafka. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class FinishedDashboardTest {

  @Test
  void servesTheFinalStatisticsAndSaysTheRunFinished() throws Exception {
    List<DailyStats> stats =
        List.of(
            DashboardBrowserIT.day("2019-06-01", false),
            DashboardBrowserIT.day("2019-06-02", true));
    List<StageMarks> marks =
        List.of(
            new StageMarks(
                "status-quo-2019",
                "#000000",
                List.of(new StageMarks.Stage(LocalDate.parse("2019-06-02"), "2019-06-02"))));
    try (DashboardServer server = DashboardServer.finished(stats, marks, "127.0.0.1", 0)) {
      assertEquals(200, get(server, "").statusCode());
      assertEquals(StageMarks.json(marks), get(server, "stages.json").body());
      assertEquals(
          List.of(
              ": camfleet statistics",
              "",
              "data: " + FlatStatsJson.of(stats.get(0)),
              "",
              "data: " + FlatStatsJson.of(stats.get(1)),
              ""),
          firstLines(server, "events", 6));
      assertEquals(
          List.of(
              ": camfleet kafka status",
              "",
              "data: {\"state\":\"finished\",\"message\":\"The run has finished: these are its"
                  + " final statistics, Kafka is gone\"}",
              ""),
          firstLines(server, "status", 4));
    }
  }

  private static HttpResponse<String> get(DashboardServer server, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(server.url() + path))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> firstLines(DashboardServer server, String path, int count)
      throws Exception {
    HttpResponse<Stream<String>> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.url() + path))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofLines());
    List<String> lines = new ArrayList<>();
    try (Stream<String> body = response.body()) {
      Iterator<String> it = body.iterator();
      while (lines.size() < count && it.hasNext()) {
        lines.add(it.next());
      }
    }
    return lines;
  }
}
