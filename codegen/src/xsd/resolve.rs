//! Finds the document a `schemaLocation` (or a namespace imported without one) names: through the
//! XML catalogs, then the schemas shipped with the generator, then the file system. Nothing is ever
//! fetched: a remote location nothing maps is an error that says how to map it.
//!
//! The same resolver serves our position scan and, through [`xsd_parser::pipeline::parser::Resolver`],
//! `xsd-parser`'s parser, so both read the same documents.

use std::borrow::Cow;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use url::Url;
use xsd_parser::pipeline::parser::resolver::{ResolveRequest, ResolveRequestType, ResolveResult};

use crate::error::Diagnostic;
use crate::model::xml_items;
use crate::xsd::catalog::{Catalog, Key};
use crate::xsd::shipped::{self, Shipped};

/// The fragment that marks a chameleon include: the same file included into another namespace is
/// another document, so the parser must not take it from its cache.
pub const CHAMELEON: &str = "chameleon-namespace=";

/// The URL scheme of the empty document the parser is given for a location that cannot be read: XSD
/// lets a processor go on without it, and our scan reports it if something it should define is
/// missing.
pub const UNRESOLVED: &str = "unresolved";

const EMPTY_SCHEMA: &str = r#"<schema xmlns="http://www.w3.org/2001/XMLSchema"/>"#;

#[derive(Debug, Clone, Default)]
pub struct Resolver {
    catalogs: Vec<Catalog>,
}

/// A document found.
#[derive(Debug, Clone)]
pub enum Source {
    File(PathBuf),
    Shipped(&'static Shipped),
}

impl Source {
    pub fn url(&self) -> Url {
        match self {
            Source::File(path) => Url::from_file_path(absolute(path)).expect("an absolute path"),
            Source::Shipped(s) => Url::parse(s.url).expect("shipped URLs parse"),
        }
    }

    /// The path diagnostics and the generated files' headers name: the file, or the shipped URL.
    pub fn display(&self) -> PathBuf {
        match self {
            Source::File(path) => path.clone(),
            Source::Shipped(s) => PathBuf::from(s.url),
        }
    }

    /// The document's text, with the entities its DOCTYPE declares expanded (see
    /// [`entities`](super::entities)), without what an XSD 1.0 processor leaves out (`vc:minVersion`
    /// and the like: see [`versioning`](super::versioning)), references in documentation protected
    /// from the parser (see [`documentation`](super::documentation)).
    pub fn read(&self) -> Result<Cow<'static, str>, ReadError> {
        let text = match self {
            Source::File(path) => {
                let bytes = std::fs::read(path).map_err(ReadError::Io)?;
                let text = super::encoding::decode(bytes).map_err(|e| {
                    let at = super::positions::location_at(path, &e.before, e.before.len());
                    ReadError::Malformed(Diagnostic::new(at, e.message))
                })?;
                let text = normalize_line_ends(text);
                let text = match super::entities::expand(&text) {
                    Ok(Cow::Owned(expanded)) => expanded,
                    Ok(Cow::Borrowed(_)) => text,
                    Err(failure) => {
                        let at = super::positions::location_at(path, &text, failure.offset);
                        return Err(ReadError::Malformed(Diagnostic::new(at, failure.message)));
                    }
                };
                match super::versioning::exclude_conditional(&text) {
                    Cow::Owned(filtered) => filtered,
                    Cow::Borrowed(_) => text,
                }
            }
            Source::Shipped(s) => return Ok(super::documentation::protect_references(s.text)),
        };
        Ok(match super::documentation::protect_references(&text) {
            Cow::Owned(protected) => Cow::Owned(protected),
            Cow::Borrowed(_) => Cow::Owned(text),
        })
    }
}

/// Why a document could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The file system's error.
    Io(std::io::Error),
    /// The document is there but is no text the generator reads: bytes in no encoding it can tell,
    /// or what its DOCTYPE's entities make of it; reported where the document leads to that.
    Malformed(Diagnostic),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => e.fmt(f),
            ReadError::Malformed(d) => {
                write!(f, "{} (line {}, column {})", d.message, d.location.line, d.location.column)
            }
        }
    }
}

