package org.smtptrail.cli.options;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.smtptrail.cli.query.LocalQueries;
import org.smtptrail.cli.query.Queries;
import org.smtptrail.cli.query.ServerQueries;
import org.smtptrail.cli.serve.AccessTokens;
import picocli.CommandLine.Option;

/**
 * {@code --server URL} and {@code --token-file FILE}: ask a running {@code smtptrail serve} instead of opening the
 * index (the answers and exit codes are the same; the server's index is warm, so they come faster). Defaults:
 * {@code $SMTPTRAIL_SERVER} and {@code $SMTPTRAIL_TOKEN} (the token itself).
 */
public final class ServerMixin {
  @Option(names = "--server", paramLabel = "URL",
      description = "Ask a running 'smtptrail serve' at URL (http://127.0.0.1:8025) instead of reading the index"
          + " (--data is then not read). Default: $SMTPTRAIL_SERVER.")
  String server;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "The server's access token, in a file (default: the token in $SMTPTRAIL_TOKEN).")
  Path tokenFile;

  /** The server's answers when a server is named, else the store's (the data folder's index by default). */
  public Queries queries(DataDirMixin data, StoreMixin store) throws IOException {
    String url = server != null ? server : System.getenv("SMTPTRAIL_SERVER");
    if (url == null || url.isBlank()) {
      return LocalQueries.open(data.dataDirectory(), store.store());
    }
    String token = tokenFile != null ? AccessTokens.clientToken(tokenFile) : System.getenv("SMTPTRAIL_TOKEN");
    return new ServerQueries(serverUri(url.strip()), token == null || token.isBlank() ? null : token.strip());
  }

  static URI serverUri(String url) {
    try {
      URI uri = new URI(url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new URISyntaxException(url, "expected http://HOST:PORT");
      }
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), "/", null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--server " + url + " is not a server URL: expected http://HOST:PORT"
          + " (e.g. http://127.0.0.1:8025)");
    }
  }
}
