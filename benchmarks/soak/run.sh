#!/usr/bin/env bash
# The tail soak: benchmarks/soak/run.sh [SECONDS] [RATE] [ROTATE_SECONDS] [KILL_MIN] [KILL_MAX]
# Defaults: 600 s at 20 000 lines/s, a rotation every 20 s, kill -9 of the tailer 10-40 s after each start is up.
# Not in the test suite. Builds the smtptrail and benchmarks jars, works in a fresh folder under ${SOAK_DIR:-/tmp},
# prints a RESULT line and PASS/FAIL (exit code 0/1). See docs/reliability.md ("The tail soak") and benchmarks/RESULTS.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$here/scripts/find-java.sh"
java_bin="$(find_java 21)"
seconds="${1:-600}" rate="${2:-20000}" rotate="${3:-20}" kill_min="${4:-10}" kill_max="${5:-40}"

(cd "$here" && mvn -B -q -DskipTests -pl modules/cli,benchmarks -am package)
work="$(mktemp -d "${SOAK_DIR:-/tmp}/smtptrail-soak.XXXXXX")"
echo "soak: working in $work"
flags=(-Dchronicle.analytics.disable=true)
[ "$(java_major "$java_bin")" -ge 23 ] && flags+=(--sun-misc-unsafe-memory-access=allow)
umask 077
status=0
"$java_bin" -Xmx4g "${flags[@]}" -cp "$here/benchmarks/target/benchmarks.jar" \
  org.smtptrail.benchmarks.soak.TailSoak "$work" "$seconds" "$rate" "$rotate" "$kill_min" "$kill_max" -- \
  "$java_bin" "${flags[@]}" -jar "$here/modules/cli/target/smtptrail.jar" || status=$?
[ "${SOAK_KEEP:-0}" = 1 ] || rm -rf "$work"
exit $status
