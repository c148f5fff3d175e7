package io.camfleet.streams.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.streams.ListenException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry and its HTTP endpoint, over real HTTP on a loopback port. */
class ServiceMetricsTest {
  private enum Fate {
    KEPT,
    DELETED
  }

  private final HttpClient client = HttpClient.newHttpClient();
  private ServiceMetrics metrics;
  private MetricsHttpServer server;

  @BeforeEach
  void start() {
    metrics = new ServiceMetrics("test-service");
    server = MetricsHttpServer.start("127.0.0.1", 0, metrics);
  }

  @AfterEach
  void stop() {
    server.close();
    metrics.close();
  }

  @Test
  void servesEveryCounterWithItsExactValueInPrometheusText() throws Exception {
    PolicyCounters<Fate> fates =
        PolicyCounters.register(
            metrics.registry(),
            "camfleet.test.fates",
            "fates",
            "fate",
            Fate.class,
            List.of("sixty-days", "thirty-days"));
    fates.increment("sixty-days", Fate.KEPT);
    fates.increment("sixty-days", Fate.KEPT);
    fates.increment("thirty-days", Fate.DELETED);
    metrics.deadLetters().sent(DeadLetterCounter.Reason.PROCESSING, 1);
    metrics.deadLetters().sent(DeadLetterCounter.Reason.PROCESSING, 2);

    HttpResponse<String> response = get("/metrics");

    assertEquals(200, response.statusCode());
    assertEquals(
        List.of("text/plain; version=0.0.4; charset=utf-8"),
        response.headers().allValues("Content-Type"));
    PrometheusSamples samples = PrometheusSamples.parse(response.body());
    assertEquals(
        Map.of(
            Map.of("policy", "sixty-days", "fate", "KEPT"), 2.0,
            Map.of("policy", "sixty-days", "fate", "DELETED"), 0.0,
            Map.of("policy", "thirty-days", "fate", "KEPT"), 0.0,
            Map.of("policy", "thirty-days", "fate", "DELETED"), 1.0),
        samples.series("camfleet_test_fates_total"));
    assertEquals(
        Map.of(
            Map.of("service", "test-service", "reason", "processing"), 3.0,
            Map.of("service", "test-service", "reason", "deserialization"), 0.0),
        samples.series("camfleet_dead_letter_records_total"));
    assertTrue(samples.names().contains("jvm_memory_used_bytes"), samples.names().toString());
    assertTrue(samples.names().contains("process_uptime_seconds"), samples.names().toString());
  }

  @Test
  void registersAPolicyFirstSeenWhileCountingAtZeroForTheOtherValues() throws Exception {
    PolicyCounters<Fate> fates =
        PolicyCounters.register(
            metrics.registry(), "camfleet.test.fates", "fates", "fate", Fate.class, List.of());
    fates.increment("late", Fate.DELETED);

    PrometheusSamples samples = PrometheusSamples.parse(get("/metrics").body());

    assertEquals(
        Map.of(
            Map.of("policy", "late", "fate", "KEPT"),
            0.0,
            Map.of("policy", "late", "fate", "DELETED"),
            1.0),
        samples.series("camfleet_test_fates_total"));
  }

  @Test
  void answersHeadWithHeadersOnlyOtherMethodsWith405AndOtherPathsWith404() throws Exception {
    HttpResponse<String> head =
        send(
            HttpRequest.newBuilder(uri("/metrics"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
    HttpResponse<String> post =
        send(
            HttpRequest.newBuilder(uri("/metrics")).POST(HttpRequest.BodyPublishers.ofString("x")));
    HttpResponse<String> elsewhere = get("/metrics/extra");
    HttpResponse<String> root = get("/");

    assertEquals(
        List.of(200, 405, 404, 404),
        List.of(head.statusCode(), post.statusCode(), elsewhere.statusCode(), root.statusCode()));
    assertEquals("", head.body());
    assertEquals(
        List.of("text/plain; version=0.0.4; charset=utf-8"),
        head.headers().allValues("Content-Type"));
    assertEquals(List.of("GET, HEAD"), post.headers().allValues("Allow"));
  }

  @Test
  void refusesToListenOnAPortInUseNamingThePortAndWhatToDo() {
    var failure =
        assertThrows(
            ListenException.class,
            () -> MetricsHttpServer.start("127.0.0.1", server.port(), metrics));

    assertEquals(
        "port "
            + server.port()
            + " is in use on 127.0.0.1: choose another --http-port, or 0 for any free port",
        failure.getMessage());
  }

  @Test
  void namesTheServerItListensOn() {
    assertEquals(URI.create("http://127.0.0.1:" + server.port() + "/metrics"), server.uri());
  }

  @Test
  void rejectsACounterPropertyThatIsNoCounter() {
    var failure =
        assertThrows(
            ConfigException.class,
            () -> DeadLetterCounter.from(Map.of(DeadLetterCounter.CONFIG, "42")));

    assertTrue(failure.getMessage().contains(DeadLetterCounter.CONFIG), failure.getMessage());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
