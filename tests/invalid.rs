//! Every `tests/data/*/invalid/*.xml` is rejected by the generated types (or deliberately kept, losslessly),
//! with the message recorded in
//! `tests/data/invalid-errors.txt` (one `file: message` line each). Run with `BLESS=1` to rewrite the
//! file after an intended change, then review the diff.

use std::path::{Path, PathBuf};

use enhanced_presence::Document;

fn invalid_files(data: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for category in std::fs::read_dir(data).unwrap() {
        let dir = category.unwrap().path().join("invalid");
        if let Ok(entries) = std::fs::read_dir(&dir) {
            files.extend(
                entries.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "xml")),
            );
        }
    }
    files.sort();
    files
}

#[test]
fn every_invalid_instance_is_rejected_with_its_recorded_message() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut actual = String::new();
    for file in invalid_files(&data) {
        let name = file.strip_prefix(&data).unwrap().to_string_lossy().replace('\\', "/");
        let xml = std::fs::read_to_string(&file).unwrap();
        // A few schema-invalid documents are accepted on purpose (an unknown `xsi:type` is kept, not
        // rejected); those must then round-trip without loss.
        let verdict = match enhanced_presence::from_str::<Document>(&xml) {
            Err(e) => e.to_string(),
            Ok(_) => match enhanced_presence::roundtrip::check(&xml) {
                report if report.is_ok() => "accepted: kept losslessly".to_owned(),
                report => format!("ACCEPTED and lossy: {report}"),
            },
        };
        actual.push_str(&format!("{name}: {verdict}\n"));
    }
    let golden = data.join("invalid-errors.txt");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&golden, &actual).unwrap();
    }
    let expected = std::fs::read_to_string(&golden).unwrap_or_default();
    assert!(!actual.contains("ACCEPTED"), "{actual}");
    let diff: Vec<String> = expected
        .lines()
        .zip(actual.lines())
        .filter(|(e, a)| e != a)
        .map(|(e, a)| format!("- {e}\n+ {a}"))
        .collect();
    assert!(
        diff.is_empty() && expected.lines().count() == actual.lines().count(),
        "error messages changed (BLESS=1 to accept):\n{}\n{} recorded, {} now",
        diff.join("\n"),
        expected.lines().count(),
        actual.lines().count()
    );
}
