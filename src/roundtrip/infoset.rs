//! Schema-unaware XML infoset model and comparison, used by the round-trip checker.
//!
//! The round-trip contract is: `serialize(parse(D))` must be *infoset-equal* to `D`, where two
//! documents are infoset-equal when they have
//!
//! - the same elements, compared by expanded name (namespace URI + local name), in the same order;
//! - the same attributes on each element, compared by expanded name, in any order; namespace
//!   declarations (`xmlns`, `xmlns:p`) are not attributes and never compared;
//! - the same character data, where whitespace-only text is ignored and values are compared with
//!   [`values_equal`] (whitespace collapse, numeric and boolean equality, lists item by item).
//!
//! Prefixes never matter: `<p:a xmlns:p="urn:x"/>` and `<a xmlns="urn:x"/>` are equal. Namespaces
//! are resolved per XML Namespaces 1.0; unbound prefixes, undeclared prefixes (`xmlns:p=""`),
//! misuse of the reserved `xml`/`xmlns` prefixes and namespaces, and attributes with the same
//! expanded name are errors.
//!
//! Character data: adjacent text, CDATA sections and references (the predefined entities `lt`,
//! `gt`, `amp`, `apos`, `quot` and character references) form one text item. Comments and
//! processing instructions are dropped and do not split text (`a<!--c-->b` is the text `ab`).
//! A DOCTYPE is part of the document (its name and identifiers are compared; nothing is loaded from
//! them; an internal subset of comments, notations and unparsed entities is compared as written);
//! one whose internal subset declares anything else, and with it any other entity, is rejected. Attribute values are normalised as for
//! CDATA-typed attributes (XML 1.0 §3.3.3).
//!
//! # Limitations
//!
//! The checker does not know the schema, so it cannot tell element-only content (where whitespace
//! is insignificant) from simple or mixed content (where it is significant). It therefore ignores
//! whitespace-only text everywhere, and compares the remaining text with [`values_equal`], which
//! also ignores differences in whitespace runs. So `<a> </a>` equals `<a/>`, and `<a>x  y</a>`
//! equals `<a>x y</a>`, even where the schema says `xs:string`. Likewise the numeric and boolean
//! rules apply to every value: `007` equals `7` even in a string-typed value.
//!
//! Child elements are aligned by expanded name: the longest common prefix and suffix of the two
//! child lists are paired, and the remaining middle part is paired by position (reporting a name
//! difference), with any left-over children reported as missing or extra.
//!
//! Well-formedness is checked by quick-xml's reader plus the namespace, reference, character and
//! root-element checks here; a few errors quick-xml tolerates still pass (e.g. no whitespace
//! between attributes, `]]>` in text, names outside the XML `Name` production).
//!
//! Parsing and comparison use explicit stacks, so arbitrarily deep documents do not overflow the
//! call stack. Namespaces are resolved here rather than with `quick_xml::NsReader`, whose scope
//! counter is a `u16` (it panics past 65 535 nesting levels, tafia/quick-xml#977). Paths of very
//! deep elements are abbreviated in reports (`/…(N steps)…/`).

use crate::hash::{HashMap, HashSet};
use std::error::Error;
use std::fmt;

use quick_xml::errors::Error as XmlError;
use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::attributes::AttrError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use crate::doctype::Doctype;

/// The namespace bound to the `xml` prefix.
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// The namespace of namespace declarations.
const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns/";

/// The number of differences [`report`] renders before summarising the rest.
pub const REPORT_LIMIT: usize = 50;

/// Paths deeper than this many steps are abbreviated.
const MAX_PATH_STEPS: usize = 64;
/// Steps kept at the start of an abbreviated path.
const PATH_HEAD_STEPS: usize = 16;
/// Steps kept at the end of an abbreviated path.
const PATH_TAIL_STEPS: usize = 32;
/// Values longer than this many characters are shortened in messages.
const MAX_SHOWN_CHARS: usize = 120;

// ---------------------------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------------------------

/// A parsed XML document, reduced to what the round-trip contract compares.
pub struct Infoset {
    root: Node,
    /// The document type declaration, as [`Doctype`]'s `Display` writes it.
    doctype: Option<String>,
}

impl Infoset {
    /// The root element's namespace URI (empty when it has none) and local name.
    pub fn root_name(&self) -> (&str, &str) {
        (&self.root.ns, &self.root.local)
    }
}

impl fmt::Debug for Infoset {
    // Not derived: a derived implementation would recurse through the whole tree.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Infoset")
            .field("root", &clark(&self.root.ns, &self.root.local))
            .finish_non_exhaustive()
    }
}

/// An element.
struct Node {
    /// Namespace URI; empty for no namespace (XML Namespaces 1.0 cannot bind a prefix to "").
    ns: String,
    local: String,
    /// The name as written, used in paths.
    qname: String,
    attributes: Vec<Attribute>,
    children: Vec<Node>,
    /// Non-whitespace text items as `(slot, text)`, sorted by slot. Slot `k` is the position
    /// after the `k`-th child element (slot 0 is before the first child).
    texts: Vec<(usize, String)>,
}

impl Drop for Node {
    // The default drop glue recurses once per nesting level; drain the tree iteratively instead.
    fn drop(&mut self) {
        let mut pending = std::mem::take(&mut self.children);
        while let Some(mut node) = pending.pop() {
            pending.append(&mut node.children);
        }
    }
}

const XSI_NAMESPACE: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// An attribute (namespace declarations excluded).
struct Attribute {
    ns: String,
    local: String,
    qname: String,
    value: String,
}

/// `{uri}local`, or just `local` for a name in no namespace.
fn clark(ns: &str, local: &str) -> String {
    if ns.is_empty() {
        local.to_owned()
    } else {
        format!("{{{ns}}}{local}")
    }
}

// ---------------------------------------------------------------------------------------------
// Parse errors
// ---------------------------------------------------------------------------------------------

/// Why a document could not be parsed, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InfosetError {
    /// What went wrong.
    pub message: String,
    /// 1-based line of the error position.
    pub line: usize,
    /// 1-based column of the error position, counted in characters.
    pub column: usize,
}

impl InfosetError {
    fn at(xml: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, column) = line_column(xml, offset);
        InfosetError { message: message.into(), line, column }
    }
}

impl fmt::Display for InfosetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}: {}", self.line, self.column, self.message)
    }
}

impl Error for InfosetError {}

/// 1-based line and column (in characters) of a byte offset, as the reader reports them.
fn line_column(xml: &str, offset: usize) -> (usize, usize) {
    crate::reader::line_column(xml.as_bytes(), offset)
}

/// The byte offset of `part` within `xml`, if `part` borrows from it.
fn offset_in(xml: &str, part: &[u8]) -> Option<usize> {
    let base = xml.as_ptr() as usize;
    let start = part.as_ptr() as usize;
    (start >= base && start + part.len() <= base + xml.len()).then(|| start - base)
}

