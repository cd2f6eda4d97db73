package org.smtptrail.engine.store;

/**
 * Delivery attempts to one recipient (normalized) logged between two times, epoch milliseconds, both included: the
 * question a journey asks the store to find the server that handed a row's recipient over
 * ({@link StoreReader#someKeysWithAttempts}). A record, so that a store's answers to many are keyed by the question.
 */
public record AttemptWindow(String recipient, long fromMillis, long toMillis) {}
