package io.camfleet.lab;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Two services started at the same time, the first on a thread of its own, the second on the
 * caller's. Most of a Kafka Streams service's start is waiting (for its consumer group, for the
 * broker to create its changelog and repartition topics, for its producer's transactions): one
 * after the other, the retention and sharing services spent about 9 of the default world's 50
 * seconds there.
 *
 * <p>Closing closes both at the same time too: a service's close is also mostly waiting (for its
 * last commit, its threads, leaving its group), about half a second each.
 */
record StartedTogether<A extends AutoCloseable, B extends AutoCloseable>(A first, B second)
    implements AutoCloseable {

  /**
   * Starts both and returns once both have started. If either start fails, the other is closed once
   * its own start has ended, and the failure is thrown; if both fail, the second's, carrying the
   * first's as suppressed.
   */
  static <A extends AutoCloseable, B extends AutoCloseable> StartedTogether<A, B> start(
      Supplier<A> first, Supplier<B> second, String firstName) throws InterruptedException {
    CompletableFuture<A> started = new CompletableFuture<>();
    Thread starter =
        new Thread(
            () -> {
              try {
                started.complete(first.get());
              } catch (Throwable e) {
                started.completeExceptionally(e);
              }
            },
            "camfleet-start-" + firstName);
    starter.setDaemon(true);
    starter.start();
    B secondStarted;
    try {
      secondStarted = second.get();
    } catch (RuntimeException | Error e) {
      closeQuietly(awaitQuietly(started, e), e);
      throw e;
    }
    try {
      return new StartedTogether<>(started.get(), secondStarted);
    } catch (ExecutionException e) {
      Throwable failure = e.getCause();
      closeQuietly(secondStarted, failure);
      if (failure instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (failure instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(failure);
    } catch (InterruptedException e) {
      closeQuietly(secondStarted, e);
      closeQuietly(awaitQuietly(started, e), e);
      throw e;
    }
  }

  /**
   * The first service once its start has ended, or null if it failed (having closed what it had
   * opened): its failure is added to {@code failure}.
   */
  private static <A> A awaitQuietly(CompletableFuture<A> started, Throwable failure) {
    try {
      return started.join();
    } catch (CompletionException e) {
      failure.addSuppressed(e.getCause());
      return null;
    }
  }

  private static void closeQuietly(AutoCloseable service, Throwable failure) {
    if (service == null) {
      return;
    }
    try {
      service.close();
    } catch (Exception e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * Closes the first on a thread of its own and the second on the caller's, and returns once both
   * are closed, even if the caller is interrupted meanwhile. If either close fails, that failure is
   * thrown; if both fail, the second's, carrying the first's as suppressed.
   */
  @Override
  public void close() throws Exception {
    CompletableFuture<Void> firstClosed = new CompletableFuture<>();
    Thread closer =
        new Thread(
            () -> {
              try {
                first.close();
                firstClosed.complete(null);
              } catch (Throwable e) {
                firstClosed.completeExceptionally(e);
              }
            },
            "camfleet-close-first");
    closer.start();
    Throwable failure = null;
    try {
      second.close();
    } catch (Exception | Error e) {
      failure = e;
    }
    try {
      // join, not get: a close is not abandoned half-way because the caller was interrupted
      firstClosed.join();
    } catch (CompletionException e) {
      if (failure == null) {
        failure = e.getCause();
      } else {
        failure.addSuppressed(e.getCause());
      }
    }
    if (failure instanceof Exception exception) {
      throw exception;
    }
    if (failure instanceof Error error) {
      throw error;
    }
  }
}