/// Converts a reader error, choosing the most precise position available.
fn reader_error(xml: &str, reader: &Reader<&[u8]>, event_start: usize, err: XmlError) -> InfosetError {
    let offset = match err {
        XmlError::Syntax(_) | XmlError::IllFormed(_) | XmlError::Escape(_) => {
            usize::try_from(reader.error_position()).unwrap_or(event_start)
        }
        _ => event_start,
    };
    InfosetError::at(xml, offset, err.to_string())
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/// Parses a document into its infoset.
///
/// Fails on anything that is not a namespace-well-formed XML document, on a DOCTYPE whose internal subset declares more than notations and unparsed entities, and on
/// references to entities other than the predefined ones.
pub fn parse(xml: &str) -> Result<Infoset, InfosetError> {
    // quick-xml skips a leading byte-order mark without counting it in its positions, which then
    // point three bytes early into `xml`: parse what follows the mark, so that they point into it.
    let xml = xml.strip_prefix('\u{FEFF}').unwrap_or(xml);
    if let Some((offset, c)) = xml.char_indices().find(|&(_, c)| !is_xml_char(c)) {
        let message = format!("character U+{:04X} is not allowed in XML", u32::from(c));
        return Err(InfosetError::at(xml, offset, message));
    }
    let xml11;
    let xml = match declares_xml_1_1(xml) {
        true => {
            xml11 = xml_1_1_line_ends(xml)?;
            xml11.as_str()
        }
        false => xml,
    };

    // Not `NsReader`: its resolver keeps the depth in a `u16` and panics (or, in release builds,
    // wraps and mis-resolves) past 65 535 levels (tafia/quick-xml#977).
    let mut reader = Reader::from_str(xml);
    reader.config_mut().enable_all_checks(true);

    // Open elements, innermost last; `text` collects the innermost element's current text run.
    let mut open: Vec<Node> = Vec::new();
    let mut namespaces = Namespaces::default();
    let mut text = String::new();
    let mut root: Option<Node> = None;
    let mut doctype: Option<String> = None;
    let mut first_event = true;

    loop {
        let start = usize::try_from(reader.buffer_position()).unwrap_or(xml.len());
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(err) => return Err(reader_error(xml, &reader, start, err)),
        };
        let is_first = std::mem::replace(&mut first_event, false);
        match event {
            Event::Start(_) | Event::Empty(_) if open.is_empty() && root.is_some() => {
                return Err(InfosetError::at(xml, start, "a document must have exactly one root element"));
            }
            Event::Start(e) => {
                let node = element(xml, &mut namespaces, &e, start)?;
                if let Some(parent) = open.last_mut() {
                    flush_text(parent, &mut text);
                }
                open.push(node);
            }
            Event::Empty(e) => {
                let node = element(xml, &mut namespaces, &e, start)?;
                namespaces.end_scope();
                match open.last_mut() {
                    Some(parent) => {
                        flush_text(parent, &mut text);
                        parent.children.push(node);
                    }
                    None => root = Some(node),
                }
            }
            Event::End(_) => {
                let Some(mut node) = open.pop() else {
                    return Err(InfosetError::at(xml, start, "unexpected end tag"));
                };
                namespaces.end_scope();
                flush_text(&mut node, &mut text);
                match open.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => root = Some(node),
                }
            }
            Event::Text(t) => {
                if open.is_empty() {
                    if let Some(i) = t.iter().position(|&b| !is_xml_space_byte(b)) {
                        return Err(InfosetError::at(
                            xml,
                            start + i,
                            "text is not allowed outside the root element",
                        ));
                    }
                } else {
                    let decoded =
                        t.xml10_content().map_err(|err| InfosetError::at(xml, start, err.to_string()))?;
                    text.push_str(&decoded);
                }
            }
            Event::CData(c) => {
                if open.is_empty() {
                    return Err(InfosetError::at(
                        xml,
                        start,
                        "a CDATA section is not allowed outside the root element",
                    ));
                }
                let decoded =
                    c.xml10_content().map_err(|err| InfosetError::at(xml, start, err.to_string()))?;
                text.push_str(&decoded);
            }
            Event::GeneralRef(r) => {
                if open.is_empty() {
                    return Err(InfosetError::at(
                        xml,
                        start,
                        "a reference is not allowed outside the root element",
                    ));
                }
                let name = utf8(xml, &r, start)?;
                match resolve_reference(name, xml) {
                    Ok(Reference::Char(c)) => text.push(c),
                    Ok(Reference::Text(s)) => text.push_str(s),
                    Err(message) => return Err(InfosetError::at(xml, start, message)),
                }
            }
            Event::Comment(_) | Event::PI(_) => {}
            Event::Decl(decl) => {
                if !is_first {
                    return Err(InfosetError::at(
                        xml,
                        start,
                        "the XML declaration is only allowed at the very start of the document",
                    ));
                }
                if let Err(message) = check_xml_declaration(&decl) {
                    return Err(InfosetError::at(
                        xml,
                        start,
                        format!("malformed XML declaration: {message}"),
                    ));
                }
            }
            Event::DocType(_) => {
                // Its name, identifiers and an internal subset that changes nothing are document
                // data; one that declares parsed entities or defaults, which this checker does not
                // apply, is refused.
                if root.is_some() || !open.is_empty() || doctype.is_some() {
                    let message = "a DOCTYPE is only allowed once, before the root element";
                    return Err(InfosetError::at(xml, start, message));
                }
                let Some(declaration) = xml.get(start..).filter(|d| d.starts_with("<!DOCTYPE")) else {
                    return Err(InfosetError::at(xml, start, "cannot find the DOCTYPE the parser reported"));
                };
                match Doctype::parse(declaration) {
                    Ok((parsed, _)) => doctype = Some(parsed.to_string()),
                    Err((at, message)) => return Err(InfosetError::at(xml, start + at, message)),
                }
            }
            Event::Eof => {
                if let Some(node) = open.last() {
                    let message =
                        format!("unexpected end of document: element '{}' is not closed", node.qname);
                    return Err(InfosetError::at(xml, xml.len(), message));
                }
                return match root {
                    Some(root) => Ok(Infoset { root, doctype }),
                    None => Err(InfosetError::at(xml, xml.len(), "no root element")),
                };
            }
        }
    }
}

/// Namespace bindings in scope (XML Namespaces 1.0 §5). The `xml` prefix is implicitly bound.
#[derive(Default)]
struct Namespaces {
    /// Per prefix (`""` for the default namespace), the URIs bound by open elements, innermost
    /// last. An empty URI undeclares the default namespace.
    bindings: HashMap<String, Vec<String>>,
    /// Per open element, the prefixes it declared.
    scopes: Vec<Vec<String>>,
}

impl Namespaces {
    /// Opens an element's scope with its declarations (validated already).
    fn begin_scope(&mut self, declarations: Vec<(String, String)>) {
        let mut prefixes = Vec::with_capacity(declarations.len());
        for (prefix, uri) in declarations {
            self.bindings.entry(prefix.clone()).or_default().push(uri);
            prefixes.push(prefix);
        }
        self.scopes.push(prefixes);
    }

    /// Closes the innermost element's scope.
    fn end_scope(&mut self) {
        for prefix in self.scopes.pop().unwrap_or_default() {
            if let Some(uris) = self.bindings.get_mut(&prefix) {
                uris.pop();
                if uris.is_empty() {
                    self.bindings.remove(&prefix);
                }
            }
        }
    }

    /// The URI bound to `prefix` (`""` for the default namespace), if any.
    fn lookup(&self, prefix: &str) -> Option<&str> {
        if prefix == "xml" {
            return Some(XML_NS);
        }
        let uri = self.bindings.get(prefix)?.last()?;
        (!uri.is_empty()).then_some(uri.as_str())
    }
}

/// Moves the pending text run into `node` (at the current slot), unless it is whitespace-only.
fn flush_text(node: &mut Node, text: &mut String) {
    if text.chars().all(is_xml_space) {
        text.clear();
    } else {
        node.texts.push((node.children.len(), std::mem::take(text)));
    }
}

/// Builds an element (without content) from its start tag and opens its namespace scope.
fn element(
    xml: &str,
    namespaces: &mut Namespaces,
    start_tag: &BytesStart<'_>,
    start: usize,
) -> Result<Node, InfosetError> {
    let name_offset = start + 1;
    let qname = utf8(xml, start_tag.name().into_inner(), name_offset)?;
    check_qname(xml, qname, name_offset)?;

    // Attributes as (offset, qname, value); declarations as (prefix, uri).
    let mut attributes = Vec::new();
    let mut declarations = Vec::new();
    for attr in start_tag.attributes() {
        let attr = attr.map_err(|err| attribute_error(xml, name_offset, err))?;
        let key_offset = offset_in(xml, attr.key.into_inner()).unwrap_or(start);
        let key = utf8(xml, attr.key.into_inner(), key_offset)?;
        check_qname(xml, key, key_offset)?;
        let value_offset = offset_in(xml, &attr.value).unwrap_or(start);
        let raw = utf8(xml, &attr.value, value_offset)?;
        if let Some(i) = raw.find('<') {
            return Err(InfosetError::at(xml, value_offset + i, "'<' is not allowed in attribute values"));
        }
        let value = attribute_value(xml, raw, value_offset)?;
        match declared_prefix(key) {
            Some(prefix) => {
                check_declaration(prefix, &value)
                    .map_err(|message| InfosetError::at(xml, key_offset, message))?;
                declarations.push((prefix.to_owned(), value));
            }
            None => attributes.push((key_offset, key, value)),
        }
    }
    namespaces.begin_scope(declarations);

    let (prefix, local) = split_qname(qname);
    if prefix == Some("xmlns") {
        return Err(InfosetError::at(xml, name_offset, "element names must not have the prefix 'xmlns'"));
    }
    let ns = match namespaces.lookup(prefix.unwrap_or("")) {
        Some(uri) => uri.to_owned(),
        None if prefix.is_none() => String::new(),
        None => {
            let message =
                format!("unbound namespace prefix '{}' in element '{qname}'", prefix.unwrap_or_default());
            return Err(InfosetError::at(xml, name_offset, message));
        }
    };

    let mut resolved = Vec::with_capacity(attributes.len());
    let mut seen = HashSet::default();
    for (offset, key, value) in attributes {
        let (prefix, local) = split_qname(key);
        let ns = match prefix {
            None => String::new(),
            Some(prefix) => match namespaces.lookup(prefix) {
                Some(uri) => uri.to_owned(),
                None => {
                    let message = format!("unbound namespace prefix '{prefix}' in attribute '{key}'");
                    return Err(InfosetError::at(xml, offset, message));
                }
            },
        };
        // `xsi:type` holds a QName: compare the type it names, not the prefix it was written with.
        let value = if ns == XSI_NAMESPACE && local == "type" {
            let (type_prefix, type_local) = split_qname(value.trim_matches(is_xml_space));
            match namespaces.lookup(type_prefix.unwrap_or("")) {
                Some(uri) => clark(uri, type_local),
                None if type_prefix.is_none() => type_local.to_owned(),
                None => value,
            }
        } else {
            value
        };
        let attribute = Attribute { ns, local: local.to_owned(), qname: key.to_owned(), value };
        if !seen.insert(clark(&attribute.ns, &attribute.local)) {
            let message = format!(
                "attribute '{key}' repeats the expanded name {}",
                clark(&attribute.ns, &attribute.local)
            );
            return Err(InfosetError::at(xml, offset, message));
        }
        resolved.push(attribute);
    }

    Ok(Node {
        ns,
        local: local.to_owned(),
        qname: qname.to_owned(),
        attributes: resolved,
        children: Vec::new(),
        texts: Vec::new(),
    })
}

/// For a namespace declaration attribute, the declared prefix (`""` for `xmlns`).
fn declared_prefix(key: &str) -> Option<&str> {
    if key == "xmlns" {
        Some("")
    } else {
        key.strip_prefix("xmlns:")
    }
}

/// The constraints of XML Namespaces 1.0 §3 on a declaration.
fn check_declaration(prefix: &str, uri: &str) -> Result<(), String> {
    match prefix {
        "xml" if uri == XML_NS => Ok(()),
        "xml" => Err(format!("the prefix 'xml' can only be bound to '{XML_NS}'")),
        "xmlns" => Err("the prefix 'xmlns' must not be declared".to_owned()),
        _ if uri == XML_NS || uri == XMLNS_NS => Err(format!("the namespace '{uri}' must not be declared")),
        "" => Ok(()),
        _ if uri.is_empty() => {
            Err(format!("the namespace prefix '{prefix}' cannot be undeclared in XML Namespaces 1.0"))
        }
        _ => Ok(()),
    }
}

/// Splits a (checked) qualified name into prefix and local name.
fn split_qname(name: &str) -> (Option<&str>, &str) {
    match name.split_once(':') {
        Some((prefix, local)) => (Some(prefix), local),
        None => (None, name),
    }
}

