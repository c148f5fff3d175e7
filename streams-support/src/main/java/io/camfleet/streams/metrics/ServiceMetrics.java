package io.camfleet.streams.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One service's metrics in Prometheus form: the JVM's, Kafka Streams' own (Micrometer's Kafka
 * Streams binder) and the service's counters, including {@code camfleet_dead_letter_records_total}.
 *
 * <p>Counters here are per process and start at zero with it. They are not exactly-once: after a
 * transaction aborts (a crash, a fenced producer) Kafka Streams processes the same records again
 * and they are counted again, though the output topics hold each result once. Sum them over
 * instances with {@code sum by (...)} and read them with {@code rate()} or {@code increase()}.
 */
public final class ServiceMetrics implements AutoCloseable {
  /** The Prometheus text exposition format, version 0.0.4, which {@link #scrape()} writes. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final String service;
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Map<DeadLetterCounter.Reason, Counter> deadLetters =
      new EnumMap<>(DeadLetterCounter.Reason.class);
  private KafkaStreamsMetrics streamsMetrics;

  /** A registry with the JVM's metrics and the dead-letter counter of {@code service}, at zero. */
  public ServiceMetrics(String service) {
    this.service = Objects.requireNonNull(service, "service");
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    for (DeadLetterCounter.Reason reason : DeadLetterCounter.Reason.values()) {
      deadLetters.put(
          reason,
          Counter.builder("camfleet.dead.letter.records")
              .description(
                  "Records sent to the dead-letter topic, by why (per process; not exactly-once)")
              .tag("service", service)
              .tag("reason", reason.label())
              .register(registry));
    }
  }

  public String service() {
    return service;
  }

  /** Where the service registers its own counters. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Counts into {@code camfleet_dead_letter_records_total}; give it to the Streams properties. */
  public DeadLetterCounter deadLetters() {
    return (reason, records) -> deadLetters.get(reason).increment(records);
  }

  /**
   * Publishes the metrics of {@code streams} (threads, tasks, stores, its clients), as they are now
   * and, checked every minute, as they appear; once per instance.
   */
  public synchronized void bind(KafkaStreams streams) {
    if (streamsMetrics != null) {
      throw new IllegalStateException(
          "a Kafka Streams instance is already bound to the metrics of " + service);
    }
    streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(registry);
  }

  /** Every metric now, in the Prometheus text format ({@link #CONTENT_TYPE}). */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public synchronized void close() {
    if (streamsMetrics != null) {
      streamsMetrics.close();
    }
    gc.close();
    registry.close();
  }
}
