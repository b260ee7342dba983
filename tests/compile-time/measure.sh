#!/usr/bin/env bash
# Measures what generated code costs a build.rs user: generates one file from a schema set, includes it
# in a scratch library crate (debug profile, opt-level 1) that depends on this runtime by path, builds
# the runtime first, then times the build of that crate alone.
#
#   tests/compile-time/measure.sh SCHEMA_DIR_OR_FILE [EPGEN_GENERATE_ARGS...]
#
# SCHEMA_DIR_OR_FILE: a schema file, or a directory whose *.xsd files are all generated. Any further
# arguments go to `epgen generate` (e.g. `--known-element CategoryValue`).
# Environment: CT_DIR (scratch directory, default: a new temporary one; reused between runs, so the
# runtime is built once), CT_PROFILE=1 (also write a `-Z time-passes` report, needs a nightly-capable
# rustc through RUSTC_BOOTSTRAP), CT_LLVM_LINES=1 (also count LLVM IR lines per function with
# `cargo llvm-lines`, if installed: a measure of code size that does not depend on the machine's
# load), CT_RUNS (timed builds, default 1; each is clean).
# Prints generated lines, wall seconds, user+sys CPU seconds and peak RSS of the build.
set -euo pipefail

if [ $# -lt 1 ]; then
    sed -n "2,15p" "$0"
    exit 2
fi
input=$1
shift
repo=$(cd "$(dirname "$0")/../.." && pwd)
dir=${CT_DIR:-$(mktemp -d)}
mkdir -p "$dir/src"

schemas=()
if [ -d "$input" ]; then
    while IFS= read -r f; do schemas+=("$f"); done < <(find "$input" -maxdepth 1 -name '*.xsd' | sort)
else
    schemas=("$input")
fi

(cd "$repo" && cargo build --quiet --release --bin epgen)
rm -f "$dir/gen.rs"
"$repo/target/release/epgen" generate --schema "${schemas[@]}" --out "$dir" --single-file gen.rs "$@" >/dev/null

cat > "$dir/Cargo.toml" <<TOML
[package]
name = "compile-time-probe"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
enhanced-presence = { path = "$repo" }

[profile.dev]
opt-level = 1

[workspace]
TOML

export CARGO_TARGET_DIR="$dir/target"
# The runtime and its dependencies first, with an empty library, so the timed build is the
# generated code alone.
echo "" > "$dir/src/lib.rs"
(cd "$dir" && cargo build --quiet)
cat > "$dir/src/lib.rs" <<'RS'
#![allow(clippy::all)]
pub mod gen {
    include!("../gen.rs");
}
RS

lines=$(wc -l < "$dir/gen.rs")
echo "generated lines: $lines ($dir/gen.rs)"
for _ in $(seq "${CT_RUNS:-1}"); do
    (cd "$dir" && cargo clean --quiet -p compile-time-probe)
    # A failed build stops the script with cargo's errors on stderr.
    (cd "$dir" && /usr/bin/time -o "$dir/time.txt" -f '%e %U %S %M' cargo build --quiet)
    read -r wall user sys rss < "$dir/time.txt"
    cpu=$(echo "$user + $sys" | bc)
    echo "build: wall ${wall} s, user+sys ${cpu} s, peak RSS $(echo "scale=2; $rss / 1048576" | bc) GB"
done

if [ "${CT_PROFILE:-0}" = 1 ]; then
    (cd "$dir" && cargo clean --quiet -p compile-time-probe)
    (cd "$dir" && RUSTC_BOOTSTRAP=1 cargo rustc --quiet --lib -- -Z time-passes) > "$dir/time-passes.txt" 2>&1 || true
    echo "time-passes report: $dir/time-passes.txt"
fi

if [ "${CT_LLVM_LINES:-0}" = 1 ]; then
    (cd "$dir" && cargo clean --quiet -p compile-time-probe)
    (cd "$dir" && cargo llvm-lines --lib 2>/dev/null) > "$dir/llvm-lines.txt"
    echo "LLVM IR: $(sed -n 3p "$dir/llvm-lines.txt" | awk '{print $1 " lines, " $2 " functions"}') ($dir/llvm-lines.txt)"
fi
