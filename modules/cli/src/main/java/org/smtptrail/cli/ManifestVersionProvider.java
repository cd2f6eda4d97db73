package org.smtptrail.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, written there by the build. */
final class ManifestVersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {
      "smtptrail " + (version == null ? "(development build)" : version),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
