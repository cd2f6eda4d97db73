# Sourced by ./smtptrail and .ci/run: find_java MIN prints the path of a java binary of at least version MIN.
# Looks at $JAVA_HOME, java on PATH, then the usual JDK folders, and prefers the first that is new enough.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
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
