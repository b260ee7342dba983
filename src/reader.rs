//! The pull reader generated code runs on: quick-xml's tokenizer (`quick_xml::Reader` over the whole
//! input) with namespace resolution of our own, a one-element lookahead for content models, a
//! nesting-depth limit and errors that carry line, column and element path.
//!
//! Positions and paths cost nothing on the happy path: the reader only remembers byte offsets, and an
//! error recomputes line, column and path from the input when it is built.
//!
//! What keeps it fast:
//! - every start tag's attributes are scanned once, when the tag is read: namespace declarations are
//!   applied and the other attributes' spans and resolved namespaces are cached, so
//!   [`XmlReader::attributes`], [`XmlReader::xsi_type`] and [`XmlReader::namespace_declarations`]
//!   only walk that cache (no second parse, no allocation);
//! - namespace URIs are interned: a binding is a prefix (borrowed from the input) and a small id, an
//!   element's namespace is an id, and a tag without a prefix reads the innermost default binding
//!   (no scan, however many bindings are in scope);
//! - text, attribute values and names are borrowed from the input (`&str` slices, no UTF-8
//!   re-validation); a copy is made only for line-end normalisation or references.

use std::borrow::Cow;

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::PrefixDeclaration;
use quick_xml::Reader;

use crate::error::{Error, ErrorKind};
use crate::value::{ValueError, XmlValue};

mod attributes;
mod bindings;
mod chars;
mod namespaces;
mod particles;

use attributes::first_duplicate;
use bindings::Bindings;
use namespaces::Namespaces;

/// Limits applied while reading, with safe defaults. Exceeding one is an error
/// ([`ErrorKind::DepthLimit`], [`ErrorKind::SizeLimit`], [`ErrorKind::AttributeLimit`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Maximum element nesting depth, including inside [`crate::AnyElement`] content (default 256).
    pub max_depth: usize,
    /// Maximum document size in bytes (default 64 MiB).
    pub max_size: usize,
    /// Maximum number of attributes on one element, namespace declarations included (default 256).
    pub max_attributes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { max_depth: 256, max_size: 64 << 20, max_attributes: 256 }
    }
}

/// An element's start tag, already resolved to its namespace. Generated readers receive one, read the
/// attributes from it, then the content through the [`XmlReader`].
#[derive(Debug)]
pub struct Start<'a> {
    tag: BytesStart<'a>,
    /// Interned namespace id (index into the reader's table; 0 is "no namespace").
    ns: u32,
    /// Offset of the local name within the qualified name.
    local_at: u32,
    empty: bool,
    pos: usize,
    /// Which start tag of the document this is (1-based), to find its cached attributes.
    serial: u32,
}

impl Start<'_> {
    /// The local name, without prefix.
    #[inline]
    pub fn local_name(&self) -> &[u8] {
        &self.tag.name().into_inner()[self.local_at as usize..]
    }

    /// The name as written, with its prefix if it had one.
    pub fn qname(&self) -> &[u8] {
        self.tag.name().into_inner()
    }

    /// The prefix as written, if any.
    pub fn prefix(&self) -> Option<&[u8]> {
        match self.local_at {
            0 => None,
            at => Some(&self.tag.name().into_inner()[..at as usize - 1]),
        }
    }

    /// Byte offset of the tag in the input.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// The interned id of the element's namespace in the reader that produced it (0 for no
    /// namespace); compare with [`XmlReader::ns_id`].
    #[inline]
    pub fn ns_id(&self) -> u32 {
        self.ns
    }

    fn display_name(&self) -> String {
        String::from_utf8_lossy(self.qname()).into_owned()
    }
}

/// One attribute of a start tag, resolved to its namespace. `xmlns` declarations are never reported.
#[derive(Debug)]
pub struct Attr<'x> {
    /// The attribute's namespace; `None` for unprefixed attributes.
    pub ns: Option<&'x [u8]>,
    /// The prefix as written.
    pub prefix: Option<&'x [u8]>,
    /// The local name.
    pub local: &'x [u8],
    /// The value after attribute-value normalisation and reference replacement.
    pub value: Cow<'x, str>,
}

impl Attr<'_> {
    /// Whether this is the unprefixed attribute `local`.
    #[inline]
    pub fn is_local(&self, local: &[u8]) -> bool {
        self.ns.is_none() && self.local == local
    }

    /// Whether this is the attribute `{ns}local`.
    #[inline]
    pub fn is(&self, ns: &str, local: &[u8]) -> bool {
        self.local == local && self.ns == Some(ns.as_bytes())
    }

    /// Parses the value, naming the attribute in the error.
    pub fn parse<T: XmlValue>(&self) -> Result<T, ErrorKind> {
        T::parse_xml(&self.value).map_err(|error| self.invalid(error))
    }

    /// The error for a value of the wrong type.
    pub fn invalid(&self, error: ValueError) -> ErrorKind {
        ErrorKind::InvalidValue { name: format!("@{}", self.display_name()), error }
    }

    /// The error for an attribute the type does not declare.
    pub fn unexpected(&self) -> ErrorKind {
        if is_schema_hint(self) {
            let name = format!(
                "{} (a document's schema-location hints are kept by `WithHints`)",
                self.display_name()
            );
            return ErrorKind::UnexpectedAttribute { name };
        }
        ErrorKind::UnexpectedAttribute { name: self.display_name() }
    }

    fn display_name(&self) -> String {
        match self.prefix {
            Some(p) => format!("{}:{}", String::from_utf8_lossy(p), String::from_utf8_lossy(self.local)),
            None => String::from_utf8_lossy(self.local).into_owned(),
        }
    }
}

/// Whether `a` is `xsi:schemaLocation` or `xsi:noNamespaceSchemaLocation`.
pub fn is_schema_hint(a: &Attr<'_>) -> bool {
    a.is(crate::xs::XSI_NAMESPACE, b"schemaLocation")
        || a.is(crate::xs::XSI_NAMESPACE, b"noNamespaceSchemaLocation")
}

/// An `xsi:type` value resolved in scope: the type's namespace (empty for none) and local name.
pub type XsiType<'s> = (&'s [u8], Cow<'s, str>);

/// Content of an element as seen by [`XmlReader::next_content`]: used where text and elements mix.
#[derive(Debug)]
pub enum Content<'a> {
    /// A child element's start tag (already entered: read it to its end).
    Start(Start<'a>),
    /// Character data, with references replaced.
    Text(Cow<'a, str>),
    /// The end of the current element (already left).
    End,
}

/// What an attribute of the current start tag is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AttrKind {
    Plain,
    /// `xmlns="…"`.
    DefaultDecl,
    /// `xmlns:p="…"`.
    NamedDecl,
}

/// One attribute of the most recently read start tag, as spans into its tag content.
#[derive(Debug, Clone, Copy)]
struct RawAttr {
    key: (u32, u32),
    /// Offset of the local name within the key (0 when unprefixed).
    local_at: u32,
    value: (u32, u32),
    /// The value has no tab, line end or reference: it is its own normalised form.
    plain: bool,
    kind: AttrKind,
    /// Resolved namespace of a plain attribute: 0 for none, [`UNDECLARED`] for an unknown prefix.
    ns: u32,
}

const UNDECLARED: u32 = u32::MAX;
const XML_NAMESPACE: &[u8] = b"http://www.w3.org/XML/1998/namespace";
const XMLNS_NAMESPACE: &[u8] = b"http://www.w3.org/2000/xmlns/";

