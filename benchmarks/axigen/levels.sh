#!/usr/bin/env bash
# Right-verdict rate of smtptrail on one generated Axigen corpus written at both log levels (issue 15): protocol
# (every line) and Axigen's shipped default (level 15: no "<<"/">>" conversation lines). Same messages, ids and times
# at both levels; each level is indexed into its own data folder and compared with the generator's expected.tsv by
# compare_levels.py.
#
#   benchmarks/axigen/levels.sh [MESSAGES] [OUT_DIR]     (defaults: 1500 /tmp/smtptrail-axigen-levels)
#
# The corpus: generate_corpus.py --seed 7 --deferred-share 0.03 (3 % of the relayed recipients end DEFERRED).
# SMTPTRAIL=/path/to/launcher measures another build (default: this checkout's ./smtptrail).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
smtptrail="${SMTPTRAIL:-$root/smtptrail}"
messages="${1:-1500}"
out="${2:-/tmp/smtptrail-axigen-levels}"
rm -rf "$out"
for level in protocol default; do
  python3 "$here/generate_corpus.py" "$out/$level" --messages "$messages" --seed 7 --deferred-share 0.03 \
    --level "$level"
  "$smtptrail" index --timezone UTC --data "$out/$level/data" "$out/$level/everything.txt" \
    >"$out/$level/index.txt"
  "$smtptrail" trace --data "$out/$level/data" --format json --limit 0 >"$out/$level/trace.jsonl"
  echo "$level: $(wc -l <"$out/$level/everything.txt") lines; $(head -1 "$out/$level/index.txt")"
done
python3 "$here/compare_levels.py" "$out"
