package org.smtptrail.store.opensearch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What a connection to the cluster needs beyond its address: the credentials, and the certificate authority that
 * signed the cluster's TLS certificate when it is not one the JVM already trusts (a cluster's own CA, as the security
 * plugin's set-up makes).
 *
 * @param credentials who the store is to the cluster
 * @param caFile      a PEM file with the CA certificate(s) to trust for {@code https://}, or null for the JVM's own
 */
public record StoreAccess(StoreCredentials credentials, Path caFile) {
  /** No credentials, the JVM's certificate authorities. */
  public static final StoreAccess NONE = new StoreAccess(StoreCredentials.NONE, null);

  public StoreAccess {
    if (credentials == null) {
      credentials = StoreCredentials.NONE;
    }
  }

  /**
   * The access a user gave: a credentials file ({@link StoreCredentials#read}) and a CA file, each may be null.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  public static StoreAccess of(Path credentialsFile, Path caFile) throws IOException {
    StoreAccess access = new StoreAccess(
        credentialsFile == null ? StoreCredentials.NONE : StoreCredentials.read(credentialsFile), caFile);
    access.sslContext(); // a bad CA file is said now, not at the first request
    return access;
  }

  /**
   * The TLS context that trusts the CA file's certificates, or null to use the JVM's.
   *
   * @throws IllegalArgumentException when the CA file is missing or holds no PEM certificate
   */
  SSLContext sslContext() throws IOException {
    if (caFile == null) {
      return null;
    }
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(caFile)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (NoSuchFileException missing) {
      throw new IllegalArgumentException("store CA file " + caFile + ": no such file");
    } catch (CertificateException bad) {
      throw new IllegalArgumentException("store CA file " + caFile + " is not a PEM certificate: " + bad.getMessage());
    } catch (IOException unreadable) {
      throw new IOException("store CA file " + caFile + " cannot be read: " + unreadable.getMessage(), unreadable);
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("store CA file " + caFile
          + " holds no certificate: expected '-----BEGIN CERTIFICATE-----' blocks");
    }
    try {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int n = 0;
      for (Certificate certificate : certificates) {
        trusted.setCertificateEntry("ca-" + n++, certificate);
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot trust the certificates of " + caFile + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return credentials + (caFile == null ? "" : ", CA " + caFile);
  }
}
