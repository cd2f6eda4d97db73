package org.smtptrail.cli.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import java.io.IOException;
import java.util.List;

/**
 * Where in the file a key or list item is. Jackson reports a mapping error where its parser stood, which in YAML is
 * often the line after the culprit (the end of the source's mapping); this walks the file again to the culprit itself.
 */
final class ConfigLocations {
  private ConfigLocations() {}

  /**
   * The location of the key or item at the end of a path ({@code sources[2].hots}), or of the deepest part of it that
   * exists; null if not even the first part does.
   */
  static JsonLocation of(JsonFactory factory, byte[] content, List<Reference> path) {
    try (JsonParser parser = factory.createParser(content)) {
      JsonLocation found = null;
      JsonToken token = parser.nextToken();
      for (Reference part : path) {
        if (part.getFieldName() != null && token == JsonToken.START_OBJECT) {
          if (!toField(parser, part.getFieldName())) {
            return found;
          }
        } else if (part.getIndex() >= 0 && token == JsonToken.START_ARRAY) {
          if (!toItem(parser, part.getIndex())) {
            return found;
          }
        } else {
          return found;
        }
        found = parser.currentTokenLocation();
        token = part.getFieldName() != null ? parser.nextToken() : parser.currentToken();
      }
      return found;
    } catch (IOException unreadable) {
      return null;
    }
  }

  /** Moves from a mapping's start to one of its keys; false if it has none of that name. */
  private static boolean toField(JsonParser parser, String name) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      if (name.equals(parser.currentName())) {
        return true;
      }
      parser.nextToken();
      parser.skipChildren();
    }
    return false;
  }

  /** Moves from a list's start to its item at this index; false if it is shorter. */
  private static boolean toItem(JsonParser parser, int index) throws IOException {
    for (int i = 0; i <= index; i++) {
      JsonToken item = parser.nextToken();
      if (item == null || item == JsonToken.END_ARRAY) {
        return false;
      }
      if (i < index) {
        parser.skipChildren();
      }
    }
    return true;
  }
}
