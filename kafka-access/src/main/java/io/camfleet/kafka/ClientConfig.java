package io.camfleet.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * How every Kafka client of a command reaches the cluster: the bootstrap servers plus the client
 * properties of a {@code --kafka-config} file (SASL, SSL and the like), passed unchanged to
 * producers, consumers, admin clients and Streams. {@link #describe()} never shows a value, so no
 * secret reaches a log.
 */
public record ClientConfig(String bootstrapServers, Properties properties) {

  public ClientConfig {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrap servers are required");
    }
    Properties copy = new Properties();
    if (properties != null) {
      copy.putAll(properties);
    }
    copy.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties = copy;
  }

  /** Bootstrap servers plus, when {@code kafkaConfigFile} is given, the properties in it. */
  public static ClientConfig of(String bootstrapServers, Path kafkaConfigFile) {
    return new ClientConfig(bootstrapServers, readProperties(kafkaConfigFile));
  }

  /** Reads a Java properties file of Kafka client settings; null gives no settings. */
  public static Properties readProperties(Path file) {
    Properties props = new Properties();
    if (file == null) {
      return props;
    }
    try (Reader reader = Files.newBufferedReader(file)) {
      props.load(reader);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such Kafka client config file");
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          file + ": cannot read Kafka client config: " + e.getMessage());
    }
    return props;
  }

  /** A fresh copy of every client property, for building one client. */
  public Properties toProperties() {
    Properties copy = new Properties();
    copy.putAll(properties);
    return copy;
  }

  /** The cluster address and the names (never the values) of the extra settings. */
  public String describe() {
    Set<String> keys = new TreeSet<>(properties.stringPropertyNames());
    keys.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    return bootstrapServers + (keys.isEmpty() ? "" : " with client settings " + keys);
  }
}
