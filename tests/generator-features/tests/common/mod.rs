//! Helpers shared by the tests that have libxml2 judge their documents.

/// libxml2's verdict on `xml` against `schemas/{schema}`, through a temporary file (its API here
/// reads files).
pub fn validate(schema: &str, xml: &str) -> Result<(), String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let compiled =
        xsd_validator::Schema::from_file(dir.join("schemas").join(schema)).map_err(|d| format!("{d:?}"))?;
    // Tests run on several threads: each call gets a file of its own.
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let file = std::env::temp_dir().join(format!("{schema}-{}-{n}.xml", std::process::id()));
    std::fs::write(&file, xml).map_err(|e| e.to_string())?;
    let verdict = compiled.validate_file(&file).map_err(|d| format!("{d:?}"));
    let _ = std::fs::remove_file(&file);
    verdict
}
