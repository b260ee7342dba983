//! Generating each schema set's module, in worker processes (this binary with `--gen-worker`) so a
//! generator that hangs, overflows its stack or aborts costs only that schema set.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use enhanced_presence_codegen::{Config, Error};

use crate::child::{LineChild, Reply};
use crate::wire::{escape, unescape};

/// One schema set to generate into `out`.
pub struct Job {
    pub schemas: Vec<PathBuf>,
    pub out: PathBuf,
}

/// Generation's outcome for a schema set: `ok` (the detail is then the generated size in bytes),
/// `gen-fail`, `unsupported:<feature>`, `panic` or `timeout`, and a one-line detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub outcome: String,
    pub detail: String,
}

impl Outcome {
    pub fn is_ok(&self) -> bool {
        self.outcome == "ok"
    }
}

/// Generates every job with `workers` worker processes, giving each schema set `limit`.
pub fn run(jobs: &[Job], workers: usize, limit: Duration, progress: &(dyn Fn(usize) + Sync)) -> Vec<Outcome> {
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; jobs.len()]);
    std::thread::scope(|scope| {
        for _ in 0..workers.max(1) {
            scope.spawn(|| {
                let mut worker: Option<LineChild> = None;
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { break };
                    let outcome = generate_in_worker(&mut worker, job, limit);
                    results.lock().expect("no panics while locked")[i] = Some(outcome);
                    progress(done.fetch_add(1, Ordering::Relaxed) + 1);
                }
            });
        }
    });
    results
        .into_inner()
        .expect("no panics while locked")
        .into_iter()
        .map(|r| r.expect("every job ran"))
        .collect()
}

fn generate_in_worker(worker: &mut Option<LineChild>, job: &Job, limit: Duration) -> Outcome {
    let failed = |outcome: &str, detail: String| Outcome { outcome: outcome.into(), detail };
    if worker.is_none() {
        let exe = match std::env::current_exe() {
            Ok(exe) => exe,
            Err(e) => return failed("gen-fail", format!("cannot find the runner's executable: {e}")),
        };
        let mut command = Command::new(exe);
        command.arg("--gen-worker");
        match LineChild::spawn(command) {
            Ok(child) => *worker = Some(child),
            Err(e) => return failed("gen-fail", format!("cannot start a generator worker: {e}")),
        }
    }
    let child = worker.as_mut().expect("started above");
    let mut request = escape(&job.out.display().to_string());
    for schema in &job.schemas {
        request.push('\t');
        request.push_str(&escape(&schema.display().to_string()));
    }
    match child.ask(&request, limit) {
        Reply::Line(line) => {
            let (outcome, detail) = line.split_once('\t').unwrap_or((line.as_str(), ""));
            failed(outcome, unescape(detail))
        }
        Reply::Died(how) => {
            *worker = None;
            failed("panic", format!("the generator crashed: {how}"))
        }
        Reply::Timeout => {
            *worker = None;
            failed("timeout", format!("generation took longer than {}s", limit.as_secs()))
        }
    }
}

/// The worker process: answers `<out>\t<schema>…` lines with `<outcome>\t<detail>`.
pub fn worker() {
    std::panic::set_hook(Box::new(|_| {}));
    let stdout = std::io::stdout();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let mut fields = line.split('\t').map(unescape);
        let out = PathBuf::from(fields.next().unwrap_or_default());
        let schemas: Vec<PathBuf> = fields.map(PathBuf::from).collect();
        let result = generate(&schemas, &out);
        let mut stdout = stdout.lock();
        let written = writeln!(stdout, "{}\t{}", result.outcome, escape(&result.detail));
        if written.and_then(|()| stdout.flush()).is_err() {
            break;
        }
    }
}

/// Generates one schema set into the single file `out` (written only when it changed).
pub fn generate(schemas: &[PathBuf], out: &Path) -> Outcome {
    let outcome = |outcome: &str, detail: String| Outcome { outcome: outcome.into(), detail };
    let generated = std::panic::catch_unwind(|| {
        let mut config = Config::new();
        // The suite is about reading every valid document, and a valid document may put `xsi:type`
        // on any element.
        // Registering roots as custom category values is for Enhanced Presence categories: the
        // suite's batches would only take longer to compile.
        config.schemas(schemas).single_file("generated.rs").keep_xsi_type(true);
        config.generate()
    });
    match generated {
        Ok(Ok(generated)) => {
            let Some(file) = generated.files.first() else {
                return outcome("gen-fail", "the generator produced no file".into());
            };
            if std::fs::read_to_string(out).ok().as_deref() != Some(file.text.as_str()) {
                if let Err(e) = std::fs::write(out, &file.text) {
                    return outcome("gen-fail", format!("cannot write {}: {e}", out.display()));
                }
            }
            outcome("ok", file.text.len().to_string())
        }
        Ok(Err(e)) => {
            let (name, detail) = classify(&e);
            outcome(&name, detail)
        }
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            outcome("panic", format!("the generator panicked: {message}"))
        }
    }
}

/// `unsupported:<feature>` when the generator names a feature it does not support, else `gen-fail`;
/// the detail is the diagnostics, one per line.
fn classify(error: &Error) -> (String, String) {
    let Error::Schema(diagnostics) = error else {
        return ("gen-fail".into(), error.to_string());
    };
    let detail = error.to_string();
    let unsupported = diagnostics.iter().find_map(|d| d.message.strip_prefix("unsupported:"));
    match unsupported {
        Some(feature) => {
            let feature: Vec<&str> = feature.split_whitespace().collect();
            (format!("unsupported:{}", feature.join(" ")), detail)
        }
        None => ("gen-fail".into(), detail),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use enhanced_presence_codegen::Diagnostic;

    #[test]
    fn unsupported_features_are_named() {
        let d = |m: &str| Diagnostic::new(Default::default(), m);
        let error = Error::Schema(vec![d("unknown type `x`"), d("unsupported:  xs:all\n")]);
        assert_eq!(classify(&error).0, "unsupported:xs:all");
        assert_eq!(classify(&Error::Schema(vec![d("unknown type `x`")])).0, "gen-fail");
    }
}
