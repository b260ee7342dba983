//! Running the instances through the batch binaries, one child per batch at a time, each instance
//! under a time limit; a crash or a timeout costs that instance and the child is started again.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use crate::child::{LineChild, Reply};
use crate::wire::{escape, unescape};

/// One instance to check with a module of a batch binary.
pub struct Instance {
    /// Index of the case in the caller's list.
    pub case: usize,
    pub module: String,
    pub path: PathBuf,
    /// Where the check writes the document it wrote back, when it passes.
    pub output: PathBuf,
}

/// The instances of one batch binary.
pub struct Work {
    pub binary: PathBuf,
    pub instances: Vec<Instance>,
}

/// Runs every batch's instances with `threads` batches at a time; returns `(case, outcome, detail)`.
pub fn run(work: &[Work], threads: usize, limit: Duration) -> Vec<(usize, String, String)> {
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(w) = work.get(i) else { break };
                let outcomes = run_batch(&w.binary, &w.instances, limit);
                results.lock().expect("no panics while locked").extend(outcomes);
            });
        }
    });
    results.into_inner().expect("no panics while locked")
}

fn run_batch(binary: &Path, instances: &[Instance], limit: Duration) -> Vec<(usize, String, String)> {
    let mut child: Option<LineChild> = None;
    let mut out = Vec::new();
    for instance in instances {
        if child.is_none() {
            match LineChild::spawn(Command::new(binary)) {
                Ok(c) => child = Some(c),
                Err(e) => {
                    let detail = format!("cannot start {}: {e}", binary.display());
                    out.push((instance.case, "compile-fail".into(), detail));
                    continue;
                }
            }
        }
        let request = format!(
            "{}\t{}\t{}",
            instance.module,
            escape(&instance.path.display().to_string()),
            escape(&instance.output.display().to_string())
        );
        let running = child.as_mut().expect("started above");
        let (outcome, detail) = match running.ask(&request, limit) {
            Reply::Line(line) => {
                let (outcome, detail) = line.split_once('\t').unwrap_or((line.as_str(), ""));
                (outcome.to_owned(), unescape(detail))
            }
            Reply::Died(how) => {
                child = None;
                ("panic".into(), format!("the check crashed: {how}"))
            }
            Reply::Timeout => {
                child = None;
                ("timeout".into(), format!("the check took longer than {}s", limit.as_secs()))
            }
        };
        if outcome == "panic" {
            // The batch binaries abort on a panic (after answering).
            child = None;
        }
        out.push((instance.case, outcome, detail));
    }
    out
}
