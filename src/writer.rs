//! The writer generated code runs on. Known elements are written in default-namespace style, the way
//! Lync writes them (`<note xmlns="…/note">`): an element declares `xmlns` only when its namespace
//! differs from the default in scope. Prefixed names (foreign attributes, `xsi:type`, unknown
//! content) reuse a prefix already in scope for their namespace or declare one on the element.
//!
//! The two reserved namespaces are never declared: a name in the XML namespace
//! (`http://www.w3.org/XML/1998/namespace`, e.g. `xml:lang`) is always written with the `xml`
//! prefix, which is bound by definition, and no prefix is ever bound to it or to the namespace of
//! declarations (`http://www.w3.org/2000/xmlns/`), nor is `xmlns` declared (Namespaces in XML 1.0 §3).

use crate::any::AnyAttributes;
use crate::error::{Error, ErrorKind};
use crate::hash::{HashMap, HashSet};
use crate::reader::names::check_ncname;
use crate::reader::{NameKey, PAIRWISE_LIMIT};
use crate::value::XmlValue;

/// The namespace the `xml` prefix is bound to by definition.
pub(crate) const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";
/// The namespace of namespace declarations, bound to the `xmlns` prefix by definition.
pub(crate) const XMLNS_NAMESPACE: &str = "http://www.w3.org/2000/xmlns/";

/// Whether declaring `prefix` (`None`: the default namespace) as `uri` is not allowed, or not
/// needed: `xml` is bound by definition, `xmlns` and the reserved namespaces cannot be declared.
fn is_reserved_binding(prefix: Option<&str>, uri: &str) -> bool {
    matches!(prefix, Some("xml" | "xmlns")) || uri == XML_NAMESPACE || uri == XMLNS_NAMESPACE
}

mod boxed;

/// A namespace declaration in scope; its prefix and URI are spans of [`XmlWriter::names`].
#[derive(Debug, Clone, Copy)]
struct Binding {
    /// `None` is the default namespace.
    prefix: Option<(u32, u32)>,
    uri: (u32, u32),
    /// For a prefixed binding once the writer is [`indexed`](XmlWriter::indexed), the prefixed
    /// bindings it hides in `by_prefix` and `by_uri`: the next one out of the same prefix and URI.
    outer_of_prefix: Option<usize>,
    outer_of_uri: Option<usize>,
}

#[derive(Debug)]
struct Frame {
    /// Where the element's qualified name sits in `names`, to write the end tag.
    name: (u32, u32),
    /// Length of `bindings` (and of `names`) before this element.
    bindings: usize,
    names: usize,
    /// The default binding in scope before this element (restored at its end).
    default: Option<usize>,
    has_text: bool,
    has_elements: bool,
}

/// Writes XML into a buffer; see the module docs for how namespaces are declared.
#[derive(Debug, Default)]
pub struct XmlWriter {
    out: String,
    bindings: Vec<Binding>,
    /// Once [`INDEX_BINDINGS_FROM`] bindings have been in scope, the innermost prefixed binding of
    /// each prefix and of each URI, as an index in `bindings`: lookups then take the same time
    /// however many declarations are in scope (a document may nest 256 elements declaring 256
    /// prefixes each), while the few bindings of most documents are scanned without hashing.
    /// Default-namespace bindings are `default`'s.
    indexed: bool,
    by_prefix: HashMap<Box<str>, usize>,
    by_uri: HashMap<Box<str>, usize>,
    /// Prefixes and URIs of `bindings` and the names of open elements, back to back.
    names: String,
    /// Index in `bindings` of the innermost default-namespace binding: the one looked up for every
    /// element.
    default: Option<usize>,
    frames: Vec<Frame>,
    /// The start tag of the innermost element is still open (attributes may follow).
    tag_open: bool,
    indent: Option<&'static str>,
    scratch: String,
    generated_prefixes: usize,
    /// Prefixes the open start tag's attributes already use (they cannot be rebound on it).
    tag_prefixes: Vec<String>,
    /// The expanded names of the open start tag's attributes, `namespace local` back to back in
    /// `tag_attribute_names` (the namespace's end, the local name's end): XML allows each once.
    tag_attributes: Vec<(u32, u32)>,
    tag_attribute_names: String,
    /// The same names as a set, once the tag has more than [`PAIRWISE_LIMIT`] (values built by
    /// hand or read with a raised limit can have thousands): comparing every pair would be quadratic.
    tag_attribute_set: HashSet<(Box<str>, Box<str>)>,
    /// `xsi` attributes for the next start tag: a document's schema-location hints, which belong to
    /// the document rather than to the root element's type ([`crate::WithHints`]).
    hints: Vec<(&'static str, String)>,
    /// Start tags written so far.
    elements: u32,
    /// Hints for elements below the root ([`crate::ElementHint`]), by position, in document order:
    /// `(start tag, (namespace, local name), attribute, value)`.
    element_hints: std::collections::VecDeque<(u32, (String, String), &'static str, String)>,
    /// The document's namespace declarations to write back, by position, in document order
    /// ([`crate::NamespaceDeclaration`]); while there are any, names are bound as the document
    /// bound them ([`XmlWriter::keep_namespaces`]).
    declarations: std::collections::VecDeque<crate::NamespaceDeclaration>,
    /// Names take the prefixes in scope and the default namespace is never moved, rather than the
    /// default-namespace style: set by [`XmlWriter::keep_namespaces`].
    keeping_namespaces: bool,
    /// `xsi:type` for the next start tag, as `(namespace, local name)`: written once the element's
    /// own namespace declaration is known, since the value's prefix depends on it.
    next_type: Option<(Option<String>, String)>,
    /// The document declares XML 1.1, whose references can name the controls XML 1.0 cannot hold.
    xml11: bool,
    /// How the next [`XmlWriter::text_value`] (or [`crate::any::write_nodes`]) writes the content
    /// of an element whose type has simple or mixed content and whose declaration gives it a value
    /// ([`crate::xs::Defaulted::write_content`]).
    declared_text: DeclaredText,
    /// The first thing that could not be written as well-formed XML; [`XmlWriter::finish`] returns it.
    error: Option<Error>,
}

/// The text of an element whose declaration gives a default (or fixed) value, written by its type's
/// writer. Like [`XmlReader`](crate::XmlReader)'s slot for it: the type has simple or mixed content,
/// so the next `text_value` (or [`crate::any::write_nodes`]) writes that element's content.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DeclaredText {
    /// Not such an element.
    #[default]
    Own,
    /// The element took the declared value: it is written empty.
    Omitted,
    /// The element's own value: if its text is empty but it is not the empty element (an empty
    /// list, read from white space), written as a space, since an empty element would read back as
    /// the declared value.
    NotEmpty,
}

impl XmlWriter {
    /// A compact writer: no whitespace is added.
    pub fn new() -> Self {
        XmlWriter::default()
    }

    /// A writer that indents element-only content by two spaces per level.
    pub fn pretty() -> Self {
        XmlWriter { indent: Some("  "), ..XmlWriter::default() }
    }

    /// The document written, or the first thing in it that XML cannot hold: a character XML has no
    /// form for (U+0000, most controls and U+FFFE/U+FFFF; see [`ErrorKind::UnwritableChar`]), a
    /// hand-built name that is not an XML name, or a prolog that cannot be written as given. The
    /// writer never puts out XML that is not well-formed; the error names the element's path.
    pub fn finish(mut self) -> Result<String, Error> {
        self.close_tag();
        match self.error {
            Some(error) => Err(error),
            None => Ok(self.out),
        }
    }

    /// Records `kind` as the writer's error unless it already has one, at the open element's path.
    #[cold]
    fn fail(&mut self, kind: ErrorKind) {
        if self.error.is_none() {
            let mut path = String::new();
            for frame in &self.frames {
                path.push('/');
                path.push_str(self.name(frame.name));
            }
            if path.is_empty() {
                path.push('/');
            }
            self.error = Some(Error::new(kind, 0, 0, path));
        }
    }

