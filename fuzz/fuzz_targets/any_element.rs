//! `AnyElement` written directly: trees built from the input with arbitrary names, prefixes,
//! namespaces and declarations — the reserved ones (`xml`, `xmlns`, their namespaces, `xsi`, the
//! empty namespace) most of all, since unknown content is where they survive — written inside a
//! parent whose bindings are arbitrary too. The output must be namespace-well-formed, must read back
//! with the same expanded names, attributes and text, and must write back to the same bytes.
//!
//! Names are mostly NCNames and text mostly characters XML 1.0 can carry; now and then a name that is
//! not one or a character XML has no form for (U+0000, U+0001, U+FFFE…) is put in, as a user's
//! hand-built value could hold. Then writing must fail, with an error naming something the tree
//! really holds; whatever it writes without an error must meet the checks above.
#![no_main]

mod oracle;

use enhanced_presence::any::{AnyAttribute, AnyElement, AnyNode, XmlName};
use enhanced_presence::{Error, ErrorKind, XmlWriter};
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;

const XML: &str = "http://www.w3.org/XML/1998/namespace";
const XMLNS: &str = "http://www.w3.org/2000/xmlns/";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// A tree and the parent it is written in.
#[derive(Debug)]
struct Case {
    parent: Option<Parent>,
    element: AnyElement,
}

/// The element a tree is written in, with `XmlWriter::start` and `declare`.
#[derive(Debug)]
struct Parent {
    namespace: Option<String>,
    /// Prefix (none for the default namespace) and URI.
    declarations: Vec<(Option<String>, String)>,
}

fuzz_target!(|data: &[u8]| {
    let Ok(case) = case(&mut Unstructured::new(data)) else { return };
    let mut w = XmlWriter::new();
    if let Some(parent) = &case.parent {
        w.start(parent.namespace.as_deref(), "parent");
        for (prefix, uri) in &parent.declarations {
            w.declare(prefix.as_deref(), uri);
        }
    }
    case.element.write(&mut w);
    if case.parent.is_some() {
        w.end();
    }
    let written = match w.finish() {
        Ok(written) => written,
        Err(e) => return justified(&e, &case),
    };
    oracle::well_formed(&written, &case);

    let read = match enhanced_presence::from_str_as::<AnyElement>(&written) {
        Ok(read) => read,
        Err(e) => panic!("the output does not read back: {e}\ncase:   {case:?}\noutput: {written:?}"),
    };
    let tree = match (&case.parent, &read.value.children[..]) {
        (None, _) => &read.value,
        (Some(_), [AnyNode::Element(e)]) => e,
        (Some(_), other) => panic!("the parent holds {other:?}\ncase:   {case:?}\noutput: {written:?}"),
    };
    let (expected, actual) = (Said::of(&case.element), Said::of(tree));
    assert_eq!(expected, actual, "read back differently\ncase:   {case:?}\noutput: {written:?}");
    let rewritten = oracle::written(enhanced_presence::to_string(&read), &case);
    assert_eq!(written, rewritten, "writing what was read back is not idempotent\ncase: {case:?}");
});

/// Panics unless the write error names something `case` holds: a character in one of its strings, a
/// name among its names and prefixes.
fn justified(e: &Error, case: &Case) {
    let (mut strings, mut names) = (Vec::new(), Vec::new());
    if let Some(parent) = &case.parent {
        strings.extend(parent.namespace.iter().cloned());
        for (prefix, uri) in &parent.declarations {
            names.extend(prefix.iter().cloned());
            strings.push(uri.clone());
        }
    }
    fn name(n: &XmlName, names: &mut Vec<String>, strings: &mut Vec<String>) {
        names.push(n.local.clone());
        names.extend(n.prefix.iter().cloned());
        strings.extend(n.namespace.iter().cloned());
    }
    let mut stack = vec![&case.element];
    while let Some(e) = stack.pop() {
        name(&e.name, &mut names, &mut strings);
        for a in &e.attributes {
            name(&a.name, &mut names, &mut strings);
            strings.push(a.value.clone());
        }
        for (prefix, uri) in &e.namespaces {
            names.extend(prefix.iter().cloned());
            strings.push(uri.clone());
        }
        for child in &e.children {
            match child {
                AnyNode::Element(c) => stack.push(c),
                AnyNode::Text(t) => strings.push(t.clone()),
            }
        }
    }
    let holds = match e.kind() {
        ErrorKind::UnwritableChar { ch, .. } => strings.iter().chain(&names).any(|s| s.contains(*ch)),
        ErrorKind::UnwritableName { name, .. } => names.contains(name),
        _ => false,
    };
    assert!(holds, "a write error about something the tree does not hold: {e}\ncase: {case:?}");
}

/// What an element says, as XML Namespaces reads it: expanded names, attributes as a set (those that
/// are namespace declarations excluded, a repeated expanded name kept once), text merged into runs (adjacent and empty text nodes are not kept apart
/// by XML).
#[derive(Debug, PartialEq)]
struct Said {
    name: (String, String),
    attributes: Vec<(String, String, String)>,
    children: Vec<SaidNode>,
}

#[derive(Debug, PartialEq)]
enum SaidNode {
    Element(Said),
    Text(String),
}

impl Said {
    fn of(e: &AnyElement) -> Said {
        let mut attributes: Vec<(String, String, String)> = Vec::new();
        for a in e.attributes.iter().filter(|a| !is_declaration(&a.name)) {
            let (ns, local) = (ns(&a.name), &a.name.local);
            // XML allows an expanded name once per tag: the writer keeps the first.
            if !attributes.iter().any(|(n, l, _)| *n == ns && l == local) {
                attributes.push((ns, local.clone(), a.value.clone()));
            }
        }
        attributes.sort();
        let mut children = Vec::new();
        for child in &e.children {
            match child {
                AnyNode::Text(t) if t.is_empty() => {}
                AnyNode::Text(t) => match children.last_mut() {
                    Some(SaidNode::Text(run)) => run.push_str(t),
                    _ => children.push(SaidNode::Text(t.clone())),
                },
                AnyNode::Element(e) => children.push(SaidNode::Element(Said::of(e))),
            }
        }
        Said { name: (ns(&e.name), e.name.local.clone()), attributes, children }
    }
}

