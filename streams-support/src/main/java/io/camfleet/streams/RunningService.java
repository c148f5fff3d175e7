package io.camfleet.streams;

import java.nio.file.Path;
import org.apache.kafka.streams.KafkaStreams;

/** A started camfleet service: one Kafka Streams application, and what it serves over HTTP. */
public interface RunningService extends AutoCloseable {

  /** Its application id: its consumer group and the prefix of its internal topics. */
  String applicationId();

  KafkaStreams streams();

  /** This application's state folder. */
  Path stateFolder();

  /** Whether the Streams application stopped because of an error. */
  boolean failed();

  /** Blocks until the Streams application stops. */
  void awaitStop() throws InterruptedException;

  /** Stops serving HTTP and closes the Streams application; later calls do nothing. */
  @Override
  void close();
}
