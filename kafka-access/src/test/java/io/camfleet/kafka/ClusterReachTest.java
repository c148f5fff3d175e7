package io.camfleet.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the dashboard tells a user about bootstrap servers it cannot reach. */
class ClusterReachTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  @Test
  void findsAListeningServer() throws Exception {
    try (ServerSocket listening = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      assertEquals(
          new ClusterReach.Outcome(null, false),
          ClusterReach.check(
              "127.0.0.1:" + closedPort() + ", 127.0.0.1:" + listening.getLocalPort(), TIMEOUT));
    }
  }

  @Test
  void namesTheCauseInPlainWords() throws Exception {
    int closed = closedPort();
    assertEquals(
        new ClusterReach.Outcome("connection refused", false),
        ClusterReach.check("127.0.0.1:" + closed, TIMEOUT));
    assertEquals(
        new ClusterReach.Outcome("unknown host", true),
        ClusterReach.check("no-such-broker.invalid:9092", TIMEOUT));
    assertEquals(
        new ClusterReach.Outcome("not a host:port address", false),
        ClusterReach.check("kafka", TIMEOUT));
    assertEquals(
        new ClusterReach.Outcome(
            "127.0.0.1:" + closed + " connection refused, no-such-broker.invalid:9092 unknown host",
            false),
        ClusterReach.check("127.0.0.1:" + closed + ",no-such-broker.invalid:9092", TIMEOUT));
  }

  /** A loopback port nothing listens on: taken from the system, then let go. */
  static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
