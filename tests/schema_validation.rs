//! Independent check of `schemas/` and the instance corpus with libxml2's `xmllint`.
//!
//! * Every `schemas/*.xsd` must compile as XSD 1.0, including libxml2's determinism (UPA) check.
//!   That check misses some element-versus-wildcard conflicts, see `schemas/README.md`.
//! * Every `tests/data/<stem>/valid/*.xml` must validate, and every
//!   `tests/data/<stem>/invalid/*.xml` must be rejected. By default a file is checked against
//!   `schemas/<stem>.xsd`. A document whose root element is in the target namespace of a
//!   different schema file (for example a bare `ct:extension`) is checked against that file.
//! * Each invalid file starts with `<!-- expect: why -->`. If the reason contains
//!   "not well-formed", xmllint must fail to parse the file (exit 1). Otherwise the file must
//!   parse and fail validation (exit 3), so a typo that breaks well-formedness cannot pass as
//!   a rejection.
//!
//! The test walks the directories, so a new category only needs a schema and data files.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const EXIT_NOT_WELL_FORMED: i32 = 1;
const EXIT_INVALID: i32 = 3;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn xmllint(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new("xmllint")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("cannot run xmllint ({e}): install it with `apt-get install libxml2-utils` (Debian)")
        });
    // Dropping the handle closes xmllint's standard input. A write error only means xmllint
    // exited without reading it (e.g. the schema did not compile); its exit status says why.
    if let Some(mut pipe) = child.stdin.take() {
        let _ = pipe.write_all(stdin.unwrap_or("").as_bytes());
    }
    child.wait_with_output().expect("xmllint did not finish")
}

/// Evaluates a string-valued XPath expression; `None` if the file does not parse.
fn xpath_string(file: &Path, expr: &str) -> Option<String> {
    let out = xmllint(&["--xpath", expr, file.to_str().unwrap()], None);
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
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
        // A compiled schema rejects the probe (exit 3); a broken one makes xmllint exit 5.
        let out = xmllint(&["--noout", "--schema", xsd.to_str().unwrap(), "-"], Some("<probe/>"));
        assert_eq!(
            out.status.code(),
            Some(EXIT_INVALID),
            "{} does not compile:\n{}",
            rel(xsd),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Exit status xmllint must give for `file`: 0 for `valid/`, otherwise from the expect comment.
fn wanted_exit(file: &Path, expect_valid: bool) -> Result<i32, String> {
    if expect_valid {
        return Ok(0);
    }
    let text = fs::read_to_string(file).map_err(|e| e.to_string())?;
    match text.lines().next() {
        Some(l) if l.starts_with("<!-- expect:") && l.contains("not well-formed") => Ok(EXIT_NOT_WELL_FORMED),
        Some(l) if l.starts_with("<!-- expect:") => Ok(EXIT_INVALID),
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
                let wanted = match wanted_exit(&file, expect_valid) {
                    Ok(code) => code,
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
                let args = ["--noout", "--schema", xsd.to_str().unwrap(), file.to_str().unwrap()];
                let out = xmllint(&args, None);
                checked += 1;
                if out.status.code() != Some(wanted) {
                    failures.push(format!(
                        "{} against {}: exit {:?}, wanted {wanted}\n{}",
                        rel(&file),
                        rel(xsd),
                        out.status.code(),
                        String::from_utf8_lossy(&out.stderr).trim_end()
                    ));
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
