/**
 * Journeys across our own servers: {@link org.smtptrail.engine.journey.Journeys} follows a row handed to another of
 * our servers to what that server did with it, hop by hop, finding the next hop among the candidates of {@link
 * org.smtptrail.engine.journey.HopCandidates} (the index, or the messages a query already read).
 */
package org.smtptrail.engine.journey;
