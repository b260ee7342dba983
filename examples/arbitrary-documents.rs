//! Writes schema-respecting documents of every root element, made by the `arbitrary` feature: test
//! data for a parser under test, and the structured part of the fuzz seed corpus (every root type
//! is in it from the first execution, so fuzzing starts from the whole schema rather than from the
//! few roots real documents happen to show).
//!
//! ```sh
//! cargo run --release --features arbitrary --example arbitrary-documents -- DIR [PER_ROOT]
//! ```
//!
//! Writes `DIR/<root>-<n>.xml`, `PER_ROOT` (default 20) per root element; the same arguments give
//! the same files.

use enhanced_presence::arbitrary_support::{seeded_bytes, Unstructured};
use enhanced_presence::Document;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: arbitrary-documents DIR [PER_ROOT]");
        return ExitCode::from(2);
    };
    let per_root: u64 = match args.next().map(|n| n.parse()) {
        None => 20,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            eprintln!("PER_ROOT: {e}");
            return ExitCode::from(2);
        }
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("{}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    let mut written = 0;
    for root in 0..Document::ROOTS {
        // Seeds that run out of bytes before the value is complete give no document: try more.
        let (mut made, mut seed) = (0, 0u64);
        while made < per_root && seed < per_root * 20 {
            // Lengths from 16 to 2 KiB bytes, so both sparse and filled-in documents come out.
            let data = seeded_bytes(seed ^ ((root as u64) << 40), 16 + (seed as usize * 97) % 2032);
            seed += 1;
            let Ok(value) = Document::arbitrary_root(root, &mut Unstructured::new(&data)) else { continue };
            let path = dir.join(format!("{root}-{made}.xml"));
            if let Err(e) = std::fs::write(&path, enhanced_presence::to_string(&value)) {
                eprintln!("{}: {e}", path.display());
                return ExitCode::FAILURE;
            }
            made += 1;
            written += 1;
        }
    }
    eprintln!(
        "arbitrary-documents: {written} documents of {} root elements in {}",
        Document::ROOTS,
        dir.display()
    );
    ExitCode::SUCCESS
}
