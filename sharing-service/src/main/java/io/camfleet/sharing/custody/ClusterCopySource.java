package io.camfleet.sharing.custody;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camfleet.provenance.CustodyCopy;
import io.camfleet.sharing.topology.CopyStores;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Copies (live, expired and blocked) from the stores of every instance of the application. Copies
 * are kept on the partition of the clip's camera, and neither a clip id nor a holder id names that
 * partition, so a query goes to every instance hosting the copies store ({@link
 * KafkaStreams#streamsMetadataForStore}) and the answers are merged: this instance reads its own
 * stores, the others answer over HTTP.
 */
public final class ClusterCopySource implements CopySource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<CopyView>> COPY_LIST = new TypeReference<>() {};
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final KafkaStreams streams;
  private final HostInfo self;
  private final List<String> policies;
  private final HttpClient http;

  public ClusterCopySource(KafkaStreams streams, HostInfo self, List<String> policies) {
    this.streams = streams;
    this.self = self;
    this.policies = List.copyOf(policies);
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  @Override
  public List<CopyView> clipCopies(String clipId) {
    return everywhere("/local/clips/" + encode(clipId) + "/copies", () -> localClipCopies(clipId));
  }

  @Override
  public List<CopyView> holderCopies(String holderId) {
    return everywhere(
        "/local/holders/" + encode(holderId) + "/copies", () -> localHolderCopies(holderId));
  }

  @Override
  public List<CopyView> localClipCopies(String clipId) {
    return readLocally(
        () ->
            CopyStores.historyOfClip(
                store(CopyStores.COPIES),
                store(CopyStores.ENDED_COPIES),
                store(CopyStores.RECEIPTS),
                policies,
                clipId));
  }

  @Override
  public List<CopyView> localHolderCopies(String holderId) {
    return readLocally(
        () ->
            CopyStores.historyOfHolder(
                store(CopyStores.HOLDER_COPIES),
                store(CopyStores.COPIES),
                store(CopyStores.HOLDER_ENDED_COPIES),
                store(CopyStores.ENDED_COPIES),
                store(CopyStores.RECEIPTS),
                policies,
                holderId));
  }

  /** Reads this instance's stores, which a rebalance may take away at any moment. */
  private static List<CopyView> readLocally(Supplier<List<CustodyCopy>> read) {
    try {
      return read.get().stream().map(CopyView::of).toList();
    } catch (InvalidStateStoreException e) {
      throw new Unavailable("the copies cannot be read now: " + e.getMessage(), e);
    }
  }

  private List<CopyView> everywhere(String localPath, Supplier<List<CopyView>> local) {
    Collection<StreamsMetadata> instances = streams.streamsMetadataForStore(CopyStores.COPIES);
    if (instances.isEmpty()) {
      throw new Unavailable(
          "no instance hosts the copies yet (state " + streams.state() + ")", null);
    }
    List<CopyView> copies = new ArrayList<>();
    for (StreamsMetadata instance : instances) {
      copies.addAll(
          instance.hostInfo().equals(self) ? local.get() : remote(instance.hostInfo(), localPath));
    }
    return copies;
  }

  private List<CopyView> remote(HostInfo host, String path) {
    URI uri = URI.create("http://" + host.host() + ":" + host.port() + path);
    try {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new Unavailable(
            uri
                + " answered "
                + response.statusCode()
                + ": "
                + new String(response.body(), StandardCharsets.UTF_8),
            null);
      }
      return JSON.readValue(response.body(), COPY_LIST);
    } catch (IOException e) {
      throw new Unavailable(
          "instance " + host.host() + ":" + host.port() + " did not answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted while asking " + uri, e);
    }
  }

  private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
    return streams.store(
        StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
  }

  private static String encode(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
