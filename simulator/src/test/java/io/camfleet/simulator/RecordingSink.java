package io.camfleet.simulator;

import io.camfleet.avro.WorldEvent;
import java.util.ArrayList;
import java.util.List;

/** Keeps a copy of every event it receives, in order. */
final class RecordingSink implements EventSink {
  final List<Recorded> events = new ArrayList<>();

  @Override
  public void send(String key, Integer partition, WorldEvent event) {
    events.add(new Recorded(key, partition, WorldEvent.newBuilder(event).build()));
  }

  @Override
  public void close() {}

  static List<Recorded> run(io.camfleet.simulator.world.World world, SimulationOptions options) {
    RecordingSink sink = new RecordingSink();
    Simulator.run(world, options, sink, ProgressListener.NONE);
    return sink.events;
  }
}
