#!/usr/bin/env bash
# Issue 23: what typed filters cost `smtptrail serve`. Starts the given jar's serve over an existing data folder (no
# heap flag unless JVM_FLAGS has one: the JVM's default, a quarter of the machine's memory, as the launcher gave
# serve before), sends runs of stars and the other texts below to /api/trace and /api/check one after the other, and
# prints for each: HTTP status, seconds, the server's RSS high-water mark and its largest heap before a GC so far,
# and the start of the answer. The last request is a normal check: is the server still answering, and right?
#
# Usage: benchmarks/pattern-probe.sh JAR DATA_DIR [PORT]
#   JAR       modules/cli/target/smtptrail.jar, or an older build's jar to compare
#   DATA_DIR  e.g. made by: ./smtptrail index --config sample-logs/smtptrail.yaml --data /tmp/sample-data
#   PORT      default 18431
# STARS="1000 5000" limits the runs of stars (default 1000 5000 10000 20000; 20,000 took minutes and 6 GB before).
set -uo pipefail
jar=${1:?usage: pattern-probe.sh JAR DATA_DIR [PORT]}
data=${2:?usage: pattern-probe.sh JAR DATA_DIR [PORT]}
port=${3:-18431}
cd "$(dirname "$0")/.."
source scripts/find-java.sh
java_bin="$(find_java 21)"
work=$(mktemp -d /tmp/smtptrail-pattern-probe.XXXXXX)
# shellcheck disable=SC2086
"$java_bin" -Dchronicle.analytics.disable=true -Xlog:disable -Xlog:all=warning:stderr \
  --sun-misc-unsafe-memory-access=allow -Xlog:gc:file="$work/gc.log" ${JVM_FLAGS:-} \
  -jar "$jar" serve --data "$data" --port "$port" >"$work/serve.out" 2>"$work/serve.err" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  grep -q '^serving' "$work/serve.out" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
  sleep 0.1
done
base="http://127.0.0.1:$port"
repeat() { printf '%*s' "$2" '' | sed "s/ /$1/g"; } # TEXT N: TEXT N times (no '&' or '\' in TEXT)

ask() { # LABEL PATH_AND_QUERY
  local start end status rss heap
  rm -f "$work/body"
  start=$(date +%s.%N)
  status=$(curl -s -o "$work/body" -w '%{http_code}' --max-time 600 "$base$2")
  end=$(date +%s.%N)
  rss=$(awk '/VmHWM/ {print int($2 / 1024) " MB"}' "/proc/$server/status" 2>/dev/null || echo "(server gone)")
  heap=$(grep -o '[0-9]*M->' "$work/gc.log" | sed 's/M->//' | sort -n | tail -1)
  printf '%-34s %s %8.2f s  max RSS %-8s  peak heap %5s MB  %s\n' "$1" "$status" "$(echo "$end - $start" | bc)" \
    "$rss" "${heap:-0}" "$(head -c 100 "$work/body" 2>/dev/null || echo '(no answer)')"
}

ask "check (warm-up)" "/api/check?to=quinn@tempfail.example.net"
for n in ${STARS:-1000 5000 10000 20000}; do
  ask "to= ${n} x '*' then @x" "/api/trace?to=$(repeat '*' "$n")@x"
done
ask "to= 5000 x 'a*' then b" "/api/trace?to=$(repeat 'a*' 5000)b"
ask "to= *a then 40 x '?'" "/api/trace?to=*a$(repeat '%3F' 40)"
ask "from= 17 x 'a*' then @x" "/api/trace?from=$(repeat 'a*' 17)@x"
ask "to= 20000 pairs of <>" "/api/trace?to=$(repeat '%3C' 20000)a@b$(repeat '%3E' 20000)"
ask "domain= 100000 characters" "/api/trace?domain=$(repeat a 100000)"
ask "message_id= 100000 characters" "/api/trace?message_id=$(repeat a 100000)"
ask "id= 100000 characters" "/api/trace?id=$(repeat a 100000)"
ask "check after" "/api/check?to=quinn@tempfail.example.net"
grep -h -m 3 -E 'OutOfMemoryError|Exception' "$work/serve.err" | cut -c 1-160
echo "(server output in $work)"
