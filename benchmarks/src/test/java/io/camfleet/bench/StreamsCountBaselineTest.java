package io.camfleet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class StreamsCountBaselineTest {
  @Test
  void countsEachKeysRecordsInItsStoreAndWritesEveryNewCount() {
    try (TopologyTestDriver driver =
        new TopologyTestDriver(StreamsCountBaseline.topology("in", "out"))) {
      var in = driver.createInputTopic("in", new StringSerializer(), new ByteArraySerializer());
      var out = driver.createOutputTopic("out", new StringDeserializer(), new LongDeserializer());
      for (String key : List.of("cam-1", "cam-2", "cam-1", "cam-1")) {
        in.pipeInput(key, new byte[] {1, 2, 3});
      }

      assertEquals(
          List.of(
              KeyValue.pair("cam-1", 1L),
              KeyValue.pair("cam-2", 1L),
              KeyValue.pair("cam-1", 2L),
              KeyValue.pair("cam-1", 3L)),
          out.readKeyValuesToList());
      KeyValueStore<String, Long> store = driver.getKeyValueStore(StreamsCountBaseline.STORE);
      assertEquals(3L, store.get("cam-1"));
      assertEquals(1L, store.get("cam-2"));
    }
  }
}
