package io.camfleet.kafka;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks, before any Kafka client is made, that some address of {@code bootstrap.servers} accepts
 * a connection, and otherwise says which address failed and why in one sentence: Kafka's clients
 * retry an unreachable address silently until their timeout, then blame the timeout.
 */
public final class ClusterReach {
  private static final int CONNECT_TIMEOUT_MS = 5_000;

  private ClusterReach() {}

  /** Throws {@link TopicAdmin.UnreachableClusterException} when no address of {@code bootstrapServers} answers. */
  public static void check(String bootstrapServers) {
    List<String> failures = new ArrayList<>();
    for (String address : bootstrapServers.split(",")) {
      String trimmed = address.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      String failure = tryConnect(trimmed);
      if (failure == null) {
        return;
      }
      failures.add(failure);
    }
    if (failures.isEmpty()) {
      throw new IllegalArgumentException("--bootstrap-servers names no address: '" + bootstrapServers + "'");
    }
    throw new TopicAdmin.UnreachableClusterException(
        "cannot reach Kafka at " + bootstrapServers + ": " + String.join("; ", failures), null);
  }

  /** Null when {@code hostPort} accepts a connection, else why not. */
  static String tryConnect(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostPort.length() - 1) {
      throw new IllegalArgumentException(
          "--bootstrap-servers: '" + hostPort + "' is not HOST:PORT (for example localhost:9092)");
    }
    String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
    int port;
    try {
      port = Integer.parseInt(hostPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException(
          "--bootstrap-servers: '" + hostPort + "' has no valid port (1 to 65535)");
    }
    InetSocketAddress target = new InetSocketAddress(host, port);
    if (target.isUnresolved()) {
      return "host '" + host + "' is not known (no DNS entry)";
    }
    try (Socket socket = new Socket()) {
      socket.connect(target, CONNECT_TIMEOUT_MS);
      return null;
    } catch (ConnectException e) {
      return hostPort + " refused the connection (is the broker running?)";
    } catch (SocketTimeoutException e) {
      return hostPort + " did not answer within " + CONNECT_TIMEOUT_MS / 1000 + " s";
    } catch (UnknownHostException e) {
      return "host '" + host + "' is not known (no DNS entry)";
    } catch (IOException e) {
      return hostPort + ": " + e.getMessage();
    }
  }
}
