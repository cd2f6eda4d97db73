#!/usr/bin/env bash
# A start on a state folder left by crashes (issue 23): the state/ folder of a data folder, as a `smtptrail tail`
# killed with SIGKILL 8 times in 20 s left it (a .tgz), unpacked into a fresh data folder, then
# `smtptrail tail --data DATA LOGDIR --max-seconds 1` on a copy of sample-logs/postfix/mail.log, RUNS times: the
# milliseconds until it prints "following" (the state is open; it reads its first line right after) and the CPU
# seconds (user + system) of the whole run. BEFORE_JAR=FILE times an older smtptrail.jar too, in the same rounds.
#
# Usage: benchmarks/state-fixture.sh STATE.tgz [RUNS]   (3 runs; the jar of modules/cli/target, built if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
fixture=$(realpath "$1")
runs=${2:-3}
source scripts/find-java.sh
java_bin="$(find_java 21)"
jar=$PWD/modules/cli/target/smtptrail.jar
[ -f "$jar" ] || mvn -B -q package -DskipTests -pl modules/cli -am
flags=(-Dchronicle.analytics.disable=true)
[ "$(java_major "$java_bin")" -ge 23 ] && flags+=(--sun-misc-unsafe-memory-access=allow)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
umask 077

# prints "MS CPU_SECONDS" for one start of jar $1 on a fresh copy of the fixture
start() {
  rm -rf "$work/data" "$work/logs"
  mkdir -p "$work/data" "$work/logs"
  tar -xzf "$fixture" -C "$work/data"
  cp sample-logs/postfix/mail.log "$work/logs/mail.log"
  local begin line ms=""
  begin=$(date +%s%N)
  while IFS= read -r line; do
    case "$line" in following*) ms=$(( ($(date +%s%N) - begin) / 1000000 ));; esac
  done < <(/usr/bin/time -f 'cpu %U %S' -o "$work/time" "$java_bin" "${flags[@]}" -jar "$1" tail --data "$work/data" \
      "$work/logs" --max-seconds 1 2>/dev/null)
  echo "$ms $(awk '/^cpu/ {printf "%.2f", $2 + $3}' "$work/time")"
}

for round in $(seq "$runs"); do
  for candidate in ${BEFORE_JAR:+"$BEFORE_JAR"} "$jar"; do
    read -r ms cpu < <(start "$candidate")
    echo "round $round  $candidate: following after $ms ms, $cpu s CPU (load $(cut -d' ' -f1 /proc/loadavg))"
  done
done
