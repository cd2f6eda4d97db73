package org.smtptrail.cli.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The server's JSON writer. Besides JSON's own escapes it writes {@code < > & ' "} inside strings as {@code \u003c}
 * and so on: what log lines and query text hold can never appear as markup in a response, even to a client that
 * ignored the content type. Any JSON reader reads the same strings back.
 */
final class HtmlSafeJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static {
    MAPPER.getFactory().setCharacterEscapes(new HtmlEscapes());
  }

  private HtmlSafeJson() {}

  static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static final class HtmlEscapes extends CharacterEscapes {
    private final int[] escapes = standardAsciiEscapesForJSON();

    HtmlEscapes() {
      for (char c : "<>&'".toCharArray()) {
        escapes[c] = ESCAPE_STANDARD;
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return null; // only the standard \\uXXXX escapes are used
    }
  }
}
