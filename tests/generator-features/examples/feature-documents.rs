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

/// Writes `per_root` documents of each root of `$document` into `$dir`, named after `$schema`, for
/// the sets with `XmlArbitrary` impls.
macro_rules! write_roots {
    ($dir:expr, $per_root:expr, $document:ty, $schema:literal, arbitrary) => {{
        let set = $schema.strip_suffix(".xsd").unwrap_or($schema);
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
                    &$dir.join(format!("{set}-{root}-{made}.xml")),
                    &enhanced_presence::to_string(&value).expect("an arbitrary value is writable"),
                )?;
                made += 1;
                written += 1;
            }
        }
        written
    }};
    ($dir:expr, $per_root:expr, $document:ty, $schema:literal, no_arbitrary) => {
        0
    };
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn run(dir: &Path, per_root: u64) -> Result<usize, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut written = 0;
    macro_rules! set {
        ($document:ty, $schema:literal, $arbitrary:ident) => {
            written += write_roots!(dir, per_root, $document, $schema, $arbitrary)
        };
    }
    features::for_each_schema_set!(set);
    Ok(written)
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
