package io.camfleet.streams.cli;

import io.camfleet.streams.HttpEndpoint;
import picocli.CommandLine.Option;

/**
 * Picocli mixin: {@code --http-port} and {@code --http-bind} (or {@code --http-host}), where a
 * service's HTTP endpoints listen. Each command gives its own default port.
 */
public final class HttpOptions {
  // no defaultValue: the initial value, the command's default port, is the default shown and used
  @Option(
      names = "--http-port",
      paramLabel = "N",
      description =
          "Port of the HTTP endpoints (default: ${DEFAULT-VALUE}; 0: any free port, printed on start).")
  int port;

  @Option(
      names = {"--http-bind", "--http-host"},
      paramLabel = "ADDR",
      defaultValue = HttpEndpoint.DEFAULT_BIND,
      description =
          "Address the HTTP endpoints listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 in a container).")
  String bind;

  /** Options whose port is {@code defaultPort} unless {@code --http-port} says otherwise. */
  public HttpOptions(int defaultPort) {
    this.port = defaultPort;
  }

  /**
   * The address and port given.
   *
   * @throws IllegalArgumentException naming the option, for an empty address or a port out of range
   */
  public HttpEndpoint endpoint() {
    return new HttpEndpoint(bind, port);
  }
}
