package org.smtptrail.engine.index;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.smtptrail.core.event.LogEvent;

/**
 * Stores a {@link LogEvent} as JSON in its document and reads it back. The subtypes are taken from the sealed
 * interface itself, so a new event kind needs no change here.
 */
public final class EventCodec {
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  private interface LogEventTyping {}

  private static final ObjectMapper MAPPER = createMapper();

  private EventCodec() {}

  private static ObjectMapper createMapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            // record accessors through generated lambdas instead of reflection: this runs for every event indexed
            .addModule(new BlackbirdModule())
            .addMixIn(LogEvent.class, LogEventTyping.class)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();
    for (Class<?> kind : LogEvent.class.getPermittedSubclasses()) {
      mapper.registerSubtypes(new NamedType(kind, kind.getSimpleName()));
    }
    return mapper;
  }

  public static byte[] encode(LogEvent event) {
    try {
      return MAPPER.writeValueAsBytes(event);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode event " + event, e);
    }
  }

  public static LogEvent decode(byte[] bytes, int offset, int length) {
    try {
      return MAPPER.readValue(bytes, offset, length, LogEvent.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode a stored event; the index may be from another version", e);
    }
  }
}
