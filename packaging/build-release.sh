#!/usr/bin/env bash
# Builds the release artifacts from one tree: the tarball dist/smtptrail-VERSION-linux-x64.tar.gz (a jlink'd Java
# runtime, bin/smtptrail, man pages, completion, example config) and the Debian package
# dist/smtptrail_DEBVERSION_amd64.deb made from the same files with dpkg-deb.
# Run by `mvn -B -DskipTests -Prelease package` (packaging/pom.xml), which makes the jar, the man pages and the
# completion first; PackageIT runs it again with a higher --version to test an upgrade.
#
#   build-release.sh --version V --jar JAR --man DIR --completion FILE --work DIR --out DIR [--jdk JDK_HOME]
#
# The Debian version is V with '-' as '~' (0.1.0-SNAPSHOT -> 0.1.0~SNAPSHOT, which sorts before 0.1.0).
# Needs a JDK 21+ with jlink (--jdk, else the one scripts/find-java.sh finds), binutils' strip, dpkg-deb and
# dpkg-shlibdeps (apt-get install dpkg-dev).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"

# The JDK modules smtptrail needs: `jdeps --print-module-deps` on the jar gives java.base, java.compiler,
# java.desktop, java.management, java.naming, java.net.http, java.sql, jdk.httpserver, jdk.incubator.vector,
# jdk.unsupported. Left out: java.desktop (only JNA's AWT helpers, never called; it would bring libawt, freetype,
# libjpeg, lcms) and jdk.incubator.vector (Lucene uses it only when asked with --add-modules). Added: jdk.compiler,
# which Chronicle Map loads by name at run time to compile its value classes (without it `index` fails with
# ClassNotFoundException: com.sun.tools.javac.api.JavacTool), and jdk.management (Chronicle's JVM statistics).
modules=java.base,java.compiler,jdk.compiler,java.management,jdk.management,java.naming,java.net.http,java.sql
modules+=,jdk.httpserver,jdk.unsupported

die() { echo "build-release: $*" >&2; exit 1; }
say() { echo "build-release: $*" >&2; }

version='' jar='' man='' completion='' work='' out='' jdk=''
while [ $# -gt 0 ]; do
  case "$1" in
    --version) version="$2" ;;
    --jar) jar="$2" ;;
    --man) man="$2" ;;
    --completion) completion="$2" ;;
    --work) work="$2" ;;
    --out) out="$2" ;;
    --jdk) jdk="$2" ;;
    *) die "unknown argument '$1' (expected --version, --jar, --man, --completion, --work, --out, --jdk)" ;;
  esac
  shift 2 || die "expected a value after $1"
done
for name in version jar man completion work out; do
  [ -n "${!name}" ] || die "expected --$name"
