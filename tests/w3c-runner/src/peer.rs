//! The peer suite (`--peer-suite`, see its README): xsd-parser's `feature/<case>/` and
//! `schema/<set>/` folders, each with schema files and example documents under `example/` or
//! `examples/`. The suite does not say which schema file is a document's entry point; this module
//! decides it by general rules, then has libxml2 judge the document against it.
//!
//! The entry point of a document, in order:
//!
//! 1. a `xsi:schemaLocation` (for the root element's namespace) or `xsi:noNamespaceSchemaLocation`
//!    hint that names a schema file of the folder;
//! 2. otherwise the one schema file whose declarations, following its includes, redefines,
//!    overrides and imports, contain a global element for the root's expanded name (if none, for its
//!    local name only, then every schema file: libxml2 then says why the document does not fit);
//! 3. among several such files, ranked in this order: one libxml2 accepts the document against; one
//!    whose file name a hint ends with; one that declares the root itself rather than through a file
//!    it includes or imports (`Page.xsd` for a `Page`, not the files including `Page.xsd`); the one
//!    whose path shares the most words with the document's file name (`basic.xml` and
//!    `…/Factur-X_1.07.2_BASIC.xsd`, rather than `…_BASICWL.xsd`) and has the fewest other words in
//!    its file name; one no other candidate includes or imports; the first by path.
//!
//! A document libxml2 rejects against its entry point (or that is not well-formed, or whose entry
//! point libxml2 does not compile) is not a fair case: its outcome is `invalid`, with libxml2's first
//! message.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use quick_xml::encoding::Decoder;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use crate::cases::Case;

const XSD: &[u8] = b"http://www.w3.org/2001/XMLSchema";
const XSI: &[u8] = b"http://www.w3.org/2001/XMLSchema-instance";

/// One example document with its entry point.
pub struct PeerCase {
    /// `schema_set` is the entry schema's path in the suite; the id is the document's.
    pub case: Case,
    /// Which rule chose the entry point.
    pub rule: &'static str,
    /// libxml2's first message, if it rejects the document against the entry point.
    pub invalid: Option<String>,
}

/// Every example document under `suite` whose id `keep` accepts, with its entry point and libxml2's
/// verdict, sorted by id.
pub fn cases(suite: &Path, keep: &dyn Fn(&str) -> bool) -> Result<Vec<PeerCase>, String> {
    let mut validator = Validator::new(suite);
    let mut out = Vec::new();
    for folder in folders(suite)? {
        let documents: Vec<PathBuf> = files(&folder, "xml")
            .into_iter()
            .filter(|d| is_example(&folder, d) && keep(&relative(suite, d)))
            .collect();
        if documents.is_empty() {
            continue;
        }
        let schemas = Schemas::scan(&folder);
        for document in documents {
            let root = scan_root(&document).ok();
            let (entry, rule) = schemas.entry(&document, root.as_ref(), &mut validator);
            let invalid = match &entry {
                Some(entry) => validator.verdict(entry, &document).err(),
                None => Some(format!("no schema file in {}", relative(suite, &folder))),
            };
            let case = Case {
                id: relative(suite, &document),
                schema_set: entry.as_deref().map(|e| relative(suite, e)).unwrap_or_default(),
                schemas: entry.into_iter().collect(),
                instance: document,
            };
            out.push(PeerCase { case, rule, invalid });
        }
    }
    out.sort_by(|a, b| a.case.id.cmp(&b.case.id));
    Ok(out)
}

/// Has libxml2 judge the document each passing case wrote back (`outputs(i)`, case `i`'s), against
/// the entry schema that accepted the input: one it rejects changes the outcome to
/// `lossy:invalid-output` with libxml2's first message. This catches what the schema-unaware
/// contract check cannot see, such as a QName value whose prefix the output no longer declares.
pub fn check_outputs(
    suite: &Path,
    cases: &[Case],
    outcomes: &mut [(String, String)],
    outputs: &dyn Fn(usize) -> PathBuf,
) {
    let mut validator = Validator::new(suite);
    for (i, case) in cases.iter().enumerate() {
        let (Some(entry), "pass") = (case.schemas.first(), outcomes[i].0.as_str()) else { continue };
        if let Err(message) = validator.verdict(entry, &outputs(i)) {
            outcomes[i] = ("lossy:invalid-output".into(), format!("libxml2 rejects the output: {message}"));
        }
    }
}

