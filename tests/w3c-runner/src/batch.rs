//! Batch crates: a few hundred generated schema modules per binary crate, in a scratch cargo
//! workspace with its own target directory. Compile errors are attributed to modules by the file
//! they point into; a failing batch whose errors name no module is split in two and built again.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One schema set's generated module.
#[derive(Debug, Clone)]
pub struct Module {
    /// The module's name, also the stem of its generated file and of its wrapper.
    pub name: String,
    /// The generated file.
    pub generated: PathBuf,
    /// The generated file's size, for sizing batches.
    pub size: usize,
    /// The schema set, for the wrapper's comment.
    pub schemas: String,
}

/// A batch crate.
#[derive(Debug, Clone)]
pub struct Batch {
    pub name: String,
    pub modules: Vec<Module>,
}

/// Where the batch crates live and what they depend on.
pub struct Workspace {
    /// The scratch workspace directory.
    pub dir: PathBuf,
    /// The `CARGO_TARGET_DIR` for building it.
    pub target: PathBuf,
    /// The repository root (the runtime crate).
    pub repo: PathBuf,
    /// Batch crate names start with this.
    pub prefix: String,
}

/// The batches' binaries and the modules that did not compile.
pub struct Compiled {
    /// Each built batch: its binary and modules.
    pub binaries: Vec<(PathBuf, Batch)>,
    /// Modules that did not compile, with the first error.
    pub failed: BTreeMap<String, String>,
    /// Every error (`path:line:column: error…`) of the modules that did not compile.
    pub errors: BTreeMap<String, Vec<String>>,
    /// How many times cargo ran.
    pub rounds: usize,
}

/// A batch holds at most this many bytes of generated code…
const BATCH_BYTES: usize = 3_000_000;
/// …and at most this many modules.
const BATCH_MODULES: usize = 300;
/// Cargo runs at most this many times.
const MAX_ROUNDS: usize = 10;

/// Splits `modules` (in order) into batches, the `suspects` (modules expected not to compile) in
/// batches of their own, so that the others build on the first attempt.
pub fn plan(prefix: &str, modules: Vec<Module>, suspects: &BTreeSet<String>) -> Vec<Batch> {
    let (suspect, clean): (Vec<Module>, Vec<Module>) =
        modules.into_iter().partition(|m| suspects.contains(&m.name));
    let mut batches: Vec<Batch> = Vec::new();
    let mut bytes = 0;
    let first_suspect = clean.len();
    for (i, module) in clean.into_iter().chain(suspect).enumerate() {
        let full = i == first_suspect
            || batches.last().is_none_or(|b| b.modules.len() >= BATCH_MODULES || bytes >= BATCH_BYTES);
        if full {
            batches.push(Batch { name: format!("{prefix}_b{:03}", batches.len()), modules: Vec::new() });
            bytes = 0;
        }
        bytes += module.size;
        batches.last_mut().expect("pushed above").modules.push(module);
    }
    batches
}

