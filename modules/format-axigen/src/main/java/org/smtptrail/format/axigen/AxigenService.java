package org.smtptrail.format.axigen;

import java.util.HashMap;
import java.util.Map;

/**
 * The Axigen module that wrote a line (field 6 of the prefix, before {@code :ID:}). Only three follow a message:
 * SMTP-IN receives it, PROCESSING runs the filters and per-recipient states and stores local copies ("Mail delivered
 * to mailbox" is a PROCESSING line: the format note found no separate delivery module), SMTP-OUT relays it. The
 * other names are the ones the stock configuration and real logs show; their lines are noise for delivery tracking.
 */
enum AxigenService {
  SMTP_IN("SMTP-IN", true),
  SMTP_OUT("SMTP-OUT", true),
  PROCESSING("PROCESSING", true),
  DNR("DNR", false),
  USERDB("USERDB", false),
  LOG("LOG", false),
  REPORTING("REPORTING", false),
  CLI("CLI", false),
  POP3("POP3", false),
  IMAP("IMAP", false),
  WEBMAIL("WEBMAIL", false),
  WEBADMIN("WEBADMIN", false),
  MAILBOXAPI("MAILBOXAPI", false),
  JOBLOG("JOBLOG", false),
  FTP_BACKUP("FTP-BACKUP", false),
  RPOP("RPOP", false),
  PROXY_POP3("PROXY_POP3", false),
  PROXY_IMAP("PROXY_IMAP", false),
  /** A well-formed module name this version does not know: a newer Axigen's module, skipped like noise. */
  OTHER("", false);

  private static final Map<String, AxigenService> BY_NAME = new HashMap<>();

  static {
    for (AxigenService service : values()) {
      if (service != OTHER) {
        BY_NAME.put(service.logName, service);
      }
    }
  }

  private final String logName;
  private final boolean followsMessages;

  AxigenService(String logName, boolean followsMessages) {
    this.logName = logName;
    this.followsMessages = followsMessages;
  }

  /** The name as the log writes it ("SMTP-IN"). */
  String logName() {
    return logName;
  }

  /** True for the modules whose lines are about a message (SMTP-IN, PROCESSING, SMTP-OUT). */
  boolean followsMessages() {
    return followsMessages;
  }

  /** The service of that log name; {@link #OTHER} for names not listed. */
  static AxigenService named(String logName) {
    return BY_NAME.getOrDefault(logName, OTHER);
  }
}
