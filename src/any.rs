//! Content no schema describes — elements matched by `xs:any`, attributes matched by
//! `xs:anyAttribute` — kept with everything needed to write it back: names with their namespaces and
//! prefixes, the namespace declarations written on each element, attributes, text and child order.

use crate::error::Error;
use crate::reader::{Content, Start, XmlReader};
use crate::writer::{DeclaredText, XmlWriter};
use crate::{XmlRead, XmlWrite};

mod deep;

/// An expanded name plus the prefix it was written with (kept so output looks like input).
/// Equality and hashing are by expanded name: the prefix only says how the name was written, and the
/// writer may write it with another prefix bound to the same namespace.
#[derive(Debug, Clone, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct XmlName {
    /// The namespace URI; `None` for no namespace.
    pub namespace: Option<String>,
    /// The prefix as written; `None` for an unprefixed name.
    pub prefix: Option<String>,
    /// The local name.
    pub local: String,
}

impl PartialEq for XmlName {
    fn eq(&self, other: &Self) -> bool {
        self.namespace == other.namespace && self.local == other.local
    }
}

impl Eq for XmlName {}

impl std::hash::Hash for XmlName {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.namespace.hash(state);
        self.local.hash(state);
    }
}

impl XmlName {
    /// A name in `namespace` with no prefix.
    pub fn new(namespace: Option<&str>, local: &str) -> Self {
        XmlName { namespace: namespace.map(str::to_owned), prefix: None, local: local.to_owned() }
    }

    /// Whether this is `{namespace}local`.
    pub fn is(&self, namespace: Option<&str>, local: &str) -> bool {
        self.namespace.as_deref() == namespace && self.local == local
    }
}

/// An attribute kept as read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AnyAttribute {
    /// Its name.
    pub name: XmlName,
    /// Its value (normalised and unescaped).
    pub value: String,
}

/// The attributes an `xs:anyAttribute` wildcard matched, in document order.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct AnyAttributes(pub Vec<AnyAttribute>);

impl AnyAttributes {
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The value of `{namespace}local`, if present.
    pub fn get(&self, namespace: Option<&str>, local: &str) -> Option<&str> {
        self.0.iter().find(|a| a.name.is(namespace, local)).map(|a| a.value.as_str())
    }

    /// Sets `{namespace}local` (written with `prefix`), replacing an existing value.
    pub fn set(&mut self, namespace: Option<&str>, prefix: Option<&str>, local: &str, value: &str) {
        match self.0.iter_mut().find(|a| a.name.is(namespace, local)) {
            Some(a) => a.value = value.to_owned(),
            None => self.0.push(AnyAttribute {
                name: XmlName {
                    namespace: namespace.map(str::to_owned),
                    prefix: prefix.map(str::to_owned),
                    local: local.to_owned(),
                },
                value: value.to_owned(),
            }),
        }
    }

