//! Whole-document entry points.

use std::io::Read;

use crate::doctype::Doctype;
use crate::error::{Error, ErrorKind};
use crate::reader::{is_schema_hint, Start};
use crate::reader::{ReadOptions, XmlReader};
use crate::writer::XmlWriter;
use crate::XmlElement;

/// A document's root element with what the document says about where its grammar is: the
/// schema-location hints on the root (`xsi:schemaLocation`, `xsi:noNamespaceSchemaLocation`) and the
/// DOCTYPE before it. They tell a validator where to find schemas or a DTD (nothing is ever loaded
/// from them); they belong to the document, not to the root element's type, so reading `T` alone
/// refuses them (never drops them) and reading `WithHints<T>` keeps them and writes them back. XSD
/// allows the hints on any element (a MARC collection may carry them on each record): those on
/// elements whose types have no place for them (no attribute wildcard takes them) are kept too, in
/// [`WithHints::element_hints`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
// Deserialize: in `serde_support` (a derived impl would borrow the `&'static str` from the input).
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct WithHints<T> {
    /// The root element.
    pub root: T,
    /// `xsi:schemaLocation`: pairs of namespace and schema location, as written.
    pub schema_location: Option<String>,
    /// `xsi:noNamespaceSchemaLocation`, as written.
    pub no_namespace_schema_location: Option<String>,
    /// The document type declaration (`<!DOCTYPE score-partwise PUBLIC "…" "…">`).
    pub doctype: Option<Doctype>,
    /// The XML version the document declares when it is not 1.0: `"1.1"` (which allows references
    /// to control characters such as `&#x7;`), written back in an XML declaration.
    pub xml_version: Option<&'static str>,
    /// Schema-location hints on elements below the root, in document order.
    pub element_hints: Vec<ElementHint>,
    /// The namespace declarations of the document's start tags, in document order. Written back on
    /// their elements, they keep the meaning of prefixes in content: a QName value (`type="tns:T"`
    /// in a schema, `z:foo` in an `xs:QName` element) names the same namespace after writing. A
    /// declaration of the binding already in scope changes nothing and is not kept.
    pub namespaces: Vec<NamespaceDeclaration>,
}

/// A namespace declaration (`xmlns:p="…"` or `xmlns="…"`) as a document wrote it, kept by
/// [`WithHints`]. The writer then binds names with the document's prefixes: an element takes a
/// prefix bound to its namespace, or the default namespace when that is its namespace, and never
/// moves the default namespace the document set, since unprefixed QNames in content resolve
/// through it. Elements are found again by position and name, as for an [`ElementHint`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NamespaceDeclaration {
    /// Which start tag of the document carries it, counted in document order from the root's (1).
    pub element: u32,
    /// That element's namespace (empty for none) and local name.
    pub name: (String, String),
    /// The prefix declared, or `None` for the default namespace.
    pub prefix: Option<String>,
    /// The namespace URI; empty for `xmlns=""`, which undeclares the default namespace.
    pub uri: String,
}

/// A schema-location hint on an element below the root, kept by [`WithHints`] for the element it
/// was read on. Elements are found again by position: the writer puts the hint on the start tag
/// with the same position in document order if that element has the same name. So a value written
/// back as read keeps every hint, and a tree with elements added or removed before a hint's element
/// loses the hint rather than moving it to another element.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ElementHint {
    /// Which start tag of the document carries it, counted in document order from the root's (1).
    pub element: u32,
    /// That element's namespace (empty for none) and local name.
    pub name: (String, String),
    /// Which hint it is.
    pub attribute: HintAttribute,
    /// The value, as written.
    pub value: String,
}

/// Which schema-location hint an [`ElementHint`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum HintAttribute {
    /// `xsi:schemaLocation`: pairs of namespace and schema location.
    SchemaLocation,
    /// `xsi:noNamespaceSchemaLocation`.
    NoNamespaceSchemaLocation,
}

