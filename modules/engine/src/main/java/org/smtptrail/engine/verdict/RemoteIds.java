package org.smtptrail.engine.verdict;

/**
 * Finds the remote server's own id for a message in its 2xx reply: "250 2.0.0 Ok: queued as 4XyZ" (Postfix),
 * "250 OK id=1tAbCd-000123-Xy" (Exim), "250 2.0.0 OK 1700000000 abc.123 - gsmtp" is left alone. That id is what the
 * recipient's admins can search for.
 */
final class RemoteIds {
  private static final String[] MARKERS = {"queued as ", "id=", "Queued as ", "queued with id "};

  private RemoteIds() {}

  static String find(String reply) {
    if (reply == null) {
      return null;
    }
    for (String marker : MARKERS) {
      int at = reply.indexOf(marker);
      if (at >= 0 && (at == 0 || !Character.isLetterOrDigit(reply.charAt(at - 1)))) {
        int start = at + marker.length();
        int end = start;
        while (end < reply.length() && !Character.isWhitespace(reply.charAt(end)) && reply.charAt(end) != ')'
            && reply.charAt(end) != ',' && reply.charAt(end) != ';') {
          end++;
        }
        if (end > start) {
          return reply.substring(start, end);
        }
      }
    }
    return null;
  }
}
