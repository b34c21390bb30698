#!/usr/bin/env bash
# The main job on a fresh machine: build frus-ld, convert an example FRUS
# document to TEI and RDF, load the examples into a store and ask it who
# wrote to whom.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! dpkg -s libclang-dev >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libclang-dev clang >/dev/null
fi
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/frus-ld/target}"
cargo build --release --quiet
bin="$CARGO_TARGET_DIR/release/frus-ld"
out="$(mktemp -d)"
"$bin" convert examples/frus-demo/d2.alt.txt --to tei -o "$out/d2.tei.xml"
"$bin" convert examples/frus-demo/d2.alt.txt --to turtle -o "$out/d2.ttl"
echo "wrote $out/d2.tei.xml and $out/d2.ttl"
"$bin" load examples/frus-demo --volume frus1959v99 --store "$out/store"
"$bin" query -f examples/queries/who-wrote-to-whom.rq --store "$out/store"