done
[[ "$version" =~ ^[0-9][A-Za-z0-9.+~-]*$ ]] || die "expected a version starting with a digit, got '$version'"
[ -f "$jar" ] || die "no jar at $jar (mvn -Prelease package builds it)"
ls "$man"/*.1 >/dev/null 2>&1 || die "no man pages (*.1) in $man"
[ -f "$completion" ] || die "no completion script at $completion"
for tool in dpkg-deb dpkg-shlibdeps strip; do
  command -v "$tool" >/dev/null || die "$tool not found: apt-get install dpkg-dev binutils"
done
if [ -z "$jdk" ]; then
  # shellcheck source=../scripts/find-java.sh
  source "$repo/scripts/find-java.sh"
  java_bin="$(find_java 21)" || die "no JDK 21+ found for jlink (give --jdk JDK_HOME)"
  jdk="$(dirname "$(dirname "$(readlink -f "$java_bin")")")"
fi
[ -x "$jdk/bin/jlink" ] || die "no jlink in $jdk/bin (a JDK, not a JRE, is needed)"
deb_version="${version//-/\~}"
name="smtptrail-$version"
mkdir -p "$work" "$out"
work="$(cd "$work" && pwd)"
out="$(cd "$out" && pwd)"
# one date for every file and the changelog: the last commit's, so a rebuild of a commit gives the same files
epoch="${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct 2>/dev/null || date +%s)}"

# ---------------------------------------------------------------- the Java runtime (kept between builds)
runtime="$work/runtime"
stamp="$("$jdk/bin/java" -version 2>&1 | head -2 | tr '\n' ' ') $modules $(md5sum <"${BASH_SOURCE[0]}" | cut -c1-32)"
if [ ! -f "$runtime.stamp" ] || [ "$(cat "$runtime.stamp")" != "$stamp" ]; then
  say "jlink: $modules"
  rm -rf "$runtime" "$runtime.stamp"
  "$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
    --compress zip-6 --output "$runtime"
  # only java is run; the other launchers jlink adds for these modules (javac, jrunscript, ...) go
  find "$runtime/bin" -type f ! -name java -delete
  # jexec runs jar files through binfmt_misc: not needed
  rm -f "$runtime/lib/jexec"
  # a private runtime needs no symbols: stripped, as Debian ships binaries
  find "$runtime" -type f \( -name '*.so' -o -path '*/bin/*' -o -name jspawnhelper -o -name jexec \) \
    -exec strip --strip-unneeded --remove-section=.comment --remove-section=.note {} +
  echo "$stamp" >"$runtime.stamp"
fi

# ---------------------------------------------------------------- the tree: the tarball's content
tree="$work/tree/$name"
rm -rf "$work/tree"
mkdir -p "$tree"/{bin,lib,man/man1,completion,sample-logs}
cp -a "$runtime" "$tree/runtime"
install -m 0755 "$here/bin/smtptrail" "$tree/bin/smtptrail"
install -m 0644 "$jar" "$tree/lib/smtptrail.jar"
install -m 0644 "$repo/scripts/find-java.sh" "$repo/scripts/jvm-flags.sh" "$tree/lib/"
install -m 0644 "$man"/*.1 "$tree/man/man1/"
# sourced, never run: no #! line (Debian's bash-completion policy)
sed '1{/^#!/d}' "$completion" >"$tree/completion/smtptrail.bash"
install -m 0644 "$here/zsh/_smtptrail" "$tree/completion/_smtptrail"
install -m 0644 "$here/smtptrail.yaml" "$tree/smtptrail.yaml"
install -m 0644 "$here/smtptrail.service" "$tree/smtptrail.service"
install -m 0644 "$repo/README.md" "$repo/LICENSE" "$tree/"
# the README's links lead into docs/
cp -a "$repo/docs" "$tree/docs"
# the README's quick start runs from the unpacked tarball: bin/smtptrail index sample-logs/postfix ...
cp -a "$repo/sample-logs/postfix" "$tree/sample-logs/postfix"
chmod -R u=rwX,go=rX "$tree"
find "$tree" -type f -perm /111 -exec chmod 0755 {} +

tarball="$out/$name-linux-x64.tar.gz"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -C "$work/tree" -cf - "$name" \
  | gzip -9n >"$tarball.tmp"
mv -f "$tarball.tmp" "$tarball"
say "$tarball"

# ---------------------------------------------------------------- the Debian package, from the same tree
deb="$work/deb"
rm -rf "$deb"
lib="$deb/usr/lib/smtptrail"
mkdir -p "$lib" "$deb/usr/bin" "$deb/etc/smtptrail" "$deb/lib/systemd/system" "$deb/usr/share/man/man1" \
  "$deb/usr/share/bash-completion/completions" "$deb/usr/share/zsh/vendor-completions" \
  "$deb/usr/share/doc/smtptrail" "$deb/usr/share/lintian/overrides" "$deb/DEBIAN"
cp -a "$tree/bin" "$tree/lib" "$tree/runtime" "$lib/"
# a jar is the same on every architecture: in /usr/share (Debian's Java policy), found by the launcher through a link
mkdir -p "$deb/usr/share/smtptrail"
mv "$lib/lib/smtptrail.jar" "$deb/usr/share/smtptrail/smtptrail.jar"
ln -s ../../../share/smtptrail/smtptrail.jar "$lib/lib/smtptrail.jar"
ln -s ../lib/smtptrail/bin/smtptrail "$deb/usr/bin/smtptrail"
cp -a "$tree/smtptrail.yaml" "$deb/etc/smtptrail/smtptrail.yaml"
cp -a "$tree/smtptrail.service" "$deb/lib/systemd/system/smtptrail.service"
for page in "$tree"/man/man1/*.1; do
  gzip -9n <"$page" >"$deb/usr/share/man/man1/$(basename "$page").gz"
done
cp -a "$tree/completion/smtptrail.bash" "$deb/usr/share/bash-completion/completions/smtptrail"
cp -a "$tree/completion/_smtptrail" "$deb/usr/share/zsh/vendor-completions/_smtptrail"
cp -a "$here/debian/copyright" "$deb/usr/share/doc/smtptrail/copyright"
cp -a "$tree/README.md" "$deb/usr/share/doc/smtptrail/README.md"
cp -a "$tree/docs" "$deb/usr/share/doc/smtptrail/docs"
cp -a "$here/debian/lintian-overrides" "$deb/usr/share/lintian/overrides/smtptrail"
{
  printf 'smtptrail (%s) unstable; urgency=medium\n\n' "$deb_version"
  printf '  * Release %s, built from commit %s.\n' "$version" "$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  printf '    What changed: the commit history of smtptrail.\n\n'
  printf ' -- %s  %s\n' "$(sed -n 's/^Maintainer: //p' "$here/debian/control")" \
    "$(LC_ALL=C date -u -R -d "@$epoch")"
} | gzip -9n >"$deb/usr/share/doc/smtptrail/changelog.gz"
chmod 0644 "$deb/usr/share/lintian/overrides/smtptrail"

# Depends: the shared libraries the runtime's binaries need from the system (libc, ...), as dpkg-shlibdeps finds them
shlibs_dir="$work/shlibs"
rm -rf "$shlibs_dir" && mkdir -p "$shlibs_dir/debian"
printf 'Source: smtptrail\n\nPackage: smtptrail\nArchitecture: amd64\n' >"$shlibs_dir/debian/control"
mapfile -t elves < <(find "$lib/runtime" -type f \( -name '*.so' -o -path '*/bin/*' -o -name jspawnhelper \))
shlibs="$(cd "$shlibs_dir" && dpkg-shlibdeps -O -l"$lib/runtime/lib" -l"$lib/runtime/lib/server" \
  --ignore-missing-info "${elves[@]}" 2>"$shlibs_dir/warnings" | sed -n 's/^shlibs:Depends=//p')"
[ -n "$shlibs" ] || die "dpkg-shlibdeps found no library dependencies"

installed_size="$(du -sk --apparent-size --exclude=DEBIAN "$deb" | cut -f1)"
sed -e "s/@VERSION@/$deb_version/" -e "s/@INSTALLED_SIZE@/$installed_size/" -e "s/@SHLIBS@/$shlibs/" \
  "$here/debian/control" >"$deb/DEBIAN/control"
install -m 0644 "$here/debian/conffiles" "$deb/DEBIAN/conffiles"
install -m 0755 "$here/debian/postinst" "$here/debian/prerm" "$here/debian/postrm" "$deb/DEBIAN/"
(cd "$deb" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) \
  >"$deb/DEBIAN/md5sums"
chmod 0644 "$deb/DEBIAN/md5sums"
find "$deb" -exec touch -h -d "@$epoch" {} +

debfile="$out/smtptrail_${deb_version}_amd64.deb"
SOURCE_DATE_EPOCH="$epoch" dpkg-deb --root-owner-group -Zxz --build "$deb" "$debfile.tmp" >/dev/null
mv -f "$debfile.tmp" "$debfile"
say "$debfile"
