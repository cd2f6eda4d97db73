package org.smtptrail.store.opensearch;

import java.io.Closeable;
import java.io.IOException;
import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * An open connection to the store's cluster: the official client, the store's requests, its index names, and what it
 * does when a request fails ({@link StoreRetries}). A writer and a reader each hold their own, and close it with
 * themselves.
 */
final class StoreConnection implements Closeable {
  private final StoreAddress address;
  private final OpenSearchTransport transport;
  private final StoreRequests requests;
  private final IndexNames names;
  private final StoreRetries retries;

  private StoreConnection(StoreAddress address, OpenSearchTransport transport) {
    this.address = address;
    this.transport = transport;
    this.retries = new StoreRetries(address.node().toString());
    this.requests = new StoreRequests(new OpenSearchClient(transport), address.node(), retries);
    this.names = new IndexNames(address.prefix());
  }

  /**
   * Connects, and asks the cluster for its name once, so that a wrong URL or a cluster that is down is said at once.
   *
   * @throws StoreRequestException one line with the URL and what to check, when the cluster cannot be reached
   */
  static StoreConnection open(StoreAddress address) throws IOException {
    HttpHost host = new HttpHost(address.node().getScheme(), address.node().getHost(), address.node().getPort());
    OpenSearchTransport transport =
        ApacheHttpClient5TransportBuilder.builder(host).setMapper(new JacksonJsonpMapper()).build();
    StoreConnection connection = new StoreConnection(address, transport);
    try {
      connection.requests.getOrNull("/");
      return connection;
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw e instanceof StoreRequestException refused ? refused : connection.requests.unreachable(e);
    }
  }

  StoreAddress address() {
    return address;
  }

  /**
   * What this connection does when a request fails: at first (and always for a reader) it throws, so that a cluster
   * that is not there at start is said at once; a writer, once open, has faults that pass waited out
   * ({@link StoreRetries#retryPassingFaults()}).
   */
  StoreRetries retries() {
    return retries;
  }

  StoreRequests requests() {
    return requests;
  }

  OpenSearchClient client() {
    return requests.client();
  }

  IndexNames names() {
    return names;
  }

  @Override
  public void close() throws IOException {
    transport.close();
  }
}
