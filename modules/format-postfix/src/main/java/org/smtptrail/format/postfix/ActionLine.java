package org.smtptrail.format.postfix;

/**
 * The parts of an smtpd or cleanup action line ("reject: ", "discard: ", "milter-reject: ", ...). smtpd writes
 * "STAGE from CLIENT: TEXT; from=&lt;s&gt; to=&lt;r&gt; proto=P helo=&lt;h&gt;" (postscreen separates the fields with
 * commas; each field only when known); cleanup's header and body checks write "CLASS CONTENT from ORIGIN;
 * ENVELOPE: TEXT".
 *
 * @param stage   the SMTP stage (upper case: CONNECT, EHLO, MAIL, RCPT, DATA, END-OF-MESSAGE, VRFY, ...) or
 *                cleanup's content class ("header", "body")
 * @param content true for a content class: the text is after the envelope, and "what" is the matched content
 * @param client  "host[ip]", "[ip]:port" or cleanup's "local"; null when absent
 * @param what    the text between the client and the envelope (smtpd), or the matched content (cleanup)
 * @param sender  the envelope's {@code from=}, or null
 * @param recipient the envelope's {@code to=}, or null
 * @param after   the text after the envelope fields, or null
 */
record ActionLine(String stage, boolean content, String client, String what, String sender, String recipient,
    String after) {
  /** The parts of the action that starts at {@code body} ("reject: ...", "discard: ...", "milter-reject: ..."). */
  static ActionLine parse(String text, int body) {
    int stageStart = text.indexOf(": ", body) + 2;
    int stageEnd = PostfixLineParser.indexOrEnd(text, " ", stageStart);
    String stage = text.substring(stageStart, stageEnd);
    boolean content = !stage.isEmpty() && Character.isLowerCase(stage.charAt(0));
    int envelope = envelopeStart(text, stageEnd);
    int whatEnd = envelope < 0 ? text.length() : envelope;
    String client = null;
    String what;
    if (content) {
      int from = text.lastIndexOf(" from ", whatEnd);
      int contentEnd = from > stageEnd ? from : whatEnd;
      client = from > stageEnd ? text.substring(from + " from ".length(), whatEnd) : null;
      what = text.substring(Math.min(stageEnd + 1, contentEnd), contentEnd);
    } else if (text.startsWith(" from ", stageEnd)) {
      int clientStart = stageEnd + " from ".length();
      int clientEnd = Math.min(PostfixLineParser.indexOrEnd(text, ": ", clientStart), whatEnd);
      client = text.substring(clientStart, clientEnd);
      what = text.substring(Math.min(clientEnd + 2, whatEnd), whatEnd);
    } else {
      what = text.substring(stageEnd, whatEnd).strip();
    }
    // addresses with or without their brackets: export tools strip them (issue 26, case 9)
    String sender = envelope >= 0 && text.startsWith("; from=", envelope)
        ? PostfixLineParser.address(text, envelope + "; from=".length()) : null;
    String recipient = null;
    int to = envelope < 0 ? -1 : text.indexOf(" to=", envelope);
    if (to >= 0) {
      recipient = PostfixLineParser.address(text, to + " to=".length());
    }
    int fieldsEnd = envelope < 0 ? -1 : envelopeEnd(text, envelope);
    String after = fieldsEnd >= 0 && text.startsWith(": ", fieldsEnd) ? text.substring(fieldsEnd + 2) : null;
    return new ActionLine(stage, content, client, what, sender, recipient, after);
  }

  private static final String[] ENVELOPE_FIELDS = {"; from=", "; to=", "; proto=", "; helo="};

  /**
   * Where the envelope of an action line starts (its ';'), searched from {@code from}: before the first field it
   * has (Postfix writes from=, to=, proto=, helo= in that order, each only when known), or at a ';' that ends the
   * line; -1 when there is none (postscreen's "too many connections").
   */
  private static int envelopeStart(String text, int from) {
    for (String field : ENVELOPE_FIELDS) {
      int at = text.indexOf(field, from);
      if (at >= 0) {
        return at;
      }
    }
    return text.endsWith(";") && text.length() - 1 >= from ? text.length() - 1 : -1;
  }

  /** Where the envelope fields that start at {@code envelope} (its ';') end: after the last of them. */
  private static int envelopeEnd(String text, int envelope) {
    int at = envelope + 1;
    while (true) {
      int next = at < text.length() && text.charAt(at) == ',' ? at + 1 : at; // postscreen: "from=<a>, to=<b>"
      if (!text.startsWith(" ", next)) {
        return at;
      }
      int value = next + 1;
      if (text.startsWith("proto=", value)) {
        int end = value + "proto=".length();
        while (end < text.length() && text.charAt(end) != ' ' && text.charAt(end) != ','
            && text.charAt(end) != ':') {
          end++;
        }
        at = end;
      } else {
        int open = text.startsWith("from=", value) ? value + "from=".length()
            : text.startsWith("to=", value) ? value + "to=".length()
            : text.startsWith("helo=", value) ? value + "helo=".length() : -1;
        String address = open < 0 ? null : PostfixLineParser.address(text, open);
        if (address == null) {
          return at;
        }
        boolean bracketed = open < text.length() && text.charAt(open) == '<';
        at = open + address.length() + (bracketed ? 2 : 0);
      }
    }
  }
}
