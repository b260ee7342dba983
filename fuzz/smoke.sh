#!/usr/bin/env bash
# The CI fuzz smoke: builds every target (build.sh), seeds a fresh corpus (seed-corpus.sh), checks that
# coverage depends on the input alone (each target but `generate` runs its seeds twice, in the same
# order, and must cover the same edges and features both times; src/hash.rs) and runs each target for
# SECONDS_PER_TARGET seconds (default 60), two at a time. A finding fails with the input printed (as
# text and as base64) and its artifact path. Everything it writes goes to a
# temporary directory (corpus/ is not used).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${SECONDS_PER_TARGET:-60}
bin=$(./build.sh --quiet | tail -n 1)
built=$SECONDS
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
SUITE_SCHEMAS_EVERY=8 ./seed-corpus.sh "$out/seeds"
seeded=$SECONDS

# libxml2's check of refusals is for volume runs (see fuzz_targets/libxml2.rs).
export EP_FUZZ_LIBXML2=0

# A target's dictionary: XSD's vocabulary for the generator, XML's and the Lync schemas' for the rest.
dict_of() { if [ "$1" = generate ]; then echo xsd.dict; else echo xml.dict; fi; }

# `generate` writes its schema files under TMPDIR: here, inside what is removed at the end.
export TMPDIR=$out

run() {
  local target=$1
  mkdir -p "$out/$target"
  "$bin/$target" "$out/$target" "$out/seeds/$target" -dict="$(dict_of "$target")" -max_len=16384 -timeout=10 \
    -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$out/$target-" \
    > "$out/$target.log" 2>&1
}

targets=(read_any_root roundtrip contract any_element features generate)

# Edges and features of one pass over a target's seeds, in libFuzzer's order for them (nothing if a
# seed fails: the runs below report that with its input).
coverage_of_seeds() {
  local scratch
  scratch=$(mktemp -d -p "$out")
  { "$1" "$scratch" "$2" -runs=0 -shuffle=0 2>&1 || true; } | grep -a 'INITED' | grep -oE 'cov: [0-9]+ ft: [0-9]+' || true
}
# Not `generate`: the schema parser it runs keys its hash maps at random (std's `RandomState`, in
# xsd-parser), so its edges vary by a few in 26,000 from run to run; its own oracle checks that the
# same schema generates the same code.
for target in "${targets[@]}"; do
  [ "$target" = generate ] && continue
  first=$(coverage_of_seeds "$bin/$target" "$out/seeds/$target")
  second=$(coverage_of_seeds "$bin/$target" "$out/seeds/$target")
  if [ "$first" != "$second" ]; then
    echo "fuzz smoke: $target covers different code on the same inputs ($first, then $second):" \
      "something it runs depends on more than the input (a random hash seed, the clock)" >&2
    exit 1
  fi
done
stable=$SECONDS
failed=()
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  pids=()
  for target in "${targets[@]:i:2}"; do
    run "$target" &
    pids+=("$!:$target")
  done
  for entry in "${pids[@]}"; do
    if ! wait "${entry%%:*}"; then
      failed+=("${entry#*:}")
    fi
  done
done

echo "fuzz smoke: build ${built} s, seeds $((seeded - built)) s, stability $((stable - seeded)) s," \
  "runs $((SECONDS - stable)) s"
for target in "${targets[@]}"; do
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$target.log")
  last=$(grep -E '^#[0-9]+' "$out/$target.log" | tail -n 1 | grep -oE 'cov: [0-9]+ ft: [0-9]+' || true)
  echo "fuzz smoke: $target: ${runs:-?} executions, ${last:-no coverage line}"
done
for target in "${failed[@]}"; do
  echo "fuzz smoke: $target FAILED" >&2
  grep -v -E '^(#[0-9]+|INFO:|	NEW_FUNC)' "$out/$target.log" | head -n 80 >&2
  for artifact in "$out/$target"-*; do
    [ -f "$artifact" ] || continue
    echo "--- input ($artifact, $(wc -c < "$artifact") bytes):" >&2
    head -c 4000 "$artifact" | cat -v >&2
    echo >&2
    echo "--- base64:" >&2
    base64 -w0 "$artifact" >&2
    echo >&2
  done
done
[ ${#failed[@]} -eq 0 ]
