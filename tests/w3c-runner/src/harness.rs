//! The instance checks' side of the runner. This file (with `wire.rs`) is compiled, through
//! `#[path]`, into every generated batch crate, whose `main` calls [`serve`]: the batch binary reads
//! `<module>\t<instance path>` lines and answers each with `<outcome>\t<detail>`. The runner itself
//! compiles it only for its tests, so it does not depend on the runtime.

use enhanced_presence::roundtrip::infoset::DifferenceKind;
use enhanced_presence::roundtrip::{Report, Stage};

use crate::wire::{escape, unescape};

/// A schema module's check: `check_as::<Document>` for that module's `Document`.
pub type Check = fn(&str) -> Report;

/// The outcome of one instance (`pass`, `parse-fail`, `lossy:<what>`, `not-idempotent`), and a
/// one-line detail.
pub fn classify(report: &Report) -> (String, String) {
    let summary = report.summary();
    if let Some((stage, message)) = &report.error {
        let outcome = match stage {
            Stage::Parse => "parse-fail",
            // The checker could not read the input itself (the typed parse accepted it).
            Stage::Infoset if !message.starts_with("in the output") => "parse-fail",
            Stage::Infoset => "lossy:malformed-output",
            Stage::Reparse => "not-idempotent",
        };
        return (outcome.into(), summary);
    }
    if let Some(first) = report.differences.first() {
        let what = match &first.kind {
            DifferenceKind::ElementName { .. } => "element-name",
            DifferenceKind::MissingElement { .. } => "missing-element",
            DifferenceKind::ExtraElement { .. } => "extra-element",
            DifferenceKind::MissingAttribute { .. } => "missing-attribute",
            DifferenceKind::ExtraAttribute { .. } => "extra-attribute",
            DifferenceKind::AttributeValue { .. } => "attribute-value",
            DifferenceKind::Text { found: None, .. } => "missing-text",
            DifferenceKind::Text { expected: None, .. } => "extra-text",
            DifferenceKind::Text { .. } => "text-value",
            DifferenceKind::Doctype { .. } => "doctype",
        };
        return (format!("lossy:{what}"), summary);
    }
    if !report.idempotent {
        return ("not-idempotent".into(), summary);
    }
    ("pass".into(), String::new())
}

/// Checks one instance file with `check`: its outcome and detail. When it passes, the document
/// written back goes to `output` (if given), for the runner to have libxml2 judge it too.
pub fn check_file(check: Check, path: &str, output: Option<&str>) -> (String, String) {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => return ("parse-fail".into(), format!("cannot read {path}: {e}")),
    };
    let xml = match enhanced_presence::decode(&bytes) {
        Ok(xml) => xml.into_owned(),
        Err(e) => return ("parse-fail".into(), format!("does not parse: {e}")),
    };
    let message = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let hook_message = message.clone();
    std::panic::set_hook(Box::new(move |info| {
        let detail = format!("the check panicked: {info}");
        if cfg!(panic = "abort") {
            // The batch crates build with `panic = "abort"` (less code to compile): answer now, as
            // the process is about to end; the runner starts a new one for the next instance.
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "panic\t{}", escape(&detail)).and_then(|()| out.flush());
        }
        if let Ok(mut m) = hook_message.lock() {
            *m = detail;
        }
    }));
    let result = std::panic::catch_unwind(|| check(&xml));
    let _ = std::panic::take_hook();
    match result {
        Ok(report) => {
            let (outcome, detail) = classify(&report);
            if let (Some(path), Some(written), "pass") = (output, &report.output, outcome.as_str()) {
                if let Err(e) = std::fs::write(path, written) {
                    return ("parse-fail".into(), format!("cannot write {path}: {e}"));
                }
            }
            (outcome, detail)
        }
        Err(_) => ("panic".into(), message.lock().map(|m| m.clone()).unwrap_or_default()),
    }
}

/// The batch binary's main loop: answers `<module>\t<instance path>[\t<output path>]` lines from
/// stdin.
#[allow(dead_code)] // only the batch crates call it
pub fn serve(checks: &[(&str, Check)]) {
    use std::io::{BufRead, Write};
    let stdout = std::io::stdout();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let mut fields = line.split('\t');
        let (module, path) = (fields.next().unwrap_or(""), fields.next().unwrap_or(""));
        let output = fields.next().map(unescape);
        let (outcome, detail) = match checks.iter().find(|(name, _)| *name == module) {
            Some((_, check)) => check_file(*check, &unescape(path), output.as_deref()),
            None => ("compile-fail".into(), format!("module {module} is not in this batch")),
        };
        let mut out = stdout.lock();
        if writeln!(out, "{outcome}\t{}", escape(&detail)).and_then(|()| out.flush()).is_err() {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use enhanced_presence::roundtrip::infoset::Difference;

    fn report(error: Option<(Stage, &str)>, differences: Vec<DifferenceKind>, idempotent: bool) -> Report {
        Report {
            error: error.map(|(s, m)| (s, m.to_owned())),
            differences: differences.into_iter().map(|kind| Difference { path: "/a".into(), kind }).collect(),
            output: None,
            idempotent,
            untyped: Vec::new(),
        }
    }

    #[test]
    fn outcomes() {
        let outcome = |r: Report| classify(&r).0;
        assert_eq!(outcome(report(None, vec![], true)), "pass");
        assert_eq!(outcome(report(None, vec![], false)), "not-idempotent");
        assert_eq!(outcome(report(Some((Stage::Parse, "1:1: bad")), vec![], false)), "parse-fail");
        assert_eq!(outcome(report(Some((Stage::Infoset, "line 1: DOCTYPE")), vec![], false)), "parse-fail");
        let malformed = report(Some((Stage::Infoset, "in the output: x")), vec![], false);
        assert_eq!(outcome(malformed), "lossy:malformed-output");
        assert_eq!(outcome(report(Some((Stage::Reparse, "x")), vec![], false)), "not-idempotent");
        let text = DifferenceKind::Text { expected: Some("x".into()), found: None };
        let extra = DifferenceKind::ExtraElement { name: "b".into() };
        assert_eq!(outcome(report(None, vec![text, extra], true)), "lossy:missing-text");
        let value = DifferenceKind::AttributeValue { expected: "1".into(), found: "2".into() };
        assert_eq!(outcome(report(None, vec![value], true)), "lossy:attribute-value");
    }

    #[test]
    fn panics_are_caught() {
        let (outcome, detail) =
            check_file(|_| panic!("boom"), concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"), None);
        assert_eq!(outcome, "panic");
        assert!(detail.contains("boom"), "{detail}");
    }
}