/// Converts an attribute syntax error; its positions are relative to the tag content.
fn attribute_error(xml: &str, content_start: usize, err: AttrError) -> InfosetError {
    let relative = match err {
        AttrError::ExpectedEq(p)
        | AttrError::ExpectedValue(p)
        | AttrError::UnquotedValue(p)
        | AttrError::ExpectedQuote(p, _)
        | AttrError::Duplicated(p, _) => p,
    };
    // quick-xml's messages mention positions relative to the tag; leave them out.
    let message = match err {
        AttrError::Duplicated(..) => "the attribute is given more than once".to_owned(),
        _ => {
            let message = err.to_string();
            match message.split_once(": ") {
                Some((head, rest)) if head.starts_with("position ") => rest.to_owned(),
                _ => message,
            }
        }
    };
    InfosetError::at(xml, content_start + relative, message)
}

fn utf8<'a>(xml: &str, bytes: &'a [u8], offset: usize) -> Result<&'a str, InfosetError> {
    std::str::from_utf8(bytes).map_err(|err| InfosetError::at(xml, offset, err.to_string()))
}

/// Checks the `QName` production of XML Namespaces 1.0: one or two names of XML 1.0's `Name`
/// production without colons, joined by a colon.
fn check_qname(xml: &str, name: &str, offset: usize) -> Result<(), InfosetError> {
    crate::reader::names::check_qname(name).map_err(|e| InfosetError::at(xml, offset, e.message(name)))
}

/// Normalises an attribute value as for CDATA attributes (XML 1.0 §3.3.3): each literal
/// whitespace character (a `\r\n` pair counting as one) becomes a space, and references are
/// replaced by what they stand for (characters from references are kept as they are).
fn attribute_value(xml: &str, raw: &str, offset: usize) -> Result<String, InfosetError> {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find(['&', '\t', '\n', '\r']) {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match rest.as_bytes()[i] {
            b'&' => {
                let here = offset + (raw.len() - rest.len()) + i;
                let Some(end) = after.find(';') else {
                    return Err(InfosetError::at(xml, here, "unterminated reference"));
                };
                match resolve_reference(&after[..end], xml) {
                    Ok(Reference::Char(c)) => out.push(c),
                    Ok(Reference::Text(s)) => out.push_str(s),
                    Err(message) => return Err(InfosetError::at(xml, here, message)),
                }
                rest = &after[end + 1..];
            }
            b'\r' => {
                out.push(' ');
                rest = after.strip_prefix('\n').unwrap_or(after);
            }
            _ => {
                out.push(' ');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// What a reference stands for.
enum Reference {
    Char(char),
    Text(&'static str),
}

/// Resolves the name between `&` and `;`: a character reference or a predefined entity. `xml` is
/// the whole document: an XML 1.1 one may refer to the control characters U+0001–U+001F.
fn resolve_reference(name: &str, xml: &str) -> Result<Reference, String> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix('x') {
            Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                u32::from_str_radix(hex, 16).ok()
            }
            None if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) => {
                number.parse::<u32>().ok()
            }
            _ => return Err(format!("malformed character reference '&{name};'")),
        };
        let allowed = |c: char| is_xml_char(c) || matches!(c, '\u{1}'..='\u{1F}') && declares_xml_1_1(xml);
        match code.and_then(char::from_u32).filter(|&c| allowed(c)) {
            Some(c) => Ok(Reference::Char(c)),
            None => {
                Err(format!("character reference '&{name};' does not refer to a character allowed in XML"))
            }
        }
    } else if let Some(text) = resolve_xml_entity(name) {
        Ok(Reference::Text(text))
    } else {
        Err(format!(
            "unknown entity '&{name};' (only lt, gt, amp, apos, quot and character references are supported)"
        ))
    }
}

/// An XML 1.1 document as XML 1.0 would have it (XML 1.1 §2.11, §2.2): NEL and U+2028 are line
/// ends (a `\r` NEL pair then counts as one, as `\r\n` does), and U+007F–U+009F other than NEL may
/// only be character references. Positions in errors then count NEL and U+2028 as line ends, as
/// XML 1.1 does.
fn xml_1_1_line_ends(xml: &str) -> Result<String, InfosetError> {
    let restricted = |c: char| matches!(c, '\u{7F}'..='\u{84}' | '\u{86}'..='\u{9F}');
    if let Some((offset, c)) = xml.char_indices().find(|&(_, c)| restricted(c)) {
        let message =
            format!("character U+{:04X} may only be a character reference in XML 1.1", u32::from(c));
        return Err(InfosetError::at(xml, offset, message));
    }
    // Not in the declaration itself, which is read before its version is known (§2.11).
    let declaration = &xml[..xml.find("?>").unwrap_or(xml.len())];
    if let Some(offset) = declaration.find(['\u{85}', '\u{2028}']) {
        return Err(InfosetError::at(xml, offset, "a line end of XML 1.1 in the XML declaration"));
    }
    Ok(xml.replace(['\u{85}', '\u{2028}'], "\n"))
}

/// Whether the document starts with an XML declaration of version 1.1: `version`, its first
/// pseudo-attribute, is `1.1` (a malformed declaration is refused when the parse reaches it).
fn declares_xml_1_1(xml: &str) -> bool {
    let Some(decl) = xml.trim_start_matches('\u{feff}').strip_prefix("<?xml") else {
        return false;
    };
    let Some(rest) = decl.strip_prefix(is_xml_space).map(|d| d.trim_start_matches(is_xml_space)) else {
        return false;
    };
    let Some(rest) = rest.strip_prefix("version") else { return false };
    let rest = rest.trim_start_matches(is_xml_space);
    let Some(rest) = rest.strip_prefix('=') else { return false };
    let rest = rest.trim_start_matches(is_xml_space);
    rest.starts_with("\"1.1\"") || rest.starts_with("'1.1'")
}

/// The XML declaration's pseudo-attributes as XML 1.0 §2.8 has them, read by quick-xml's attribute
/// parser: `version` first, then `encoding` and `standalone` if present, in that order, with values
/// of their forms. (quick-xml itself checks only that `version` comes first.)
fn check_xml_declaration(decl: &quick_xml::events::BytesDecl<'_>) -> Result<(), String> {
    const NAMES: [&[u8]; 3] = [b"version", b"encoding", b"standalone"];
    decl.version().map_err(|e| e.to_string())?;
    let content = std::str::from_utf8(&decl[..]).map_err(|e| e.to_string())?;
    let content = BytesStart::from_content(content, 3);
    let mut next = 0;
    for attribute in content.attributes().with_checks(true) {
        let attribute = attribute.map_err(|e| e.to_string())?;
        let (name, value) = (attribute.key.as_ref(), attribute.value.as_ref());
        let Some(at) = NAMES[next..].iter().position(|n| *n == name) else {
            return Err(format!("unexpected or misplaced {:?}", String::from_utf8_lossy(name)));
        };
        next += at + 1;
        let valid = match NAMES[next - 1] {
            b"version" => {
                value.strip_prefix(b"1.").is_some_and(|d| !d.is_empty() && d.iter().all(u8::is_ascii_digit))
            }
            b"encoding" => {
                value.first().is_some_and(u8::is_ascii_alphabetic)
                    && value.iter().all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
            }
            _ => matches!(value, b"yes" | b"no"),
        };
        if !valid {
            return Err(format!(
                "{:?} is not a valid {}",
                String::from_utf8_lossy(value),
                String::from_utf8_lossy(name)
            ));
        }
    }
    Ok(())
}

/// The `Char` production of XML 1.0.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The `S` production of XML 1.0: space, tab, carriage return, line feed.
fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

fn is_xml_space_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

// ---------------------------------------------------------------------------------------------
// Value comparison
// ---------------------------------------------------------------------------------------------

/// Whether two attribute values or text items are equal for the round-trip contract.
///
/// They are equal if identical; else if equal after XML whitespace collapse; else if both are
/// `xs:base64Binary` forms of the same bytes (whitespace anywhere in them is not part of the value,
/// and a writer drops it); else, item by item for whitespace-separated lists of the same length, if
/// both are numbers (`xs:decimal` forms compared exactly, forms with an exponent or `INF`/`-INF`/`NaN`
/// compared as `f64`, or as `f32` when both round to the same finite single-precision float) with the
/// same value, or one is the shortest form of the other read as a float or double, as a binder writes
/// it back: `52.472345`/`52.472343`); else if both are `xs:boolean` forms with the same truth value
/// (`1`/`true`, `0`/`false`).
pub fn values_equal(a: &str, b: &str) -> bool {
    if a == b || collapse(a) == collapse(b) || same_base64(a, b) {
        return true;
    }
    // Item by item: an `xs:list` value, or a single value (a list of one).
    fn items(s: &str) -> Vec<&str> {
        s.split(is_xml_space).filter(|w| !w.is_empty()).collect()
    }
    let (xs, ys) = (items(a), items(b));
    xs.len() == ys.len() && xs.iter().zip(&ys).all(|(x, y)| item_equal(x, y))
}

/// [`values_equal`] for one item (no whitespace inside).
fn item_equal(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if let (Some(x), Some(y)) = (Number::parse(a), Number::parse(b)) {
        if x.equals(&y) || written_as_binary_float(a, &y) || written_as_binary_float(b, &x) {
            return true;
        }
    }
    matches!((boolean(a), boolean(b)), (Some(x), Some(y)) if x == y)
}

/// Whether `written` is the form a binder writes for `text` read as an `xs:float` or an `xs:double`:
/// the shortest digits that read back as the same binary value (`52.472345` is the float written
/// `52.472343`). A schema-unaware checker cannot tell these types from `xs:decimal` by their form, so
/// only what a decimal binder never does counts (it keeps digits exactly; one mapped to `f64` by
/// mistake loses only digits beyond a double's 17): the single-precision form, when a double would
/// have kept the digits the float dropped, or the double form of a value written with at most 17
/// significant digits. `0.1000000000000000000001` written `0.1` stays a difference. Only forms with
/// fraction digits qualify: `16777217` written `16777216` would be an integer's loss.
fn written_as_binary_float(text: &str, written: &Number<'_>) -> bool {
    use crate::value::XmlValue;
    fn shortest<T: XmlValue>(text: &str) -> Option<String> {
        let mut out = String::new();
        T::parse_xml(text).ok()?.write_xml(&mut out);
        Some(out)
    }
    let is_written = |form: &Option<String>| {
        form.as_deref().and_then(Number::parse).is_some_and(|form| form.equals(written))
    };
    let Some((int, frac)) = text.split_once('.') else { return false };
    let digits: String = int.chars().chain(frac.chars()).filter(char::is_ascii_digit).collect();
    let significant = digits.trim_start_matches('0').trim_end_matches('0').len();
    let double = shortest::<f64>(text);
    (is_written(&shortest::<f32>(text)) && !is_written(&double)) || (significant <= 17 && is_written(&double))
}

/// Whether `a` and `b` are one base64 text with whitespace in different places: equal without it,
/// made of whole groups of four base64 characters (`=` only as padding at the end), not all digits.
fn same_base64(a: &str, b: &str) -> bool {
    let mut x = a.chars().filter(|&c| !is_xml_space(c));
    let mut y = b.chars().filter(|&c| !is_xml_space(c));
    let (mut len, mut padding, mut digits) = (0usize, 0usize, 0usize);
    loop {
        match (x.next(), y.next()) {
            // Digits alone are a number (`1 000` is not `1000`), not base64.
            (None, None) => return len > 0 && len % 4 == 0 && digits < len,
            (Some(c), Some(d)) if c == d => {
                digits += usize::from(c.is_ascii_digit());
                let base64 = c.is_ascii_alphanumeric() || c == '+' || c == '/';
                match c {
                    '=' if padding < 2 => padding += 1,
                    _ if base64 && padding == 0 => {}
                    _ => return false,
                }
                len += 1;
            }
            _ => return false,
        }
    }
}

/// XML whitespace collapse: trim, and replace each run of whitespace with one space.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(is_xml_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The truth value of an `xs:boolean` lexical form.
fn boolean(s: &str) -> Option<bool> {
    match s {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

/// A numeric lexical form (`xs:decimal`, or `xs:double` with an exponent or special value).
#[derive(Debug)]
enum Number<'a> {
    /// Sign, integer digits without leading zeros, fraction digits without trailing zeros.
    Decimal {
        negative: bool,
        int: &'a str,
        frac: &'a str,
    },
    Float(f64),
}

impl<'a> Number<'a> {
    fn parse(s: &'a str) -> Option<Self> {
        match s {
            "INF" | "+INF" => return Some(Number::Float(f64::INFINITY)),
            "-INF" => return Some(Number::Float(f64::NEG_INFINITY)),
            "NaN" => return Some(Number::Float(f64::NAN)),
            _ => {}
        }
        let (negative, unsigned) = match s.as_bytes().first()? {
            b'-' => (true, &s[1..]),
            b'+' => (false, &s[1..]),
            _ => (false, s),
        };
        let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
            Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
            None => (unsigned, None),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
        if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
            return None;
        }
        match exponent {
            None => Some(Number::Decimal {
                negative,
                int: int.trim_start_matches('0'),
                frac: frac.trim_end_matches('0'),
            }),
            Some(exponent) => {
                let exp_digits = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
                if exp_digits.is_empty() || !digits(exp_digits) {
                    return None;
                }
                // Rebuild in a shape `f64::from_str` certainly accepts.
                let sign = if negative { "-" } else { "" };
                let int = if int.is_empty() { "0" } else { int };
                let frac = if frac.is_empty() { "0" } else { frac };
                format!("{sign}{int}.{frac}e{exponent}").parse().ok().map(Number::Float)
            }
        }
    }

    fn to_f64(&self) -> f64 {
        match *self {
            Number::Float(f) => f,
            Number::Decimal { negative, int, frac } => {
                let int = if int.is_empty() { "0" } else { int };
                let sign = if negative { "-" } else { "" };
                format!("{sign}{int}.{frac}0").parse().unwrap_or(f64::NAN)
            }
        }
    }

    fn equals(&self, other: &Number<'_>) -> bool {
        match (self, other) {
            (
                Number::Decimal { negative: n1, int: i1, frac: f1 },
                Number::Decimal { negative: n2, int: i2, frac: f2 },
            ) => {
                let zero = |i: &str, f: &str| i.is_empty() && f.is_empty();
                (zero(i1, f1) && zero(i2, f2)) || (n1 == n2 && i1 == i2 && f1 == f2)
            }
            _ => {
                // A form with an exponent is an `xs:double` or an `xs:float`: equal as either. A
                // float written back in its shortest form is the same float, not the same double.
                let (x, y) = (self.to_f64(), other.to_f64());
                let single = x as f32;
                let same_float = single == y as f32 && single.is_finite() && single != 0.0;
                x == y || (x.is_nan() && y.is_nan()) || same_float
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Comparison
// ---------------------------------------------------------------------------------------------

/// One way in which the actual document differs from the expected one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// Where: `/note/body[2]/@uri`, `/note/body/text()`, … (names as written in the expected
    /// document, or in the actual one for extra items).
    pub path: String,
    /// What differs.
    pub kind: DifferenceKind,
}

/// What differs. Names are in Clark notation: `{namespace-uri}local`, or `local` without a
/// namespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DifferenceKind {
    /// An element has a different expanded name; its content is not compared.
    ElementName {
        /// The expected name.
        expected: String,
        /// The name found.
        found: String,
    },
    /// An expected element is missing.
    MissingElement {
        /// Its name.
        name: String,
    },
    /// An element that was not expected.
    ExtraElement {
        /// Its name.
        name: String,
    },
    /// An expected attribute is missing.
    MissingAttribute {
        /// Its name.
        name: String,
        /// Its expected value.
        expected: String,
    },
    /// An attribute that was not expected.
    ExtraAttribute {
        /// Its name.
        name: String,
        /// Its value.
        found: String,
    },
    /// An attribute has a different value.
    AttributeValue {
        /// The expected value.
        expected: String,
        /// The value found.
        found: String,
    },
    /// A text item differs or is missing on one side (`None`).
    Text {
        /// The expected text.
        expected: Option<String>,
        /// The text found.
        found: Option<String>,
    },
    /// The document type declarations differ (name or identifiers), or one is missing (`None`).
    Doctype {
        /// The expected declaration.
        expected: Option<String>,
        /// The declaration found.
        found: Option<String>,
    },
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.path)?;
        match &self.kind {
            DifferenceKind::ElementName { expected, found } => {
                write!(f, "expected element {expected}, found element {found}")
            }
            DifferenceKind::MissingElement { name } => write!(f, "missing element {name}"),
            DifferenceKind::ExtraElement { name } => write!(f, "unexpected element {name}"),
            DifferenceKind::MissingAttribute { name, expected } => {
                write!(f, "missing attribute {name} (expected {})", Shown(expected))
            }
            DifferenceKind::ExtraAttribute { name, found } => {
                write!(f, "unexpected attribute {name} (found {})", Shown(found))
            }
            DifferenceKind::AttributeValue { expected, found } => {
                write!(f, "expected {}, found {}", Shown(expected), Shown(found))
            }
            DifferenceKind::Doctype { expected, found } => {
                let shown = |d: &Option<String>| d.clone().unwrap_or_else(|| "no DOCTYPE".into());
                write!(f, "expected {}, found {}", shown(expected), shown(found))
            }
            DifferenceKind::Text { expected, found } => {
                match expected {
                    Some(text) => write!(f, "expected {}", Shown(text))?,
                    None => f.write_str("expected no text")?,
                }
                match found {
                    Some(text) => write!(f, ", found {}", Shown(text)),
                    None => f.write_str(", found no text"),
                }
            }
        }
    }
}

/// A value in a message: quoted and escaped, shortened when long.
struct Shown<'a>(&'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.char_indices().nth(MAX_SHOWN_CHARS) {
            Some((cut, _)) => write!(f, "{:?}…", &self.0[..cut]),
            None => write!(f, "{:?}", self.0),
        }
    }
}

