#!/usr/bin/env bash
# Where the edges a volume run found after its corpus loaded lie in the source: reads the run's log
# (volume.sh passes `-print_pcs=1`, so libFuzzer logs each new edge's address), turns the addresses
# into source places with the binary's debug information (addr2line) and sorts them into kinds by
# the innermost frame, since an edge inside code inlined into many callers is a new edge at each:
#
#   drop glue      `drop_in_place` of a value (or what it calls), inlined where the value is dropped
#                  (often an error path dropping what a reader had built so far)
#   std            the standard library or hashbrown, inlined into our code
#   quick-xml      quick-xml (the infoset check's parser)
#   runtime        this crate's src/
#   generated      generated code (generated/, tests/generator-features)
#
#   fuzz/late-edges.sh TARGET [-v]
#
# Prints one line per kind (edges, and the execution at which the last came); `-v` also lists every
# edge with its execution count, innermost function and outermost caller.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: late-edges.sh TARGET [-v]}
verbose=${2:-}
host=$(rustc -vV | sed -n 's/^host: //p')
bin=${CARGO_TARGET_DIR:-target}/$host/release/$target
log=corpus/$target.log
[ -x "$bin" ] && [ -f "$log" ] || { echo "late-edges.sh: need $bin and $log" >&2; exit 2; }

# The binary is position-independent: the load address is where libFuzzer found the PC table
# minus the table's address in the file.
loaded=$(grep -aoE 'PC tables \([0-9]+ PCs\): [0-9]+ \[0x[0-9a-f]+' "$log" | grep -oE '0x[0-9a-f]+$')
in_file=$(readelf -SW "$bin" | awk '{ for (i = 1; i < NF; i++) if ($i == "__sancov_pcs") print $(i + 2) }')
base=$((loaded - 0x$in_file))

# "ADDRESS EXECUTION" for each edge logged after INITED; an edge's execution is that of the status
# line that follows it.
awk -v base="$base" '
  /INITED/ { inited = 1; next }
  inited && /NEW_PC: 0x/ { match($0, /0x[0-9a-f]+/); pending[n++] = substr($0, RSTART, RLENGTH); next }
  inited && /^#[0-9]+/ && n { for (i = 0; i < n; i++) print pending[i], substr($1, 2); n = 0 }
' "$log" | while read -r pc execs; do
  printf '0x%x %s\n' $((pc - base)) "$execs"
done > "$log.late"

if [ ! -s "$log.late" ]; then
  echo "$target: no new edge after the corpus loaded"
  exit 0
fi

# addr2line -a -f -i prints, per address: the address, then function and file:line per frame,
# innermost first.
cut -d' ' -f1 "$log.late" | addr2line -a -f -C -i -e "$bin" | awk -v list="$verbose" '
  FNR == NR { execs[NR] = $2; next }
  function flush() {
    if (!k) return
    file = place[1]; fn = func[1]; dropping = 0
    for (i = 1; i <= k; i++) if (func[i] ~ /^core::ptr::drop_in_place/) dropping = 1
    if (dropping) kind = "drop glue"
    else if (file ~ /generated/) kind = "generated"
    else if (file ~ /quick-xml/ || fn ~ /^(<)?quick_xml/) kind = "quick-xml"
    else if (file ~ /^\/rustc\// || file ~ /hashbrown/) kind = "std"
    else if (file ~ /\/src\//) kind = "runtime"
    else kind = "other"
    count[kind]++; last[kind] = execs[e]
    if (list == "-v") printf "%12s  %-10s %s  %s  <- %s\n", execs[e], kind, file, substr(fn, 1, 60), substr(func[k], 1, 60)
    k = 0
  }
  /^0x[0-9a-f]+$/ { flush(); e++; line = 0; next }
  { if (++line % 2) func[++k] = $0; else place[k] = $0 }
  END {
    flush()
    for (kind in count) printf "%s: %s: %d edges, the last at execution %s\n", target, kind, count[kind], last[kind] | "sort -t: -k3 -nr"
  }
' target="$target" "$log.late" -
