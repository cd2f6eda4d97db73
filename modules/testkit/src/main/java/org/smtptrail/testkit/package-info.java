/**
 * Test support shared by every format module. The main classes of interest: {@link
 * org.smtptrail.testkit.LogFormatTestCase}, the base every format's test extends, and {@link
 * org.smtptrail.testkit.CollectingSink}, which records what a parser emits, and {@link
 * org.smtptrail.testkit.EventStrings}, every text an event carries.
 */
package org.smtptrail.testkit;
