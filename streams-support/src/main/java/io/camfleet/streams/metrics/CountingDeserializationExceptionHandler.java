package io.camfleet.streams.metrics;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * Kafka Streams' log-and-continue handler for unreadable records, unchanged (the record still goes
 * to the dead-letter topic), that also counts the dead letters it returns.
 */
public class CountingDeserializationExceptionHandler extends LogAndContinueExceptionHandler {
  private DeadLetterCounter counter = DeadLetterCounter.NONE;

  @Override
  public void configure(Map<String, ?> configs) {
    super.configure(configs);
    counter = DeadLetterCounter.from(configs);
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    Response response = super.handleError(context, record, exception);
    counter.sent(
        DeadLetterCounter.Reason.DESERIALIZATION, response.deadLetterQueueRecords().size());
    return response;
  }
}