    /// Whether `name` can be written as a name (an `NCName`); records the error when it cannot.
    /// Only names from values (kept or hand-built content) are checked: generated code writes
    /// names that come from the schema.
    fn writable_name(&mut self, name: &str) -> bool {
        match check_ncname(name) {
            Ok(()) => true,
            Err(e) => {
                self.fail(ErrorKind::UnwritableName { name: name.to_owned(), reason: e.message(name) });
                false
            }
        }
    }

    /// Appends `text` escaped as character data (`attribute: None`) or as the value of `attribute`.
    #[inline]
    fn escape(&mut self, text: &str, attribute: Option<&str>) {
        if let Err(ch) = self.escape_or_char(text, attribute.is_some()) {
            self.unwritable_char(ch, attribute.map(str::to_owned));
        }
    }

    /// Appends `text` escaped; the first character XML cannot hold stops it and is returned.
    #[inline]
    fn escape_or_char(&mut self, text: &str, attribute: bool) -> Result<(), char> {
        match (self.xml11, attribute) {
            (false, false) => escape_text(&mut self.out, text),
            (false, true) => escape_attribute(&mut self.out, text),
            (true, _) => escape_xml11(&mut self.out, text, attribute),
        }
    }

    #[cold]
    fn unwritable_char(&mut self, ch: char, attribute: Option<String>) {
        self.fail(ErrorKind::UnwritableChar { ch, attribute, xml11: self.xml11 });
    }

    /// Starts element `{ns}local` in default-namespace style. `local` is written as given, unchecked
    /// (generated code passes names from the schema); names from values go through
    /// [`XmlWriter::start_prefixed`], which checks them.
    pub fn start(&mut self, ns: Option<&str>, local: &str) {
        let ns = ns.unwrap_or("");
        if self.keeping_namespaces {
            return self.start_as_declared(None, ns, local);
        }
        if !ns.is_empty() && matches!(self.next_type, Some((None, _))) {
            // An unprefixed type name means no namespace only where no default namespace is bound.
            self.start_under_default(ns, local, "");
            return self.write_next_type();
        }
        self.open_element(ns, None, local);
        if self.lookup(None).unwrap_or("") != ns {
            self.bind(None, ns);
        }
        self.write_next_type();
    }

    /// Starts element `{ns}local` whose attributes include `kept` (what an attribute wildcard
    /// matched). A kept `xsi:type` with an unprefixed value names its type in the default namespace
    /// it was read under ([`AnyAttributes::xsi_type`]), so the start tag binds that default, and
    /// the element gets a prefix when its own namespace is another.
    pub fn start_keeping(&mut self, ns: Option<&str>, local: &str, kept: &AnyAttributes) {
        if self.keeping_namespaces {
            // The document's declarations give the default namespace the value was read under.
            return self.start_as_declared(None, ns.unwrap_or(""), local);
        }
        match kept.unprefixed_type_default() {
            Some(default) if self.next_type.is_none() => {
                self.start_under_default(ns.unwrap_or(""), local, default)
            }
            _ => self.start(ns, local),
        }
    }

    /// Starts element `{ns}local` with `default` as the default namespace on its start tag:
    /// unprefixed when that is its own namespace, else with a prefix bound in scope to `ns` or a new
    /// one. (An element in no namespace cannot have a prefix; it is written unprefixed.)
    fn start_under_default(&mut self, ns: &str, local: &str, default: &str) {
        if ns == default || ns.is_empty() {
            self.open_element(ns, None, local);
            if self.lookup(None).unwrap_or("") != ns {
                self.bind(None, ns);
            }
            return;
        }
        let bound = self.prefixes_bound_to(ns).next().filter(|p| self.lookup(Some(p)) == Some(ns));
        let prefix = match bound.map(str::to_owned) {
            Some(p) => p,
            None => loop {
                self.generated_prefixes += 1;
                let p = format!("ns{}", self.generated_prefixes);
                if self.lookup(Some(&p)).is_none() {
                    break p;
                }
            },
        };
        self.open_element(ns, Some(&prefix), local);
        self.bind(Some(&prefix), ns);
        self.bind(None, default);
    }

    /// Writes the `xsi:type` queued by [`XmlWriter::xsi_type_next`] on the start tag just opened. A
    /// type in no namespace is written unprefixed, so no default namespace may apply there.
    fn write_next_type(&mut self) {
        if let Some((ns, local)) = self.next_type.take() {
            if ns.is_none() {
                self.bind(None, "");
            }
            self.xsi_type(ns.as_deref(), &local);
        }
    }

    /// Starts element `{ns}local` written with `prefix` (as it was read), declaring the prefix if it is
    /// not bound to `ns` in scope. Used for content kept as [`crate::AnyElement`]. A name in the XML
    /// namespace is written with `xml`; a reserved prefix is never declared for another namespace
    /// (the element is written in default-namespace style instead).
    pub fn start_prefixed(&mut self, prefix: Option<&str>, ns: Option<&str>, local: &str) {
        self.writable_name(local);
        if let Some(p) = prefix {
            self.writable_name(p);
        }
        match (prefix, ns) {
            (_, Some(XML_NAMESPACE)) => {
                self.open_element(XML_NAMESPACE, Some("xml"), local);
                self.write_next_type();
            }
            (Some(p), Some(uri))
                if self.keeping_namespaces && !uri.is_empty() && !is_reserved_binding(Some(p), uri) =>
            {
                self.start_as_declared(Some(p), uri, local)
            }
            (Some(p), Some(uri)) if !uri.is_empty() && !is_reserved_binding(Some(p), uri) => {
                self.open_element(uri, Some(p), local);
                if self.lookup(Some(p)) != Some(uri) {
                    self.bind(Some(p), uri);
                }
                self.write_next_type();
            }
            _ => self.start(ns, local),
        }
    }

    /// Writes the document's namespace declarations back on their elements and binds names as the
    /// document did ([`crate::NamespaceDeclaration`]): `declarations` in document order.
    pub(crate) fn keep_namespaces(
        &mut self,
        declarations: impl IntoIterator<Item = crate::NamespaceDeclaration>,
    ) {
        self.declarations.extend(declarations);
        self.keeping_namespaces = true;
    }

    /// The declarations the document made on the next start tag, if it is named `{ns}local`; drops
    /// those of start tags passed.
    fn declarations_of_next(&mut self, ns: &str, local: &str) -> Vec<(Option<String>, String)> {
        let next = self.elements + 1;
        let mut out = Vec::new();
        while let Some(d) = self.declarations.front() {
            if d.element > next {
                break;
            }
            let Some(d) = self.declarations.pop_front() else { break };
            if d.element == next && d.name.0 == ns && d.name.1 == local {
                out.push((d.prefix, d.uri));
            }
        }
        out
    }

