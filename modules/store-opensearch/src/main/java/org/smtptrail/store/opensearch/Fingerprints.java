package org.smtptrail.store.opensearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Fingerprints of what the layout sends, kept in the sent object's {@code _meta}: whether a template or a mapping is
 * up to date is then one comparison, instead of a comparison with what OpenSearch answers back, which it normalizes
 * (dotted names become objects, settings become strings, defaults appear).
 */
final class Fingerprints {
  /** The {@code _meta} key the fingerprint is kept under. */
  static final String META_KEY = "smtptrail_layout";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Fingerprints() {}

  /** 16 hex digits of the SHA-256 of the JSON text (objects keep their insertion order, so the text is stable). */
  static String of(JsonNode body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException("cannot fingerprint the layout", e); // SHA-256 is in every JDK
    }
  }

  /** The fingerprint kept in an object's {@code _meta}, or "" when it has none (made by hand, or by no smtptrail). */
  static String in(JsonNode withMeta) {
    return withMeta == null ? "" : withMeta.path("_meta").path(META_KEY).asText("");
  }
}
