package io.camfleet.sharing.config;

import io.camfleet.sharing.topology.SharingTopics;
import io.camfleet.streams.StreamsSettings;
import java.nio.file.Path;

/**
 * How one sharing-service instance runs: where its custody API listens ({@code 127.0.0.1}, a free
 * port by default), its state folder (null: Kafka Streams' default), its processing guarantee, its
 * topics, its application id (null: derived from the service and its policies), and whether to
 * delete the application's state, here and on the cluster, before it starts.
 */
public record SharingOptions(
    String httpBind,
    int httpPort,
    Path stateDir,
    String processingGuarantee,
    SharingTopics topics,
    String applicationId,
    boolean resetState) {

  public static final String DEFAULT_HTTP_BIND = "127.0.0.1";

  public SharingOptions {
    httpBind = httpBind == null ? DEFAULT_HTTP_BIND : httpBind.strip();
    if (httpBind.isEmpty()) {
      throw new IllegalArgumentException("--http-bind must name an address");
    }
    if (httpPort < 0 || httpPort > 65_535) {
      throw new IllegalArgumentException("--http-port must be 0 (any free port) to 65535, not " + httpPort);
    }
    processingGuarantee = StreamsSettings.processingGuarantee(processingGuarantee);
    topics = topics == null ? SharingTopics.defaults() : topics;
    if (applicationId != null && !applicationId.matches("[a-zA-Z0-9._-]{1,200}")) {
      throw new IllegalArgumentException("not a usable application id: '" + applicationId + "'");
    }
  }

  /** Loopback on a free port, exactly-once, the catalog's topics, the derived application id. */
  public static SharingOptions defaults() {
    return new SharingOptions(null, 0, null, null, null, null, false);
  }

  public SharingOptions withHttp(String bind, int port) {
    return new SharingOptions(bind, port, stateDir, processingGuarantee, topics, applicationId, resetState);
  }

  public SharingOptions withStateDir(Path dir) {
    return new SharingOptions(httpBind, httpPort, dir, processingGuarantee, topics, applicationId, resetState);
  }

  public SharingOptions withProcessingGuarantee(String guarantee) {
    return new SharingOptions(httpBind, httpPort, stateDir, guarantee, topics, applicationId, resetState);
  }

  public SharingOptions withTopics(SharingTopics newTopics) {
    return new SharingOptions(httpBind, httpPort, stateDir, processingGuarantee, newTopics, applicationId, resetState);
  }

  public SharingOptions withApplicationId(String id) {
    return new SharingOptions(httpBind, httpPort, stateDir, processingGuarantee, topics, id, resetState);
  }

  /** The same options, deleting the application's state before it starts if {@code reset}. */
  public SharingOptions withResetState(boolean reset) {
    return new SharingOptions(httpBind, httpPort, stateDir, processingGuarantee, topics, applicationId, reset);
  }
}