    /// Starts element `{ns}local` the way the document bound it: with its declarations, unprefixed
    /// when the default namespace (as declared) is `ns`, else with a prefix bound to `ns` — `prefer`
    /// (the prefix a kept name was read with) if it is, one the tag declares, or the innermost in
    /// scope — and only when none is, with a new binding of `prefer` or a generated prefix. The
    /// default namespace moves only where the document moved it (or for a name in no namespace,
    /// which cannot be prefixed), so unprefixed QNames in content keep their namespace.
    #[inline(never)]
    fn start_as_declared(&mut self, prefer: Option<&str>, ns: &str, local: &str) {
        let mut declared = self.declarations_of_next(ns, local);
        // An `xsi:type` in no namespace is written unprefixed: no default namespace may apply.
        let no_default_needed = matches!(self.next_type, Some((None, _)));
        if no_default_needed {
            declared.retain(|(p, uri)| p.is_some() || uri.is_empty());
        }
        let lookup = |w: &Self, p: Option<&str>| -> Option<String> {
            match declared.iter().find(|(q, _)| q.as_deref() == p) {
                Some((_, uri)) => Some(uri.clone()),
                None => w.lookup(p).map(str::to_owned),
            }
        };
        let default = lookup(self, None).unwrap_or_default();
        let prefix: Option<String> = if ns.is_empty() || (default == ns && !no_default_needed) {
            None
        } else if let Some(p) = prefer.filter(|p| lookup(self, Some(p)).as_deref() == Some(ns)) {
            Some(p.to_owned())
        } else if let Some((Some(p), _)) = declared.iter().find(|(p, uri)| p.is_some() && uri == ns) {
            Some(p.clone())
        } else if let Some(p) = {
            // In a block, so that the iterator's borrow of `self` ends before the branches below.
            let in_scope = self.prefixes_bound_to(ns).find(|p| lookup(self, Some(p)).as_deref() == Some(ns));
            in_scope.map(str::to_owned)
        } {
            Some(p)
        } else {
            let free = |w: &Self, p: &str| {
                lookup(w, Some(p)).is_none() && !declared.iter().any(|(q, _)| q.as_deref() == Some(p))
            };
            match prefer.filter(|p| free(self, p) && !is_reserved_binding(Some(p), ns)) {
                Some(p) => Some(p.to_owned()),
                None => Some(loop {
                    self.generated_prefixes += 1;
                    let p = format!("ns{}", self.generated_prefixes);
                    if free(self, &p) {
                        break p;
                    }
                }),
            }
        };
        self.open_element(ns, prefix.as_deref(), local);
        for (p, uri) in &declared {
            // Not over a binding the tag already has (a schema-location hint's `xsi`): one
            // attribute per name.
            if !self.declared_on_tag(p.as_deref()) {
                self.bind(p.as_deref(), uri);
            }
        }
        match &prefix {
            Some(p) => {
                if self.lookup(Some(p)) != Some(ns) {
                    self.bind(Some(p), ns);
                }
            }
            None => {
                if self.lookup(None).unwrap_or("") != ns {
                    self.bind(None, ns);
                }
            }
        }
        self.write_next_type();
    }

    /// Declares `xmlns:prefix="uri"` (or `xmlns="uri"`) on the open start tag unless that binding is
    /// already in scope. Reserved bindings are never written: `xmlns:xml` with the XML namespace is
    /// in scope by definition (so it is never needed), and any other binding of `xml`, of `xmlns` or of
    /// their namespaces is not allowed in XML (the reader refuses such input). Nor is a declaration
    /// written that XML Namespaces 1.0 forbids or that would change what the tag already says: a
    /// prefix bound to `""` (only the default namespace can be undeclared), a second declaration of
    /// a prefix on one tag, or a new binding for the prefix (or, unprefixed, the default namespace)
    /// the element's name or its attributes are written with.
    pub fn declare(&mut self, prefix: Option<&str>, uri: &str) {
        if prefix.is_some_and(|p| !self.writable_name(p)) {
            return;
        }
        let undeclares_prefix = prefix.is_some() && uri.is_empty();
        if undeclares_prefix || self.declared_on_tag(prefix) || self.tag_uses(prefix) {
            return;
        }
        self.bind(prefix, uri);
    }

    /// Whether the open start tag already declares `prefix`.
    fn declared_on_tag(&self, prefix: Option<&str>) -> bool {
        // The tag's bindings are the last ones, so it declares the prefix if the innermost binding
        // of it is among them.
        let mine = self.frames.last().map_or(0, |f| f.bindings);
        let innermost = match prefix {
            None => self.default,
            Some(p) if self.indexed => self.by_prefix.get(p).copied(),
            Some(_) => return self.bindings[mine..].iter().any(|b| self.prefix_of(b) == prefix),
        };
        innermost.is_some_and(|at| at >= mine)
    }

    /// Whether the open start tag's name or attributes are written with `prefix` (`None`: the name is
    /// unprefixed, so the default namespace gives its namespace).
    fn tag_uses(&self, prefix: Option<&str>) -> bool {
        if !self.tag_open {
            return false;
        }
        match prefix {
            Some(p) => self.element_uses_prefix(p),
            None => self.frames.last().is_some_and(|f| !self.name(f.name).contains(':')),
        }
    }

    /// Writes the declaration unless the binding is reserved or already in scope (the checks of
    /// [`XmlWriter::declare`] that also hold for the bindings the writer chooses itself).
    fn bind(&mut self, prefix: Option<&str>, uri: &str) {
        if is_reserved_binding(prefix, uri)
            || self.lookup(prefix) == Some(uri)
            || (prefix.is_none() && uri.is_empty() && self.lookup(None).is_none())
        {
            return;
        }
        match prefix {
            Some(p) => {
                self.out.push_str(" xmlns:");
                self.out.push_str(p);
            }
            None => self.out.push_str(" xmlns"),
        }
        self.out.push_str("=\"");
        if let Err(ch) = self.escape_or_char(uri, true) {
            let attribute = prefix.map_or("xmlns".to_owned(), |p| format!("xmlns:{p}"));
            self.unwritable_char(ch, Some(attribute));
        }
        self.out.push('"');
        let at = self.bindings.len();
        let (outer_of_prefix, outer_of_uri) = match prefix {
            Some(p) if self.indexed => (hide(&mut self.by_prefix, p, at), hide(&mut self.by_uri, uri, at)),
            _ => (None, None),
        };
        let prefix = prefix.map(|p| self.store(p));
        let uri = self.store(uri);
        if prefix.is_none() {
            self.default = Some(at);
        }
        self.bindings.push(Binding { prefix, uri, outer_of_prefix, outer_of_uri });
        if !self.indexed && self.bindings.len() >= INDEX_BINDINGS_FROM {
            self.index_bindings();
        }
    }

    /// Starts keeping `by_prefix` and `by_uri`, from the bindings in scope.
    #[cold]
    fn index_bindings(&mut self) {
        self.indexed = true;
        let names = &self.names;
        for (at, b) in self.bindings.iter_mut().enumerate() {
            if let Some(p) = b.prefix {
                b.outer_of_prefix = hide(&mut self.by_prefix, &names[p.0 as usize..p.1 as usize], at);
                b.outer_of_uri = hide(&mut self.by_uri, &names[b.uri.0 as usize..b.uri.1 as usize], at);
            }
        }
    }

    /// Ends the scope of the bindings from `len` on (before their spans in `names` are dropped).
    fn unbind_to(&mut self, len: usize) {
        if !self.indexed {
            return self.bindings.truncate(len);
        }
        while self.bindings.len() > len {
            let Some(b) = self.bindings.pop() else { break };
            if let Some(p) = b.prefix {
                unhide(&mut self.by_prefix, &self.names[p.0 as usize..p.1 as usize], b.outer_of_prefix);
                unhide(&mut self.by_uri, &self.names[b.uri.0 as usize..b.uri.1 as usize], b.outer_of_uri);
            }
        }
    }

    /// The prefixes bound to `uri` in scope, innermost first (each may be hidden by a later binding
    /// of the prefix to another URI).
    fn prefixes_bound_to<'s>(&'s self, uri: &'s str) -> impl Iterator<Item = &'s str> + 's {
        let first = match self.indexed {
            true => self.by_uri.get(uri).copied(),
            false => self.outer_binding_of(uri, self.bindings.len()),
        };
        let next = move |&at: &usize| match self.indexed {
            true => self.bindings[at].outer_of_uri,
            false => self.outer_binding_of(uri, at),
        };
        std::iter::successors(first, next).filter_map(|at| self.prefix_of(&self.bindings[at]))
    }

    /// The innermost prefixed binding of `uri` before binding `before`, by scanning.
    fn outer_binding_of(&self, uri: &str, before: usize) -> Option<usize> {
        self.bindings[..before].iter().rposition(|b| b.prefix.is_some() && self.name(b.uri) == uri)
    }

    /// Writes an unqualified attribute on the open start tag (unless the tag has one by that name).
    /// `local` is written unchecked, as [`XmlWriter::start`] writes its name; the value is escaped.
    pub fn attr(&mut self, local: &str, value: &str) {
        if !self.first_on_tag("", local) {
            return;
        }
        self.out.push(' ');
        self.out.push_str(local);
        self.out.push_str("=\"");
        self.escape(value, Some(local));
        self.out.push('"');
    }

