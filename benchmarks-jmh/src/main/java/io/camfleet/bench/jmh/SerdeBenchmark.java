package io.camfleet.bench.jmh;

import io.camfleet.avro.ClipRecorded;
import io.camfleet.avro.WorldEvent;
import io.camfleet.schemas.AvroSerde;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * camfleet's single-object {@link AvroSerde} against a bare {@link BinaryEncoder} and {@link
 * SpecificDatumWriter} on the same event: the difference is the header and the copy into a fresh
 * array. Run: {@code java -cp "benchmarks-jmh/target/classes:$(deps)" org.openjdk.jmh.Main Serde}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.camfleet.avro")
public class SerdeBenchmark {
  private WorldEvent event;
  private AvroSerde<WorldEvent> serde;
  private byte[] encoded;
  private SpecificDatumWriter<WorldEvent> writer;
  private ByteArrayOutputStream out;
  private BinaryEncoder encoder;

  @Setup
  public void setUp() {
    event =
        WorldEvent.newBuilder()
            .setEventTime(1_559_372_400_000L)
            .setEvent(
                ClipRecorded.newBuilder()
                    .setClipId("clip-000123-000045")
                    .setCameraId("cam-000123")
                    .setHouseholdId("home-000123")
                    .setRegion("US")
                    .setRecordedAt(1_559_372_400_000L)
                    .setDurationSeconds(30)
                    .setSizeBytes(4_200_000)
                    .build())
            .build();
    serde = AvroSerde.of(WorldEvent.class);
    encoded = serde.encode(event);
    writer = new SpecificDatumWriter<>(WorldEvent.class);
    out = new ByteArrayOutputStream(256);
  }

  @Benchmark
  public byte[] serdeEncode() {
    return serde.encode(event);
  }

  @Benchmark
  public WorldEvent serdeDecode() {
    return serde.decode(encoded);
  }

  @Benchmark
  public byte[] bareEncoder() throws IOException {
    out.reset();
    encoder = EncoderFactory.get().binaryEncoder(out, encoder);
    writer.write(event, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
