#!/usr/bin/env bash
# The batch-ingest benchmark of issue 15: `smtptrail index` of one gzipped Postfix log against one `zgrep -c` pass
# over the same file, measured in the same run, then where the indexing time goes: a JFR recording sorted into ingest
# stages (benchmarks/jfr-summary.py) and the CPU seconds of each thread group (IngestThreads).
#
# Usage: benchmarks/profile-ingest.sh [LINES] [OUT_DIR]
#   defaults: 3850000 lines of PostfixCorpus (about 505 MB uncompressed, 56 MB gzipped), /tmp/smtptrail-ingest
# Environment:
#   RUNS=3             runs of each timed command
#   BEFORE_JAR=FILE    also time this smtptrail.jar (e.g. one built from an older commit) in the same run
#   SKIP_BUILD=1       use the jars already built
#   SKIP_PROFILE=1     only the timed comparison
#
# The comparison: `zgrep -c 'status=sent' mail.log.gz` (gzip inflates the whole file and grep scans every line, as
# the index must) against `smtptrail index --timezone UTC --data DIR mail.log.gz` into a fresh data folder (JVM
# start included, heap capped at 256 MB as the project's targets require). With hyperfine installed
# (apt-get install -y hyperfine) the commands run in RUNS rounds, one run of each per round (so a drift of the machine
# falls on all of them alike), each index into a fresh folder; without it, each runs RUNS times under `date`.
# The last line printed is the RESULT: index seconds, zgrep seconds and their ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${1:-3850000}
out=${2:-/tmp/smtptrail-ingest}
runs=${RUNS:-3}
case "$out" in "$PWD"/*) echo "the corpus must live outside the repository" >&2; exit 2 ;; esac
source scripts/find-java.sh
java_bin="$(find_java 21)"
jfr_bin="$(dirname "$java_bin")/jfr"
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

if [ -z "${SKIP_BUILD:-}" ]; then
  log "building benchmarks.jar and the CLI"
  mvn -B -q package -DskipTests -pl benchmarks,modules/cli -am
fi
jar="$PWD/modules/cli/target/smtptrail.jar"
mkdir -p "$out"
corpus="$out/mail.log.gz"
if [ ! -f "$corpus" ] || [ "$(cat "$out/lines" 2>/dev/null)" != "$lines" ]; then
  log "generating $lines Postfix lines"
  rm -rf "$out/gen"
  "$java_bin" -cp benchmarks/target/benchmarks.jar org.smtptrail.testkit.PostfixCorpus "$out/gen" "$lines" >&2
  gzip -c "$out/gen/mail.log" >"$corpus"
  rm -rf "$out/gen"
  echo "$lines" >"$out/lines"
fi
touch -d 2026-12-31T00:00:00Z "$corpus" # classic syslog has no year: date the file after its last line
raw=$(zcat "$corpus" | wc -c)
count=$(zcat "$corpus" | wc -l)
echo "corpus: $corpus, $count lines, $raw bytes uncompressed, $(stat -c %s "$corpus") gzipped"

# the launcher's java command for a given jar (the same flags as ./smtptrail), heap capped at 256 MB
cat >"$out/run-jar.sh" <<EOF
#!/usr/bin/env bash
jar=\$1; shift
umask 077
extra=()
[ "$(java_major "$java_bin")" -ge 23 ] && extra+=(--sun-misc-unsafe-memory-access=allow)
exec "$java_bin" -Xmx256m \${JVM_FLAGS:-} -Dchronicle.analytics.disable=true "\${extra[@]}" -jar "\$jar" "\$@"
EOF
chmod +x "$out/run-jar.sh"
index_cmd="$out/run-jar.sh $jar index --timezone UTC --data $out/data $corpus"
zgrep_cmd="zgrep -c status=sent $corpus"
before_cmd=${BEFORE_JAR:+"$out/run-jar.sh $BEFORE_JAR index --timezone UTC --data $out/data $corpus"}

echo "JDK: $("$java_bin" -version 2>&1 | head -2 | tail -1); machine: $(nproc) cores, $(uname -m); $(date -u +%F)"
echo "load average before timing: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine makes every wall time longer)"
if command -v hyperfine >/dev/null; then
  # one --prepare and one -n per command, in the order of the commands
  args=(--runs 1 --prepare true --prepare "rm -rf $out/data" -n zgrep -n index)
  commands=("$zgrep_cmd" "$index_cmd")
  if [ -n "$before_cmd" ]; then
    args+=(--prepare "rm -rf $out/data" -n before)
    commands+=("$before_cmd")
  fi
  # Rounds of one run of each command, not RUNS runs of one command then of the next: this machine drifts by several
  # percent over minutes, which a batch per command reads as a difference between them (benchmarks/RESULTS.md,
  # "Cheaper verdict rows at ingest": a batch showed 25.8 against 26.0 s where alternating showed 24.9 against 26.5).
  rm -f "$out"/hyperfine-[0-9]*.json
  for round in $(seq "$runs"); do
    log "round $round of $runs"
    hyperfine "${args[@]}" --export-json "$out/hyperfine-$round.json" "${commands[@]}" >&2
  done
  python3 - "$out/hyperfine.json" "$out"/hyperfine-[0-9]*.json >&2 <<'PY'
import json, statistics, sys
rounds = [json.load(open(f))["results"] for f in sys.argv[2:]]
results = []
for i, first in enumerate(rounds[0]):
    times = [r[i]["times"][0] for r in rounds]
    results.append({"command": first["command"], "times": times, "mean": statistics.mean(times),
                    "stddev": statistics.stdev(times) if len(times) > 1 else 0.0,
                    "user": statistics.mean(r[i]["user"] for r in rounds),
                    "system": statistics.mean(r[i]["system"] for r in rounds)})
json.dump({"results": results}, open(sys.argv[1], "w"), indent=1)
print("| command (alternating rounds) | wall, mean ± σ | runs | user | system |")
print("|---|---|---|---|---|")
for r in results:
    runs = ", ".join("%.2f" % t for t in r["times"])
    print("| %s | %.2f s ± %.2f | %s | %.1f s | %.1f s |" % (r["command"], r["mean"], r["stddev"], runs, r["user"],
                                                            r["system"]))
PY
  mean() { # mean N: mean seconds of the N-th command
    python3 -c "import json,sys; print('%.2f' % json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]['mean'])" \
      "$out/hyperfine.json" "$1"
  }
  zgrep_s=$(mean 0)
  index_s=$(mean 1)
  before_s=${before_cmd:+$(mean 2)}
else
  timed_mean() { # timed_mean PREPARE COMMAND: mean wall seconds of RUNS runs
    local total=0 start end
    for _ in $(seq "$runs"); do
      eval "$1"
      start=$(date +%s.%N)
      eval "$2" >/dev/null 2>&1
      end=$(date +%s.%N)
      total=$(echo "$total + $end - $start" | bc -l)
    done
    printf '%.2f' "$(echo "$total / $runs" | bc -l)"
  }
  zgrep_s=$(timed_mean true "$zgrep_cmd")
  index_s=$(timed_mean "rm -rf $out/data" "$index_cmd")
  before_s=${before_cmd:+$(timed_mean "rm -rf $out/data" "$before_cmd")}
fi
"$out/run-jar.sh" "$jar" index --timezone UTC --data "$out/data" "$corpus" | tail -1 # incremental: adds nothing

if [ -z "${SKIP_PROFILE:-}" ]; then
  log "profiling: JFR recording of one index run"
  rm -rf "$out/data"
  JVM_FLAGS="-XX:StartFlightRecording=filename=$out/index.jfr,settings=profile,jdk.Compilation#threshold=0ms" \
    "$out/run-jar.sh" "$jar" index --timezone UTC --data "$out/data" "$corpus" 2>/dev/null
  python3 benchmarks/jfr-summary.py "$out/index.jfr" "$jfr_bin"
  log "CPU seconds per thread group (IngestThreads, same code path in one JVM)"
  rm -rf "$out/data"
  "$java_bin" -Xmx256m -Dchronicle.analytics.disable=true --add-opens=java.base/java.lang=ALL-UNNAMED \
    --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
    --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED \
    --add-exports=java.base/sun.nio.ch=ALL-UNNAMED --add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED \
    --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED \
    --add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED \
    --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar org.smtptrail.benchmarks.IngestThreads \
    "$out/data" "$corpus" 2>/dev/null
fi
rm -rf "$out/data"
ratio=$(echo "$index_s / $zgrep_s" | bc -l)
printf 'RESULT index %s s (%.0f lines/s), zgrep -c %s s, index / zgrep = %.1f' "$index_s" \
  "$(echo "$count / $index_s" | bc -l)" "$zgrep_s" "$ratio"
[ -n "${before_s:-}" ] && printf ', before: index %s s (%.1f x zgrep)' "$before_s" "$(echo "$before_s / $zgrep_s" | bc -l)"
echo
