/**
 * {@code smtptrail serve}: the query service and the web page. {@link org.smtptrail.cli.serve.QueryServer} wires the
 * JDK's HTTP server to the endpoints ({@code ApiEndpoints}, {@code WebAssets}, {@code MetricsEndpoint}) behind one
 * filter ({@code AccessFilter}: tokens, roles, security headers); {@code IndexWatch} keeps the shared index view
 * fresh and {@code InProcessTail} runs the tailer for {@code --tail}.
 */
package org.smtptrail.cli.serve;