/// The reader. Create one with [`XmlReader::new`] or use [`crate::from_str`].
pub struct XmlReader<'a> {
    inner: Reader<&'a [u8]>,
    input: &'a str,
    /// Interned namespace URIs; id 0 is "no namespace", 1 `xml`, 2 `xmlns`.
    namespaces: Namespaces,
    /// Namespace bindings in scope, innermost last; the first two are `xml` and `xmlns`.
    bindings: Bindings<'a>,
    /// `bindings.len()` before each open start tag (tokenizer level) declared anything.
    scopes: Vec<u32>,
    /// The last event was an end tag or an empty element: drop its scope before the next one.
    pop_scope: bool,
    /// Attributes of the start tag numbered `attrs_serial`.
    attrs: Vec<RawAttr>,
    attrs_serial: u32,
    /// Address of that tag's content, so a `Start` of another reader never matches the cache.
    attrs_at: usize,
    /// Whether the cached attributes are well-formed (no syntax error, no duplicate); when not,
    /// [`XmlReader::attributes`] parses the tag again with checks to report the error.
    attrs_ok: bool,
    /// Start tags read so far.
    serial: u32,
    /// A child start tag read ahead by `peek_with` and not yet taken.
    pending: Option<Start<'a>>,
    /// One entry per open element: whether its end tag has been consumed already.
    open: Vec<bool>,
    /// Offset of the most recently read event, for errors.
    last_pos: usize,
    /// Position of the start tag whose schema-location hints a [`crate::WithHints`] has taken.
    hinted: Option<usize>,
    options: ReadOptions,
}

impl<'a> XmlReader<'a> {
    /// A reader over a whole document.
    pub fn new(input: &'a str, options: ReadOptions) -> Self {
        let mut inner = Reader::from_str(input);
        let config = inner.config_mut();
        config.trim_text(false);
        config.expand_empty_elements = false;
        config.check_end_names = true;
        config.check_comments = true;
        let namespaces = Namespaces::new(&[XML_NAMESPACE, XMLNS_NAMESPACE]);
        XmlReader {
            inner,
            input,
            namespaces,
            bindings: Bindings::new(),
            scopes: Vec::new(),
            pop_scope: false,
            attrs: Vec::new(),
            attrs_serial: 0,
            attrs_at: 0,
            attrs_ok: true,
            serial: 0,
            pending: None,
            open: Vec::new(),
            last_pos: 0,
            hinted: None,
            options,
        }
    }

    /// The limits in force.
    pub fn options(&self) -> &ReadOptions {
        &self.options
    }

