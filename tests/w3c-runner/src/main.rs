//! `w3c-runner`: the W3C XML Schema 1.0 test-suite subset, and xsd-parser's test suite, as
//! yardsticks for the generator.
//!
//! ```text
//! cargo run --release -p w3c-runner -- --suite ../shared/w3c-xsd10 [--smoke] [--check-baseline]
//! cargo run --release -p w3c-runner -- --peer-suite ../shared/xsd-parser-suite [--smoke] [--check-baseline]
//! ```
//!
//! For each case (a valid instance of a schema set): generate the schema set into a module of a
//! batch crate under `target/w3c/`, compile the batches, then parse the instance with the module's
//! `Document`, write it back and compare (`roundtrip::check_as`: the round-trip contract,
//! `docs/roundtrip-contract.md`). One outcome per case:
//! `pass`, `gen-fail`, `unsupported:<feature>`, `compile-fail`, `parse-fail`, `lossy:<what
//! differs>`, `not-idempotent`, `panic`, `timeout`; in the peer suite also `invalid` (libxml2 rejects
//! the document against its schema: listed, not counted). The last line of output is the pass rate,
//! e.g. `w3c: pass=4312/4571 (94.3%)` or `peer: pass=N/M (P%)`.

// The runner trims and splits its own case lists, baselines and reports with Rust's white space; the
// XML values it reads (`xsi:schemaLocation`, in `peer`) are split on XML's.
#![allow(clippy::disallowed_methods)]

mod baseline;
mod batch;
mod cases;
mod child;
mod generate;
#[cfg(test)]
mod harness;
mod peer;
mod pipeline;
mod report;
mod run;
mod wire;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use cases::Case;

const USAGE: &str = "\
usage: w3c-runner (--suite DIR | --peer-suite DIR) [options]

Runs the W3C XML Schema 1.0 subset in DIR (its cases.tsv), or with --peer-suite the example
documents of xsd-parser's test suite in DIR, through the generator and the round-trip check,
printing the outcome counts and, last, `w3c: pass=N/M (P%)` (or `peer: pass=N/M (P%)`).

options:
  --suite DIR         the W3C suite subset (e.g. ../shared/w3c-xsd10)
  --peer-suite DIR    the peer suite (e.g. ../shared/xsd-parser-suite): each example document is
                      checked against its folder's entry schema with libxml2 first; documents it
                      rejects are `invalid`, listed but not counted
  --smoke             only the smoke slice (one case in 12, in the peer suite one in 4, chosen by a
                      hash of the case id)
  --filter TEXT       only cases whose id contains TEXT (repeatable)
  --check-baseline    fail (exit 1) on any regression from the baseline; list improvements
  --write-baseline    write the run's outcomes into the baseline
  --baseline FILE     the baseline (default: tests/w3c-runner/baseline.tsv, with --peer-suite
                      tests/w3c-runner/peer-baseline.tsv)
  --jobs N            parallel generator workers, and batches checked at once (default: CPUs)
  --show OUTCOME      list the cases with outcomes starting with OUTCOME, with details (repeatable)
";

/// The W3C smoke slice: one case in this many.
const W3C_SMOKE_ONE_IN: u64 = 12;
/// The peer suite's smoke slice: one document in this many (it has about 150).
const PEER_SMOKE_ONE_IN: u64 = 4;

/// Which suite a run is over.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Suite {
    W3c,
    Peer,
}

struct Options {
    suite: Suite,
    dir: PathBuf,
    smoke: bool,
    filters: Vec<String>,
    check_baseline: bool,
    write_baseline: bool,
    baseline: PathBuf,
    jobs: usize,
    show: Vec<String>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--gen-worker") {
        generate::worker();
        return ExitCode::SUCCESS;
    }
    let options = match parse_args(&args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("w3c-runner: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("w3c-runner: {message}");
            ExitCode::from(2)
        }
    }
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        suite: Suite::W3c,
        dir: PathBuf::new(),
        smoke: false,
        filters: Vec::new(),
        check_baseline: false,
        write_baseline: false,
        baseline: PathBuf::new(),
        jobs: std::thread::available_parallelism().map_or(2, |n| n.get()),
        show: Vec::new(),
    };
    let mut suites = 0;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().cloned().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--suite" | "--peer-suite" => {
                options.suite = if arg == "--suite" { Suite::W3c } else { Suite::Peer };
                options.dir = PathBuf::from(value()?);
                suites += 1;
            }
            "--smoke" => options.smoke = true,
            "--filter" => options.filters.push(value()?),
            "--check-baseline" => options.check_baseline = true,
            "--write-baseline" => options.write_baseline = true,
            "--baseline" => options.baseline = PathBuf::from(value()?),
            "--jobs" => {
                let v = value()?;
                options.jobs = v.parse().ok().filter(|&n| n > 0).ok_or(format!("--jobs {v}: not a count"))?;
            }
            "--show" => options.show.push(value()?),
            "-h" | "--help" => return Err("help".into()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    if suites != 1 {
        return Err("give one of --suite and --peer-suite".into());
    }
    if options.baseline.as_os_str().is_empty() {
        let name = match options.suite {
            Suite::W3c => "baseline.tsv",
            Suite::Peer => "peer-baseline.tsv",
        };
        options.baseline = Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    }
    Ok(options)
}

