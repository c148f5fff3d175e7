package io.camfleet.kafka;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;

/**
 * Whether anything accepts a TCP connection at the bootstrap servers, and if not, why, in words a
 * user reads without knowing Java. A connection is opened and closed at once; nothing is sent, so
 * no Kafka client logs its retries while the cluster cannot be reached. Commands check this before
 * they make any Kafka client, which would otherwise retry silently and then blame a timeout.
 */
public final class ClusterReach {
  /** How long one address may take to accept a connection. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private ClusterReach() {}

  /** The outcome: {@code problem} is null when some address accepted a connection. */
  public record Outcome(String problem, boolean unresolved) {
    public boolean reachable() {
      return problem == null;
    }
  }

  /**
   * Throws {@link TopicAdmin.UnreachableClusterException} naming the address and the cause ("cannot
   * reach Kafka at localhost:1: connection refused") when no address accepts a connection.
   */
  public static void require(String bootstrapServers) {
    Outcome outcome = check(bootstrapServers, CONNECT_TIMEOUT);
    if (!outcome.reachable()) {
      throw new TopicAdmin.UnreachableClusterException(
          "cannot reach Kafka at " + bootstrapServers + ": " + outcome.problem(), null);
    }
  }

  /**
   * Tries every address of every bootstrap server ({@code host:port,host:port}) until one accepts.
   */
  public static Outcome check(String bootstrapServers, Duration timeout) {
    Map<String, String> problems = new LinkedHashMap<>();
    boolean allUnresolved = true;
    for (String server : bootstrapServers.split(",")) {
      String address = server.trim();
      if (address.isEmpty()) {
        continue;
      }
      String host = Utils.getHost(address);
      Integer port = Utils.getPort(address);
      if (host == null || port == null) {
        problems.put(address, "not a host:port address");
        allUnresolved = false;
        continue;
      }
      InetAddress[] ips;
      try {
        ips = InetAddress.getAllByName(host);
      } catch (UnknownHostException e) {
        problems.put(address, "unknown host");
        continue;
      }
      allUnresolved = false;
      String first = null;
      for (InetAddress ip : ips) {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(ip, port), (int) timeout.toMillis());
          return new Outcome(null, false);
        } catch (IOException e) {
          if (first == null) {
            first = describe(e, timeout);
          }
        }
      }
      problems.put(address, first);
    }
    if (problems.isEmpty()) {
      return new Outcome("no bootstrap servers given", false);
    }
    return new Outcome(summary(problems), allUnresolved);
  }

  /** One cause when every address failed alike, else each address with its own. */
  private static String summary(Map<String, String> problems) {
    if (problems.values().stream().distinct().count() == 1) {
      return problems.values().iterator().next();
    }
    List<String> each = new ArrayList<>();
    problems.forEach((address, problem) -> each.add(address + " " + problem));
    return String.join(", ", each);
  }

  private static String describe(IOException e, Duration timeout) {
    if (e instanceof SocketTimeoutException) {
      return "no answer within " + timeout.toSeconds() + " s";
    }
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
    }
    // "Connection refused", "No route to host", "Network is unreachable"
    String first = message.split("[(\\n]")[0].trim();
    if (first.isEmpty()) {
      first = message.trim();
    }
    return first.substring(0, 1).toLowerCase(Locale.ROOT) + first.substring(1);
  }
}