    /// Reads the root element: skips the XML declaration, comments and processing instructions, and
    /// returns its start tag (entered). Call [`XmlReader::end_document`] after reading it.
    pub fn root(&mut self) -> Result<Start<'a>, Error> {
        if self.input.len() > self.options.max_size {
            return Err(self.error_at(0, ErrorKind::SizeLimit { limit: self.options.max_size }));
        }
        // One pass over the whole input, so no text, value, name or comment needs its own check.
        if let Some((at, c)) = chars::first_invalid(self.input) {
            let msg = format!("character U+{:04X} is not allowed in XML", u32::from(c));
            return Err(self.error_at(at, ErrorKind::Syntax(msg)));
        }
        loop {
            match self.next_event()? {
                Ev::Start(start) => {
                    self.enter(&start)?;
                    return Ok(start);
                }
                Ev::Space(_) => {}
                Ev::Text(text) if is_xml_whitespace(&text) => {}
                Ev::Text(_) => {
                    return Err(self.error(ErrorKind::Syntax("text before the root element".into())))
                }
                Ev::End => {
                    return Err(self.error(ErrorKind::Syntax("end tag before the root element".into())))
                }
                Ev::Skip => {}
                Ev::Eof => return Err(self.error(ErrorKind::Syntax("no root element".into()))),
            }
        }
    }

    /// Checks that nothing but whitespace, comments and processing instructions follow the root.
    pub fn end_document(&mut self) -> Result<(), Error> {
        loop {
            match self.next_event()? {
                Ev::Eof => return Ok(()),
                Ev::Space(_) => {}
                Ev::Text(text) if is_xml_whitespace(&text) => {}
                Ev::Skip => {}
                _ => return Err(self.error(ErrorKind::TrailingContent)),
            }
        }
    }

    /// Looks at the next child element of the current element without consuming it, and tells whether
    /// `pred(namespace, local_name)` accepts it. Returns `false` at the end of the element. Whitespace,
    /// comments and processing instructions are skipped; other text is an error (element-only content).
    #[inline]
    pub fn peek_with(&mut self, pred: impl FnOnce(&[u8], &[u8]) -> bool) -> Result<bool, Error> {
        if self.pending.is_none() && !self.fill_pending()? {
            return Ok(false);
        }
        Ok(match &self.pending {
            Some(start) => pred(self.namespaces.uri(start.ns), start.local_name()),
            None => false,
        })
    }

    /// Like [`XmlReader::peek_with`], but the predicate gets the namespace as an interned id (see
    /// [`XmlReader::ns_id`]): comparing ids is cheaper than comparing URIs.
    #[inline]
    pub fn peek_with_id(&mut self, pred: impl FnOnce(u32, &[u8]) -> bool) -> Result<bool, Error> {
        if self.pending.is_none() && !self.fill_pending()? {
            return Ok(false);
        }
        Ok(match &self.pending {
            Some(start) => pred(start.ns, start.local_name()),
            None => false,
        })
    }

    /// Whether the next child element is `{ns}local`.
    pub fn peek_is(&mut self, ns: &str, local: &[u8]) -> Result<bool, Error> {
        self.peek_with(|n, l| l == local && n == ns.as_bytes())
    }

    /// The interned id of namespace `uri` if any element or attribute read so far used it (ids are
    /// stable for the life of the reader; 0 is "no namespace"). `None` means no element read so far
    /// is in that namespace, so none can match it.
    pub fn ns_id(&self, uri: &str) -> Option<u32> {
        self.namespaces.get(uri.as_bytes())
    }

    /// Takes the child element the last successful [`XmlReader::peek_with`] looked at, entering it.
    #[inline]
    pub fn take(&mut self) -> Result<Start<'a>, Error> {
        match self.pending.take() {
            Some(start) => {
                self.enter(&start)?;
                Ok(start)
            }
            None => Err(self.error(ErrorKind::Syntax("internal: take() without a peeked element".into()))),
        }
    }

    /// A marker that changes whenever input is consumed; generated loops use it to guarantee progress.
    #[inline]
    pub fn progress(&self) -> (u64, bool) {
        (self.inner.buffer_position(), self.pending.is_some())
    }

    /// Finishes the current element: only its end tag (and ignorable whitespace) may follow.
    pub fn finish(&mut self, start: &Start<'_>) -> Result<(), Error> {
        if self.pending.is_some() || self.fill_pending()? {
            let found = self.pending.as_ref().map(|s| s.display_name()).unwrap_or_default();
            let pos = self.pending.as_ref().map_or(self.last_pos, |s| s.pos);
            let expected = format!("the end of {}", start.display_name());
            return Err(self.error_at(pos, ErrorKind::UnexpectedElement { found, expected }));
        }
        self.leave();
        Ok(())
    }

    /// Reads the text content of the current element (simple content) and leaves it. Child elements
    /// are an error.
    pub fn read_text(&mut self) -> Result<Cow<'a, str>, Error> {
        if self.pending.is_none() && self.open.last() == Some(&false) {
            // The usual case, without going through `next_content` for each piece.
            let mut text: Cow<'a, str> = Cow::Borrowed("");
            loop {
                let piece = match self.next_event()? {
                    Ev::Space(s) => Cow::Borrowed(s),
                    Ev::Text(t) => t,
                    Ev::End => {
                        self.leave();
                        return Ok(text);
                    }
                    Ev::Skip => continue,
                    Ev::Eof => return Err(self.error(ErrorKind::UnexpectedEof)),
                    Ev::Start(start) => {
                        self.enter(&start)?;
                        let found = start.display_name();
                        return Err(self.error_at(
                            start.pos,
                            ErrorKind::UnexpectedElement { found, expected: "text only".into() },
                        ));
                    }
                };
                if text.is_empty() {
                    text = piece;
                } else {
                    text.to_mut().push_str(&piece);
                }
            }
        }
        let mut text: Cow<'a, str> = Cow::Borrowed("");
        loop {
            match self.next_content()? {
                Content::Text(t) if text.is_empty() => text = t,
                Content::Text(t) => text.to_mut().push_str(&t),
                Content::End => return Ok(text),
                Content::Start(start) => {
                    let found = start.display_name();
                    return Err(self.error_at(
                        start.pos,
                        ErrorKind::UnexpectedElement { found, expected: "text only".into() },
                    ));
                }
            }
        }
    }

    /// Reads and parses the text content of the current element, naming it in errors.
    pub fn read_value<T: XmlValue>(&mut self, start: &Start<'_>) -> Result<T, Error> {
        let pos = start.pos;
        let text = self.read_text()?;
        // The path already names the element, so the message does not repeat it.
        T::parse_xml(&text)
            .map_err(|error| self.error_at(pos, ErrorKind::InvalidValue { name: String::new(), error }))
    }

    /// Reads the text content of the current element as a `String` (like `read_value::<String>`, but
    /// without copying text that had to be built anyway).
    pub fn read_string(&mut self) -> Result<String, Error> {
        Ok(self.read_text()?.into_owned())
    }

    /// The next piece of content of the current element: a child start tag (entered), text, or the end
    /// (left). Comments and processing instructions are skipped. For mixed and wildcard content.
    pub fn next_content(&mut self) -> Result<Content<'a>, Error> {
        if let Some(start) = self.pending.take() {
            self.enter(&start)?;
            return Ok(Content::Start(start));
        }
        if self.open.last() == Some(&true) {
            self.leave();
            return Ok(Content::End);
        }
        loop {
            match self.next_event()? {
                Ev::Start(start) => {
                    self.enter(&start)?;
                    return Ok(Content::Start(start));
                }
                Ev::Space(text) => return Ok(Content::Text(Cow::Borrowed(text))),
                Ev::Text(text) => return Ok(Content::Text(text)),
                Ev::End => {
                    self.leave();
                    return Ok(Content::End);
                }
                Ev::Skip => {}
                Ev::Eof => return Err(self.error(ErrorKind::UnexpectedEof)),
            }
        }
    }

    /// Calls `f` for every attribute of `start` except namespace declarations. An error `f` returns is
    /// reported at the start tag.
    #[inline]
    pub fn attributes(
        &self,
        start: &Start<'_>,
        mut f: impl FnMut(&Attr<'_>) -> Result<(), ErrorKind>,
    ) -> Result<(), Error> {
        if self.hinted != Some(start.pos) {
            return self.visit_attributes(start, f);
        }
        self.visit_attributes(start, |a| if is_schema_hint(a) { Ok(()) } else { f(a) })
    }

    /// For a nillable element: `Some` of its other attributes when it says `xsi:nil="true"` (after
    /// checking that it is empty), `None` when it is to be read as its type.
    pub fn read_nil(&mut self, start: &Start<'_>) -> Result<Option<crate::AnyAttributes>, Error> {
        let is_nil = |a: &Attr<'_>| a.is(crate::xs::XSI_NAMESPACE, b"nil");
        let mut nil = false;
        self.attributes(start, |a| {
            nil |= is_nil(a) && matches!(a.value.trim_matches(crate::xs::is_xml_whitespace), "true" | "1");
            Ok(())
        })?;
        if !nil {
            return Ok(None);
        }
        let mut attributes = crate::AnyAttributes::default();
        self.attributes(start, |a| {
            if !is_nil(a) {
                attributes.push_read(a);
            }
            Ok(())
        })?;
        self.finish(start)?;
        Ok(Some(attributes))
    }

    /// Hides `start`'s schema-location hints from [`XmlReader::attributes`]: the caller keeps them.
    pub fn take_schema_hints(&mut self, start: &Start<'_>) {
        self.hinted = Some(start.pos);
    }

    /// [`XmlReader::attributes`] with the lifetime of the values spelled out, for callers that keep
    /// one.
    fn visit_attributes<'s>(
        &'s self,
        start: &'s Start<'_>,
        mut f: impl FnMut(&Attr<'s>) -> Result<(), ErrorKind>,
    ) -> Result<(), Error> {
        if !self.cached(start) {
            return self.attributes_checked(start, f);
        }
        let content: &'s [u8] = &start.tag;
        let base = self.locate(content);
        for raw in &self.attrs {
            if raw.kind != AttrKind::Plain {
                continue;
            }
            let key = &content[raw.key.0 as usize..raw.key.1 as usize];
            let ns = match raw.ns {
                0 => None,
                UNDECLARED => {
                    let prefix = &key[..raw.local_at as usize - 1];
                    let msg = format!("undeclared namespace prefix {:?}", String::from_utf8_lossy(prefix));
                    return Err(self.error_at(start.pos, ErrorKind::Syntax(msg)));
                }
                id => Some(self.namespaces.uri(id)),
            };
            let value =
                self.value_at(base, content, raw.value).map_err(|kind| self.error_at(start.pos, kind))?;
            let value = if raw.plain {
                Cow::Borrowed(value)
            } else {
                attribute_text(value).map_err(|kind| self.error_at(start.pos, kind))?
            };
            let attr = Attr {
                ns,
                prefix: (raw.local_at > 0).then(|| &key[..raw.local_at as usize - 1]),
                local: &key[raw.local_at as usize..],
                value,
            };
            f(&attr).map_err(|kind| self.error_at(start.pos, kind))?;
        }
        Ok(())
    }

    /// The slow path of [`XmlReader::attributes`]: parses the tag again with all checks, to report a
    /// malformed or duplicated attribute exactly, or for a start tag that is no longer the latest.
    fn attributes_checked<'s>(
        &'s self,
        start: &'s Start<'_>,
        mut f: impl FnMut(&Attr<'s>) -> Result<(), ErrorKind>,
    ) -> Result<(), Error> {
        self.check_tag(start)?;
        for attr in start.tag.attributes().with_checks(false) {
            let attr = attr.map_err(|e| self.error_at(start.pos, ErrorKind::Syntax(e.to_string())))?;
            if is_namespace_declaration(&attr) {
                continue;
            }
            let (local, prefix) = attr.key.decompose();
            let ns = match prefix {
                None => None,
                Some(p) => match self.resolve(Some(p.into_inner())) {
                    Some(id) if id != 0 => Some(self.namespaces.uri(id)),
                    _ => {
                        let msg = format!(
                            "undeclared namespace prefix {:?}",
                            String::from_utf8_lossy(p.into_inner())
                        );
                        return Err(self.error_at(start.pos, ErrorKind::Syntax(msg)));
                    }
                },
            };
            let value = attribute_value(&attr).map_err(|kind| self.error_at(start.pos, kind))?;
            let attr = Attr { ns, prefix: prefix.map(|p| p.into_inner()), local: local.into_inner(), value };
            f(&attr).map_err(|kind| self.error_at(start.pos, kind))?;
        }
        Ok(())
    }

    /// Parses `start`'s attributes and reports the first well-formedness error among them: a syntax
    /// error or an attribute named like an earlier one (the same name as written, or the same
    /// namespace and local name), whichever comes first in the tag; then too many attributes.
    fn check_tag(&self, start: &Start<'_>) -> Result<(), Error> {
        let fail = |kind| Err(self.error_at(start.pos, kind));
        let mut attrs = Vec::new();
        let mut syntax = None;
        for attr in start.tag.attributes().with_checks(false) {
            match attr {
                Ok(attr) => attrs.push(attr),
                Err(e) => {
                    syntax = Some(ErrorKind::Syntax(e.to_string()));
                    break;
                }
            }
        }
        let duplicate =
            |at: usize| ErrorKind::DuplicateAttribute { name: utf8(attrs[at].key.into_inner()).to_owned() };
        if let Some(at) = first_duplicate(attrs.len(), |i| attrs[i].key.into_inner()) {
            return fail(duplicate(at));
        }
        if let Some(kind) = syntax {
            return fail(kind);
        }
        if attrs.len() > self.options.max_attributes {
            return fail(ErrorKind::AttributeLimit { limit: self.options.max_attributes });
        }
        // Prefixed names that resolve, as (namespace id, local name).
        let expanded: Vec<(usize, u32, &[u8])> = attrs
            .iter()
            .enumerate()
            .filter(|(_, a)| !is_namespace_declaration(a))
            .filter_map(|(i, a)| {
                let (local, prefix) = a.key.decompose();
                let id = self.resolve(Some(prefix?.into_inner())).filter(|&id| id != 0)?;
                Some((i, id, local.into_inner()))
            })
            .collect();
        match first_duplicate(expanded.len(), |i| (expanded[i].1, expanded[i].2)) {
            Some(at) => fail(duplicate(expanded[at].0)),
            None => Ok(()),
        }
    }

    /// The namespace declarations written on `start`, as `(prefix, uri)` (prefix `None` for `xmlns`).
    pub fn namespace_declarations(&self, start: &Start<'_>) -> Result<Vec<(Option<String>, String)>, Error> {
        let mut out = Vec::new();
        if self.cached(start) {
            let content: &[u8] = &start.tag;
            for raw in &self.attrs {
                let prefix = match raw.kind {
                    AttrKind::Plain => continue,
                    AttrKind::DefaultDecl => None,
                    AttrKind::NamedDecl => {
                        Some(utf8(&content[raw.key.0 as usize + 6..raw.key.1 as usize]).to_owned())
                    }
                };
                let value = self
                    .value_at(self.locate(content), content, raw.value)
                    .map_err(|kind| self.error_at(start.pos, kind))?;
                let value = attribute_text(value).map_err(|kind| self.error_at(start.pos, kind))?;
                out.push((prefix, value.into_owned()));
            }
            return Ok(out);
        }
        self.check_tag(start)?;
        for attr in start.tag.attributes().with_checks(false) {
            let attr = attr.map_err(|e| self.error_at(start.pos, ErrorKind::Syntax(e.to_string())))?;
            if let Some(decl) = attr.key.as_namespace_binding() {
                let prefix = match decl {
                    PrefixDeclaration::Default => None,
                    PrefixDeclaration::Named(p) => Some(utf8(p).to_owned()),
                };
                let value = attribute_value(&attr).map_err(|kind| self.error_at(start.pos, kind))?;
                out.push((prefix, value.into_owned()));
            }
        }
        Ok(out)
    }

    /// The namespace URI of `start` (empty for no namespace).
    #[inline]
    pub fn namespace_of(&self, start: &Start<'_>) -> &[u8] {
        self.namespaces.uri(start.ns)
    }

    /// The type named by `start`'s `xsi:type` attribute, resolved in the element's scope:
    /// `(namespace, local name)`, the namespace empty for none.
    pub fn xsi_type(&self, start: &Start<'_>) -> Result<Option<(Vec<u8>, String)>, Error> {
        Ok(self.xsi_type_ref(start)?.map(|(ns, local)| (ns.to_vec(), local.into_owned())))
    }

    /// [`XmlReader::xsi_type`] without copying: the namespace from the reader's table, the local name
    /// borrowed from the attribute value when it needed no unescaping.
    pub fn xsi_type_ref<'s>(&'s self, start: &'s Start<'_>) -> Result<Option<XsiType<'s>>, Error> {
        let mut found: Option<Cow<'s, str>> = None;
        self.visit_attributes(start, |a| {
            if a.is(crate::xs::XSI_NAMESPACE, b"type") {
                found = Some(a.value.clone());
            }
            Ok(())
        })?;
        let Some(value) = found else { return Ok(None) };
        let (prefix, local): (Option<String>, Cow<'s, str>) = match value {
            Cow::Borrowed(s) => {
                let s = s.trim();
                match s.split_once(':') {
                    Some((p, l)) => (Some(p.to_owned()), Cow::Borrowed(l)),
                    None => (None, Cow::Borrowed(s)),
                }
            }
            Cow::Owned(s) => {
                let t = s.trim();
                match t.split_once(':') {
                    Some((p, l)) => (Some(p.to_owned()), Cow::Owned(l.to_owned())),
                    None => (None, Cow::Owned(t.to_owned())),
                }
            }
        };
        match self.resolve_prefix(prefix.as_deref()) {
            Some(ns) => Ok(Some((ns, local))),
            None if prefix.is_none() => Ok(Some((&[], local))),
            None => {
                let qname = format!("{}:{local}", prefix.unwrap_or_default());
                let msg = format!("xsi:type {qname:?} uses an undeclared namespace prefix");
                Err(self.error_at(start.pos, ErrorKind::Syntax(msg)))
            }
        }
    }

    /// Resolves a prefix in the scope of the element most recently entered (for QName values).
    pub fn resolve_prefix(&self, prefix: Option<&str>) -> Option<&[u8]> {
        match self.resolve(prefix.map(str::as_bytes)) {
            Some(id) if id != 0 => Some(self.namespaces.uri(id)),
            _ => None,
        }
    }

    /// An error positioned at the most recently read event.
    pub fn error(&self, kind: ErrorKind) -> Error {
        self.error_at(self.last_pos, kind)
    }

    /// An error positioned at byte offset `pos`, with line, column and element path.
    #[cold]
    pub fn error_at(&self, pos: usize, kind: ErrorKind) -> Error {
        let pos = pos.min(self.input.len());
        let (line, column) = line_column(self.input.as_bytes(), pos);
        Error::new(kind, line, column, element_path(self.input.as_bytes(), pos))
    }

    /// An error for a start tag whose element is not expected here.
    pub fn unexpected(&self, start: &Start<'_>, expected: &str) -> Error {
        let found = start.display_name();
        self.error_at(start.pos, ErrorKind::UnexpectedElement { found, expected: expected.to_owned() })
    }

    #[inline]
    fn enter(&mut self, start: &Start<'_>) -> Result<(), Error> {
        if self.open.len() >= self.options.max_depth {
            return Err(self.error_at(start.pos, ErrorKind::DepthLimit { limit: self.options.max_depth }));
        }
        self.open.push(start.empty);
        Ok(())
    }

    #[inline]
    fn leave(&mut self) {
        self.open.pop();
    }

    /// Reads ahead to the next child start tag of the current element; `false` at its end.
    fn fill_pending(&mut self) -> Result<bool, Error> {
        if self.open.last() == Some(&true) {
            return Ok(false);
        }
        loop {
            match self.next_event()? {
                Ev::Start(start) => {
                    self.pending = Some(start);
                    return Ok(true);
                }
                Ev::End => {
                    if let Some(done) = self.open.last_mut() {
                        *done = true;
                    }
                    return Ok(false);
                }
                Ev::Space(_) => {}
                Ev::Text(text) if is_xml_whitespace(&text) => {}
                Ev::Text(text) => {
                    let text = text.trim().chars().take(40).collect();
                    return Err(self.error(ErrorKind::UnexpectedText { text }));
                }
                Ev::Skip => {}
                Ev::Eof => return Err(self.error(ErrorKind::UnexpectedEof)),
            }
        }
    }

    fn next_event(&mut self) -> Result<Ev<'a>, Error> {
        if self.pop_scope {
            self.pop_scope = false;
            if let Some(len) = self.scopes.pop() {
                self.bindings.truncate(len as usize);
            }
        }
        let pos = self.inner.buffer_position() as usize;
        self.last_pos = pos;
        let event = match self.inner.read_event() {
            Ok(event) => event,
            Err(e) => {
                let at = self.inner.error_position() as usize;
                return Err(self.error_at(at, ErrorKind::Syntax(e.to_string())));
            }
        };
        Ok(match event {
            Event::Start(tag) => Ev::Start(self.start_tag(tag, false, pos)?),
            Event::Empty(tag) => {
                let start = self.start_tag(tag, true, pos)?;
                self.pop_scope = true;
                Ev::Start(start)
            }
            Event::End(_) => {
                self.pop_scope = true;
                Ev::End
            }
            Event::Text(text) => match text.into_inner() {
                Cow::Borrowed(raw) => {
                    match self.locate(raw).and_then(|at| self.input.get(at..at + raw.len())) {
                        Some(s) if is_xml_whitespace(s) => Ev::Space(s),
                        Some(s) => Ev::Text(normalize_eols(s)),
                        None => Ev::Text(self.decode_owned(raw.to_vec(), pos)?),
                    }
                }
                Cow::Owned(raw) => Ev::Text(self.decode_owned(raw, pos)?),
            },
            Event::CData(data) => match data.into_inner() {
                Cow::Borrowed(raw) => {
                    match self.locate(raw).and_then(|at| self.input.get(at..at + raw.len())) {
                        Some(s) => Ev::Text(normalize_eols(s)),
                        None => Ev::Text(self.decode_owned(raw.to_vec(), pos)?),
                    }
                }
                Cow::Owned(raw) => Ev::Text(self.decode_owned(raw, pos)?),
            },
            Event::GeneralRef(r) => Ev::Text(resolve_reference(&r).map_err(|k| self.error_at(pos, k))?),
            Event::DocType(_) => {
                return Err(self.error_at(pos, ErrorKind::Syntax("DOCTYPE is not supported".into())))
            }
            Event::Decl(_) if pos == 0 => Ev::Skip,
            Event::Decl(_) => {
                return Err(self.error_at(pos, ErrorKind::Syntax("XML declaration not at the start".into())))
            }
            Event::Comment(_) | Event::PI(_) => Ev::Skip,
            Event::Eof => Ev::Eof,
        })
    }

    /// Opens a start tag: applies its namespace declarations, caches its attributes and resolves its
    /// name.
    fn start_tag(&mut self, tag: BytesStart<'a>, empty: bool, pos: usize) -> Result<Start<'a>, Error> {
        self.scopes.push(self.bindings.len() as u32);
        self.serial = self.serial.wrapping_add(1).max(1);
        self.attrs_serial = self.serial;
        self.attrs_at = tag.as_ptr() as usize;
        self.attrs.clear();
        self.attrs_ok = true;
        let name = tag.name().into_inner();
        if !attributes::colons_ok(name) {
            let msg = format!("{:?} is not a qualified name (prefix:local)", utf8(name));
            return Err(self.error_at(pos, ErrorKind::Syntax(msg)));
        }
        // quick-xml ends a tag at the first `>` outside quotes; a `<` before it is in the name (which
        // would be written back as two tags) or in an attribute value (checked by the scan).
        if name.contains(&b'<') {
            return Err(self.error_at(pos, ErrorKind::Syntax("`<` is not allowed in a name".into())));
        }
        if tag.len() > name.len() {
            self.scan_attributes(&tag, name.len(), pos)?;
        }
        let (ns, local_at) = match name.iter().position(|&b| b == b':') {
            None => (self.resolve(None).unwrap_or(0), 0),
            Some(colon) => match self.resolve(Some(&name[..colon])) {
                Some(id) if id != 0 => (id, colon as u32 + 1),
                _ => {
                    let msg =
                        format!("undeclared namespace prefix {:?}", String::from_utf8_lossy(&name[..colon]));
                    return Err(self.error_at(pos, ErrorKind::Syntax(msg)));
                }
            },
        };
        Ok(Start { tag, ns, local_at, empty, pos, serial: self.serial })
    }

    /// Scans the attributes of the start tag being opened into `self.attrs`, applying namespace
    /// declarations. Attributes are not checked here beyond what namespace processing needs: a
    /// malformed or duplicated one marks the cache as not well-formed, and reading the attributes
    /// then reports it.
    fn scan_attributes(&mut self, tag: &BytesStart<'a>, name_len: usize, pos: usize) -> Result<(), Error> {
        let content: &[u8] = tag;
        let limit = self.options.max_attributes;
        if !scan_simple_attributes(content, name_len, limit, &mut self.attrs) {
            // Something the fast scanner does not handle: let quick-xml parse the tag.
            if content.contains(&b'<') {
                let msg = "`<` is not allowed in an attribute value".into();
                return Err(self.error_at(pos, ErrorKind::Syntax(msg)));
            }
            self.attrs.clear();
            let base = content.as_ptr() as usize;
            let span = |s: &[u8]| {
                let at = s.as_ptr() as usize - base;
                (at as u32, (at + s.len()) as u32)
            };
            for attr in tag.attributes().with_checks(false) {
                let Ok(attr) = attr else {
                    self.attrs_ok = false;
                    break;
                };
                if self.attrs.len() > limit {
                    break;
                }
                let key = attr.key.into_inner();
                let value: &[u8] = &attr.value;
                // quick-xml borrows values from the tag; an owned one cannot be cached.
                let at = value.as_ptr() as usize;
                if at < base || at + value.len() > base + content.len() {
                    self.attrs_ok = false;
                    break;
                }
                let plain = !value.iter().any(|&b| CLASS[b as usize] & SPECIAL != 0);
                self.attrs.push(raw_attr(span(key), key, span(value), plain));
            }
        }
        let n = self.attrs.len();
        if n > limit {
            return Err(self.error_at(pos, ErrorKind::AttributeLimit { limit }));
        }
        for raw in &self.attrs {
            let key = &content[raw.key.0 as usize..raw.key.1 as usize];
            if raw.local_at > 0 && !attributes::colons_ok(key) {
                let msg = format!("{:?} is not a qualified name (prefix:local)", utf8(key));
                return Err(self.error_at(pos, ErrorKind::Syntax(msg)));
            }
        }
        // Duplicates are a well-formedness error, reported when the attributes are read.
        let attrs = &self.attrs;
        let key = |i: usize| &content[attrs[i].key.0 as usize..attrs[i].key.1 as usize];
        if first_duplicate(n, key).is_some() {
            self.attrs_ok = false;
        }
        let (mut declares, mut prefixed) = (false, false);
        for raw in &self.attrs {
            declares |= raw.kind != AttrKind::Plain;
            prefixed |= raw.kind == AttrKind::Plain && raw.local_at > 0;
        }
        // Declarations first (an attribute may use a prefix declared after it on the same tag).
        if declares {
            for i in 0..n {
                let raw = self.attrs[i];
                let prefix = match raw.kind {
                    AttrKind::Plain => continue,
                    AttrKind::DefaultDecl => PrefixDeclaration::Default,
                    AttrKind::NamedDecl => {
                        PrefixDeclaration::Named(self.tag_str(tag, (raw.key.0 + 6, raw.key.1)).as_bytes())
                    }
                };
                // Bound to the value after reference replacement, like any attribute value.
                let raw_value = self.tag_str(tag, raw.value);
                let uri = match raw.plain {
                    true => Cow::Borrowed(raw_value),
                    false => attribute_text(raw_value).map_err(|kind| self.error_at(pos, kind))?,
                };
                self.declare(prefix, uri.as_bytes(), pos)?;
            }
        }
        if prefixed {
            for i in 0..n {
                let raw = self.attrs[i];
                if raw.kind == AttrKind::Plain && raw.local_at > 0 {
                    let prefix = &content[raw.key.0 as usize..(raw.key.0 + raw.local_at - 1) as usize];
                    self.attrs[i].ns = match self.resolve(Some(prefix)) {
                        Some(id) if id != 0 => id,
                        _ => UNDECLARED,
                    };
                }
            }
            // Two prefixes bound to one namespace can still name one attribute twice.
            // Other attributes get a key of their own (their index), so they never match.
            let attrs = &self.attrs;
            let expanded = |i: usize| {
                let raw = &attrs[i];
                match raw.kind == AttrKind::Plain && !matches!(raw.ns, 0 | UNDECLARED) {
                    true => (raw.ns, &content[(raw.key.0 + raw.local_at) as usize..raw.key.1 as usize], n),
                    false => (0, &[][..], i),
                }
            };
            if first_duplicate(n, expanded).is_some() {
                self.attrs_ok = false;
            }
        }
        Ok(())
    }

    /// Span `at` of `tag`'s content as text with the input's lifetime (no UTF-8 check: it is a slice
    /// of the input string).
    fn tag_str(&self, tag: &BytesStart<'_>, at: (u32, u32)) -> &'a str {
        let content: &[u8] = tag;
        let bytes = &content[at.0 as usize..at.1 as usize];
        let input: &'a str = self.input;
        match self.locate(bytes).and_then(|off| input.get(off..off + bytes.len())) {
            Some(s) => s,
            // Not reachable for a reader over a string; a name no document uses is the safe outcome.
            None => "\u{fffd}",
        }
    }

    /// Applies a namespace declaration made on the start tag at `pos`, refusing what Namespaces in
    /// XML 1.0 forbids: rebinding `xml` or `xmlns`, another prefix for their namespaces, and binding a
    /// prefix to the empty name.
    fn declare(&mut self, prefix: PrefixDeclaration<'a>, uri: &[u8], pos: usize) -> Result<(), Error> {
        let msg = match prefix {
            PrefixDeclaration::Default if uri == XML_NAMESPACE || uri == XMLNS_NAMESPACE => {
                format!("the default namespace cannot be {:?}, which is reserved", utf8(uri))
            }
            PrefixDeclaration::Default => {
                let ns = self.namespaces.intern(uri);
                self.bindings.push(None, ns);
                return Ok(());
            }
            PrefixDeclaration::Named(b"xml") if uri == XML_NAMESPACE => return Ok(()),
            PrefixDeclaration::Named(b"xml") => {
                format!(
                    "the prefix \"xml\" cannot be bound to {:?}, only to its reserved namespace",
                    utf8(uri)
                )
            }
            PrefixDeclaration::Named(b"xmlns") => "the prefix \"xmlns\" cannot be declared".to_owned(),
            PrefixDeclaration::Named(p) if uri == XML_NAMESPACE || uri == XMLNS_NAMESPACE => {
                format!("the prefix {:?} cannot be bound to {:?}, which is reserved", utf8(p), utf8(uri))
            }
            PrefixDeclaration::Named(p) if uri.is_empty() => {
                // Only the default namespace can be undeclared.
                format!("the prefix {:?} is bound to an empty namespace name", utf8(p))
            }
            PrefixDeclaration::Named(p) => {
                let ns = self.namespaces.intern(uri);
                self.bindings.push(Some(p), ns);
                return Ok(());
            }
        };
        Err(self.error_at(pos, ErrorKind::Syntax(msg)))
    }

    /// The namespace id bound to `prefix` (`None` for the default namespace) in the current scope;
    /// `None` if unbound. `Some(0)` is an explicit `xmlns=""` / `xmlns:p=""`.
    #[inline]
    fn resolve(&self, prefix: Option<&[u8]>) -> Option<u32> {
        self.bindings.resolve(prefix)
    }

    /// Whether the attribute cache holds `start`'s attributes, well-formed.
    #[inline]
    fn cached(&self, start: &Start<'_>) -> bool {
        start.serial == self.attrs_serial && start.tag.as_ptr() as usize == self.attrs_at && self.attrs_ok
    }

    /// Where `bytes` starts in the input, if it is a slice of it.
    #[inline]
    fn locate(&self, bytes: &[u8]) -> Option<usize> {
        let base = self.input.as_ptr() as usize;
        let at = (bytes.as_ptr() as usize).checked_sub(base)?;
        (at + bytes.len() <= self.input.len()).then_some(at)
    }

    /// Span `at` of a tag's `content` (which starts at `base` in the input, if it is in it) as text.
    #[inline]
    fn value_at<'s>(
        &'s self,
        base: Option<usize>,
        content: &'s [u8],
        at: (u32, u32),
    ) -> Result<&'s str, ErrorKind> {
        let (from, to) = (at.0 as usize, at.1 as usize);
        match base.and_then(|b| self.input.get(b + from..b + to)) {
            Some(s) => Ok(s),
            None => std::str::from_utf8(&content[from..to]).map_err(|e| ErrorKind::Encoding(e.to_string())),
        }
    }

    #[cold]
    fn decode_owned(&self, raw: Vec<u8>, pos: usize) -> Result<Cow<'a, str>, Error> {
        match String::from_utf8(raw) {
            Ok(s) => Ok(Cow::Owned(normalize_eols(&s).into_owned())),
            Err(e) => Err(self.error_at(pos, ErrorKind::Encoding(e.to_string()))),
        }
    }
}

