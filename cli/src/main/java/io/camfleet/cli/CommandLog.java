package io.camfleet.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * A command's log file ({@code run.log}, {@code sweep.log}, the bench's): while it is open, every
 * log line (Kafka's expected start-up warnings included) goes to the file, and the console shows
 * only errors beside the command's own progress lines.
 */
public final class CommandLog implements AutoCloseable {
  private final FileAppender<ILoggingEvent> file;
  private final List<ThresholdFilter> consoleFilters = new ArrayList<>();

  private CommandLog(FileAppender<ILoggingEvent> file) {
    this.file = file;
  }

  /** Sends the log to {@code path} (replacing it) until closed; without logback, does nothing. */
  public static CommandLog open(Path path) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return new CommandLog(null);
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName("command-log");
    appender.setFile(path.toString());
    appender.setAppend(false);
    appender.setEncoder(encoder);
    appender.start();
    CommandLog log = new CommandLog(appender);
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      Appender<ILoggingEvent> console = it.next();
      ThresholdFilter errorsOnly = new ThresholdFilter();
      errorsOnly.setLevel(Level.ERROR.levelStr);
      errorsOnly.start();
      console.addFilter(errorsOnly);
      log.consoleFilters.add(errorsOnly);
    }
    root.addAppender(appender);
    return log;
  }

  @Override
  public void close() {
    if (file == null) {
      return;
    }
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(file);
    file.stop();
    // Appenders cannot drop a filter: stop it, which makes it neutral again.
    consoleFilters.forEach(ThresholdFilter::stop);
  }
}