impl HintAttribute {
    /// The attribute's local name (in the `xsi` namespace).
    pub fn local_name(self) -> &'static str {
        match self {
            HintAttribute::SchemaLocation => "schemaLocation",
            HintAttribute::NoNamespaceSchemaLocation => "noNamespaceSchemaLocation",
        }
    }
}

impl<T> WithHints<T> {
    /// `root` with no hints.
    pub fn new(root: T) -> Self {
        WithHints {
            root,
            schema_location: None,
            no_namespace_schema_location: None,
            doctype: None,
            xml_version: None,
            element_hints: Vec::new(),
            namespaces: Vec::new(),
        }
    }
}

impl<T: XmlElement> XmlElement for WithHints<T> {
    fn matches(ns: &[u8], local: &[u8]) -> bool {
        T::matches(ns, local)
    }

    fn expected() -> &'static str {
        T::expected()
    }

    fn read_element(r: &mut XmlReader<'_>, start: Start<'_>) -> Result<Self, Error> {
        let hints = WithHints::take(r, &start)?;
        r.keep_element_hints(&start);
        let root = T::read_element(r, start);
        let (element_hints, namespaces) = r.take_element_hints();
        Ok(WithHints { element_hints, namespaces, ..hints.with_root(root?) })
    }

    fn write_element(&self, w: &mut XmlWriter) {
        self.write_prolog(w);
        self.root.write_element(w);
    }
}

impl WithHints<()> {
    /// Takes the document's hints and DOCTYPE (with the root `start` just read), so that the root's
    /// own reader neither sees nor refuses them.
    pub(crate) fn take(r: &mut XmlReader<'_>, start: &Start<'_>) -> Result<Self, Error> {
        let (mut schema_location, mut no_namespace_schema_location) = (None, None);
        r.attributes(start, |a| {
            if is_schema_hint(a) {
                let slot = match a.local {
                    b"schemaLocation" => &mut schema_location,
                    _ => &mut no_namespace_schema_location,
                };
                *slot = Some(a.value.clone().into_owned());
            }
            Ok(())
        })?;
        r.take_schema_hints(start);
        let doctype = r.take_doctype();
        let xml_version = r.take_xml_version();
        Ok(WithHints {
            root: (),
            schema_location,
            no_namespace_schema_location,
            doctype,
            xml_version,
            element_hints: Vec::new(),
            namespaces: Vec::new(),
        })
    }
}

impl<T> WithHints<T> {
    /// The same hints on another root.
    pub(crate) fn with_root<U>(self, root: U) -> WithHints<U> {
        let WithHints {
            schema_location,
            no_namespace_schema_location,
            doctype,
            xml_version,
            element_hints,
            namespaces,
            ..
        } = self;
        WithHints {
            root,
            schema_location,
            no_namespace_schema_location,
            doctype,
            xml_version,
            element_hints,
            namespaces,
        }
    }

    /// Writes the XML declaration (for a version other than 1.0) and the DOCTYPE, and queues the
    /// hints for the root's start tag.
    pub(crate) fn write_prolog(&self, w: &mut XmlWriter) {
        if let Some(version) = self.xml_version {
            w.xml_declaration(version);
        }
        if let Some(doctype) = &self.doctype {
            w.doctype(doctype);
        }
        if let Some(v) = &self.schema_location {
            w.hint_next("schemaLocation", v.clone());
        }
        if let Some(v) = &self.no_namespace_schema_location {
            w.hint_next("noNamespaceSchemaLocation", v.clone());
        }
        // In document order, however a value built by hand lists them.
        let mut element_hints: Vec<&ElementHint> = self.element_hints.iter().collect();
        element_hints.sort_by_key(|h| h.element);
        for hint in element_hints {
            w.hint_at(hint.element, hint.name.clone(), hint.attribute.local_name(), hint.value.clone());
        }
        if !self.namespaces.is_empty() {
            let mut namespaces: Vec<&NamespaceDeclaration> = self.namespaces.iter().collect();
            namespaces.sort_by_key(|d| d.element);
            w.keep_namespaces(namespaces.into_iter().cloned());
        }
    }
}

