#!/usr/bin/env bash
# Same answers from two builds: indexes every sample folder with each jar given (the first is the reference) and
# compares, byte for byte, what the query commands print: every row with its evidence (trace --format json), every
# breakdown of stats, a trace per recipient and per domain pattern, and every message's lines (events). For a refactor
# that must change nothing a user sees (the store contract of issue 28 was checked with it).
#
# Usage: scripts/same-answers.sh REFERENCE.jar OTHER.jar [WORK_DIR]   (build: mvn -B -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/find-java.sh
java_bin="$(find_java 21)"
flags=($(sed -n 's:.*<chronicle.jvm.flags>\(.*\)</chronicle.jvm.flags>.*:\1:p' pom.xml))
reference="$1" other="$2" work="${3:-$(mktemp -d)}"

answers() { # JAR OUT: index the samples into a fresh data folder, then write every answer under OUT
  local jar="$1" out="$2" data="$2/data"
  run() { "$java_bin" "${flags[@]}" -jar "$jar" "$@" --data "$data" 2> >(grep -v "^WARNING" >&2); }
  mkdir -p "$out"
  for samples in sample-logs/*/; do
    run index "$samples" >/dev/null
  done
  run trace --limit 0 --format json >"$out/trace.jsonl"
  for by in "" domain relay category verdict host; do
    run stats ${by:+--by "$by"} --format json >"$out/stats-${by:-totals}.json"
  done
  # recipients and domains, exact and as patterns, and messages' lines: a spread of each (a JVM starts per query)
  python3 - "$out/trace.jsonl" >"$out/queries.txt" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
def spread(values, most=25):
    values = sorted(values)
    return values if len(values) <= most else values[::len(values) // most + 1]
to = spread({r["recipient"] for r in rows if r.get("recipient")})
domains = spread({a.split("@")[-1] for a in to if "@" in a}, 10)
keys = spread({r["key"] for r in rows})
for a in to: print("to", a)
for d in domains: print("to", "@" + d); print("to", "*" + d[-4:]); print("domain", d)
for k in keys: print("key", k)
PY
  while read -r what value; do
    case "$what" in
      to) run trace --limit 0 --format json --to "$value" ;;
      domain) run trace --limit 0 --format json --domain "$value" ;;
      key) run events "$value" ;;
    esac
    echo "== $what $value"
  done <"$out/queries.txt" >"$out/answers.txt"
}

answers "$reference" "$work/reference"
answers "$other" "$work/other"
status=0
for file in trace.jsonl stats-totals.json stats-domain.json stats-relay.json stats-category.json stats-verdict.json \
    stats-host.json queries.txt answers.txt; do
  if cmp -s "$work/reference/$file" "$work/other/$file"; then
    echo "same     $file ($(wc -l <"$work/reference/$file") lines)"
  else
    echo "DIFFERS  $file"; diff "$work/reference/$file" "$work/other/$file" | head -20; status=1
  fi
done
exit $status