/// Renders differences one per line (no trailing newline), at most [`REPORT_LIMIT`] of them,
/// followed by `… and N more` when there are more. Empty when there are no differences.
pub fn report(diffs: &[Difference]) -> String {
    let mut lines: Vec<String> = diffs.iter().take(REPORT_LIMIT).map(ToString::to_string).collect();
    if diffs.len() > REPORT_LIMIT {
        lines.push(format!("… and {} more", diffs.len() - REPORT_LIMIT));
    }
    lines.join("\n")
}

/// Compares two documents and returns every difference, in document order.
///
/// Children of an element whose name differs are not compared.
pub fn compare(expected: &Infoset, actual: &Infoset) -> Vec<Difference> {
    let mut out = Output { diffs: Vec::new(), steps: Vec::new() };
    if expected.doctype != actual.doctype {
        let kind =
            DifferenceKind::Doctype { expected: expected.doctype.clone(), found: actual.doctype.clone() };
        out.diffs.push(Difference { path: "/".into(), kind });
    }
    let (exp, act) = (&expected.root, &actual.root);
    if !same_name(exp, act) {
        out.steps.push(exp.qname.clone());
        out.emit(None, name_difference(exp, act));
        return out.diffs;
    }

    let mut frames = vec![Frame::new(exp, act)];
    out.steps.push(exp.qname.clone());
    out.compare_attributes(exp, act);

    while let Some(frame) = frames.last_mut() {
        let Some(&op) = frame.ops.get(frame.next) else {
            frames.pop();
            out.steps.pop();
            continue;
        };
        frame.next += 1;
        let (exp, act) = (frame.exp, frame.act);
        match op {
            Op::Pair(i, j) => {
                let (e, a) = (&exp.children[i], &act.children[j]);
                let step = child_step(e, frame.exp_positions[i]);
                if same_name(e, a) {
                    frames.push(Frame::new(e, a));
                    out.steps.push(step);
                    out.compare_attributes(e, a);
                } else {
                    out.emit(Some(&step), name_difference(e, a));
                }
            }
            Op::Missing(i) => {
                let e = &exp.children[i];
                let step = child_step(e, frame.exp_positions[i]);
                let name = clark(&e.ns, &e.local);
                out.emit(Some(&step), DifferenceKind::MissingElement { name });
            }
            Op::Extra(j) => {
                let a = &act.children[j];
                let step = child_step(a, frame.act_positions[j]);
                let name = clark(&a.ns, &a.local);
                out.emit(Some(&step), DifferenceKind::ExtraElement { name });
            }
            Op::Text(exp_slot, act_slot) => {
                let e = exp_slot.and_then(|slot| text_at(exp, slot));
                let a = act_slot.and_then(|slot| text_at(act, slot));
                let step = match (e, a) {
                    (None, None) => continue,
                    (Some((_, x)), Some((_, y))) if values_equal(x, y) => continue,
                    (Some((k, _)), _) => text_step(exp, k),
                    (None, Some((k, _))) => text_step(act, k),
                };
                let kind = DifferenceKind::Text {
                    expected: e.map(|(_, t)| t.to_owned()),
                    found: a.map(|(_, t)| t.to_owned()),
                };
                out.emit(Some(&step), kind);
            }
        }
    }
    out.diffs
}

