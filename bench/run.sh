#!/usr/bin/env bash
# Benchmarks of frus-ld side by side with the tools a user would otherwise
# pick, in one run on one machine; prints Markdown tables to standard output
# (docs/benchmarks.md holds a run's results).
#
#   bench/run.sh                      # sizes 1000 10000 100000
#   SIZES="1000 10000" bench/run.sh   # a shorter run
#   DENSE=1 bench/run.sh              # the denser generated corpus of sections 1-10 of docs/benchmarks.md
#
# Peers: Oxigraph's command-line tool (`oxigraph load`, `oxigraph serve`;
# the `oxigraph` package on PyPI ships the same binary as the crate
# oxigraph-cli), pyoxigraph's bulk load, and rdflib for queries. All are
# installed with pip when missing. Needs /usr/bin/time (Debian: time).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SIZES=${SIZES:-"1000 10000 100000"}
RUNS=${RUNS:-20}
# both endpoints stop a query after this many seconds (it is then reported
# as ">N ms", HTTP 503)
QUERY_TIMEOUT=${QUERY_TIMEOUT:-30}
export BUDGET=${BUDGET:-$QUERY_TIMEOUT}
WORK=${WORK:-$(mktemp -d)}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/frus-ld/target}"
cargo build --release --quiet --bin frus-ld --example gen-corpus
BIN="$CARGO_TARGET_DIR/release/frus-ld"
GEN="$CARGO_TARGET_DIR/release/examples/gen-corpus"
command -v oxigraph >/dev/null || python3 -m pip install --quiet oxigraph
python3 -c "import pyoxigraph" 2>/dev/null || python3 -m pip install --quiet pyoxigraph
python3 -c "import rdflib" 2>/dev/null || python3 -m pip install --quiet rdflib
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

