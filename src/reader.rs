//! The pull reader generated code runs on: a `quick_xml::NsReader` over the whole input, with
//! namespace resolution, a one-element lookahead for content models, a nesting-depth limit and errors
//! that carry line, column and element path.
//!
//! Positions and paths cost nothing on the happy path: the reader only remembers byte offsets, and an
//! error recomputes line, column and path from the input when it is built.

use std::borrow::Cow;

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::{QName, ResolveResult};
use quick_xml::NsReader;

use crate::error::{Error, ErrorKind};
use crate::value::{ValueError, XmlValue};

/// Limits applied while reading, with safe defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Maximum element nesting depth, including inside [`crate::AnyElement`] content.
    pub max_depth: usize,
    /// Maximum document size in bytes.
    pub max_size: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { max_depth: 256, max_size: 64 << 20 }
    }
}

/// An element's start tag, already resolved to its namespace. Generated readers receive one, read the
/// attributes from it, then the content through the [`XmlReader`].
#[derive(Debug)]
pub struct Start<'a> {
    tag: BytesStart<'a>,
    ns: usize,
    empty: bool,
    pos: usize,
}

impl Start<'_> {
    /// The local name, without prefix.
    pub fn local_name(&self) -> &[u8] {
        self.tag.local_name().into_inner()
    }

    /// The name as written, with its prefix if it had one.
    pub fn qname(&self) -> &[u8] {
        self.tag.name().into_inner()
    }

    /// The prefix as written, if any.
    pub fn prefix(&self) -> Option<&[u8]> {
        self.tag.name().prefix().map(|p| p.into_inner())
    }

    /// Byte offset of the tag in the input.
    pub fn position(&self) -> usize {
        self.pos
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
    pub fn is_local(&self, local: &[u8]) -> bool {
        self.ns.is_none() && self.local == local
    }

    /// Whether this is the attribute `{ns}local`.
    pub fn is(&self, ns: &str, local: &[u8]) -> bool {
        self.ns == Some(ns.as_bytes()) && self.local == local
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
        ErrorKind::UnexpectedAttribute { name: self.display_name() }
    }

    fn display_name(&self) -> String {
        match self.prefix {
            Some(p) => format!("{}:{}", String::from_utf8_lossy(p), String::from_utf8_lossy(self.local)),
            None => String::from_utf8_lossy(self.local).into_owned(),
        }
    }
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

/// The reader. Create one with [`XmlReader::new`] or use [`crate::from_str`].
pub struct XmlReader<'a> {
    inner: NsReader<&'a [u8]>,
    input: &'a [u8],
    /// Interned namespace URIs; index 0 is "no namespace".
    namespaces: Vec<Box<[u8]>>,
    /// A child start tag read ahead by `peek_with` and not yet taken.
    pending: Option<Start<'a>>,
    /// One entry per open element: whether its end tag has been consumed already.
    open: Vec<bool>,
    /// Offset of the most recently read event, for errors.
    last_pos: usize,
    options: ReadOptions,
}

