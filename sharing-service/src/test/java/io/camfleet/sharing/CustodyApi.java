package io.camfleet.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The custody API of a running instance, asked over HTTP. */
final class CustodyApi {
  static final ObjectMapper JSON = new ObjectMapper();

  private CustodyApi() {}

  /** The answer to {@code path}, retried while the application rebalances (503); must be 200. */
  static JsonNode await(SharingService instance, String path, Duration wait) throws Exception {
    long deadline = System.nanoTime() + wait.toNanos();
    HttpResponse<String> response;
    do {
      response = get(instance, path);
      if (response.statusCode() != 503) {
        break;
      }
      Thread.sleep(200); // between two questions while the instances rebalance
    } while (System.nanoTime() < deadline);
    assertEquals(200, response.statusCode(), response.body());
    return JSON.readTree(response.body());
  }

  static HttpResponse<String> get(SharingService instance, String path) throws Exception {
    URI uri =
        URI.create("http://" + instance.httpAddress().host() + ":" + instance.httpPort() + path);
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
