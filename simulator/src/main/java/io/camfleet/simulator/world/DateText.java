package io.camfleet.simulator.world;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Reads an ISO date ({@code 2018-05-01}) from a world file, without Jackson's java.time module. */
final class DateText extends StdScalarDeserializer<LocalDate> {

  DateText() {
    super(LocalDate.class);
  }

  @Override
  public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      return (LocalDate) ctxt.handleUnexpectedToken(LocalDate.class, p);
    }
    String text = p.getText().strip();
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      return (LocalDate)
          ctxt.handleWeirdStringValue(LocalDate.class, text, "not a date like 2018-05-01");
    }
  }
}
