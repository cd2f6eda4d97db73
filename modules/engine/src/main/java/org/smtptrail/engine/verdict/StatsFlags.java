package org.smtptrail.engine.verdict;

/**
 * The bits of a stored row's flags ({@link org.smtptrail.engine.store.RowFacts#flags()}): which row of a message
 * counts the message itself in {@code stats}, overall and within each {@link StatsGroup}, and whether the message
 * (or its rows in that group) had a temporary failure. They let {@code stats} count messages from rows alone. The
 * layout is part of the stored rows' version ({@link org.smtptrail.engine.index.RowSchema#VERSION}): a change here
 * (a new group, too) needs a new version, so that old rows are rebuilt.
 */
public final class StatsFlags {
  /** The message's first row: it counts the message in the totals. */
  public static final int FIRST_OF_MESSAGE = 1;
  /** One of the message's rows had a temporary failure. */
  public static final int MESSAGE_DEFERRED = 1 << 1;
  /** The message has a forwarded row, whose verdict is another message's: it is counted from its events. */
  public static final int COUNT_FROM_EVENTS = 1 << 2;
  private static final int FIRST_GROUP_BIT = 3;

  private StatsFlags() {}

  /** The message's first row in this group: it counts the message in the group. */
  public static int firstInGroup(StatsGroup group) {
    return 1 << (FIRST_GROUP_BIT + 2 * group.ordinal());
  }

  /** One of the message's rows in this group had a temporary failure. */
  public static int groupDeferred(StatsGroup group) {
    return 1 << (FIRST_GROUP_BIT + 2 * group.ordinal() + 1);
  }

  public static boolean has(int flags, int bit) {
    return (flags & bit) != 0;
  }
}
