package io.camfleet.sharing.custody;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Arranges copies per policy: a clip's as trees, each copy below the copy it was made from. */
public final class CustodyTree {
  private static final Comparator<CopyView> BY_TIME =
      Comparator.comparing(CopyView::storyTime).thenComparing(CopyView::copyId);

  private CustodyTree() {}

  /**
   * The copies grouped by policy (in {@code policies} order), each policy's as a forest: the
   * owner's shares and the blocked copies (whose receipts do not name a parent) at the roots, and
   * any copy whose parent is not among {@code copies} as a root of its own (its {@code
   * parentCopyId} still names the parent).
   */
  public static Map<String, List<CopyView>> byPolicy(List<String> policies, List<CopyView> copies) {
    Map<String, List<CopyView>> grouped = group(policies, copies);
    grouped.replaceAll((policy, flat) -> forest(flat));
    return grouped;
  }

  /**
   * The copies grouped by policy (in {@code policies} order), each policy's as a list ordered by
   * time made (or blocked).
   */
  public static Map<String, List<CopyView>> listsByPolicy(
      List<String> policies, List<CopyView> copies) {
    Map<String, List<CopyView>> grouped = group(policies, copies);
    grouped.values().forEach(list -> list.sort(BY_TIME));
    return grouped;
  }

  private static Map<String, List<CopyView>> group(List<String> policies, List<CopyView> copies) {
    Map<String, List<CopyView>> grouped = new LinkedHashMap<>();
    policies.forEach(policy -> grouped.put(policy, new ArrayList<>()));
    for (CopyView copy : copies) {
      List<CopyView> policyCopies = grouped.get(copy.policy());
      if (policyCopies != null) {
        policyCopies.add(copy);
      }
    }
    return grouped;
  }

  /**
   * One policy's copies of one clip as a forest, each level ordered by the time the copy was made
   * (or blocked).
   */
  public static List<CopyView> forest(List<CopyView> copies) {
    Set<String> ids = new HashSet<>();
    copies.forEach(copy -> ids.add(copy.copyId()));
    Map<String, List<CopyView>> children = new HashMap<>();
    List<CopyView> roots = new ArrayList<>();
    for (CopyView copy : copies) {
      if (copy.parentCopyId() != null && ids.contains(copy.parentCopyId())) {
        children.computeIfAbsent(copy.parentCopyId(), id -> new ArrayList<>()).add(copy);
      } else {
        roots.add(copy);
      }
    }
    return attach(roots, children);
  }

  private static List<CopyView> attach(List<CopyView> level, Map<String, List<CopyView>> children) {
    List<CopyView> sorted = new ArrayList<>(level);
    sorted.sort(BY_TIME);
    List<CopyView> built = new ArrayList<>(sorted.size());
    for (CopyView copy : sorted) {
      built.add(
          copy.withChildren(attach(children.getOrDefault(copy.copyId(), List.of()), children)));
    }
    return built;
  }
}