/// Whether an attribute name is a namespace declaration (the writer writes it as one).
fn is_declaration(name: &XmlName) -> bool {
    name.namespace.as_deref() == Some(XMLNS) || (ns(name).is_empty() && name.local == "xmlns")
}

/// The namespace of a name, `""` for none (`Some("")` is no namespace too).
fn ns(name: &XmlName) -> String {
    name.namespace.clone().unwrap_or_default()
}

fn case(u: &mut Unstructured<'_>) -> Result<Case> {
    let parent = if u.arbitrary()? {
        Some(Parent { namespace: namespace(u)?, declarations: declarations(u)? })
    } else {
        None
    };
    let mut budget = 64;
    Ok(Case { parent, element: element(u, 0, &mut budget)? })
}

fn element(u: &mut Unstructured<'_>, depth: usize, budget: &mut usize) -> Result<AnyElement> {
    let mut e = AnyElement {
        name: element_name(u)?,
        namespaces: declarations(u)?,
        attributes: Vec::new(),
        children: Vec::new(),
    };
    for _ in 0..u.int_in_range(0..=4u8)? {
        e.attributes.push(AnyAttribute { name: name(u)?, value: text(u)? });
    }
    while depth < 8 && *budget > 0 && u.arbitrary()? {
        *budget -= 1;
        e.children.push(if u.arbitrary()? {
            AnyNode::Element(element(u, depth + 1, budget)?)
        } else {
            AnyNode::Text(text(u)?)
        });
    }
    Ok(e)
}

fn declarations(u: &mut Unstructured<'_>) -> Result<Vec<(Option<String>, String)>> {
    let mut declarations = Vec::new();
    for _ in 0..u.int_in_range(0..=3u8)? {
        declarations.push((prefix(u)?, namespace(u)?.unwrap_or_default()));
    }
    Ok(declarations)
}

fn name(u: &mut Unstructured<'_>) -> Result<XmlName> {
    Ok(XmlName { namespace: namespace(u)?, prefix: prefix(u)?, local: ncname(u)? })
}

/// An element name: as [`name`], but never in the namespace of declarations, which holds no elements.
fn element_name(u: &mut Unstructured<'_>) -> Result<XmlName> {
    let name = name(u)?;
    Ok(if name.namespace.as_deref() == Some(XMLNS) { XmlName { namespace: None, ..name } } else { name })
}

fn prefix(u: &mut Unstructured<'_>) -> Result<Option<String>> {
    Ok(if u.arbitrary()? { Some(ncname(u)?) } else { None })
}

fn namespace(u: &mut Unstructured<'_>) -> Result<Option<String>> {
    Ok(match u.int_in_range(0..=9u8)? {
        0 => None,
        1 => Some(String::new()),
        2 => Some(XML.into()),
        3 => Some(XMLNS.into()),
        4 => Some(XSI.into()),
        5 => Some("urn:a".into()),
        6 => Some("urn:b".into()),
        _ => Some(text(u)?),
    })
}

/// An NCName: mostly short ones that collide (and the reserved ones), sometimes one spelled out, now
/// and then something that is no NCName.
fn ncname(u: &mut Unstructured<'_>) -> Result<String> {
    const NOT_NAMES: &[&str] = &["", "a b", "1a", "a:b", "-", "a>", "a\"", "\u{1}", "é\u{FFFE}"];
    if u.ratio(1, 64)? {
        return Ok(u.choose(NOT_NAMES)?.to_string());
    }
    const COMMON: &[&str] =
        &["a", "b", "p", "q", "xml", "xmlns", "xsi", "ns1", "ns2", "XML", "xmlx", "type", "nil", "lang"];
    if u.ratio(3, 4)? {
        return Ok(u.choose(COMMON)?.to_string());
    }
    const START: &[char] = &['a', 'Z', '_', 'é', 'Ω', '中', '\u{10000}'];
    const REST: &[char] = &['a', '0', '-', '.', '·', '\u{300}', 'é', '_'];
    let mut name = u.choose(START)?.to_string();
    for _ in 0..u.int_in_range(0..=6u8)? {
        name.push(*u.choose(REST)?);
    }
    Ok(name)
}

/// Text of characters XML 1.0 can carry: markup characters, whitespace and references the writer
/// must escape, and whatever else the input holds; now and then a character it cannot carry.
fn text(u: &mut Unstructured<'_>) -> Result<String> {
    const NO_FORM: &[&str] = &["\0", "\u{1}", "\u{B}", "\u{1F}", "\u{FFFE}", "\u{FFFF}"];
    if u.ratio(1, 64)? {
        return Ok(format!("x{}", u.choose(NO_FORM)?));
    }
    const PIECES: &[&str] =
        &["<", "&", ">", "\"", "'", "]]>", "\r\n", "\r", "\t", " ", "\n", "&amp;", "x:y", "\u{FFFD}"];
    let mut text = String::new();
    for _ in 0..u.int_in_range(0..=4u8)? {
        if u.arbitrary()? {
            text.push_str(u.choose(PIECES)?);
        } else {
            let c: char = u.arbitrary()?;
            if is_xml_char(c) {
                text.push(c);
            }
        }
    }
    Ok(text)
}

/// The `Char` production of XML 1.0.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}
