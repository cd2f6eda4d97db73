package org.smtptrail.engine.store;

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
import org.smtptrail.core.event.LogEvent;

/**
 * The JSON form in which indexes written before issue 15 stored their events: still read, so those indexes keep
 * working, and no longer written. The subtypes are taken from the sealed interface itself. The mapper is built on
 * first use only (a lazy holder): an index of compact events never loads Jackson's databind for it.
 */
final class JsonEvents {
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  private interface LogEventTyping {}

  private static final class Holder {
    static final ObjectMapper MAPPER = createMapper();
  }

  private JsonEvents() {}

  private static ObjectMapper createMapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
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

  /** The JSON an index of before issue 15 holds for an event (tests write such indexes with it). */
  static byte[] encode(LogEvent event) throws IOException {
    return Holder.MAPPER.writeValueAsBytes(event);
  }

  static LogEvent decode(byte[] bytes, int offset, int length) throws IOException {
    return Holder.MAPPER.readValue(bytes, offset, length, LogEvent.class);
  }
}
