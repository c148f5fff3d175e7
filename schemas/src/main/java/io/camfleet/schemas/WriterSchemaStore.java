package io.camfleet.schemas;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SchemaParseException;
import org.apache.avro.message.SchemaStore;

/**
 * The writer schemas one reader schema decodes: the program's own history first, then a lookup (the
 * {@code schemas} topic) for fingerprints the program was not built with. A looked-up schema is
 * used only if its fingerprint is the one asked for, its record has the reader's full name, and
 * Avro's resolution rules let the reader read it; otherwise it is refused with a {@link
 * SchemaRefusedException} that says why, and remembered as refused.
 */
public final class WriterSchemaStore implements SchemaStore {
  private static final Set<Schema.Type> NAMED =
      EnumSet.of(Schema.Type.RECORD, Schema.Type.ENUM, Schema.Type.FIXED);

  private final Schema reader;
  private final Map<Long, Schema> known = new ConcurrentHashMap<>();
  private final Map<Long, String> refused = new ConcurrentHashMap<>();
  private final LongFunction<Optional<String>> lookup;

  /**
   * @param lookup the schema text registered under a fingerprint, or empty
   */
  public WriterSchemaStore(
      Schema reader, List<Schema> history, LongFunction<Optional<String>> lookup) {
    this.reader = reader;
    this.lookup = lookup;
    known.put(SchemaNormalization.parsingFingerprint64(reader), reader);
    history.forEach(schema -> known.put(SchemaNormalization.parsingFingerprint64(schema), schema));
  }

  /** The writer schema for {@code fingerprint}; null when nobody registered one. */
  @Override
  public Schema findByFingerprint(long fingerprint) {
    Schema schema = known.get(fingerprint);
    if (schema != null) {
      return schema;
    }
    String reason = refused.get(fingerprint);
    if (reason != null) {
      throw new SchemaRefusedException(reason);
    }
    Optional<String> text = lookup.apply(fingerprint);
    if (text.isEmpty()) {
      return null;
    }
    try {
      schema = accept(fingerprint, text.get());
    } catch (SchemaRefusedException e) {
      refused.put(fingerprint, e.getMessage());
      throw e;
    }
    known.put(fingerprint, schema);
    return schema;
  }

  private Schema accept(long fingerprint, String text) {
    String what = "writer schema " + hex(fingerprint);
    Schema writer;
    try {
      writer = new Schema.Parser().parse(text);
    } catch (SchemaParseException e) {
      throw new SchemaRefusedException(what + " is not a valid Avro schema: " + e.getMessage());
    }
    long actual = SchemaNormalization.parsingFingerprint64(writer);
    if (actual != fingerprint) {
      throw new SchemaRefusedException(
          what + " was registered under the wrong fingerprint: its own is " + hex(actual));
    }
    List<String> problems = problemsReading(reader, writer);
    if (!problems.isEmpty()) {
      throw new SchemaRefusedException(
          what
              + " ("
              + writer.getFullName()
              + ") cannot be read as "
              + reader.getFullName()
              + ": "
              + String.join("; ", problems));
    }
    return writer;
  }

  /**
   * Why {@code reader} cannot read records written with {@code writer}, one line per problem; empty
   * when it can. Both must be records of the same full name, and Avro's resolution rules must hold:
   * every reader field the writer lacks has a default, types promote, enum symbols and union
   * branches the writer may send are known to the reader.
   */
  public static List<String> problemsReading(Schema reader, Schema writer) {
    if (writer.getType() != Schema.Type.RECORD) {
      return List.of("it is a " + writer.getType().getName() + ", not a record");
    }
    if (!writer.getFullName().equals(reader.getFullName())) {
      return List.of(
          "the record is named " + writer.getFullName() + ", not " + reader.getFullName());
    }
    return incompatibilities(reader, writer, "");
  }

  private static List<String> incompatibilities(Schema reader, Schema writer, String at) {
    List<String> problems = new ArrayList<>();
    for (Incompatibility i :
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
            .getResult()
            .getIncompatibilities()) {
      List<String> inBranches =
          i.getType() == SchemaIncompatibilityType.MISSING_UNION_BRANCH
              ? sameNamedBranches(
                  i.getReaderFragment(), i.getWriterFragment(), at + i.getLocation())
              : List.of();
      if (inBranches.isEmpty()) {
        problems.add(i.getType() + " at " + at + i.getLocation() + ": " + i.getMessage());
      } else {
        problems.addAll(inBranches);
      }
    }
    return problems;
  }

  /**
   * Avro only says that a union lacks a branch the writer may send; where the reader's union has a
   * branch of the same name, what does not fit in it says why.
   */
  private static List<String> sameNamedBranches(Schema readerUnion, Schema writer, String at) {
    if (readerUnion.getType() != Schema.Type.UNION) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    for (Schema branch :
        writer.getType() == Schema.Type.UNION ? writer.getTypes() : List.of(writer)) {
      if (NAMED.contains(branch.getType())) {
        readerUnion.getTypes().stream()
            .filter(
                b -> NAMED.contains(b.getType()) && b.getFullName().equals(branch.getFullName()))
            .findFirst()
            .ifPresent(
                same ->
                    problems.addAll(
                        incompatibilities(same, branch, at + "[" + branch.getName() + "]")));
      }
    }
    return problems;
  }

  /** A fingerprint as the {@code schemas} topic keys it: 16 lower-case hex digits. */
  public static String hex(long fingerprint) {
    return String.format("%016x", fingerprint);
  }
}
