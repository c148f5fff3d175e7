package io.camfleet.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the dashboard tells a user about bootstrap servers it cannot reach. */
class BrokerProbeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  @Test
  void findsAListeningServer() throws Exception {
    try (ServerSocket listening = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      assertEquals(new BrokerProbe.Outcome(null, false),
          BrokerProbe.check("127.0.0.1:" + closedPort() + ", 127.0.0.1:" + listening.getLocalPort(), TIMEOUT));
    }
  }

  @Test
  void namesTheCauseInPlainWords() throws Exception {
    int closed = closedPort();
    assertEquals(new BrokerProbe.Outcome("connection refused", false), BrokerProbe.check("127.0.0.1:" + closed, TIMEOUT));
    assertEquals(new BrokerProbe.Outcome("unknown host", true), BrokerProbe.check("no-such-broker.invalid:9092", TIMEOUT));
    assertEquals(new BrokerProbe.Outcome("not a host:port address", false), BrokerProbe.check("kafka", TIMEOUT));
    assertEquals(
        new BrokerProbe.Outcome(
            "127.0.0.1:" + closed + " connection refused, no-such-broker.invalid:9092 unknown host", false),
        BrokerProbe.check("127.0.0.1:" + closed + ",no-such-broker.invalid:9092", TIMEOUT));
  }

  /** A loopback port nothing listens on: taken from the system, then let go. */
  static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
