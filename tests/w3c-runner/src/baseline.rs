//! The checked-in baseline: one `case id<TAB>outcome` line per case.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

pub type Outcomes = BTreeMap<String, String>;

/// Reads a baseline file (`#` lines are comments).
pub fn read(path: &Path) -> Result<Outcomes, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn parse(text: &str) -> Result<Outcomes, String> {
    let mut out = Outcomes::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let Some((id, outcome)) = line.split_once('\t') else {
            return Err(format!("line {}: expected `case id<TAB>outcome`", n + 1));
        };
        out.insert(id.to_owned(), outcome.to_owned());
    }
    Ok(out)
}

/// The outcome of a case that does not count: libxml2 finds the instance invalid.
pub const INVALID: &str = "invalid";

/// The baseline's text: `title` (one comment line), then `old` updated with `new` (so a partial run
/// updates only its cases).
pub fn render(title: &str, old: &Outcomes, new: &Outcomes) -> String {
    let mut all = old.clone();
    all.extend(new.iter().map(|(k, v)| (k.clone(), v.clone())));
    let pass = all.values().filter(|o| *o == "pass").count();
    let invalid = all.values().filter(|o| *o == INVALID).count();
    let mut text = format!("# {title}\n# {pass} of {} cases pass", all.len() - invalid);
    if invalid > 0 {
        let _ = write!(text, "; {invalid} more are invalid instances and do not count");
    }
    text.push_str(".\n");
    for (id, outcome) in &all {
        let _ = writeln!(text, "{id}\t{outcome}");
    }
    text
}

/// How a run compares with the baseline.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    /// Passed in the baseline, fail now: `(id, was, now)`.
    pub regressions: Vec<(String, String, String)>,
    /// Failed in the baseline, pass now.
    pub improvements: Vec<(String, String, String)>,
    /// Failed in both, differently.
    pub changed: Vec<(String, String, String)>,
    /// Not in the baseline.
    pub new: Vec<(String, String)>,
}

/// Compares the cases of `run` with `baseline` (cases the run did not include are not compared).
pub fn compare(baseline: &Outcomes, run: &Outcomes) -> Comparison {
    let mut c = Comparison::default();
    for (id, now) in run {
        let Some(was) = baseline.get(id) else {
            c.new.push((id.clone(), now.clone()));
            continue;
        };
        let entry = (id.clone(), was.clone(), now.clone());
        match (was == "pass", now == "pass") {
            (true, false) => c.regressions.push(entry),
            (false, true) => c.improvements.push(entry),
            _ if was != now => c.changed.push(entry),
            _ => {}
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcomes(pairs: &[(&str, &str)]) -> Outcomes {
        pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn comparison() {
        let base =
            outcomes(&[("a", "pass"), ("b", "gen-fail"), ("c", "pass"), ("d", "panic"), ("e", "pass")]);
        let run = outcomes(&[
            ("a", "lossy:text-value"),
            ("b", "pass"),
            ("c", "pass"),
            ("d", "timeout"),
            ("f", "pass"),
        ]);
        let c = compare(&base, &run);
        assert_eq!(c.regressions, [("a".into(), "pass".into(), "lossy:text-value".into())]);
        assert_eq!(c.improvements, [("b".into(), "gen-fail".into(), "pass".into())]);
        assert_eq!(c.changed, [("d".into(), "panic".into(), "timeout".into())]);
        assert_eq!(c.new, [("f".into(), "pass".into())]);
    }

    #[test]
    fn render_and_parse() {
        let old = outcomes(&[("a", "pass"), ("b", "gen-fail")]);
        let text = render("title", &old, &outcomes(&[("b", "unsupported:xs:all")]));
        assert!(text.starts_with("# title\n# 1 of 2 cases pass.\n"));
        assert_eq!(parse(&text).unwrap(), outcomes(&[("a", "pass"), ("b", "unsupported:xs:all")]));
        assert!(parse("no tab").is_err());
        let text = render("title", &old, &outcomes(&[("c", INVALID)]));
        assert!(text.contains("# 1 of 2 cases pass; 1 more are invalid instances and do not count.\n"));
    }
}
