package io.camfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class UserTermsTest {
  @Test
  void readsShortAndIsoDurations() {
    assertEquals(Duration.ofMinutes(30), UserTerms.duration("30m"));
    assertEquals(Duration.ofSeconds(90), UserTerms.duration("90s"));
    assertEquals(Duration.ofMinutes(90), UserTerms.duration("1h30m"));
    assertEquals(Duration.ofMillis(500), UserTerms.duration("500ms"));
    assertEquals(Duration.ofDays(2), UserTerms.duration("2d"));
    assertEquals(Duration.ofMinutes(30), UserTerms.duration("PT30M"));
  }

  @Test
  void refusesADurationInOtherWordsSayingWhatOneLooksLike() {
    assertEquals(
        "'30min' is not a duration (for example 30m, 90s, 2h, 1h30m or PT30M)",
        assertThrows(TypeConversionException.class, () -> UserTerms.duration("30min"))
            .getMessage());
    assertEquals(
        "'' is not a duration (for example 30m, 90s, 2h, 1h30m or PT30M)",
        assertThrows(TypeConversionException.class, () -> UserTerms.duration("")).getMessage());
  }

  @Test
  void namesNumbersAsWholeNumbersNotJavaTypes() {
    assertEquals(1_000_000L, UserTerms.wholeNumber("1_000_000"));
    assertEquals(
        "'abc' is not a whole number",
        assertThrows(TypeConversionException.class, () -> UserTerms.wholeNumber("abc"))
            .getMessage());
    assertEquals(
        "'99999999999' is too large a number (at most 2147483647)",
        assertThrows(TypeConversionException.class, () -> UserTerms.intNumber("99999999999"))
            .getMessage());
    assertEquals(
        "'x' is not a number",
        assertThrows(TypeConversionException.class, () -> UserTerms.decimal("x")).getMessage());
  }

  @Test
  void refusesADayThatDoesNotExist() {
    assertEquals(LocalDate.of(2019, 2, 28), UserTerms.date("2019-02-28"));
    assertEquals(
        "'2019-02-30' is not a date (YYYY-MM-DD, a day that exists)",
        assertThrows(TypeConversionException.class, () -> UserTerms.date("2019-02-30"))
            .getMessage());
  }
}
