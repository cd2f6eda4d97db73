/**
 * Axigen logs: {@link org.smtptrail.format.axigen.AxigenFormat} is the registered format. The parsing is
 * package-private: {@code AxigenLineParser} reads the prefix with {@code AxigenLine} and hands each line to the reader
 * of its module ({@code SmtpInSessions}, {@code ProcessingLines}, {@code SmtpOutSessions}), which file a message's
 * events under its queue id. What each reader relies on is marked VERIFIED or INFERRED after the format note
 * (shared/formats/axigen.md). At Axigen's default log level, where no SMTP conversation is logged, PROCESSING's state
 * lines decide a remote recipient's attempts ({@code ProcessingLines} has the rule, {@code StateWord} the words) and
 * {@code SmtpOutConnects} names the SMTP-OUT connection that carried them when it can.
 */
package org.smtptrail.format.axigen;
