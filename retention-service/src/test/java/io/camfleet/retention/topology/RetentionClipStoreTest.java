package io.camfleet.retention.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camfleet.avro.LiveClip;
import io.camfleet.avro.PolicyClipState;
import io.camfleet.policy.Policies;
import io.camfleet.policy.Policy;
import io.camfleet.policy.PolicyRules;
import io.camfleet.policy.Retention;
import io.camfleet.schemas.AvroSerde;
import io.camfleet.streams.StateFolderException;
import io.camfleet.streams.TimeKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

/** The clip store's bytes: sizes of typical entries, and every field back as it went in. */
class RetentionClipStoreTest {
  private static final String STORE = RetentionTopology.CLIPS_STORE;
  // What a service says when it starts on clips an earlier version stored.
  static final String AVRO_LAYOUT_REFUSED =
      "state store retention-clips-by-recording-time holds clips in a layout this version does"
          + " not read (first byte 0xc3, where this version writes 0x01): they were written by an"
          + " earlier version; start again with --reset-state";
  private static final long RECORDED_AT = Instant.parse("2019-07-07T18:03:11.250Z").toEpochMilli();
  // A clip as the simulator names it, 20 characters: its camera's id, day and number that day.
  private static final String CLIP_ID = "clip-cam-004217-37-2";
  private static final long SIZE_BYTES = 7_500_000; // 30 s at 250,000 bytes a second
  private static final List<PolicyRules> ALL_BUNDLED =
      Policies.read(Policies.filesIn(Path.of("../policies"))).stream().map(Policy::rules).toList();
  private static final List<PolicyRules> STATUS_QUO_2019 =
      ALL_BUNDLED.stream().filter(r -> r.policyName().equals("status-quo-2019")).toList();

  /** The clip as just recorded, in the state each of {@code policies} gives it. */
  private static LiveClip typicalClip(List<PolicyRules> policies) {
    List<PolicyClipState> states = new ArrayList<>();
    for (PolicyRules rules : policies) {
      states.add(
          new PolicyClipState(
              rules.policyName(), rules.dueAt("US", RECORDED_AT), false, false, new ArrayList<>()));
    }
    return new LiveClip("cam-004217", "hh-004217", "US", RECORDED_AT, SIZE_BYTES, states);
  }

  private static int oldKeyBytes() {
    return TimeKey.of(RECORDED_AT, CLIP_ID).getBytes(StandardCharsets.UTF_8).length;
  }

  private static int oldValueBytes(LiveClip clip) {
    try (AvroSerde<LiveClip> serde = AvroSerde.of(LiveClip.class)) {
      return serde.serializer().serialize(STORE, clip).length;
    }
  }

  @Test
  void typicalClipUnderOnePolicyTakes49BytesWhereItTook111() {
    LiveClip clip = typicalClip(STATUS_QUO_2019);
    byte[] value = new ClipCodec(STATUS_QUO_2019, STORE).encode(CLIP_ID, clip);
    // time 8, id 20
    assertEquals(8 + 20, new ClipKey(RECORDED_AT, CLIP_ID).encoded().get().length);
    // layout 1; camera found in the clip id: offset 1, length 1; household 1 + 9; region 1 + 2;
    // size 4 (7,500,000 zigzagged needs 24 bits); one policy's two bits 1
    assertEquals(1 + 2 + 10 + 3 + 4 + 1, value.length);
    // time 19 digits, |, id 20
    assertEquals(40, oldKeyBytes());
    // header 10; camera 1 + 10; household 1 + 9; region 1 + 2; time 6; size 4; one policy: count
    // 1, name 1 + 15, due time 6, two flags 2, no holds 1, end of array 1
    assertEquals(71, oldValueBytes(clip));
  }

  @Test
  void typicalClipUnderAllNineBundledPoliciesTakes51BytesWhereItTook316() {
    assertEquals(9, ALL_BUNDLED.size());
    LiveClip clip = typicalClip(ALL_BUNDLED);
    byte[] value = new ClipCodec(ALL_BUNDLED, STORE).encode(CLIP_ID, clip);
    assertEquals(8 + 20, new ClipKey(RECORDED_AT, CLIP_ID).encoded().get().length);
    // the same as under one policy, with three bytes of two bits a policy
    assertEquals(1 + 2 + 10 + 3 + 4 + 3, value.length);
    assertEquals(40, oldKeyBytes());
    assertEquals(
        10 + 11 + 10 + 3 + 6 + 4 + 1 + nameBytes(ALL_BUNDLED) + 9 * (6 + 2 + 1) + 1,
        oldValueBytes(clip));
    assertEquals(40 + 276, oldKeyBytes() + oldValueBytes(clip));
    assertEquals(typicalClip(ALL_BUNDLED), new ClipCodec(ALL_BUNDLED, STORE).decode(key(), value));
  }

  private static int nameBytes(List<PolicyRules> policies) {
    return policies.stream().mapToInt(r -> 1 + r.policyName().length()).sum();
  }

