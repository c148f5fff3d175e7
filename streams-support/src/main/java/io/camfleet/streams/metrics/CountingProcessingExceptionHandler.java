package io.camfleet.streams.metrics;

import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Kafka Streams' log-and-continue handler for records a processor refuses, unchanged (the record
 * still goes to the dead-letter topic), that also counts the dead letters it returns.
 */
public class CountingProcessingExceptionHandler extends LogAndContinueProcessingExceptionHandler {
  private DeadLetterCounter counter = DeadLetterCounter.NONE;

  @Override
  public void configure(Map<String, ?> configs) {
    super.configure(configs);
    counter = DeadLetterCounter.from(configs);
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    Response response = super.handleError(context, record, exception);
    counter.sent(DeadLetterCounter.Reason.PROCESSING, response.deadLetterQueueRecords().size());
    return response;
  }
}
