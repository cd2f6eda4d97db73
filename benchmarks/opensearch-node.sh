#!/usr/bin/env bash
# A single OpenSearch node for benchmarks, on 127.0.0.1:PORT, from the distribution the build unpacks for the tests
# (org.opensearch.distribution.integ-test-zip; `mvn -B verify -pl modules/store-opensearch -am` unpacks it), 512 MB
# heap as in the tests unless HEAP says otherwise, started as nobody when run as root (OpenSearch refuses root).
# Prints the URL once healthy; stop it with: kill $(cat DIR/pid)
#
# Usage: [HEAP=2g] benchmarks/opensearch-node.sh [PORT] [DIR]   (defaults: 512m, 9250, /tmp/smtptrail-opensearch)
# A store of 10 M events wants more than the tests' 512 MB (the rows' aggregations and the events' terms): the
# serve benchmark of issue 28 ran with HEAP=2g.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/find-java.sh
port="${1:-9250}" dir="${2:-/tmp/smtptrail-opensearch}" heap="${HEAP:-512m}"
home="$(ls -d modules/store-opensearch/target/opensearch-dist/opensearch-* 2>/dev/null | head -1)"
[ -n "$home" ] || { echo "no unpacked distribution: run mvn -B verify -pl modules/store-opensearch -am first" >&2; exit 2; }
home="$(cd "$home" && pwd)"
rm -rf "$dir" && mkdir -p "$dir/config/jvm.options.d" "$dir/data" "$dir/logs" "$dir/tmp"
cp -r "$home/config/." "$dir/config/"
sed -e "s|logs/|$dir/logs/|g" -e "s|HeapDumpPath=data|HeapDumpPath=$dir/data|" \
    -e "s|-javaagent:agent/|-javaagent:$home/agent/|" "$home/config/jvm.options" >"$dir/config/jvm.options"
cat >"$dir/config/opensearch.yml" <<YAML
cluster.name: smtptrail-bench
node.name: bench-1
network.host: 127.0.0.1
http.port: $port
transport.port: $((port + 100))
path.data: $dir/data
path.logs: $dir/logs
cluster.routing.allocation.disk.threshold_enabled: false
discovery.type: single-node
YAML
run=()
if [ "$(id -u)" = 0 ]; then
  chown -R nobody:nogroup "$dir"
  chmod o+rx "$(dirname "$dir")"
  run=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi
export OPENSEARCH_PATH_CONF="$dir/config" OPENSEARCH_JAVA_HOME="$(dirname "$(dirname "$(find_java 21)")")"
export OPENSEARCH_JAVA_OPTS="-Xms$heap -Xmx$heap" OPENSEARCH_TMPDIR="$dir/tmp"
"${run[@]}" "$home/bin/opensearch" >"$dir/logs/stdout.log" 2>&1 &
echo $! >"$dir/pid"
for _ in $(seq 1 180); do
  if curl -fsS "http://127.0.0.1:$port/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1; then
    echo "http://127.0.0.1:$port"
    exit 0
  fi
  sleep 1
done
echo "the node did not come up; its log:" >&2
tail -40 "$dir/logs/stdout.log" >&2
exit 1
