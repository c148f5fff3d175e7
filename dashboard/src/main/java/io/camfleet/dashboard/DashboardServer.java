package io.camfleet.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.camfleet.avro.DailyStats;
import io.camfleet.kafka.ClientConfig;
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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A web page that follows the statistics topics live: {@code GET /} the page, {@code GET /events}
 * every {@link DailyStats} so far and then each new one as a server-sent event (flat JSON), {@code
 * GET /webjars/...} the charting library from its WebJar.
 */
public final class DashboardServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
  private static final Duration HEARTBEAT = Duration.ofSeconds(15);
  private static final String END = "\u0000end";
  private static final Map<String, String> PAGES =
      Map.of(
          "/", "index.html",
          "/index.html", "index.html",
          "/dashboard.js", "dashboard.js",
          "/dashboard.css", "dashboard.css");

  private final HttpServer http;
  private final ExecutorService handlers;
  private final KafkaConsumer<String, DailyStats> consumer;
  private final Thread follower;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final List<String> history = new ArrayList<>();
  private final Set<BlockingQueue<String>> clients = new CopyOnWriteArraySet<>();

  private DashboardServer(HttpServer http, ExecutorService handlers, KafkaConsumer<String, DailyStats> consumer) {
    this.http = http;
    this.handlers = handlers;
    this.consumer = consumer;
    this.follower = new Thread(this::follow, "dashboard-follower");
    this.follower.setDaemon(true);
  }

  /**
   * Starts following {@code topics} (committed records, from the earliest, under a group id of its
   * own) and serving on {@code bind}:{@code port} (0 picks a free port).
   */
  public static DashboardServer start(ClientConfig client, List<Topic<String, DailyStats>> topics, String bind, int port)
      throws IOException {
    Properties p = client.toProperties();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "camfleet-dashboard-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    KafkaConsumer<String, DailyStats> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), topics.get(0).valueSerde().deserializer());
    consumer.subscribe(topics.stream().map(Topic::name).toList());

    HttpServer http = HttpServer.create(new InetSocketAddress(bind, port), 0);
    // each open page holds a thread for its event stream
    ExecutorService handlers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "dashboard-http");
      t.setDaemon(true);
      return t;
    });
    http.setExecutor(handlers);
    DashboardServer server = new DashboardServer(http, handlers, consumer);
    http.createContext("/", server::page);
    http.createContext("/events", server::events);
    http.createContext("/webjars/", server::webjar);
    server.follower.start();
    http.start();
    return server;
  }

  /** The port the server listens on. */
  public int port() {
    return http.getAddress().getPort();
  }

  /** The page's address. */
  public String url() {
    String host = http.getAddress().getAddress().isAnyLocalAddress() ? "127.0.0.1" : http.getAddress().getHostString();
    return "http://" + host + ":" + port() + "/";
  }

  private void follow() {
    try {
      while (!closed.get()) {
        for (ConsumerRecord<String, DailyStats> record : consumer.poll(Duration.ofMillis(500))) {
          publish(FlatStatsJson.of(record.value()));
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("dashboard stopped following the statistics topics", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
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
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(": camfleet statistics\n\n".getBytes(StandardCharsets.UTF_8));
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
      clients.remove(queue);
      exchange.close();
    }
  }

  private void page(HttpExchange exchange) throws IOException {
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

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
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
    clients.forEach(c -> c.add(END));
    http.stop(0);
    handlers.shutdownNow();
    consumer.wakeup();
    try {
      follower.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
