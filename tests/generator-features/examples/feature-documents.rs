//! Writes schema-respecting documents of every root of every schema set here (`Config::arbitrary`):
//! the seed corpus of the `features` fuzz target, which starts from every construct rather than
//! from the few documents the tests spell out.
//!
//! ```sh
//! cargo run --release -p generator-features --example feature-documents -- DIR [PER_ROOT]
//! ```
//!
//! Writes `DIR/<set>-<root>-<n>.xml`, `PER_ROOT` (default 20) per root; the same arguments give the
//! same files.

use enhanced_presence::arbitrary_support::{seeded_bytes, Unstructured};
use generator_features as features;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Writes `per_root` documents of each root of `$document` into `$dir`, named after `$set`.
macro_rules! write_roots {
    ($dir:expr, $per_root:expr, $set:literal, $document:ty) => {{
        let mut written = 0;
        for root in 0..<$document>::ROOTS {
            // Seeds that run out of bytes before the value is complete give no document: try more.
            let (mut made, mut seed) = (0, 0u64);
            while made < $per_root && seed < $per_root * 20 {
                let data = seeded_bytes(seed ^ ((root as u64) << 40), 16 + (seed as usize * 97) % 2032);
                seed += 1;
                let Ok(value) = <$document>::arbitrary_root(root, &mut Unstructured::new(&data)) else {
                    continue;
                };
                write(
                    &$dir.join(format!("{}-{root}-{made}.xml", $set)),
                    &enhanced_presence::to_string(&value).expect("an arbitrary value is writable"),
                )?;
                made += 1;
                written += 1;
            }
        }
        written
    }};
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn run(dir: &Path, per_root: u64) -> Result<usize, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(write_roots!(dir, per_root, "features", features::Document)
        + write_roots!(dir, per_root, "anonymous", features::anonymous_types::Document)
        + write_roots!(dir, per_root, "simple-content", features::simple_content_types::Document)
        + write_roots!(dir, per_root, "wide", features::wide_schema::Document)
        + write_roots!(dir, per_root, "values", features::values_schema::Document)
        + write_roots!(dir, per_root, "fixed", features::fixed_schema::Document)
        + write_roots!(dir, per_root, "xsi-typed", features::typed_schema::Document)
        + write_roots!(dir, per_root, "namespaced-shapes", features::drawing_types::Document)
        + write_roots!(dir, per_root, "strings", features::string_types::Document)
        + write_roots!(dir, per_root, "entities", features::entity_schema::Document)
        + write_roots!(dir, per_root, "white-space", features::white_space_schema::Document)
        + write_roots!(dir, per_root, "patterns", features::pattern_types::Document)
        + write_roots!(dir, per_root, "qnames", features::qname_schema::Document)
        + write_roots!(dir, per_root, "prelude-names", features::prelude_name_types::Document))
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: feature-documents DIR [PER_ROOT]");
        return ExitCode::from(2);
    };
    let per_root = match args.next().map(|n| n.parse()) {
        None => 20,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            eprintln!("PER_ROOT: {e}");
            return ExitCode::from(2);
        }
    };
    match run(&dir, per_root) {
        Ok(written) => {
            eprintln!("feature-documents: {written} documents");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
