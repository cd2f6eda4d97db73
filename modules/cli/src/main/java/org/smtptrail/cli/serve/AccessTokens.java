package org.smtptrail.cli.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The tokens of {@code serve --token-file FILE}: one per line, either alone ({@code TOKEN}: the role {@code admin},
 * or {@code support} under {@code serve --support}) or after a role ({@code support TOKEN}); blank lines and lines
 * starting with {@code #} are skipped. A token has at least {@value #MIN_LENGTH} characters. The file must not be
 * readable by group or others, as an SSH key must not, nor lie in a folder others can write. Tokens are kept as SHA-256 digests and compared in constant
 * time, so neither a response's timing nor a heap dump gives one away.
 */
public final class AccessTokens {
  static final int MIN_LENGTH = 16;
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private final List<Entry> entries;

  private record Entry(byte[] digest, Role role) {}

  private AccessTokens(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * Reads a token file.
   *
   * @throws IllegalArgumentException when the file is readable by others, holds no token, or a line is malformed
   */
  public static AccessTokens read(Path file, Role defaultRole) throws IOException {
    refuseIfShared(file);
    List<Entry> entries = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] words = line.split("\\s+");
      String where = file + ":" + (n + 1);
      if (words.length > 2) {
        throw new IllegalArgumentException(where + ": expected TOKEN or ROLE TOKEN (roles: admin, support)");
      }
      Role role = words.length == 1 ? defaultRole : role(words[0], where);
      String token = words[words.length - 1];
      if (token.length() < MIN_LENGTH) {
        throw new IllegalArgumentException(where + ": a token needs at least " + MIN_LENGTH
            + " characters (e.g. the output of: openssl rand -hex 32)");
      }
      entries.add(new Entry(digest(token), role));
    }
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("no token in " + file + ": one per line, TOKEN or ROLE TOKEN");
    }
    return new AccessTokens(entries);
  }

  private static Role role(String word, String where) {
    try {
      return Role.valueOf(word.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": unknown role '" + word + "' (roles: admin, support)");
    }
  }

  /**
   * Refuses a token file that others could read, or replace: as OpenSSH's StrictModes, the file must be owner-only,
   * and it and every folder above it must belong to this user or root and not be writable by group or others, since
   * whoever can write a folder can put another file in the token file's place. One difference from OpenSSH: a folder
   * with the sticky bit (/tmp) is accepted, since there nobody but an entry's owner can rename or remove it.
   */
  private static void refuseIfShared(Path file) throws IOException {
    if (!POSIX) {
      return;
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    Set<PosixFilePermission> shared = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
    shared.retainAll(permissions);
    if (!shared.isEmpty()) {
      throw new IllegalArgumentException("token file " + file + " is readable or writable by others ("
          + PosixFilePermissions.toString(permissions) + "): chmod 600 " + file);
    }
    UserPrincipal me = file.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName(System.getProperty("user.name"));
    Path real = file.toRealPath();
    for (Path path = real; path != null; path = path.getParent()) {
      UserPrincipal owner = Files.getOwner(path);
      if (!owner.equals(me) && !owner.getName().equals("root")) {
        throw new IllegalArgumentException("token file " + file + ": " + path + " belongs to " + owner.getName()
            + ", who could replace the token file; keep it in a folder of yours or root's");
      }
      if (path.equals(real)) {
        continue;
      }
      int mode = (Integer) Files.getAttribute(path, "unix:mode");
      boolean writableByOthers = (mode & 0022) != 0;
      boolean sticky = (mode & 01000) != 0;
      if (writableByOthers && !sticky) {
        throw new IllegalArgumentException("token file " + file + ": the folder " + path + " is writable by others ("
            + PosixFilePermissions.toString(Files.getPosixFilePermissions(path)) + "), who could replace the token"
            + " file; move it to a folder only you can write (chmod go-w " + path + ")");
      }
    }
  }

  /** The role of a presented token; empty when it is none of them. Takes the same time whichever token matches. */
  Optional<Role> roleOf(String presented) {
    if (presented == null) {
      return Optional.empty();
    }
    byte[] digest = digest(presented);
    Role found = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(entry.digest(), digest) && found == null) {
        found = entry.role();
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * The token a client sends, from a file: its first line that is neither blank nor a comment; of a
   * {@code ROLE TOKEN} line (the server's own file), the token.
   */
  public static String clientToken(Path file) throws IOException {
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String stripped = line.strip();
      if (!stripped.isEmpty() && !stripped.startsWith("#")) {
        String[] words = stripped.split("\\s+");
        return words[words.length - 1];
      }
    }
    throw new IllegalArgumentException("no token in " + file);
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