/// Collected differences and the path of the element being compared.
struct Output {
    diffs: Vec<Difference>,
    /// Path steps from the root to the current element (`name` or `name[n]`).
    steps: Vec<String>,
}

impl Output {
    fn emit(&mut self, last: Option<&str>, kind: DifferenceKind) {
        let path = render_path(&self.steps, last);
        self.diffs.push(Difference { path, kind });
    }

    fn compare_attributes(&mut self, exp: &Node, act: &Node) {
        if exp.attributes.is_empty() && act.attributes.is_empty() {
            return;
        }
        let index: HashMap<(&str, &str), usize> =
            act.attributes.iter().enumerate().map(|(i, a)| ((a.ns.as_str(), a.local.as_str()), i)).collect();
        let mut matched = vec![false; act.attributes.len()];
        for e in &exp.attributes {
            let step = format!("@{}", e.qname);
            match index.get(&(e.ns.as_str(), e.local.as_str())) {
                Some(&i) => {
                    matched[i] = true;
                    let a = &act.attributes[i];
                    if !values_equal(&e.value, &a.value) {
                        let kind = DifferenceKind::AttributeValue {
                            expected: e.value.clone(),
                            found: a.value.clone(),
                        };
                        self.emit(Some(&step), kind);
                    }
                }
                None => {
                    let kind = DifferenceKind::MissingAttribute {
                        name: clark(&e.ns, &e.local),
                        expected: e.value.clone(),
                    };
                    self.emit(Some(&step), kind);
                }
            }
        }
        for (a, _) in act.attributes.iter().zip(&matched).filter(|(_, &m)| !m) {
            let kind =
                DifferenceKind::ExtraAttribute { name: clark(&a.ns, &a.local), found: a.value.clone() };
            self.emit(Some(&format!("@{}", a.qname)), kind);
        }
    }
}

/// `/step/step/last`, keeping only the first and last steps of very deep paths.
fn render_path(steps: &[String], last: Option<&str>) -> String {
    let mut path = String::new();
    if steps.len() > MAX_PATH_STEPS {
        for step in &steps[..PATH_HEAD_STEPS] {
            path.push('/');
            path.push_str(step);
        }
        let tail = steps.len() - PATH_TAIL_STEPS;
        path.push_str(&format!("/…({} steps)…", tail - PATH_HEAD_STEPS));
        for step in &steps[tail..] {
            path.push('/');
            path.push_str(step);
        }
    } else {
        for step in steps {
            path.push('/');
            path.push_str(step);
        }
    }
    if let Some(last) = last {
        path.push('/');
        path.push_str(last);
    }
    path
}

/// A step of the comparison plan for one pair of elements.
#[derive(Debug, Clone, Copy)]
enum Op {
    /// Compare expected child `i` with actual child `j`.
    Pair(usize, usize),
    /// Expected child `i` has no counterpart.
    Missing(usize),
    /// Actual child `j` has no counterpart.
    Extra(usize),
    /// Compare the text items in these slots (`None`: no counterpart on that side).
    Text(Option<usize>, Option<usize>),
}

/// A pair of elements with equal names whose content is being compared.
struct Frame<'a> {
    exp: &'a Node,
    act: &'a Node,
    /// `(1-based index among same-named siblings, has same-named siblings)` per child.
    exp_positions: Vec<(usize, bool)>,
    act_positions: Vec<(usize, bool)>,
    ops: Vec<Op>,
    next: usize,
}

impl<'a> Frame<'a> {
    fn new(exp: &'a Node, act: &'a Node) -> Self {
        let (e, a) = (&exp.children, &act.children);
        let mut prefix = 0;
        while prefix < e.len() && prefix < a.len() && same_name(&e[prefix], &a[prefix]) {
            prefix += 1;
        }
        let mut suffix = 0;
        while suffix < e.len() - prefix
            && suffix < a.len() - prefix
            && same_name(&e[e.len() - 1 - suffix], &a[a.len() - 1 - suffix])
        {
            suffix += 1;
        }
        let (e_mid, a_mid) = (e.len() - prefix - suffix, a.len() - prefix - suffix);
        let paired = e_mid.min(a_mid);

        // Each element op is followed by the text slot after the element(s) it consumed.
        let mut ops = Vec::with_capacity(2 * (e.len() + a.len()) + 1);
        ops.push(Op::Text(Some(0), Some(0)));
        let pair = |ops: &mut Vec<Op>, i: usize, j: usize| {
            ops.push(Op::Pair(i, j));
            ops.push(Op::Text(Some(i + 1), Some(j + 1)));
        };
        for i in 0..prefix {
            pair(&mut ops, i, i);
        }
        for k in 0..paired {
            pair(&mut ops, prefix + k, prefix + k);
        }
        for i in prefix + paired..prefix + e_mid {
            ops.push(Op::Missing(i));
            ops.push(Op::Text(Some(i + 1), None));
        }
        for j in prefix + paired..prefix + a_mid {
            ops.push(Op::Extra(j));
            ops.push(Op::Text(None, Some(j + 1)));
        }
        for k in 0..suffix {
            pair(&mut ops, prefix + e_mid + k, prefix + a_mid + k);
        }

        Frame {
            exp,
            act,
            exp_positions: sibling_positions(e),
            act_positions: sibling_positions(a),
            ops,
            next: 0,
        }
    }
}

fn same_name(a: &Node, b: &Node) -> bool {
    a.local == b.local && a.ns == b.ns
}

fn name_difference(exp: &Node, act: &Node) -> DifferenceKind {
    DifferenceKind::ElementName { expected: clark(&exp.ns, &exp.local), found: clark(&act.ns, &act.local) }
}

/// For each child: its 1-based index among siblings written with the same name, and whether
/// there are such siblings.
fn sibling_positions(children: &[Node]) -> Vec<(usize, bool)> {
    if children.is_empty() {
        return Vec::new();
    }
    let mut counts: HashMap<&str, usize> = HashMap::default();
    for child in children {
        *counts.entry(&child.qname).or_default() += 1;
    }
    let mut seen: HashMap<&str, usize> = HashMap::default();
    children
        .iter()
        .map(|child| {
            let n = seen.entry(&child.qname).or_default();
            *n += 1;
            (*n, counts[child.qname.as_str()] > 1)
        })
        .collect()
}

fn child_step(child: &Node, (index, repeated): (usize, bool)) -> String {
    if repeated {
        format!("{}[{index}]", child.qname)
    } else {
        child.qname.clone()
    }
}

/// The text item in `slot`, with its index among the node's text items.
fn text_at(node: &Node, slot: usize) -> Option<(usize, &str)> {
    let k = node.texts.binary_search_by_key(&slot, |(s, _)| *s).ok()?;
    Some((k, node.texts[k].1.as_str()))
}