    /// Writes an unqualified attribute holding a typed value.
    pub fn attr_value<T: XmlValue>(&mut self, local: &str, value: &T) {
        let mut text = std::mem::take(&mut self.scratch);
        text.clear();
        value.write_xml(&mut text);
        self.attr(local, &text);
        self.scratch = text;
    }

    /// Writes attribute `{ns}local`, preferring `prefix` (as it was read) for its namespace. An
    /// attribute in the XML namespace is written `xml:local`; one in the namespace of declarations is
    /// the declaration `xmlns:local="value"`, and `xmlns` in no namespace the declaration
    /// `xmlns="value"` (see [`XmlWriter::declare`]). XML allows an expanded
    /// name once per tag: a repeated one (possible only in values built by hand) is not written.
    pub fn attr_ns(&mut self, prefix: Option<&str>, ns: Option<&str>, local: &str, value: &str) {
        if !self.writable_name(local) || prefix.is_some_and(|p| !self.writable_name(p)) {
            return;
        }
        let Some(uri) = ns.filter(|u| !u.is_empty()) else {
            // `xmlns` in no namespace is no attribute either: it declares the default namespace.
            if local == "xmlns" {
                return self.declare(None, value);
            }
            return self.attr(local, value);
        };
        if uri == XMLNS_NAMESPACE {
            return self.declare(Some(local), value);
        }
        if !self.first_on_tag(uri, local) {
            return;
        }
        let prefix = self.prefix_for_attribute(prefix, uri);
        self.out.push(' ');
        self.out.push_str(&prefix);
        self.out.push(':');
        self.out.push_str(local);
        self.out.push_str("=\"");
        if let Err(ch) = self.escape_or_char(value, true) {
            self.unwritable_char(ch, Some(format!("{prefix}:{local}")));
        }
        self.out.push('"');
        self.tag_prefixes.push(prefix);
    }

    /// Makes sure a prefix for namespace `ns` is bound on the open start tag before its attributes
    /// are written (declaring `prefix`, or another if that one is taken), so that a declaration an
    /// attribute needs comes before all attributes, as it does when the output is read back.
    pub fn declare_for_attribute(&mut self, prefix: Option<&str>, ns: Option<&str>) {
        if prefix.is_some_and(|p| !self.writable_name(p)) {
            return;
        }
        if let Some(uri) = ns.filter(|u| !u.is_empty()) {
            // Taken now, so that a later attribute cannot rebind it on this tag.
            let prefix = self.prefix_for_attribute(prefix, uri);
            self.tag_prefixes.push(prefix);
        }
    }

    /// Writes a document type declaration; call it before the root element (a line end follows it
    /// when indenting).
    pub fn doctype(&mut self, doctype: &crate::Doctype) {
        use std::fmt::Write;
        if let Err(reason) = doctype.check_writable(self.xml11) {
            return self.fail(ErrorKind::UnwritableProlog { reason });
        }
        let _ = write!(self.out, "{doctype}");
        if self.indent.is_some() {
            self.out.push('\n');
        }
    }