/// The case folders: `feature/*/` and `schema/*/`.
fn folders(suite: &Path) -> Result<Vec<PathBuf>, String> {
    let mut folders = Vec::new();
    for group in ["feature", "schema"] {
        let Ok(entries) = std::fs::read_dir(suite.join(group)) else { continue };
        folders.extend(entries.filter_map(|e| Some(e.ok()?.path())).filter(|p| p.is_dir()));
    }
    if folders.is_empty() {
        return Err(format!("{}: no feature/*/ or schema/*/ folders", suite.display()));
    }
    folders.sort();
    Ok(folders)
}

/// The files under `dir` (recursively) with extension `ext`, sorted.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == ext) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Whether `document` lies in an `example/` or `examples/` folder inside `folder`.
fn is_example(folder: &Path, document: &Path) -> bool {
    let inside = document.strip_prefix(folder).unwrap_or(document);
    inside.parent().is_some_and(|p| {
        p.components().any(|c| matches!(c.as_os_str().to_str(), Some("example" | "examples")))
    })
}

/// `path` relative to `base`, with `/` separators.
fn relative(base: &Path, path: &Path) -> String {
    let inside = path.strip_prefix(base).unwrap_or(path);
    inside.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// An expanded name; `ns` is empty for no namespace.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Name {
    ns: String,
    local: String,
}

/// A document's root element and its schema location hints for the root's namespace.
#[derive(Debug)]
struct Root {
    name: Name,
    hints: Vec<String>,
}

/// Reads the root element of `document`.
fn scan_root(document: &Path) -> Result<Root, String> {
    let mut reader = NsReader::from_file(document).map_err(|e| e.to_string())?;
    let mut buf = Vec::new();
    loop {
        let (ns, event) = reader.read_resolved_event_into(&mut buf).map_err(|e| e.to_string())?;
        let start = match event {
            Event::Start(start) | Event::Empty(start) => start,
            Event::Eof => return Err("no root element".into()),
            _ => {
                buf.clear();
                continue;
            }
        };
        let name = Name { ns: namespace(&ns), local: text(start.local_name().as_ref()) };
        let mut hints = Vec::new();
        for attribute in start.attributes().flatten() {
            let (attr_ns, local) = reader.resolve_attribute(attribute.key);
            if !matches!(attr_ns, ResolveResult::Bound(n) if n.as_ref() == XSI) {
                continue;
            }
            let value = value(&attribute, reader.decoder());
            match local.as_ref() {
                b"schemaLocation" => {
                    let words: Vec<&str> = value.split(is_xml_space).filter(|w| !w.is_empty()).collect();
                    let pairs = words.chunks(2).filter(|p| p.len() == 2 && p[0] == name.ns);
                    hints.extend(pairs.map(|p| p[1].to_owned()));
                }
                b"noNamespaceSchemaLocation" if name.ns.is_empty() => {
                    hints.push(value.trim_matches(is_xml_space).to_owned())
                }
                _ => {}
            }
        }
        return Ok(Root { name, hints });
    }
}