enum Ev<'a> {
    Start(Start<'a>),
    End,
    /// Whitespace-only character data, as written.
    Space(&'a str),
    Text(Cow<'a, str>),
    Skip,
    Eof,
}

fn raw_attr(key: (u32, u32), key_bytes: &[u8], value: (u32, u32), plain: bool) -> RawAttr {
    let colon = key_bytes.iter().position(|&b| b == b':').map_or(0, |i| i as u32 + 1);
    let (kind, local_at) = attr_kind(key_bytes, colon);
    RawAttr { key, local_at, value, plain, kind, ns: 0 }
}

/// Whether a key is a namespace declaration, and where its local name starts (`colon` is the
/// offset after the first `:`, 0 when there is none).
#[inline]
fn attr_kind(key: &[u8], colon: u32) -> (AttrKind, u32) {
    match colon {
        0 if key == b"xmlns" => (AttrKind::DefaultDecl, 0),
        6 if key.starts_with(b"xmlns:") => (AttrKind::NamedDecl, 6),
        _ => (AttrKind::Plain, colon),
    }
}

/// Byte classes for [`scan_simple_attributes`].
const NAME: u8 = 1;
const COLON: u8 = 2;
const SPACE: u8 = 4;
/// Bytes that make an attribute value differ from its normalised form: tab, CR, LF and `&`.
const SPECIAL: u8 = 8;
/// `<`, which is not allowed in an attribute value.
const LT: u8 = 16;

static CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || c == b'.' || c >= 0x80 {
            NAME
        } else if c == b':' {
            COLON
        } else if c == b' ' {
            SPACE
        } else if c == b'\t' || c == b'\r' || c == b'\n' {
            SPACE | SPECIAL
        } else if c == b'&' {
            SPECIAL
        } else if c == b'<' {
            LT
        } else {
            0
        };
        b += 1;
    }
    table
};

