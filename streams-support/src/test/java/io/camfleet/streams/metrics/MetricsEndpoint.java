package io.camfleet.streams.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** A service's {@code /metrics} as Prometheus reads it, and what every service's must hold. */
public final class MetricsEndpoint {
  private MetricsEndpoint() {}

  /** GETs {@code uri} over HTTP; the answer must be 200 in the Prometheus text format. */
  public static PrometheusSamples scrape(URI uri) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    assertEquals(
        List.of("text/plain; version=0.0.4; charset=utf-8"),
        response.headers().allValues("Content-Type"));
    return PrometheusSamples.parse(response.body());
  }

  /** The series of {@code camfleet_dead_letter_records_total} a service with these counts shows. */
  public static Map<Map<String, String>, Double> deadLetters(
      String service, int unreadable, int refused) {
    return Map.of(
        Map.of("service", service, "reason", "deserialization"), (double) unreadable,
        Map.of("service", service, "reason", "processing"), (double) refused);
  }

  /**
   * Kafka Streams' own metrics are there, through Micrometer's binder: one client with one stream
   * thread alive, which has processed at least {@code records} records.
   */
  public static void assertOneStreamThreadProcessedAtLeast(PrometheusSamples samples, int records) {
    assertEquals(
        List.of(1.0), List.copyOf(samples.series("kafka_stream_alive_stream_threads").values()));
    List<Double> processed =
        List.copyOf(samples.series("kafka_stream_thread_process_total").values());
    assertEquals(1, processed.size(), "one thread: " + processed);
    assertTrue(
        processed.get(0) >= records, "processed " + processed.get(0) + ", fewer than " + records);
  }
}
