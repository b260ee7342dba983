//! OASIS XML Catalogs 1.1: maps schema locations and namespaces to local files, so that nothing is
//! fetched from the network.
//!
//! Supported entries: `uri`, `rewriteURI`, `uriSuffix`, `system`, `rewriteSystem`, `systemSuffix`,
//! `public`, `nextCatalog` and `group` (with `xml:base` on any of them). Delegation entries
//! (`delegate*`) and `prefer` are ignored: a schema location is never a public identifier.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use quick_xml::encoding::Decoder;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use url::Url;

use super::positions::location_at;
use crate::error::Diagnostic;
use crate::model::{trim_xml, Location};

const CATALOG_NS: &[u8] = b"urn:oasis:names:tc:entity:xmlns:xml:catalog";

/// One catalog file's entries, in document order, with its `nextCatalog`s loaded.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    entries: Vec<Entry>,
    next: Vec<Catalog>,
}

#[derive(Debug, Clone)]
enum Entry {
    /// `uri` (`system: false`) or `system` (`system: true`): an exact identifier.
    Exact { system: bool, id: String, to: Url },
    /// `rewriteURI` / `rewriteSystem`: a prefix replaced by `to`.
    Rewrite { system: bool, start: String, to: Url },
    /// `uriSuffix` / `systemSuffix`.
    Suffix { system: bool, suffix: String, to: Url },
    /// `public`: matched only for namespaces of imports without a location.
    Public { id: String, to: Url },
}

/// What a lookup is for: the schema location of an include or import, or the namespace of an
/// import that has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key<'a> {
    Location(&'a str),
    Namespace(&'a str),
}

impl Catalog {
    /// Loads `file` and, transitively, its `nextCatalog`s (a missing next catalog is skipped, as the
    /// specification allows; a cycle is cut). A missing `file` is an error only if `required`.
    pub fn load(file: &Path, required: bool) -> Result<Catalog, Diagnostic> {
        let mut seen = BTreeSet::new();
        Self::load_inner(file, &mut seen, required)
    }

    fn load_inner(file: &Path, seen: &mut BTreeSet<PathBuf>, required: bool) -> Result<Catalog, Diagnostic> {
        let key = file.canonicalize().unwrap_or_else(|_| file.to_owned());
        if !seen.insert(key.clone()) {
            return Ok(Catalog::default());
        }
        let at = |line, column| Location { file: file.to_owned(), line, column };
        let text = match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(_) if !required => return Ok(Catalog::default()),
            Err(e) => return Err(Diagnostic::new(at(0, 0), format!("cannot read XML catalog: {e}"))),
        };
        let base = Url::from_file_path(&key)
            .map_err(|()| Diagnostic::new(at(0, 0), "the catalog's path is not absolute"))?;
        let (entries, next_files) = parse(&text, &base)
            .map_err(|(offset, message)| Diagnostic::new(location_at(file, &text, offset), message))?;
        let mut next = Vec::new();
        for url in next_files {
            if let Ok(path) = url.to_file_path() {
                next.push(Self::load_inner(&path, seen, false)?);
            }
        }
        Ok(Catalog { entries, next })
    }

    /// Where `key` is mapped to, if anywhere: exact entries first, then the longest rewrite prefix,
    /// then the longest suffix (as the specification orders them), then the next catalogs in order.
    pub fn lookup(&self, key: Key<'_>) -> Option<Url> {
        // A location is matched against `system` entries and then `uri` entries, as libxml2 does for
        // schema documents; a namespace is a URI (or, failing that, a public identifier).
        let (id, kinds): (&str, &[bool]) = match key {
            Key::Location(id) => (id, &[true, false]),
            Key::Namespace(id) => (id, &[false]),
        };
        for &system in kinds {
            if let Some(url) = self.lookup_kind(id, system) {
                return Some(url);
            }
        }
        if let Key::Namespace(id) = key {
            if let Some(url) = self.lookup_public(id) {
                return Some(url);
            }
        }
        None
    }

    fn lookup_kind(&self, id: &str, want_system: bool) -> Option<Url> {
        let exact = self.entries.iter().find_map(|e| match e {
            Entry::Exact { system, id: i, to } if *system == want_system && i == id => Some(to.clone()),
            _ => None,
        });
        if exact.is_some() {
            return exact;
        }
        let rewrite = self
            .entries
            .iter()
            .filter_map(|e| match e {
                Entry::Rewrite { system, start, to }
                    if *system == want_system && id.starts_with(start.as_str()) =>
                {
                    Some((start.len(), to, &id[start.len()..]))
                }
                _ => None,
            })
            .max_by_key(|(len, ..)| *len);
        if let Some((_, prefix, rest)) = rewrite {
            // The specification rewrites by replacing the prefix: plain concatenation.
            return Url::parse(&format!("{prefix}{rest}")).ok();
        }
        let suffix = self
            .entries
            .iter()
            .filter_map(|e| match e {
                Entry::Suffix { system, suffix, to }
                    if *system == want_system && id.ends_with(suffix.as_str()) =>
                {
                    Some((suffix.len(), to))
                }
                _ => None,
            })
            .max_by_key(|(len, _)| *len);
        if let Some((_, to)) = suffix {
            return Some(to.clone());
        }
        self.next.iter().find_map(|c| c.lookup_kind(id, want_system))
    }

    fn lookup_public(&self, id: &str) -> Option<Url> {
        self.entries
            .iter()
            .find_map(|e| match e {
                Entry::Public { id: i, to } if i == id => Some(to.clone()),
                _ => None,
            })
            .or_else(|| self.next.iter().find_map(|c| c.lookup_public(id)))
    }
}