  private static ClipKey key() {
    return new ClipKey(RECORDED_AT, CLIP_ID);
  }

  @Test
  void readsBackEveryFieldOfEveryPolicy() {
    LiveClip clip = typicalClip(ALL_BUNDLED);
    List<PolicyClipState> states = clip.getPolicies();
    // gone under the first and the fifth policy
    states.remove(4);
    states.remove(0);
    states.get(0).setExempt(true);
    states.get(1).setShared(true);
    states.get(2).setHolds(new ArrayList<>(List.of("hold-7-" + CLIP_ID, "hold-ünïcode")));
    states.get(3).setDueAt(RECORDED_AT - 1); // before the recording
    states.get(4).setDueAt(Long.MAX_VALUE);
    states.get(5).setExempt(true);
    states.get(5).setShared(true);
    states.get(5).setHolds(new ArrayList<>(List.of("")));
    states.get(5).setDueAt(Long.MIN_VALUE);
    ClipCodec codec = new ClipCodec(ALL_BUNDLED, STORE);
    assertEquals(clip, codec.decode(key(), codec.encode(CLIP_ID, clip)));
  }

  @Test
  void readsBackExtremeValuesAndACameraNotNamedInTheClipId() {
    ClipCodec codec = new ClipCodec(STATUS_QUO_2019, STORE);
    for (long recordedAt : new long[] {0, 1, RECORDED_AT, Long.MAX_VALUE}) {
      for (long size : new long[] {0, -1, Long.MAX_VALUE, Long.MIN_VALUE}) {
        for (String[] ids :
            new String[][] {
              {"clip-cam-1", "cam-1"}, {"x", "camera-elsewhere"}, {"", ""}, {"clip-ç", "ç"}
            }) {
          LiveClip clip =
              new LiveClip(
                  ids[1],
                  "household-" + ids[1],
                  "",
                  recordedAt,
                  size,
                  List.of(
                      new PolicyClipState(
                          "status-quo-2019", recordedAt + 3, true, false, List.of("h"))));
          ClipKey key = ClipKey.decode(new ClipKey(recordedAt, ids[0]).encoded());
          assertEquals(new ClipKey(recordedAt, ids[0]), key);
          assertEquals(clip, codec.decode(key, codec.encode(ids[0], clip)));
        }
      }
    }
  }

  @Test
  void keysSortByRecordingTimeThenIdAndTheBoundsOfAnInstantAreExact() {
    Bytes early = new ClipKey(255, "zzz").encoded();
    Bytes first = new ClipKey(256, "").encoded();
    Bytes second = new ClipKey(256, "a").encoded();
    Bytes third = new ClipKey(256, "\uffff\uffff").encoded();
    Bytes late = new ClipKey(257, "").encoded();
    List<Bytes> inOrder = List.of(early, first, second, third, late);
    List<Bytes> sorted = new ArrayList<>(inOrder);
    sorted.sort(Bytes::compareTo);
    assertEquals(inOrder, sorted);
    assertEquals(first, ClipKey.first(256));
    assertTrue(early.compareTo(ClipKey.first(256)) < 0);
    assertTrue(third.compareTo(ClipKey.after(256)) < 0);
    assertTrue(ClipKey.after(256).compareTo(late) < 0);
    assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 1, 0, (byte) 0xFF}, ClipKey.after(256).get());
    assertThrows(IllegalArgumentException.class, () -> new ClipKey(-1, "clip"));
  }

  @Test
  void refusesAClipInTheAvroLayoutOfEarlierVersionsNamingTheStoreAndTheReset() {
    byte[] avro;
    try (AvroSerde<LiveClip> serde = AvroSerde.of(LiveClip.class)) {
      avro = serde.serializer().serialize(STORE, typicalClip(STATUS_QUO_2019));
    }
    StateFolderException e =
        assertThrows(
            StateFolderException.class,
            () -> new ClipCodec(STATUS_QUO_2019, STORE).decode(key(), avro));
    assertEquals(RetentionClipStoreTest.AVRO_LAYOUT_REFUSED, e.getMessage());
  }

  @Test
  void namesPoliciesByTheirIndexInTheServicesList() {
    PolicyRules thirty =
        new Policy("thirty-days", null, new Retention(30, null, null), null, null, null, null)
            .rules();
    LiveClip clip = typicalClip(List.of(thirty));
    byte[] alone = new ClipCodec(List.of(thirty), STORE).encode(CLIP_ID, clip);
    byte[] second =
        new ClipCodec(List.of(STATUS_QUO_2019.get(0), thirty), STORE).encode(CLIP_ID, clip);
    // the last byte holds two bits a policy: the clip is there, as recorded, under index 0 or 1
    assertEquals(Map.of("alone", 0b01, "second", 0b0100), lastBytes(alone, second));
  }

  private static Map<String, Integer> lastBytes(byte[] alone, byte[] second) {
    return Map.of(
        "alone", alone[alone.length - 1] & 0xFF, "second", second[second.length - 1] & 0xFF);
  }
}