    /// Writes an XML declaration stating `version` (before anything else): `1.` and digits. From
    /// `1.1` on, text is written as XML 1.1 allows (references to control characters).
    pub fn xml_declaration(&mut self, version: &str) {
        let digits = version.strip_prefix("1.").unwrap_or_default();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            let reason = format!("{version:?} is not an XML version (1.0, 1.1, …)");
            return self.fail(ErrorKind::UnwritableProlog { reason });
        }
        self.xml11 = version == "1.1";
        self.out.push_str("<?xml version=\"");
        self.out.push_str(version);
        self.out.push_str("\"?>");
        if self.indent.is_some() {
            self.out.push('\n');
        }
    }

    /// Queues `xsi:local="value"` for the next start tag written.
    pub fn hint_next(&mut self, local: &'static str, value: String) {
        self.hints.push((local, value));
    }

    /// Queues `xsi:{local}` for the `element`th start tag (counted from 1), if that is an element
    /// named `name` (namespace, local name): see [`crate::ElementHint`]. Hints are queued in document
    /// order.
    pub(crate) fn hint_at(
        &mut self,
        element: u32,
        name: (String, String),
        local: &'static str,
        value: String,
    ) {
        self.element_hints.push_back((element, name, local, value));
    }

    /// Queues `xsi:type` naming type `{ns}local` for the next start tag written: for an element whose
    /// type writes the start tag itself (a simple-typed element, a struct). Its prefix is declared
    /// there; a type in no namespace gets an element without a default namespace.
    pub fn xsi_type_next(&mut self, ns: Option<&str>, local: &str) {
        self.next_type = Some((ns.filter(|u| !u.is_empty()).map(str::to_owned), local.to_owned()));
    }

    /// Writes `xsi:type` naming type `{ns}local` on the open start tag, declaring what it needs. The
    /// type is written unprefixed when its namespace is the default one, as Lync does.
    pub fn xsi_type(&mut self, ns: Option<&str>, local: &str) {
        let value: std::borrow::Cow<'_, str> = match ns {
            Some(uri) if self.lookup(None) == Some(uri) => local.into(),
            Some(uri) => {
                let prefix = self.prefix_for_attribute(None, uri);
                let value = format!("{prefix}:{local}");
                self.tag_prefixes.push(prefix);
                value.into()
            }
            None => local.into(),
        };
        self.attr_ns(Some("xsi"), Some(crate::xs::XSI_NAMESPACE), "type", &value);
    }

    /// Writes character data (escaped).
    pub fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.close_tag();
        if let Some(frame) = self.frames.last_mut() {
            frame.has_text = true;
        }
        self.escape(text, None);
    }

    /// Writes a typed value as character data.
    pub fn text_value<T: XmlValue>(&mut self, value: &T) {
        match self.take_declared_text() {
            DeclaredText::Own => {
                self.text_value_written(value);
            }
            DeclaredText::Omitted => {}
            DeclaredText::NotEmpty => {
                if !self.text_value_written(value) && crate::xs::is_white_space_of_empty::<T>() {
                    self.text(" ");
                }
            }
        }
    }

    /// How the element being written writes its text (see [`DeclaredText`]), once.
    pub(crate) fn take_declared_text(&mut self) -> DeclaredText {
        std::mem::take(&mut self.declared_text)
    }

    /// Sets how the next [`XmlWriter::text_value`] writes (see [`DeclaredText`]).
    pub(crate) fn set_declared_text(&mut self, text: DeclaredText) {
        self.declared_text = text;
    }

    /// [`XmlWriter::text_value`], saying whether the value's text was not empty.
    pub(crate) fn text_value_written<T: XmlValue>(&mut self, value: &T) -> bool {
        let mut text = std::mem::take(&mut self.scratch);
        text.clear();
        value.write_xml(&mut text);
        self.text(&text);
        let written = !text.is_empty();
        self.scratch = text;
        written
    }

    /// Ends the innermost element (`<x/>` when it got no content).
    pub fn end(&mut self) {
        let Some(frame) = self.frames.pop() else {
            return;
        };
        if self.tag_open {
            self.out.push_str("/>");
            self.tag_open = false;
        } else {
            if frame.has_elements && !frame.has_text {
                self.newline(self.frames.len());
            }
            self.out.push_str("</");
            self.out.push_str(&self.names[frame.name.0 as usize..frame.name.1 as usize]);
            self.out.push('>');
        }
        self.default = frame.default;
        self.unbind_to(frame.bindings);
        self.names.truncate(frame.names);
    }

    fn open_element(&mut self, ns: &str, prefix: Option<&str>, local: &str) {
        self.close_tag();
        let depth = self.frames.len();
        if let Some(parent) = self.frames.last_mut() {
            parent.has_elements = true;
            if !parent.has_text {
                self.newline(depth);
            }
        }
        self.out.push('<');
        let names = self.names.len();
        if let Some(p) = prefix {
            self.names.push_str(p);
            self.names.push(':');
        }
        self.names.push_str(local);
        self.out.push_str(&self.names[names..]);
        self.frames.push(Frame {
            name: (names as u32, self.names.len() as u32),
            bindings: self.bindings.len(),
            names,
            default: self.default,
            has_text: false,
            has_elements: false,
        });
        self.tag_open = true;
        self.tag_prefixes.clear();
        self.tag_attributes.clear();
        self.tag_attribute_names.clear();
        if !self.tag_attribute_set.is_empty() {
            self.tag_attribute_set.clear();
        }
        for (local, value) in std::mem::take(&mut self.hints) {
            self.attr_ns(Some("xsi"), Some(crate::xs::XSI_NAMESPACE), local, &value);
        }
        self.elements += 1;
        if !self.element_hints.is_empty() {
            self.write_element_hints(ns, local);
        }
    }

    /// Writes the hints queued for this start tag, the `elements`th, if it has their element's name;
    /// drops those of start tags passed.
    #[cold]
    fn write_element_hints(&mut self, ns: &str, local: &str) {
        while let Some((element, name, attribute, value)) = self.element_hints.pop_front() {
            if element > self.elements {
                self.element_hints.push_front((element, name, attribute, value));
                break;
            }
            if element == self.elements && name.0 == ns && name.1 == local {
                self.attr_ns(Some("xsi"), Some(crate::xs::XSI_NAMESPACE), attribute, &value);
            }
        }
    }

    fn close_tag(&mut self) {
        if self.tag_open {
            self.out.push('>');
            self.tag_open = false;
        }
    }

    fn newline(&mut self, depth: usize) {
        if let Some(indent) = self.indent {
            self.out.push('\n');
            for _ in 0..depth {
                self.out.push_str(indent);
            }
        }
    }

    fn store(&mut self, s: &str) -> (u32, u32) {
        let at = self.names.len();
        self.names.push_str(s);
        (at as u32, self.names.len() as u32)
    }

    fn name(&self, span: (u32, u32)) -> &str {
        &self.names[span.0 as usize..span.1 as usize]
    }

    fn prefix_of(&self, b: &Binding) -> Option<&str> {
        b.prefix.map(|p| self.name(p))
    }

    #[inline]
    fn lookup(&self, prefix: Option<&str>) -> Option<&str> {
        match prefix {
            None => return self.default.map(|at| self.name(self.bindings[at].uri)),
            Some("xml") => return Some(XML_NAMESPACE),
            Some("xmlns") => return Some(XMLNS_NAMESPACE),
            Some(_) => {}
        }
        if self.indexed {
            let at = *self.by_prefix.get(prefix?)?;
            return Some(self.name(self.bindings[at].uri));
        }
        self.bindings.iter().rev().find(|b| self.prefix_of(b) == prefix).map(|b| self.name(b.uri))
    }

    /// A prefix bound to `uri` that an attribute of the open element can use, declaring one if needed.
    fn prefix_for_attribute(&mut self, hint: Option<&str>, uri: &str) -> String {
        // Bound by definition, never declared.
        match uri {
            XML_NAMESPACE => return "xml".to_owned(),
            XMLNS_NAMESPACE => return "xmlns".to_owned(),
            _ => {}
        }
        if let Some(p) = hint {
            if self.lookup(Some(p)) == Some(uri) {
                return p.to_owned();
            }
        }
        if let Some(p) = self.prefixes_bound_to(uri).next() {
            if self.lookup(Some(p)) == Some(uri) {
                return p.to_owned();
            }
        }
        let usable = |w: &Self, p: &str| {
            p != "xml" && p != "xmlns" && !w.declared_on_tag(Some(p)) && !w.element_uses_prefix(p)
        };
        let prefix = match hint {
            Some(p) if usable(self, p) => p.to_owned(),
            _ => loop {
                self.generated_prefixes += 1;
                let p = format!("ns{}", self.generated_prefixes);
                if usable(self, &p) && self.lookup(Some(&p)).is_none() {
                    break p;
                }
            },
        };
        self.bind(Some(&prefix), uri);
        prefix
    }

    /// Records attribute `{ns}local` on the open start tag; `false` if the tag already has it.
    fn first_on_tag(&mut self, ns: &str, local: &str) -> bool {
        if self.tag_attributes.len() >= PAIRWISE_LIMIT {
            return self.first_in_set(ns, local);
        }
        // Local names first, as `NameKey`s: they tell most names of a tag apart without `memcmp`.
        let (key, names) = (NameKey(local.as_bytes()), self.tag_attribute_names.as_bytes());
        let mut start = 0;
        for &(ns_end, end) in &self.tag_attributes {
            let (ns_end, end) = (ns_end as usize, end as usize);
            if NameKey(&names[ns_end..end]) == key && &names[start..ns_end] == ns.as_bytes() {
                return false;
            }
            start = end;
        }
        self.tag_attribute_names.push_str(ns);
        let ns_end = self.tag_attribute_names.len() as u32;
        self.tag_attribute_names.push_str(local);
        self.tag_attributes.push((ns_end, self.tag_attribute_names.len() as u32));
        true
    }

    /// [`XmlWriter::first_on_tag`] for a tag with many attributes: the names go into a set, the
    /// first [`PAIRWISE_LIMIT`] when the next one comes.
    #[cold]
    fn first_in_set(&mut self, ns: &str, local: &str) -> bool {
        if self.tag_attribute_set.is_empty() {
            let names = &self.tag_attribute_names;
            let mut start = 0;
            for &(ns_end, end) in &self.tag_attributes {
                let (ns_end, end) = (ns_end as usize, end as usize);
                self.tag_attribute_set.insert((names[start..ns_end].into(), names[ns_end..end].into()));
                start = end;
            }
        }
        self.tag_attribute_set.insert((ns.into(), local.into()))
    }

    fn element_uses_prefix(&self, prefix: &str) -> bool {
        if self.tag_prefixes.iter().any(|p| p == prefix) {
            return true;
        }
        let Some(frame) = self.frames.last() else {
            return false;
        };
        let name = &self.names.as_bytes()[frame.name.0 as usize..frame.name.1 as usize];
        name.len() > prefix.len() && name.starts_with(prefix.as_bytes()) && name[prefix.len()] == b':'
    }
}

/// From this many bindings in scope, the writer looks prefixes and URIs up in hash maps instead of
/// scanning the bindings ([`XmlWriter::indexed`]).
const INDEX_BINDINGS_FROM: usize = 32;

/// Makes binding `at` the innermost of `key` in `map` (a prefix or a URI); returns the one it hides.
fn hide(map: &mut HashMap<Box<str>, usize>, key: &str, at: usize) -> Option<usize> {
    match map.get_mut(key) {
        Some(innermost) => Some(std::mem::replace(innermost, at)),
        None => {
            map.insert(key.into(), at);
            None
        }
    }
}

/// Undoes [`hide`] when a binding goes out of scope: `outer` is innermost again.
fn unhide(map: &mut HashMap<Box<str>, usize>, key: &str, outer: Option<usize>) {
    match (outer, map.get_mut(key)) {
        (Some(outer), Some(innermost)) => *innermost = outer,
        _ => {
            map.remove(key);
        }
    }
}

/// Bytes that need escaping: bit 0 in text content, bit 1 in attribute values; [`UNWRITABLE`] for
/// bytes that may start a character XML 1.0 cannot hold.
static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    table[b'&' as usize] = 3;
    table[b'<' as usize] = 3;
    table[b'>' as usize] = 1;
    table[b'\r' as usize] = 3;
    table[b'"' as usize] = 2;
    table[b'\t' as usize] = 2;
    table[b'\n' as usize] = 2;
    // XML 1.0 has no form for the other controls, not even a reference.
    let mut b = 0;
    while b < 0x20 {
        if !matches!(b, 0x09 | 0x0A | 0x0D) {
            table[b] = UNWRITABLE;
        }
        b += 1;
    }
    // The lead byte of U+FFFE and U+FFFF (and of the rest of U+F000–U+FFFF, which is fine).
    table[0xEF] = UNWRITABLE;
    table
};

