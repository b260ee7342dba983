//! The other direction of the `features` fuzz target's libxml2 check: of the documents given, those
//! the reader accepts that libxml2 holds invalid against the schema set whose root they are, grouped
//! by the shape of libxml2's message (its quoted values left out), with one example of each.
//!
//! ```sh
//! cargo run --release -p generator-features --example accepted-invalid -- fuzz/corpus/features
//! ```
//!
//! Fuzzing cannot assert this direction: the reader is lenient on purpose in places (`fuzz/README.md`
//! lists where), and libxml2 has leniencies and strictnesses of its own. Reading the groups is how
//! a class the reader should refuse is told from either; replaying the `features` corpus this way
//! found the classes `fuzz/README.md` names, now refused, and shows what is left.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use enhanced_presence::roundtrip::infoset;
use enhanced_presence::{WithHints, XmlElement};
use generator_features as features;
use xsd_validator::{Document, Schema, Severity};

/// One group: how many documents, and the first one's file and message.
struct Group {
    count: usize,
    file: PathBuf,
    message: String,
}

#[derive(Default)]
struct Replay {
    /// Each schema file compiled once.
    schemas: HashMap<&'static str, Schema>,
    /// By schema file and message shape.
    groups: BTreeMap<(&'static str, String), Group>,
    accepted: usize,
}

impl Replay {
    /// Checks `input` against one schema set: `D` its document type, `schema` its file.
    fn check<D: XmlElement>(&mut self, file: &Path, input: &str, schema: &'static str) -> Result<(), String> {
        let Ok(parsed) = infoset::parse(input) else { return Ok(()) };
        let (ns, local) = parsed.root_name();
        if !D::matches(ns.as_bytes(), local.as_bytes())
            || enhanced_presence::from_str::<WithHints<D>>(input).is_err()
        {
            return Ok(());
        }
        self.accepted += 1;
        let compiled = match self.schemas.entry(schema) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas").join(schema);
                e.insert(
                    Schema::from_file(&path)
                        .map_err(|d| format!("libxml2 cannot compile {schema}: {d:?}"))?,
                )
            }
        };
        let verdict =
            Document::from_text(input, "input.xml").and_then(|document| compiled.validate(&document));
        let Err(diagnostics) = verdict else { return Ok(()) };
        let Some(first) = diagnostics.iter().find(|d| d.severity == Severity::Error) else { return Ok(()) };
        let message = first.message.trim_end_matches('\n').to_owned();
        let group = self.groups.entry((schema, shape(&message))).or_insert_with(|| Group {
            count: 0,
            file: file.to_owned(),
            message,
        });
        group.count += 1;
        Ok(())
    }

    fn file(&mut self, file: &Path) -> Result<(), String> {
        // Fuzzing corpora hold bytes that are not UTF-8: not documents of any set.
        let Ok(input) = std::fs::read_to_string(file) else { return Ok(()) };
        macro_rules! check {
            ($document:ty, $schema:literal, $arbitrary:ident) => {
                self.check::<$document>(file, &input, $schema)?
            };
        }
        features::for_each_schema_set!(check);
        Ok(())
    }
}

/// libxml2's message without what it quotes: `Element '': '' is not a valid value of …`.
fn shape(message: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for c in message.chars() {
        if c == '\'' {
            quoted = !quoted;
            out.push(c);
        } else if !quoted {
            out.push(c);
        }
    }
    out
}

/// The files of `path`: itself, or those directly in it, sorted.
fn files(path: &Path) -> Result<Vec<PathBuf>, String> {
    if !path.is_dir() {
        return Ok(vec![path.to_owned()]);
    }
    let entries = std::fs::read_dir(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", path.display()))?;
        if entry.path().is_file() {
            files.push(entry.path());
        }
    }
    files.sort();
    Ok(files)
}

fn run(paths: &[String]) -> Result<(), String> {
    let mut replay = Replay::default();
    for path in paths {
        for file in files(Path::new(path))? {
            replay.file(&file)?;
        }
    }
    let mut groups: Vec<_> = replay.groups.into_iter().collect();
    groups.sort_by(|a, b| b.1.count.cmp(&a.1.count).then_with(|| a.0.cmp(&b.0)));
    let invalid: usize = groups.iter().map(|(_, g)| g.count).sum();
    println!(
        "{} readings accepted, {invalid} of them invalid to libxml2, in {} groups",
        replay.accepted,
        groups.len()
    );
    for ((schema, shape), group) in &groups {
        println!("\n{:>6}  {schema}: {shape}", group.count);
        println!("        e.g. {}\n        {}", group.file.display(), group.message);
    }
    Ok(())
}

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: accepted-invalid FILE_OR_DIR...");
        return ExitCode::from(2);
    }
    match run(&paths) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("accepted-invalid: {e}");
            ExitCode::FAILURE
        }
    }
}