impl<'a> XmlReader<'a> {
    /// A reader over a whole document.
    pub fn new(input: &'a str, options: ReadOptions) -> Self {
        let mut inner = NsReader::from_str(input);
        let config = inner.config_mut();
        config.trim_text(false);
        config.expand_empty_elements = false;
        config.check_end_names = true;
        config.check_comments = true;
        XmlReader {
            inner,
            input: input.as_bytes(),
            namespaces: vec![Box::from(&b""[..])],
            pending: None,
            open: Vec::new(),
            last_pos: 0,
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
        loop {
            match self.next_event()? {
                Ev::Start(start) => {
                    self.enter(&start)?;
                    return Ok(start);
                }
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
                Ev::Text(text) if is_xml_whitespace(&text) => {}
                Ev::Skip => {}
                _ => return Err(self.error(ErrorKind::TrailingContent)),
            }
        }
    }

    /// Looks at the next child element of the current element without consuming it, and tells whether
    /// `pred(namespace, local_name)` accepts it. Returns `false` at the end of the element. Whitespace,
    /// comments and processing instructions are skipped; other text is an error (element-only content).
    pub fn peek_with(&mut self, pred: impl FnOnce(&[u8], &[u8]) -> bool) -> Result<bool, Error> {
        if self.pending.is_none() && !self.fill_pending()? {
            return Ok(false);
        }
        Ok(match &self.pending {
            Some(start) => pred(&self.namespaces[start.ns], start.local_name()),
            None => false,
        })
    }

    /// Whether the next child element is `{ns}local`.
    pub fn peek_is(&mut self, ns: &str, local: &[u8]) -> Result<bool, Error> {
        self.peek_with(|n, l| n == ns.as_bytes() && l == local)
    }

    /// Takes the child element the last successful [`XmlReader::peek_with`] looked at, entering it.
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
    pub fn attributes(
        &self,
        start: &Start<'_>,
        mut f: impl FnMut(&Attr<'_>) -> Result<(), ErrorKind>,
    ) -> Result<(), Error> {
        for attr in start.tag.attributes() {
            let attr = attr.map_err(|e| self.error_at(start.pos, attr_error(&start.tag, e)))?;
            if is_namespace_declaration(&attr) {
                continue;
            }
            let (ns, local) = match self.inner.resolve_attribute(attr.key) {
                (ResolveResult::Unbound, local) => (None, local),
                (ResolveResult::Bound(ns), local) => (Some(ns.into_inner()), local),
                (ResolveResult::Unknown(prefix), _) => {
                    let msg = format!("undeclared namespace prefix {:?}", String::from_utf8_lossy(&prefix));
                    return Err(self.error_at(start.pos, ErrorKind::Syntax(msg)));
                }
            };
            let value = attribute_value(&attr).map_err(|kind| self.error_at(start.pos, kind))?;
            let attr = Attr {
                ns,
                prefix: attr.key.prefix().map(|p| p.into_inner()),
                local: local.into_inner(),
                value,
            };
            f(&attr).map_err(|kind| self.error_at(start.pos, kind))?;
        }
        Ok(())
    }

    /// The namespace declarations written on `start`, as `(prefix, uri)` (prefix `None` for `xmlns`).
    pub fn namespace_declarations(&self, start: &Start<'_>) -> Result<Vec<(Option<String>, String)>, Error> {
        let mut out = Vec::new();
        for attr in start.tag.attributes() {
            let attr = attr.map_err(|e| self.error_at(start.pos, attr_error(&start.tag, e)))?;
            if let Some(decl) = attr.key.as_namespace_binding() {
                let prefix = match decl {
                    quick_xml::name::PrefixDeclaration::Default => None,
                    quick_xml::name::PrefixDeclaration::Named(p) => Some(utf8(p).to_owned()),
                };
                let value = attribute_value(&attr).map_err(|kind| self.error_at(start.pos, kind))?;
                out.push((prefix, value.into_owned()));
            }
        }
        Ok(out)
    }

    /// The namespace URI of `start` (empty for no namespace).
    pub fn namespace_of(&self, start: &Start<'_>) -> &[u8] {
        &self.namespaces[start.ns]
    }

    /// The type named by `start`'s `xsi:type` attribute, resolved in the element's scope:
    /// `(namespace, local name)`, the namespace empty for none.
    pub fn xsi_type(&self, start: &Start<'_>) -> Result<Option<(Vec<u8>, String)>, Error> {
        let mut found = None;
        self.attributes(start, |a| {
            if a.is(crate::xs::XSI_NAMESPACE, b"type") {
                found = Some(a.value.trim().to_owned());
            }
            Ok(())
        })?;
        let Some(qname) = found else { return Ok(None) };
        let (prefix, local) = match qname.split_once(':') {
            Some((p, l)) => (Some(p), l),
            None => (None, qname.as_str()),
        };
        match self.resolve_prefix(prefix) {
            Some(ns) => Ok(Some((ns.to_vec(), local.to_owned()))),
            None if prefix.is_none() => Ok(Some((Vec::new(), local.to_owned()))),
            None => {
                let msg = format!("xsi:type {qname:?} uses an undeclared namespace prefix");
                Err(self.error_at(start.pos, ErrorKind::Syntax(msg)))
            }
        }
    }

    /// Resolves a prefix in the scope of the element most recently entered (for QName values).
    pub fn resolve_prefix(&self, prefix: Option<&str>) -> Option<&[u8]> {
        let qname = match prefix {
            Some(p) => format!("{p}:x"),
            None => "x".to_owned(),
        };
        match self.inner.resolve_element(QName(qname.as_bytes())).0 {
            ResolveResult::Bound(ns) => Some(ns.into_inner()),
            _ => None,
        }
    }

    /// An error positioned at the most recently read event.
    pub fn error(&self, kind: ErrorKind) -> Error {
        self.error_at(self.last_pos, kind)
    }

    /// An error positioned at byte offset `pos`, with line, column and element path.
    pub fn error_at(&self, pos: usize, kind: ErrorKind) -> Error {
        let pos = pos.min(self.input.len());
        let (line, column) = line_column(self.input, pos);
        Error::new(kind, line, column, element_path(self.input, pos))
    }

    /// An error for a start tag whose element is not expected here.
    pub fn unexpected(&self, start: &Start<'_>, expected: &str) -> Error {
        let found = start.display_name();
        self.error_at(start.pos, ErrorKind::UnexpectedElement { found, expected: expected.to_owned() })
    }

    fn enter(&mut self, start: &Start<'_>) -> Result<(), Error> {
        if self.open.len() >= self.options.max_depth {
            return Err(self.error_at(start.pos, ErrorKind::DepthLimit { limit: self.options.max_depth }));
        }
        self.open.push(start.empty);
        Ok(())
    }

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
        let pos = self.inner.buffer_position() as usize;
        self.last_pos = pos;
        let (resolved, event) = match self.inner.read_resolved_event() {
            Ok(x) => x,
            Err(e) => {
                let at = self.inner.error_position() as usize;
                return Err(self.error_at(at, ErrorKind::Syntax(e.to_string())));
            }
        };
        let ns = match resolved {
            ResolveResult::Bound(ns) => intern(&mut self.namespaces, ns.into_inner()),
            ResolveResult::Unbound => 0,
            ResolveResult::Unknown(prefix) => {
                let msg = format!("undeclared namespace prefix {:?}", String::from_utf8_lossy(&prefix));
                return Err(self.error_at(pos, ErrorKind::Syntax(msg)));
            }
        };
        Ok(match event {
            Event::Start(tag) => Ev::Start(Start { tag, ns, empty: false, pos }),
            Event::Empty(tag) => Ev::Start(Start { tag, ns, empty: true, pos }),
            Event::End(_) => Ev::End,
            Event::Text(text) => match text.xml10_content() {
                Ok(text) => Ev::Text(text),
                Err(e) => return Err(self.error_at(pos, ErrorKind::Encoding(e.to_string()))),
            },
            Event::CData(data) => match data.xml10_content() {
                Ok(text) => Ev::Text(text),
                Err(e) => return Err(self.error_at(pos, ErrorKind::Encoding(e.to_string()))),
            },
            Event::GeneralRef(r) => {
                Ev::Text(Cow::Owned(resolve_reference(&r).map_err(|k| self.error_at(pos, k))?))
            }
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
}

enum Ev<'a> {
    Start(Start<'a>),
    End,
    Text(Cow<'a, str>),
    Skip,
    Eof,
}

fn intern(table: &mut Vec<Box<[u8]>>, ns: &[u8]) -> usize {
    if let Some(i) = table.iter().position(|n| &**n == ns) {
        return i;
    }
    table.push(Box::from(ns));
    table.len() - 1
}

fn utf8(bytes: &[u8]) -> &str {
    // The input is a &str and quick-xml splits only at ASCII delimiters, so slices stay valid UTF-8.
    std::str::from_utf8(bytes).unwrap_or("\u{fffd}")
}

fn is_xml_whitespace(text: &str) -> bool {
    text.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

fn is_namespace_declaration(attr: &Attribute<'_>) -> bool {
    attr.key.as_namespace_binding().is_some()
}

fn attr_error(tag: &BytesStart<'_>, e: quick_xml::events::attributes::AttrError) -> ErrorKind {
    use quick_xml::events::attributes::AttrError;
    match e {
        AttrError::Duplicated(..) => {
            // Name the attribute rather than quick-xml's offsets into the tag.
            let mut attrs = tag.attributes();
            attrs.with_checks(false);
            let keys: Vec<Vec<u8>> = attrs.flatten().map(|a| a.key.into_inner().to_vec()).collect();
            let name = keys
                .iter()
                .enumerate()
                .find(|(i, k)| keys[..*i].contains(k))
                .map(|(_, k)| String::from_utf8_lossy(k).into_owned())
                .unwrap_or_default();
            ErrorKind::DuplicateAttribute { name }
        }
        _ => ErrorKind::Syntax(e.to_string()),
    }
}

/// Attribute-value normalisation (literal tab, CR, LF become spaces) then reference replacement.
fn attribute_value<'x>(attr: &Attribute<'x>) -> Result<Cow<'x, str>, ErrorKind> {
    let raw: Cow<'x, [u8]> = attr.value.clone();
    let normalised: Cow<'x, [u8]> = if raw.iter().any(|b| matches!(b, b'\t' | b'\r' | b'\n')) {
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
        quick_xml::escape::unescape(s).map(Cow::into_owned).map_err(|e| ErrorKind::Syntax(e.to_string()))
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

fn resolve_reference(r: &BytesRef<'_>) -> Result<String, ErrorKind> {
    if let Some(c) = r.resolve_char_ref().map_err(|e| ErrorKind::Syntax(e.to_string()))? {
        return Ok(c.to_string());
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
    Ok(text.to_owned())
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
                if before < pos {
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
}
