package org.smtptrail.store.opensearch;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicHeader;
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
    this.retries = new StoreRetries(address.nodesText());
    this.requests = new StoreRequests(new OpenSearchClient(transport), address.nodesText(), retries);
    this.names = new IndexNames(address.prefix());
  }

  /**
   * Connects, and asks the cluster for its name once, so that a wrong URL, a cluster that is down, credentials it
   * refuses or a certificate that is not trusted are said at once.
   *
   * @throws StoreRequestException one line with the URL and what to check, when the cluster cannot be reached
   */
  static StoreConnection open(StoreAddress address, StoreAccess access) throws IOException {
    StoreConnection connection = new StoreConnection(address, transport(address, access));
    try {
      connection.requests.getOrNull("/");
      return connection;
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw e instanceof StoreRequestException refused ? refused : connection.requests.unreachable(e);
    }
  }

  /**
   * The client's transport to every node of the address (it takes them in turn and leaves a node that fails aside
   * for a while), with the credentials as a header sent with every request (not after a 401: a bulk is sent once),
   * and the CA file's trust for {@code https://}.
   */
  private static OpenSearchTransport transport(StoreAddress address, StoreAccess access) throws IOException {
    HttpHost[] hosts = address.nodes().stream().map(StoreConnection::host).toArray(HttpHost[]::new);
    ApacheHttpClient5TransportBuilder builder =
        ApacheHttpClient5TransportBuilder.builder(hosts).setMapper(new JacksonJsonpMapper());
    String authorization = access.credentials().authorization();
    if (authorization != null) {
      builder.setDefaultHeaders(new Header[] {new BasicHeader(HttpHeaders.AUTHORIZATION, authorization, true)});
    }
    SSLContext trust = access.sslContext();
    if (trust != null) {
      builder.setHttpClientConfigCallback(client -> client.setConnectionManager(
          PoolingAsyncClientConnectionManagerBuilder.create()
              .setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(trust)
                  // the certificate must name the host the URL names, checked here whatever the JDK does
                  .setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT)
                  .setHostnameVerifier(new DefaultHostnameVerifier()).buildAsync())
              .setMaxConnPerRoute(ApacheHttpClient5TransportBuilder.DEFAULT_MAX_CONN_PER_ROUTE)
              .setMaxConnTotal(ApacheHttpClient5TransportBuilder.DEFAULT_MAX_CONN_TOTAL)
              .build()));
    }
    return builder.build();
  }

  private static HttpHost host(URI node) {
    return new HttpHost(node.getScheme(), node.getHost(), node.getPort());
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