    /// Iterates over the attributes.
    pub fn iter(&self) -> std::slice::Iter<'_, AnyAttribute> {
        self.0.iter()
    }

    /// Keeps an attribute the reader reported (generated code, through `__private`). An `xsi:type` is
    /// kept with the binding its value resolves in, as the declaration it was, just before it: for
    /// `p:name` the attribute `xmlns:p` (in the namespace of declarations, which
    /// [`XmlWriter::attr_ns`] writes as `xmlns:p`), for an unprefixed name `xmlns` with the default
    /// namespace in scope (empty for none). Typed elements keep no declarations of their own, so
    /// without it the value would name a type in whatever the prefix or the default namespace means
    /// where it is written.
    pub(crate) fn keep(&mut self, attr: &crate::reader::Attr<'_>) {
        if let Some(uri) = attr.type_ns {
            let name = match crate::xs::trim_xml(&attr.value).split_once(':') {
                Some((prefix, _)) => XmlName {
                    namespace: Some(crate::writer::XMLNS_NAMESPACE.to_owned()),
                    prefix: Some("xmlns".to_owned()),
                    local: prefix.to_owned(),
                },
                None => XmlName::new(None, "xmlns"),
            };
            self.0.push(AnyAttribute { name, value: owned(uri) });
        }
        self.0.push(AnyAttribute { name: attr_name(attr), value: attr.value.clone().into_owned() });
    }

    /// The type a kept `xsi:type` names, as `(namespace, local name)`: its value resolved by the
    /// declaration kept just before it (see how the reader keeps it, above). `None` when there is no
    /// `xsi:type`, or it has no such declaration.
    pub fn xsi_type(&self) -> Option<(Option<&str>, &str)> {
        let (declaration, typed) = self.kept_type()?;
        let value = typed.value.trim_matches(crate::xs::is_xml_whitespace);
        let local = value.split_once(':').map_or(value, |(_, local)| local);
        Some((Some(declaration.value.as_str()).filter(|uri| !uri.is_empty()), local))
    }

    /// For a kept `xsi:type` with an unprefixed value: the default namespace it resolves in (`""`
    /// for none), which the start tag must bind.
    pub(crate) fn unprefixed_type_default(&self) -> Option<&str> {
        let (declaration, _) = self.kept_type()?;
        declaration.name.is(None, "xmlns").then_some(declaration.value.as_str())
    }

    /// The kept `xsi:type` and the declaration before it that its value resolves in.
    fn kept_type(&self) -> Option<(&AnyAttribute, &AnyAttribute)> {
        let at = self.0.iter().position(|a| a.name.is(Some(crate::xs::XSI_NAMESPACE), "type"))?;
        let (declaration, typed) = (self.0.get(at.checked_sub(1)?)?, &self.0[at]);
        let declares = match typed.value.trim_matches(crate::xs::is_xml_whitespace).split_once(':') {
            Some((prefix, _)) => declaration.name.is(Some(crate::writer::XMLNS_NAMESPACE), prefix),
            None => declaration.name.is(None, "xmlns"),
        };
        declares.then_some((declaration, typed))
    }

    /// Writes them on the open start tag.
    pub fn write(&self, w: &mut XmlWriter) {
        for a in &self.0 {
            w.attr_ns(a.name.prefix.as_deref(), a.name.namespace.as_deref(), &a.name.local, &a.value);
        }
    }
}

/// An element kept whole. Equality compares what the element says — names, attributes, content —
/// not the namespace declarations it was written with (those only affect how it looks).
///
/// A tree can be as deep as the reader's `max_depth` allows, so dropping, cloning, comparing and
/// hashing walk it with a heap stack instead of recursing (see `any/deep.rs`); `Debug` stops after a
/// fixed depth.
#[derive(Default)]
pub struct AnyElement {
    /// Its name.
    pub name: XmlName,
    /// The namespace declarations written on it, `(prefix, uri)`; re-declared on output.
    pub namespaces: Vec<(Option<String>, String)>,
    /// Its attributes, in document order. Written as XML allows: an expanded name once (the first),
    /// and an attribute in the namespace of declarations (`{http://www.w3.org/2000/xmlns/}p`) or an
    /// `xmlns` in no namespace as the declaration it is, unless it contradicts the element's name.
    pub attributes: Vec<AnyAttribute>,
    /// Its content in document order (text, including whitespace, is kept as read).
    pub children: Vec<AnyNode>,
}

/// A piece of [`AnyElement`] content.
#[derive(Clone, PartialEq, Eq, Hash)]
pub enum AnyNode {
    /// A child element.
    Element(AnyElement),
    /// Character data.
    Text(String),
}

impl AnyElement {
    /// An empty element `{namespace}local`.
    pub fn new(namespace: Option<&str>, local: &str) -> Self {
        AnyElement {
            name: XmlName::new(namespace, local),
            namespaces: Vec::new(),
            attributes: Vec::new(),
            children: Vec::new(),
        }
    }

