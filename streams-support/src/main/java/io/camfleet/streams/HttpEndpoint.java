package io.camfleet.streams;

/**
 * Where a service's HTTP endpoints listen: an address ({@value #DEFAULT_BIND} unless told
 * otherwise; {@code 0.0.0.0} in a container) and a port, {@code 0} for any free one.
 */
public record HttpEndpoint(String bind, int port) {
  public static final String DEFAULT_BIND = "127.0.0.1";

  public HttpEndpoint {
    bind = bind == null ? "" : bind.strip();
    if (bind.isEmpty()) {
      throw new IllegalArgumentException("--http-bind must name an address");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(
          "--http-port must be 0 (any free port) to 65535, not " + port);
    }
  }

  /** {@value #DEFAULT_BIND}, on {@code port} ({@code 0}: any free port). */
  public static HttpEndpoint loopback(int port) {
    return new HttpEndpoint(DEFAULT_BIND, port);
  }
}