# measure NAME CMD...: wall seconds and peak resident memory (MB) into $SECS $MB
measure() {
  local name=$1; shift
  sync
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || {
    echo "bench: $name failed:" >&2; tail -5 "$WORK/$name.err" >&2; exit 1; }
  read -r SECS KB <"$WORK/time"
  MB=$((KB / 1024))
}
# bytes of the documents (one web form each) under a folder
input_bytes() { find "$1" -name 'd*.alt.txt' -printf '%s\n' | awk '{s += $1} END {print s}'; }
# which sections to run (ONLY="1 4" runs conversion and scaling)
ONLY=${ONLY:-"1 2 3 4"}
want() { [[ " $ONLY " == *" $1 "* ]]; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
mbs() { python3 -c "print(f'{$1 / 1e6 / $2:.2f}')"; }

echo "# frus-ld benchmarks, $(date -u +%Y-%m-%d)"
echo
echo "- generated corpus: $([ -n "${DENSE:-}" ] && echo "dense (--dense)" || echo "shaped like the real documents")"
echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GB"
echo "- frus-ld $("$BIN" --version | cut -d' ' -f2), $(oxigraph --version), pyoxigraph $(python3 -c 'import pyoxigraph; print(pyoxigraph.__version__)'), rdflib $(python3 -c 'import rdflib; print(rdflib.__version__)'), $(rustc --version | cut -d' ' -f1-2)"
echo

# the generated documents are shaped like the real ones (tests/scale.rs);
# DENSE=1 generates the denser corpus of the earlier runs instead
GEN_ARGS=()
[ -n "${DENSE:-}" ] && GEN_ARGS=(--dense)
for n in $SIZES; do
  [ -d "$WORK/corpus-$n" ] || "$GEN" --docs "$n" --seed 1 "${GEN_ARGS[@]}" --out "$WORK/corpus-$n" 2>/dev/null
done
LARGEST=$(echo $SIZES | tr ' ' '\n' | sort -n | tail -1)
SMALLEST=$(echo $SIZES | tr ' ' '\n' | sort -n | head -1)
# conversion and loading peers run on the 10k corpus (or the largest below it)
MID=$(echo $SIZES | tr ' ' '\n' | sort -n | awk '$1 <= 10000' | tail -1)
MID=${MID:-$SMALLEST}
CORPUS="$WORK/corpus-$MID"
BYTES=$(input_bytes "$CORPUS")

if want 1; then
echo "## 1. Conversion ($MID generated documents, $(mbs "$BYTES" 1) MB of input, one web form each)"
echo
echo "Written to the disk, and to a RAM disk (\`/dev/shm\`), which leaves the"
echo "conversion's own cost: the N-Quads of a document are about 65 times its text."
echo
echo "| output | written to | 1 thread MB/s | 1 thread docs/s | $(nproc) threads MB/s | $(nproc) threads docs/s | speed-up |"
echo "|---|---|---:|---:|---:|---:|---:|"
OUTS=("$WORK/out")
[ -d /dev/shm ] && [ -w /dev/shm ] && OUTS+=("/dev/shm/frus-ld-bench-out")
# conversion_row CORPUS BYTES DOCS OUT SPEC: one table row, the corpus
# converted to OUT on 1 thread and on all cores (SPEC: the formats of --to,
# then any other options)
conversion_row() {
  local corpus=$1 bytes=$2 docs=$3 out=$4 spec=$5 t where
  local to=${spec%% *} extra=()
  [[ $spec == *" "* ]] && extra=("${spec#* }")
  where=disk; [[ $out == /dev/shm/* ]] && where="RAM disk"
  local row="| $spec | $where"
  local -A secs=()
  for t in 1 "$(nproc)"; do
    rm -rf "$out"
    measure "convert-$t" env RAYON_NUM_THREADS=$t "$BIN" convert "$corpus" --to "$to" -o "$out" --quiet "${extra[@]}"
    secs[$t]=$SECS
    row="$row | $(mbs "$bytes" "$SECS") | $(python3 -c "print(round($docs / $SECS))")"
  done
  rm -rf "$out"
  echo "$row | $(ratio "${secs[1]}" "${secs[$(nproc)]}")× |"
}
for spec in tei nquads tei,nquads "tei,nquads --no-annotations"; do
  for out in "${OUTS[@]}"; do
    conversion_row "$CORPUS" "$BYTES" "$MID" "$out" "$spec"
  done
done
SHARED="$ROOT/../shared/corpus/frus1958-60v18"
if [ -f "$SHARED/d1.txt" ]; then
  # the real documents of the shared corpus, each given many times under
  # new numbers (file and heading), in volumes of a real volume's size (its lists of persons
  # and abbreviations with each); made here, never kept
  REAL="$WORK/real"
  if [ ! -d "$REAL" ]; then
    docs=("$SHARED"/d[0-9]*.txt); docs=("${docs[@]/*.alt.txt/}")
    for v in $(seq 1 10); do
      vol="$REAL/frus1958-60v$((100 + v))"; mkdir -p "$vol"
      cp "$SHARED"/persons.tsv "$SHARED"/terms.tsv "$vol"/ 2>/dev/null || true
      n=0
      for k in $(seq 1 20); do for f in "${docs[@]}"; do
        # the heading's number too, so that every copy is a document of its own
        [ -n "$f" ] || continue; n=$((n + 1)); sed "1s/^[0-9]\+\./$n./" "$f" >"$vol/d$n.txt"
      done; done
    done
  fi
  RBYTES=$(find "$REAL" -name 'd*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')
  RDOCS=$(find "$REAL" -name 'd*.txt' | wc -l)
  echo
  echo "The real documents of the shared corpus, each given 20 times under new numbers, in 10 volumes of $((RDOCS / 10)) ($RDOCS documents, $(mbs "$RBYTES" 1) MB; each is about twice as long as a generated one, with fewer mentions a byte):"
  echo
  echo "| output | written to | 1 thread MB/s | 1 thread docs/s | $(nproc) threads MB/s | $(nproc) threads docs/s | speed-up |"
  echo "|---|---|---:|---:|---:|---:|---:|"
  for spec in tei tei,nquads; do
    conversion_row "$REAL" "$RBYTES" "$RDOCS" "${OUTS[-1]}" "$spec"
  done
fi
REF="$SHARED/d11.txt"
[ -f "$REF" ] || REF="$ROOT/examples/frus-demo/d2.txt"
measure ref "$BIN" convert "$REF" --to tei --volume frus1958-60v18
echo
echo "The reference document ($(basename "$REF")) alone, as one command (process start included): ${SECS} s. In-process latency: \`cargo bench --bench convert\`."
echo

fi

if want 2; then
echo "## 2. Loading the same N-Quads file ($MID documents)"
echo
rm -rf "$WORK/out"
"$BIN" convert "$CORPUS" --to nquads -o "$WORK/out" --quiet 2>/dev/null
find "$WORK/out" -name '*.nq' | sort | xargs cat >"$WORK/all.nq"
QUADS=$(wc -l <"$WORK/all.nq")
echo "$QUADS quads, $(mbs "$(stat -c %s "$WORK/all.nq")" 1) MB."
echo
echo "| loader | seconds | quads/s | peak MB | rate vs oxigraph load |"
echo "|---|---:|---:|---:|---:|"
rm -rf "$WORK/s-ox"
measure ox oxigraph load --location "$WORK/s-ox" --file "$WORK/all.nq"
OX=$SECS; OXMB=$MB
rm -rf "$WORK/s-fl"
measure fl "$BIN" load "$WORK/all.nq" --store "$WORK/s-fl" --quiet
FL=$SECS; FLMB=$MB
rm -rf "$WORK/s-py"
measure py python3 -c "import pyoxigraph as o, sys; s = o.Store(sys.argv[1]); s.bulk_load(path=sys.argv[2], format=o.RdfFormat.N_QUADS); s.flush()" "$WORK/s-py" "$WORK/all.nq"
PY=$SECS; PYMB=$MB
echo "| oxigraph load (CLI) | $OX | $(python3 -c "print(round($QUADS / $OX))") | $OXMB | 1.00 |"
echo "| frus-ld load | $FL | $(python3 -c "print(round($QUADS / $FL))") | $FLMB | $(ratio "$OX" "$FL") |"
echo "| pyoxigraph bulk_load | $PY | $(python3 -c "print(round($QUADS / $PY))") | $PYMB | $(ratio "$OX" "$PY") |"
echo

rm -rf "$WORK/s-ox" "$WORK/s-fl" "$WORK/s-py" "$WORK/all.nq" "$WORK/out"
fi

if want 4; then
echo "## 4. Scaling: convert and load (text in, store out)"
echo
echo "| documents | annotations | input MB | seconds | docs/s | peak MB | store MB |"
echo "|---:|---|---:|---:|---:|---:|---:|"
for n in $SIZES; do
  in=$(input_bytes "$WORK/corpus-$n")
  # without the annotations of mentions first, into a store of its own
  rm -rf "$WORK/store-lean"
  measure "load-lean-$n" "$BIN" load "$WORK/corpus-$n" --store "$WORK/store-lean" --quiet --no-annotations
  echo "| $n | no | $(mbs "$in" 1) | $SECS | $(python3 -c "print(round($n / $SECS))") | $MB | $(du -sm "$WORK/store-lean" | cut -f1) |"
  rm -rf "$WORK/store-lean"
  # the default, whose store the queries below use
  rm -rf "$WORK/store-$n"
  measure "load-$n" "$BIN" load "$WORK/corpus-$n" --store "$WORK/store-$n" --quiet
  echo "| $n | yes | $(mbs "$in" 1) | $SECS | $(python3 -c "print(round($n / $SECS))") | $MB | $(du -sm "$WORK/store-$n" | cut -f1) |"
done
echo

fi

if want 3; then
echo "## 3. Query latency (ms, median / 95th percentile of $RUNS runs, fewer past ${BUDGET} s; \">\" a query stopped at the endpoints' limit of ${QUERY_TIMEOUT} s)"
echo
Q=("$ROOT"/examples/queries/*.rq)
serve_times() { # store label: frus-ld serve then oxigraph serve-read-only, same store
  local port=7971
  "$BIN" serve --store "$1" --bind 127.0.0.1:$port --max-results 10000000 --timeout "$QUERY_TIMEOUT" 2>/dev/null &
  local pid=$!
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/query" && break; sleep 0.2; done
  python3 "$ROOT/bench/queries.py" http "http://127.0.0.1:$port/query" "$RUNS" "${Q[@]}" >"$WORK/q-fl-$2"
  kill $pid; wait $pid 2>/dev/null || true
  oxigraph serve-read-only --location "$1" --bind 127.0.0.1:$port --union-default-graph --timeout-s "$QUERY_TIMEOUT" 2>/dev/null &
  pid=$!
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/query" && break; sleep 0.2; done
  python3 "$ROOT/bench/queries.py" http "http://127.0.0.1:$port/query" "$RUNS" "${Q[@]}" >"$WORK/q-ox-$2"
  kill $pid; wait $pid 2>/dev/null || true
}
serve_times "$WORK/store-$SMALLEST" small
oxigraph dump --location "$WORK/store-$SMALLEST" --file "$WORK/small.nq" 2>/dev/null
python3 "$ROOT/bench/queries.py" rdflib "$WORK/small.nq" "$RUNS" "${Q[@]}" >"$WORK/q-rdflib" 2>&1
if [ "$LARGEST" != "$SMALLEST" ]; then serve_times "$WORK/store-$LARGEST" large; fi
python3 - "$WORK" "$SMALLEST" "$LARGEST" <<'EOF'
import sys
work, small, large = sys.argv[1:]
def read(name):
    try:
        rows = [l.split("\t") for l in open(f"{work}/{name}") if not l.startswith("#")]
    except FileNotFoundError:
        return {}
    return {r[0]: r[1:] for r in rows if len(r) == 4}
cols = [("q-fl-small", f"frus-ld serve, {small} docs"), ("q-ox-small", f"oxigraph serve, {small} docs"),
        ("q-rdflib", f"rdflib, {small} docs")]
if large != small:
    cols += [("q-fl-large", f"frus-ld serve, {large} docs"), ("q-ox-large", f"oxigraph serve, {large} docs")]
data = {c: read(c) for c, _ in cols}
print("| query | " + " | ".join(l for _, l in cols) + " | rows |")
print("|---|" + "---:|" * (len(cols) + 1))
for q in sorted(data[cols[0][0]]):
    cells = []
    for c, _ in cols:
        r = data[c].get(q)
        cells.append(f"{r[0]} / {r[1]}" if r else "–")
    # the rows of the largest store that answered in time
    answered = [data[c][q][2].strip() for c, _ in cols if q in data[c] and not data[c][q][2].startswith(("HTTP", "stopped"))]
    rows = answered[-1] if answered else "–"
    print(f"| {q} | " + " | ".join(cells) + f" | {rows} |")
EOF
echo
fi
echo "(work files in $WORK)" >&2