/// The common case of a start tag's attributes, scanned without quick-xml's general parser:
/// `name="value"` or `name='value'` separated by whitespace, with plain name characters and no `<`
/// in a value. Returns `false` (and leaves `out` partly filled) at anything else, for the caller to
/// fall back. Stops once `out` holds more than `limit` attributes.
#[inline]
fn scan_simple_attributes(content: &[u8], name_len: usize, limit: usize, out: &mut Vec<RawAttr>) -> bool {
    let class = |b: u8| CLASS[b as usize];
    let n = content.len();
    let mut i = name_len;
    loop {
        // Past the limit the caller reports an error: no need to scan (and store) the rest.
        if i == n || out.len() > limit {
            return true;
        }
        if class(content[i]) & SPACE == 0 {
            return false;
        }
        i += 1;
        while i < n && class(content[i]) & SPACE != 0 {
            i += 1;
        }
        if i == n {
            return true;
        }
        let key_start = i;
        let mut colon = 0u32;
        while i < n {
            match class(content[i]) {
                NAME => {}
                COLON if colon == 0 => colon = (i - key_start + 1) as u32,
                COLON => {}
                _ => break,
            }
            i += 1;
        }
        if i == key_start || i + 1 >= n || content[i] != b'=' {
            return false;
        }
        let key_end = i;
        let quote = content[i + 1];
        if quote != b'"' && quote != b'\'' {
            return false;
        }
        let value_start = i + 2;
        let mut seen = 0;
        let Some(j) = find_quote(content, value_start, quote, &mut seen) else {
            return false;
        };
        if seen & LT != 0 && content[value_start..j].contains(&b'<') {
            return false;
        }
        let (kind, local_at) = attr_kind(&content[key_start..key_end], colon);
        out.push(RawAttr {
            key: (key_start as u32, key_end as u32),
            local_at,
            value: (value_start as u32, j as u32),
            plain: seen & SPECIAL == 0,
            kind,
            ns: 0,
        });
        i = j + 1;
    }
}

