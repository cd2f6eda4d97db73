#!/usr/bin/env bash
# The serve benchmark of issue 14: starts `smtptrail serve` with a 512 MB heap over an existing index, runs ServeLoad
# against it (recipient lookups p50/p99 over many distinct recipients, 1 and 4 clients; trace --status DEFERRED
# --limit 100; stats over the whole index), and times one zgrep of a recipient and pflogsumm over the same logs.
# Prints every figure with the command behind it, the ratios the issue asks for, and the server's peak heap and RSS.
#
# Usage: benchmarks/serve-corpus.sh DATA_DIR LOG_DIR [REQUESTS] [PORT]
#   DATA_DIR  a data folder indexed from LOG_DIR (e.g. /tmp/smtptrail-corpus/data from stats-corpus.sh, or
#             benchmarks/corpus/query-10000000/data from TraceQueryBenchmark)
#   LOG_DIR   the logs (plain and .gz; searched recursively); Postfix logs give the recipients (to=<...>) and are
#             what pflogsumm reads; a file LOG_DIR/../*expected.tsv is not needed
#   REQUESTS  recipient lookups to time (default 2000, each a distinct recipient while there are enough)
#   PORT      default 18025
# LOAD_ONLY=1 stops after the load (no zgrep, no pflogsumm): for comparing two builds on one index, run it at each.
# STORE=URL serves from that store instead of the local one (issue 28: STORE=http://127.0.0.1:9250/big, a node of
# benchmarks/opensearch-node.sh indexed from LOG_DIR with `smtptrail index --store URL --data DATA_DIR LOG_DIR`);
# DATA_DIR is then the agent's own folder of that index run.
# NO_BUILD=1 uses the jars already built (another build may be running on the machine).
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:?usage: serve-corpus.sh DATA_DIR LOG_DIR [REQUESTS] [PORT]}
logs=${2:?usage: serve-corpus.sh DATA_DIR LOG_DIR [REQUESTS] [PORT]}
requests=${3:-2000}
port=${4:-18025}
source scripts/find-java.sh
java_bin="$(find_java 21)"
work=$(mktemp -d /tmp/smtptrail-serve-bench.XXXXXX)
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*"; }

if [ "${NO_BUILD:-0}" != 1 ]; then
  log "building benchmarks.jar and the CLI"
  mvn -B -q package -DskipTests -pl benchmarks -am
fi
./smtptrail --version >/dev/null
store=(${STORE:+--store "$STORE"})

mapfile -t files < <(find "$logs" -type f | sort)
log "sampling $requests distinct recipients from ${#files[@]} log files"
# every to=<...> of the Postfix logs, spread over the whole corpus, shuffled with a fixed seed
zcat -f "${files[@]}" | grep -o 'to=<[^>]*@[^>]*>' | sed 's/^to=<//; s/>$//' | sort -u \
  | shuf -n "$requests" --random-source=<(yes) >"$work/recipients.txt" || true
echo "recipients: $(wc -l <"$work/recipients.txt") in $work/recipients.txt"

log "starting serve with -Xmx512m on 127.0.0.1:$port${STORE:+, store $STORE}"
# after the launcher's own flags (its -Xlog:disable would turn a GC log of JAVA_TOOL_OPTIONS off)
SMTPTRAIL_JAVA_OPTS="-Xmx512m -Xlog:gc:file=$work/gc-serve.log" \
  ./smtptrail serve "${store[@]}" --data "$data" --port "$port" >"$work/serve.out" 2>"$work/serve.err" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  grep -q '^serving' "$work/serve.out" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
  sleep 0.1
done
cat "$work/serve.out"
echo "index: $(curl -s "http://127.0.0.1:$port/metrics" | grep '^smtptrail_index_events ')"

log "load: ServeLoad http://127.0.0.1:$port $work/recipients.txt $requests 4"
"$java_bin" -cp benchmarks/target/benchmarks.jar org.smtptrail.benchmarks.ServeLoad \
  "http://127.0.0.1:$port" "$work/recipients.txt" "$requests" 4 | tee "$work/load.out"
echo "server peak heap (largest heap before a GC): $(grep -o '[0-9]*M->' "$work/gc-serve.log" | sed 's/M->//' \
  | sort -n | tail -1) MB of 512; max RSS $(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$server/status") MB"
kill "$server"
wait "$server" 2>/dev/null || true
trap - EXIT

if [ "${LOAD_ONLY:-0}" = 1 ]; then
  echo "(LOAD_ONLY: no zgrep, no pflogsumm; work files in $work)"
  exit 0
fi

recipient=$(head -1 "$work/recipients.txt")
log "zgrep -c -F '$recipient' over the logs"
start=$(date +%s.%N)
zgrep -c -F "$recipient" "${files[@]}" >"$work/zgrep.out" || true
zgrep_s=$(echo "$(date +%s.%N) - $start" | bc)
echo "zgrep: $zgrep_s s, $(awk -F: '{s += $NF} END {print s}' "$work/zgrep.out") lines"

pflogsumm_s=""
if command -v pflogsumm >/dev/null 2>&1 || [ -x /usr/sbin/pflogsumm ]; then
  pflogsumm=$(command -v pflogsumm || echo /usr/sbin/pflogsumm)
  log "pflogsumm over the logs (oldest first)"
  start=$(date +%s.%N)
  mapfile -t oldest_first < <(ls -tr "${files[@]}")
  zcat -f "${oldest_first[@]}" | "$pflogsumm" >"$work/pflogsumm.out" 2>/dev/null || true
  pflogsumm_s=$(echo "$(date +%s.%N) - $start" | bc)
  echo "pflogsumm: $pflogsumm_s s"
fi

figure() { awk -v key="$1" -v col="$2" '$1 == "figure" && $2 == key {print $col}' "$work/load.out"; }
p50=$(figure lookup-1 3)
p99=$(figure lookup-1 5)
p99_4=$(figure lookup-4 5)
stats_p50=$(figure stats 3)
deferred_max=$(figure deferred-100 6)
echo
echo "== issue 14 figures =="
echo "recipient lookup through the server: p50 $p50 ms, p99 $p99 ms; 4 clients p99 $p99_4 ms (goal p99 <= 20 ms)"
echo "zgrep / lookup p50: $(echo "scale=0; $zgrep_s * 1000 / $p50" | bc)x, p99: $(echo "scale=0; $zgrep_s * 1000 / $p99" \
  | bc)x (goal >= 1000x)"
echo "trace --status DEFERRED --limit 100: max $deferred_max ms (goal <= 1000 ms)"
echo "stats over the whole index: median $stats_p50 ms (goal <= 1000 ms)"
[ -n "$pflogsumm_s" ] && echo "pflogsumm / stats: $(echo "scale=1; $pflogsumm_s * 1000 / $stats_p50" | bc)x (goal >= 10x)"
echo "(work files in $work)"
