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
            0);
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
            "requests (sharing-service) requests=police requests notifications=request emails"
                + " answersShared=answers: shared"),
        charts);
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
