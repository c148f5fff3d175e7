package io.camfleet.streams.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Answers {@code GET /metrics} with a scrape of the service's metrics in the Prometheus text
 * format; {@code HEAD} gives the headers only, another method 405, another path 404.
 */
public final class MetricsHttpHandler implements HttpHandler {
  /** The path the handler serves; register it as the context of that name. */
  public static final String PATH = "/metrics";

  private final ServiceMetrics metrics;

  public MetricsHttpHandler(ServiceMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!exchange.getRequestURI().getPath().equals(PATH)) {
        reply(
            exchange,
            404,
            "text/plain; charset=utf-8",
            "not found; metrics are at " + PATH + "\n",
            method);
      } else if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        reply(
            exchange,
            405,
            "text/plain; charset=utf-8",
            "only GET and HEAD are supported\n",
            method);
      } else {
        reply(exchange, 200, ServiceMetrics.CONTENT_TYPE, metrics.scrape(), method);
      }
    }
  }

  private static void reply(
      HttpExchange exchange, int status, String contentType, String body, String method)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    if (method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Content-Length", Integer.toString(bytes.length));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
