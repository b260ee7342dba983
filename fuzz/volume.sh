#!/usr/bin/env bash
# A volume run of one fuzz target: libFuzzer on the target's corpus (corpus/TARGET, which git ignores
# and runs add to, so runs resume where the last one stopped; seed it first with seed-corpus.sh) until
# coverage stops growing: no new edge for QUIET_MINUTES (default 30) once MIN_EXECS executions
# (default 10,000,000) are done, or MAX_MINUTES (default 240) at the latest.
#
#   fuzz/volume.sh TARGET [LIBFUZZER_ARGS...]
#
# Uses the binaries of build.sh (run it first). Prints the edges (libFuzzer's `cov:`) every
# REPORT_EVERY executions (default 10,000,000) and why it stopped; the log is corpus/TARGET.log, a
# finding's input artifacts/TARGET-*. Exits 1 on a finding. Coverage is deterministic (src/hash.rs):
# an input enters the corpus only for what it does, so "no new edge" means what it says (but for
# `generate`, whose schema parser keys its hash maps at random: a few edges in 26,000 vary). At the end,
# late-edges.sh says where in the source the edges found after the corpus loaded lie (libFuzzer logs
# each new edge's address: `-print_pcs=1`).
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: volume.sh TARGET [LIBFUZZER_ARGS...]}
shift
quiet=$((${QUIET_MINUTES:-30} * 60))
min_execs=${MIN_EXECS:-10000000}
max=$((${MAX_MINUTES:-240} * 60))
every=${REPORT_EVERY:-10000000}
host=$(rustc -vV | sed -n 's/^host: //p')
bin=${CARGO_TARGET_DIR:-target}/$host/release/$target
[ -x "$bin" ] || { echo "volume.sh: no $bin; run build.sh first" >&2; exit 2; }
mkdir -p "corpus/$target" artifacts
log=corpus/$target.log

# XSD's vocabulary for the generator, XML's and the Lync schemas' for the rest.
dict=xml.dict
[ "$target" = generate ] && dict=xsd.dict
# `generate` writes its schema files under TMPDIR: a directory of this run's, removed at the end.
scratch=$(mktemp -d)
export TMPDIR=$scratch
"$bin" "corpus/$target" -dict="$dict" -max_len=16384 -timeout=10 -print_final_stats=1 \
  -print_pcs=1 -artifact_prefix="artifacts/$target-" "$@" > "$log" 2>&1 &
pid=$!
trap 'kill -INT "$pid" 2>/dev/null || true; rm -rf "$scratch"' EXIT

# The newest status line's execution count and edges, as "EXECS EDGES".
status() {
  grep -aE '^#[0-9]+.*cov: ' "$log" | tail -n 1 | sed -E 's/^#([0-9]+).*cov: ([0-9]+).*/\1 \2/'
}

start=$SECONDS
last_edges=-1
last_change=$SECONDS
next_report=$every
reason="libFuzzer stopped"
while kill -0 "$pid" 2>/dev/null; do
  sleep 10
  read -r execs edges < <(status || true) || continue
  if [ "$edges" != "$last_edges" ]; then
    last_edges=$edges
    last_change=$SECONDS
  fi
  while [ "$execs" -ge "$next_report" ]; do
    echo "$target: $((next_report / 1000000)) M executions: $edges edges"
    next_report=$((next_report + every))
  done
  if [ "$execs" -ge "$min_execs" ] && [ $((SECONDS - last_change)) -ge "$quiet" ]; then
    reason="no new edge for $((quiet / 60)) minutes"
    break
  fi
  if [ $((SECONDS - start)) -ge "$max" ]; then
    reason="MAX_MINUTES reached"
    break
  fi
done
stopped=$SECONDS
kill -INT "$pid" 2>/dev/null || true
# libFuzzer's interrupt handler allocates: a SIGINT that lands inside malloc deadlocks it (seen once
# in 10 M executions of `any_element`). What it would still print is in the log already.
for _ in $(seq 60); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 1
done
kill -KILL "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
trap - EXIT
rm -rf "$scratch"
read -r execs edges < <(status)
echo "$target: stopped after $((stopped - start)) s, $execs executions, $edges edges ($reason;" \
  "last new edge $(((stopped - last_change) / 60)) minutes before the end)"
./late-edges.sh "$target" || true
# A finding (crash, timeout, leak, out of memory) is the only way libFuzzer writes its input out.
if grep -aq 'Test unit written to' "$log"; then
  echo "$target: FINDING: $(grep -a 'Test unit written to' "$log")" >&2
  exit 1
fi
