//! Independent check of `schemas/` and the instance corpus with libxml2 (through the `xsd-validator`
//! test crate).
//!
//! * Every `schemas/*.xsd` must compile as XSD 1.0, including libxml2's determinism (UPA) check.
//!   That check misses some element-versus-wildcard conflicts, see `schemas/README.md`.
//! * Every `tests/data/<stem>/valid/*.xml` must validate, and every
//!   `tests/data/<stem>/invalid/*.xml` must be rejected. By default a file is checked against
//!   `schemas/<stem>.xsd`. A document whose root element is in the target namespace of a
//!   different schema file (for example a bare `ct:extension`) is checked against that file.
//! * Each invalid file starts with `<!-- expect: why -->`. If the reason contains
//!   "not well-formed", libxml2 must fail to parse the file. Otherwise the file must parse and
//!   fail validation, so a typo that breaks well-formedness cannot pass as a rejection.
//!
//! The test walks the directories, so a new category only needs a schema and data files.

use std::fs;
use std::path::{Path, PathBuf};

use xsd_validator::{Diagnostic, Document, Schema};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// What libxml2 must make of an instance document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    Valid,
    NotWellFormed,
    Invalid,
}

/// Parses `file` and validates it against `xsd`, or says why it could not.
fn verdict(xsd: &Path, file: &Path) -> Result<(Verdict, Vec<Diagnostic>), Vec<Diagnostic>> {
    let schema = Schema::from_file(xsd)?;
    Ok(match Document::from_file(file) {
        Err(diagnostics) => (Verdict::NotWellFormed, diagnostics),
        Ok(document) => match schema.validate(&document) {
            Ok(()) => (Verdict::Valid, Vec::new()),
            Err(diagnostics) => (Verdict::Invalid, diagnostics),
        },
    })
}

fn lines(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")
}

/// Evaluates a string-valued XPath expression; `None` if the file does not parse.
fn xpath_string(file: &Path, expr: &str) -> Option<String> {
    Document::from_file(file).ok()?.xpath_string(expr).ok()
}

/// `(file stem, path, targetNamespace)` of every schema, sorted by file name.
fn schemas() -> Vec<(String, PathBuf, String)> {
    let mut paths: Vec<PathBuf> = fs::read_dir(root().join("schemas"))
        .expect("schemas/ directory")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xsd"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            let tns = xpath_string(&p, "string(/*/@targetNamespace)")
                .unwrap_or_else(|| panic!("{} is not well-formed", p.display()));
            (stem, p, tns)
        })
        .collect()
}

fn xml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        fs::read_dir(dir).map(|rd| rd.map(|e| e.unwrap().path()).collect()).unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "xml"));
    files.sort();
    files
}

fn rel(p: &Path) -> String {
    p.strip_prefix(root()).unwrap_or(p).display().to_string()
}

#[test]
fn every_schema_compiles() {
    let schemas = schemas();
    assert!(!schemas.is_empty(), "no schemas/*.xsd found");
    for (_, xsd, _) in &schemas {
        if let Err(diagnostics) = Schema::from_file(xsd) {
            panic!("{} does not compile:\n{}", rel(xsd), lines(&diagnostics));
        }
    }
}

/// What libxml2 must make of `file`: valid for `valid/`, otherwise from the expect comment.
fn wanted_verdict(file: &Path, expect_valid: bool) -> Result<Verdict, String> {
    if expect_valid {
        return Ok(Verdict::Valid);
    }
    let text = fs::read_to_string(file).map_err(|e| e.to_string())?;
    match text.lines().next() {
        Some(l) if l.starts_with("<!-- expect:") && l.contains("not well-formed") => {
            Ok(Verdict::NotWellFormed)
        }
        Some(l) if l.starts_with("<!-- expect:") => Ok(Verdict::Invalid),
        _ => Err("first line must be <!-- expect: reason -->".into()),
    }
}

#[test]
fn instances_are_accepted_or_rejected_as_expected() {
    let schemas = schemas();
    let mut failures = Vec::new();
    let mut checked = 0;

    let mut categories: Vec<PathBuf> = fs::read_dir(root().join("tests/data"))
        .expect("tests/data directory")
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("valid").is_dir() || p.join("invalid").is_dir())
        .collect();
    categories.sort();

    for dir in categories {
        let stem = dir.file_name().unwrap().to_string_lossy().to_lowercase();
        let (_, default_xsd, default_tns) = schemas
            .iter()
            .find(|(s, _, _)| s.to_lowercase() == stem)
            .unwrap_or_else(|| panic!("{} has no matching schemas/{stem}.xsd", rel(&dir)));

        for (expect_valid, sub) in [(true, "valid"), (false, "invalid")] {
            for file in xml_files(&dir.join(sub)) {
                let wanted = match wanted_verdict(&file, expect_valid) {
                    Ok(verdict) => verdict,
                    Err(e) => {
                        failures.push(format!("{}: {e}", rel(&file)));
                        continue;
                    }
                };
                // The root's namespace picks another schema only if it is not this one's.
                let xsd = match xpath_string(&file, "namespace-uri(/*)") {
                    Some(ns) if ns != *default_tns => {
                        schemas.iter().find(|(_, _, tns)| *tns == ns).map_or(default_xsd, |(_, p, _)| p)
                    }
                    _ => default_xsd,
                };
                checked += 1;
                match verdict(xsd, &file) {
                    Ok((got, _)) if got == wanted => {}
                    Ok((got, diagnostics)) => failures.push(format!(
                        "{} against {}: {got:?}, wanted {wanted:?}\n{}",
                        rel(&file),
                        rel(xsd),
                        lines(&diagnostics)
                    )),
                    Err(diagnostics) => failures.push(format!(
                        "{} against {}: the schema does not compile\n{}",
                        rel(&file),
                        rel(xsd),
                        lines(&diagnostics)
                    )),
                }
            }
        }
    }

    assert!(checked > 0, "no instance documents under tests/data/*/{{valid,invalid}}");
    assert!(
        failures.is_empty(),
        "{} of {checked} instance checks failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
