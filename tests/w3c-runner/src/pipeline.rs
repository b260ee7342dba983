//! The phases every suite goes through: generate each schema set into a module, compile the modules
//! in batch crates, then check each case's instance with its module (see the README).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::cases::{self, Case};
use crate::{baseline, batch, generate, log};

/// A generator run longer than this is a `timeout`.
const GENERATE_LIMIT: Duration = Duration::from_secs(60);
/// An instance check longer than this is a `timeout`.
const CHECK_LIMIT: Duration = Duration::from_secs(20);

/// Where a run works and how much of the machine it uses.
pub struct Settings {
    /// The repository root (the runtime crate the batches depend on).
    pub repo: PathBuf,
    /// `target/w3c`: generated files in `gen/`, shared build output in `target/`.
    pub scratch: PathBuf,
    /// The batch workspace's directory under `scratch` (e.g. `smoke`, `peer-full`), also where the
    /// run's reports go.
    pub mode: String,
    /// Batch crate names start with this (e.g. `w3c_smoke`).
    pub crate_prefix: String,
    /// Parallel generator workers, and batches checked at once.
    pub jobs: usize,
}

impl Settings {
    /// The batch workspace, where the reports go too.
    pub fn dir(&self) -> PathBuf {
        self.scratch.join(&self.mode)
    }
}

/// What the phases made of the cases.
pub struct Ran {
    /// Per case, in the order given: outcome and detail.
    pub outcomes: Vec<(String, String)>,
    /// Every compile error of each schema set that did not compile: `(module, schema set, errors)`.
    pub compile_errors: Vec<(String, String, Vec<String>)>,
}

/// The module a schema set is generated into.
pub fn module_name(schema_set: &str) -> String {
    format!("s_{:016x}", cases::fnv1a(schema_set))
}

/// Generates, compiles and checks `cases`; `known` (the baseline) says which schema sets failed to
/// compile before, so they get batches of their own.
pub fn run(cases: &[Case], known: &baseline::Outcomes, settings: &Settings) -> Result<Ran, String> {
    let gen_dir = settings.scratch.join("gen");
    std::fs::create_dir_all(&gen_dir).map_err(|e| format!("{}: {e}", gen_dir.display()))?;

    // Schema sets, in order of first use; each becomes one module.
    let mut sets: BTreeMap<&str, usize> = BTreeMap::new();
    let mut order: Vec<&Case> = Vec::new();
    for case in cases {
        sets.entry(case.schema_set.as_str()).or_insert_with(|| {
            order.push(case);
            order.len() - 1
        });
    }
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
    let generated = generate::run(&jobs, settings.jobs, GENERATE_LIMIT, &|done| {
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
        dir: settings.dir(),
        target: settings.scratch.join("target"),
        repo: settings.repo.clone(),
        prefix: settings.crate_prefix.clone(),
    };
    // Schema sets whose cases the baseline records as compile-fail go into batches of their own, so
    // the other batches build on the first attempt.
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
    let mut outcomes = vec![(String::new(), String::new()); cases.len()];
    let mut work: BTreeMap<String, crate::run::Work> = BTreeMap::new();
    let mut batch_of: BTreeMap<&str, &Path> = BTreeMap::new();
    for (binary, b) in &compiled.binaries {
        for m in &b.modules {
            batch_of.insert(&m.name, binary);
        }
    }
    for (i, case) in cases.iter().enumerate() {
        let name = module_name(&case.schema_set);
        let g = &generated[sets[case.schema_set.as_str()]];
        outcomes[i] = if !g.is_ok() {
            (g.outcome.clone(), g.detail.clone())
        } else if let Some(error) = compiled.failed.get(&name) {
            ("compile-fail".into(), error.clone())
        } else if let Some(binary) = batch_of.get(name.as_str()) {
            let key = binary.display().to_string();
            let w = work
                .entry(key)
                .or_insert_with(|| crate::run::Work { binary: binary.to_path_buf(), instances: vec![] });
            let output = output_path(settings, i);
            w.instances.push(crate::run::Instance {
                case: i,
                module: name,
                path: case.instance.clone(),
                output,
            });
            continue;
        } else {
            ("compile-fail".into(), "the module is in no built batch".into())
        };
    }
    let outputs = settings.dir().join("outputs");
    let _ = std::fs::remove_dir_all(&outputs);
    std::fs::create_dir_all(&outputs).map_err(|e| format!("{}: {e}", outputs.display()))?;
    let work: Vec<crate::run::Work> = work.into_values().collect();
    let instances: usize = work.iter().map(|w| w.instances.len()).sum();
    for (i, outcome, detail) in crate::run::run(&work, settings.jobs, CHECK_LIMIT) {
        outcomes[i] = (outcome, detail);
    }
    log(&format!("check: {instances} instances in {:.1}s", phase.elapsed().as_secs_f64()));

    let compile_errors = order
        .iter()
        .filter_map(|c| {
            let name = module_name(&c.schema_set);
            let errors = compiled.errors.get(&name)?.clone();
            Some((name, c.schema_set.clone(), errors))
        })
        .collect();
    Ok(Ran { outcomes, compile_errors })
}

/// Where the check of case `i` writes the document it wrote back (see [`crate::peer::check_outputs`]).
pub fn output_path(settings: &Settings, i: usize) -> PathBuf {
    settings.dir().join("outputs").join(format!("{i}.xml"))
}