/// The [`ESCAPE`] class of bytes that [`unwritable_at`] looks at.
const UNWRITABLE: u8 = 4;

/// The character at byte `at` of `text` if XML 1.0 cannot hold it in any form: a control other than
/// tab, LF and CR, U+FFFE or U+FFFF (surrogates cannot occur in a `str`).
#[cold]
fn unwritable_at(text: &str, at: usize) -> Option<char> {
    let c = text[at..].chars().next()?;
    (!crate::reader::is_xml_char(c)).then_some(c)
}

/// Appends `text` with the bytes of class `class` replaced by `replace(byte)`, copying the runs
/// between them whole; stops at the first character XML 1.0 cannot hold and returns it. Eight bytes
/// at a time are skipped when none of them can need a closer look.
#[inline]
fn escape_with(out: &mut String, text: &str, class: u8, replace: fn(u8) -> &'static str) -> Result<(), char> {
    let bytes = text.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        i = skip_plain(bytes, i);
        let end = (i + 8).min(bytes.len());
        while i < end {
            let b = bytes[i];
            let found = ESCAPE[b as usize];
            if found & UNWRITABLE != 0 {
                if let Some(c) = unwritable_at(text, i) {
                    out.push_str(&text[run..i]);
                    return Err(c);
                }
            } else if found & class != 0 {
                // Escaped bytes are ASCII, so the runs between them are whole characters.
                out.push_str(&text[run..i]);
                out.push_str(replace(b));
                run = i + 1;
            }
            i += 1;
        }
    }
    out.push_str(&text[run..]);
    Ok(())
}

/// The offset of the first eight-byte word from `from` holding a byte either escape may replace
/// (a control below 0x20, `"`, `&`, `<` or `>`) or 0xEF, or of the last partial word.
#[inline]
fn skip_plain(bytes: &[u8], from: usize) -> usize {
    use crate::swar::{below, equal, word};
    let mut at = from;
    while let Some(v) = word(bytes, at) {
        let candidates = below(v, 0x20)
            | equal(v, b'"')
            | equal(v, b'&')
            | equal(v, b'<')
            | equal(v, b'>')
            | equal(v, 0xEF);
        if candidates != 0 {
            return at;
        }
        at += 8;
    }
    at
}

fn escape_text(out: &mut String, text: &str) -> Result<(), char> {
    escape_with(out, text, 1, |b| match b {
        b'&' => "&amp;",
        b'<' => "&lt;",
        b'>' => "&gt;",
        // A literal CR would be turned into LF by the next reader.
        _ => "&#xD;",
    })
}

fn escape_attribute(out: &mut String, text: &str) -> Result<(), char> {
    escape_with(out, text, 2, |b| match b {
        b'&' => "&amp;",
        b'<' => "&lt;",
        b'"' => "&quot;",
        // Literal tab, LF and CR would be normalised to a space by the next reader.
        b'\t' => "&#x9;",
        b'\n' => "&#xA;",
        _ => "&#xD;",
    })
}

