package io.camfleet.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Checks a file's keys against the records it is read into, before any value is converted: every
 * key is one the record accepts, no key is given twice, and every required key is there with a
 * value. Each problem is reported where it is written.
 */
final class KeyCheck {
  private final YamlTree tree;

  private KeyCheck(YamlTree tree) {
    this.tree = tree;
  }

  static void check(YamlTree tree, Type type) {
    Node root = tree.root();
    if (root == null) {
      throw tree.error(new YamlTree.Place(0, 0, null), "the file holds no settings");
    }
    new KeyCheck(tree).check(root, type, YamlTree.place(root, ""));
  }

  private void check(Node node, Type type, YamlTree.Place at) {
    Class<?> raw = raw(type);
    if (node instanceof MappingNode mapping) {
      Map<String, YamlTree.Place> seen = new HashMap<>();
      Map<String, RecordComponent> keys = raw.isRecord() ? keysOf(raw) : null;
      for (NodeTuple tuple : mapping.getValue()) {
        if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
          continue;
        }
        String key = keyNode.getValue();
        YamlTree.Place keyAt = YamlTree.place(keyNode, YamlTree.join(at.field(), key));
        YamlTree.Place first = seen.putIfAbsent(key, keyAt);
        if (first != null) {
          throw tree.error(
              keyAt, "duplicated key '" + key + "', first given on line " + first.line());
        }
        Node value = tuple.getValueNode();
        if (keys != null) {
          RecordComponent component = keys.get(key);
          if (component == null) {
            throw tree.error(
                keyAt,
                "unknown key '" + key + "'; expected one of " + String.join(", ", keys.keySet()));
          }
          if (YamlTree.isNull(value)) {
            if (required(component)) {
              throw tree.error(keyAt, "required but empty");
            }
            continue;
          }
          check(value, component.getGenericType(), keyAt);
        } else if (Map.class.isAssignableFrom(raw)) {
          check(value, typeArgument(type, 1), keyAt);
        }
      }
      if (keys != null) {
        for (Map.Entry<String, RecordComponent> key : keys.entrySet()) {
          if (required(key.getValue()) && !seen.containsKey(key.getKey())) {
            throw tree.error(
                new YamlTree.Place(at.line(), at.column(), YamlTree.join(at.field(), key.getKey())),
                "required but missing");
          }
        }
      } else if (!Map.class.isAssignableFrom(raw) && raw != Object.class) {
        throw tree.error(at, "expected " + YamlConfig.describe(type) + ", not a section of keys");
      }
    } else if (node instanceof SequenceNode sequence) {
      if (!Collection.class.isAssignableFrom(raw)) {
        throw tree.error(at, "expected " + YamlConfig.describe(type) + ", not a list");
      }
      List<Node> items = sequence.getValue();
      for (int i = 0; i < items.size(); i++) {
        Node item = items.get(i);
        check(
            item, typeArgument(type, 0), YamlTree.place(item, YamlTree.item(at.field(), item, i)));
      }
    } else if (node instanceof ScalarNode scalar
        && (raw.isRecord()
            || Map.class.isAssignableFrom(raw)
            || Collection.class.isAssignableFrom(raw))) {
      // an empty section or list item where keys belong is never valid; an empty number is left to
      // its record
      throw tree.error(
          at,
          "expected "
              + YamlConfig.describe(type)
              + ", not "
              + (YamlTree.isNull(scalar) ? "an empty value" : "'" + scalar.getValue() + "'"));
    }
  }

  /** The keys a record accepts, in its declaration order. */
  static Map<String, RecordComponent> keysOf(Class<?> record) {
    Map<String, RecordComponent> keys = new LinkedHashMap<>();
    for (RecordComponent component : record.getRecordComponents()) {
      JsonProperty property = property(component);
      String name =
          property != null && !property.value().isEmpty() ? property.value() : component.getName();
      keys.put(name, component);
    }
    return keys;
  }

  private static boolean required(RecordComponent component) {
    JsonProperty property = property(component);
    return property != null && property.required();
  }

  /**
   * The component's annotation, which Java keeps on the record's field (its target is not a record
   * component).
   */
  private static JsonProperty property(RecordComponent component) {
    try {
      return component
          .getDeclaringRecord()
          .getDeclaredField(component.getName())
          .getAnnotation(JsonProperty.class);
    } catch (NoSuchFieldException e) {
      return null;
    }
  }

  static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return Object.class;
  }

  static Type typeArgument(Type type, int index) {
    if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
      return p.getActualTypeArguments()[index];
    }
    return Object.class;
  }
}
