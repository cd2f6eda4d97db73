package org.smtptrail.cli.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The whole file, as written: {@code sources:} and its list (checked by {@link ConfigFile}, which knows where each
 * item is), and {@code store:}.
 *
 * @param sources where the logs are, one entry per source; null items are empty list items
 * @param store   where events and rows are kept (an OpenSearch URL), or null for the data folder's index
 */
record ConfigDocument(@JsonProperty("sources") List<SourceEntry> sources, @JsonProperty("store") String store) {}