    /// The concatenated text of its direct text children.
    pub fn text(&self) -> String {
        self.children
            .iter()
            .filter_map(|c| match c {
                AnyNode::Text(t) => Some(t.as_str()),
                AnyNode::Element(_) => None,
            })
            .collect()
    }

    /// Its child elements.
    pub fn elements(&self) -> impl Iterator<Item = &AnyElement> {
        self.children.iter().filter_map(|c| match c {
            AnyNode::Element(e) => Some(e),
            AnyNode::Text(_) => None,
        })
    }

    /// Writes it with its own name (its declarations, prefix, attributes and content).
    pub fn write(&self, w: &mut XmlWriter) {
        self.write_as(w, &self.name);
    }

    /// Writes it under `name` (its declarations, attributes and content).
    fn write_as(&self, w: &mut XmlWriter, name: &XmlName) {
        // Iterative, so a deep tree cannot overflow the stack.
        let mut stack: Vec<std::slice::Iter<'_, AnyNode>> = Vec::new();
        open(w, name, self);
        stack.push(self.children.iter());
        while let Some(children) = stack.last_mut() {
            match children.next() {
                Some(AnyNode::Text(t)) => w.text(t),
                Some(AnyNode::Element(e)) => {
                    open(w, &e.name, e);
                    stack.push(e.children.iter());
                }
                None => {
                    w.end();
                    stack.pop();
                }
            }
        }
    }
}

fn open(w: &mut XmlWriter, name: &XmlName, e: &AnyElement) {
    w.start_prefixed(name.prefix.as_deref(), name.namespace.as_deref(), &name.local);
    for (prefix, uri) in &e.namespaces {
        w.declare(prefix.as_deref(), uri);
    }
    // Declarations the attributes need go before them all, and so do attributes that are
    // declarations: written between attributes, they would move ahead of them when the output is
    // read and written again (writing must be idempotent).
    for a in &e.attributes {
        match declared_prefix(&a.name) {
            Some(prefix) => w.declare(prefix, &a.value),
            None => w.declare_for_attribute(a.name.prefix.as_deref(), a.name.namespace.as_deref()),
        }
    }
    for a in &e.attributes {
        w.attr_ns(a.name.prefix.as_deref(), a.name.namespace.as_deref(), &a.name.local, &a.value);
    }
}

/// For an attribute name that is a namespace declaration, the prefix it declares (`Some(None)` for
/// the default namespace): `{http://www.w3.org/2000/xmlns/}p`, or `xmlns` in no namespace.
fn declared_prefix(name: &XmlName) -> Option<Option<&str>> {
    match name.namespace.as_deref() {
        Some(crate::writer::XMLNS_NAMESPACE) => Some(Some(&name.local)),
        None | Some("") if name.local == "xmlns" => Some(None),
        _ => None,
    }
}

fn attr_name(attr: &crate::reader::Attr<'_>) -> XmlName {
    XmlName { namespace: attr.ns.map(owned), prefix: attr.prefix.map(owned), local: owned(attr.local) }
}

