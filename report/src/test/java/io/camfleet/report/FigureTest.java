package io.camfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FigureTest {

  @Test
  void listsEveryMeasureAndBreakdownExactlyOnce() {
    Set<Figure> every = new HashSet<>();
    Stream.of(Measure.values()).forEach(every::add);
    Stream.of(HolderBreakdown.values()).forEach(every::add);

    assertEquals(every.size(), Figure.ALL.size());
    assertEquals(every, new HashSet<>(Figure.ALL));
  }

  @Test
  void readsTheContractFiguresFromTheBriefedServiceMeasures() {
    assertEquals(
        List.of(
            "clipsAliveAtEnd=retention-service:clipsAlive",
            "copiesAliveAtEnd=sharing-service:copiesAlive",
            "sharesViaRequest=sharing-service:sharesViaRequest",
            "footageAlivePastRetention=sharing-service:footageAlivePastRetention"),
        Stream.of(
                Measure.CLIPS_ALIVE_AT_END,
                Measure.COPIES_ALIVE_AT_END,
                Measure.SHARES_VIA_REQUEST,
                Measure.FOOTAGE_ALIVE_PAST_RETENTION)
            .map(m -> m.field() + "=" + m.service().id() + ":" + m.source().wireName())
            .toList());
  }
}
