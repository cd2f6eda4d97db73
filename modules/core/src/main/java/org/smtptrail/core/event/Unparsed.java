package org.smtptrail.core.event;

import org.smtptrail.core.credentials.Credentials;

/**
 * A record that looks like the format but could not be read. It is indexed with its raw text, so it stays
 * searchable evidence, and counted in the summary with its position.
 *
 * <p>Its line is masked of every credential a line can show on its own ({@link Credentials#mask}) whoever builds it:
 * a parser that did not understand a line cannot know which of its parts are secret, so no unparsed line is ever
 * stored or shown with a password field or an AUTH command's response in it.
 *
 * @param expected what the parser expected at the point it gave up
 */
public record Unparsed(EventHeader header, String expected) implements LogEvent {
  public Unparsed {
    SourceLine source = header.source();
    String masked = Credentials.mask(source.text());
    if (masked != source.text()) {
      header = new EventHeader(new SourceLine(source.file(), source.lineNumber(), source.byteOffset(), masked),
          header.time(), header.host(), header.format(), header.program(), header.localId());
    }
  }
}
