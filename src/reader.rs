//! The pull reader generated code runs on: our tokenizer over the whole input (`reader/tokenizer.rs`),
//! namespace resolution, a one-element lookahead for content models, a nesting-depth limit and errors
//! that carry line, column and element path.
//!
//! Positions and paths cost nothing on the happy path: the reader only remembers byte offsets, and an
//! error recomputes line, column and path from the input when it is built.
//!
//! What keeps it fast:
//! - every start tag's attributes are scanned once, in the tokenizer's pass that finds the tag's end,
//!   into a cache of spans; namespace declarations are applied and the other attributes' namespaces
//!   resolved from it, and [`XmlReader::attributes`], [`XmlReader::xsi_type`] and
//!   [`XmlReader::namespace_declarations`] only walk it (no second parse, no allocation);
//! - namespace URIs are interned: a binding is a prefix (borrowed from the input) and a small id, an
//!   element's namespace is an id, and a tag without a prefix reads the innermost default binding
//!   (no scan, however many bindings are in scope);
//! - text, attribute values and names are borrowed from the input (`&str` slices, no UTF-8
//!   re-validation); a copy is made only for line-end normalisation or references.

use std::borrow::Cow;
use std::fmt;

use crate::doctype::Doctype;
use crate::error::{Error, ErrorKind};
use crate::value::{ValueError, XmlValue};

mod attributes;
mod bindings;
mod boxed;
mod chars;
pub(crate) mod declaration;
mod hints;
pub(crate) mod names;
mod namespaces;
mod position;
mod text;
mod tokenizer;
mod xml11;

use attributes::{first_duplicate, AttrKind, RawAttr};
use bindings::Bindings;
use namespaces::Namespaces;
use tokenizer::{Tag, Token, Tokenizer};
pub(crate) use xml11::line_ends_normalised;

pub(crate) use attributes::{NameKey, PAIRWISE_LIMIT};
pub(crate) use chars::{is_xml11_restricted, is_xml_char};
pub(crate) use position::{element_path, element_paths, line_column};

/// Limits applied while reading, with safe defaults. Exceeding one is an error
/// ([`ErrorKind::DepthLimit`], [`ErrorKind::SizeLimit`], [`ErrorKind::AttributeLimit`]).
///
/// Built from the defaults, so that options added later keep a safe value in existing code:
///
/// ```
/// let options = enhanced_presence::ReadOptions::new().max_depth(1_000).max_size(1 << 30);
/// assert_eq!((options.max_depth, options.max_attributes), (1_000, 256));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
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

impl ReadOptions {
    /// The default limits.
    pub fn new() -> Self {
        ReadOptions::default()
    }

    /// Sets [`ReadOptions::max_depth`].
    pub fn max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth;
        self
    }

    /// Sets [`ReadOptions::max_size`], in bytes.
    pub fn max_size(mut self, bytes: usize) -> Self {
        self.max_size = bytes;
        self
    }

    /// Sets [`ReadOptions::max_attributes`].
    pub fn max_attributes(mut self, count: usize) -> Self {
        self.max_attributes = count;
        self
    }
}

