package io.camfleet.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camfleet.avro.DailyStats;
import io.camfleet.kafka.ClientConfig;
import io.camfleet.kafka.EmbeddedBroker;
import io.camfleet.kafka.TopicAdmin;
import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.retention.RetentionService;
import io.camfleet.retention.config.RetentionOptions;
import io.camfleet.retention.topology.RetentionTopics;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.TopicPrefix;
import io.camfleet.schemas.Topics;
import io.camfleet.schemas.stats.RetentionMeasure;
import io.camfleet.schemas.stats.StatsService;
import io.camfleet.sharing.SharingService;
import io.camfleet.sharing.config.SharingOptions;
import io.camfleet.sharing.topology.SharingTopics;
import io.camfleet.simulator.ProgressListener;
import io.camfleet.simulator.SimulationOptions;
import io.camfleet.simulator.Simulator;
import io.camfleet.simulator.sink.KafkaEventSink;
import io.camfleet.simulator.world.World;
import io.camfleet.streams.HttpEndpoint;
import io.camfleet.streams.Processing;
import io.camfleet.streams.stats.FlatStatsJson;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Opens the dashboard in headless Chromium before a real run starts (embedded broker, both
 * services, the simulator at a pace where simulated days take real seconds) and reads the live page
 * while the days pass: the charts grow, and a screenshot lands in {@code target/dashboard.png}.
 * Needs Chromium ({@code apt-get install -y chromium}); fails without it unless {@code
 * -Dcamfleet.browser.optional=true}.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DashboardBrowserIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DAYS = 16;
  // about one and a half simulated days per real second
  private static final double SPEED = 1.5 * 86_400;
  private static final List<String> POLICIES = List.of("eu-30-days", "status-quo-2019");
  private static final String STATE =
      "JSON.stringify({day: document.getElementById('latest-day').textContent,"
          + " status: document.getElementById('status').textContent,"
          + " finals: document.querySelectorAll('.chart[data-final=\"true\"]').length,"
          + " canvases: document.querySelectorAll('.chart canvas').length,"
          + " charts: [...document.querySelectorAll('.chart')].map(c => c.dataset.policy + '/' + c.dataset.kind + '=' + c.dataset.points)})";

  @TempDir Path temp;

  @Test
  void chartsFollowTheRunAsSimulatedDaysPass() throws Exception {
    Path chromium = chromiumOrSkip();
    List<Policy> policies =
        Policies.read(POLICIES.stream().map(p -> Path.of("../policies", p + ".yaml")).toList());
    World world = World.read(Path.of("../worlds/default.yaml")).withCameras(40).withDays(DAYS);

    try (EmbeddedBroker broker = EmbeddedBroker.startTemporary()) {
      ClientConfig client = ClientConfig.of(broker.bootstrapServers(), null);
      List<Topic<?, ?>> topics = new ArrayList<>(RetentionTopics.defaults().all());
      topics.addAll(SharingTopics.defaults().all());
      TopicAdmin.createTopics(client.toProperties(), topics.stream().distinct().toList(), 30);

      // status-quo-2019 takes a stage on the world's ninth day (policies carry no stages of their
      // own yet): the dashboard is given it as a run gives it a policy's stages
      LocalDate stageFrom =
          LocalDate.ofInstant(world.startInstant(), ZoneOffset.UTC).plusDays(STAGE_DAY);
      List<StageMarks> marks =
          List.of(
              new StageMarks("eu-30-days", "#0072B2", List.of()),
              new StageMarks(
                  "status-quo-2019",
                  "#D55E00",
                  List.of(new StageMarks.Stage(stageFrom, "stage " + stageFrom))));
      try (DashboardServer dashboard =
              DashboardServer.start(
                  client,
                  List.of(Topics.RETENTION_STATS, Topics.EXPOSURE_STATS),
                  "127.0.0.1",
                  0,
                  marks);
          Browser browser = Browser.open(chromium, temp, dashboard.url());
          DevTools page = DevTools.attachToPage(browser.debuggingPort());
          RetentionService retention =
              RetentionService.start(
                  policies,
                  client,
                  RetentionOptions.of(
                      TopicPrefix.NONE,
                      policies,
                      Processing.inStateDir(temp.resolve("state")),
                      Optional.empty()));
          SharingService sharing =
              SharingService.start(
                  policies,
                  client,
                  SharingOptions.of(
                      TopicPrefix.NONE,
                      policies,
                      Processing.inStateDir(temp.resolve("state")),
                      Optional.of(HttpEndpoint.loopback(0))))) {
        JsonNode empty =
            waitFor(page, "the page to connect", s -> s.get("status").asText().equals("live"));
        assertEquals("-", empty.get("day").asText(), "no statistics before the run");

        CompletableFuture<Void> run =
            CompletableFuture.runAsync(
                () -> {
                  try (KafkaEventSink sink = new KafkaEventSink(client, Topics.WORLD_EVENTS)) {
                    Simulator.run(
                        world,
                        SimulationOptions.defaults().withSpeed(SPEED),
                        sink,
                        ProgressListener.NONE);
                  }
                });

        JsonNode early =
            waitFor(
                page,
                "a first simulated day on every chart",
                s -> s.get("charts").size() == 3 * POLICIES.size() && minPoints(s) >= 1);
        JsonNode later =
            waitFor(
                page,
                "later simulated days on every chart",
                s ->
                    s.get("day").asText().compareTo(early.get("day").asText()) > 0
                        && minPoints(s) > maxPoints(early));
        run.get(2, TimeUnit.MINUTES);
        JsonNode end =
            waitFor(
                page,
                "the world's last day on every chart",
                s -> s.get("finals").asInt() == 3 * POLICIES.size());

        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "dashboard.png"), page.screenshot(1400, 4000));

        assertTrue(
            early.get("day").asText().compareTo(later.get("day").asText()) < 0,
            "the page moved from " + early.get("day") + " to " + later.get("day"));
        assertEquals(
            3 * POLICIES.size(), end.get("canvases").asInt(), "one canvas per chart: " + end);
        List<String> charts = new ArrayList<>();
        end.get("charts").forEach(c -> charts.add(c.asText().replaceAll("=\\d+$", "")));
        assertEquals(
            List.of(
                "eu-30-days/footage",
                "eu-30-days/copies",
                "eu-30-days/requests",
                "status-quo-2019/footage",
                "status-quo-2019/copies",
                "status-quo-2019/requests"),
            charts);
        List<String> points = new ArrayList<>();
        end.get("charts").forEach(c -> points.add(c.asText()));
        assertEquals(
            charts.stream().map(c -> c + "=" + DAYS).toList(),
            points,
            "every chart drew every day, no more: " + end);
        assertEquals(
            world.startInstant().plus(Duration.ofDays(DAYS - 1)).toString().substring(0, 10),
            end.get("day").asText(),
            "the world's last day is the one before its horizon");

        // the stage's mark on each chart of its policy, at its midnight: the close of the world's
        // day STAGE_DAY - 1, of the days 0 to DAYS - 1 from the left to the right of the plot
        String fraction = String.format(Locale.ROOT, "%.2f", (STAGE_DAY - 1) / (double) (DAYS - 1));
        String stage = "stage " + stageFrom;
        assertEquals(
            Stream.of("footage", "copies", "requests")
                    .map(
                        kind ->
                            "status-quo-2019/"
                                + kind
                                + " "
                                + stage
                                + " '"
                                + stage
                                + "' dashed rgb(213, 94, 0) at "
                                + fraction)
                    .collect(java.util.stream.Collectors.joining(", "))
                + " | note shown",
            page.waitFor(
                "[...document.querySelectorAll('.chart .stage')].filter(m => !m.hidden).length === 3",
                STAGE_MARKS,
                WAIT));

        // a page opened after the run is shown everything so far
        List<JsonNode> replay = replay(dashboard.url() + "events", 2 * POLICIES.size());
        assertEquals(
            List.of("eu-30-days", "status-quo-2019"),
            replay.stream()
                .filter(e -> e.get("last").asBoolean())
                .map(e -> e.get("policy").asText())
                .distinct()
                .sorted()
                .toList());
        // the flat JSON topics carry the same days, each measure a top-level field
        JsonNode retentionJson = lastJson(client, Topics.RETENTION_STATS_JSON.name());
        JsonNode exposureJson = lastJson(client, Topics.EXPOSURE_STATS_JSON.name());
        assertTrue(
            retentionJson.get("last").asBoolean()
                && retentionJson.has("clipsAlive")
                && retentionJson.has("dayEnd"),
            retentionJson.toString());
        assertTrue(
            exposureJson.get("last").asBoolean()
                && exposureJson.has("copiesAlive.PUBLIC")
                && exposureJson.has("requests"),
            exposureJson.toString());
      }
    }
  }

  /** The world's day (from 0) on whose midnight status-quo-2019's stage takes over. */
  private static final int STAGE_DAY = 8;

  /**
   * Each stage mark shown: its chart, stage, label, line style and colour, and where it stands
   * across the plot (0 at the first point, 1 at the last); then whether the page explains them.
   */
  private static final String STAGE_MARKS =
      "[...document.querySelectorAll('.chart .stage')].filter(m => !m.hidden).map(m => {"
          + " const chart = m.closest('.chart');"
          + " const plot = chart.querySelector('.u-over').getBoundingClientRect();"
          + " const style = getComputedStyle(m);"
          + " return chart.dataset.policy + '/' + chart.dataset.kind + ' ' + m.dataset.stage"
          + " + \" '\" + m.textContent + \"' \" + style.borderLeftStyle + ' ' + style.borderLeftColor"
          + " + ' at ' + ((m.getBoundingClientRect().left - plot.left) / plot.width).toFixed(2);"
          + " }).join(', ')"
          + " + ' | note ' + (document.getElementById('stages-note').hidden ? 'hidden' : 'shown')";

  /** What the page's header and banner say, in one line. */
  private static final String HEADER =
      "'status=' + document.getElementById('status').textContent"
          + " + ' banner=' + (document.getElementById('banner').hidden ? '(hidden)' : document.getElementById('banner').textContent)"
          + " + ' waiting=' + !document.getElementById('empty').hidden"
          + " + ' day=' + document.getElementById('latest-day').textContent";

  /**
   * The dashboard starts before its broker: the page names the address and the cause until the
   * broker comes up, goes live, shows the cause again while the broker is down, and carries on
   * where it left off once the broker is back. The dashboard's log holds one line per change.
   */
  @Test
  void bannerNamesTheAddressWhileKafkaCannotBeReached() throws Exception {
    Path chromium = chromiumOrSkip();
    int port = ClosedPort.take();
    String address = "localhost:" + port;
    String down =
        "status=no connection to Kafka banner=Cannot reach Kafka at "
            + address
            + ": connection refused; retrying waiting=false";
    ClientConfig client = ClientConfig.of(address, null);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Logger logger = (Logger) LoggerFactory.getLogger(DashboardServer.class);
    logger.addAppender(log);
    try (DashboardServer dashboard =
            DashboardServer.start(
                client,
                List.of(Topics.RETENTION_STATS, Topics.EXPOSURE_STATS),
                "127.0.0.1",
                0,
                Duration.ofMillis(200),
                List.of());
        Browser browser = Browser.open(chromium, temp, dashboard.url());
        DevTools page = DevTools.attachToPage(browser.debuggingPort())) {
      assertEquals(down + " day=-", page.waitFor(BANNER_SHOWN, HEADER, WAIT));

      try (EmbeddedBroker broker = EmbeddedBroker.start(temp.resolve("broker"), true, port)) {
        TopicAdmin.createTopics(
            client.toProperties(), List.of(Topics.RETENTION_STATS, Topics.EXPOSURE_STATS), 30);
        assertEquals(
            "status=live banner=(hidden) waiting=true day=-", page.waitFor(LIVE, HEADER, WAIT));

        DailyStats first = day("2019-06-01", false);
        publish(client, first);
        assertEquals(
            "status=live banner=(hidden) waiting=false day=2019-06-01",
            page.waitFor(
                LIVE + " && document.getElementById('latest-day').textContent === '2019-06-01'",
                HEADER,
                WAIT));

        broker.stop();
        assertEquals(down + " day=2019-06-01", page.waitFor(BANNER_SHOWN, HEADER, WAIT));

        broker.restart();
        DailyStats second = day("2019-06-02", true);
        publish(client, second);
        assertEquals(
            "status=live banner=(hidden) waiting=false day=2019-06-02",
            page.waitFor(
                LIVE + " && document.getElementById('latest-day').textContent === '2019-06-02'",
                HEADER,
                WAIT));
        // the consumer made after the outage went on after the first day, not from the start again
        assertEquals(
            List.of(FlatStatsJson.of(first), FlatStatsJson.of(second)),
            events(dashboard.url() + "events", FlatStatsJson.of(second)));
        // each outage logged once as it began and once as it ended; read while the broker still
        // runs, since the dashboard may see the broker's own stop at the end of the test as a third
        String reachable = "INFO Kafka at " + address + " is reachable again";
        String unreachable =
            "WARN Cannot reach Kafka at " + address + ": connection refused; retrying";
        synchronized (log) {
          assertEquals(
              List.of(unreachable, reachable, unreachable, reachable),
              log.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList());
        }
      }
    } finally {
      logger.detachAppender(log);
    }
  }

  private static final Duration WAIT = Duration.ofSeconds(60);
  // the banner follows /status and the header also waits for the page's own feed (/events) to
  // open: wait for both, whichever of the two streams answers first
  private static final String BANNER_SHOWN =
      "!document.getElementById('banner').hidden"
          + " && document.getElementById('status').textContent === 'no connection to Kafka'";
  private static final String LIVE =
      "document.getElementById('banner').hidden && document.getElementById('status').textContent === 'live'";

  /** One day's retention statistics of status-quo-2019, the final day when {@code last}. */
  static DailyStats day(String day, boolean last) {
    return DailyStats.newBuilder()
        .setPolicy("status-quo-2019")
        .setService(StatsService.RETENTION.id())
        .setDay(day)
        .setDayEnd(
            java.time.LocalDate.parse(day)
                .plusDays(1)
                .atStartOfDay(java.time.ZoneOffset.UTC)
                .toInstant()
                .toEpochMilli())
        .setLast(last)
        .setMeasures(Map.of(RetentionMeasure.CLIPS_ALIVE.wireName(), 1L))
        .build();
  }

  private static void publish(ClientConfig client, DailyStats stats) throws Exception {
    try (KafkaProducer<String, DailyStats> producer =
        new KafkaProducer<>(
            client.toProperties(),
            new StringSerializer(),
            Topics.RETENTION_STATS.valueSerde().serializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.RETENTION_STATS.name(), stats.getPolicy() + "/" + stats.getDay(), stats))
          .get();
    }
  }

  /** The data of /events from the start up to and including {@code until}. */
  private static List<String> events(String url, String until) throws Exception {
    HttpResponse<Stream<String>> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofLines());
    List<String> data = new ArrayList<>();
    try (Stream<String> lines = response.body()) {
      java.util.Iterator<String> it = lines.iterator();
      while (!data.contains(until) && it.hasNext()) {
        String line = it.next();
        if (line.startsWith("data: ")) {
          data.add(line.substring("data: ".length()));
        }
      }
    }
    return data;
  }

  /** Reads /events from the start until {@code finals} final days have arrived. */
  private static List<JsonNode> replay(String url, int finals) throws Exception {
    HttpResponse<java.util.stream.Stream<String>> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofLines());
    assertEquals(
        "text/event-stream; charset=utf-8",
        response.headers().firstValue("Content-Type").orElse(""));
    List<JsonNode> events = new ArrayList<>();
    try (java.util.stream.Stream<String> lines = response.body()) {
      java.util.Iterator<String> it = lines.iterator();
      int seen = 0;
      while (seen < finals && it.hasNext()) {
        String line = it.next();
        if (line.startsWith("data: ")) {
          JsonNode event = JSON.readTree(line.substring("data: ".length()));
          events.add(event);
          seen += event.get("last").asBoolean() ? 1 : 0;
        }
      }
    }
    return events;
  }

  /** The last committed record of a flat JSON statistics topic, parsed. */
  private static JsonNode lastJson(ClientConfig client, String topic) throws Exception {
    Properties p = client.toProperties();
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      consumer.seekToBeginning(List.of(partition));
      String last = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (consumer.position(partition) < end && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          last = record.value();
        }
      }
      assertTrue(last != null, topic + " is empty");
      return JSON.readTree(last);
    }
  }

  private static int minPoints(JsonNode state) {
    return points(state).min().orElse(0);
  }

  private static int maxPoints(JsonNode state) {
    return points(state).max().orElse(0);
  }

  private static java.util.stream.IntStream points(JsonNode state) {
    List<Integer> points = new ArrayList<>();
    state
        .get("charts")
        .forEach(c -> points.add(Integer.parseInt(c.asText().replaceAll(".*=", ""))));
    return points.stream().mapToInt(Integer::intValue);
  }

  /**
   * Reads the page every 200 ms until {@code done} holds; the last state it saw goes in the
   * failure.
   */
  private static JsonNode waitFor(DevTools page, String what, Predicate<JsonNode> done)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    JsonNode state = null;
    while (System.nanoTime() < deadline) {
      state = JSON.readTree(page.evaluate(STATE));
      if (done.test(state)) {
        return state;
      }
      Thread.sleep(200);
    }
    return fail("waited 90 s for " + what + "; the page shows " + state);
  }

  /**
   * Headless Chromium with a fresh profile, no background network, and the DevTools endpoint on a
   * free port.
   */
  private record Browser(Process process, Path profile) implements AutoCloseable {
    static Browser open(Path chromium, Path temp, String url) throws Exception {
      Path profile = Files.createDirectories(temp.resolve("profile"));
      List<String> command =
          List.of(
              chromium.toString(),
              "--headless",
              "--no-sandbox",
              "--disable-gpu",
              "--disable-background-networking",
              "--no-first-run",
              "--disable-component-update",
              "--disable-sync",
              "--user-data-dir=" + profile,
              "--remote-debugging-address=127.0.0.1",
              "--remote-debugging-port=0",
              "--window-size=1400,1400",
              url);
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(temp.resolve("chromium.out").toFile())
              .redirectError(temp.resolve("chromium.err").toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      return new Browser(process, profile);
    }

    /** The port Chromium chose, from the file it writes into its profile once it listens. */
    int debuggingPort() throws Exception {
      Path file = profile.resolve("DevToolsActivePort");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline && process.isAlive()) {
        if (Files.isRegularFile(file)) {
          List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
          if (!lines.isEmpty() && !lines.get(0).isBlank()) {
            return Integer.parseInt(lines.get(0).trim());
          }
        }
        Thread.sleep(100);
      }
      return fail(
          "Chromium did not open its DevTools endpoint within 30 s (alive: "
              + process.isAlive()
              + ")");
    }

    @Override
    public void close() throws InterruptedException {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    }
  }

  private static Path chromiumOrSkip() {
    String configured = System.getProperty("camfleet.chromium");
    List<Path> candidates = new ArrayList<>();
    if (configured != null && !configured.isBlank()) {
      candidates.add(Path.of(configured));
    } else {
      candidates.add(Path.of("/usr/bin/chromium"));
      String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
      for (String folder : path.split(File.pathSeparator)) {
        if (!folder.isBlank()) {
          Stream.of("chromium", "chromium-browser", "google-chrome")
              .forEach(name -> candidates.add(Path.of(folder, name)));
        }
      }
    }
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    String message =
        "Chromium is needed to check the dashboard in a browser but was not found (looked at "
            + (configured != null && !configured.isBlank()
                ? configured
                : "/usr/bin/chromium and PATH")
            + "). Install it with `apt-get install -y chromium`, point -Dcamfleet.chromium at it,"
            + " or run with -Dcamfleet.browser.optional=true to skip this test.";
    if (Boolean.getBoolean("camfleet.browser.optional")) {
      Assumptions.abort(message);
    }
    throw new IllegalStateException(message);
  }
}
