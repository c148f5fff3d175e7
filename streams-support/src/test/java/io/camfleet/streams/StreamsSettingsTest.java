package io.camfleet.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.kafka.ClientConfig;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {
  private static StreamsConfig config(Properties client) {
    return new StreamsConfig(
        StreamsSettings.defaults("settings-test", new ClientConfig("localhost:9092", client))
            .toProperties());
  }

  @Test
  void noJmxReporterNorMetricsPushUnlessTheClientSettingsAskForThem() {
    StreamsConfig defaults = config(new Properties());
    assertEquals(List.of(), defaults.getList(StreamsConfig.METRIC_REPORTER_CLASSES_CONFIG));
    assertFalse(defaults.getBoolean(StreamsConfig.ENABLE_METRICS_PUSH_CONFIG));

    Properties client = new Properties();
    client.put(StreamsConfig.METRIC_REPORTER_CLASSES_CONFIG, JmxReporter.class.getName());
    client.put(StreamsConfig.ENABLE_METRICS_PUSH_CONFIG, "true");
    StreamsConfig asked = config(client);
    assertEquals(
        List.of(JmxReporter.class.getName()),
        asked.getList(StreamsConfig.METRIC_REPORTER_CLASSES_CONFIG));
    assertTrue(asked.getBoolean(StreamsConfig.ENABLE_METRICS_PUSH_CONFIG));
  }

  @Test
  void theRestoreConsumerAloneWaitsTenMillisecondsOnAnEmptyFetch() {
    StreamsConfig config = config(new Properties());
    Map<String, Object> restore = config.getRestoreConsumerConfigs("restore");
    Map<String, Object> main = config.getMainConsumerConfigs("group", "main", 0);
    assertEquals(10, restore.get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG));
    assertEquals(null, main.get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG));
  }
}
