#!/usr/bin/env bash
# The hot path (issue 25), side by side: append -> answer latency of `serve --tail` and of `tail` read from another
# process, for the jars given (the first is "before"), in alternating rounds; then the tailer's catch-up throughput
# as `tail` and as `serve --tail`. benchmarks/RESULTS.md, "The hot path", has the figures and the machine.
#
# Usage: benchmarks/hot-path.sh ROUNDS PROBES JAR... (build first: mvn -B -DskipTests package)
# Env: RATES (default "20000 50000"), MODES (default "serve cross"), THROUGHPUT_LINES (default 1000000; 0 skips)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/find-java.sh
java_bin="$(find_java 25)"
rounds="$1" probes="$2"
shift 2
# the JVM flags the tests give Chronicle Map (the root pom's chronicle.jvm.flags)
flags=($(sed -n 's:.*<chronicle.jvm.flags>\(.*\)</chronicle.jvm.flags>.*:\1:p' pom.xml) --sun-misc-unsafe-memory-access=allow)
bench=(-cp benchmarks/target/benchmarks.jar)
for round in $(seq 1 "$rounds"); do
  for rate in ${RATES:-20000 50000}; do
    for mode in ${MODES:-serve cross}; do
      for jar in "$@"; do
        echo "== round $round, $mode, $rate lines/s, $jar"
        "$java_bin" "${flags[@]}" -Xmx1g "${bench[@]}" org.smtptrail.benchmarks.TailLatency "$mode" "$jar" "$rate" \
          "$probes" 2>&1 | grep -v '^WARNING'
      done
    done
  done
done
if [ "${THROUGHPUT_LINES:-1000000}" != 0 ]; then
  "$java_bin" "${flags[@]}" -Xmx1g "${bench[@]}" org.smtptrail.benchmarks.TailThroughput \
    "${THROUGHPUT_LINES:-1000000}" 3 2>&1 | grep -v '^WARNING'
fi