/// XML's end-of-line handling (XML 1.0 §2.11), which the parser leaves to us: every `\r\n` and every
/// `\r` not followed by `\n` becomes `\n`. Without it, a schema saved with old Mac line ends (a bare
/// `\r` each) put carriage returns into doc comments, which rustc refuses. Line numbers in
/// diagnostics count line ends, so they stay those of the file.
fn normalize_line_ends(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

impl Resolver {
    /// A resolver consulting `catalogs` in order, then the catalogs listed in the
    /// `XML_CATALOG_FILES` environment variable (space-separated paths or `file:` URLs, as libxml2
    /// reads it; like libxml2, one that does not exist is skipped).
    pub fn new(catalogs: &[PathBuf]) -> Result<Resolver, Vec<Diagnostic>> {
        let mut files: Vec<(PathBuf, bool)> = catalogs.iter().map(|c| (c.clone(), true)).collect();
        if let Some(list) = std::env::var_os("XML_CATALOG_FILES") {
            for item in xml_items(&list.to_string_lossy()) {
                let path = Url::parse(item)
                    .ok()
                    .filter(|u| u.scheme() == "file")
                    .and_then(|u| u.to_file_path().ok())
                    .unwrap_or_else(|| PathBuf::from(item));
                files.push((path, false));
            }
        }
        let mut resolver = Resolver::default();
        let mut errors = Vec::new();
        for (file, required) in &files {
            match Catalog::load(file, *required) {
                Ok(c) => resolver.catalogs.push(c),
                Err(d) => errors.push(d),
            }
        }
        if errors.is_empty() {
            Ok(resolver)
        } else {
            Err(errors)
        }
    }

    /// The document `location` names, relative to `base` (the referring document). `namespace` is
    /// the namespace an import declares: when the location cannot be read, a shipped schema of that
    /// namespace is used (a location is only a hint).
    pub fn location(
        &self,
        location: &str,
        base: Option<&Url>,
        namespace: Option<&str>,
    ) -> Result<Source, String> {
        let url = absolute_url(location, base);
        let mapped = url.as_ref().and_then(|url| self.catalog(Key::Location(url.as_str())));
        let mapped = mapped.or_else(|| self.catalog(Key::Location(location)));
        let url = mapped.or(url);
        if let Some(url) = &url {
            if let Some(s) = shipped::by_url(url.as_str()) {
                return Ok(Source::Shipped(s));
            }
            if url.scheme() == "file" {
                if let Ok(path) = url.to_file_path() {
                    if path.is_file() || namespace.and_then(|ns| shipped::by_namespace(ns).next()).is_none() {
                        return Ok(Source::File(path));
                    }
                }
            }
        }
        if let Some(s) = namespace.and_then(|ns| shipped::by_namespace(ns).next()) {
            return Ok(Source::Shipped(s));
        }
        let remote = url.as_ref().is_some_and(|u| u.scheme() != "file");
        Err(if remote {
            format!(
                "cannot resolve schema location `{location}`: the generator never downloads schemas. \
                 Map it to a local copy in an XML catalog (`epgen generate --catalog FILE`, \
                 `Config::catalog`, or XML_CATALOG_FILES), or point `schemaLocation` at a local copy"
            )
        } else {
            format!("cannot resolve schema location `{location}`")
        })
    }

    /// The documents an import of `namespace` without a location loads: a catalog `uri` (or
    /// `public`) entry for the namespace, else the shipped schemas of that namespace.
    pub fn namespace(&self, namespace: &str) -> Vec<Source> {
        if let Some(url) = self.catalog(Key::Namespace(namespace)) {
            if let Some(s) = shipped::by_url(url.as_str()) {
                return vec![Source::Shipped(s)];
            }
            if let Ok(path) = url.to_file_path() {
                return vec![Source::File(path)];
            }
        }
        shipped::by_namespace(namespace).map(Source::Shipped).collect()
    }

    fn catalog(&self, key: Key<'_>) -> Option<Url> {
        self.catalogs.iter().find_map(|c| c.lookup(key))
    }
}

/// `location` made absolute against `base` (or the working directory); `None` if it is not a URI.
fn absolute_url(location: &str, base: Option<&Url>) -> Option<Url> {
    // `C:\x.xsd` parses as a URL with scheme `c`: a one-letter scheme is a Windows drive.
    if let Ok(url) = Url::parse(location) {
        if url.scheme().len() > 1 {
            return Some(url);
        }
        return Url::from_file_path(location).ok();
    }
    match base {
        Some(base) => base.join(location).ok(),
        None => Url::from_file_path(absolute(Path::new(location))).ok(),
    }
}

fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_owned()
    } else {
        std::env::current_dir().map(|d| d.join(path)).unwrap_or_else(|_| path.to_owned())
    }
}

