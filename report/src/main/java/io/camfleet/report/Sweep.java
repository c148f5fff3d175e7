package io.camfleet.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A grid of world variants, each run as a comparison of the same policies: the varied keys (YAML
 * paths of the world file, in the order given) and the variants in the order they were run.
 */
public record Sweep(List<String> keys, List<SweepVariant> variants) {

  public Sweep {
    keys = List.copyOf(Objects.requireNonNull(keys, "keys"));
    variants = List.copyOf(Objects.requireNonNull(variants, "variants"));
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a sweep varies at least one key");
    }
    if (new HashSet<>(keys).size() != keys.size()) {
      throw new IllegalArgumentException("a sweep varies each key once: " + keys);
    }
    if (variants.isEmpty()) {
      throw new IllegalArgumentException("a sweep has at least one variant");
    }
    Set<Map<String, String>> seen = new HashSet<>();
    List<String> policies = names(variants.get(0).comparison());
    for (SweepVariant variant : variants) {
      if (!variant.values().keySet().equals(new LinkedHashSet<>(keys))) {
        throw new IllegalArgumentException(
            "variant " + variant.values() + " does not give exactly the varied keys " + keys);
      }
      if (!seen.add(variant.values())) {
        throw new IllegalArgumentException("variant " + variant.values() + " appears twice");
      }
      if (!names(variant.comparison()).equals(policies)) {
        throw new IllegalArgumentException(
            "variant "
                + variant.values()
                + " compares "
                + names(variant.comparison())
                + ", not "
                + policies);
      }
    }
  }

  /** The sweep over {@code variants} of the world, varying {@code keys}. */
  public static Sweep of(List<String> keys, List<SweepVariant> variants) {
    return new Sweep(keys, variants);
  }

  private static List<String> names(Comparison comparison) {
    return comparison.policies().stream().map(PolicyInfo::name).toList();
  }

  /** The policies every variant compares, baseline first. */
  public List<String> policies() {
    return names(variants.get(0).comparison());
  }

  /** The values a key takes, in the order they first appear among the variants. */
  public List<String> values(String key) {
    Set<String> values = new LinkedHashSet<>();
    variants.forEach(v -> values.add(v.values().get(key)));
    return new ArrayList<>(values);
  }
}
