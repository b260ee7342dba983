#!/usr/bin/env bash
# Builds the fuzz targets as `cargo fuzz build -O -s none` would, without cargo-fuzz: libFuzzer comes
# from libfuzzer-sys (compiled from source with the system C++ compiler), the coverage
# instrumentation from rustc's sanitizer-coverage pass. `RUSTC_BOOTSTRAP=1` lets a stable toolchain
# take those flags. Prints where the binaries are (target/<host>/release). Extra arguments go to
# `cargo build`.
set -euo pipefail
cd "$(dirname "$0")"
host=$(rustc -vV | sed -n 's/^host: //p')
export RUSTC_BOOTSTRAP=1
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
# `--target` keeps the flags off build scripts and proc macros, as cargo-fuzz does.
cargo build --release --target "$host" --bins "$@"
echo "${CARGO_TARGET_DIR:-target}/$host/release"
