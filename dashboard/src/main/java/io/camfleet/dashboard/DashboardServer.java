package io.camfleet.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.camfleet.avro.DailyStats;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.ClusterReach;
import io.camfleet.schemas.Topic;
import io.camfleet.streams.stats.FlatStatsJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A web page that follows the statistics topics live: {@code GET /} the page, {@code GET /events}
 * every {@link DailyStats} so far and then each new one as a server-sent event (flat JSON), {@code
 * GET /status} whether the dashboard reaches Kafka, as server-sent events (the state now, then each
 * change), {@code GET /vocabulary.json} the statistics' services, measures and the charts drawn of
 * them, {@code GET /stages.json} the dated stages of the policies it was given ({@link
 * StageMarks}), {@code GET /webjars/...} the charting library from its WebJar.
 *
 * <p>While Kafka cannot be reached the consumer is left alone (closed, or never polled), so its
 * client logs no connection warnings; a plain TCP connection to the bootstrap servers is tried
 * every few seconds instead, and one log line reports each change of state.
 */
public final class DashboardServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration HEARTBEAT = Duration.ofSeconds(15);

  /** How long a TCP connection to a bootstrap server may take before it counts as no answer. */
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

  /** How long the consumer may go without a reply from Kafka before the servers are probed. */
  private static final Duration QUIET = Duration.ofSeconds(4);

  /** How often the servers are probed while the consumer holds no connection at all. */
  private static final Duration DISCONNECTED = Duration.ofSeconds(1);

  /**
   * How long servers that accept connections may go without a Kafka reply before giving up on them.
   */
  private static final Duration NO_REPLY = Duration.ofSeconds(20);

  private static final Duration RETRY = Duration.ofSeconds(5);
  private static final String END = "\u0000end";

  /** The statistics vocabulary and the charts, for the page ({@link PageVocabulary}). */
  private static final String VOCABULARY = "/vocabulary.json";

  /** The policies' dated stages, for the page to mark on their charts ({@link StageMarks}). */
  private static final String STAGES = "/stages.json";

  private static final Map<String, String> PAGES =
      Map.of(
          "/", "index.html",
          "/index.html", "index.html",
          "/dashboard.js", "dashboard.js",
          "/dashboard.css", "dashboard.css");

  /**
   * What the page says about Kafka: connecting, connected, unreachable (retrying) or stopped (for
   * good).
   */
  enum State {
    CONNECTING,
    CONNECTED,
    UNREACHABLE,
    STOPPED,
    /** A finished run's statistics, served with no Kafka ({@link #finished}). */
    FINISHED
  }

  private final HttpServer http;
  private final ExecutorService handlers;
  private final ClientConfig client;
  private final List<String> topics;
  private final Serde<DailyStats> values;
  private final Duration retry;
  private final String stagesJson;
  private final Thread follower;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final List<String> history = new ArrayList<>();
  private final Set<BlockingQueue<String>> clients = new CopyOnWriteArraySet<>();
  private final Set<BlockingQueue<String>> statusClients = new CopyOnWriteArraySet<>();

  /** Where each partition continues when a consumer is made again after Kafka was lost. */
  private final Map<TopicPartition, Long> resumeAt = new HashMap<>();

  private volatile KafkaConsumer<String, DailyStats> consumer;
  private State state = State.CONNECTING;
  private String statusJson;
  private int probes;

  private DashboardServer(
      HttpServer http,
      ExecutorService handlers,
      ClientConfig client,
      List<Topic<String, DailyStats>> topics,
      KafkaConsumer<String, DailyStats> consumer,
      Duration retry,
      String stagesJson) {
    this.stagesJson = stagesJson;
    this.http = http;
    this.handlers = handlers;
    this.client = client;
    this.topics = topics.stream().map(Topic::name).toList();
    this.values = topics.isEmpty() ? null : topics.get(0).valueSerde();
    this.consumer = consumer;
    this.retry = retry;
    this.statusJson =
        client == null
            ? statusJson(
                State.FINISHED,
                "The run has finished: these are its final statistics, Kafka is gone")
            : statusJson(State.CONNECTING, "Connecting to Kafka at " + client.bootstrapServers());
    this.follower = new Thread(this::follow, "dashboard-follower");
    this.follower.setDaemon(true);
  }

  /**
   * Starts following {@code topics} (committed records, from the earliest, under a group id of its
   * own) and serving on {@code bind}:{@code port} (0 picks a free port).
   */
  public static DashboardServer start(
      ClientConfig client, List<Topic<String, DailyStats>> topics, String bind, int port)
      throws IOException {
    return start(client, topics, bind, port, List.of());
  }

  /**
   * As above, marking on each policy's charts the dated stages {@code stages} gives it (policies
   * not named there are drawn without marks).
   */
  public static DashboardServer start(
      ClientConfig client,
      List<Topic<String, DailyStats>> topics,
      String bind,
      int port,
      List<StageMarks> stages)
      throws IOException {
    return start(client, topics, bind, port, RETRY, stages);
  }

  /** As above, trying an unreachable cluster again every {@code retry}. */
  static DashboardServer start(
      ClientConfig client,
      List<Topic<String, DailyStats>> topics,
      String bind,
      int port,
      Duration retry,
      List<StageMarks> stages)
      throws IOException {
    String stagesJson = StageMarks.json(stages); // a bad list fails before anything starts
    // made now, so that a bad setting fails the start; only a server name that does not resolve
    // (yet) waits for the follower, which makes the consumer once the name resolves
    KafkaConsumer<String, DailyStats> consumer = null;
    try {
      consumer = newConsumer(client, topics.get(0).valueSerde().deserializer());
    } catch (KafkaException e) {
      if (!ClusterReach.check(client.bootstrapServers(), PROBE_TIMEOUT).unresolved()) {
        throw e;
      }
    }
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(bind, port), 0);
    } catch (IOException | RuntimeException e) {
      if (consumer != null) {
        consumer.close(Duration.ZERO);
      }
      throw e;
    }
    DashboardServer server =
        new DashboardServer(http, handlers(http), client, topics, consumer, retry, stagesJson);
    server.serve();
    server.follower.start();
    return server;
  }

  /**
   * Serves {@code stats}, the final statistics of a run whose cluster is gone, on {@code
   * bind}:{@code port}: the same page, {@code /events} gives these records and {@code /status} says
   * {@code finished}.
   */
  public static DashboardServer finished(List<DailyStats> stats, String bind, int port)
      throws IOException {
    return finished(stats, List.of(), bind, port);
  }

  /** As above, marking on each policy's charts the dated stages {@code stages} gives it. */
  public static DashboardServer finished(
      List<DailyStats> stats, List<StageMarks> stages, String bind, int port) throws IOException {
    String stagesJson = StageMarks.json(stages);
    HttpServer http = HttpServer.create(new InetSocketAddress(bind, port), 0);
    DashboardServer server =
        new DashboardServer(http, handlers(http), null, List.of(), null, RETRY, stagesJson);
    stats.forEach(record -> server.publish(FlatStatsJson.of(record)));
    server.serve();
    return server;
  }

  /** Each open page holds a thread for each of its event streams. */
  private static ExecutorService handlers(HttpServer http) {
    ExecutorService handlers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "dashboard-http");
              t.setDaemon(true);
              return t;
            });
    http.setExecutor(handlers);
    return handlers;
  }

  private void serve() {
    http.createContext("/", this::page);
    http.createContext("/events", this::events);
    http.createContext("/status", this::status);
    http.createContext("/webjars/", this::webjar);
    http.start();
  }

  private static KafkaConsumer<String, DailyStats> newConsumer(
      ClientConfig client, Deserializer<DailyStats> values) {
    Properties p = client.toProperties();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "camfleet-dashboard-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return new KafkaConsumer<>(p, new StringDeserializer(), values);
  }

  /** The port the server listens on. */
  public int port() {
    return http.getAddress().getPort();
  }

  /** The page's address. */
  public String url() {
    String host =
        http.getAddress().getAddress().isAnyLocalAddress()
            ? "127.0.0.1"
            : http.getAddress().getHostString();
    return "http://" + host + ":" + port() + "/";
  }

  /**
   * Waits until the bootstrap servers have been probed {@code count} times and the status told of
   * each outcome; false if {@code timeout} passed first.
   */
  synchronized boolean awaitProbes(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (probes < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /** Counts a probe whose outcome the status now reflects. */
  private synchronized void probed() {
    probes++;
    notifyAll();
  }

  private void follow() {
    try {
      boolean polling = false;
      long quietSince = 0;
      long lastProbe = 0;
      double responses = 0;
      while (!closed.get()) {
        if (!polling) {
          ClusterReach.Outcome outcome =
              ClusterReach.check(client.bootstrapServers(), PROBE_TIMEOUT);
          if (!outcome.reachable()) {
            unreachable(outcome.problem());
            probed();
            if (pause(retry)) {
              break;
            }
            continue;
          }
          probed();
          if (consumer == null) {
            consumer = newConsumer(client, values.deserializer());
          }
          consumer.subscribe(topics, new ResumeWhereLeft());
          polling = true;
          quietSince = System.nanoTime();
          lastProbe = quietSince;
          responses = network()[0];
        }
        ConsumerRecords<String, DailyStats> records;
        try {
          records = consumer.poll(Duration.ofMillis(500));
        } catch (AuthenticationException e) {
          unreachable("authentication failed: " + e.getMessage());
          polling = false;
          closeConsumer();
          if (pause(retry.multipliedBy(6))) {
            break;
          }
          continue;
        }
        for (ConsumerRecord<String, DailyStats> record : records) {
          resumeAt.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
          publish(FlatStatsJson.of(record.value()));
        }
        double[] network = network();
        if (network[0] > responses || !records.isEmpty()) {
          responses = network[0];
          quietSince = System.nanoTime();
          reachable();
          continue;
        }
        // no reply from Kafka for a while, or no connection left: is anything listening?
        long time = System.nanoTime();
        boolean disconnected = network[1] == 0;
        boolean quiet = time - quietSince >= QUIET.toNanos();
        if (!(quiet || disconnected)
            || time - lastProbe < (disconnected ? DISCONNECTED : QUIET).toNanos()) {
          continue;
        }
        lastProbe = time;
        ClusterReach.Outcome outcome = ClusterReach.check(client.bootstrapServers(), PROBE_TIMEOUT);
        boolean gaveUp = time - quietSince >= NO_REPLY.toNanos();
        if (outcome.reachable() && !gaveUp) {
          probed();
          continue;
        }
        unreachable(
            outcome.reachable()
                ? "it accepts connections, but no Kafka broker answered within "
                    + NO_REPLY.toSeconds()
                    + " s (check the client settings)"
                : outcome.problem());
        probed();
        polling = false;
        closeConsumer();
        if (pause(outcome.reachable() ? retry.multipliedBy(6) : retry)) {
          break;
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      if (!closed.get()) {
        LOG.error("dashboard stopped following the statistics topics", e);
        setStatus(
            State.STOPPED,
            "Stopped following the statistics: " + e.getMessage() + "; restart the dashboard");
      }
    } finally {
      closeConsumer();
    }
  }

  /** Waits {@code time}; true if the server is closing. */
  private boolean pause(Duration time) {
    try {
      return stopping.await(time.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private void closeConsumer() {
    KafkaConsumer<String, DailyStats> current = consumer;
    consumer = null;
    if (current != null) {
      current.close(Duration.ZERO);
    }
  }

  /** The consumer's count of replies received from Kafka, and of the connections it holds now. */
  private double[] network() {
    double[] network = {0, 0};
    for (Map.Entry<MetricName, ? extends Metric> metric : consumer.metrics().entrySet()) {
      MetricName name = metric.getKey();
      if (name.group().equals("consumer-metrics")
          && metric.getValue().metricValue() instanceof Double value) {
        if (name.name().equals("response-total")) {
          network[0] = value;
        } else if (name.name().equals("connection-count")) {
          network[1] = value;
        }
      }
    }
    return network;
  }

  private void unreachable(String problem) {
    String message =
        "Cannot reach Kafka at " + client.bootstrapServers() + ": " + problem + "; retrying";
    if (setStatus(State.UNREACHABLE, message)) {
      LOG.warn(message);
    }
  }

  private void reachable() {
    State before;
    synchronized (statusClients) {
      before = state;
    }
    if (setStatus(State.CONNECTED, "Connected to Kafka at " + client.bootstrapServers())
        && before == State.UNREACHABLE) {
      LOG.info("Kafka at {} is reachable again", client.bootstrapServers());
    }
  }

  /** Sends the new status to every status stream; false if it is the status already. */
  private boolean setStatus(State next, String message) {
    String json = statusJson(next, message);
    synchronized (statusClients) {
      if (json.equals(statusJson)) {
        return false;
      }
      state = next;
      statusJson = json;
      statusClients.forEach(c -> c.add(json));
      return true;
    }
  }

  private static String statusJson(State state, String message) {
    Map<String, String> status = new LinkedHashMap<>();
    status.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
    status.put("message", message);
    try {
      return JSON.writeValueAsString(status);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void publish(String json) {
    synchronized (history) {
      history.add(json);
      clients.forEach(c -> c.add(json));
    }
  }

  private void events(HttpExchange exchange) throws IOException {
    if (!"GET".equals(exchange.getRequestMethod())) {
      send(exchange, 405, "text/plain", "GET only".getBytes(StandardCharsets.UTF_8));
      return;
    }
    BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    synchronized (history) {
      queue.addAll(history);
      clients.add(queue);
    }
    stream(exchange, queue, clients, "camfleet statistics");
  }

  private void status(HttpExchange exchange) throws IOException {
    if (!"GET".equals(exchange.getRequestMethod())) {
      send(exchange, 405, "text/plain", "GET only".getBytes(StandardCharsets.UTF_8));
      return;
    }
    BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    synchronized (statusClients) {
      queue.add(statusJson);
      statusClients.add(queue);
    }
    stream(exchange, queue, statusClients, "camfleet kafka status");
  }

  /**
   * Sends each queued JSON text as a server-sent event until the page goes away or the server
   * closes.
   */
  private void stream(
      HttpExchange exchange,
      BlockingQueue<String> queue,
      Collection<BlockingQueue<String>> from,
      String title)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write((": " + title + "\n\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      while (!closed.get()) {
        String json = queue.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        if (json == END) {
          break;
        }
        StringBuilder batch = new StringBuilder();
        if (json == null) {
          batch.append(": keep-alive\n\n");
        } else {
          batch.append("data: ").append(json).append("\n\n");
          // send what has piled up in one write
          for (String next = queue.poll(); next != null && next != END; next = queue.poll()) {
            batch.append("data: ").append(next).append("\n\n");
          }
        }
        out.write(batch.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException e) {
      // the page went away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      from.remove(queue);
      exchange.close();
    }
  }

  private void page(HttpExchange exchange) throws IOException {
    if (exchange.getRequestURI().getPath().equals(VOCABULARY)) {
      send(
          exchange,
          200,
          "application/json; charset=utf-8",
          PageVocabulary.json().getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (exchange.getRequestURI().getPath().equals(STAGES)) {
      send(
          exchange,
          200,
          "application/json; charset=utf-8",
          stagesJson.getBytes(StandardCharsets.UTF_8));
      return;
    }
    String resource = PAGES.get(exchange.getRequestURI().getPath());
    if (resource == null) {
      send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
      return;
    }
    send(exchange, 200, contentType(resource), read("/io/camfleet/dashboard/" + resource));
  }

  private void webjar(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (path.contains("..") || !path.matches("/webjars/[A-Za-z0-9._/-]+")) {
      send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
      return;
    }
    byte[] body = read("/META-INF/resources" + path);
    if (body == null) {
      send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
      return;
    }
    send(exchange, 200, contentType(path), body);
  }

  private static byte[] read(String resource) throws IOException {
    try (InputStream in = DashboardServer.class.getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    }
  }

  private static String contentType(String name) {
    if (name.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    return "application/octet-stream";
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    stopping.countDown();
    clients.forEach(c -> c.add(END));
    statusClients.forEach(c -> c.add(END));
    http.stop(0);
    handlers.shutdownNow();
    KafkaConsumer<String, DailyStats> current = consumer;
    if (current != null) {
      try {
        current.wakeup();
      } catch (RuntimeException e) {
        // already closed by the follower
      }
    }
    try {
      follower.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** On each assignment, continues every partition read before after its last record. */
  private final class ResumeWhereLeft implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      for (TopicPartition partition : partitions) {
        Long next = resumeAt.get(partition);
        if (next != null) {
          consumer.seek(partition, next);
        }
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}
  }
}
