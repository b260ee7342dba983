#!/usr/bin/env bash
# Fills corpus/<target>/ (ignored by git) with every valid test instance, the committed seeds and the
# fuzz regression inputs. Run from anywhere; safe to run again (files are named by content hash).
set -euo pipefail
cd "$(dirname "$0")"
for target in read_any_root roundtrip contract; do
  mkdir -p "corpus/$target"
  for f in ../tests/data/*/valid/*.xml seeds/*.xml ../tests/data/fuzz-regressions/*; do
    [ -f "$f" ] || continue
    cp "$f" "corpus/$target/$(sha1sum "$f" | cut -c1-40)"
  done
done
