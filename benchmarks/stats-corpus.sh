#!/usr/bin/env bash
# The stats benchmark of issue 6: builds a three-format corpus (Postfix from PostfixCorpus, Xeams from
# benchmarks/xeams/generate_corpus.py, Axigen from benchmarks/axigen/generate_corpus.py; the older half of each
# server's files gzipped) outside the repository, indexes it with a 256 MB heap, runs `stats` and `trace --to` over
# it, and times `zgrep -c` of one recipient and pflogsumm over the same files. Prints every figure with the command
# that produced it, and compares the verdict counts of each part with its generator's expected.tsv.
#
# Usage: benchmarks/stats-corpus.sh [POSTFIX_LINES] [XEAMS_MESSAGES] [AXIGEN_MESSAGES] [OUT_DIR]
#   defaults: 10000000 Postfix lines (about 1.32 GB), 100000 Xeams messages (about 0.19 GB), 110000 Axigen
#   messages (about 0.52 GB), /tmp/smtptrail-corpus: about 2.03 GB in all
set -euo pipefail
cd "$(dirname "$0")/.."
postfix_lines=${1:-10000000}
xeams_messages=${2:-100000}
axigen_messages=${3:-110000}
out=${4:-/tmp/smtptrail-corpus}
case "$out" in "$PWD"/*) echo "the corpus must live outside the repository" >&2; exit 2 ;; esac
source scripts/find-java.sh
java_bin="$(find_java 21)"
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*"; }

rm -rf "$out"
parts=("$out/postfix" "$out/xeams" "$out/axigen") # one folder per server
mkdir -p "${parts[@]}"
log "building benchmarks.jar and the CLI"
mvn -B -q package -DskipTests -pl benchmarks -am
./smtptrail --version >/dev/null

log "generating $postfix_lines Postfix lines"
"$java_bin" -cp benchmarks/target/benchmarks.jar org.smtptrail.testkit.PostfixCorpus "$out/gen" "$postfix_lines"
total=$(wc -l <"$out/gen/mail.log")
# four rotated pieces, oldest first: mail.log.3.gz, mail.log.2.gz, mail.log.1, mail.log
split -l $(((total + 3) / 4)) -d -a 1 "$out/gen/mail.log" "$out/postfix/part"
mv "$out/postfix/part0" "$out/postfix/mail.log.3"
mv "$out/postfix/part1" "$out/postfix/mail.log.2"
mv "$out/postfix/part2" "$out/postfix/mail.log.1"
mv "$out/postfix/part3" "$out/postfix/mail.log"
mv "$out/gen/expected.tsv" "$out/postfix-expected.tsv"
rm -rf "$out/gen"

log "generating $xeams_messages Xeams messages"
python3 benchmarks/xeams/generate_corpus.py "$out/xeams" --messages "$xeams_messages" --seed 7
mv "$out/xeams/expected.tsv" "$out/xeams-expected.tsv"

log "generating $axigen_messages Axigen messages (host mx3)"
python3 benchmarks/axigen/generate_corpus.py "$out/gen" --messages "$axigen_messages" --seed 7 --host mx3
mv "$out/gen/expected.tsv" "$out/axigen-expected.tsv"
# two pieces, oldest first: everything.txt.1 (gzipped below), everything.txt
total=$(wc -l <"$out/gen/everything.txt")
head -n $(((total + 1) / 2)) "$out/gen/everything.txt" >"$out/axigen/everything.txt.1"
tail -n +$(((total + 1) / 2 + 1)) "$out/gen/everything.txt" >"$out/axigen/everything.txt"
rm -rf "$out/gen"

raw_bytes=$(find "${parts[@]}" -type f -exec cat {} + | wc -c)
raw_lines=$(find "${parts[@]}" -type f -exec cat {} + | wc -l)
log "gzipping the older half"
gzip "$out/postfix/mail.log.3" "$out/postfix/mail.log.2" "$out/axigen/everything.txt.1"
find "$out/xeams" -name '*.log.*' ! -name '*.gz' -exec gzip {} +
gz_raw=$(find "$out" -name '*.gz' -exec zcat {} + | wc -c)
disk_bytes=$(du -cb "${parts[@]}" | tail -1 | cut -f1)
# classic syslog has no year: date the files after the last line, as on a server
find "${parts[@]}" -type f -exec touch -d 2026-12-31T00:00:00Z {} +
echo "corpus: $raw_lines lines, $raw_bytes bytes uncompressed ($gz_raw of them in .gz files), $disk_bytes bytes on disk"
ls -l "${parts[@]}"

timed() { # timed NAME COMMAND...: runs it under /usr/bin/time -v, prints wall seconds and max RSS
  local name=$1; shift
  /usr/bin/time -v -o "$out/$name.time" "$@" >"$out/$name.out" 2>"$out/$name.err" || {
    cat "$out/$name.err" >&2; return 1; }
  printf '%-10s %8.1f s wall, max RSS %6d MB  (%s)\n' "$name" \
    "$(awk -F': ' '/Elapsed/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$out/$name.time")" \
    "$(($(awk -F': ' '/Maximum resident/ {print $2}' "$out/$name.time") / 1024))" "$*"
}

log "indexing with -Xmx256m"
export JAVA_TOOL_OPTIONS="-Xmx256m -Xlog:gc:file=$out/gc-index.log"
timed index ./smtptrail index --timezone UTC --data "$out/data" "${parts[@]}"
cat "$out/index.out"
echo "peak heap (largest heap before a GC): $(grep -o '[0-9]*M->' "$out/gc-index.log" | sed 's/M->//' | sort -n | tail -1) MB"
index_bytes=$(du -sb "$out/data" | cut -f1)
echo "data folder: $index_bytes bytes = $(awk -v a="$index_bytes" -v b="$raw_bytes" 'BEGIN {printf "%.1f", 100 * a / b}') % of raw"

export JAVA_TOOL_OPTIONS="-Xmx256m -Xlog:gc:file=$out/gc-stats.log"
timed stats ./smtptrail stats --data "$out/data" --by host --format json
cat "$out/stats.out"
echo "stats peak heap: $(grep -o '[0-9]*M->' "$out/gc-stats.log" | sed 's/M->//' | sort -n | tail -1) MB"

# each part's verdict counts (the stats run's JSON) against its generator's expected.tsv (column 3 is the verdict)
python3 - "$out" <<'PY'
import collections, json, sys
out = sys.argv[1]
hosts = {r["key"]: r for r in map(json.loads, open(out + "/stats.out")) if r["by"] == "host"}
xeams_host = next(h for h in hosts if h not in ("mx1", "mx3"))
for part, host in (("postfix", "mx1"), ("xeams", xeams_host), ("axigen", "mx3")):
    with open("%s/%s-expected.tsv" % (out, part)) as tsv:
        verdicts = (line.rstrip("\n").split("\t")[2] for line in tsv)
        expected = collections.Counter(v for v in verdicts if v != "verdict")  # the Xeams file has a header
    for verdict in sorted(set(expected) | {"HANDED_OVER", "DELIVERED_LOCALLY", "BOUNCED", "EXPIRED", "DEFERRED",
                                           "REJECTED", "UNKNOWN"}):
        ours = hosts[host][verdict.lower()]
        print("%-8s %-6s %-17s expected %9d  indexed %9d  %s" % (
            part, host, verdict, expected[verdict], ours, "equal" if ours == expected[verdict] else "DIFFERENT"))
PY

recipient=$(awk -F'\t' 'NR == 1000 {print $2}' "$out/postfix-expected.tsv")
export JAVA_TOOL_OPTIONS="-Xmx256m"
timed trace ./smtptrail trace --data "$out/data" --to "$recipient" --limit 0 --format json
echo "trace --to $recipient: $(wc -l <"$out/trace.out") rows"
unset JAVA_TOOL_OPTIONS
timed zgrep bash -c "zgrep -c -F '$recipient' $out/postfix/* $out/xeams/* $out/axigen/*"
echo "zgrep -c $recipient: $(awk -F: '{s += $NF} END {print s}' "$out/zgrep.out") lines"

if command -v pflogsumm >/dev/null 2>&1 || [ -x /usr/sbin/pflogsumm ]; then
  pflogsumm=$(command -v pflogsumm || echo /usr/sbin/pflogsumm)
  timed pflogsumm bash -c "zcat -f $out/postfix/mail.log.3.gz $out/postfix/mail.log.2.gz $out/postfix/mail.log.1 $out/postfix/mail.log | $pflogsumm"
  sed -n '/Grand Totals/,/recipient hosts/p' "$out/pflogsumm.out"
fi
log "done"
