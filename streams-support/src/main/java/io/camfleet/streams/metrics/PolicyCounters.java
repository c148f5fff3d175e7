package io.camfleet.streams.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A counter per policy and value of an enum (receipt kind, holder type), all registered at zero up
 * front so that a scrape shows every series from the start. Per process and not exactly-once, like
 * every counter of {@link ServiceMetrics}.
 */
public final class PolicyCounters<E extends Enum<E>> {
  private final MeterRegistry registry;
  private final String name;
  private final String description;
  private final String tag;
  private final E[] values;
  private final Map<String, Counter[]> byPolicy = new ConcurrentHashMap<>();

  private PolicyCounters(
      MeterRegistry registry, String name, String description, String tag, Class<E> type) {
    this.registry = registry;
    this.name = name;
    this.description = description;
    this.tag = tag;
    this.values = type.getEnumConstants();
  }

  /**
   * Registers {@code name} with the tags {@code policy} and {@code tag} (the enum's constant names
   * as values) for each of {@code policies} and each constant of {@code type}.
   */
  public static <E extends Enum<E>> PolicyCounters<E> register(
      MeterRegistry registry,
      String name,
      String description,
      String tag,
      Class<E> type,
      List<String> policies) {
    if (!tag.equals(tag.toLowerCase(Locale.ROOT)) || tag.equals("policy")) {
      throw new IllegalArgumentException("not a usable tag name: " + tag);
    }
    PolicyCounters<E> counters = new PolicyCounters<>(registry, name, description, tag, type);
    policies.forEach(counters::countersOf);
    return counters;
  }

  public void increment(String policy, E value) {
    countersOf(policy)[value.ordinal()].increment();
  }

  private Counter[] countersOf(String policy) {
    return byPolicy.computeIfAbsent(policy, this::registerPolicy);
  }

  private Counter[] registerPolicy(String policy) {
    Counter[] counters = new Counter[values.length];
    for (E value : values) {
      counters[value.ordinal()] =
          Counter.builder(name)
              .description(description)
              .tag("policy", policy)
              .tag(tag, value.name())
              .register(registry);
    }
    return counters;
  }
}
