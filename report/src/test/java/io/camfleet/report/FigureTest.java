package io.camfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.schemas.stats.RetentionMeasure;
import io.camfleet.schemas.stats.SharingMeasure;
import io.camfleet.schemas.stats.StatsMeasure;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  void showsEveryMeasureOfTheVocabularyOnce() {
    List<StatsMeasure> vocabulary = new ArrayList<>();
    vocabulary.addAll(List.of(RetentionMeasure.values()));
    vocabulary.addAll(List.of(SharingMeasure.values()));
    Map<StatsMeasure, List<Measure>> readers = new LinkedHashMap<>();
    vocabulary.forEach(m -> readers.put(m, new ArrayList<>()));
    for (Measure figure : Measure.values()) {
      readers.get(figure.source()).add(figure);
    }
    readers.forEach(
        (measure, figures) ->
            assertEquals(
                1,
                figures.size(),
                measure.wireName()
                    + " is read by "
                    + figures
                    + ": give it one constant in Measure, in its section"));
  }

  @Test
  void placesEachBreakdownRightAfterItsMeasure() {
    for (HolderBreakdown breakdown : HolderBreakdown.values()) {
      int at = Figure.ALL.indexOf(breakdown);
      assertEquals(
          breakdown.source(), ((Measure) Figure.ALL.get(at - 1)).source(), breakdown.field());
    }
    assertEquals(
        List.of(Measure.values()), Figure.ALL.stream().filter(f -> f instanceof Measure).toList());
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
