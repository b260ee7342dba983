//! `w3c-runner`: the W3C XML Schema 1.0 test-suite subset as a yardstick for the generator.
//!
//! ```text
//! cargo run --release -p w3c-runner -- --suite ../shared/w3c-xsd10 [--smoke] [--check-baseline]
//! ```
//!
//! For each case (a valid instance of a schema group): generate the group's schema set into a
//! module of a batch crate under `target/w3c/`, compile the batches, then parse the instance with the
//! module's `Document`, write it back and compare (`roundtrip::check_as`, DESIGN §6). One outcome per
//! case: `pass`, `gen-fail`, `unsupported:<feature>`, `compile-fail`, `parse-fail`, `lossy:<what
//! differs>`, `not-idempotent`, `panic`, `timeout`. The last line of output is the pass rate, e.g.
//! `w3c: pass=4312/4571 (94.3%)`.

mod baseline;
mod batch;
mod cases;
mod child;
mod generate;
#[cfg(test)]
mod harness;
mod run;
mod wire;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use cases::Case;

const USAGE: &str = "\
usage: w3c-runner --suite DIR [options]

Runs the W3C XML Schema 1.0 subset in DIR (its cases.tsv) through the generator and the round-trip
check, printing the outcome counts and, last, `w3c: pass=N/M (P%)`.

options:
  --suite DIR         the suite subset (e.g. ../shared/w3c-xsd10)
  --smoke             only the smoke slice (about one case in 12, chosen by a hash of the case id)
  --filter TEXT       only cases whose id contains TEXT (repeatable)
  --check-baseline    fail (exit 1) on any regression from the baseline; list improvements
  --write-baseline    write the run's outcomes into the baseline
  --baseline FILE     the baseline (default: tests/w3c-runner/baseline.tsv)
  --jobs N            parallel generator workers, and batches checked at once (default: CPUs)
  --show OUTCOME      list the cases with outcomes starting with OUTCOME, with details (repeatable)
";

/// A generator run longer than this is a `timeout`.
const GENERATE_LIMIT: Duration = Duration::from_secs(60);
/// An instance check longer than this is a `timeout`.
const CHECK_LIMIT: Duration = Duration::from_secs(20);