/// The first `quote` in `content[from..]`, eight bytes at a time. Sets [`SPECIAL`] in `seen` if a
/// byte before it may be a tab, line end or `&`, and [`LT`] if one may be `<` (conservatively: the
/// whole last word counts).
#[inline]
fn find_quote(content: &[u8], from: usize, quote: u8, seen: &mut u8) -> Option<usize> {
    use crate::swar::{below, equal, word};
    let mut j = from;
    while let Some(v) = word(content, j) {
        // Below 0x0E: tab, LF, CR (and controls, which the whole-input check refuses anyway).
        if equal(v, b'&') | below(v, 0x0E) != 0 {
            *seen |= SPECIAL;
        }
        if equal(v, b'<') != 0 {
            *seen |= LT;
        }
        let hit = equal(v, quote);
        if hit != 0 {
            return Some(j + (hit.trailing_zeros() / 8) as usize);
        }
        j += 8;
    }
    while j < content.len() {
        let b = content[j];
        if b == quote {
            return Some(j);
        }
        *seen |= CLASS[b as usize];
        j += 1;
    }
    None
}

fn utf8(bytes: &[u8]) -> &str {
    // The input is a &str and quick-xml splits only at ASCII delimiters, so slices stay valid UTF-8.
    std::str::from_utf8(bytes).unwrap_or("\u{fffd}")
}

