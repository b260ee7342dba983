//! The XSD front end: reads schema files (following includes and imports) with `xsd-parser`'s
//! parser, checks that every file and reference resolves — reporting all problems at once, with
//! positions — and builds our [`model`](crate::model) through the [`adapter`].

mod adapter;
mod positions;

use std::collections::{BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

use xsd_parser::Parser;

use crate::error::{Diagnostic, Error};
use crate::model::{Content, Location, QName, SchemaSet, SimpleVariety, Term, TypeDef, XS};

pub(crate) use positions::Positions;

/// Loads `files` and everything they include or import.
pub fn load(files: &[PathBuf]) -> Result<SchemaSet, Error> {
    // The position scan and the parser read the same files independently: scan on a second thread.
    // A file that cannot be read is reported by the scan, where it is referenced, before any
    // parser error.
    let (scanned, parsed) = std::thread::scope(|scope| {
        let scan = scope.spawn(|| scan_files(files));
        let parsed = parse_files(files);
        let scanned = scan.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (scanned, parsed)
    });
    let (positions, all_files) = scanned?;
    let schemas = parsed?;
    let canonical: Vec<Option<PathBuf>> = all_files.iter().map(|f| f.canonicalize().ok()).collect();
    let docs: Vec<adapter::Document<'_>> = schemas
        .schemas()
        .filter_map(|(_, info)| {
            let file = info.location.as_ref().and_then(|u| u.to_file_path().ok())?;
            let file = display_path(&file, &all_files, &canonical);
            Some(adapter::Document { schema: &info.schema, file })
        })
        .collect();
    let mut adapter = adapter::Adapter::new(&positions);
    adapter.run(&docs);
    let mut diagnostics = adapter.diagnostics;
    let mut set = adapter.set;
    set.files = all_files;
    diagnostics.extend(check_type_references(&set, &positions));
    if diagnostics.is_empty() {
        Ok(set)
    } else {
        diagnostics.dedup();
        Err(Error::Schema(diagnostics))
    }
}

/// `files` and everything they include or import, parsed.
fn parse_files(files: &[PathBuf]) -> Result<xsd_parser::models::schema::Schemas, Diagnostic> {
    let mut parser = Parser::new().with_default_resolver().resolve_includes(true);
    for file in files {
        parser = parser.add_schema_from_file(file).map_err(|e| {
            Diagnostic::new(Location { file: file.clone(), ..Location::default() }, e.to_string())
        })?;
    }
    Ok(parser.finish())
}

/// Reads every file reachable through `schemaLocation`, scanning positions; a missing file is
/// reported where it is referenced.
fn scan_files(files: &[PathBuf]) -> Result<(Positions, Vec<PathBuf>), Error> {
    let mut positions = Positions::default();
    let mut seen = BTreeSet::new();
    let mut queue: VecDeque<(PathBuf, Option<Location>)> = files.iter().map(|f| (f.clone(), None)).collect();
    let mut diagnostics = Vec::new();
    let mut order = Vec::new();
    while let Some((file, referenced_at)) = queue.pop_front() {
        let key = file.canonicalize().unwrap_or_else(|_| file.clone());
        if !seen.insert(key) {
            continue;
        }
        let text = match std::fs::read_to_string(&file) {
            Ok(text) => text,
            Err(e) => {
                let (location, message) = match referenced_at {
                    Some(at) => (at, format!("cannot read schema `{}`: {e}", file.display())),
                    None => (
                        Location { file: file.clone(), ..Location::default() },
                        format!("cannot read schema: {e}"),
                    ),
                };
                diagnostics.push(Diagnostic::new(location, message));
                continue;
            }
        };
        positions.scan(&file, &text);
        let dir = file.parent().map(Path::to_owned).unwrap_or_default();
        for (location, at) in positions.locations.get(&file).cloned().unwrap_or_default() {
            if !location.contains("://") {
                queue.push_back((dir.join(&location), Some(at)));
            }
        }
        order.push(file);
    }
    if diagnostics.is_empty() {
        Ok((positions, order))
    } else {
        Err(Error::Schema(diagnostics))
    }
}

/// The parser canonicalises paths; report them as the user wrote them when we know the file.
/// `canonical_files` are `files` canonicalised, once: each is a few system calls.
fn display_path(canonical: &Path, files: &[PathBuf], canonical_files: &[Option<PathBuf>]) -> PathBuf {
    files
        .iter()
        .zip(canonical_files)
        .find(|(_, c)| c.as_deref() == Some(canonical))
        .map(|(f, _)| f.clone())
        .unwrap_or_else(|| canonical.to_owned())
}

/// Every type a declaration names must exist: report each missing one where it is referenced.
fn check_type_references(set: &SchemaSet, positions: &Positions) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut report = |name: &QName, file: &Path, what: &str| {
        let known_builtin = crate::ir::builtin(&name.local).is_some() || name.local == "anyType";
        if name.is_builtin() && known_builtin || set.types.contains_key(name) {
            return;
        }
        let message = if name.is_builtin() {
            format!("unknown built-in type `xs:{}` (referenced as the type of {what})", name.local)
        } else {
            format!("unknown type `{}` (referenced as the type of {what})", name.local)
        };
        let location = positions
            .reference(file, &name.local)
            .unwrap_or_else(|| Location { file: file.to_owned(), ..Location::default() });
        out.push(Diagnostic::new(location, message));
    };
    for element in set.elements.values() {
        report(&element.ty, &element.location.file, &format!("element `{}`", element.name.local));
    }
    for (name, ty) in &set.types {
        match ty {
            TypeDef::Complex(ct) => {
                let file = &ct.location.file;
                if let Some((base, _)) = &ct.base {
                    report(base, file, &format!("the base of `{}`", ct.name_hint));
                }
                for a in &ct.attributes {
                    report(&a.ty, file, &format!("attribute `{}`", a.name.local));
                }
                if let Content::Particle(p) = &ct.content {
                    let mut stack = vec![p];
                    while let Some(p) = stack.pop() {
                        match &p.term {
                            Term::Element(e) => report(&e.ty, file, &format!("element `{}`", e.name.local)),
                            Term::Sequence(ps) | Term::Choice(ps) | Term::All(ps) => stack.extend(ps),
                            Term::Any(_) => {}
                        }
                    }
                }
            }
            TypeDef::Simple(st) => {
                let refs: Vec<&QName> = match &st.variety {
                    SimpleVariety::Restriction { base, .. } => vec![base],
                    SimpleVariety::List { item } => vec![item],
                    SimpleVariety::Union { members } => members.iter().collect(),
                };
                let file = set.files.first().cloned().unwrap_or_default();
                for r in refs {
                    if !(r.ns.as_deref() == Some(XS) && r.local == "anySimpleType") {
                        report(r, &file, &format!("simple type `{}`", name.local));
                    }
                }
            }
        }
    }
    out
}
