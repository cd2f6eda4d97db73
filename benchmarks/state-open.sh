#!/usr/bin/env bash
# What a start costs after a crash, against the messages in flight (issue 23): for each size, a data folder's state
# filled with that many messages (StateOpenProbe fill), then RUNS rounds of: StateStore.open in a fresh JVM without a
# crash, the same after a crash (the marker a killed writer leaves: the open recovers the state), and the whole
# `smtptrail tail` start after a crash, until it prints "following" (it reads its first line right after).
# Prints one Markdown row per size: medians of wall and CPU milliseconds (CPU: every thread of the JVM during the
# open, JIT included; steadier than wall time on a busy machine), the smallest and largest wall time in brackets,
# and the MB the last open after a crash had written to the disk.
#
# Usage: benchmarks/state-open.sh [RUNS] [MESSAGES...]   (defaults: 5 runs; 0 1000 10000 100000 1000000)
# Environment: SKIP_BUILD=1 uses the jars already built; JAR=FILE times another smtptrail.jar's `tail`;
# PROBE_CP=CLASSPATH for the StateOpenProbe columns, e.g. OLD/smtptrail.jar:benchmarks/target/classes (an older
# engine: the probe uses only its public API).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(0 1000 10000 100000 1000000)
source scripts/find-java.sh
java_bin="$(find_java 21)"
if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -q package -DskipTests -pl benchmarks,modules/cli -am
fi
jar=${JAR:-$PWD/modules/cli/target/smtptrail.jar}
flags=($(sed -n 's:.*<chronicle.jvm.flags>\(.*\)</chronicle.jvm.flags>.*:\1:p' pom.xml))
[ "$(java_major "$java_bin")" -ge 23 ] && flags+=(--sun-misc-unsafe-memory-access=allow)
probe_cp=${PROBE_CP:-$PWD/benchmarks/target/benchmarks.jar}
probe() { "$java_bin" "${flags[@]}" -cp "$probe_cp" org.smtptrail.benchmarks.StateOpenProbe "$@" 2>/dev/null; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
umask 077
mkdir -p "$work/logs"
cp sample-logs/postfix/mail.log "$work/logs/mail.log"

# milliseconds from the start of `smtptrail tail` after a crash until it prints "following"
tail_start() {
  echo 0 >"$1/state/in-use"
  local start line
  start=$(date +%s%N)
  "$java_bin" "${flags[@]}" -jar "$jar" tail --data "$1" "$work/logs" --max-seconds 1 2>/dev/null |
    while IFS= read -r line; do
      case "$line" in following*) echo $(( ($(date +%s%N) - start) / 1000000 ));; esac
    done
}

# "median [min-max]" of the numbers given
summary() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {printf "%d [%d-%d]", v[int((NR+1)/2)], v[1], v[NR]}'; }
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {printf "%d", v[int((NR+1)/2)]}'; }

echo "| messages in flight | in-flight.dat | open, no crash: ms (CPU ms) |" \
  "open after a crash: ms (CPU ms, MB written) | tail start after a crash: ms |"
echo "|---:|---:|---:|---:|---:|"
for size in "${sizes[@]}"; do
  data="$work/data-$size"
  probe fill "$data" "$size" >/dev/null
  plain=(); plain_cpu=(); crashed=(); crashed_cpu=(); tails=()
  for _ in $(seq "$runs"); do
    read -r wall cpu < <(probe open "$data" | awk '{print $2, $4}')
    plain+=("$wall"); plain_cpu+=("$cpu")
    read -r wall cpu written < <(probe open "$data" crashed | awk '{print $2, $4, $(NF - 2)}')
    crashed+=("$wall"); crashed_cpu+=("$cpu")
    tails+=("$(tail_start "$data")")
  done
  bytes=$(stat -c %s "$data/state/in-flight.dat")
  echo "| $size | $((bytes / 1048576)) MB | $(summary "${plain[@]}") ($(median "${plain_cpu[@]}")) |" \
    "$(summary "${crashed[@]}") ($(median "${crashed_cpu[@]}"), $written) | $(summary "${tails[@]}") |"
  rm -rf "$data"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
