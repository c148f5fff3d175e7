package io.camfleet.retention.topology;

import io.camfleet.avro.LiveClip;
import io.camfleet.avro.PolicyClipState;
import io.camfleet.policy.PolicyRules;
import io.camfleet.streams.StateFolderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes of a live clip in the clip store, private to the retention service: nothing but the
 * service reads the store or its changelog.
 *
 * <p>Layout {@value #LAYOUT}, after the key ({@link ClipKey}: recording time, then clip id):
 *
 * <ol>
 *   <li>one byte, the layout;
 *   <li>the camera id: a varint {@code t}; {@code t} even: {@code t/2} bytes of UTF-8 follow; odd:
 *       the camera id is the clip id's characters from {@code t/2}, as many as the varint that
 *       follows says (the simulator names a clip after its camera);
 *   <li>the household id and the region, each a varint length and UTF-8;
 *   <li>the size in bytes, a zigzag varint;
 *   <li>two bits per policy, by its index in the service's list of policies, four to a byte, lowest
 *       bits first: 0 the clip is gone under that policy, 1 it is there as a recorded clip starts
 *       (not exempt, not shared, no holds, due at the policy's due time for its region and
 *       recording time), 2 it is there and its state follows;
 *   <li>for each policy marked 2, in index order: a byte of flags (1 exempt, 2 shared, 4 due time
 *       given), the due time less the recording time as a zigzag varint if given, the number of
 *       holds as a varint and each hold id as a varint length and UTF-8.
 * </ol>
 *
 * <p>The recording time is the key's, the policy is its index, and a due time is written only when
 * the policy would not set it so: with nine policies a typical clip costs three bytes of policy
 * state, where its Avro encoding repeated nine policy names and due times. The indexes only hold
 * for the list they were written with: the processor keeps that list in its cursor store and
 * refuses another.
 */
final class ClipCodec {
  /** The first byte of every value; Avro single-object encoding starts with 0xC3. */
  static final byte LAYOUT = 1;

  private static final int ABSENT = 0;
  private static final int AS_RECORDED = 1;
  private static final int DETAILED = 2;
  private static final int EXEMPT = 1;
  private static final int SHARED = 2;
  private static final int DUE_GIVEN = 4;

  private final List<PolicyRules> policies;
  private final String[] names;
  private final Map<String, Integer> indexes = new HashMap<>();
  private final String storeName;
  private byte[] buffer = new byte[256];
  private int length;

  ClipCodec(List<PolicyRules> policies, String storeName) {
    this.policies = List.copyOf(policies);
    this.names = policies.stream().map(PolicyRules::policyName).toArray(String[]::new);
    for (int i = 0; i < names.length; i++) {
      indexes.put(names[i], i);
    }
    this.storeName = storeName;
  }

  byte[] encode(String clipId, LiveClip live) {
    length = 0;
    writeByte(LAYOUT);
    String camera = live.getCameraId();
    int inId = camera.isEmpty() ? -1 : clipId.indexOf(camera);
    if (inId >= 0) {
      writeVarLong(((long) inId << 1) | 1);
      writeVarLong(camera.length());
    } else {
      writeString(camera, true);
    }
    writeString(live.getHouseholdId(), false);
    writeString(live.getRegion(), false);
    writeVarLong(zigzag(live.getSizeBytes()));

    PolicyClipState[] byIndex = new PolicyClipState[names.length];
    for (PolicyClipState state : live.getPolicies()) {
      Integer index = indexes.get(state.getPolicy());
      if (index == null) {
        throw new IllegalArgumentException("no policy " + state.getPolicy() + " in this service");
      }
      byIndex[index] = state;
    }
    int codes = length;
    int codeBytes = (names.length + 3) / 4;
    for (int i = 0; i < codeBytes; i++) {
      writeByte(0);
    }
    for (int i = 0; i < names.length; i++) {
      PolicyClipState state = byIndex[i];
      if (state == null) {
        continue;
      }
      long defaultDue = policies.get(i).dueAt(live.getRegion(), live.getRecordedAt());
      boolean dueGiven = state.getDueAt() != defaultDue;
      int code =
          !state.getExempt() && !state.getShared() && state.getHolds().isEmpty() && !dueGiven
              ? AS_RECORDED
              : DETAILED;
      buffer[codes + i / 4] |= (byte) (code << (i % 4 * 2));
      if (code == DETAILED) {
        writeByte(
            (state.getExempt() ? EXEMPT : 0)
                | (state.getShared() ? SHARED : 0)
                | (dueGiven ? DUE_GIVEN : 0));
        if (dueGiven) {
          writeVarLong(zigzag(state.getDueAt() - live.getRecordedAt()));
        }
        writeVarLong(state.getHolds().size());
        for (String hold : state.getHolds()) {
          writeString(hold, false);
        }
      }
    }
    return Arrays.copyOf(buffer, length);
  }

  LiveClip decode(ClipKey key, byte[] value) {
    requireLayout(value);
    Reader in = new Reader(value);
    in.at = 1;
    long camera = in.varLong();
    String cameraId;
    if ((camera & 1) == 1) {
      int from = (int) (camera >>> 1);
      int count = (int) in.varLong();
      cameraId = key.clipId().substring(from, from + count);
    } else {
      cameraId = in.string((int) (camera >>> 1));
    }
    String householdId = in.string((int) in.varLong());
    String region = in.string((int) in.varLong());
    long sizeBytes = unzigzag(in.varLong());
    int codes = in.at;
    in.at += (names.length + 3) / 4;
    List<PolicyClipState> states = new ArrayList<>(names.length);
    for (int i = 0; i < names.length; i++) {
      int code = (value[codes + i / 4] >>> (i % 4 * 2)) & 3;
      if (code == ABSENT) {
        continue;
      }
      long defaultDue = policies.get(i).dueAt(region, key.recordedAt());
      if (code == AS_RECORDED) {
        states.add(new PolicyClipState(names[i], defaultDue, false, false, new ArrayList<>()));
        continue;
      }
      if (code != DETAILED) {
        throw new IllegalArgumentException("corrupt clip in " + storeName + ": " + key);
      }
      int flags = value[in.at++];
      long dueAt =
          (flags & DUE_GIVEN) != 0 ? key.recordedAt() + unzigzag(in.varLong()) : defaultDue;
      int holdCount = (int) in.varLong();
      List<String> holds = new ArrayList<>(holdCount);
      for (int h = 0; h < holdCount; h++) {
        holds.add(in.string((int) in.varLong()));
      }
      states.add(
          new PolicyClipState(
              names[i], dueAt, (flags & EXEMPT) != 0, (flags & SHARED) != 0, holds));
    }
    return new LiveClip(cameraId, householdId, region, key.recordedAt(), sizeBytes, states);
  }

  /**
   * Refuses a value in a layout this version does not read, such as the Avro encoding of earlier
   * versions, with one line naming the store and the way out.
   */
  void requireLayout(byte[] value) {
    if (value.length == 0 || value[0] != LAYOUT) {
      throw new StateFolderException(
          String.format(
              "state store %s holds clips in a layout this version does not read (first byte"
                  + " 0x%02x, where this version writes 0x%02x): they were written by an earlier"
                  + " version; start again with --reset-state",
              storeName, value.length == 0 ? 0 : value[0] & 0xFF, LAYOUT));
    }
  }

  private void writeString(String text, boolean tagged) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    writeVarLong(tagged ? (long) bytes.length << 1 : bytes.length);
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, length, bytes.length);
    length += bytes.length;
  }

  private void writeVarLong(long value) {
    ensure(10);
    long rest = value;
    while ((rest & ~0x7FL) != 0) {
      buffer[length++] = (byte) ((rest & 0x7F) | 0x80);
      rest >>>= 7;
    }
    buffer[length++] = (byte) rest;
  }

  private void writeByte(int value) {
    ensure(1);
    buffer[length++] = (byte) value;
  }

  private void ensure(int more) {
    if (length + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }

  private static long zigzag(long value) {
    return (value << 1) ^ (value >> 63);
  }

  private static long unzigzag(long value) {
    return (value >>> 1) ^ -(value & 1);
  }

  private static final class Reader {
    private final byte[] bytes;
    private int at;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    long varLong() {
      long value = 0;
      for (int shift = 0; ; shift += 7) {
        byte b = bytes[at++];
        value |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return value;
        }
      }
    }

    String string(int count) {
      String text = new String(bytes, at, count, StandardCharsets.UTF_8);
      at += count;
      return text;
    }
  }
}