/// Builds `batches`, dropping modules that do not compile, until the rest builds.
pub fn compile(ws: &Workspace, mut batches: Vec<Batch>, log: &dyn Fn(&str)) -> Result<Compiled, String> {
    let mut failed = BTreeMap::new();
    let mut errors = BTreeMap::new();
    let mut next_name = batches.len();
    let mut rounds = 0;
    loop {
        batches.retain(|b| !b.modules.is_empty());
        if batches.is_empty() {
            return Ok(Compiled { binaries: Vec::new(), failed, errors, rounds });
        }
        write_workspace(ws, &batches)?;
        rounds += 1;
        let build = cargo_build(ws)?;
        if build.success {
            let binaries = batches.into_iter().map(|b| (ws.target.join("debug").join(&b.name), b)).collect();
            return Ok(Compiled { binaries, failed, errors, rounds });
        }
        if !batches.iter().any(|b| build.failed_crates.contains(&b.name)) {
            // Not a generated module's fault: the runtime does not build, or cargo itself failed.
            let lines: Vec<&str> = build.log.lines().collect();
            let tail = lines[lines.len().saturating_sub(40)..].join("\n");
            return Err(format!("cargo failed in {} but no batch crate did:\n{tail}", ws.dir.display()));
        }
        let last_round = rounds >= MAX_ROUNDS;
        let mut split = Vec::new();
        for batch in batches.iter_mut().filter(|b| build.failed_crates.contains(&b.name)) {
            let before = batch.modules.len();
            batch.modules.retain(|m| match build.errors.get(&m.name) {
                Some(found) => {
                    failed.insert(m.name.clone(), summarize(found));
                    errors.insert(m.name.clone(), found.iter().map(|e| e.line.clone()).collect());
                    false
                }
                None => true,
            });
            let attributed = before - batch.modules.len();
            if attributed > 0 && !last_round {
                continue;
            }
            let reason = build.unattributed.first().cloned().unwrap_or_else(|| "unattributed error".into());
            if batch.modules.len() == 1 || last_round {
                for m in batch.modules.drain(..) {
                    failed.insert(m.name, format!("the batch failed to compile: {reason}"));
                }
            } else if !batch.modules.is_empty() {
                let half = batch.modules.split_off(batch.modules.len() / 2);
                split.push(Batch { name: format!("{}_b{next_name:03}", ws.prefix), modules: half });
                next_name += 1;
            }
        }
        batches.extend(split);
        log(&format!(
            "compile round {rounds}: {} crates failed, {} modules dropped so far",
            build.failed_crates.len(),
            failed.len()
        ));
    }
}

/// The first error of a module, and how many more there were.
fn summarize(errors: &[CompileError]) -> String {
    let first = errors.first().map(|e| e.message.clone()).unwrap_or_default();
    match errors.len() {
        0 | 1 => first,
        n => format!("{first} (and {} more errors)", n - 1),
    }
}

/// One error of a module.
struct CompileError {
    /// `E0425 cannot find …`, module paths (`s_…::`) removed.
    message: String,
    /// The diagnostic as rustc printed it.
    line: String,
}

struct Build {
    success: bool,
    failed_crates: BTreeSet<String>,
    /// Errors by module name.
    errors: BTreeMap<String, Vec<CompileError>>,
    /// Errors that point into no module.
    unattributed: Vec<String>,
    log: String,
}

fn cargo_build(ws: &Workspace) -> Result<Build, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["build", "--workspace", "--keep-going", "--message-format=short", "--color=never"])
        .current_dir(&ws.dir)
        .env("CARGO_TARGET_DIR", &ws.target)
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let log = String::from_utf8_lossy(&output.stderr).into_owned();
    let mut build = parse_build_log(&log);
    build.success = output.status.success();
    Ok(build)
}

fn parse_build_log(log: &str) -> Build {
    let mut build = Build {
        success: false,
        failed_crates: BTreeSet::new(),
        errors: BTreeMap::new(),
        unattributed: Vec::new(),
        log: log.to_owned(),
    };
    for line in log.lines() {
        if let Some(rest) = line.strip_prefix("error: could not compile `") {
            if let Some((name, _)) = rest.split_once('`') {
                build.failed_crates.insert(name.to_owned());
            }
            continue;
        }
        let Some((location, message)) = split_error(line) else { continue };
        let module = location.and_then(|path| {
            let stem = Path::new(path).file_stem()?.to_str()?;
            stem.starts_with("s_").then(|| stem.to_owned())
        });
        match module {
            Some(module) => {
                let error = CompileError { message: strip_module_paths(&message), line: line.to_owned() };
                build.errors.entry(module).or_default().push(error);
            }
            None if message.starts_with("aborting due to") => {}
            None => build.unattributed.push(match location {
                Some(path) => format!("{path}: {message}"),
                None => message,
            }),
        }
    }
    build
}

