package io.camfleet.streams.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.avro.DailyStats;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlatStatsJsonTest {

  @Test
  void writesTheFieldsThenEveryMeasureAsATopLevelNumberInNameOrder() {
    DailyStats stats =
        DailyStats.newBuilder()
            .setPolicy("status-quo-2019")
            .setService("sharing-service")
            .setDay("2019-06-02")
            .setDayEnd(1_559_520_000_000L)
            .setLast(true)
            .setMeasures(Map.of("requests", 3L, "copiesAlive.PUBLIC", 7L, "answersShared", 1L))
            .build();

    assertEquals(
        "{\"policy\":\"status-quo-2019\",\"service\":\"sharing-service\",\"day\":\"2019-06-02\","
            + "\"dayEnd\":1559520000000,\"last\":true,"
            + "\"answersShared\":1,\"copiesAlive.PUBLIC\":7,\"requests\":3}",
        FlatStatsJson.of(stats));
  }
}