/// Parses a document whose root is a `T` (a global element or a document type).
pub fn from_str<T: XmlElement>(xml: &str) -> Result<T, Error> {
    from_str_with(xml, ReadOptions::default())
}

/// Parses a document with explicit limits.
pub fn from_str_with<T: XmlElement>(xml: &str, options: ReadOptions) -> Result<T, Error> {
    let xml = crate::reader::line_ends_normalised(xml, &options);
    read_document(&mut XmlReader::new(&xml, options))
}

/// Parses a document, with the paths of the elements no type read (kept whole as `AnyElement`).
pub(crate) fn from_str_untyped<T: XmlElement>(xml: &str) -> Result<(T, Vec<String>), Error> {
    let options = ReadOptions::default();
    let xml = crate::reader::line_ends_normalised(xml, &options);
    let mut r = XmlReader::new(&xml, options);
    let value = read_document(&mut r)?;
    Ok((value, r.untyped_paths()))
}

/// Reads the whole document `r` reads, whose root is a `T`.
fn read_document<T: XmlElement>(r: &mut XmlReader<'_>) -> Result<T, Error> {
    let start = r.root()?;
    let ns = r.namespace_of(&start);
    if !T::matches(ns, start.local_name()) {
        let found = match std::str::from_utf8(ns) {
            Ok("") | Err(_) => String::from_utf8_lossy(start.local_name()).into_owned(),
            Ok(ns) => format!("{{{ns}}}{}", String::from_utf8_lossy(start.local_name())),
        };
        return Err(
            r.error_at(start.position(), ErrorKind::UnexpectedRoot { found, expected: T::expected() })
        );
    }
    let value = T::read_element(r, start)?;
    r.check_doctype_taken()?;
    r.end_document()?;
    Ok(value)
}

/// Parses a document from bytes in the encoding it declares ([`decode`](crate::decode) says which
/// encodings are read).
pub fn from_slice<T: XmlElement>(xml: &[u8]) -> Result<T, Error> {
    from_str(&crate::decode(xml)?)
}

/// Reads a whole document from `reader` (up to the default size limit) and parses it.
pub fn from_reader<T: XmlElement>(reader: impl std::io::Read) -> Result<T, Error> {
    let limit = ReadOptions::default().max_size;
    let mut bytes = Vec::new();
    let read = reader.take(limit as u64 + 1).read_to_end(&mut bytes);
    if let Err(e) = read {
        return Err(Error::new(ErrorKind::Encoding(e.to_string()), 0, 0, "/"));
    }
    if bytes.len() > limit {
        return Err(Error::new(ErrorKind::SizeLimit { limit }, 0, 0, "/"));
    }
    from_slice(&bytes)
}

/// Writes `value` as a compact document (no XML declaration, no added whitespace).
///
/// Fails only on what XML cannot hold, which the reader never produces but a value built by hand
/// can: a character XML has no form for (such as U+0000 or U+0001 in a string), or a name that is
/// not an XML name in an [`AnyElement`](crate::AnyElement). The error names the element's path and
/// the kind says what ([`ErrorKind::UnwritableChar`](crate::ErrorKind::UnwritableChar) and the
/// other `Unwritable…` kinds); nothing that is not well-formed is ever returned.
pub fn to_string<T: XmlElement>(value: &T) -> Result<String, Error> {
    let mut w = XmlWriter::new();
    value.write_element(&mut w);
    w.finish()
}

/// Writes `value` as an indented document; fails as [`to_string`] does.
pub fn to_string_pretty<T: XmlElement>(value: &T) -> Result<String, Error> {
    let mut w = XmlWriter::pretty();
    value.write_element(&mut w);
    w.finish()
}

/// Writes `value` as a compact document to `out`. A value XML cannot hold (see [`to_string`]) is an
/// error of kind [`std::io::ErrorKind::InvalidData`] whose inner error is the [`Error`], and
/// nothing is written.
pub fn to_writer<T: XmlElement>(value: &T, mut out: impl std::io::Write) -> std::io::Result<()> {
    let xml = to_string(value).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
    out.write_all(xml.as_bytes())
}
