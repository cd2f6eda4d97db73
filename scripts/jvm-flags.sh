# Sourced by both launchers: ./smtptrail (a source checkout) and bin/smtptrail of the release tarball and the Debian
# package (/usr/lib/smtptrail/bin/smtptrail), so that both start the JVM the same way.
# jvm_flags JAVA_MAJOR sets the array `flags` to the JVM options for running smtptrail on a Java of that major version;
# heap_flags ARGS... adds the heap cap for the command in ARGS. The caller then runs:
#   umask 077; exec java "${flags[@]}" ${SMTPTRAIL_JAVA_OPTS:-} -jar JAR ARGS...
# (Logs hold personal data: everything smtptrail creates must be owner-only, hence the umask.)

# Chronicle Map (the state store) uses sun.misc.Unsafe; Java 23+ warns about it unless allowed explicitly. Its other
# JDK internals (--add-opens, --add-exports: the root pom's chronicle.jvm.flags) are in the jar's manifest.
# The JVM's own warnings go to stderr, never into output a script reads (--format json, csv).
jvm_flags() {
  flags=(-Dchronicle.analytics.disable=true -Xlog:disable -Xlog:all=warning:stderr)
  [ "$1" -ge 23 ] && flags+=(--sun-misc-unsafe-memory-access=allow)
  return 0
}

heap_flags() {
  local sub memory
  sub="$(subcommand "$@")"
  if [ "$sub" = serve ] || [ "$sub" = tail ] || [ "$sub" = index ]; then
    memory="$(memory_mb)"
    if ! heap_chosen && ! [[ "$memory" =~ ^[0-9]+$ && $((memory / 4)) -lt 1024 ]]; then
      flags+=(-Xmx1g)
    fi
  fi
  return 0
}

# A bounded heap for the commands that run for days or read whole log archives: serve, tail and index get -Xmx1g, so
# that a JVM beside the mail server never grows to the JVM's default maximum, a quarter of the machine's memory (issue
# 23: one pattern request grew serve to 5.9 GB). Measured (benchmarks/RESULTS.md, "Heap caps"): index of 2 M lines
# and the serve load of 8 clients asking 2000-row pages of 1.5 M events at once both pass with 256 MB, at its ceiling;
# 1 GB costs index no time and leaves room for serve --tail and larger indexes. Where a quarter of the memory (or of
# the cgroup's limit) is less, the JVM's default stays; a heap the user chose (-Xmx, -Xms, -XX:MaxRAM* in
# SMTPTRAIL_JAVA_OPTS, JAVA_TOOL_OPTIONS or JDK_JAVA_OPTIONS) is left alone: a -Xmx here would override
# JAVA_TOOL_OPTIONS'. No -XX:+ExitOnOutOfMemoryError: nothing restarts a serve started from a shell, and a request
# can still fill the heap (a deep page), which would then end the service for everyone; under a supervisor, add it
# (docs/security-patterns.md, "The heap cap"; the packaged smtptrail.service does).
subcommand() {
  local arg
  for arg in "$@"; do
    case "$arg" in -*) ;; *) echo "$arg"; return ;; esac
  done
}
# The memory the JVM sizes its default heap from, in MB: the machine's, or its cgroup's limit (v2 or v1) when lower.
memory_mb() {
  local mb limit file v2 v1
  mb="$(awk '/^MemTotal:/ {print int($2 / 1024)}' /proc/meminfo 2>/dev/null)" || true
  v2="$(sed -n 's/^0:://p' /proc/self/cgroup 2>/dev/null)" || true
  v1="$(sed -n 's/^[0-9]*:memory://p' /proc/self/cgroup 2>/dev/null)" || true
  for file in /sys/fs/cgroup/memory.max "/sys/fs/cgroup$v2/memory.max" /sys/fs/cgroup/memory/memory.limit_in_bytes \
      "/sys/fs/cgroup/memory$v1/memory.limit_in_bytes"; do
    limit="$(cat "$file" 2>/dev/null)" || continue
    if [[ "$mb" =~ ^[0-9]+$ && "$limit" =~ ^[0-9]+$ ]] && [ $((limit / 1048576)) -lt "$mb" ]; then
      mb=$((limit / 1048576))
    fi
  done
  echo "$mb"
}
heap_chosen() {
  local sizing='[[:space:]](-Xmx|-Xms|-XX:MaxHeapSize=|-XX:InitialHeapSize=|-XX:MinHeapSize=|-XX:MaxRAM)'
  [[ " ${SMTPTRAIL_JAVA_OPTS:-} ${JAVA_TOOL_OPTIONS:-} ${JDK_JAVA_OPTIONS:-} " =~ $sizing ]]
}
