//! The XSD front end: reads schema files (following includes and imports) with `xsd-parser`'s
//! parser, checks that every file and reference resolves — reporting all problems at once, with
//! positions — and builds our [`model`](crate::model) through the [`adapter`].

mod adapter;
mod attribute_values;
mod catalog;
mod cycles;
mod documentation;
mod encoding;
mod entities;
mod facet_applicability;
mod parse_error;
mod positions;
mod redefine;
mod resolve;
mod schema_document;
mod shipped;
mod value_constraints;
mod versioning;
mod well_formed;

use std::borrow::Cow;
use std::collections::{BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

use xsd_parser::Parser;

use crate::error::{Diagnostic, Error};
use crate::model::{
    describe_anonymous, Content, Location, QName, SchemaSet, SimpleVariety, Term, TypeDef, XS,
};

pub(crate) use positions::Positions;
use resolve::{ParserResolver, ReadError, Resolver, Source, CHAMELEON};

/// The XML namespace: its prefix is bound in every document, so `xml:lang` needs no import.
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Loads `files` and everything they include or import, resolving locations through `catalogs`
/// (and `XML_CATALOG_FILES`), the shipped schemas and the file system.
pub fn load(files: &[PathBuf], catalogs: &[PathBuf]) -> Result<SchemaSet, Error> {
    let resolver = Resolver::new(catalogs).map_err(Error::Schema)?;
    // The position scan and the parser read the same files independently: scan on a second thread.
    // A file that cannot be read or resolved is reported by the scan, where it is referenced,
    // before any parser error.
    let (scanned, parsed) = std::thread::scope(|scope| {
        let scan = scope.spawn(|| scan_files(files, &resolver));
        let parsed = parse_files(files, &resolver);
        let scanned = scan.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (scanned, parsed)
    });
    let Scan { positions, files: all_files, namespace_roots, unresolved } = scanned?;
    let canonical: Vec<Option<PathBuf>> = all_files.iter().map(|f| f.canonicalize().ok()).collect();
    // The parser names an included or imported document by its absolute path: name it as the scan
    // did, as it was written.
    let mut parser = parsed.map_err(|mut d| {
        if let Ok(file) = d.location.file.canonicalize() {
            d.location.file = display_path(&file, &all_files, &canonical);
        }
        d
    })?;
    // Imports without a location the scan resolved by namespace: the parser does not follow them.
    for root in &namespace_roots {
        parser = parser.add_schema_from_url(root.url()).map_err(|e| {
            Diagnostic::new(Location { file: root.display(), ..Location::default() }, e.to_string())
        })?;
    }
    let schemas = parser.finish();
    let mut seen = BTreeSet::new();
    let docs: Vec<adapter::Document<'_>> = schemas
        .schemas()
        .filter_map(|(_, info)| {
            let url = info.location.as_ref().filter(|u| u.scheme() != resolve::UNRESOLVED)?;
            let chameleon = url.fragment().is_some_and(|f| f.starts_with(CHAMELEON));
            let file = match url.to_file_path() {
                Ok(file) if url.scheme() == "file" => display_path(&file, &all_files, &canonical),
                _ => {
                    let mut url = url.clone();
                    url.set_fragment(None);
                    PathBuf::from(url.as_str())
                }
            };
            // The parser gives a document without a target namespace its importer's namespace too;
            // only an include (a chameleon include) does that.
            let declares_none = matches!(positions.target_namespaces.get(&file), Some(None));
            let tns = if declares_none && !chameleon { None } else { info.schema.target_namespace.clone() };
            // A document reached twice under the same namespace is one document.
            seen.insert((file.clone(), tns.clone())).then_some(adapter::Document {
                schema: &info.schema,
                file,
                tns,
                chameleon,
            })
        })
        .collect();
    let mut adapter = adapter::Adapter::new(&positions);
    adapter.run(&docs);
    let mut diagnostics = adapter.diagnostics;
    let mut missing = adapter.missing_namespaces;
    let mut set = adapter.set;
    set.files = all_files;
    set.resolve_content_bases();
    set.normalize_enumerations();
    diagnostics.extend(check_type_references(&set, &positions, &mut missing));
    diagnostics.extend(cycles::check(&set, &positions));
    diagnostics.extend(cycles::substitution_groups(&set));
    diagnostics.extend(value_constraints::check(&set, &positions));
    diagnostics.extend(facet_applicability::check(&set, &positions));
    // A location that did not resolve is reported when something its namespace should have defined
    // is missing (XSD lets a processor skip such a document, and it was not needed otherwise).
    let mut causes: Vec<Diagnostic> =
        unresolved.into_iter().filter(|(ns, _)| missing.contains(ns)).map(|(_, d)| d).collect();
    if !causes.is_empty() {
        causes.append(&mut diagnostics);
        diagnostics = causes;
    }
    if diagnostics.is_empty() {
        Ok(set)
    } else {
        diagnostics.dedup();
        Err(Error::Schema(diagnostics))
    }
}

/// `files` and everything they include or import, parsed.
fn parse_files(files: &[PathBuf], resolver: &Resolver) -> Result<Parser<ParserResolver>, Diagnostic> {
    let mut parser = Parser::new()
        .with_resolver(ParserResolver { resolver: resolver.clone(), unresolved: 0 })
        .resolve_includes(true);
    for file in files {
        parser = parser.add_schema_from_file(file).map_err(|e| parse_error::diagnostic(e, file))?;
    }
    Ok(parser)
}

/// What the scan found: positions, every document read (as diagnostics name it), the documents
/// loaded for imports that give only a namespace, and the locations that could not be read, with
/// the namespace whose components they were to define.
struct Scan {
    positions: Positions,
    files: Vec<PathBuf>,
    namespace_roots: Vec<Source>,
    unresolved: Vec<(Option<String>, Diagnostic)>,
}

/// Reads every document reachable through `schemaLocation` (and namespace-only imports the resolver
/// knows), scanning positions. A schema file given that cannot be read is an error; an include or
/// import that cannot be resolved or read is noted, where it is referenced, for [`load`].
fn scan_files(files: &[PathBuf], resolver: &Resolver) -> Result<Scan, Error> {
    let mut positions = Positions::default();
    let mut seen = BTreeSet::new();
    // Each document with, if it is referenced, where and for which namespace.
    type Referenced = Option<(Location, Option<String>)>;
    let mut queue: VecDeque<(Source, Referenced)> =
        files.iter().map(|f| (Source::File(f.clone()), None)).collect();
    let mut unresolved = Vec::new();
    let mut diagnostics = Vec::new();
    let mut order = Vec::new();
    let mut namespace_roots = Vec::new();
    let mut namespaces_tried = BTreeSet::new();
    loop {
        while let Some((source, referenced_at)) = queue.pop_front() {
            let file = source.display();
            let key = match &source {
                Source::File(f) => f.canonicalize().unwrap_or_else(|_| f.clone()),
                Source::Shipped(_) => file.clone(),
            };
            if !seen.insert(key) {
                continue;
            }
            let text = match source.read() {
                Ok(text) => text,
                // A document that is there but is no XML: reported as its well-formedness is.
                Err(ReadError::Malformed(d)) => {
                    diagnostics.push(d);
                    continue;
                }
                Err(e) => {
                    match referenced_at {
                        Some((at, ns)) => unresolved.push((
                            ns,
                            Diagnostic::new(
                                at,
                                format!(
                                    "cannot read schema `{}`: {e}",
                                    crate::error::one_line(&file.display().to_string())
                                ),
                            ),
                        )),
                        None => diagnostics.push(Diagnostic::new(
                            Location { file: file.clone(), ..Location::default() },
                            format!("cannot read schema: {e}"),
                        )),
                    }
                    continue;
                }
            };
            if let Err(malformed) = well_formed::check(&text).and_then(|()| schema_document::check(&text)) {
                let at = positions::location_at(&file, &text, malformed.offset);
                diagnostics.push(Diagnostic::new(at, malformed.message));
                continue;
            }
            positions.scan(&file, &text);
            let base = source.url();
            let own_namespace = positions.target_namespaces.get(&file).cloned().flatten();
            for link in positions.links.get(&file).cloned().unwrap_or_default() {
                let Some(location) = &link.location else { continue };
                let namespace = if link.kind == "import" { link.namespace.as_deref() } else { None };
                let defines =
                    if link.kind == "import" { link.namespace.clone() } else { own_namespace.clone() };
                let referenced = Some((link.at.clone(), defines.clone()));
                match resolver.location(location, Some(&base), namespace) {
                    Ok(Source::File(path)) => {
                        // Named as the user wrote it when it is relative to a file given as a path.
                        let written = match &source {
                            Source::File(from) => from.parent().map(|d| d.join(location)),
                            Source::Shipped(_) => None,
                        };
                        let same = |w: &PathBuf| w.canonicalize().ok() == path.canonicalize().ok();
                        let path = written.filter(same).unwrap_or(path);
                        queue.push_back((Source::File(path), referenced));
                    }
                    Ok(shipped) => queue.push_back((shipped, referenced)),
                    Err(message) => unresolved.push((defines, Diagnostic::new(link.at, message))),
                }
            }
            order.push(file);
        }
        // Namespaces imported without a location (or the XML namespace, used without an import) that
        // no document read declares: load what the catalogs or the shipped schemas have for them.
        let declared: BTreeSet<&str> =
            positions.target_namespaces.values().flatten().map(String::as_str).collect();
        let mut wanted: Vec<(String, Option<Location>)> = positions
            .links
            .values()
            .flatten()
            .filter(|l| l.kind == "import" && l.location.is_none())
            .filter_map(|l| Some((l.namespace.clone()?, Some(l.at.clone()))))
            .collect();
        if positions.uses_xml_namespace() {
            wanted.push((XML_NS.to_owned(), None));
        }
        wanted.retain(|(ns, _)| !declared.contains(ns.as_str()));
        for (ns, at) in wanted {
            if namespaces_tried.insert(ns.clone()) {
                for source in resolver.namespace(&ns) {
                    namespace_roots.push(source.clone());
                    let at = at
                        .clone()
                        .unwrap_or_else(|| Location { file: source.display(), ..Location::default() });
                    queue.push_back((source, Some((at, Some(ns.clone())))));
                }
            }
        }
        if queue.is_empty() {
            break;
        }
    }
    if diagnostics.is_empty() {
        Ok(Scan { positions, files: order, namespace_roots, unresolved })
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
/// The namespaces of missing types are added to `missing`.
fn check_type_references(
    set: &SchemaSet,
    positions: &Positions,
    missing: &mut BTreeSet<Option<String>>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut report = |name: &QName, file: &Path, what: &str| {
        let known_builtin = crate::ir::builtin(&name.local).is_some() || name.local == "anyType";
        if name.is_builtin() && known_builtin || set.types.contains_key(name) {
            return;
        }
        missing.insert(name.ns.clone());
        // A redefinition's base is the type as the redefined schema defines it: a key of ours
        // (`#redefine/T`), named in words, found where `T` is referred to.
        let redefined =
            name.local.starts_with("#redefine").then(|| describe_anonymous(&name.local, &|_| false));
        let (message, written) = match redefined.flatten() {
            Some(words) => {
                let written = name.local.rsplit('/').next().unwrap_or(&name.local);
                let message = format!(
                    "unknown {words} (referenced as the type of {what}): the schema `xs:redefine` names \
                     does not define it"
                );
                (message, written)
            }
            None if name.is_builtin() => (
                format!("unknown built-in type `xs:{}` (referenced as the type of {what})", name.local),
                &*name.local,
            ),
            None => {
                let hint = adapter::not_loaded_hint(set, name);
                (
                    format!("unknown type `{}` (referenced as the type of {what}){hint}", name.local),
                    &*name.local,
                )
            }
        };
        let location = positions
            .reference(file, written)
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

/// `text` with each range `(start, end)`, in order and apart, replaced by the text given with it;
/// unchanged (and not copied) when there is none. The passes over a schema's text before parsing
/// use it to keep positions: each replacement is as long as what it replaces.
fn splice(text: &str, replacements: Vec<(usize, usize, String)>) -> Cow<'_, str> {
    if replacements.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (start, end, replacement) in replacements {
        out.push_str(&text[from..start]);
        out.push_str(&replacement);
        from = end;
    }
    out.push_str(&text[from..]);
    Cow::Owned(out)
}
