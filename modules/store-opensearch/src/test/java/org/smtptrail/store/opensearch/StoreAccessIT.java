package org.smtptrail.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.SampleLogs;
import org.smtptrail.engine.ingest.IngestListener;
import org.smtptrail.engine.ingest.Ingester;
import org.smtptrail.engine.query.TraceQuery;
import org.smtptrail.engine.query.TraceSearcher;
import org.smtptrail.engine.store.StoreReader;

/**
 * A cluster reached over TLS with credentials ({@link SecuredProxy}: nginx with a certificate of a CA made here, in
 * front of the test node): the store writes and reads with a user and password or an API key and the CA file; a
 * refused password, a missing CA or plain HTTP to a TLS port are each one line saying what to check, never holding
 * the secret.
 */
@ExtendWith(SharedOpenSearch.class)
class StoreAccessIT {
  @TempDir static Path folder;
  private static SecuredProxy proxy;
  private static String url;

  @BeforeAll
  static void startTheProxy(OpenSearchCluster cluster) throws Exception {
    proxy = SecuredProxy.startOrSkip(cluster.httpUri(), folder.resolve("proxy"));
    url = proxy.httpsUrl() + "/it-access";
  }

  @AfterAll
  static void stopTheProxy() {
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void withThePasswordAndTheCaTheStoreWritesAndReadsAsOverPlainHttp(OpenSearchCluster cluster) throws IOException {
    OpenSearchStore secured = OpenSearchStore.of(url)
        .withAccess(StoreAccess.of(proxy.basicCredentials(), proxy.caFile()));
    DataDirectory agent = new DataDirectory(folder.resolve("agent"));
    new Ingester(agent, secured, IngestListener.NONE).index(SampleLogs.everyFormat());

    OpenSearchStore plain = OpenSearchStore.of(cluster.httpUri() + "/it-access");
    try (StoreReader overTls = secured.openReader(agent); StoreReader direct = plain.openReader(agent)) {
      assertThat(overTls.eventCount()).isPositive().isEqualTo(direct.eventCount());
      assertThat(new TraceSearcher(overTls).trace(TraceQuery.all()))
          .isEqualTo(new TraceSearcher(direct).trace(TraceQuery.all())).isNotEmpty();
    }
  }

  @Test
  void anApiKeyOpensTheStoreToo() throws IOException {
    OpenSearchStore secured = OpenSearchStore.of(url)
        .withAccess(StoreAccess.of(proxy.apiKeyCredentials(), proxy.caFile()));
    try (StoreReader reader = secured.openReader(new DataDirectory(folder.resolve("reader")))) {
      assertThat(reader.eventCount()).isNotNegative();
    }
  }

  @Test
  void aRefusedPasswordIsOneLineNamingTheCredentialsFileOptionAndNotThePassword() throws IOException {
    for (Path credentials : new Path[] {proxy.wrongCredentials(), null}) {
      OpenSearchStore refused = OpenSearchStore.of(url).withAccess(StoreAccess.of(credentials, proxy.caFile()));
      assertThatThrownBy(() -> refused.openWriter(new DataDirectory(folder.resolve("refused"))))
          .isInstanceOf(StoreRequestException.class)
          .hasMessageContaining("401").hasMessageContaining("--store-credentials")
          .hasMessageNotContaining(proxy.password())
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  @Test
  void aCertificateOfAnUnknownCaIsRefusedSayingToGiveTheCa() throws IOException {
    OpenSearchStore untrusted = OpenSearchStore.of(url).withAccess(StoreAccess.of(proxy.basicCredentials(), null));
    assertThatThrownBy(() -> untrusted.openReader(new DataDirectory(folder.resolve("untrusted"))))
        .isInstanceOf(StoreRequestException.class)
        .hasMessageContaining(proxy.httpsUrl()).hasMessageContaining("--store-ca")
        .hasMessageNotContaining(proxy.password())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void theCertificateMustNameTheHostTheUrlNames() throws IOException {
    StoreAccess access = StoreAccess.of(proxy.basicCredentials(), proxy.caFile());
    OpenSearchStore byName = OpenSearchStore.of(proxy.httpsUrl().replace("127.0.0.1", "localhost") + "/it-access")
        .withAccess(access);
    try (StoreReader reader = byName.openReader(new DataDirectory(folder.resolve("byname")))) {
      assertThat(reader.eventCount()).isNotNegative();
    }
    // the same proxy, the same CA, on an address its certificate does not name
    OpenSearchStore otherName = OpenSearchStore.of(proxy.httpsUrl().replace("127.0.0.1", "127.0.0.2") + "/it-access")
        .withAccess(access);
    assertThatThrownBy(() -> otherName.openReader(new DataDirectory(folder.resolve("othername"))))
        .isInstanceOf(StoreRequestException.class).hasMessageContaining("127.0.0.2");
  }
}
