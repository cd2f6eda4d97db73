package org.smtptrail.store.opensearch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;

/**
 * Document ids and monthly indices, both derived from the document alone, so that writing the same document again
 * (a retried bulk, a replay after a crash) overwrites it instead of adding a copy. The index comes from a time that
 * never changes for an id: a document that landed in another month's index under the same id would be a duplicate.
 */
final class DocumentIds {
  /** The month of documents without any time: a fixed one (1970.01), so their index never changes either. */
  static final Instant NO_TIME = Instant.EPOCH;
  /** OpenSearch refuses ids over 512 bytes; a longer one is replaced by its digest. */
  private static final int MAX_ID_BYTES = 512;

  private DocumentIds() {}

  /** A digest of the parts, 128 bits in URL-safe base64 (22 characters): collisions are out of the question. */
  static String digest(byte[]... parts) {
    MessageDigest sha = sha256();
    for (byte[] part : parts) {
      // the length first, so that ("ab", "c") and ("a", "bc") differ
      sha.update(new byte[] {(byte) (part.length >>> 24), (byte) (part.length >>> 16), (byte) (part.length >>> 8),
          (byte) part.length});
      sha.update(part);
    }
    byte[] full = sha.digest();
    byte[] half = new byte[16];
    System.arraycopy(full, 0, half, 0, half.length);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(half);
  }

  /** The id of a message's row at a position: readable when it fits, a digest otherwise. */
  static String row(String key, int position) {
    String id = key + "#" + position;
    return id.getBytes(StandardCharsets.UTF_8).length <= MAX_ID_BYTES ? id
        : digest(key.getBytes(StandardCharsets.UTF_8)) + "#" + position;
  }

  static byte[] utf8(String text) {
    return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