/// The entries of one catalog document and the locations of its next catalogs. An error is a byte
/// offset and a message.
fn parse(text: &str, file_url: &Url) -> Result<(Vec<Entry>, Vec<Url>), (usize, String)> {
    let mut reader = Reader::from_str(text);
    let mut entries = Vec::new();
    let mut next = Vec::new();
    // The base URI of each open element: `xml:base` may change it for an element and its children.
    let mut bases = vec![file_url.clone()];
    let mut saw_root = false;
    loop {
        let at = reader.buffer_position() as usize;
        let (tag, empty) = match reader.read_event() {
            Ok(Event::Start(tag)) => (tag, false),
            Ok(Event::Empty(tag)) => (tag, true),
            Ok(Event::End(_)) => {
                bases.pop();
                continue;
            }
            Ok(Event::Eof) => break,
            Ok(_) => continue,
            Err(e) => return Err((reader.error_position() as usize, format!("malformed XML catalog: {e}"))),
        };
        let decoder = reader.decoder();
        let attr = |name: &str| attribute(&tag, name, decoder);
        let parent = bases.last().cloned().unwrap_or_else(|| file_url.clone());
        let base = match attr("xml:base") {
            Some(b) => parent.join(&b).map_err(|e| (at, format!("bad xml:base `{b}`: {e}")))?,
            None => parent,
        };
        if !saw_root {
            saw_root = true;
            if tag.local_name().as_ref() != b"catalog" || !declares_catalog_namespace(&tag) {
                return Err((at, "not an OASIS XML catalog: the root must be `catalog` in namespace `urn:oasis:names:tc:entity:xmlns:xml:catalog`".into()));
            }
        }
        let required = |name: &str| {
            attr(name).ok_or_else(|| {
                let element = String::from_utf8_lossy(tag.local_name().as_ref()).into_owned();
                (at, format!("catalog entry `{element}` needs attribute `{name}`"))
            })
        };
        let target = |name: &str| -> Result<Url, (usize, String)> {
            let value = required(name)?;
            base.join(&value).map_err(|e| (at, format!("bad URI `{value}`: {e}")))
        };
        match tag.local_name().as_ref() {
            b"uri" => entries.push(Entry::Exact { system: false, id: required("name")?, to: target("uri")? }),
            b"system" => {
                entries.push(Entry::Exact { system: true, id: required("systemId")?, to: target("uri")? })
            }
            b"public" => entries.push(Entry::Public { id: required("publicId")?, to: target("uri")? }),
            b"rewriteURI" => entries.push(Entry::Rewrite {
                system: false,
                start: required("uriStartString")?,
                to: target("rewritePrefix")?,
            }),
            b"rewriteSystem" => entries.push(Entry::Rewrite {
                system: true,
                start: required("systemIdStartString")?,
                to: target("rewritePrefix")?,
            }),
            b"uriSuffix" => entries.push(Entry::Suffix {
                system: false,
                suffix: required("uriSuffix")?,
                to: target("uri")?,
            }),
            b"systemSuffix" => entries.push(Entry::Suffix {
                system: true,
                suffix: required("systemIdSuffix")?,
                to: target("uri")?,
            }),
            b"nextCatalog" => next.push(target("catalog")?),
            _ => {}
        }
        if !empty {
            bases.push(base);
        }
    }
    if !saw_root {
        return Err((0, "not an OASIS XML catalog: no root element".into()));
    }
    Ok((entries, next))
}