#[inline]
fn is_xml_whitespace(text: &str) -> bool {
    text.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

fn is_namespace_declaration(attr: &Attribute<'_>) -> bool {
    attr.key.as_namespace_binding().is_some()
}

/// XML 1.0 line-end normalisation: `\r\n` and a lone `\r` become `\n`.
#[inline]
fn normalize_eols(text: &str) -> Cow<'_, str> {
    if !text.as_bytes().contains(&b'\r') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Attribute-value normalisation and reference replacement for a value already known to be text:
/// borrowed unless it holds a tab, line end or reference.
#[inline]
fn attribute_text(raw: &str) -> Result<Cow<'_, str>, ErrorKind> {
    if raw.bytes().any(|b| matches!(b, b'\t' | b'\r' | b'\n' | b'&')) {
        normalise_attribute(Cow::Borrowed(raw.as_bytes()))
    } else {
        Ok(Cow::Borrowed(raw))
    }
}

/// Attribute-value normalisation (literal tab, CR, LF become spaces) then reference replacement.
fn attribute_value<'x>(attr: &Attribute<'x>) -> Result<Cow<'x, str>, ErrorKind> {
    normalise_attribute(attr.value.clone())
}

fn normalise_attribute(raw: Cow<'_, [u8]>) -> Result<Cow<'_, str>, ErrorKind> {
    let normalised: Cow<'_, [u8]> = if raw.iter().any(|b| matches!(b, b'\t' | b'\r' | b'\n')) {
        let mut out = Vec::with_capacity(raw.len());
        let mut bytes = raw.iter().copied().peekable();
        while let Some(b) = bytes.next() {
            match b {
                b'\r' => {
                    if bytes.peek() == Some(&b'\n') {
                        bytes.next();
                    }
                    out.push(b' ');
                }
                b'\t' | b'\n' => out.push(b' '),
                _ => out.push(b),
            }
        }
        Cow::Owned(out)
    } else {
        raw
    };
    let unescape = |s: &str| -> Result<String, ErrorKind> {
        let text = quick_xml::escape::unescape(s)
            .map(Cow::into_owned)
            .map_err(|e| ErrorKind::Syntax(e.to_string()))?;
        check_referenced(&text)?;
        Ok(text)
    };
    match normalised {
        Cow::Borrowed(b) => {
            let s = std::str::from_utf8(b).map_err(|e| ErrorKind::Encoding(e.to_string()))?;
            if s.contains('&') {
                unescape(s).map(Cow::Owned)
            } else {
                Ok(Cow::Borrowed(s))
            }
        }
        Cow::Owned(b) => {
            let s = String::from_utf8(b).map_err(|e| ErrorKind::Encoding(e.to_string()))?;
            if s.contains('&') {
                unescape(&s).map(Cow::Owned)
            } else {
                Ok(Cow::Owned(s))
            }
        }
    }
}

/// Text a character reference produced must still be XML characters (`&#1;` is not well-formed).
fn check_referenced(text: &str) -> Result<(), ErrorKind> {
    match chars::first_invalid(text) {
        None => Ok(()),
        Some((_, c)) => Err(ErrorKind::Syntax(format!(
            "invalid character reference: U+{:04X} is not allowed in XML",
            u32::from(c)
        ))),
    }
}

