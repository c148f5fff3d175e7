package io.camfleet.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.kafka.ClientConfig;
import io.camfleet.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
    server = DashboardServer.start(
        ClientConfig.of("127.0.0.1:9", null), List.of(Topics.RETENTION_STATS, Topics.EXPOSURE_STATS), "127.0.0.1", 0);
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
    assertTrue(page.body().contains("src=\"/webjars/uplot/1.6.30/dist/uPlot.iife.min.js\""), page.body());
    assertTrue(page.body().contains("default-src 'self'"), "the page may load nothing from elsewhere");
    assertTrue(page.body().contains("src=\"/dashboard.js\""), page.body());
  }

  @Test
  void servesEveryScriptAndStyleThePageNames() throws Exception {
    for (String path : List.of("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js", "/webjars/uplot/1.6.30/dist/uPlot.min.css",
        "/dashboard.js", "/dashboard.css")) {
      HttpResponse<String> response = get(path);
      assertEquals(200, response.statusCode(), path);
      assertTrue(response.body().length() > 100, path);
    }
    assertTrue(get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").headers().firstValue("Content-Type").orElse("")
        .startsWith("text/javascript"));
  }

  @Test
  void answers404OutsideTheWebJarsAndPages() throws Exception {
    assertEquals(
        List.of(404, 404, 404),
        List.of(get("/webjars/../logback.xml").statusCode(), get("/webjars/uplot/missing.js").statusCode(),
            get("/etc/passwd").statusCode()));
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