/// Removes the batch's module prefixes (`s_0123456789abcdef::`) from a message, so that equal errors in
/// different schema sets read the same.
fn strip_module_paths(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find("s_") {
        let after = &rest[at + 2..];
        let hex = after.len() >= 18
            && after.as_bytes()[..16].iter().all(u8::is_ascii_hexdigit)
            && after[16..].starts_with("::");
        let boundary = !rest[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_');
        if hex && boundary {
            out.push_str(&rest[..at]);
            rest = &after[18..];
        } else {
            out.push_str(&rest[..at + 2]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Splits a short-format diagnostic `path:line:col: error[E0425]: message` into its path (if any)
/// and `E0425 message`; other lines give `None`.
fn split_error(line: &str) -> Option<(Option<&str>, String)> {
    let (location, rest) = match line.find(": error") {
        Some(at) => (Some(&line[..at]), &line[at + 2..]),
        None if line.starts_with("error") => (None, line),
        None => return None,
    };
    let rest = rest.strip_prefix("error")?;
    let message = if let Some(coded) = rest.strip_prefix('[') {
        let (code, message) = coded.split_once("]: ")?;
        format!("{code} {message}")
    } else {
        rest.strip_prefix(": ")?.to_owned()
    };
    let path = location.map(|l| {
        let mut parts = l.rsplitn(3, ':');
        let (col, line, path) = (parts.next(), parts.next(), parts.next());
        match (col, line, path) {
            (Some(c), Some(n), Some(p)) if c.parse::<u32>().is_ok() && n.parse::<u32>().is_ok() => p,
            _ => l,
        }
    });
    Some((path, message))
}

fn write_if_changed(path: &Path, text: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).ok().as_deref() == Some(text) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn write_workspace(ws: &Workspace, batches: &[Batch]) -> Result<(), String> {
    let members: Vec<String> = batches.iter().map(|b| format!("{:?}", b.name)).collect();
    let manifest = format!(
        "# Written by w3c-runner: one crate per batch of generated schema modules.\n\
         [workspace]\nmembers = [{}]\nresolver = \"2\"\n\n\
         [profile.dev]\ndebug = false\nincremental = false\n\
         # A fifth less code to compile than unwinding; the harness answers before it aborts.\n\
         panic = \"abort\"\n",
        members.join(", ")
    );
    write_if_changed(&ws.dir.join("Cargo.toml"), &manifest)?;
    // Start from the repository's lock file, so the batches build with the versions it tested.
    let lock = ws.dir.join("Cargo.lock");
    if !lock.exists() {
        if let Ok(text) = std::fs::read_to_string(ws.repo.join("Cargo.lock")) {
            write_if_changed(&lock, &text)?;
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (harness, wire) = (src.join("harness.rs"), src.join("wire.rs"));
    for batch in batches {
        let dir = ws.dir.join(&batch.name);
        let manifest = format!(
            "[package]\nname = {:?}\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\nenhanced-presence = {{ path = {:?}, features = [\"encoding\"] }}\n",
            batch.name,
            ws.repo.display().to_string()
        );
        write_if_changed(&dir.join("Cargo.toml"), &manifest)?;
        let mut main = String::from(
            "// Written by w3c-runner: each module is one schema set's generated code.\n\
             #![allow(warnings, clippy::all)]\n\n",
        );
        for (name, path) in [("harness", &harness), ("wire", &wire)] {
            let _ = writeln!(main, "#[path = {:?}]\nmod {name};", path.display().to_string());
        }
        main.push('\n');
        for m in &batch.modules {
            let _ = writeln!(main, "mod {};", m.name);
            write_if_changed(&dir.join("src").join(format!("{}.rs", m.name)), &wrapper(m))?;
        }
        main.push_str("\nfn main() {\n    harness::serve(&[\n");
        for m in &batch.modules {
            let _ = writeln!(main, "        ({:?}, {}::check as harness::Check),", m.name, m.name);
        }
        main.push_str("    ]);\n}\n");
        write_if_changed(&dir.join("src").join("main.rs"), &main)?;
    }
    Ok(())
}

/// A module's file: the generated code, `check` for the harness, and a stand-in `Document` (shadowed
/// by the generated one, when the schema set has global elements).
fn wrapper(m: &Module) -> String {
    format!(
        "// Schema set: {schemas}\n\
         #[allow(unused_imports)]\n\
         pub use self::__w3c_fallback::*;\n\n\
         include!({generated:?});\n\n\
         pub fn check(xml: &str) -> ::enhanced_presence::roundtrip::Report {{\n    \
             ::enhanced_presence::roundtrip::check_as::<::enhanced_presence::WithHints<Document>>(xml)\n\
         }}\n\n\
         mod __w3c_fallback {{\n    \
             /// No global elements: no document can have a root this schema set declares.\n    \
             pub enum Document {{}}\n\n    \
             impl ::enhanced_presence::XmlElement for Document {{\n        \
                 fn matches(_: &[u8], _: &[u8]) -> bool {{\n            false\n        }}\n        \
                 fn expected() -> &'static str {{\n            \
                     \"a global element (the generated code has no `Document`)\"\n        }}\n        \
                 fn read_element(\n            \
                     _: &mut ::enhanced_presence::XmlReader<'_>,\n            \
                     _: ::enhanced_presence::Start<'_>,\n        \
                 ) -> Result<Self, ::enhanced_presence::Error> {{\n            \
                     unreachable!(\"matches nothing\")\n        }}\n        \
                 fn write_element(&self, _: &mut ::enhanced_presence::XmlWriter) {{\n            \
                     match *self {{}}\n        }}\n    \
             }}\n\
         }}\n",
        schemas = m.schemas.replace('\n', " "),
        generated = m.generated.display().to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_attributed_to_modules() {
        let log = "   Compiling w3c_full_b000 v0.0.0\n\
            /w/target/w3c/gen/s_00ab.rs:12:5: error[E0428]: the name `A` is defined multiple times\n\
            /w/target/w3c/gen/s_00ab.rs:12:5: warning: unused\n\
            w3c_full_b000/src/s_00cd.rs:3:1: error: cannot find macro `x` in this scope\n\
            w3c_full_b000/src/main.rs:3:1: error[E0601]: `main` function not found\n\
            error: aborting due to 3 previous errors\n\
            error: could not compile `w3c_full_b000` (bin \"w3c_full_b000\") due to 3 previous errors\n";
        let build = parse_build_log(log);
        assert_eq!(build.failed_crates.iter().collect::<Vec<_>>(), ["w3c_full_b000"]);
        let messages = |m: &str| build.errors[m].iter().map(|e| e.message.as_str()).collect::<Vec<_>>();
        assert_eq!(messages("s_00ab"), ["E0428 the name `A` is defined multiple times"]);
        assert_eq!(messages("s_00cd"), ["cannot find macro `x` in this scope"]);
        assert!(build.errors["s_00cd"][0].line.starts_with("w3c_full_b000/src/s_00cd.rs:3:1: error"));
        assert_eq!(build.unattributed, ["w3c_full_b000/src/main.rs: E0601 `main` function not found"]);
    }

    #[test]
    fn module_paths_are_removed() {
        let message = "the trait `s_0123456789abcdef::a::T: Eq` is not satisfied; xs_0123456789abcdef::b";
        assert_eq!(
            strip_module_paths(message),
            "the trait `a::T: Eq` is not satisfied; xs_0123456789abcdef::b"
        );
    }

    #[test]
    fn batches_are_bounded() {
        let module = |i: usize, size: usize| Module {
            name: format!("s_{i}"),
            generated: PathBuf::new(),
            size,
            schemas: String::new(),
        };
        let modules: Vec<Module> = (0..650).map(|i| module(i, 10)).collect();
        let none = BTreeSet::new();
        let sizes: Vec<usize> = plan("p", modules.clone(), &none).iter().map(|b| b.modules.len()).collect();
        assert_eq!(sizes, [300, 300, 50]);
        let suspects: BTreeSet<String> = ["s_3".to_owned(), "s_600".to_owned()].into();
        let batches = plan("p", modules, &suspects);
        let sizes: Vec<usize> = batches.iter().map(|b| b.modules.len()).collect();
        assert_eq!(sizes, [300, 300, 48, 2]);
        assert_eq!(batches[3].modules.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(), ["s_3", "s_600"]);
        let big = plan("p", vec![module(0, BATCH_BYTES), module(1, 1), module(2, 1)], &none);
        assert_eq!(big.iter().map(|b| b.modules.len()).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(big[1].name, "p_b001");
    }
}