/// Writes a progress line to stderr.
fn log(message: &str) {
    eprintln!("w3c: {message}");
}

fn run(options: &Options) -> Result<ExitCode, String> {
    let started = Instant::now();
    let suite = options.dir.canonicalize().map_err(|e| format!("suite {}: {e}", options.dir.display()))?;
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .map_err(|e| format!("cannot find the repository root: {e}"))?;
    let (label, one_in) = match options.suite {
        Suite::W3c => ("w3c", W3C_SMOKE_ONE_IN),
        Suite::Peer => ("peer", PEER_SMOKE_ONE_IN),
    };
    let keep = |id: &str| {
        (!options.smoke || cases::in_smoke(id, one_in))
            && (options.filters.is_empty() || options.filters.iter().any(|f| id.contains(f.as_str())))
    };
    let mode = if options.smoke { "smoke" } else { "full" };
    let settings = pipeline::Settings {
        scratch: repo.join("target").join("w3c"),
        repo,
        mode: match options.suite {
            Suite::W3c => mode.to_owned(),
            Suite::Peer => format!("peer-{mode}"),
        },
        crate_prefix: format!("{label}_{mode}"),
        jobs: options.jobs,
    };
    let filtered = if options.filters.is_empty() { "" } else { ", filtered" };

    // The cases to run, and (peer suite) the documents libxml2 rejects: `(case, first message)`.
    let (cases, invalid): (Vec<Case>, Vec<(Case, String)>) = match options.suite {
        Suite::W3c => {
            let all = cases::load(&suite)?;
            let total = all.len();
            let cases: Vec<Case> = all.into_iter().filter(|c| keep(&c.id)).collect();
            log(&format!("{} of {total} cases ({mode}{filtered}) from {}", cases.len(), suite.display()));
            (cases, Vec::new())
        }
        Suite::Peer => {
            let phase = Instant::now();
            let found = peer::cases(&suite, &keep)?;
            std::fs::create_dir_all(settings.dir())
                .map_err(|e| format!("{}: {e}", settings.dir().display()))?;
            let entries = settings.dir().join("entries.tsv");
            let mut text = String::from("# document\tentry schema\thow it was chosen\tlibxml2\n");
            for p in &found {
                let verdict = p.invalid.as_deref().unwrap_or("valid");
                let _ = writeln!(text, "{}\t{}\t{}\t{verdict}", p.case.id, p.case.schema_set, p.rule);
            }
            std::fs::write(&entries, text).map_err(|e| format!("{}: {e}", entries.display()))?;
            let (valid, invalid): (Vec<_>, Vec<_>) = found.into_iter().partition(|p| p.invalid.is_none());
            log(&format!(
                "{} documents ({mode}{filtered}) from {}: libxml2 accepts {}, rejects {} ({:.1}s; entry points in {})",
                valid.len() + invalid.len(),
                suite.display(),
                valid.len(),
                invalid.len(),
                phase.elapsed().as_secs_f64(),
                entries.display()
            ));
            let invalid = invalid.into_iter().map(|p| (p.case, p.invalid.unwrap_or_default())).collect();
            (valid.into_iter().map(|p| p.case).collect(), invalid)
        }
    };

    let known =
        if options.baseline.exists() { baseline::read(&options.baseline)? } else { Default::default() };
    let mut ran = pipeline::run(&cases, &known, &settings)?;
    if options.suite == Suite::Peer {
        let phase = Instant::now();
        peer::check_outputs(&suite, &cases, &mut ran.outcomes, &|i| pipeline::output_path(&settings, i));
        log(&format!(
            "outputs: libxml2 judged what passing cases wrote ({:.1}s)",
            phase.elapsed().as_secs_f64()
        ));
    }
    let mut results: Vec<(&Case, String, String)> =
        cases.iter().zip(ran.outcomes).map(|(c, (o, d))| (c, o, d)).collect();
    if !invalid.is_empty() {
        results.extend(invalid.iter().map(|(c, message)| (c, baseline::INVALID.to_owned(), message.clone())));
        results.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    }
    let title = match options.suite {
        Suite::W3c => {
            "W3C XSD 1.0 subset: outcome per case, written by `cargo run --release -p w3c-runner -- \
             --suite ../shared/w3c-xsd10 --write-baseline`."
        }
        Suite::Peer => {
            "xsd-parser's test suite: outcome per example document, written by `cargo run --release \
             -p w3c-runner -- --peer-suite ../shared/xsd-parser-suite --write-baseline`."
        }
    };
    let finish = report::Finish {
        label,
        title,
        results: &results,
        compile_errors: &ran.compile_errors,
        dir: &settings.dir(),
        started,
    };
    report::finish(&finish, options)
}
