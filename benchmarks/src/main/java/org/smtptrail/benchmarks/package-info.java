/**
 * JMH benchmarks of smtptrail, one class per subject ({@code *Benchmark}); they write realistic Postfix corpora with
 * {@link org.smtptrail.testkit.PostfixCorpus} (in the testkit, which the store's fault test uses too).
 */
package org.smtptrail.benchmarks;

