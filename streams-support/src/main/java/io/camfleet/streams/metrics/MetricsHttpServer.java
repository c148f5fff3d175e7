package io.camfleet.streams.metrics;

import com.sun.net.httpserver.HttpServer;
import io.camfleet.streams.ListenException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;

/** An HTTP server with one endpoint, {@code /metrics}, for a service that serves nothing else. */
public final class MetricsHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final String host;

  private MetricsHttpServer(HttpServer server, String host) {
    this.server = server;
    this.host = host;
  }

  /**
   * Listens on {@code host:port} ({@code 0}: any free port) and serves {@code metrics}.
   *
   * @throws ListenException naming the address, if it cannot listen there
   */
  public static MetricsHttpServer start(String host, int port, ServiceMetrics metrics) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException e) {
      throw ListenException.of(host, port, e);
    }
    // on "/", so that every other path gets the handler's 404
    server.createContext("/", new MetricsHttpHandler(metrics));
    server.start();
    return new MetricsHttpServer(server, host);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://host:port/metrics}, with the host as given to {@link #start}. */
  public URI uri() {
    return URI.create("http://" + hostForUri() + ":" + port() + MetricsHttpHandler.PATH);
  }

  private String hostForUri() {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