fn attribute(tag: &BytesStart<'_>, name: &str, decoder: Decoder) -> Option<String> {
    tag.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name.as_bytes())
        .and_then(|a| a.decode_and_unescape_value(decoder).ok().map(|v| trim_xml(&v).to_owned()))
}

fn declares_catalog_namespace(tag: &BytesStart<'_>) -> bool {
    tag.attributes().flatten().any(|a| {
        let key = a.key.as_ref();
        (key == b"xmlns" || key.starts_with(b"xmlns:")) && a.value.as_ref() == CATALOG_NS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog(text: &str) -> Catalog {
        let base = Url::parse("file:///catalogs/catalog.xml").unwrap();
        let (entries, _) = parse(text, &base).unwrap();
        Catalog { entries, next: Vec::new() }
    }

    const HEAD: &str = r#"<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">"#;

    #[test]
    fn exact_entries_win_over_rewrites_and_the_longest_rewrite_wins() {
        let c = catalog(&format!(
            r#"{HEAD}
              <rewriteURI uriStartString="http://example.com/" rewritePrefix="all/"/>
              <rewriteURI uriStartString="http://example.com/schemas/" rewritePrefix="local/schemas/"/>
              <uri name="http://example.com/schemas/a.xsd" uri="exact/a.xsd"/>
              <group xml:base="sub/"><system systemId="urn:s" uri="s.xsd"/></group>
              <uriSuffix uriSuffix="/b.xsd" uri="suffix/b.xsd"/>
            </catalog>"#
        ));
        let get = |id| c.lookup(Key::Location(id)).map(|u| u.to_string());
        assert_eq!(get("http://example.com/schemas/a.xsd").as_deref(), Some("file:///catalogs/exact/a.xsd"));
        assert_eq!(
            get("http://example.com/schemas/c.xsd").as_deref(),
            Some("file:///catalogs/local/schemas/c.xsd")
        );
        assert_eq!(get("http://example.com/x/c.xsd").as_deref(), Some("file:///catalogs/all/x/c.xsd"));
        assert_eq!(get("urn:s").as_deref(), Some("file:///catalogs/sub/s.xsd"));
        assert_eq!(get("http://other.org/b.xsd").as_deref(), Some("file:///catalogs/suffix/b.xsd"));
        assert_eq!(get("http://other.org/c.xsd"), None);
    }

    #[test]
    fn a_namespace_matches_uri_and_public_entries_but_not_system_entries() {
        let c = catalog(&format!(
            r#"{HEAD}<system systemId="urn:a" uri="a.xsd"/><public publicId="urn:b" uri="b.xsd"/><uri name="urn:c" uri="c.xsd"/></catalog>"#
        ));
        assert_eq!(c.lookup(Key::Namespace("urn:a")), None);
        assert!(c.lookup(Key::Namespace("urn:b")).is_some());
        assert!(c.lookup(Key::Namespace("urn:c")).is_some());
        assert_eq!(c.lookup(Key::Location("urn:b")), None);
    }

    #[test]
    fn a_document_that_is_not_a_catalog_is_rejected_with_its_position() {
        let base = Url::parse("file:///c.xml").unwrap();
        let err = parse("<?xml version='1.0'?>\n<catalog/>", &base).unwrap_err();
        assert_eq!(err.0, 22);
        assert!(err.1.contains("not an OASIS XML catalog"));
        let err = parse(&format!("{HEAD}\n<uri name='x'/></catalog>"), &base).unwrap_err();
        assert!(err.1.contains("needs attribute `uri`"), "{}", err.1);
    }
}