/// A name or URI the reader reported, as a `String` (they are slices of a `&str`, so the lossy
/// conversion is only a safety net).
#[inline]
fn owned(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// Builds the element `start` opened, without its content.
fn shell(r: &XmlReader<'_>, start: &Start<'_>) -> Result<AnyElement, Error> {
    let ns = r.namespace_of(start);
    let mut element = AnyElement {
        name: XmlName {
            namespace: (!ns.is_empty()).then(|| owned(ns)),
            prefix: start.prefix().map(owned),
            local: owned(start.local_name()),
        },
        namespaces: r.namespace_declarations(start)?,
        attributes: Vec::new(),
        children: Vec::new(),
    };
    // An `xsi:type` value names its type with a prefix, or the default namespace, that may be
    // declared on an ancestor, which is not written with this element: declare here the binding the
    // reader resolved it in (`Attr::type_ns`; an undeclared default as `xmlns=""`).
    let mut bindings: Vec<(Option<String>, String)> = Vec::new();
    r.attributes(start, |a| {
        if let Some(uri) = a.type_ns {
            let value = a.value.trim_matches(crate::xs::is_xml_whitespace);
            bindings.push((value.split_once(':').map(|(p, _)| p.to_owned()), owned(uri)));
        }
        element.attributes.push(AnyAttribute { name: attr_name(a), value: a.value.clone().into_owned() });
        Ok(())
    })?;
    for (prefix, uri) in bindings {
        if !element.namespaces.iter().any(|(p, _)| *p == prefix) {
            element.namespaces.push((prefix, uri));
        }
    }
    Ok(element)
}

/// Reads the content of the current element as text and elements (mixed or wildcard content). Its
/// child elements are content no type read (see [`crate::roundtrip::Report::untyped`]).
pub fn read_nodes(r: &mut XmlReader<'_>) -> Result<Vec<AnyNode>, Error> {
    let nodes = read_children(r, true)?;
    // An empty element of a mixed type declared with a value holds that text.
    if nodes.is_empty() {
        if let Some(declared) = r.take_declared_text() {
            return Ok(vec![AnyNode::Text(declared.to_owned())]);
        }
    } else if r.checks_fixed_content() {
        let text =
            nodes.iter().filter_map(|n| if let AnyNode::Text(t) = n { Some(t.as_str()) } else { None });
        let children = nodes.iter().any(|n| matches!(n, AnyNode::Element(_)));
        r.note_mixed_content(text.collect(), children);
    }
    Ok(nodes)
}

/// [`read_nodes`]; `untyped`: note the child elements as untyped (not for the children of an
/// element already noted).
fn read_children(r: &mut XmlReader<'_>, untyped: bool) -> Result<Vec<AnyNode>, Error> {
    // Iterative: `stack` holds the elements being filled, innermost last.
    let mut stack: Vec<AnyElement> = Vec::new();
    let mut top: Vec<AnyNode> = Vec::new();
    loop {
        let content = r.next_content()?;
        let children = match stack.last_mut() {
            Some(e) => &mut e.children,
            None => &mut top,
        };
        match content {
            Content::Text(t) => match children.last_mut() {
                Some(AnyNode::Text(prev)) => prev.push_str(&t),
                _ => children.push(AnyNode::Text(t.into_owned())),
            },
            Content::Start(start) => {
                if untyped && stack.is_empty() {
                    r.note_untyped(start.position());
                }
                let element = shell(r, &start)?;
                stack.push(element);
            }
            Content::End => match stack.pop() {
                Some(done) => match stack.last_mut() {
                    Some(parent) => parent.children.push(AnyNode::Element(done)),
                    None => top.push(AnyNode::Element(done)),
                },
                None => return Ok(top),
            },
        }
    }
}

/// Writes mixed or wildcard content.
pub fn write_nodes(w: &mut XmlWriter, nodes: &[AnyNode]) {
    if w.take_declared_text() == DeclaredText::Omitted {
        return;
    }
    for node in nodes {
        match node {
            AnyNode::Text(t) => w.text(t),
            AnyNode::Element(e) => e.write(w),
        }
    }
}

impl XmlRead for AnyElement {
    fn read_xml(r: &mut XmlReader<'_>, start: Start<'_>) -> Result<Self, Error> {
        r.note_untyped(start.position());
        let mut element = shell(r, &start)?;
        element.children = read_children(r, false)?;
        Ok(element)
    }
}

impl XmlWrite for AnyElement {
    /// Writes the content under the given name (the element's own name is ignored).
    fn write_xml(&self, w: &mut XmlWriter, ns: Option<&str>, local: &str) {
        if self.name.is(ns, local) {
            // Keep the prefix it was read with: QName values inside may depend on the bindings.
            return self.write(w);
        }
        self.write_as(w, &XmlName::new(ns, local));
    }
}
