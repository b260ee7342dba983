#!/usr/bin/env bash
# Fills DIR/<target>/ (DIR: the argument, default fuzz/corpus/, which git ignores) with seed
# documents: every valid test instance, the documents README.md and schemas/README.md show, every
# example document of the xsd-parser suite beside the checkout (../../shared/xsd-parser-suite, skipped
# when absent) placed as unknown content in a note's ct:extension, documents of every root element
# made by the `arbitrary` feature (examples/arbitrary-documents.rs), the committed seeds and the fuzz
# regression inputs; for the `features` target, documents of every root of the generator-features
# schemas (tests/generator-features/examples/feature-documents.rs); for the `generate` target, schema
# files. Documents that do not read as a known root (`epgen fmt`) are left out. Safe to run again:
# files are named by content hash.
#
# The three programs are built in the dev profile for the whole workspace, examples included: the
# features and profile `cargo test --workspace` builds with, so after the tests nothing is compiled
# again (a release build of the generated code takes minutes).
set -euo pipefail
corpus=$(realpath -m "${1:-$(dirname "$0")/corpus}")
cd "$(dirname "$0")"
cargo build --quiet --manifest-path ../Cargo.toml --workspace --bins --examples
debug=$(realpath "${CARGO_TARGET_DIR:-../target}/debug")
EPGEN=$debug/epgen
suite=../../shared/xsd-parser-suite
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The documents the READMEs show: ```xml blocks and raw string literals (r#"<…>"#) holding a document.
for readme in README.md schemas/README.md; do
  NAME=${readme//\//-} WORK=$work perl -0ne '
    my $n = 0;
    while (/^```xml\n(.*?)^```|r#"(<.*?)"#/msg) {
      open(my $out, ">", sprintf("%s/%s-%d.xml", $ENV{WORK}, $ENV{NAME}, $n++)) or die;
      print $out (defined $1 ? $1 : $2);
    }' "../$readme"
done

# The suite's example documents, without their prolog (an XML declaration or DOCTYPE cannot sit
# inside another element), as unknown content of a known root.
if [ -d "$suite" ]; then
  n=0
  while IFS= read -r -d '' f; do
    n=$((n + 1))
    {
      printf '<note xmlns="http://schemas.microsoft.com/2006/09/sip/note"><extension xmlns="http://schemas.microsoft.com/2006/09/sip/commontypes">'
      perl -0pe 's/^\x{FEFF}?\s*<\?xml[^>]*\?>//s; s/<!DOCTYPE[^\[>]*(\[.*?\]\s*)?>//s' "$f"
      printf '</extension></note>'
    } > "$work/suite-$n.xml"
  done < <(find "$suite" -path '*/example*/*.xml' -print0 | sort -z)
fi

seeds=()
for f in "$work"/*.xml; do
  [ -f "$f" ] || continue
  if "$EPGEN" fmt "$f" > /dev/null 2>&1; then
    seeds+=("$f")
  fi
done
echo "seed-corpus: ${#seeds[@]} of $(ls "$work" | wc -l) README and suite documents read as a known root" >&2

copy() {
  local target=$1
  shift
  mkdir -p "$corpus/$target"
  for f in "$@"; do
    [ -f "$f" ] || continue
    cp "$f" "$corpus/$target/$(sha1sum "$f" | cut -c1-40)"
  done
}
# Documents of every root element made by the runtime's `arbitrary` feature, SYNTHETIC per root
# (default 20, 0 for none): real documents show a few roots; these put every root type in the corpus.
synthetic=${SYNTHETIC:-20}
if [ "$synthetic" -gt 0 ]; then
  "$debug/examples/arbitrary-documents" "$work/arbitrary" "$synthetic"
fi

# The committed seeds: `features-*` are documents of the generator-features schemas, the rest of
# the Lync schemas.
lync_seeds=()
for f in seeds/*.xml; do
  case $f in seeds/features-*) ;; *) lync_seeds+=("$f") ;; esac
done
for target in read_any_root roundtrip contract; do
  copy "$target" ../tests/data/*/valid/*.xml "${seeds[@]}" "${lync_seeds[@]}" \
    ../tests/data/fuzz-regressions/*.xml "$work"/arbitrary/*.xml
done
# features reads tests/generator-features' schema sets: documents of every one of their roots
# (FEATURES_PER_ROOT each, default 20), made by that crate's `arbitrary` impls.
"$debug/examples/feature-documents" "$work/features" "${FEATURES_PER_ROOT:-20}"
copy features "$work"/features/*.xml seeds/features-*.xml ../tests/data/fuzz-regressions/features-*.xml
# any_element builds trees from raw bytes: documents mean nothing to it, its own findings do.
copy any_element seeds/any_element/*
# generate reads schema files: the crate's, the generator-features sets, its own findings, and the
# schemas of the W3C suite and the xsd-parser suite beside the checkout (below 16 KB, the -max_len):
# every one, or every SUITE_SCHEMAS_EVERY-th (the CI smoke takes a sample: at about 120 schemas a
# second, all 2,800 would take its minute to load).
schemas=(../schemas/*.xsd ../tests/generator-features/schemas/*.xsd seeds/generate/*.xsd)
every=${SUITE_SCHEMAS_EVERY:-1}
n=0
for dir in ../../shared/w3c-xsd10 "$suite"; do
  [ -d "$dir" ] || continue
  while IFS= read -r -d '' f; do
    if ((n++ % every == 0)); then
      schemas+=("$f")
    fi
  done < <(find "$dir" -name '*.xsd' -size -16k -print0 | sort -z)
done
copy generate "${schemas[@]}"
