//! The end of a run: the results files, the outcome counts, the baseline comparison and the pass line.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use crate::baseline::{self, INVALID};
use crate::cases::Case;
use crate::Options;

/// What a run found.
pub struct Finish<'a> {
    /// `w3c` or `peer`: the pass line's name.
    pub label: &'a str,
    /// The baseline's first comment line.
    pub title: &'a str,
    /// Each case with its outcome and detail, in the order to report them.
    pub results: &'a [(&'a Case, String, String)],
    /// `(module, schema set, errors)` of each schema set that did not compile.
    pub compile_errors: &'a [(String, String, Vec<String>)],
    /// Where `results.tsv` and `compile-errors.txt` go.
    pub dir: &'a Path,
    pub started: Instant,
}

/// Writes the results files and prints the summary; with `--check-baseline`, a regression makes the
/// exit code 1.
pub fn finish(run: &Finish<'_>, options: &Options) -> Result<ExitCode, String> {
    let results_file = run.dir.join("results.tsv");
    let mut text = String::from("# case id\toutcome\tdetail\n");
    for (case, outcome, detail) in run.results {
        let detail: String = detail.split_whitespace().collect::<Vec<_>>().join(" ");
        let _ = writeln!(text, "{}\t{outcome}\t{detail}", case.id);
    }
    std::fs::write(&results_file, text).map_err(|e| format!("{}: {e}", results_file.display()))?;
    let errors_file = run.dir.join("compile-errors.txt");
    let mut text = String::from("# Every compile error of the schema sets that did not compile.\n");
    for (module, schema_set, errors) in run.compile_errors {
        let _ = writeln!(text, "\n== {module} ({schema_set})");
        for e in errors {
            let _ = writeln!(text, "{e}");
        }
    }
    std::fs::write(&errors_file, text).map_err(|e| format!("{}: {e}", errors_file.display()))?;

    let counted: Vec<&(&Case, String, String)> = run.results.iter().filter(|r| r.1 != INVALID).collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, outcome, _) in &counted {
        *counts.entry(outcome.as_str()).or_default() += 1;
    }
    let mut counts: Vec<(&str, usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    println!("outcomes ({} cases, {:.0}s):", counted.len(), run.started.elapsed().as_secs_f64());
    for (outcome, n) in &counts {
        println!("{n:>7}  {outcome}");
    }
    let invalid: Vec<_> = run.results.iter().filter(|r| r.1 == INVALID).collect();
    if !invalid.is_empty() {
        println!("invalid: libxml2 rejects {} documents against their schema (not counted):", invalid.len());
        for (case, _, detail) in invalid {
            println!("  {}: {}", case.id, detail.replace('\n', " | "));
        }
    }
    for prefix in &options.show {
        for (case, outcome, detail) in run.results {
            if outcome.starts_with(prefix.as_str()) {
                println!("{}\t{outcome}\t{}", case.id, detail.replace('\n', " | "));
            }
        }
    }
    println!("details: {} and {}", results_file.display(), errors_file.display());

    let outcomes: baseline::Outcomes =
        run.results.iter().map(|(c, o, _)| (c.id.clone(), o.clone())).collect();
    let mut code = ExitCode::SUCCESS;
    if options.check_baseline {
        let base = baseline::read(&options.baseline)?;
        let c = baseline::compare(&base, &outcomes);
        let list = |title: &str, items: &[(String, String, String)]| {
            if !items.is_empty() {
                println!("{title} ({}):", items.len());
                for (id, was, now) in items {
                    println!("  {id}: {was} -> {now}");
                }
            }
        };
        list("improvements (update the baseline with --write-baseline)", &c.improvements);
        if !c.changed.is_empty() {
            // Failing differently is not a regression; show the transitions, not every case.
            let mut transitions: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
            for (id, was, now) in &c.changed {
                transitions.entry((was, now)).or_default().push(id);
            }
            println!("failing differently ({}):", c.changed.len());
            for ((was, now), ids) in &transitions {
                println!("  {:>5}  {was} -> {now}  (e.g. {})", ids.len(), ids[0]);
            }
        }
        if !c.new.is_empty() {
            println!("not in the baseline: {} cases", c.new.len());
        }
        list("REGRESSIONS", &c.regressions);
        println!(
            "baseline {}: {} regressions, {} improvements",
            options.baseline.display(),
            c.regressions.len(),
            c.improvements.len()
        );
        if !c.regressions.is_empty() {
            code = ExitCode::FAILURE;
        }
    }
    if options.write_baseline {
        let old =
            if options.baseline.exists() { baseline::read(&options.baseline)? } else { Default::default() };
        let text = baseline::render(run.title, &old, &outcomes);
        std::fs::write(&options.baseline, text)
            .map_err(|e| format!("{}: {e}", options.baseline.display()))?;
        println!("wrote {}", options.baseline.display());
    }
    let pass = counted.iter().filter(|r| r.1 == "pass").count();
    let total = counted.len();
    let percent = if total == 0 { 0.0 } else { pass as f64 * 100.0 / total as f64 };
    println!("{}: pass={pass}/{total} ({percent:.1}%)", run.label);
    Ok(code)
}
