package org.smtptrail.engine.store;

/**
 * A filter a user typed that smtptrail refuses to search, with the one-line reason: an address pattern longer than
 * any address, with too many wildcards or too complex for an automaton, a domain or id longer than any there is. It
 * is a usage error, not a fault: the CLI prints it as one and exits 2, {@code serve} answers 400 with it. Its cost
 * is bounded (the checks read the text once; a pattern's automaton is built with a small work limit), so refusing
 * is as cheap as the text is long.
 */
public final class QueryRefusedException extends IllegalArgumentException {
  private final String parameter;
  private final String reason;

  /** A refusal of a text whose parameter the caller names with {@link #about}. */
  public QueryRefusedException(String reason) {
    this(null, reason);
  }

  private QueryRefusedException(String parameter, String reason) {
    super(parameter == null ? reason : parameter + ": " + reason);
    this.parameter = parameter;
    this.reason = reason;
  }

  /** This refusal naming the parameter it is about, in the API's words ({@code to}, {@code message_id}). */
  public QueryRefusedException about(String parameter) {
    return new QueryRefusedException(parameter, reason);
  }

  /** The API's name of the refused parameter ({@code to}, {@code from}, {@code message_id}...), or null. */
  public String parameter() {
    return parameter;
  }

  /** Why, without the parameter's name. */
  public String reason() {
    return reason;
  }
}
