package org.smtptrail.cli.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The whole file, as written: {@code sources:} and its list (checked by {@link ConfigFile}, which knows where each
 * item is), {@code store:} and how to reach it.
 *
 * @param sources          where the logs are, one entry per source; null items are empty list items
 * @param store            where events and rows are kept (an OpenSearch URL), or null for the data folder's index
 * @param storeCredentials the store's credentials file, or null
 * @param storeCa          the CA file for the store's TLS certificate, or null
 */
record ConfigDocument(@JsonProperty("sources") List<SourceEntry> sources, @JsonProperty("store") String store,
    @JsonProperty("store_credentials") String storeCredentials, @JsonProperty("store_ca") String storeCa) {}
