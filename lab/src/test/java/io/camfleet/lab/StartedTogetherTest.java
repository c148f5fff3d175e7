package io.camfleet.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StartedTogetherTest {
  private final List<String> events = new CopyOnWriteArrayList<>();

  private final class Service implements AutoCloseable {
    private final String name;
    private final String thread;

    Service(String name) {
      this.name = name;
      this.thread = Thread.currentThread().getName();
      events.add("started " + name);
    }

    @Override
    public void close() {
      events.add("closed " + name);
    }
  }

  @Test
  void bothStartAtTheSameTimeOnTwoThreads() throws Exception {
    // each start waits for the other to have begun: one after the other, this would never return
    CountDownLatch firstBegun = new CountDownLatch(1);
    CountDownLatch secondBegun = new CountDownLatch(1);
    StartedTogether<Service, Service> both =
        StartedTogether.start(
            () -> {
              firstBegun.countDown();
              await(secondBegun);
              return new Service("retention");
            },
            () -> {
              secondBegun.countDown();
              await(firstBegun);
              return new Service("sharing");
            },
            "retention");
    assertEquals("retention", both.first().name);
    assertEquals("sharing", both.second().name);
    assertEquals(Thread.currentThread().getName(), both.second().thread);
    assertNotEquals(Thread.currentThread().getName(), both.first().thread);
    both.close();
    assertEquals(
        List.of("closed retention", "closed sharing"), closings().stream().sorted().toList());
  }

  @Test
  void bothCloseAtTheSameTime() throws Exception {
    // each close waits for the other to have begun: one after the other, this would never return
    CountDownLatch firstClosing = new CountDownLatch(1);
    CountDownLatch secondClosing = new CountDownLatch(1);
    new StartedTogether<AutoCloseable, AutoCloseable>(
            () -> {
              firstClosing.countDown();
              await(secondClosing);
              events.add("closed retention");
            },
            () -> {
              secondClosing.countDown();
              await(firstClosing);
              events.add("closed sharing");
            })
        .close();
    assertEquals(
        List.of("closed retention", "closed sharing"), closings().stream().sorted().toList());
  }

  @Test
  void aFailedCloseIsThrownOnceTheOtherHasClosed() {
    IllegalStateException failure = new IllegalStateException("offsets not committed");
    // the first fails while the second is still closing, and the second closes all the same
    CountDownLatch firstFailed = new CountDownLatch(1);
    IllegalStateException thrown =
        closeFailing(
            () -> {
              firstFailed.countDown();
              throw failure;
            },
            () -> {
              await(firstFailed);
              events.add("closed sharing");
            });
    assertSame(failure, thrown);
    assertEquals(List.of("closed sharing"), events);
  }

  @Test
  void whenBothClosesFailTheSecondFailureIsThrownCarryingTheFirst() {
    IllegalStateException first = new IllegalStateException("first");
    IllegalStateException second = new IllegalStateException("second");
    IllegalStateException thrown =
        closeFailing(
            () -> {
              throw first;
            },
            () -> {
              throw second;
            });
    assertSame(second, thrown);
    assertEquals(List.of(first), List.of(thrown.getSuppressed()));
  }

  @Test
  void aFailedSecondStartClosesTheFirstOnceItHasStarted() {
    CountDownLatch secondFailed = new CountDownLatch(1);
    IllegalStateException failure = new IllegalStateException("no custody port");
    IllegalStateException thrown =
        startFailing(
            () -> {
              // still starting when the second fails
              await(secondFailed);
              return new Service("retention");
            },
            () -> {
              secondFailed.countDown();
              throw failure;
            });
    assertSame(failure, thrown);
    assertEquals(List.of("started retention", "closed retention"), events);
  }

  @Test
  void aFailedFirstStartClosesTheSecondAndIsThrownEvenAsAnError() {
    for (Throwable failure :
        List.of(new IllegalStateException("state folder refused"), new AssertionError("broken"))) {
      events.clear();
      Throwable thrown =
          startFailing(
              Throwable.class,
              () -> {
                throw unchecked(failure);
              },
              () -> new Service("sharing"));
      assertSame(failure, thrown);
      assertEquals(List.of("started sharing", "closed sharing"), events);
    }
  }

  @Test
  void whenBothFailTheSecondFailureIsThrownCarryingTheFirst() {
    IllegalStateException first = new IllegalStateException("first");
    IllegalStateException second = new IllegalStateException("second");
    CountDownLatch firstFailed = new CountDownLatch(1);
    IllegalStateException thrown =
        startFailing(
            () -> {
              firstFailed.countDown();
              throw first;
            },
            () -> {
              await(firstFailed);
              throw second;
            });
    // the second's failure is thrown where it happens, on the caller's thread
    assertSame(second, thrown);
    assertEquals(List.of(first), List.of(thrown.getSuppressed()));
    assertEquals(List.of(), events);
  }

  private static IllegalStateException startFailing(
      Supplier<Service> first, Supplier<Service> second) {
    return startFailing(IllegalStateException.class, first, second);
  }

  private static <T extends Throwable> T startFailing(
      Class<T> failure, Supplier<Service> first, Supplier<Service> second) {
    return assertThrows(failure, () -> StartedTogether.start(first, second, "retention"));
  }

  private static IllegalStateException closeFailing(AutoCloseable first, AutoCloseable second) {
    return assertThrows(
        IllegalStateException.class, () -> new StartedTogether<>(first, second).close());
  }

  /** {@code failure}, thrown as it is: an Error, or else a RuntimeException. */
  private static RuntimeException unchecked(Throwable failure) {
    if (failure instanceof Error error) {
      throw error;
    }
    return (RuntimeException) failure;
  }

  private List<String> closings() {
    return events.stream().filter(e -> e.startsWith("closed")).toList();
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the other one never began");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
