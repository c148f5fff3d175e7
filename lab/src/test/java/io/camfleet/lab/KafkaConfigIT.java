package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** --kafka-config reaches every Kafka client of a run, and none of its values is printed. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class KafkaConfigIT {
  private static final String SECRET = "hunter2-do-not-print";
  @TempDir Path tmp;

  @Test
  void everyClientGetsTheFileAndNoValueFromItIsLogged() throws Exception {
    Path seen = tmp.resolve("clients.txt");
    Path config = tmp.resolve("client.properties");
    Files.writeString(
        config,
        String.join(
            "\n",
            "metric.reporters=" + ConfigRecordingReporter.class.getName(),
            ConfigRecordingReporter.FILE_CONFIG + "=" + seen,
            // A password setting the plaintext broker never uses: it must reach the clients, not
            // the log.
            "ssl.truststore.password=" + SECRET,
            ""));

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process run =
        new ProcessBuilder(
                java,
                "-Xmx1g",
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.camfleet.avro",
                "-cp",
                System.getProperty("java.class.path"),
                Camfleet.class.getName(),
                "run",
                "--world",
                "../worlds/default.yaml",
                "--cameras",
                "20",
                "--days",
                "40",
                "--policy",
                "../policies/status-quo-2019.yaml",
                "--kafka-config",
                config.toString(),
                "--out",
                tmp.resolve("report").toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(run.waitFor(3, TimeUnit.MINUTES));
    assertEquals(0, run.exitValue(), output);

    List<String> clients = Files.readAllLines(seen);
    assertTrue(
        clients.stream().anyMatch(c -> c.startsWith("adminclient-")), "admin client: " + clients);
    assertTrue(
        clients.stream().anyMatch(c -> c.startsWith("camfleet-simulator")),
        "simulator producer: " + clients);
    assertTrue(
        clients.stream()
            .anyMatch(c -> c.startsWith("retention-service") && c.endsWith("-producer")),
        "retention-service producer: " + clients);
    assertTrue(
        clients.stream()
            .anyMatch(c -> c.startsWith("retention-service") && c.endsWith("-consumer")),
        "retention-service consumer: " + clients);
    assertTrue(
        clients.stream().anyMatch(c -> c.startsWith("sharing-service") && c.endsWith("-consumer")),
        "sharing-service consumer: " + clients);
    assertTrue(
        clients.stream().anyMatch(c -> c.startsWith("consumer-camfleet-run-")),
        "report's stats reader: " + clients);
    assertTrue(
        output.contains("ssl.truststore.password"), "the setting's name is shown:\n" + output);
    assertFalse(output.contains(SECRET), "a value from --kafka-config was printed");
  }
}
