package io.camfleet.dashboard;

import java.net.InetAddress;
import java.net.ServerSocket;

/** A loopback port nothing listens on: taken from the system, then let go. */
final class ClosedPort {
  private ClosedPort() {}

  static int take() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