fn text_step(node: &Node, k: usize) -> String {
    if node.texts.len() > 1 {
        format!("text()[{}]", k + 1)
    } else {
        "text()".to_owned()
    }
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(xml: &str) -> Infoset {
        parse(xml).unwrap_or_else(|err| panic!("parse failed: {err}\n{xml}"))
    }

    fn diffs(expected: &str, actual: &str) -> Vec<Difference> {
        compare(&doc(expected), &doc(actual))
    }

    fn lines(expected: &str, actual: &str) -> Vec<String> {
        diffs(expected, actual).iter().map(ToString::to_string).collect()
    }

    fn assert_equal(expected: &str, actual: &str) {
        let found = diffs(expected, actual);
        assert!(found.is_empty(), "unexpected differences:\n{}", report(&found));
        // Equality is symmetric for all rules.
        let back = diffs(actual, expected);
        assert!(back.is_empty(), "unexpected differences (reversed):\n{}", report(&back));
    }

    fn error(xml: &str) -> InfosetError {
        match parse(xml) {
            Ok(doc) => panic!("expected an error, parsed {doc:?}"),
            Err(err) => err,
        }
    }

    fn assert_error(xml: &str, line: usize, column: usize, message_part: &str) {
        let err = error(xml);
        assert!(
            err.message.contains(message_part),
            "message {:?} does not contain {message_part:?}",
            err.message
        );
        assert_eq!((err.line, err.column), (line, column), "position of {err}");
    }

    // --- values_equal -------------------------------------------------------------------------

    #[test]
    fn values_identical_and_collapsed() {
        assert!(values_equal("abc", "abc"));
        assert!(values_equal("", ""));
        assert!(values_equal("  a \t b\r\n c ", "a b c"));
        assert!(values_equal("a b", "a\n\nb"));
        assert!(!values_equal("ab", "a b"));
        assert!(!values_equal("abc", "abd"));
        assert!(!values_equal("", "x"));
        // Only XML whitespace collapses.
        assert!(!values_equal("a\u{A0}b", "a b"));
    }

    #[test]
    fn values_decimal() {
        // A float or double written back in its shortest form is the same value.
        assert!(values_equal("52.472345", "52.472343"));
        assert!(values_equal("52.472343", "52.472345"));
        assert!(values_equal("0.10000000000000001", "0.1"));
        assert!(!values_equal("52.472345", "52.472344"), "not the shortest form of either");
        assert!(!values_equal("52.47", "52.472343"));
        assert!(!values_equal("16777217", "16777216"), "integers are not compared as floats");
        // More digits than a float holds, written as the float they read as.
        assert!(values_equal("12 1.278656273654 4.0", "12 1.2786562 4"));
        assert!(!values_equal("1.278656273654", "1.278656"));
        assert!(values_equal("007", "7"));
        assert!(values_equal("1.50", "1.5"));
        assert!(values_equal("+1.5", "1.50"));
        assert!(values_equal("1.", "1"));
        assert!(values_equal(".5", "0.5"));
        assert!(values_equal("-0", "0"));
        assert!(values_equal("0.000", "-.0"));
        assert!(values_equal(" 42 ", "042"));
        assert!(values_equal("-007.100", "-7.1"));
        assert!(!values_equal("-1", "1"));
        assert!(!values_equal("1.5", "1.05"));
        assert!(!values_equal("10", "1"));
        assert!(!values_equal("100", "1.00"));
        // Exact: beyond f64 precision.
        assert!(!values_equal("12345678901234567890", "12345678901234567891"));
        assert!(values_equal("12345678901234567890.0", "012345678901234567890"));
        assert!(!values_equal("0.1000000000000000000001", "0.1"));
    }

    #[test]
    fn values_float() {
        assert!(values_equal("1E2", "100"));
        assert!(values_equal("1.5e0", "1.5"));
        assert!(values_equal("15E-1", "1.50"));
        assert!(values_equal("-1.0E+3", "-1000"));
        assert!(values_equal("INF", "+INF"));
        assert!(values_equal("INF", "1e999"));
        assert!(values_equal("-INF", "-1E999"));
        assert!(values_equal(" NaN", "NaN "));
        assert!(values_equal("0e0", "-0.0"));
        assert!(values_equal("1e99999999999999999999999", "INF"));
        assert!(values_equal("0.0e-99999999999999999999999", "0"));
        assert!(values_equal("1.e1", "10"));
        assert!(values_equal(".5E1", "5"));
        assert!(!values_equal("INF", "-INF"));
        assert!(!values_equal("NaN", "0"));
        assert!(!values_equal("1E2", "1E3"));
        // The same single-precision float, in its shortest form.
        assert!(values_equal("2.9102584E-25", "2.9102585e-25"));
        assert!(values_equal("-2.0132317E-2", "-0.020132316"));
        assert!(!values_equal("2.9102584E-25", "2.91026e-25"));
        assert!(!values_equal("1E-50", "1E-51"));
        assert!(!values_equal("1E39", "2E39"));
    }

    #[test]
    fn values_lists_item_by_item() {
        assert!(values_equal("1 0 true", "true false 1"));
        assert!(values_equal("-.812 4.0", "-0.812 4"));
        assert!(values_equal(" -INF 1.5E0\n", "-INF 1.5"));
        assert!(!values_equal("1 0", "1 0 0"));
        assert!(!values_equal("1 0", "true true"));
        assert!(!values_equal("a b", "a c"));
    }

    #[test]
    fn values_not_numbers() {
        for (a, b) in [
            ("+", "0"),
            ("-", "0"),
            (".", "0"),
            ("1.2.3", "1.2"),
            ("1e", "1"),
            ("e1", "1"),
            ("1e+", "1"),
            ("0x10", "16"),
            ("1 000", "1000"),
            ("inf", "INF"),
            ("nan", "NaN"),
            ("-NaN", "NaN"),
            ("Infinity", "INF"),
            ("1_000", "1000"),
            ("١", "1"),
        ] {
            assert!(!values_equal(a, b), "{a:?} vs {b:?}");
        }
    }

    #[test]
    fn values_boolean() {
        assert!(values_equal("true", "1"));
        assert!(values_equal("0", "false"));
        assert!(values_equal(" true ", "1"));
        assert!(!values_equal("true", "0"));
        assert!(!values_equal("false", "1"));
        assert!(!values_equal("TRUE", "1"));
        assert!(!values_equal("true", "1.0"));
        assert!(!values_equal("yes", "true"));
    }

    // --- equality ------------------------------------------------------------------------------

    #[test]
    fn prefixes_and_declarations_do_not_matter() {
        assert_equal(
            r#"<p:note xmlns:p="urn:n" xmlns:q="urn:q" xmlns:unused="urn:u"><p:body q:uri="a" x="1"/></p:note>"#,
            r#"<note xmlns="urn:n"><body xmlns:z="urn:q" z:uri="a" x="1"/></note>"#,
        );
        // Redeclaring a prefix in an inner scope.
        assert_equal(
            r#"<a:x xmlns:a="urn:1"><a:y xmlns:a="urn:2"/></a:x>"#,
            r#"<x xmlns="urn:1"><b:y xmlns:b="urn:2"/></x>"#,
        );
        // Undeclaring the default namespace.
        assert_equal(r#"<x xmlns="urn:1"><y xmlns=""/></x>"#, r#"<p:x xmlns:p="urn:1"><y/></p:x>"#);
        // The `xml` prefix is always bound.
        assert_equal(
            r#"<a xml:lang="en"/>"#,
            r#"<a xmlns:xml="http://www.w3.org/XML/1998/namespace" xml:lang="en"/>"#,
        );
        // Namespace names are compared after reference resolution.
        assert_equal(r#"<p:a xmlns:p="urn:a&amp;b"/>"#, r#"<q:a xmlns:q="urn:a&#38;b"/>"#);
    }

    #[test]
    fn root_name_resolves_namespace() {
        let d = doc(r#"<?xml version="1.0"?><p:a xmlns:p="urn:x"/>"#);
        assert_eq!(d.root_name(), ("urn:x", "a"));
        assert_eq!(format!("{d:?}"), r#"Infoset { root: "{urn:x}a", .. }"#);
    }

    #[test]
    fn default_namespace_does_not_apply_to_attributes() {
        assert_eq!(
            lines(r#"<a xmlns="urn:x" at="1"/>"#, r#"<p:a xmlns:p="urn:x" p:at="1"/>"#),
            [
                r#"/a/@at: missing attribute at (expected "1")"#,
                r#"/a/@p:at: unexpected attribute {urn:x}at (found "1")"#,
            ]
        );
    }

    #[test]
    fn attribute_order_does_not_matter() {
        assert_equal(
            r#"<a x="1" y="2" p:z="3" xmlns:p="urn:p"/>"#,
            r#"<a xmlns:p="urn:p" p:z="3" y="2" x="1"/>"#,
        );
    }

    #[test]
    fn whitespace_only_text_is_ignored() {
        assert_equal("<a>\n  <b> </b>\n\t<c/>\r\n</a>", "<a><b/><c>\n</c></a>");
        // Even when it comes from references or CDATA.
        assert_equal("<a><b>&#32;<![CDATA[ ]]>&#x9;</b></a>", "<a><b/></a>");
        // Whitespace around text is collapsed, not ignored as a whole.
        assert_equal("<a>  x  y </a>", "<a>x y</a>");
    }

    #[test]
    fn cdata_and_references_equal_escaped_text() {
        assert_equal("<a><![CDATA[x < y & z]]></a>", "<a>x &lt; y &amp; z</a>");
        assert_equal("<a>x <![CDATA[<]]> y<![CDATA[]]></a>", "<a>x &#60; y</a>");
        assert_equal("<a>&apos;&quot;&gt;&#x41;&#66;</a>", r#"<a>'"&gt;AB</a>"#);
        assert_equal(r#"<a v="&lt;&#x26;&gt;"/>"#, r#"<a v='&lt;&amp;>'/>"#);
    }

    #[test]
    fn comments_and_processing_instructions_are_transparent() {
        assert_equal("<?pi before?><!-- c --><a>x<!-- c -->y<?pi z?>z</a><!-- after -->", "<a>xyz</a>");
        assert_equal("<a><!-- c --><b/><?pi?></a>", "<a><b/></a>");
    }

    #[test]
    fn typed_values_compare_by_value() {
        assert_equal("<a n='007'>7</a>", "<a n='7'>007</a>");
        assert_equal("<a n='1.50'>1.5</a>", "<a n='1.5'>1.50</a>");
        assert_equal("<a b='true'>1</a>", "<a b='1'>true</a>");
        assert_equal("<a b='false'> 0 </a>", "<a b='0'>false</a>");
        // base64Binary: whitespace inside is not part of the value.
        assert_equal("<a>\n  QUJD REVG\n  R0g=\n</a>", "<a>QUJDREVGR0g=</a>");
        assert!(!values_equal("QUJD REVG", "QUJDREVH"));
        assert!(!values_equal("ab c", "abc"), "not whole groups of four");
        assert!(!values_equal("a=bc d", "a=bcd"), "padding only at the end");
        assert!(!values_equal("ab-c d", "ab-cd"), "not base64 characters");
    }

    #[test]
    fn attribute_values_are_normalised() {
        // Literal whitespace becomes a space; character references are kept.
        let d = doc("<a v='x\ty\r\nz&#10;w'/>");
        assert_eq!(d.root.attributes[0].value, "x y z\nw");
        // Line ends in text are normalised, those from references are not.
        let d = doc("<a>x\r\ny\rz&#13;</a>");
        assert_eq!(d.root.texts, [(0, "x\ny\nz\r".to_owned())]);
    }

    #[test]
    fn bom_and_declaration_are_accepted() {
        assert_equal("\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a/>\n", "<a/>");
        // Features fuzz finding: quick-xml's positions do not count the mark, so the DOCTYPE was
        // looked for three bytes early, inside the mark (a panic on a slice); the second one is an
        // error at its own place.
        let twice = "\u{FEFF}\r\r<!DOCTYPE\r\rtt2>\r<!DOCTYPE\r\ri>";
        let err = parse(twice).unwrap_err();
        assert_eq!((err.line, err.column), (6, 1), "{err}");
        assert!(err.message.contains("only allowed once"), "{err}");
        let once = parse("\u{FEFF}\n<!DOCTYPE a SYSTEM 'a.dtd'><a/>").unwrap();
        assert_eq!(once.doctype.as_deref(), Some("<!DOCTYPE a SYSTEM \"a.dtd\">"));
    }

    // --- differences ---------------------------------------------------------------------------

    #[test]
    fn attribute_differences() {
        assert_eq!(
            lines(
                r#"<note><body uri="a" gone="1"/><body uri="a"/></note>"#,
                r#"<note><body uri="a" gone="1"/><body uri="b" new="x"/></note>"#,
            ),
            [
                r#"/note/body[2]/@uri: expected "a", found "b""#,
                r#"/note/body[2]/@new: unexpected attribute new (found "x")"#,
            ]
        );
        assert_eq!(
            lines(r#"<a x="1" y="2"/>"#, r#"<a y="2"/>"#),
            [r#"/a/@x: missing attribute x (expected "1")"#]
        );
    }

    #[test]
    fn attribute_namespace_change_is_missing_plus_extra() {
        let found = diffs(r#"<a xmlns:p="urn:1" p:x="v"/>"#, r#"<a xmlns:p="urn:2" p:x="v"/>"#);
        assert_eq!(
            found,
            [
                Difference {
                    path: "/a/@p:x".into(),
                    kind: DifferenceKind::MissingAttribute { name: "{urn:1}x".into(), expected: "v".into() },
                },
                Difference {
                    path: "/a/@p:x".into(),
                    kind: DifferenceKind::ExtraAttribute { name: "{urn:2}x".into(), found: "v".into() },
                },
            ]
        );
    }

    #[test]
    fn missing_and_extra_elements() {
        assert_eq!(lines("<a><b/><c/><d/></a>", "<a><b/><d/></a>"), ["/a/c: missing element c"]);
        assert_eq!(lines("<a><b/><d/></a>", "<a><b/><c/><d/></a>"), ["/a/c: unexpected element c"]);
        assert_eq!(lines("<a><i/><i/><i/></a>", "<a><i/><i/></a>"), ["/a/i[3]: missing element i"]);
        assert_eq!(
            lines("<a/>", "<a><i/><i x='1'/></a>"),
            ["/a/i[1]: unexpected element i", "/a/i[2]: unexpected element i"]
        );
        // Unmatched middle parts are paired by position.
        assert_eq!(
            lines("<a><b/><x/><y/><c/></a>", "<a><b/><z/><c/></a>"),
            ["/a/x: expected element x, found element z", "/a/y: missing element y",]
        );
    }

    #[test]
    fn changed_namespace_stops_descent() {
        assert_eq!(
            lines(
                r#"<r xmlns="urn:r"><e xmlns="urn:1" a="1"><deep>x</deep></e><f>1</f></r>"#,
                r#"<r xmlns="urn:r"><e xmlns="urn:2" a="2"><other/></e><f>2</f></r>"#,
            ),
            [
                "/r/e: expected element {urn:1}e, found element {urn:2}e",
                r#"/r/f/text(): expected "1", found "2""#,
            ]
        );
        assert_eq!(
            lines("<p:a xmlns:p='urn:1'><b/></p:a>", "<p:a xmlns:p='urn:2'/>"),
            ["/p:a: expected element {urn:1}a, found element {urn:2}a"]
        );
    }

    #[test]
    fn text_differences() {
        assert_eq!(
            lines("<note><body>hello</body></note>", "<note><body>hullo</body></note>"),
            [r#"/note/body/text(): expected "hello", found "hullo""#]
        );
        assert_eq!(
            lines("<note><body>hello</body></note>", "<note><body/></note>"),
            [r#"/note/body/text(): expected "hello", found no text"#]
        );
        assert_eq!(
            lines("<note><body/></note>", "<note><body>x</body></note>"),
            [r#"/note/body/text(): expected no text, found "x""#]
        );
        assert_eq!(lines("<a>007</a>", "<a>8</a>"), [r#"/a/text(): expected "007", found "8""#]);
    }

    #[test]
    fn mixed_content_positions() {
        assert_eq!(
            lines("<a>x<b/></a>", "<a><b/>x</a>"),
            [r#"/a/text(): expected "x", found no text"#, r#"/a/text(): expected no text, found "x""#,]
        );
        assert_eq!(
            lines("<a>x<b/>y<b/>z</a>", "<a>x<b/>Y<b/>z</a>"),
            [r#"/a/text()[2]: expected "y", found "Y""#]
        );
        // Text following a missing element.
        assert_eq!(
            lines("<a><b/>t<c/></a>", "<a><c/></a>"),
            ["/a/b: missing element b", r#"/a/text(): expected "t", found no text"#,]
        );
    }

    #[test]
    fn differences_are_in_document_order() {
        assert_eq!(
            lines("<r a='1'><x><y>1</y></x>t<x b='1'/></r>", "<r a='2'><x><y>2</y></x>u<x b='2'/><z/></r>",),
            [
                r#"/r/@a: expected "1", found "2""#,
                r#"/r/x[1]/y/text(): expected "1", found "2""#,
                r#"/r/text(): expected "t", found "u""#,
                r#"/r/x[2]/@b: expected "1", found "2""#,
                "/r/z: unexpected element z",
            ]
        );
    }

    #[test]
    fn path_indexes_count_same_written_name() {
        assert_eq!(
            lines(
                "<n xmlns:p='urn:p'><p:b/><b/><b u='a'/></n>",
                "<n xmlns:p='urn:p'><p:b/><b/><b u='b'/></n>",
            ),
            [r#"/n/b[2]/@u: expected "a", found "b""#]
        );
    }

    #[test]
    fn root_name_difference() {
        assert_eq!(lines("<a><x/></a>", "<b><y/></b>"), ["/a: expected element a, found element b"]);
    }

    #[test]
    fn long_values_are_shortened() {
        let long = "x".repeat(500);
        let shown = lines(&format!("<a v='{long}'/>"), "<a v='y'/>");
        let expected_part = format!("expected \"{}\"…, found \"y\"", "x".repeat(MAX_SHOWN_CHARS));
        assert!(shown[0].ends_with(&expected_part), "{}", shown[0]);
    }

    #[test]
    fn report_caps_output() {
        assert_eq!(report(&[]), "");
        let children = |v: &str| format!("<r>{}</r>", format!("<c v='{v}'/>").repeat(60));
        let found = diffs(&children("1"), &children("2"));
        assert_eq!(found.len(), 60);
        let text = report(&found);
        let rendered: Vec<&str> = text.lines().collect();
        assert_eq!(rendered.len(), REPORT_LIMIT + 1);
        assert_eq!(rendered[0], r#"/r/c[1]/@v: expected "1", found "2""#);
        assert_eq!(rendered[49], r#"/r/c[50]/@v: expected "1", found "2""#);
        assert_eq!(rendered[50], "… and 10 more");
        let few = report(&found[..2]);
        assert_eq!(few.lines().count(), 2);
        assert!(!few.ends_with('\n'));
    }

    // --- depth ---------------------------------------------------------------------------------

    #[test]
    fn deep_nesting() {
        const DEPTH: usize = 200_000;
        let deep = |leaf: &str| {
            let mut xml = String::with_capacity(DEPTH * 8);
            for _ in 0..DEPTH {
                xml.push_str("<e>");
            }
            xml.push_str(leaf);
            for _ in 0..DEPTH {
                xml.push_str("</e>");
            }
            xml
        };
        let a = doc(&deep("x"));
        let b = doc(&deep("x"));
        assert!(compare(&a, &b).is_empty());
        let c = doc(&deep("y"));
        let found = compare(&a, &c);
        assert_eq!(found.len(), 1);
        let head = "/e".repeat(PATH_HEAD_STEPS);
        let tail = "/e".repeat(PATH_TAIL_STEPS);
        let skipped = DEPTH - PATH_HEAD_STEPS - PATH_TAIL_STEPS;
        assert_eq!(
            found[0].to_string(),
            format!("{head}/…({skipped} steps)…{tail}/text(): expected \"x\", found \"y\"")
        );
        // Unclosed deep documents fail cleanly.
        let unclosed = "<e>".repeat(DEPTH);
        assert!(error(&unclosed).message.contains("not closed"));
        drop((a, b, c));
    }

    #[test]
    fn short_paths_are_not_abbreviated() {
        let steps: Vec<String> = (0..MAX_PATH_STEPS).map(|i| format!("s{i}")).collect();
        let path = render_path(&steps, Some("@a"));
        assert!(!path.contains('…'));
        assert!(path.ends_with("/s63/@a"));
    }

    // --- errors --------------------------------------------------------------------------------

    #[test]
    fn malformed_documents() {
        assert_error("<a>\n  <b>\n</a>", 3, 1, "expected `</b>`");
        assert_error("<a></b>", 1, 4, "expected `</a>`");
        assert_error("<a>\r\n<b x='1' x='2'/></a>", 2, 10, "more than once");
        assert_error("<a x=1/>", 1, 6, "enclosed in");
        assert_error("<a x/>", 1, 5, "followed by `=`");
        assert_error("<a><b></a", 1, 7, "not closed");
        assert_error("<a>\n<b>", 2, 4, "element 'b' is not closed");
        assert_error("", 1, 1, "no root element");
        assert_error("  <!-- c -->  ", 1, 15, "no root element");
        assert_error("<a/><b/>", 1, 5, "exactly one root element");
        assert_error("<a/>\n  text", 2, 3, "text is not allowed outside the root element");
        assert_error("x<a/>", 1, 1, "text is not allowed outside the root element");
        assert_error("<a/>&amp;", 1, 5, "reference is not allowed outside");
        assert_error("<a/><![CDATA[x]]>", 1, 5, "CDATA");
        assert_error("<a>&amp</a>", 1, 4, "not closed");
        assert_error("<a>x &</a>", 1, 6, "not closed");
        assert_error("<a><!-- a -- b --></a>", 1, 11, "`--`");
    }

    #[test]
    fn entities_and_character_references() {
        assert_error("<a>\n x &nbsp;</a>", 2, 4, "unknown entity '&nbsp;'");
        assert_error("<a v='&foo;'/>", 1, 7, "unknown entity '&foo;'");
        assert_error("<a v='xy&amp'/>", 1, 9, "unterminated reference");
        assert_error("<a>&#0;</a>", 1, 4, "not refer to a character allowed");
        assert_error("<a>&#x1;</a>", 1, 4, "not refer to a character allowed");
        assert_error("<a>&#xD800;</a>", 1, 4, "not refer to a character allowed");
        assert_error("<a>&#x110000;</a>", 1, 4, "not refer to a character allowed");
        assert_error("<a>&#99999999999;</a>", 1, 4, "not refer to a character allowed");
        assert_error("<a>&#X41;</a>", 1, 4, "malformed character reference");
        assert_error("<a>&#x+41;</a>", 1, 4, "malformed character reference");
        assert_error("<a>&#;</a>", 1, 4, "malformed character reference");
        assert_error("<a v='&#xFFFE;'/>", 1, 7, "not refer to a character allowed");
    }

    #[test]
    fn doctype_internal_subsets_that_declare_nothing_are_compared_as_written() {
        // quick-xml finds the DOCTYPE's end by counting angle brackets: paired ones are read right.
        let commented_out = "<!DOCTYPE a [\n<!--<!ENTITY e SYSTEM \"e.xml\">--><?p <<a>>?>\n]><a><b/></a>";
        let parsed = parse(commented_out).unwrap();
        assert_eq!(parsed.root.children.len(), 1, "{parsed:?}");
        assert!(parsed.doctype.as_deref().is_some_and(|d| d.ends_with("<?p <<a>>?>\n]>")), "{parsed:?}");
        let same = parse("<!DOCTYPE a [ <!-- no declarations --> ]><a/>").unwrap();
        // The same declaration, spelled with other white space outside the subset.
        let spelled = parse("<!DOCTYPE  a\n[ <!-- no declarations --> ]\n><a/>").unwrap();
        assert!(compare(&spelled, &same).is_empty());
        let other = parse("<!DOCTYPE a [ <!-- other --> ]><a/>").unwrap();
        assert_eq!(compare(&same, &other).len(), 1);
        assert_eq!(compare(&same, &parse("<!DOCTYPE a><a/>").unwrap()).len(), 1);
    }

    #[test]
    fn doctype_internal_subsets_are_rejected() {
        assert_error(
            "<?xml version='1.0'?>\n<!DOCTYPE a [<!ENTITY e 'x'>]>\n<a>&e;</a>",
            2,
            25,
            "an entity with replacement text in a DOCTYPE is not supported",
        );
        assert_error("<a/><!DOCTYPE a>", 1, 5, "only allowed once, before the root element");
        assert_error("<!DOCTYPE a><!DOCTYPE a><a/>", 1, 13, "only allowed once");
    }

    #[test]
    fn doctypes_are_compared_by_name_and_identifiers() {
        let public = "<!DOCTYPE a PUBLIC '-//X//EN'\n 'a.dtd'>\n<a/>";
        let same = parse("<!DOCTYPE a PUBLIC \"-//X//EN\" \"a.dtd\"><a/>").unwrap();
        assert!(compare(&parse(public).unwrap(), &same).is_empty());
        let none = parse("<a/>").unwrap();
        let diffs = compare(&parse(public).unwrap(), &none);
        assert_eq!(
            diffs.iter().map(ToString::to_string).collect::<Vec<_>>(),
            ["/: expected <!DOCTYPE a PUBLIC \"-//X//EN\" \"a.dtd\">, found no DOCTYPE"]
        );
        let other = parse("<!DOCTYPE a SYSTEM 'a.dtd'><a/>").unwrap();
        assert_eq!(compare(&same, &other).len(), 1);
    }

    #[test]
    fn namespace_errors() {
        assert_error("<a>\n  <p:b/></a>", 2, 4, "unbound namespace prefix 'p'");
        assert_error("<a p:x='1'/>", 1, 4, "unbound namespace prefix 'p'");
        // Scopes end with their element.
        assert_error("<a><b xmlns:p='urn:p'/><p:c/></a>", 1, 25, "unbound namespace prefix 'p'");
        assert_error("<a xmlns:p=''/>", 1, 4, "cannot be undeclared");
        assert_error("<a xmlns:p='urn:p'><b xmlns:p=''><p:c/></b></a>", 1, 23, "cannot be undeclared");
        assert_error("<a xmlns:p='urn:p' xmlns:q='urn:p' p:x='1' q:x='2'/>", 1, 44, "{urn:p}x");
        assert_error("<a:b:c xmlns:a='urn:a'/>", 1, 2, "not a qualified name");
        assert_error("<a :x='1'/>", 1, 4, "not a qualified name");
        assert_error("<a xmlns:='urn:x'/>", 1, 4, "not a qualified name");
        assert_error("<a xmlns:p)='urn:x'/>", 1, 4, "')' is not allowed in a name");
        assert_error("<a c?d='1'/>", 1, 4, "'?' is not allowed in a name");
        assert_error("<p:1a xmlns:p='urn:p'/>", 1, 2, "'1' cannot start a name");
        assert_error("<xmlns:a/>", 1, 2, "prefix 'xmlns'");
        assert_error("<a xmlns:xml='urn:x'/>", 1, 4, "can only be bound");
        assert_error("<a xmlns:xmlns='urn:x'/>", 1, 4, "must not be declared");
        assert_error("<a xmlns:p='http://www.w3.org/XML/1998/namespace'/>", 1, 4, "must not be declared");
        assert_error("<a xmlns='http://www.w3.org/2000/xmlns/'/>", 1, 4, "must not be declared");
        assert_error("<a xmlns:p='urn:&bad;'/>", 1, 17, "unknown entity");
    }

    #[test]
    fn other_errors() {
        assert_error("<a>\n x\u{1}</a>", 2, 3, "U+0001");
        assert_error("<a>\u{FFFF}</a>", 1, 4, "U+FFFF");
        assert_error("<a v='<'/>", 1, 7, "'<' is not allowed");
        assert_error("<a/><?xml version='1.0'?>", 1, 5, "XML declaration");
        assert_error(" <?xml version='1.0'?><a/>", 1, 2, "XML declaration");
    }

    #[test]
    fn column_counts_characters() {
        assert_error("<ä>\n<ö>€€<p:x/></ö></ä>", 2, 7, "unbound namespace prefix 'p'");
        assert_eq!(line_column("ab\r\ncd\ref", 8), (3, 2));
        assert_eq!(line_column("ab", 100), (1, 3));
        assert_eq!(line_column("é", 1), (1, 1));
    }

    #[test]
    fn error_display() {
        let err = error("<a>\n<p:b/></a>");
        assert_eq!(err.to_string(), "line 2, column 2: unbound namespace prefix 'p' in element 'p:b'");
        let _: &dyn Error = &err;
    }

    #[test]
    fn garbage_does_not_panic() {
        let inputs = [
            "<",
            ">",
            "</",
            "<a",
            "<a>",
            "</a>",
            "<a></a></a>",
            "<!",
            "<!-",
            "<!--",
            "<?",
            "<?x",
            "<![CDATA[",
            "<a><![CDATA[x</a>",
            "&",
            "&#",
            "<a>&#x",
            "<a b='",
            "<a b=\"x",
            "<>",
            "< a/>",
            "<a/ >",
            "<a xmlns:=''/>",
            "<a xmlns=\"",
            "<:a/>",
            "<a:/>",
            "<a>]]></a>",
            "\u{FEFF}",
            "<a>\u{FEFF}</a>",
            "<!DOCTYPE",
            "<a/>\0",
        ];
        for input in inputs {
            let _ = parse(input).map(|d| compare(&d, &d));
        }
        // Every prefix of a reasonably rich document.
        let rich = "<?xml version='1.0'?><p:a xmlns:p='urn:p' x='1&amp;'><!--c--><b>t&#x41;<![CDATA[c]]></b><?pi?></p:a>";
        for end in 0..=rich.len() {
            if rich.is_char_boundary(end) {
                let _ = parse(&rich[..end]);
            }
        }
    }

    #[test]
    fn xsi_type_compares_the_type_it_names() {
        let xsi = "http://www.w3.org/2001/XMLSchema-instance";
        let a = doc(&format!(r#"<p:s xmlns:p="urn:t" xmlns:xsi="{xsi}" xsi:type="p:one"/>"#));
        let b = doc(&format!(r#"<s xmlns="urn:t" xmlns:xsi="{xsi}" xsi:type="one"/>"#));
        let c = doc(&format!(r#"<s xmlns="urn:t" xmlns:q="urn:q" xmlns:xsi="{xsi}" xsi:type="q:one"/>"#));
        assert!(compare(&a, &b).is_empty());
        assert_eq!(compare(&a, &c).len(), 1);
    }
}
