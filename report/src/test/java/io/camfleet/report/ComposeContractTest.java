package io.camfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.camfleet.schemas.Topic;
import io.camfleet.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The repository's docker-compose.yml agrees with the code: the topics it creates are the
 * catalog's, and the services it builds and runs exist, with files that exist.
 */
class ComposeContractTest {
  private static final Path REPO =
      Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("..").normalize();
  private static final Map<String, String> SUBCOMMANDS =
      Map.of(
          "simulator",
          "simulate",
          "retention-service",
          "retention-service",
          "sharing-service",
          "sharing-service");

  private static JsonNode services;

  @BeforeAll
  static void readCompose() throws IOException {
    services =
        new YAMLMapper().readTree(REPO.resolve("docker-compose.yml").toFile()).get("services");
  }

  @Test
  void runsTheOfficialKafkaImageAsOneKraftNodeWithAHealthcheck() {
    JsonNode kafka = services.get("kafka");
    JsonNode env = kafka.get("environment");

    assertTrue(
        kafka.get("image").asText().startsWith("apache/kafka:"), kafka.get("image").asText());
    assertEquals(
        Map.of(
            "KAFKA_PROCESS_ROLES", "broker,controller",
            "KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:9093",
            "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1",
            "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1",
            "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1",
            "KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false"),
        Map.of(
            "KAFKA_PROCESS_ROLES", env.get("KAFKA_PROCESS_ROLES").asText(),
            "KAFKA_CONTROLLER_QUORUM_VOTERS", env.get("KAFKA_CONTROLLER_QUORUM_VOTERS").asText(),
            "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR",
                env.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR").asText(),
            "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR",
                env.get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR").asText(),
            "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR",
                env.get("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR").asText(),
            "KAFKA_AUTO_CREATE_TOPICS_ENABLE",
                env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE").asText()));
    assertTrue(
        List.of(env.get("KAFKA_ADVERTISED_LISTENERS").asText().split(","))
            .contains("INTERNAL://kafka:9092"),
        "containers reach the broker at kafka:9092");
    assertTrue(
        words(kafka.get("healthcheck").get("test")).stream()
            .anyMatch(w -> w.contains("kafka-broker-api-versions.sh")));
  }

  @Test
  void clusterProfileRunsThreeKraftVotersReplicatingEverythingThreeTimesTwoInSync() {
    Map<String, String> hosts = new TreeMap<>();
    for (String name : List.of("kafka-1", "kafka-2", "kafka-3")) {
      JsonNode node = services.get(name);
      JsonNode env = node.get("environment");
      String id = env.get("KAFKA_NODE_ID").asText();

      assertEquals(List.of("cluster"), words(node.get("profiles")), name);
      assertEquals(name, "kafka-" + id, "node id of " + name);
      assertEquals("broker,controller", env.get("KAFKA_PROCESS_ROLES").asText(), name);
      assertEquals(
          "1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093",
          env.get("KAFKA_CONTROLLER_QUORUM_VOTERS").asText(),
          name);
      for (String replicas :
          List.of(
              "KAFKA_DEFAULT_REPLICATION_FACTOR",
              "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR",
              "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR")) {
        assertEquals("3", env.get(replicas).asText(), name + " " + replicas);
      }
      for (String inSync :
          List.of("KAFKA_MIN_INSYNC_REPLICAS", "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR")) {
        assertEquals("2", env.get(inSync).asText(), name + " " + inSync);
      }
      assertTrue(
          List.of(env.get("KAFKA_ADVERTISED_LISTENERS").asText().split(","))
              .contains("INTERNAL://" + name + ":9092"),
          name);
      hosts.put(name, words(node.get("ports")).get(0));
    }
    assertEquals(3, hosts.values().stream().distinct().count(), "a host port each: " + hosts);
    for (String always : SUBCOMMANDS.keySet()) {
      assertTrue(services.get(always).get("profiles") == null, always + " runs without a profile");
    }
  }

  @Test
  void topicInitCreatesExactlyTheCatalogsTopicsOnceKafkaIsHealthy() {
    JsonNode init = services.get("topic-init");
    Map<String, String> created = new TreeMap<>();
    String script = String.join("\n", words(init.get("command"))).replace("\\\n", " ");
    for (String line : script.split("\n")) {
      List<String> args = List.of(line.trim().split("\\s+"));
      if (!args.get(0).endsWith("kafka-topics.sh") || !args.contains("--create")) {
        continue;
      }
      assertTrue(args.contains("--if-not-exists"), "reruns must not fail: " + line);
      assertEquals("1", after(args, "--replication-factor"), line);
      created.put(
          after(args, "--topic"), after(args, "--partitions") + " " + after(args, "--config"));
    }
    Map<String, String> catalog = new TreeMap<>();
    for (Topic<?, ?> topic : Topics.all()) {
      catalog.put(topic.name(), topic.partitions() + " cleanup.policy=" + topic.cleanup().config());
    }

    assertTrue(init.get("image").asText().startsWith("apache/kafka:"), init.get("image").asText());
    assertEquals("service_healthy", init.get("depends_on").get("kafka").get("condition").asText());
    assertEquals(catalog, created);
  }

  @Test
  void buildsEveryServiceAsOneImageFromTheRootDockerfile() throws IOException {
    for (String service : SUBCOMMANDS.keySet()) {
      JsonNode build = services.get(service).get("build");
      Path dockerfile = REPO.resolve(build.get("dockerfile").asText());

      assertEquals(
          REPO,
          REPO.resolve(build.get("context").asText()).normalize(),
          service + " builds from the root");
      assertEquals(REPO.resolve("Dockerfile"), dockerfile.normalize(), service);
      assertEquals(
          "camfleet/camfleet:0.1.0-SNAPSHOT", services.get(service).get("image").asText(), service);
      String text = Files.readString(dockerfile);
      for (String expected :
          List.of(
              "FROM maven:3.9-eclipse-temurin-17 AS build",
              "mvn -B -q -pl lab -am package -DskipTests",
              "FROM eclipse-temurin:17-jre",
              "\"-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.camfleet.avro\"",
              "\"io.camfleet.lab.Camfleet\"")) {
        assertTrue(text.contains(expected), dockerfile + " lacks " + expected);
      }
    }
  }

  @Test
  void startsServicesOnlyOnceKafkaIsHealthyAndTheTopicsExist() {
    for (String service : SUBCOMMANDS.keySet()) {
      JsonNode node = services.get(service);

      assertEquals(
          List.of("kafka=service_healthy", "topic-init=service_completed_successfully"),
          List.of(
              "kafka=" + node.get("depends_on").get("kafka").get("condition").asText(),
              "topic-init=" + node.get("depends_on").get("topic-init").get("condition").asText()),
          service);
      assertEquals(
          "kafka:9092",
          node.get("environment").get("CAMFLEET_BOOTSTRAP_SERVERS").asText(),
          service);
    }
  }

  @Test
  void runsEachServicesSubcommandAgainstTheBrokersInternalListener() {
    for (Map.Entry<String, String> service : SUBCOMMANDS.entrySet()) {
      List<String> command = words(services.get(service.getKey()).get("command"));

      assertEquals(service.getValue(), command.get(0), service.getKey());
      assertEquals("kafka:9092", after(command, "--bootstrap-servers"), service.getKey());
    }
    List<String> sharing = words(services.get("sharing-service").get("command"));
    assertEquals(
        List.of("8081", "0.0.0.0"),
        List.of(after(sharing, "--http-port"), after(sharing, "--http-bind")));
    assertEquals(List.of("8081:8081"), words(services.get("sharing-service").get("ports")));
  }

  @Test
  void publishesTheRetentionServicesMetricsPortBoundToEveryInterfaceOfItsContainer() {
    List<String> retention = words(services.get("retention-service").get("command"));

    assertEquals(
        List.of("8082", "0.0.0.0"),
        List.of(after(retention, "--http-port"), after(retention, "--http-bind")));
    assertEquals(List.of("8082:8082"), words(services.get("retention-service").get("ports")));
  }

  @Test
  void namesWorldAndPolicyFilesThatExistAndAreCopiedIntoTheImage() throws IOException {
    for (String service : SUBCOMMANDS.keySet()) {
      List<String> command = words(services.get(service).get("command"));
      String dockerfile = Files.readString(REPO.resolve("Dockerfile"));
      for (String option : List.of("--world", "--policy")) {
        if (!command.contains(option)) {
          continue;
        }
        String file = after(command, option);
        String folder = file.substring(0, file.indexOf('/'));

        assertTrue(
            Files.isRegularFile(REPO.resolve(file)),
            service + " names " + file + ", missing in the repository");
        assertTrue(
            dockerfile.contains("COPY " + folder + "/ /app/" + folder + "/"),
            service + "'s Dockerfile does not copy " + folder + "/ into the image");
      }
    }
  }

  /** A compose value as words: a list as it is, a string split on white space. */
  private static List<String> words(JsonNode node) {
    List<String> words = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(element -> words.add(element.asText()));
    } else {
      words.addAll(List.of(node.asText().trim().split("\\s+")));
    }
    return words;
  }

  private static String after(List<String> args, String option) {
    int at = args.indexOf(option);
    assertTrue(at >= 0 && at + 1 < args.size(), "no value for " + option + " in " + args);
    return args.get(at + 1);
  }
}
