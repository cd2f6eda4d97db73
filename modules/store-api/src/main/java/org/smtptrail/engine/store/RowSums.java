package org.smtptrail.engine.store;

import org.smtptrail.core.verdict.Verdict;

/**
 * The stored rows of one kind, summed ({@link StoreReader#sumRows}): those of one group (the value of the group
 * asked, {@link RowFacts#NONE} when a row lacks it or none was asked), one verdict and the same flags
 * ({@link RowFacts#flags()}), how many they are, and their figures added up as stats counts them. Stats needs no
 * single row for these, so a store can add them up where the rows are.
 *
 * @param rows          how many rows
 * @param deferrals     their temporarily failed attempts
 * @param received      their messages' "received" events
 * @param sizes         their messages' sizes, of the rows whose size was logged (above 0)
 * @param receivedSizes the same, of the rows whose message also has a "received" event
 */
public record RowSums(String group, Verdict verdict, int flags, long rows, long deferrals, long received, long sizes,
    long receivedSizes) {}