fn namespace(ns: &ResolveResult<'_>) -> String {
    match ns {
        ResolveResult::Bound(n) => text(n.as_ref()),
        _ => String::new(),
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn value(attribute: &Attribute<'_>, decoder: Decoder) -> String {
    let value = attribute.decode_and_unescape_value(decoder);
    value.map(|v| v.into_owned()).unwrap_or_else(|_| text(&attribute.value))
}

/// What the entry-point rules need of one schema file.
#[derive(Debug)]
struct SchemaFile {
    path: PathBuf,
    target_namespace: String,
    /// Names of the global element declarations.
    elements: Vec<String>,
    /// Included, redefined and overridden files (their components join this file's namespace when
    /// they have none), as indices into the folder's files.
    includes: Vec<usize>,
    imports: Vec<usize>,
}

/// The schema files of one folder.
struct Schemas {
    files: Vec<SchemaFile>,
}

/// A schema file's top-level facts before its references are resolved to files.
struct Scanned {
    target_namespace: String,
    elements: Vec<String>,
    includes: Vec<PathBuf>,
    imports: Vec<PathBuf>,
}

impl Schemas {
    fn scan(folder: &Path) -> Schemas {
        let mut scanned = Vec::new();
        for path in files(folder, "xsd") {
            match scan_schema(&path) {
                Ok(Some(facts)) => scanned.push((canonical(&path), facts)),
                Ok(None) => {}
                Err(e) => crate::log(&format!("peer: cannot read {}: {e}", path.display())),
            }
        }
        let index: HashMap<PathBuf, usize> =
            scanned.iter().enumerate().map(|(i, (p, _))| (p.clone(), i)).collect();
        let resolve = |paths: &[PathBuf]| -> Vec<usize> {
            paths.iter().filter_map(|p| index.get(p).copied()).collect()
        };
        let files = scanned
            .iter()
            .map(|(path, facts)| SchemaFile {
                path: path.clone(),
                target_namespace: facts.target_namespace.clone(),
                elements: facts.elements.clone(),
                includes: resolve(&facts.includes),
                imports: resolve(&facts.imports),
            })
            .collect();
        Schemas { files }
    }

    /// The entry point for `document` (whose root is `root`, if it could be read) and the rule
    /// that chose it; `None` if the folder has no schema file.
    fn entry(
        &self,
        document: &Path,
        root: Option<&Root>,
        validator: &mut Validator,
    ) -> (Option<PathBuf>, &'static str) {
        let hints: &[String] = root.map_or(&[], |r| &r.hints);
        let base = document.parent().unwrap_or(Path::new("."));
        for hint in hints {
            if let Some(file) = self.files.iter().find(|f| f.path == canonical(&base.join(hint))) {
                return (Some(file.path.clone()), "xsi:schemaLocation hint");
            }
        }
        let all: Vec<usize> = (0..self.files.len()).collect();
        let (candidates, exact, rule) = match root {
            Some(root) => {
                let exact: Vec<usize> =
                    all.iter().copied().filter(|&f| self.declares(f, &root.name, true)).collect();
                let local: Vec<usize> =
                    all.iter().copied().filter(|&f| self.declares(f, &root.name, false)).collect();
                if !exact.is_empty() {
                    (exact, true, "declares the root element")
                } else if !local.is_empty() {
                    (local, false, "declares the root's local name only")
                } else {
                    (all, false, "nothing declares the root element")
                }
            }
            None => (all, false, "the document's root could not be read"),
        };
        if candidates.len() <= 1 {
            return (candidates.first().map(|&f| self.files[f].path.clone()), rule);
        }
        let outermost = self.outermost(&candidates);
        let words = words(&document.file_stem().unwrap_or_default().to_string_lossy());
        let mut rank = |&f: &usize| {
            let file = &self.files[f];
            let accepted = validator.verdict(&file.path, document).is_ok();
            let name = file.path.file_name().unwrap_or_default().to_string_lossy();
            let hinted = hints.iter().any(|h| h.rsplit(['/', '\\']).next() == Some(&*name));
            let direct = root.is_some_and(|r| {
                file.elements.contains(&r.name.local) && (!exact || file.target_namespace == r.name.ns)
            });
            let path_words = words_of_path(&file.path);
            let shared = words.iter().filter(|w| path_words.contains(*w)).count();
            let within = words.iter().filter(|w| path_words.iter().any(|p| p.contains(w.as_str()))).count();
            let other = self::words(&name).iter().filter(|w| !words.contains(w)).count();
            let inner = !outermost.contains(&f);
            (
                !accepted,
                !hinted,
                !direct,
                usize::MAX - shared,
                usize::MAX - within,
                other,
                inner,
                file.path.clone(),
            )
        };
        let best = candidates.iter().min_by_key(|f| rank(f)).expect("several candidates");
        (Some(self.files[*best].path.clone()), "ranked among several")
    }

    /// Whether `file`, with what it includes and imports, declares a global element `name` (with
    /// `exact`, in `name`'s namespace; otherwise in any).
    fn declares(&self, file: usize, name: &Name, exact: bool) -> bool {
        let mut seen = BTreeSet::new();
        let mut pending = vec![(file, self.files[file].target_namespace.clone())];
        while let Some((f, namespace)) = pending.pop() {
            if !seen.insert((f, namespace.clone())) {
                continue;
            }
            let file = &self.files[f];
            if file.elements.contains(&name.local) && (!exact || namespace == name.ns) {
                return true;
            }
            for &i in &file.includes {
                // A file without a target namespace takes the includer's ("chameleon" include).
                let own = &self.files[i].target_namespace;
                pending.push((i, if own.is_empty() { namespace.clone() } else { own.clone() }));
            }
            pending.extend(file.imports.iter().map(|&i| (i, self.files[i].target_namespace.clone())));
        }
        false
    }

    /// The files `file` includes or imports, directly or not, itself included.
    fn reach(&self, file: usize) -> BTreeSet<usize> {
        let mut seen = BTreeSet::new();
        let mut pending = vec![file];
        while let Some(f) = pending.pop() {
            if seen.insert(f) {
                pending.extend(self.files[f].includes.iter().chain(&self.files[f].imports));
            }
        }
        seen
    }

    /// The candidates no other candidate includes or imports (members of an include cycle stay).
    fn outermost(&self, candidates: &[usize]) -> Vec<usize> {
        let reach: BTreeMap<usize, BTreeSet<usize>> =
            candidates.iter().map(|&c| (c, self.reach(c))).collect();
        candidates
            .iter()
            .copied()
            .filter(|&c| {
                !candidates.iter().any(|&d| d != c && reach[&d].contains(&c) && !reach[&c].contains(&d))
            })
            .collect()
    }
}

/// Reads a schema file's target namespace, global element names and references; `None` if its root
/// is not `xs:schema`.
fn scan_schema(path: &Path) -> Result<Option<Scanned>, String> {
    let mut reader = NsReader::from_file(path).map_err(|e| e.to_string())?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut facts =
        Scanned { target_namespace: String::new(), elements: vec![], includes: vec![], imports: vec![] };
    let mut buf = Vec::new();
    let mut depth = 0usize;
    loop {
        let (ns, event) = reader.read_resolved_event_into(&mut buf).map_err(|e| e.to_string())?;
        let in_xsd = matches!(ns, ResolveResult::Bound(n) if n.as_ref() == XSD);
        let (start, empty) = match event {
            Event::Start(start) => (start, false),
            Event::Empty(start) => (start, true),
            Event::End(_) => {
                depth -= 1;
                buf.clear();
                continue;
            }
            Event::Eof => return Ok(Some(facts)),
            _ => {
                buf.clear();
                continue;
            }
        };
        if depth == 0 {
            if !(in_xsd && start.local_name().as_ref() == b"schema") {
                return Ok(None);
            }
            facts.target_namespace =
                attribute(&start, b"targetNamespace", reader.decoder()).unwrap_or_default();
        } else if depth == 1 && in_xsd {
            let location = attribute(&start, b"schemaLocation", reader.decoder()).filter(|l| !has_scheme(l));
            match start.local_name().as_ref() {
                b"element" => facts.elements.extend(attribute(&start, b"name", reader.decoder())),
                b"include" | b"redefine" | b"override" => {
                    facts.includes.extend(location.map(|l| canonical(&base.join(l))))
                }
                b"import" => facts.imports.extend(location.map(|l| canonical(&base.join(l)))),
                _ => {}
            }
        }
        if !empty {
            depth += 1;
        }
        buf.clear();
    }
}

/// The value of the unqualified attribute `name`.
fn attribute(start: &BytesStart<'_>, name: &[u8], decoder: Decoder) -> Option<String> {
    start.attributes().flatten().find(|a| a.key.as_ref() == name).map(|a| value(&a, decoder))
}

/// Whether a schema location is a URL (`http://…`) rather than a path: libxml2 will not load it.
fn has_scheme(location: &str) -> bool {
    location.split_once("://").is_some_and(|(scheme, _)| scheme.chars().all(|c| c.is_ascii_alphabetic()))
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// Lower-case alphanumeric words of a name.
fn words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

fn words_of_path(path: &Path) -> Vec<String> {
    path.components().flat_map(|c| words(&c.as_os_str().to_string_lossy())).collect()
}

/// libxml2's verdicts, each schema compiled once.
struct Validator {
    suite: PathBuf,
    schemas: HashMap<PathBuf, Result<xsd_validator::Schema, String>>,
    verdicts: HashMap<(PathBuf, PathBuf), Result<(), String>>,
}

impl Validator {
    fn new(suite: &Path) -> Validator {
        Validator { suite: suite.to_path_buf(), schemas: HashMap::new(), verdicts: HashMap::new() }
    }

    /// `Ok` if libxml2 accepts `document` against `schema`, else its first message (paths relative
    /// to the suite).
    fn verdict(&mut self, schema: &Path, document: &Path) -> Result<(), String> {
        let key = (schema.to_path_buf(), document.to_path_buf());
        if let Some(verdict) = self.verdicts.get(&key) {
            return verdict.clone();
        }
        let prefix = format!("{}/", self.suite.display());
        let first = |d: Vec<xsd_validator::Diagnostic>| {
            d.first()
                .map_or_else(|| "rejected without a message".into(), |d| d.to_string().replace(&prefix, ""))
        };
        let compiled = self
            .schemas
            .entry(schema.to_path_buf())
            .or_insert_with(|| xsd_validator::Schema::from_file(schema).map_err(first));
        let verdict = match compiled {
            Ok(compiled) => compiled.validate_file(document).map_err(first),
            Err(message) => Err(format!("the schema does not compile: {message}")),
        };
        self.verdicts.insert(key, verdict.clone());
        verdict
    }
}

/// XML's white space, which separates the words of `xsi:schemaLocation`.
fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch folder with the given files.
    fn folder(name: &str, files: &[(&str, &str)]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("w3c-runner-peer-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (path, text) in files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir.canonicalize().unwrap()
    }

    fn schema(tns: &str, body: &str) -> String {
        let tns = if tns.is_empty() { String::new() } else { format!(" targetNamespace=\"{tns}\"") };
        format!("<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"{tns}>{body}</xs:schema>")
    }

    fn entry_of(dir: &Path, document: &str) -> (String, &'static str) {
        let schemas = Schemas::scan(dir);
        let document = dir.join(document);
        let root = scan_root(&document).ok();
        let (entry, rule) = schemas.entry(&document, root.as_ref(), &mut Validator::new(dir));
        (relative(dir, &entry.unwrap()), rule)
    }

    #[test]
    fn a_chameleon_include_puts_the_root_in_the_includers_namespace() {
        let dir = folder(
            "outermost",
            &[
                ("main.xsd", &schema("urn:a", r#"<xs:include schemaLocation="parts.xsd"/>"#)),
                // A chameleon include: its element joins urn:a.
                ("parts.xsd", &schema("", r#"<xs:element name="root"/>"#)),
                ("other.xsd", &schema("urn:b", r#"<xs:element name="root"/>"#)),
                ("example/doc.xml", r#"<root xmlns="urn:a"/>"#),
            ],
        );
        assert_eq!(entry_of(&dir, "example/doc.xml"), ("main.xsd".into(), "declares the root element"));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_file_declaring_the_root_wins_over_files_including_it() {
        let page = r#"<xs:element name="page" type="xs:string"/>"#;
        let include = r#"<xs:include schemaLocation="page.xsd"/><xs:element name="note"/>"#;
        let dir = folder(
            "direct",
            &[
                ("annotations.xsd", &schema("urn:a", include)),
                ("page.xsd", &schema("urn:a", page)),
                ("example/doc.xml", r#"<page xmlns="urn:a">x</page>"#),
                ("example/bad.xml", r#"<page xmlns="urn:a"><x/></page>"#),
            ],
        );
        // Both accept the first document, neither the second: `page.xsd` declares the root itself.
        assert_eq!(entry_of(&dir, "example/doc.xml"), ("page.xsd".into(), "ranked among several"));
        assert_eq!(entry_of(&dir, "example/bad.xml").0, "page.xsd");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_schema_that_rejects_the_document_loses_to_one_that_accepts_it() {
        let dir = folder(
            "accepted",
            &[
                // Not a valid schema: it includes files of another target namespace.
                (
                    "all.xsd",
                    &schema(
                        "",
                        r#"<xs:include schemaLocation="a.xsd"/><xs:include schemaLocation="b.xsd"/>"#,
                    ),
                ),
                ("a.xsd", &schema("urn:t", r#"<xs:element name="root" type="xs:int"/>"#)),
                ("b.xsd", &schema("urn:t", r#"<xs:element name="root" type="xs:boolean"/>"#)),
                ("example/doc.xml", r#"<root xmlns="urn:t">true</root>"#),
            ],
        );
        assert_eq!(entry_of(&dir, "example/doc.xml").0, "b.xsd");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_hint_naming_a_local_file_wins() {
        let dir = folder(
            "hint",
            &[
                ("a.xsd", &schema("urn:a", r#"<xs:element name="root"/>"#)),
                ("b.xsd", &schema("urn:a", r#"<xs:element name="root"/>"#)),
                (
                    "example/doc.xml",
                    r#"<root xmlns="urn:a" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                        xsi:schemaLocation="urn:a ../b.xsd"/>"#,
                ),
            ],
        );
        assert_eq!(entry_of(&dir, "example/doc.xml"), ("b.xsd".into(), "xsi:schemaLocation hint"));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn among_alternatives_libxml2_then_the_file_name_decides() {
        let int = r#"<xs:element name="root" type="xs:int"/>"#;
        let string = r#"<xs:element name="root" type="xs:string"/>"#;
        let dir = folder(
            "ranked",
            &[
                ("schema-basic.xsd", &schema("", int)),
                ("schema-basic-extended.xsd", &schema("", string)),
                ("schema-extended.xsd", &schema("", string)),
                ("example/basic.xml", "<root>1</root>"),
                ("example/extended.xml", "<root>1</root>"),
                ("example/basic-text.xml", "<root>x</root>"),
            ],
        );
        // Valid against all three: the shared word, then the fewest other words, pick the file.
        assert_eq!(entry_of(&dir, "example/basic.xml").0, "schema-basic.xsd");
        assert_eq!(entry_of(&dir, "example/extended.xml").0, "schema-extended.xsd");
        // Only the string schemas accept it; of those, the one sharing a word.
        assert_eq!(entry_of(&dir, "example/basic-text.xml").0, "schema-basic-extended.xsd");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_root_no_file_declares_still_gets_a_schema_to_be_judged_by() {
        let dir = folder(
            "undeclared",
            &[
                ("a.xsd", &schema("urn:a", r#"<xs:element name="page"/>"#)),
                ("b.xsd", &schema("urn:a", r#"<xs:element name="other"/>"#)),
                ("example/doc.xml", r#"<page xmlns="urn:elsewhere"/>"#),
            ],
        );
        assert_eq!(
            entry_of(&dir, "example/doc.xml"),
            ("a.xsd".into(), "declares the root's local name only")
        );
        let mut validator = Validator::new(&dir);
        let verdict = validator.verdict(&dir.join("a.xsd"), &dir.join("example/doc.xml"));
        assert!(verdict.unwrap_err().starts_with("example/doc.xml:1: "));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn only_example_folders_hold_documents() {
        let folder = Path::new("/s/feature/a");
        assert!(is_example(folder, Path::new("/s/feature/a/example/x.xml")));
        assert!(is_example(folder, Path::new("/s/feature/a/examples/sub/x.xml")));
        assert!(!is_example(folder, Path::new("/s/feature/a/catalog.xml")));
        assert!(!is_example(Path::new("/s/example/a"), Path::new("/s/example/a/x.xml")));
    }
}