/// An element's start tag, already resolved to its namespace. Generated readers receive one, read the
/// attributes from it, then the content through the [`XmlReader`].
#[derive(Debug)]
pub struct Start<'a> {
    /// The tag from after `<` to before `>` or `/>`: the name, then the attributes.
    content: &'a str,
    name_len: u32,
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
        &self.qname()[self.local_at as usize..]
    }

    /// The name as written, with its prefix if it had one.
    pub fn qname(&self) -> &[u8] {
        &self.content.as_bytes()[..self.name_len as usize]
    }

    /// The prefix as written, if any.
    pub fn prefix(&self) -> Option<&[u8]> {
        match self.local_at {
            0 => None,
            at => Some(&self.qname()[..at as usize - 1]),
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

    pub(crate) fn display_name(&self) -> String {
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
    /// For `xsi:type`, the namespace its value's type name resolves in: the one its prefix is bound
    /// to or, unprefixed, the default namespace in scope (empty when there is none); `None` for other
    /// attributes and unbound prefixes. A value kept as it is needs that binding to be written back.
    pub type_ns: Option<&'x [u8]>,
    /// The namespace declarations in scope on the element, for the prefixes of QName values.
    scope: Scope<'x>,
}

/// The error for a value whose QName has a prefix no declaration in scope binds.
#[cold]
fn undeclared_prefix(text: &str, prefix: &str) -> ValueError {
    ValueError::with_reason("QName", text, format!("the prefix {prefix:?} is not declared here"))
}

/// The reader an attribute was read by, on the element's start tag: it knows which prefixes are
/// declared there.
#[derive(Clone, Copy)]
struct Scope<'x>(&'x XmlReader<'x>);

impl fmt::Debug for Scope<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Scope")
    }
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

    /// Parses the value, naming the attribute in the error; a QName's prefix must be declared.
    pub fn parse<T: XmlValue>(&self) -> Result<T, ErrorKind> {
        let value = T::parse_xml(&self.value).map_err(|error| self.invalid(error))?;
        self.check_prefixes(&value)?;
        Ok(value)
    }

    /// Refuses `value`, read from this attribute, when a QName in it has a prefix not declared here.
    #[inline(always)]
    pub(crate) fn check_prefixes<T: XmlValue>(&self, value: &T) -> Result<(), ErrorKind> {
        match value.undeclared_prefix(&|prefix| self.scope.0.declares(prefix)) {
            None => Ok(()),
            Some(prefix) => Err(self.invalid(undeclared_prefix(&self.value, prefix))),
        }
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
        if self.is(crate::xs::XSI_NAMESPACE, b"type") {
            let name = format!(
                "{} (the element's type has no derived types in the schema set; generate with \
                 keep_xsi_type to keep it)",
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
/// What [`XmlReader::attributes`] hides of a start tag whose attributes a caller has taken.
const HIDE_HINTS: u8 = 1;
const HIDE_NIL: u8 = 2;
const HIDE_TYPE: u8 = 4;

/// Whether `a` is `xsi:schemaLocation` or `xsi:noNamespaceSchemaLocation`, which say where a schema
/// is and belong to the document (see [`crate::WithHints`]), not to the element's type.
pub(crate) fn is_schema_hint(a: &Attr<'_>) -> bool {
    a.is(crate::xs::XSI_NAMESPACE, b"schemaLocation")
        || a.is(crate::xs::XSI_NAMESPACE, b"noNamespaceSchemaLocation")
}

/// An `xsi:type` value resolved in scope: the type's namespace (empty for none) and local name.
pub type XsiType<'s> = (&'s [u8], Cow<'s, str>);

/// What an element's `xsi:type` names, among the types of a family (see
/// [`XmlReader::xsi_type_among`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XsiTypeAmong {
    /// The element has no `xsi:type`.
    Absent,
    /// The type at this position of the list.
    Listed(usize),
    /// A type not in the list.
    Other,
}

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

const UNDECLARED: u32 = u32::MAX;
const XML_NAMESPACE: &[u8] = b"http://www.w3.org/XML/1998/namespace";
const XMLNS_NAMESPACE: &[u8] = b"http://www.w3.org/2000/xmlns/";
/// The interned id of [`XMLNS_NAMESPACE`] (see [`XmlReader::new`]).
const XMLNS_ID: u32 = 2;

/// The reader. Create one with [`XmlReader::new`] or use [`crate::from_str`].
pub struct XmlReader<'a> {
    tokens: Tokenizer<'a>,
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
    /// The start tag (its position) some of whose attributes a caller has taken to keep them, and
    /// which ([`HIDE_HINTS`], [`HIDE_NIL`], [`HIDE_TYPE`]): [`XmlReader::attributes`] hides them.
    /// One slot is enough, since each caller takes them just before the value's reader visits the
    /// tag's attributes; `usize::MAX` when none.
    hidden: (usize, u8),
    /// The XML version the declaration states (1.1 allows references to control characters), and
    /// whether a [`crate::WithHints`] has taken it.
    version: (text::Version, bool),
    /// The document's DOCTYPE, where it was, and whether a [`crate::WithHints`] has taken it.
    doctype: Option<(Doctype, usize, bool)>,
    /// Where the elements kept whole as [`crate::AnyElement`] start (no type read them), for
    /// [`crate::roundtrip::Report::untyped`].
    untyped: Vec<usize>,
    /// Schema-location hints on elements below the root, which their types have no field for: kept
    /// here while a [`crate::WithHints`] reads (`None` otherwise: they are errors).
    /// With them, every start tag's namespace declarations. (Boxed: the reader stays small.)
    element_hints: Option<Box<Kept>>,
    /// The declared (`default` or `fixed`) value of an element whose type has simple or mixed
    /// content, while that type's reader reads it ([`crate::xs::Defaulted`]), and whether the
    /// element was empty and took it. One slot, as for `hidden`: such a type reads no child element
    /// with a type of its own, so the next [`XmlReader::read_value`] (or [`crate::any::read_nodes`])
    /// reads that element's content.
    declared_text: Option<DeclaredText>,
    options: ReadOptions,
}

/// The declared value an element whose type has simple or mixed content takes when it is empty
/// (see [`XmlReader::read_with_declared_text`]).
struct DeclaredText {
    value: &'static str,
    /// Whether the element was empty and took it.
    taken: bool,
    /// For a fixed value: the element's own text, when it has some, to compare with it.
    read: Option<Option<String>>,
    /// For a fixed value of mixed content: whether the element had child elements, which such a
    /// value allows none of.
    children: bool,
}

/// What [`XmlReader::read_with_declared_text`] found: whether the element was empty and took the
/// declared value, and, for a fixed value, its own text (simple content, or the text of mixed
/// content) and whether it had child elements.
pub(crate) struct DeclaredRead {
    pub taken: bool,
    pub text: Option<String>,
    pub children: bool,
}

/// What a [`crate::WithHints`] keeps while it reads.
#[derive(Default)]
struct Kept {
    /// Schema-location hints (see [`XmlReader::visit_unhidden`], which borrows the reader shared).
    hints: std::cell::RefCell<Vec<crate::ElementHint>>,
    declarations: Vec<crate::NamespaceDeclaration>,
}

impl<'a> XmlReader<'a> {
    /// A reader over a whole document. An XML 1.1 document holding NEL or U+2028, which are line ends
    /// there, is refused: [`crate::from_str`] and the other entry points normalise them first.
    pub fn new(input: &'a str, options: ReadOptions) -> Self {
        let namespaces = Namespaces::new(&[XML_NAMESPACE, XMLNS_NAMESPACE]);
        XmlReader {
            tokens: Tokenizer::new(input),
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
            hidden: (usize::MAX, 0),
            version: (text::Version::V1_0, false),
            doctype: None,
            untyped: Vec::new(),
            element_hints: None,
            declared_text: None,
            options,
        }
    }

    /// The limits in force.
    pub fn options(&self) -> &ReadOptions {
        &self.options
    }

    /// Notes that the element whose start tag is at byte `pos` is kept whole, untyped.
    pub(crate) fn note_untyped(&mut self, pos: usize) {
        self.untyped.push(pos);
    }

    /// The paths of the elements kept whole so far, in document order.
    pub(crate) fn untyped_paths(&self) -> Vec<String> {
        element_paths(self.input, &self.untyped)
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
                Ev::Text(text) if is_only_xml_whitespace(&text) => {}
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
                Ev::Text(text) if is_only_xml_whitespace(&text) => {}
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

    /// [`XmlReader::peek_with`] with the predicate as `dyn`, for the generated readers' group and
    /// wildcard predicates: one copy of the lookahead rather than one per predicate.
    pub(crate) fn peek_dyn(&mut self, pred: &mut dyn FnMut(&[u8], &[u8]) -> bool) -> Result<bool, Error> {
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
        (self.tokens.position() as u64, self.pending.is_some())
    }

    /// Finishes the current element: only its end tag (and ignorable whitespace) may follow.
    pub fn finish(&mut self, start: &Start<'_>) -> Result<(), Error> {
        if self.pending.is_some() || self.fill_pending()? {
            let found = self.pending.as_ref().map(|s| s.display_name()).unwrap_or_default();
            let pos = self.pending.as_ref().map_or(self.last_pos, |s| s.pos);
            let hint = match &self.pending {
                Some(child) if self.is_foreign_after_delimiter(start, child) => hints::AFTER_DELIMITER,
                _ => "",
            };
            let expected = format!("the end of {}{hint}", start.display_name());
            return Err(self.error_at(pos, ErrorKind::UnexpectedElement { found, expected }));
        }
        self.leave();
        Ok(())
    }

    /// Whether `child`, refused at the end of `parent`, is in another namespace (not commontypes) and
    /// follows a `ct:delimiter` child of `parent`. Only asked on the error path.
    #[cold]
    fn is_foreign_after_delimiter(&self, parent: &Start<'_>, child: &Start<'_>) -> bool {
        let commontypes = self.namespaces.get(hints::COMMONTYPES.as_bytes());
        if child.ns == parent.ns || Some(child.ns) == commontypes {
            return false;
        }
        hints::children_before(self.input, parent.pos, child.pos).iter().any(|&(qname, tag)| {
            let (prefix, local) = match qname.split_once(':') {
                Some((p, l)) => (Some(p), l),
                None => (None, qname),
            };
            // The delimiter's prefix is declared in scope here, or on the delimiter itself.
            let declared_here = tag.contains(hints::COMMONTYPES);
            local == "delimiter"
                && (declared_here
                    || self.resolve(prefix.map(str::as_bytes)).is_some_and(|id| Some(id) == commontypes))
        })
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

    /// Reads and parses the text content of the current element, naming it in errors; a QName's
    /// prefix must be declared on the element or around it.
    pub fn read_value<T: XmlValue>(&mut self, start: &Start<'_>) -> Result<T, Error> {
        let text = self.read_value_text()?;
        // A `match`, not `map_err`: that would be one more instantiation, and a closure, per `T`.
        match T::parse_xml(&text) {
            Ok(value) => {
                self.check_prefixes(start, &value, &text)?;
                Ok(value)
            }
            Err(error) => Err(self.invalid_content(start, error)),
        }
    }

    /// Refuses `value`, read from `text` in the element `start` opened, when a QName in it has a
    /// prefix not declared there.
    #[inline(always)]
    pub(crate) fn check_prefixes<T: XmlValue>(
        &self,
        start: &Start<'_>,
        value: &T,
        text: &str,
    ) -> Result<(), Error> {
        match value.undeclared_prefix(&|prefix| self.declares(prefix)) {
            None => Ok(()),
            Some(prefix) => Err(self.invalid_content(start, undeclared_prefix(text, prefix))),
        }
    }

    /// The text of the current element, or the declared value an empty one takes when its type's
    /// reader reads it for [`crate::xs::Defaulted::read_content`]. Not generic, so that the check is
    /// not copied into every `read_value::<T>`.
    fn read_value_text(&mut self) -> Result<Cow<'a, str>, Error> {
        let text = self.read_text()?;
        if self.declared_text.is_some() {
            return Ok(self.declared_or_own(text));
        }
        Ok(text)
    }

    /// The text of an element read for [`crate::xs::Defaulted::read_content`]: the declared value
    /// if it is empty, else its own, kept for a fixed value's check. Out of line: rare.
    #[cold]
    #[inline(never)]
    fn declared_or_own(&mut self, text: Cow<'a, str>) -> Cow<'a, str> {
        let Some(declared) = self.declared_text.as_mut() else { return text };
        if text.is_empty() {
            declared.taken = true;
            return Cow::Borrowed(declared.value);
        }
        if let Some(read) = &mut declared.read {
            *read = Some(text.to_string());
        }
        text
    }

    /// For an element found empty: the declared value it takes as its text, if its type's reader
    /// reads it for [`crate::xs::Defaulted::read_content`] (noting that it took it).
    pub(crate) fn take_declared_text(&mut self) -> Option<&'static str> {
        let declared = self.declared_text.as_mut()?;
        declared.taken = true;
        Some(declared.value)
    }

    /// Reads an element of a type with simple or mixed content with `declared` as the text an empty
    /// one takes; says whether it took it, and, where `fixed`, the element's own content if it was
    /// not empty. (See [`crate::xs::Defaulted::read_content`].)
    pub(crate) fn read_with_declared_text<T>(
        &mut self,
        declared: &'static str,
        fixed: bool,
        read: impl FnOnce(&mut Self) -> Result<T, Error>,
    ) -> Result<(T, DeclaredRead), Error> {
        self.declared_text = Some(DeclaredText {
            value: declared,
            taken: false,
            read: fixed.then_some(None),
            children: false,
        });
        let value = read(self);
        let declared = self.declared_text.take();
        let taken = declared.as_ref().is_some_and(|d| d.taken);
        let children = declared.as_ref().is_some_and(|d| d.children);
        let text = declared.and_then(|d| d.read.flatten());
        value.map(|value| (value, DeclaredRead { taken, text, children }))
    }

    /// Whether the current element is read under a fixed value whose content is to be compared
    /// with it ([`crate::xs::Defaulted::read_mixed_fixed`]).
    pub(crate) fn checks_fixed_content(&self) -> bool {
        self.declared_text.as_ref().is_some_and(|d| d.read.is_some())
    }

    /// For mixed content read under a fixed value: its text and whether it had child elements, for
    /// [`crate::xs::Defaulted::read_mixed_fixed`] to compare.
    pub(crate) fn note_mixed_content(&mut self, text: String, children: bool) {
        if let Some(declared) = self.declared_text.as_mut().filter(|d| d.read.is_some()) {
            declared.read = Some(Some(text));
            declared.children = children;
        }
    }

    /// The error for simple content of the wrong type: [`ErrorKind::InvalidValue`] named after the
    /// element, at its start tag.
    pub fn invalid_content(&self, start: &Start<'_>, error: ValueError) -> Error {
        self.error_at(start.pos, ErrorKind::InvalidValue { name: start.display_name(), error })
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
    ///
    /// The visitor is passed on as `dyn`: every generated type has one of its own, and a copy of
    /// the attribute loop per type cost more compile time than the indirect call per attribute costs
    /// reading.
    #[inline]
    pub fn attributes(
        &self,
        start: &Start<'_>,
        mut f: impl FnMut(&Attr<'_>) -> Result<(), ErrorKind>,
    ) -> Result<(), Error> {
        self.attributes_dyn(start, &mut f)
    }

    /// [`XmlReader::attributes`] taking the visitor as `dyn`, which generated code calls: not even
    /// this dispatch is copied per visitor.
    pub(crate) fn attributes_dyn(
        &self,
        start: &Start<'_>,
        f: &mut dyn FnMut(&Attr<'_>) -> Result<(), ErrorKind>,
    ) -> Result<(), Error> {
        let hidden = if self.hidden.0 == start.pos { self.hidden.1 } else { 0 };
        if hidden == 0 && self.element_hints.is_none() {
            return self.visit_attributes(start, f);
        }
        self.visit_unhidden(start, hidden, f)
    }

    /// [`XmlReader::attributes`] for a start tag some of whose attributes are hidden (rare: a
    /// document's root, `xsi:nil="false"`, a kept `xsi:type`), or while a [`crate::WithHints`]
    /// reads, out of line.
    #[inline(never)]
    fn visit_unhidden(
        &self,
        start: &Start<'_>,
        hidden: u8,
        f: &mut dyn FnMut(&Attr<'_>) -> Result<(), ErrorKind>,
    ) -> Result<(), Error> {
        self.visit_attributes(start, &mut |a| {
            let taken = (hidden & HIDE_HINTS != 0 && is_schema_hint(a))
                || (hidden & HIDE_NIL != 0 && a.is(crate::xs::XSI_NAMESPACE, b"nil"))
                || (hidden & HIDE_TYPE != 0 && a.is(crate::xs::XSI_NAMESPACE, b"type"));
            if taken {
                return Ok(());
            }
            match (f(a), &self.element_hints) {
                // A hint the element's type has no place for (a wildcard would have kept it).
                (Err(ErrorKind::UnexpectedAttribute { .. }), Some(kept)) if is_schema_hint(a) => {
                    let mut hints = kept.hints.borrow_mut();
                    // Visited again (another reader tried the element first): kept once.
                    if hints
                        .iter()
                        .any(|h| h.element == start.serial && a.local == h.attribute.local_name().as_bytes())
                    {
                        return Ok(());
                    }
                    hints.push(crate::ElementHint {
                        element: start.serial,
                        name: (
                            String::from_utf8_lossy(self.namespace_of(start)).into_owned(),
                            String::from_utf8_lossy(start.local_name()).into_owned(),
                        ),
                        attribute: if a.local == b"schemaLocation" {
                            crate::HintAttribute::SchemaLocation
                        } else {
                            crate::HintAttribute::NoNamespaceSchemaLocation
                        },
                        value: a.value.clone().into_owned(),
                    });
                    Ok(())
                }
                (result, _) => result,
            }
        })
    }

    /// Hides some of `start`'s attributes from [`XmlReader::attributes`]: a caller keeps them.
    fn hide(&mut self, start: &Start<'_>, what: u8) {
        if self.hidden.0 == start.pos {
            self.hidden.1 |= what;
        } else {
            self.hidden = (start.pos, what);
        }
    }

    /// For a nillable element: what its `xsi:nil` says. When it is `true`, the element's other
    /// attributes are returned (and its content checked empty); when it is `false`, the attribute is
    /// hidden from the value's reader, which the caller calls next. An element of a simple type
    /// (`simple`) has no attributes of its own, nil or not: any other than `xsi:nil` (and those a
    /// caller took, a kept `xsi:type` or the hints `WithHints` keeps) is an error.
    pub fn read_nil(&mut self, start: &Start<'_>, simple: bool) -> Result<crate::xs::NilState, Error> {
        let is_nil = |a: &Attr<'_>| a.is(crate::xs::XSI_NAMESPACE, b"nil");
        let mut said = None;
        self.attributes(start, |a| {
            if is_nil(a) {
                // An `xs:boolean`: anything else is an error, not a silent "false".
                said = Some(a.parse::<bool>()?);
            }
            Ok(())
        })?;
        match said {
            None => return Ok(crate::xs::NilState::Absent),
            Some(false) => {
                self.hide(start, HIDE_NIL);
                return Ok(crate::xs::NilState::False);
            }
            Some(true) => {}
        }
        let mut attributes = crate::AnyAttributes::default();
        self.attributes(start, |a| {
            if is_nil(a) {
                return Ok(());
            }
            if simple {
                return Err(a.unexpected());
            }
            attributes.keep(a);
            Ok(())
        })?;
        self.finish(start)?;
        Ok(crate::xs::NilState::Nil(attributes))
    }

    /// For an element whose `xsi:type` is kept ([`crate::xs::Typed`]): the type it names, resolved in
    /// scope, as `(namespace, local name)`. The attribute is hidden from the value's reader, which
    /// the caller calls next.
    pub fn take_xsi_type(&mut self, start: &Start<'_>) -> Result<Option<(Option<String>, String)>, Error> {
        let Some((ns, local)) = self.xsi_type_ref(start)? else { return Ok(None) };
        let ns = (!ns.is_empty()).then(|| utf8(ns).to_owned());
        let local = self.checked_type_name(start, local)?.into_owned();
        self.hide(start, HIDE_TYPE);
        Ok(Some((ns, local)))
    }

    /// Hides `start`'s schema-location hints from [`XmlReader::attributes`]: the caller keeps them.
    pub fn take_schema_hints(&mut self, start: &Start<'_>) {
        self.hide(start, HIDE_HINTS);
    }

    /// From now on, keeps the schema-location hints of elements whose types have no place for them
    /// (see [`XmlReader::take_element_hints`]) instead of refusing them, and every start tag's
    /// namespace declarations, from those of `root`, the start tag just read.
    pub(crate) fn keep_element_hints(&mut self, root: &Start<'_>) {
        self.element_hints = Some(Box::default());
        self.keep_declarations(root.serial, root.ns, root.local_name());
    }

    /// The hints kept since [`XmlReader::keep_element_hints`], in document order, and the namespace
    /// declarations; refuses hints again.
    pub(crate) fn take_element_hints(
        &mut self,
    ) -> (Vec<crate::ElementHint>, Vec<crate::NamespaceDeclaration>) {
        match self.element_hints.take() {
            Some(kept) => (kept.hints.into_inner(), kept.declarations),
            None => (Vec::new(), Vec::new()),
        }
    }

    /// Records the declarations of `tag`, the start tag being opened, once they are applied: called
    /// only for a tag that declares namespaces while a `WithHints` reads, so the start-tag path of
    /// every other read is as it was.
    #[cold]
    #[inline(never)]
    fn keep_declarations_of(&mut self, tag: &Tag<'a>) {
        let name = &tag.content.as_bytes()[..tag.name_len];
        let (prefix, local) = match name.iter().position(|&b| b == b':') {
            Some(colon) => (Some(&name[..colon]), &name[colon + 1..]),
            None => (None, name),
        };
        let ns = self.resolve(prefix).unwrap_or(0);
        self.keep_declarations(self.serial, ns, local);
    }

    /// Records the declarations of the innermost open start tag (its scope's bindings), the
    /// `serial`th, named `{ns}local`; not those that declare a binding already in scope, which
    /// change nothing and which the writer does not repeat.
    fn keep_declarations(&mut self, serial: u32, ns: u32, local: &[u8]) {
        let Some(&from) = self.scopes.last() else { return };
        let mut declared = self.bindings.changed_since(from as usize).peekable();
        if declared.peek().is_none() {
            return;
        }
        let name = (
            String::from_utf8_lossy(self.namespaces.uri(ns)).into_owned(),
            String::from_utf8_lossy(local).into_owned(),
        );
        let declarations: Vec<crate::NamespaceDeclaration> = declared
            .map(|(prefix, id)| crate::NamespaceDeclaration {
                element: serial,
                name: name.clone(),
                prefix: prefix.map(|p| String::from_utf8_lossy(p).into_owned()),
                uri: String::from_utf8_lossy(self.namespaces.uri(id)).into_owned(),
            })
            .collect();
        if let Some(kept) = &mut self.element_hints {
            kept.declarations.extend(declarations);
        }
    }

    /// [`XmlReader::attributes`] with the lifetime of the values spelled out, for callers that keep
    /// one.
    fn visit_attributes<'s>(
        &'s self,
        start: &'s Start<'_>,
        f: &mut dyn FnMut(&Attr<'s>) -> Result<(), ErrorKind>,
    ) -> Result<(), Error> {
        if !self.cached(start) {
            return self.attributes_checked(start, f);
        }
        let content = start.content;
        for raw in &self.attrs {
            if raw.kind != AttrKind::Plain {
                continue;
            }
            let key = span(content, raw.key).as_bytes();
            let ns = match raw.ns {
                0 => None,
                UNDECLARED => {
                    let prefix = &key[..raw.local_at as usize - 1];
                    let msg = format!("undeclared namespace prefix {:?}", String::from_utf8_lossy(prefix));
                    return Err(self.error_at(start.pos, ErrorKind::Syntax(msg)));
                }
                id => Some(self.namespaces.uri(id)),
            };
            let value = span(content, raw.value);
            let value = match raw.plain {
                true => Cow::Borrowed(value),
                false => self.attribute_text(value, start.pos)?,
            };
            let local = &key[raw.local_at as usize..];
            let attr = Attr {
                ns,
                prefix: (raw.local_at > 0).then(|| &key[..raw.local_at as usize - 1]),
                local,
                type_ns: self.type_namespace(ns, local, &value),
                value,
                scope: Scope(self),
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
        f: &mut dyn FnMut(&Attr<'s>) -> Result<(), ErrorKind>,
    ) -> Result<(), Error> {
        self.check_tag(start)?;
        for (key, value) in
            attributes::parse_general(start.content, start.name_len as usize, self.attribute_cap()).0
        {
            if is_namespace_declaration(key) {
                continue;
            }
            let local_at = attributes::local_at(key.as_bytes());
            let prefix = (local_at > 0).then(|| &key.as_bytes()[..local_at - 1]);
            let ns = match prefix {
                None => None,
                Some(p) => match self.resolve(Some(p)) {
                    Some(id) if id != 0 => Some(self.namespaces.uri(id)),
                    _ => {
                        let msg = format!("undeclared namespace prefix {:?}", utf8(p));
                        return Err(self.error_at(start.pos, ErrorKind::Syntax(msg)));
                    }
                },
            };
            let value = self.attribute_text(value, start.pos)?;
            let local = &key.as_bytes()[local_at..];
            let type_ns = self.type_namespace(ns, local, &value);
            let attr = Attr { ns, prefix, local, type_ns, value, scope: Scope(self) };
            f(&attr).map_err(|kind| self.error_at(start.pos, kind))?;
        }
        Ok(())
    }

    /// Parses `start`'s attributes and reports the first well-formedness error among them: a syntax
    /// error or an attribute named like an earlier one (the same name as written, or the same
    /// namespace and local name), whichever comes first in the tag; then too many attributes.
    fn check_tag(&self, start: &Start<'_>) -> Result<(), Error> {
        let fail = |kind| Err(self.error_at(start.pos, kind));
        let (attrs, syntax) =
            attributes::parse_general(start.content, start.name_len as usize, self.attribute_cap());
        let duplicate = |at: usize| ErrorKind::DuplicateAttribute { name: attrs[at].0.to_owned() };
        if let Some(at) = first_duplicate(attrs.len(), |i| attrs[i].0) {
            return fail(duplicate(at));
        }
        if let Some(message) = syntax {
            return fail(ErrorKind::Syntax(message));
        }
        if attrs.len() > self.options.max_attributes {
            return fail(ErrorKind::AttributeLimit { limit: self.options.max_attributes });
        }
        // Prefixed names that resolve, as (namespace id, local name).
        let expanded: Vec<(usize, u32, &[u8])> = attrs
            .iter()
            .enumerate()
            .filter(|(_, (key, _))| !is_namespace_declaration(key))
            .filter_map(|(i, (key, _))| {
                let key = key.as_bytes();
                let local_at = attributes::local_at(key);
                let id = self.resolve(Some(key.get(..local_at.checked_sub(1)?)?)).filter(|&id| id != 0)?;
                Some((i, id, &key[local_at..]))
            })
            .collect();
        match first_duplicate(expanded.len(), |i| (expanded[i].1, expanded[i].2)) {
            Some(at) => fail(duplicate(expanded[at].0)),
            None => Ok(()),
        }
    }

    /// The namespace declarations written on `start`, as `(prefix, uri)` (prefix `None` for `xmlns`).
    pub fn namespace_declarations(&self, start: &Start<'_>) -> Result<Vec<(Option<String>, String)>, Error> {
        let declared = |key| attributes::declared_prefix(key).map(|p| p.map(str::to_owned));
        let mut out = Vec::new();
        if self.cached(start) {
            for raw in self.attrs.iter().filter(|raw| raw.kind != AttrKind::Plain) {
                if let Some(prefix) = declared(span(start.content, raw.key)) {
                    let value = self.attribute_text(span(start.content, raw.value), start.pos)?;
                    out.push((prefix, value.into_owned()));
                }
            }
            return Ok(out);
        }
        self.check_tag(start)?;
        for (key, value) in
            attributes::parse_general(start.content, start.name_len as usize, self.attribute_cap()).0
        {
            if let Some(prefix) = declared(key) {
                out.push((prefix, self.attribute_text(value, start.pos)?.into_owned()));
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
        let Some((ns, local)) = self.xsi_type_ref(start)? else { return Ok(None) };
        Ok(Some((ns.to_vec(), self.checked_type_name(start, local)?.into_owned())))
    }

    /// Which of a family's `types` (`(namespace, local name)`, namespace empty for none) the
    /// `xsi:type` of `start` names: generated readers of type families dispatch on this.
    pub fn xsi_type_among(&self, start: &Start<'_>, types: &[(&str, &str)]) -> Result<XsiTypeAmong, Error> {
        let Some((ns, local)) = self.xsi_type_ref(start)? else { return Ok(XsiTypeAmong::Absent) };
        match types.iter().position(|(n, l)| *l == local && n.as_bytes() == ns) {
            Some(at) => Ok(XsiTypeAmong::Listed(at)),
            None => self.checked_type_name(start, local).map(|_| XsiTypeAmong::Other),
        }
    }

    /// Refuses `start` if its `xsi:type` names one of `refused`: types derived from the element's
    /// type (`expected`, as messages call it) in a way the element declaration's own `block` (or its
    /// schema's `blockDefault`) forbids. Generated readers call it before reading such an element;
    /// what the type's `block` forbids, its family reader refuses itself.
    pub fn refuse_xsi_types(
        &self,
        start: &Start<'_>,
        refused: &[(&str, &str)],
        expected: &'static str,
    ) -> Result<(), Error> {
        match self.xsi_type_among(start, refused)? {
            XsiTypeAmong::Listed(at) => {
                let reason =
                    format!("a type derived from `{expected}` in a way the element's `block` forbids");
                let error = ValueError::with_reason(expected, refused[at].1, reason);
                Err(self.error_at(start.pos, ErrorKind::InvalidValue { name: "@xsi:type".into(), error }))
            }
            _ => Ok(()),
        }
    }

    /// `local`, the local part of `start`'s `xsi:type`, if it is an `NCName`.
    fn checked_type_name<'s>(&self, start: &Start<'_>, local: Cow<'s, str>) -> Result<Cow<'s, str>, Error> {
        match names::check_ncname(&local) {
            Ok(()) => Ok(local),
            Err(_) => Err(self.not_a_type_name(start, &local)),
        }
    }

    /// The error for an `xsi:type` that is not a QName; `part` is the part that is not a name.
    #[cold]
    fn not_a_type_name(&self, start: &Start<'_>, part: &str) -> Error {
        let mut value = None;
        let _ = self.visit_attributes(start, &mut |a| {
            if a.is(crate::xs::XSI_NAMESPACE, b"type") {
                value = Some(a.value.clone().into_owned());
            }
            Ok(())
        });
        let value = value.unwrap_or_default();
        let reason = names::check_qname(crate::xs::trim_xml(&value))
            .err()
            .map_or_else(|| format!("{part:?} is not a name"), |e| e.message(crate::xs::trim_xml(&value)));
        let error = ValueError::with_reason("QName", &value, reason);
        self.error_at(start.pos, ErrorKind::InvalidValue { name: "@xsi:type".into(), error })
    }

    /// [`XmlReader::xsi_type`] without copying: the namespace from the reader's table, the local name
    /// borrowed from the attribute value when it needed no unescaping.
    pub fn xsi_type_ref<'s>(&'s self, start: &'s Start<'_>) -> Result<Option<XsiType<'s>>, Error> {
        let mut found: Option<Cow<'s, str>> = None;
        self.visit_attributes(start, &mut |a| {
            if a.is(crate::xs::XSI_NAMESPACE, b"type") {
                found = Some(a.value.clone());
            }
            Ok(())
        })?;
        let Some(value) = found else { return Ok(None) };
        // A QName after XML's white space (not Unicode's: U+2002 is part of the value). A prefix that
        // resolves is a name (only names are bound); the local part is checked where no known type
        // matched it ([`XmlReader::checked_type_name`]), which keeps reading a known type as fast.
        let (prefix, local): (Option<String>, Cow<'s, str>) = match value {
            Cow::Borrowed(s) => {
                let s = crate::xs::trim_xml(s);
                match s.split_once(':') {
                    Some((p, l)) => (Some(p.to_owned()), Cow::Borrowed(l)),
                    None => (None, Cow::Borrowed(s)),
                }
            }
            Cow::Owned(s) => {
                let t = crate::xs::trim_xml(&s);
                match t.split_once(':') {
                    Some((p, l)) => (Some(p.to_owned()), Cow::Owned(l.to_owned())),
                    None => (None, Cow::Owned(t.to_owned())),
                }
            }
        };
        match self.resolve_prefix(prefix.as_deref()) {
            Some(ns) => Ok(Some((ns, local))),
            None if prefix.is_none() => Ok(Some((&[], local))),
            None if names::check_ncname(prefix.as_deref().unwrap_or_default()).is_err() => {
                Err(self.not_a_type_name(start, &format!("{}:{local}", prefix.unwrap_or_default())))
            }
            None if prefix.as_deref() == Some("xmlns") => {
                let msg = format!(
                    "xsi:type \"xmlns:{local}\" uses the prefix \"xmlns\", which only declares namespaces"
                );
                Err(self.error_at(start.pos, ErrorKind::Syntax(msg)))
            }
            None => {
                let qname = format!("{}:{local}", prefix.unwrap_or_default());
                let msg = format!("xsi:type {qname:?} uses an undeclared namespace prefix");
                Err(self.error_at(start.pos, ErrorKind::Syntax(msg)))
            }
        }
    }

    /// The document's DOCTYPE, once the root element has been read.
    pub fn doctype(&self) -> Option<&Doctype> {
        self.doctype.as_ref().map(|(doctype, ..)| doctype)
    }

    /// Takes the document's DOCTYPE to keep it ([`crate::WithHints`] does); a document read
    /// without taking it is refused, since it would be lost.
    pub fn take_doctype(&mut self) -> Option<Doctype> {
        let (doctype, _, taken) = self.doctype.as_mut()?;
        *taken = true;
        Some(doctype.clone())
    }

    /// Takes the document's XML version when it is not 1.0 (`"1.1"`), to keep it ([`crate::WithHints`]
    /// does): a 1.1 document read without taking it is refused, since written back without its
    /// declaration it could be a different document, or not well-formed.
    pub fn take_xml_version(&mut self) -> Option<&'static str> {
        self.version.1 = true;
        (self.version.0 == text::Version::V1_1).then_some("1.1")
    }

    /// Refuses a DOCTYPE or an XML 1.1 declaration nobody took ([`crate::from_str`] calls this after
    /// reading the root).
    pub(crate) fn check_doctype_taken(&self) -> Result<(), Error> {
        if self.version == (text::Version::V1_1, false) {
            let msg = "an XML 1.1 document is kept only by `WithHints` (its version would be lost)";
            return Err(self.error_at(0, ErrorKind::Syntax(msg.into())));
        }
        match &self.doctype {
            Some((_, pos, false)) => {
                let msg =
                    "a DOCTYPE is kept only by `WithHints` (reading the root's type alone would drop it)";
                Err(self.error_at(*pos, ErrorKind::Syntax(msg.into())))
            }
            _ => Ok(()),
        }
    }

    /// For attribute `{ns}local` with `value`: if it is `xsi:type`, the namespace its value's type
    /// name resolves in ([`Attr::type_ns`]).
    #[inline]
    fn type_namespace(&self, ns: Option<&[u8]>, local: &[u8], value: &str) -> Option<&[u8]> {
        if local != b"type" || ns != Some(crate::xs::XSI_NAMESPACE.as_bytes()) {
            return None;
        }
        match crate::xs::trim_xml(value).split_once(':') {
            Some((prefix, _)) => self.resolve_prefix(Some(prefix)),
            None => Some(self.resolve_prefix(None).unwrap_or(b"")),
        }
    }

    /// Whether `prefix` is declared in the scope of the element most recently entered (bound to a
    /// namespace that can qualify a name).
    fn declares(&self, prefix: &str) -> bool {
        self.resolve_prefix(Some(prefix)).is_some()
    }

    /// Resolves a prefix in the scope of the element most recently entered (for QName values).
    /// `xmlns` resolves to nothing: it only declares namespaces and cannot qualify a name.
    pub fn resolve_prefix(&self, prefix: Option<&str>) -> Option<&[u8]> {
        match self.resolve(prefix.map(str::as_bytes)) {
            Some(id) if id != 0 && id != XMLNS_ID => Some(self.namespaces.uri(id)),
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
        Error::new(kind, line, column, element_path(self.input, pos))
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
                Ev::Text(text) if is_only_xml_whitespace(&text) => {}
                Ev::Text(text) => {
                    let text = crate::xs::trim_xml(&text).chars().take(40).collect();
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
        let pos = self.tokens.position();
        self.last_pos = pos;
        let token = match self.tokens.next(&mut self.attrs, self.options.max_attributes) {
            Ok(token) => token,
            Err(e) => return Err(self.error_at(e.at, ErrorKind::Syntax(e.message))),
        };
        Ok(match token {
            Token::Start(tag) => {
                let start = self.start_tag(tag, pos)?;
                self.pop_scope = start.empty;
                Ev::Start(start)
            }
            Token::End => {
                self.pop_scope = true;
                Ev::End
            }
            Token::Space(raw) => Ev::Space(raw),
            Token::Text(raw) => match text::char_data(raw, self.version.0) {
                Ok(text) => Ev::Text(text),
                Err((at, msg)) => return Err(self.error_at(pos + at, ErrorKind::Syntax(msg))),
            },
            Token::CData(raw) => Ev::Text(text::cdata(raw)),
            Token::Doctype(doctype) => {
                if self.serial != 0 || self.doctype.is_some() {
                    let msg = "a DOCTYPE is only allowed once, before the root element".into();
                    return Err(self.error_at(pos, ErrorKind::Syntax(msg)));
                }
                self.doctype = Some((*doctype, pos, false));
                Ev::Skip
            }
            Token::Decl(body) => match declaration::parse(body) {
                Ok(declaration) => {
                    if declaration.version == "1.1" {
                        self.version.0 = text::Version::V1_1;
                        // As `root` did for 1.0's characters: one pass over the whole input.
                        if let Some((at, c)) = chars::first_xml11_restricted(self.input) {
                            let msg = format!(
                                "character U+{:04X} may only be a character reference in XML 1.1",
                                u32::from(c)
                            );
                            return Err(self.error_at(at, ErrorKind::Syntax(msg)));
                        }
                        if let Some((at, c)) = xml11::first_line_end(self.input) {
                            let (line, column) = position::line_column(self.input.as_bytes(), at);
                            let msg = format!(
                                "U+{:04X} at {line}:{column} is a line end in XML 1.1, to be normalised \
                                 before this reader reads the document (`from_str` and the other entry \
                                 points do it)",
                                u32::from(c)
                            );
                            return Err(self.error_at(pos, ErrorKind::Syntax(msg)));
                        }
                    }
                    Ev::Skip
                }
                Err(e) => {
                    return Err(
                        self.error_at(pos, ErrorKind::Syntax(format!("malformed XML declaration: {e}")))
                    )
                }
            },
            Token::Skip => Ev::Skip,
            Token::Eof => Ev::Eof,
        })
    }

    /// Opens a start tag: applies its namespace declarations, caches its attributes and resolves its
    /// name.
    fn start_tag(&mut self, tag: Tag<'a>, pos: usize) -> Result<Start<'a>, Error> {
        self.scopes.push(self.bindings.len() as u32);
        self.serial = self.serial.wrapping_add(1).max(1);
        self.attrs_serial = self.serial;
        self.attrs_at = tag.content.as_ptr() as usize;
        self.attrs_ok = true;
        let qname = &tag.content[..tag.name_len];
        if let Err(e) = names::check_qname(qname) {
            return Err(self.error_at(pos, ErrorKind::Syntax(e.message(qname))));
        }
        let name = qname.as_bytes();
        let colon = name.iter().position(|&b| b == b':');
        if tag.content.len() > tag.name_len {
            self.scan_attributes(&tag, pos)?;
        }
        let (ns, local_at) = match colon {
            None => (self.resolve(None).unwrap_or(0), 0),
            Some(colon) => match self.resolve(Some(&name[..colon])) {
                Some(id) if id != 0 && id != XMLNS_ID => (id, colon as u32 + 1),
                Some(XMLNS_ID) => {
                    let msg = "element names cannot have the prefix \"xmlns\"".to_owned();
                    return Err(self.error_at(pos, ErrorKind::Syntax(msg)));
                }
                _ => {
                    let msg =
                        format!("undeclared namespace prefix {:?}", String::from_utf8_lossy(&name[..colon]));
                    return Err(self.error_at(pos, ErrorKind::Syntax(msg)));
                }
            },
        };
        let Tag { content, name_len, empty, .. } = tag;
        Ok(Start { content, name_len: name_len as u32, ns, local_at, empty, pos, serial: self.serial })
    }

    /// Completes the attributes of the start tag being opened in `self.attrs` (the tokenizer scanned
    /// the common syntax already), applying namespace declarations. Attributes are not checked here
    /// beyond what namespace processing needs: a malformed or duplicated one marks the cache as not
    /// well-formed, and reading the attributes then reports it.
    fn scan_attributes(&mut self, tag: &Tag<'a>, pos: usize) -> Result<(), Error> {
        let content = tag.content.as_bytes();
        let limit = self.options.max_attributes;
        if !tag.scanned {
            // Syntax the tokenizer's scanner leaves alone: the general parser's attributes.
            self.attrs.clear();
            let (attrs, syntax) = attributes::parse_general(tag.content, tag.name_len, self.attribute_cap());
            let base = content.as_ptr() as usize;
            let offsets = |s: &str| {
                let at = s.as_ptr() as usize - base;
                (at as u32, (at + s.len()) as u32)
            };
            for (key, value) in attrs {
                self.attrs.push(RawAttr::new(offsets(key), key.as_bytes(), offsets(value), value.as_bytes()));
            }
            self.attrs_ok &= syntax.is_none();
        }
        let n = self.attrs.len();
        if n > limit {
            return Err(self.error_at(pos, ErrorKind::AttributeLimit { limit }));
        }
        for raw in &self.attrs {
            let key = &tag.content[raw.key.0 as usize..raw.key.1 as usize];
            if let Err(e) = names::check_qname(key) {
                return Err(self.error_at(pos, ErrorKind::Syntax(e.message(key))));
            }
        }
        // Duplicates are a well-formedness error, reported when the attributes are read.
        let attrs = &self.attrs;
        let key = |i: usize| NameKey(&content[attrs[i].key.0 as usize..attrs[i].key.1 as usize]);
        if n > 1 && first_duplicate(n, key).is_some() {
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
                    AttrKind::DefaultDecl => None,
                    AttrKind::NamedDecl => Some(span(tag.content, (raw.key.0 + 6, raw.key.1)).as_bytes()),
                };
                // Bound to the value after reference replacement, like any attribute value.
                let raw_value = span(tag.content, raw.value);
                let uri = match raw.plain {
                    true => Cow::Borrowed(raw_value),
                    false => self.attribute_text(raw_value, pos)?,
                };
                self.declare(prefix, uri.as_bytes(), pos)?;
            }
            if self.element_hints.is_some() {
                self.keep_declarations_of(tag);
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
                    true => (
                        raw.ns,
                        NameKey(&content[(raw.key.0 + raw.local_at) as usize..raw.key.1 as usize]),
                        n,
                    ),
                    false => (0, NameKey(&[]), i),
                }
            };
            if n > 1 && first_duplicate(n, expanded).is_some() {
                self.attrs_ok = false;
            }
        }
        Ok(())
    }

    /// Applies a namespace declaration made on the start tag at `pos`, refusing what Namespaces in
    /// XML 1.0 forbids: rebinding `xml` or `xmlns`, another prefix for their namespaces, and binding a
    /// prefix to the empty name.
    fn declare(&mut self, prefix: Option<&'a [u8]>, uri: &[u8], pos: usize) -> Result<(), Error> {
        let msg = match prefix {
            None if uri == XML_NAMESPACE || uri == XMLNS_NAMESPACE => {
                format!("the default namespace cannot be {:?}, which is reserved", utf8(uri))
            }
            None => {
                let ns = self.namespaces.intern(uri);
                self.bindings.push(None, ns);
                return Ok(());
            }
            Some(b"xml") if uri == XML_NAMESPACE => return Ok(()),
            Some(b"xml") => {
                format!(
                    "the prefix \"xml\" cannot be bound to {:?}, only to its reserved namespace",
                    utf8(uri)
                )
            }
            Some(b"xmlns") => "the prefix \"xmlns\" cannot be declared".to_owned(),
            Some(p) if uri == XML_NAMESPACE || uri == XMLNS_NAMESPACE => {
                format!("the prefix {:?} cannot be bound to {:?}, which is reserved", utf8(p), utf8(uri))
            }
            Some(p) if uri.is_empty() => {
                // Only the default namespace can be undeclared.
                format!("the prefix {:?} is bound to an empty namespace name", utf8(p))
            }
            Some(p) => {
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
        start.serial == self.attrs_serial && start.content.as_ptr() as usize == self.attrs_at && self.attrs_ok
    }

    /// How many attributes of a tag are parsed at most: one past the limit shows it is exceeded.
    fn attribute_cap(&self) -> usize {
        self.options.max_attributes.saturating_add(1)
    }

    /// An attribute value after normalisation and reference replacement; errors at the tag at `pos`.
    #[inline]
    fn attribute_text<'v>(&self, raw: &'v str, pos: usize) -> Result<Cow<'v, str>, Error> {
        text::attribute_value(raw, self.version.0)
            .map_err(|(_, msg)| self.error_at(pos, ErrorKind::Syntax(msg)))
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

/// Span `at` of a tag's `content` (spans end at ASCII delimiters, so slicing cannot fail; a name no
/// document uses is the safe outcome if it did).
#[inline]
fn span(content: &str, at: (u32, u32)) -> &str {
    content.get(at.0 as usize..at.1 as usize).unwrap_or("\u{fffd}")
}

fn utf8(bytes: &[u8]) -> &str {
    // The input is a &str and the tokenizer splits only at ASCII delimiters, so slices stay valid UTF-8.
    std::str::from_utf8(bytes).unwrap_or("\u{fffd}")
}

#[inline]
fn is_only_xml_whitespace(text: &str) -> bool {
    text.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

fn is_namespace_declaration(key: &str) -> bool {
    attributes::declared_prefix(key).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

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
        // The general parser's syntax (spaces around `=`) still needs whitespace between attributes.
        let mut r = XmlReader::new(r#"<a b = "1"c="2" d = '3'/>"#, ReadOptions::default());
        let a = r.root().unwrap();
        let e = r.attributes(&a, |_| Ok(())).unwrap_err();
        assert_eq!(e.to_string(), "1:1: /a: malformed XML: attributes must be separated by whitespace");
        let mut r = XmlReader::new(
            r#"<a b = "1" c='2'
 d = '3'/>"#,
            ReadOptions::default(),
        );
        let a = r.root().unwrap();
        let mut seen = Vec::new();
        r.attributes(&a, |at| {
            seen.push(at.value.to_string());
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, ["1", "2", "3"]);
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

    #[test]
    fn an_xml_1_1_document_with_its_own_line_ends_must_come_normalised() {
        let xml = "<?xml version='1.1'?>\n<a\u{85}x='1'/>";
        let err = XmlReader::new(xml, ReadOptions::default()).root().unwrap_err();
        assert_eq!(
            err.to_string(),
            "1:1: /: malformed XML: U+0085 at 2:3 is a line end in XML 1.1, to be normalised before this \
             reader reads the document (`from_str` and the other entry points do it)"
        );
        let normalised = line_ends_normalised(xml, &ReadOptions::default());
        let mut r = XmlReader::new(&normalised, ReadOptions::default());
        let a = r.root().unwrap();
        assert_eq!(attrs_of(&r, &a), [(None, "x".into(), "1".into())]);
    }
}