struct Options {
    suite: PathBuf,
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
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut options = Options {
        suite: PathBuf::new(),
        smoke: false,
        filters: Vec::new(),
        check_baseline: false,
        write_baseline: false,
        baseline: manifest_dir.join("baseline.tsv"),
        jobs: std::thread::available_parallelism().map_or(2, |n| n.get()),
        show: Vec::new(),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().cloned().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--suite" => options.suite = PathBuf::from(value()?),
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
    if options.suite.as_os_str().is_empty() {
        return Err("--suite is required".into());
    }
    Ok(options)
}

/// Writes a progress line to stderr.
fn log(message: &str) {
    eprintln!("w3c: {message}");
}

/// Per case: outcome and detail.
struct Results {
    outcomes: Vec<(String, String)>,
}

fn run(options: &Options) -> Result<ExitCode, String> {
    let started = Instant::now();
    let suite =
        options.suite.canonicalize().map_err(|e| format!("suite {}: {e}", options.suite.display()))?;
    let all = cases::load(&suite)?;
    let total_in_suite = all.len();
    let cases: Vec<Case> = all
        .into_iter()
        .filter(|c| !options.smoke || cases::in_smoke(c))
        .filter(|c| options.filters.is_empty() || options.filters.iter().any(|f| c.id.contains(f.as_str())))
        .collect();
    let mode = if options.smoke { "smoke" } else { "full" };
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .map_err(|e| format!("cannot find the repository root: {e}"))?;
    let scratch = repo.join("target").join("w3c");
    let gen_dir = scratch.join("gen");
    std::fs::create_dir_all(&gen_dir).map_err(|e| format!("{}: {e}", gen_dir.display()))?;
    log(&format!(
        "{} of {total_in_suite} cases ({mode}{}) from {}",
        cases.len(),
        if options.filters.is_empty() { "" } else { ", filtered" },
        suite.display()
    ));

    // Schema sets, in order of first use; each becomes one module.
    let mut sets: BTreeMap<&str, usize> = BTreeMap::new();
    let mut order: Vec<&Case> = Vec::new();
    for case in &cases {
        sets.entry(case.schema_set.as_str()).or_insert_with(|| {
            order.push(case);
            order.len() - 1
        });
    }
    let module_name = |set: &str| format!("s_{:016x}", cases::fnv1a(set));
    let jobs: Vec<generate::Job> = order
        .iter()
        .map(|c| generate::Job {
            schemas: c.schemas.clone(),
            out: gen_dir.join(format!("{}.rs", module_name(&c.schema_set))),
        })
        .collect();

    // 1. Generate.
    let phase = Instant::now();
    let step = (jobs.len() / 10).max(1);
    let generated = generate::run(&jobs, options.jobs, GENERATE_LIMIT, &|done| {
        if done % step == 0 || done == jobs.len() {
            log(&format!("generated {done}/{} schema sets", jobs.len()));
        }
    });
    let ok = generated.iter().filter(|g| g.is_ok()).count();
    log(&format!("generate: {ok} of {} schema sets in {:.1}s", jobs.len(), phase.elapsed().as_secs_f64()));

    // 2. Compile.
    let phase = Instant::now();
    let modules: Vec<batch::Module> = order
        .iter()
        .zip(&jobs)
        .zip(&generated)
        .filter(|(_, g)| g.is_ok())
        .map(|((c, job), g)| batch::Module {
            name: module_name(&c.schema_set),
            generated: job.out.clone(),
            size: g.detail.parse().unwrap_or(0),
            schemas: c.schema_set.clone(),
        })
        .collect();
    let workspace = batch::Workspace {
        dir: scratch.join(mode),
        target: scratch.join("target"),
        repo: repo.clone(),
        prefix: format!("w3c_{mode}"),
    };
    // Schema sets whose cases the baseline records as compile-fail go into batches of their own, so
    // the other batches build on the first attempt.
    let known =
        if options.baseline.exists() { baseline::read(&options.baseline)? } else { Default::default() };
    let suspects: BTreeSet<String> = cases
        .iter()
        .filter(|c| known.get(&c.id).is_some_and(|o| o == "compile-fail"))
        .map(|c| module_name(&c.schema_set))
        .collect();
    let batches = batch::plan(&workspace.prefix, modules, &suspects);
    log(&format!("compile: {} batch crates in {}", batches.len(), workspace.dir.display()));
    let compiled = batch::compile(&workspace, batches, &|m| log(m))?;
    log(&format!(
        "compile: {} modules failed, {} cargo runs, {:.1}s",
        compiled.failed.len(),
        compiled.rounds,
        phase.elapsed().as_secs_f64()
    ));

    // 3. Check the instances.
    let phase = Instant::now();
    let mut results = Results { outcomes: vec![(String::new(), String::new()); cases.len()] };
    let mut work: BTreeMap<String, run::Work> = BTreeMap::new();
    let mut batch_of: BTreeMap<&str, &Path> = BTreeMap::new();
    for (binary, b) in &compiled.binaries {
        for m in &b.modules {
            batch_of.insert(&m.name, binary);
        }
    }
    for (i, case) in cases.iter().enumerate() {
        let set = sets[case.schema_set.as_str()];
        let name = module_name(&case.schema_set);
        let g = &generated[set];
        results.outcomes[i] = if !g.is_ok() {
            (g.outcome.clone(), g.detail.clone())
        } else if let Some(error) = compiled.failed.get(&name) {
            ("compile-fail".into(), error.clone())
        } else if let Some(binary) = batch_of.get(name.as_str()) {
            let key = binary.display().to_string();
            let w = work
                .entry(key)
                .or_insert_with(|| run::Work { binary: binary.to_path_buf(), instances: vec![] });
            w.instances.push(run::Instance { case: i, module: name, path: case.instance.clone() });
            continue;
        } else {
            ("compile-fail".into(), "the module is in no built batch".into())
        };
    }
    let work: Vec<run::Work> = work.into_values().collect();
    let instances: usize = work.iter().map(|w| w.instances.len()).sum();
    for (i, outcome, detail) in run::run(&work, options.jobs, CHECK_LIMIT) {
        results.outcomes[i] = (outcome, detail);
    }
    log(&format!("check: {instances} instances in {:.1}s", phase.elapsed().as_secs_f64()));

    // 4. Report.
    let results_file = workspace.dir.join("results.tsv");
    let mut text = String::from("# case id\toutcome\tdetail\n");
    for (case, (outcome, detail)) in cases.iter().zip(&results.outcomes) {
        let detail: String = detail.split_whitespace().collect::<Vec<_>>().join(" ");
        let _ = writeln!(text, "{}\t{outcome}\t{detail}", case.id);
    }
    std::fs::write(&results_file, text).map_err(|e| format!("{}: {e}", results_file.display()))?;
    let errors_file = workspace.dir.join("compile-errors.txt");
    let mut text = String::from("# Every compile error of the schema sets that did not compile.\n");
    for c in &order {
        if let Some(errors) = compiled.errors.get(&module_name(&c.schema_set)) {
            let _ = writeln!(text, "\n== {} ({})", module_name(&c.schema_set), c.schema_set);
            for e in errors {
                let _ = writeln!(text, "{e}");
            }
        }
    }
    std::fs::write(&errors_file, text).map_err(|e| format!("{}: {e}", errors_file.display()))?;
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (outcome, _) in &results.outcomes {
        *counts.entry(outcome.as_str()).or_default() += 1;
    }
    let mut counts: Vec<(&str, usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    println!("outcomes ({} cases, {:.0}s):", cases.len(), started.elapsed().as_secs_f64());
    for (outcome, n) in &counts {
        println!("{n:>7}  {outcome}");
    }
    for prefix in &options.show {
        for (case, (outcome, detail)) in cases.iter().zip(&results.outcomes) {
            if outcome.starts_with(prefix.as_str()) {
                println!("{}\t{outcome}\t{}", case.id, detail.replace('\n', " | "));
            }
        }
    }
    println!("details: {} and {}", results_file.display(), errors_file.display());

    let run_outcomes: baseline::Outcomes =
        cases.iter().zip(&results.outcomes).map(|(c, (o, _))| (c.id.clone(), o.clone())).collect();
    let mut code = ExitCode::SUCCESS;
    if options.check_baseline {
        let base = baseline::read(&options.baseline)?;
        let c = baseline::compare(&base, &run_outcomes);
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
        let text = baseline::render(&old, &run_outcomes);
        std::fs::write(&options.baseline, text)
            .map_err(|e| format!("{}: {e}", options.baseline.display()))?;
        println!("wrote {}", options.baseline.display());
    }
    let pass = run_outcomes.values().filter(|o| *o == "pass").count();
    let total = cases.len();
    let percent = if total == 0 { 0.0 } else { pass as f64 * 100.0 / total as f64 };
    println!("w3c: pass={pass}/{total} ({percent:.1}%)");
    Ok(code)
}
