package io.camfleet.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.schemas.Topics;
import io.camfleet.schemas.stats.StatsService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The page and the charting library come from the server itself, never from the network. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class DashboardServerTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static DashboardServer server;

  @BeforeAll
  static void startWithoutABroker() throws Exception {
    // nothing listens on port 9: the consumer keeps retrying while the pages are served
    server =
        DashboardServer.start(
            ClientConfig.of("127.0.0.1:9", null),
            List.of(Topics.RETENTION_STATS, Topics.EXPOSURE_STATS),
            "127.0.0.1",
            0,
            List.of(
                new StageMarks(
                    "ring-2018-2025",
                    "#0072B2",
                    List.of(
                        new StageMarks.Stage(LocalDate.parse("2021-06-03"), "2021-06-03"),
                        new StageMarks.Stage(LocalDate.parse("2024-01-24"), "2024-01-24"))),
                new StageMarks("status-quo-2019", "#000000", List.of())));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void servesThePageOnLoopbackWithUplotFromTheWebJar() throws Exception {
    HttpResponse<String> page = get("/");

    assertEquals("http://127.0.0.1:" + server.port() + "/", server.url());
    assertEquals(200, page.statusCode());
    assertTrue(
        page.body().contains("src=\"/webjars/uplot/1.6.30/dist/uPlot.iife.min.js\""), page.body());
    assertTrue(
        page.body().contains("default-src 'self'"), "the page may load nothing from elsewhere");
    assertTrue(page.body().contains("src=\"/dashboard.js\""), page.body());
  }

  @Test
  void servesEveryScriptAndStyleThePageNames() throws Exception {
    for (String path :
        List.of(
            "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js",
            "/webjars/uplot/1.6.30/dist/uPlot.min.css",
            "/dashboard.js",
            "/dashboard.css")) {
      HttpResponse<String> response = get(path);
      assertEquals(200, response.statusCode(), path);
      assertTrue(response.body().length() > 100, path);
    }
    assertTrue(
        get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js")
            .headers()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("text/javascript"));
  }

  @Test
  void servesTheStatisticsVocabularyAndTheChartsDrawnFromIt() throws Exception {
    HttpResponse<String> response = get("/vocabulary.json");
    JsonNode vocabulary = new ObjectMapper().readTree(response.body());

    assertEquals(200, response.statusCode());
    assertEquals(
        "application/json; charset=utf-8",
        response.headers().firstValue("Content-Type").orElse(""));
    for (StatsService service : StatsService.values()) {
      JsonNode node = vocabulary.get("services").get(service.ordinal());
      assertEquals(
          service.id() + " " + service.topic().name(),
          node.get("id").asText() + " " + node.get("topic").asText());
      List<String> measures = new ArrayList<>();
      node.get("measures")
          .forEach(
              m ->
                  measures.add(
                      m.get("name").asText()
                          + " "
                          + m.get("kind").asText()
                          + " "
                          + m.get("unit").asText()
                          + " "
                          + m.get("label").asText()
                          + ": "
                          + m.get("definition").asText()));
      assertEquals(
          service.measures().stream()
              .map(
                  m ->
                      m.wireName()
                          + " "
                          + m.kind().word()
                          + " "
                          + m.unit().word()
                          + " "
                          + m.label()
                          + ": "
                          + m.definition())
              .toList(),
          measures);
    }
    List<String> charts = new ArrayList<>();
    vocabulary
        .get("charts")
        .forEach(
            chart -> {
              StringBuilder line =
                  new StringBuilder(
                      chart.get("kind").asText() + " (" + chart.get("service").asText() + ")");
              chart
                  .get("series")
                  .forEach(
                      s ->
                          line.append(" ")
                              .append(s.get("measure").asText())
                              .append("=")
                              .append(s.get("label").asText()));
              charts.add(line.toString());
            });
    assertEquals(
        List.of(
            "footage (retention-service) clipsAlive=clips alive clipsExpired=clips expired"
                + " clipsExemptByShare=clips exempt by share",
            "copies (sharing-service) copiesAlive.REQUESTING_POLICE=requesting police"
                + " copiesAlive.OTHER_AGENCY=other agency copiesAlive.FEDERAL_AGENCY=federal agency"
                + " copiesAlive.NEIGHBOURHOOD_FEED=neighbourhood feed copiesAlive.PUBLIC=public",
            "requests (sharing-service) requests=requests sent notifications=request emails"
                + " answersShared=answers: shared"),
        charts);
  }

  @Test
  void servesEachPolicysStagesWithTheMidnightTheyTakeOverAndItsColour() throws Exception {
    HttpResponse<String> response = get("/stages.json");

    assertEquals(200, response.statusCode());
    assertEquals(
        "application/json; charset=utf-8",
        response.headers().firstValue("Content-Type").orElse(""));
    assertEquals(
        "{\"policies\":["
            + "{\"policy\":\"ring-2018-2025\",\"colour\":\"#0072B2\",\"stages\":["
            + "{\"from\":\"2021-06-03\",\"label\":\"2021-06-03\",\"at\":1622678400},"
            + "{\"from\":\"2024-01-24\",\"label\":\"2024-01-24\",\"at\":1706054400}]},"
            + "{\"policy\":\"status-quo-2019\",\"colour\":\"#000000\",\"stages\":[]}]}",
        response.body());
  }

  @Test
  void refusesMarksThePageCouldNotDrawBeforeStarting() {
    StageMarks.Stage june = new StageMarks.Stage(LocalDate.parse("2021-06-03"), "2021-06-03");
    List<String> problems = new ArrayList<>();
    for (java.util.function.Supplier<?> bad :
        List.<java.util.function.Supplier<?>>of(
            () -> new StageMarks("p", "red; background: url(x)", List.of()),
            () -> new StageMarks("p", "#000000", List.of(june, june)),
            () ->
                StageMarks.json(
                    List.of(
                        new StageMarks("p", "#000000", List.of()),
                        new StageMarks("p", "#0072B2", List.of()))))) {
      problems.add(
          org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, bad::get)
              .getMessage());
    }
    assertEquals(
        List.of(
            "policy 'p': colour must be #RRGGBB, not red; background: url(x)",
            "policy 'p': stages must start on increasing days, found 2021-06-03 then 2021-06-03",
            "policy 'p' is marked twice"),
        problems);
  }

  @Test
  void answers404OutsideTheWebJarsAndPages() throws Exception {
    assertEquals(
        List.of(404, 404, 404),
        List.of(
            get("/webjars/../logback.xml").statusCode(),
            get("/webjars/uplot/missing.js").statusCode(),
            get("/etc/passwd").statusCode()));
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
