# Sourced by ./smtptrail and .ci/run: find_java MIN prints the path of a java binary of at least version MIN.
# Looks at $JAVA_HOME, java on PATH, then the usual JDK folders, and prefers the first that is new enough.
# java_major JAVA prints its major version; java_release_field JAVA NAME prints a field of the JDK's `release` file.
# The release file is read first: starting a JVM only to ask its version costs about 0.1 s per call.
java_release_field() {
  local release
  release="$(dirname "$(dirname "$(readlink -f "$1" 2>/dev/null || echo "$1")")")/release"
  [ -f "$release" ] && sed -n "s/^$2=\"\(.*\)\"\$/\1/p" "$release" | head -1
}

java_major() {
  local version
  version="$(java_release_field "$1" JAVA_VERSION)"
  if [ -z "$version" ]; then
    version="$("$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')"
  fi
  version="${version#1.}" # 1.8.0_402 is Java 8
  echo "${version%%[.+-]*}"
}

find_java() {
  local min="$1" candidate major
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for candidate in /usr/lib/jvm/*/bin/java /opt/java/*/bin/java /opt/*/bin/java /usr/local/*/bin/java \
      /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java; do
    [ -x "$candidate" ] && candidates+=("$candidate")
  done
  for candidate in "${candidates[@]}"; do
    [ -x "$candidate" ] || continue
    major="$(java_major "$candidate")"
    if [ -n "$major" ] && [ "$major" -ge "$min" ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}
