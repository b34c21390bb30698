#!/usr/bin/env bash
# Pushes a frus-ld store to Oxigraph's own server (`oxigraph serve`: the
# `oxigraph` package on PyPI or the crate `oxigraph-cli`) through the Graph
# Store Protocol, then compares the number of graphs and triples on both
# sides. Not part of CI.
#
#   bash examples/push-to-oxigraph.sh [STORE]
#
# Without STORE, the example documents are loaded into a temporary store.
# FRUS_LD_BIN names a frus-ld binary to use instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v oxigraph >/dev/null 2>&1; then
  echo "needs the oxigraph command: pip install oxigraph (or cargo install oxigraph-cli)" >&2
  exit 1
fi
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/frus-ld/target}"
if [ -z "${FRUS_LD_BIN:-}" ]; then
  cargo build --release --quiet
fi
bin="${FRUS_LD_BIN:-$CARGO_TARGET_DIR/release/frus-ld}"
work="$(mktemp -d)"
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

store="${1:-}"
if [ -z "$store" ]; then
  store="$work/store"
  "$bin" load examples/frus-demo --volume frus1959v99 --store "$store" --quiet
fi

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
oxigraph serve --location "$work/oxigraph" --bind "127.0.0.1:$port" 2>"$work/oxigraph.log" &
pid=$!
for _ in $(seq 100); do
  curl -s -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.1
done
echo "oxigraph serve on 127.0.0.1:$port ($(oxigraph --version))"

"$bin" push --endpoint "http://127.0.0.1:$port/store" --store "$store"

q_graphs='SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }'
q_triples='SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }'
ours() { "$bin" query --store "$store" "$1" --format csv | tail -n 1 | tr -d '\r'; }
theirs() {
  curl -s -H 'Accept: text/csv' --data-urlencode "query=$1" "http://127.0.0.1:$port/query" | tail -n 1 | tr -d '\r'
}
status=0
for what in graphs triples; do
  q="q_$what"
  a="$(ours "${!q}")"
  b="$(theirs "${!q}")"
  if [ "$a" = "$b" ]; then
    echo "$what: $a in the frus-ld store, $b in Oxigraph: same"
  else
    echo "$what: $a in the frus-ld store, $b in Oxigraph: DIFFERENT"
    status=1
  fi
done
exit $status