/// Appends `text` escaped for an XML 1.1 document (rare, so a character at a time): there the
/// controls U+0001–U+001F and U+007F–U+009F may appear only as references, and U+0085 and U+2028
/// would be read as line ends if literal. U+0000, U+FFFE and U+FFFF have no form; the first one
/// is returned.
fn escape_xml11(out: &mut String, text: &str, attribute: bool) -> Result<(), char> {
    for c in text.chars() {
        match c {
            '\0' | '\u{FFFE}' | '\u{FFFF}' => return Err(c),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' if !attribute => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\t' | '\n' if !attribute => out.push(c),
            '\u{1}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{2028}' => {
                use std::fmt::Write;
                let _ = write!(out, "&#x{:X};", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_queued_xsi_type_is_written_in_the_elements_own_scope() {
        let mut w = XmlWriter::new();
        w.start(Some("urn:a"), "a");
        // In the element's default namespace: unprefixed.
        w.xsi_type_next(Some("urn:b"), "t");
        w.start(Some("urn:b"), "b");
        w.end();
        // Another namespace: a prefix declared on the element itself.
        w.xsi_type_next(Some("urn:c"), "t");
        w.start(Some("urn:a"), "c");
        w.end();
        // No namespace: the element is prefixed so that no default namespace applies.
        w.xsi_type_next(None, "t");
        w.start(Some("urn:a"), "d");
        w.end();
        w.end();
        let xsi = r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#;
        assert_eq!(
            w.finish().unwrap(),
            format!(
                r#"<a xmlns="urn:a"><b xmlns="urn:b" {xsi} xsi:type="t"/><c xmlns:ns1="urn:c" {xsi} xsi:type="ns1:t"/><ns2:d xmlns:ns2="urn:a" xmlns="" {xsi} xsi:type="t"/></a>"#
            )
        );
    }

    #[test]
    fn default_namespace_declared_only_when_it_changes() {
        let mut w = XmlWriter::new();
        w.start(Some("urn:a"), "a");
        w.start(Some("urn:a"), "b");
        w.end();
        w.start(Some("urn:c"), "c");
        w.end();
        w.start(None, "d");
        w.end();
        w.end();
        assert_eq!(w.finish().unwrap(), r#"<a xmlns="urn:a"><b/><c xmlns="urn:c"/><d xmlns=""/></a>"#);
    }

    #[test]
    fn attributes_in_the_xml_namespace_use_the_predeclared_prefix() {
        let mut w = XmlWriter::new();
        w.start(None, "a");
        w.attr_ns(None, Some("http://www.w3.org/XML/1998/namespace"), "base", "x");
        w.attr_ns(Some("p"), Some("http://www.w3.org/XML/1998/namespace"), "lang", "en");
        w.end();
        assert_eq!(w.finish().unwrap(), r#"<a xml:base="x" xml:lang="en"/>"#);
    }

    #[test]
    fn attribute_prefixes_are_reused_or_declared() {
        let mut w = XmlWriter::new();
        w.start(Some("urn:a"), "a");
        w.attr_ns(Some("x"), Some("urn:x"), "y", "z");
        w.start(Some("urn:a"), "b");
        w.attr_ns(Some("x"), Some("urn:x"), "y", "1");
        w.attr_ns(Some("x"), Some("urn:other"), "y", "2");
        w.end();
        w.end();
        assert_eq!(
            w.finish().unwrap(),
            r#"<a xmlns="urn:a" xmlns:x="urn:x" x:y="z"><b x:y="1" xmlns:ns1="urn:other" ns1:y="2"/></a>"#
        );
    }

    #[test]
    fn bindings_are_looked_up_alike_by_scanning_and_by_hashing() {
        // The same content written under a root with no declarations (bindings scanned) and under
        // one declaring more than `INDEX_BINDINGS_FROM` unrelated prefixes (bindings hashed): prefixes
        // reused, hidden by a rebinding, found again when its scope ends, generated, and chosen
        // for an element in default-namespace style.
        let content = |w: &mut XmlWriter| {
            w.start_prefixed(Some("p"), Some("urn:p"), "a");
            w.attr_ns(Some("p"), Some("urn:p"), "x", "1");
            w.start_prefixed(Some("q"), Some("urn:q"), "b");
            w.declare(Some("p"), "urn:other");
            w.attr_ns(Some("r"), Some("urn:p"), "y", "2");
            w.attr_ns(Some("p"), Some("urn:p"), "z", "3");
            w.end();
            w.start_prefixed(Some("p"), Some("urn:p"), "c");
            w.attr_ns(None, Some("urn:q"), "w", "4");
            w.end();
            w.start_keeping(Some("urn:p"), "d", &AnyAttributes::default());
            w.end();
            w.end();
        };
        let inner = |declarations: usize| {
            let mut w = XmlWriter::new();
            w.start(None, "root");
            for i in 0..declarations {
                w.declare(Some(&format!("u{i}")), &format!("urn:u{i}"));
            }
            w.attr("at", "content");
            content(&mut w);
            w.end();
            let xml = w.finish().unwrap();
            xml[xml.find("at=").unwrap()..].to_owned()
        };
        let scanned = inner(0);
        assert_eq!(inner(INDEX_BINDINGS_FROM + 8), scanned);
        assert_eq!(
            scanned,
            concat!(
                r#"at="content"><p:a xmlns:p="urn:p" p:x="1">"#,
                r#"<q:b xmlns:q="urn:q" xmlns:p="urn:other" xmlns:r="urn:p" r:y="2" r:z="3"/>"#,
                r#"<p:c xmlns:ns1="urn:q" ns1:w="4"/><d xmlns="urn:p"/></p:a></root>"#
            )
        );
    }

    #[test]
    fn reserved_namespaces_are_never_declared() {
        let xml = XML_NAMESPACE;
        let mut w = XmlWriter::new();
        w.start(Some("urn:a"), "a");
        // A typed attribute (no prefix hint), an unknown one read with another prefix, a legal but
        // needless `xmlns:xml`, and bindings XML forbids.
        w.attr_ns(None, Some(xml), "lang", "en");
        w.declare(Some("xml"), xml);
        w.declare(Some("p"), xml);
        w.declare(Some("xmlns"), "urn:x");
        w.declare(None, XMLNS_NAMESPACE);
        w.start_prefixed(Some("p"), Some(xml), "b");
        w.attr_ns(Some("p"), Some(xml), "space", "preserve");
        w.xsi_type(Some(xml), "t");
        w.end();
        w.start_prefixed(Some("xml"), Some("urn:other"), "c");
        w.end();
        w.end();
        assert_eq!(
            w.finish().unwrap(),
            "<a xmlns=\"urn:a\" xml:lang=\"en\"><xml:b xml:space=\"preserve\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"xml:t\"/>\
             <c xmlns=\"urn:other\"/></a>"
        );
    }

    #[test]
    fn declarations_never_contradict_the_tag_or_repeat_on_it() {
        // Found by fuzzing `AnyElement` writing: each of these was written and made the output
        // ill-formed (`xmlns:p=""`, two `xmlns` on one tag) or moved a name to another namespace.
        let mut w = XmlWriter::new();
        w.start(Some("urn:a"), "a");
        w.declare(Some("p"), ""); // XML Namespaces 1.0 cannot undeclare a prefix
        w.declare(None, "urn:other"); // the unprefixed name `a` is in urn:a
        w.declare(None, "");
        w.declare(Some("q"), "urn:q");
        w.declare(Some("q"), "urn:r"); // declared on this tag already
        w.start_prefixed(Some("q"), Some("urn:q"), "b");
        w.declare(Some("q"), "urn:x"); // the name `q:b` needs q = urn:q
        w.attr_ns(Some("r"), Some("urn:r"), "c", "1");
        w.declare(Some("r"), "urn:y"); // so does the attribute `r:c`
        w.end();
        w.start_prefixed(Some("e"), Some(""), "d"); // no namespace: unprefixed
        w.end();
        w.end();
        assert_eq!(
            w.finish().unwrap(),
            r#"<a xmlns="urn:a" xmlns:q="urn:q"><q:b xmlns:r="urn:r" r:c="1"/><d xmlns=""/></a>"#
        );
    }

    #[test]
    fn attributes_that_are_declarations_are_written_as_checked_declarations() {
        let mut w = XmlWriter::new();
        w.start_prefixed(Some("p"), Some("urn:p"), "a");
        w.attr_ns(None, None, "xmlns", "urn:d");
        w.attr_ns(None, Some(XMLNS_NAMESPACE), "q", "urn:q");
        w.attr_ns(None, Some(XMLNS_NAMESPACE), "p", "urn:other"); // `p:a` needs p = urn:p
        w.start(None, "b");
        w.attr_ns(Some("x"), Some(""), "xmlns", "urn:e"); // the unprefixed name `b` is in no namespace
        w.end();
        w.end();
        assert_eq!(
            w.finish().unwrap(),
            r#"<p:a xmlns:p="urn:p" xmlns="urn:d" xmlns:q="urn:q"><b xmlns=""/></p:a>"#
        );
    }

    #[test]
    fn a_prefix_chosen_ahead_for_an_attribute_is_not_rebound_by_a_later_one() {
        // Fuzz finding: `q:x` in urn:a reused the ancestor's `a`; declaring ahead for `a:y` in
        // urn:b then rebound `a`, so `q` was declared between the attributes, and moved ahead of
        // them when the output was read and written again.
        let mut w = XmlWriter::new();
        w.start_prefixed(Some("a"), Some("urn:a"), "root");
        w.start_prefixed(Some("c"), Some("urn:c"), "e");
        w.declare_for_attribute(Some("q"), Some("urn:a"));
        w.declare_for_attribute(Some("a"), Some("urn:b"));
        w.attr_ns(Some("q"), Some("urn:a"), "x", "1");
        w.attr_ns(Some("a"), Some("urn:b"), "y", "2");
        w.end();
        w.end();
        assert_eq!(
            w.finish().unwrap(),
            r#"<a:root xmlns:a="urn:a"><c:e xmlns:c="urn:c" xmlns:ns1="urn:b" a:x="1" ns1:y="2"/></a:root>"#
        );
    }

    #[test]
    fn an_expanded_name_is_written_once_per_tag() {
        let mut w = XmlWriter::new();
        w.start(Some("urn:a"), "a");
        w.attr("x", "1");
        w.attr_ns(None, None, "x", "2");
        w.attr_ns(Some("p"), Some("urn:p"), "y", "3");
        w.attr_ns(Some("q"), Some("urn:p"), "y", "4");
        w.attr_ns(Some("p"), Some("urn:other"), "y", "5");
        // The same local name in a namespace as long as `urn:p`: told apart by the namespace.
        w.attr_ns(Some("r"), Some("urn:r"), "y", "6");
        w.start(Some("urn:a"), "b");
        w.attr("x", "7");
        w.end();
        w.end();
        assert_eq!(
            w.finish().unwrap(),
            r#"<a xmlns="urn:a" x="1" xmlns:p="urn:p" p:y="3" xmlns:ns1="urn:other" ns1:y="5" xmlns:r="urn:r" r:y="6"><b x="7"/></a>"#
        );
    }

    #[test]
    fn a_tag_with_many_attributes_writes_each_name_once() {
        // Below, at and past the count where names go into a set: a repeat of the first name, of
        // the last before the set, and of one after it; a namespaced name beside a plain one.
        for count in [15, 16, 17, 40] {
            let mut w = XmlWriter::new();
            w.start(None, "e");
            for i in 0..count {
                w.attr(&format!("a{i}"), "x");
            }
            w.attr("a0", "again");
            w.attr(&format!("a{}", count.min(16) - 1), "again");
            w.attr(&format!("a{}", count - 1), "again");
            w.attr_ns(Some("p"), Some("urn:p"), "a0", "y");
            w.attr_ns(Some("q"), Some("urn:p"), "a0", "again");
            w.end();
            let expected: String = (0..count).map(|i| format!(" a{i}=\"x\"")).collect();
            assert_eq!(
                w.finish().unwrap(),
                format!(r#"<e{expected} xmlns:p="urn:p" p:a0="y"/>"#),
                "{count} attributes"
            );
        }
    }

    #[test]
    fn escaping_agrees_with_a_character_by_character_reference() {
        // What each escape writes, or the first character XML 1.0 has no form for.
        let reference = |text: &str, attribute: bool| -> Result<String, char> {
            text.chars()
                .map(|c| match c {
                    '&' => Ok("&amp;".to_owned()),
                    '<' => Ok("&lt;".to_owned()),
                    '>' if !attribute => Ok("&gt;".to_owned()),
                    '"' if attribute => Ok("&quot;".to_owned()),
                    '\t' if attribute => Ok("&#x9;".to_owned()),
                    '\n' if attribute => Ok("&#xA;".to_owned()),
                    '\r' => Ok("&#xD;".to_owned()),
                    '\0'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => {
                        Err(c)
                    }
                    c => Ok(c.to_string()),
                })
                .collect()
        };
        // U+F000–U+FFFD share the lead byte 0xEF with the two non-characters.
        let pieces = [
            "plain",
            "é",
            "&",
            "<",
            ">",
            "\"",
            "\t",
            "\n",
            "\r",
            "0123456789abcdef",
            "'",
            "\u{FF21}",
            "\u{FFFD}",
            "\u{F000}",
            "\u{FFBF}",
        ];
        let unwritable = ["\0", "\u{1}", "\u{1F}", "\u{FFFE}", "\u{FFFF}"];
        for len in 0..40 {
            for offset in 0..pieces.len() {
                let mut text: String = (0..len).map(|i| pieces[(i * 7 + offset) % pieces.len()]).collect();
                if offset % 3 == 0 && len > 0 {
                    // One character without a form, somewhere in the text.
                    let at = text.char_indices().nth((len * 5) % text.chars().count()).map_or(0, |(i, _)| i);
                    text.insert_str(at, unwritable[(len + offset) % unwritable.len()]);
                }
                let (mut text_out, mut attr_out) = (String::new(), String::new());
                let text_result = escape_text(&mut text_out, &text).map(|()| text_out);
                let attr_result = escape_attribute(&mut attr_out, &text).map(|()| attr_out);
                assert_eq!(text_result, reference(&text, false), "{text:?}");
                assert_eq!(attr_result, reference(&text, true), "{text:?}");
            }
        }
    }

    #[test]
    fn what_xml_cannot_hold_is_an_error_naming_the_element() {
        let mut w = XmlWriter::new();
        w.start(Some("urn:a"), "a");
        w.start(Some("urn:a"), "b");
        w.text("ok\u{1}");
        w.end();
        w.end();
        let e = w.finish().unwrap_err();
        assert_eq!(e.path(), "/a/b");
        assert_eq!(e.kind(), &ErrorKind::UnwritableChar { ch: '\u{1}', attribute: None, xml11: false });
        assert_eq!(
            e.to_string(),
            "/a/b: cannot write U+0001 in character data: XML 1.0 has no form for it, not even a character reference"
        );

        // In an attribute; the first error is the one kept.
        let mut w = XmlWriter::new();
        w.start(None, "a");
        w.attr_ns(Some("p"), Some("urn:p"), "x", "\u{FFFF}");
        w.attr("y", "\0");
        w.end();
        let e = w.finish().unwrap_err();
        assert_eq!(e.path(), "/a");
        let kind = ErrorKind::UnwritableChar { ch: '\u{FFFF}', attribute: Some("p:x".into()), xml11: false };
        assert_eq!(e.kind(), &kind);

        // In a namespace declaration.
        let mut w = XmlWriter::new();
        w.start(None, "a");
        w.declare(Some("p"), "urn:\u{2}");
        w.end();
        let kind = ErrorKind::UnwritableChar { ch: '\u{2}', attribute: Some("xmlns:p".into()), xml11: false };
        assert_eq!(w.finish().unwrap_err().kind(), &kind);
    }

    #[test]
    fn names_from_values_must_be_names() {
        type Write = fn(&mut XmlWriter);
        let cases: [(&str, Write); 6] = [
            ("a b", |w| w.start_prefixed(None, Some("urn:a"), "a b")),
            ("1p", |w| w.start_prefixed(Some("1p"), Some("urn:a"), "a")),
            ("x>", |w| w.attr_ns(None, None, "x>", "v")),
            ("p:q", |w| w.attr_ns(Some("p:q"), Some("urn:p"), "x", "v")),
            ("", |w| w.declare(Some(""), "urn:p")),
            ("p q", |w| w.declare_for_attribute(Some("p q"), Some("urn:p"))),
        ];
        for (name, write) in cases {
            let mut w = XmlWriter::new();
            w.start(None, "root");
            write(&mut w);
            w.end();
            let e = w.finish().unwrap_err();
            assert!(
                matches!(e.kind(), ErrorKind::UnwritableName { name: n, .. } if n == name),
                "{name:?}: {e:?}"
            );
        }
    }

    #[test]
    fn xml_1_1_writes_controls_as_references() {
        let mut w = XmlWriter::new();
        w.xml_declaration("1.1");
        w.start(None, "a");
        w.attr("x", "\u{1}\t\u{85}");
        w.text("\u{1F}\u{7F}\u{9F}\u{2028}\t\né<");
        w.end();
        assert_eq!(
            w.finish().unwrap(),
            r#"<?xml version="1.1"?><a x="&#x1;&#x9;&#x85;">&#x1F;&#x7F;&#x9F;&#x2028;"#.to_owned()
                + "\t\né&lt;</a>"
        );
        // U+0000 has no form in XML 1.1 either.
        let mut w = XmlWriter::new();
        w.xml_declaration("1.1");
        w.start(None, "a");
        w.text("\0");
        w.end();
        let e = w.finish().unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::UnwritableChar { ch: '\0', attribute: None, xml11: true });
    }

    #[test]
    fn a_prolog_is_written_only_as_xml_allows() {
        for version in ["1.0", "1.1", "1.10"] {
            let mut w = XmlWriter::new();
            w.xml_declaration(version);
            assert!(w.finish().is_ok(), "{version}");
        }
        for version in ["", "1", "1.", "2.0", "1.0\"?><x", "1.x"] {
            let mut w = XmlWriter::new();
            w.xml_declaration(version);
            assert!(
                matches!(w.finish().unwrap_err().kind(), ErrorKind::UnwritableProlog { .. }),
                "{version:?}"
            );
        }
        let doctype = |name: &str, public: Option<&str>, system: Option<&str>| crate::Doctype {
            name: name.into(),
            public_id: public.map(Into::into),
            system_id: system.map(Into::into),
            internal_subset: None,
        };
        let good = [
            doctype("a", None, None),
            doctype("p:a", Some("-//X//EN"), Some("a'b")),
            doctype("a", None, Some("\"")),
        ];
        for d in good {
            let mut w = XmlWriter::new();
            w.doctype(&d);
            assert!(w.finish().is_ok(), "{d:?}");
        }
        let bad = [
            doctype("a>", None, None),
            doctype("", None, None),
            doctype("a", Some("{"), Some("s")),
            doctype("a", None, Some("'\"")),
            doctype("a", None, Some("<")),
            doctype("a", None, Some("\u{1}")),
        ];
        for d in bad {
            let mut w = XmlWriter::new();
            w.doctype(&d);
            assert!(matches!(w.finish().unwrap_err().kind(), ErrorKind::UnwritableProlog { .. }), "{d:?}");
        }
        // U+0080 is a character like others in 1.0; in 1.1 only a reference, which no literal holds.
        let d = crate::Doctype {
            internal_subset: Some("<!-- \u{80} -->".into()),
            ..doctype("a", None, Some("\u{80}"))
        };
        for (version, writable) in [("1.0", true), ("1.1", false)] {
            let mut w = XmlWriter::new();
            w.xml_declaration(version);
            w.doctype(&d);
            assert_eq!(w.finish().is_ok(), writable, "{version}");
            let d = crate::Doctype { system_id: None, ..d.clone() };
            let mut w = XmlWriter::new();
            w.xml_declaration(version);
            w.doctype(&d);
            assert_eq!(w.finish().is_ok(), writable, "{version}, subset");
        }
    }

    #[test]
    fn pretty_indents_element_only_content() {
        let mut w = XmlWriter::pretty();
        w.start(Some("urn:a"), "a");
        w.start(Some("urn:a"), "b");
        w.text("t\r\n");
        w.end();
        w.end();
        assert_eq!(w.finish().unwrap(), "<a xmlns=\"urn:a\">\n  <b>t&#xD;\n</b>\n</a>");
    }
}
