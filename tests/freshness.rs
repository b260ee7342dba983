//! `generated/` must be exactly what the generator makes of `schemas/` today.

use std::path::Path;

use enhanced_presence_codegen::{differences, Config};

#[test]
fn generated_code_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = Config::enhanced_presence_schemas(&root.join("schemas")).unwrap();
    let generated = config.generate().unwrap_or_else(|e| panic!("{e}"));
    let stale = differences(&root.join("generated"), &generated.files);
    assert!(
        stale.is_empty(),
        "stale generated files {stale:?}: run `cargo run --release --bin epgen -- generate`"
    );
}

#[test]
fn generation_is_deterministic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = Config::enhanced_presence_schemas(&root.join("schemas")).unwrap();
    let a = config.generate().unwrap();
    let b = config.generate().unwrap();
    assert_eq!(a.files, b.files);
    for f in &a.files {
        assert!(f.text.starts_with("// @generated"), "{}", f.name);
        assert!(!f.text.contains(env!("CARGO_MANIFEST_DIR")), "{} names a local path", f.name);
    }
}