/// `xsd-parser`'s parser reads documents through this: the same resolution as our scan, plus the
/// chameleon marker for includes of no-namespace documents.
#[derive(Debug)]
pub struct ParserResolver {
    pub resolver: Resolver,
    /// Empty documents handed out so far (each gets an address of its own).
    pub unresolved: usize,
}

impl xsd_parser::pipeline::parser::Resolver for ParserResolver {
    type Buffer = Cursor<Cow<'static, [u8]>>;
    type Error = String;

    fn resolve(&mut self, req: &ResolveRequest) -> ResolveResult<Self> {
        let namespace = req.requested_ns.as_ref().map(|ns| ns.to_string());
        let found = self.resolver.location(
            &req.requested_location,
            req.current_location.as_ref(),
            namespace.as_deref(),
        );
        let Some((source, text)) = found.ok().and_then(|s| Some((s.clone(), s.read().ok()?))) else {
            self.unresolved += 1;
            let url =
                Url::parse(&format!("{UNRESOLVED}:///{}", self.unresolved)).map_err(|e| e.to_string())?;
            return Ok(Some((None, url, Cursor::new(Cow::Borrowed(EMPTY_SCHEMA.as_bytes())))));
        };
        let mut url = source.url();
        if req.request_type == ResolveRequestType::IncludeRequest {
            if let Some(ns) = &req.current_ns {
                if declared_target_namespace(&text).is_none() {
                    url.set_fragment(Some(&format!("{CHAMELEON}{ns}")));
                }
            }
        }
        // The scan reports a document that is not well-formed, with its position; the parser
        // must not read it (it can loop forever on one).
        if let Err(malformed) = super::well_formed::check(&text) {
            let at = super::positions::location_at(&source.display(), &text, malformed.offset);
            return Err(format!("{at}: {}", malformed.message));
        }
        let name = source.display().file_stem().map(|s| s.to_string_lossy().into_owned());
        // For the parser only: the positions of diagnostics are found in the text as the file has it.
        let text = match super::attribute_values::normalize(&text) {
            Cow::Owned(normalized) => Cow::Owned(normalized),
            Cow::Borrowed(_) => text,
        };
        let bytes = match text {
            Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
            Cow::Owned(s) => Cow::Owned(s.into_bytes()),
        };
        Ok(Some((name, url, Cursor::new(bytes))))
    }
}

/// The `targetNamespace` of a schema document's root element, if it has one.
pub fn declared_target_namespace(text: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(tag) | quick_xml::events::Event::Empty(tag)) => {
                return tag
                    .attributes()
                    .flatten()
                    .find(|a| a.key.as_ref() == b"targetNamespace")
                    .map(|a| String::from_utf8_lossy(&a.value).into_owned());
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::normalize_line_ends;

    #[test]
    fn every_line_end_becomes_a_line_feed() {
        assert_eq!(normalize_line_ends("a\r\nb\rc\nd\r\r\ne\r".into()), "a\nb\nc\nd\n\ne\n");
        assert_eq!(normalize_line_ends("no carriage return\n".into()), "no carriage return\n");
    }
}