fn resolve_reference(r: &BytesRef<'_>) -> Result<Cow<'static, str>, ErrorKind> {
    if let Some(c) = r.resolve_char_ref().map_err(|e| ErrorKind::Syntax(e.to_string()))? {
        check_referenced(&c.to_string())?;
        return Ok(Cow::Owned(c.to_string()));
    }
    let name = r.decode().map_err(|e| ErrorKind::Encoding(e.to_string()))?;
    let text = match &*name {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "apos" => "'",
        "quot" => "\"",
        other => return Err(ErrorKind::Syntax(format!("unknown entity reference &{other};"))),
    };
    Ok(Cow::Borrowed(text))
}

/// 1-based line and column (in characters) of byte offset `pos`.
pub(crate) fn line_column(input: &[u8], pos: usize) -> (usize, usize) {
    let before = &input[..pos.min(input.len())];
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line, column)
}

/// The path of the element open at byte offset `pos`, e.g. `/categories/category[2]/state`, found by
/// scanning the input again (only done when an error is reported).
pub(crate) fn element_path(input: &[u8], pos: usize) -> String {
    struct Frame {
        name: Vec<u8>,
        index: usize,
        children: Vec<(Vec<u8>, usize)>,
    }
    let mut reader = quick_xml::Reader::from_reader(input);
    reader.config_mut().check_end_names = false;
    let mut stack: Vec<Frame> = Vec::new();
    let mut top_children: Vec<(Vec<u8>, usize)> = Vec::new();
    let open = |stack: &mut Vec<Frame>, top: &mut Vec<(Vec<u8>, usize)>, name: &[u8]| {
        let siblings = match stack.last_mut() {
            Some(parent) => &mut parent.children,
            None => top,
        };
        let index = match siblings.iter_mut().find(|(n, _)| n == name) {
            Some((_, count)) => {
                *count += 1;
                *count
            }
            None => {
                siblings.push((name.to_vec(), 1));
                1
            }
        };
        stack.push(Frame { name: name.to_vec(), index, children: Vec::new() });
    };
    loop {
        let before = reader.buffer_position() as usize;
        if before > pos {
            break;
        }
        match reader.read_event() {
            Ok(Event::Start(tag)) => open(&mut stack, &mut top_children, tag.name().into_inner()),
            Ok(Event::Empty(tag)) => {
                open(&mut stack, &mut top_children, tag.name().into_inner());
                // A position inside the tag (a bad attribute value) is in the element.
                if reader.buffer_position() as usize <= pos {
                    stack.pop();
                } else {
                    break;
                }
            }
            Ok(Event::End(_)) => {
                if before >= pos {
                    break;
                }
                stack.pop();
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    if stack.is_empty() {
        return "/".to_owned();
    }
    let mut path = String::new();
    for frame in &stack {
        path.push('/');
        path.push_str(&String::from_utf8_lossy(&frame.name));
        if frame.index > 1 {
            path.push_str(&format!("[{}]", frame.index));
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_counts_same_named_siblings() {
        let xml = b"<a><b/><c><d/></c><c><d/><d>x</d></c></a>";
        let pos = xml.windows(4).rposition(|w| w == b"<d>x").unwrap();
        assert_eq!(element_path(xml, pos), "/a/c[2]/d[2]");
        assert_eq!(element_path(xml, 0), "/a");
    }

    #[test]
    fn line_and_column_count_characters() {
        assert_eq!(line_column("ab\ncé<".as_bytes(), 6), (2, 3));
        assert_eq!(line_column(b"x", 0), (1, 1));
    }

    #[test]
    fn attribute_whitespace_is_normalised_but_references_kept() {
        let mut r = XmlReader::new("<a v=\"x\ty\n&#10;z\"/>", ReadOptions::default());
        let start = r.root().unwrap();
        let mut seen = String::new();
        r.attributes(&start, |a| {
            seen = a.value.to_string();
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, "x y \nz");
    }

    fn attrs_of(r: &XmlReader<'_>, start: &Start<'_>) -> Vec<(Option<String>, String, String)> {
        let mut out = Vec::new();
        r.attributes(start, |a| {
            out.push((
                a.ns.map(|n| String::from_utf8_lossy(n).into_owned()),
                String::from_utf8_lossy(a.local).into_owned(),
                a.value.to_string(),
            ));
            Ok(())
        })
        .unwrap();
        out
    }

    #[test]
    fn namespaces_resolve_with_declarations_in_any_order() {
        let xml =
            r#"<a xmlns="urn:a" p:x='1' xmlns:p="urn:p" y = "2"><p:b xmlns:p="urn:q" p:z="3"/><c/></a>"#;
        let mut r = XmlReader::new(xml, ReadOptions::default());
        let a = r.root().unwrap();
        assert_eq!(r.namespace_of(&a), b"urn:a");
        assert_eq!(
            attrs_of(&r, &a),
            [(Some("urn:p".into()), "x".into(), "1".into()), (None, "y".into(), "2".into())]
        );
        assert_eq!(
            r.namespace_declarations(&a).unwrap(),
            [(None, "urn:a".to_owned()), (Some("p".to_owned()), "urn:p".to_owned())]
        );
        assert!(r.peek_with(|ns, local| ns == b"urn:q" && local == b"b").unwrap());
        let b = r.take().unwrap();
        assert_eq!(attrs_of(&r, &b), [(Some("urn:q".into()), "z".into(), "3".into())]);
        r.finish(&b).unwrap();
        let c_ns = r.ns_id("urn:a").unwrap();
        assert!(r.peek_with_id(|ns, local| ns == c_ns && local == b"c").unwrap());
        let c = r.take().unwrap();
        r.finish(&c).unwrap();
        // The scope of <p:b> ended with it.
        assert_eq!(r.resolve_prefix(Some("p")), Some(&b"urn:p"[..]));
        r.finish(&a).unwrap();
        r.end_document().unwrap();
    }

    #[test]
    fn attribute_errors_are_reported_when_read() {
        let mut r = XmlReader::new(r#"<a x="1" x="2"/>"#, ReadOptions::default());
        let a = r.root().unwrap();
        let e = r.attributes(&a, |_| Ok(())).unwrap_err();
        assert_eq!(e.to_string(), "1:1: /a: duplicate attribute x");
        let mut r = XmlReader::new(r#"<a p:x="1"/>"#, ReadOptions::default());
        let a = r.root().unwrap();
        let e = r.attributes(&a, |_| Ok(())).unwrap_err();
        assert_eq!(e.to_string(), "1:1: /a: malformed XML: undeclared namespace prefix \"p\"");
    }

    #[test]
    fn xsi_type_is_resolved_without_copies() {
        let xml =
            r#"<s xmlns="urn:s" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:type=" userState "/>"#;
        let mut r = XmlReader::new(xml, ReadOptions::default());
        let s = r.root().unwrap();
        let (ns, local) = r.xsi_type_ref(&s).unwrap().unwrap();
        assert_eq!((ns, &*local), (&b"urn:s"[..], "userState"));
        assert!(matches!(local, Cow::Borrowed(_)));
        assert_eq!(r.xsi_type(&s).unwrap(), Some((b"urn:s".to_vec(), "userState".to_owned())));
    }

    #[test]
    fn text_is_borrowed_unless_line_ends_need_normalising() {
        let mut r = XmlReader::new("<a>x\r\ny</a>", ReadOptions::default());
        r.root().unwrap();
        assert_eq!(r.read_text().unwrap(), "x\ny");
        let mut r = XmlReader::new("<a>x y</a>", ReadOptions::default());
        r.root().unwrap();
        assert!(matches!(r.read_text().unwrap(), Cow::Borrowed("x y")));
    }
}
