#!/usr/bin/env bash
# CPU seconds of one `index --store` run into a benchmark node, split between the agent and the node: on a shared
# machine these say more than wall times (benchmarks/RESULTS.md, "Where the OpenSearch store's ingest time goes").
#
# Usage: benchmarks/opensearch-ingest-cpu.sh LOG PREFIX [SETTINGS_JSON]
#   LOG            the log to index (e.g. a PostfixCorpus file)
#   PREFIX         the store's index prefix (its indices and templates are deleted first)
#   SETTINGS_JSON  index settings merged into both templates before the run, e.g. '{"refresh_interval":"30s"}'
# Environment: JAR (default modules/cli/target/smtptrail.jar), PORT (9250), NODE_DIR (/tmp/smtptrail-opensearch: the
# folder benchmarks/opensearch-node.sh was given, for the node's pid). Needs curl and jq.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/find-java.sh
java_bin="$(find_java 21)"
log=${1:?usage: opensearch-ingest-cpu.sh LOG PREFIX [SETTINGS_JSON]} prefix=${2:?prefix} settings=${3:-}
jar=${JAR:-modules/cli/target/smtptrail.jar} port=${PORT:-9250} node_dir=${NODE_DIR:-/tmp/smtptrail-opensearch}
url="http://127.0.0.1:$port" data=$(mktemp -d /tmp/smtptrail-ingest-cpu.XXXXXX)
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; } # utime + stime, in clock ticks
curl -s -XDELETE "$url/$prefix-*" >/dev/null
curl -s -XDELETE "$url/_index_template/$prefix-*" >/dev/null
"$java_bin" -jar "$jar" store init --store "$url/$prefix" --replicas 0 >/dev/null
if [ -n "$settings" ]; then
  for kind in events rows; do
    curl -s "$url/_index_template/$prefix-$kind" \
      | jq ".index_templates[0].index_template | .template.settings.index += $settings" \
      | curl -s -XPUT -H 'Content-Type: application/json' "$url/_index_template/$prefix-$kind" -d @- >/dev/null
  done
fi
node=$(cat "$node_dir/pid")
ticks=$(getconf CLK_TCK)
before=$(cpu "$node") start=$(date +%s.%N)
/usr/bin/time -f "%U %S" -o "$data/agent.time" "$java_bin" -Xmx256m -jar "$jar" index --timezone UTC \
  --store "$url/$prefix" --data "$data/agent" "$log" >/dev/null
end=$(date +%s.%N) after=$(cpu "$node")
read -r user system <"$data/agent.time"
printf 'wall %.1f s, agent CPU %.1f s, node CPU %.1f s, on disk %s bytes\n' "$(echo "$end - $start" | bc)" \
  "$(echo "$user + $system" | bc)" "$(echo "($after - $before) / $ticks" | bc -l)" \
  "$(curl -s "$url/_cat/indices/$prefix-*?h=store.size&bytes=b" | awk '{t += $1} END {print t}')"
rm -rf "$data"
