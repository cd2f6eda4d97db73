/**
 * JMH benchmarks of smtptrail, one class per subject ({@code *Benchmark}), and the generator of realistic Postfix
 * corpora they (and anyone) can use: {@link org.smtptrail.benchmarks.PostfixCorpus}.
 */
package org.smtptrail.benchmarks;
