/**
 * What smtptrail concludes for one (message, recipient): a {@link org.smtptrail.core.verdict.Verdict} and, for
 * failures, a {@link org.smtptrail.core.verdict.Diagnosis} that a support agent can act on.
 */
package org.smtptrail.core.verdict;
