//! A rule's payload (`categoryData`): what kind it is, and whether a published value equals a
//! literal one.

use crate::trim_xml;
use enhanced_presence::publication_grammar_schema_for_new_publication_manifest::CategoryDataType;
use enhanced_presence::roundtrip::infoset;
use enhanced_presence::{AnyElement, AnyNode, CategoryValue, XmlWriter};

/// The XSLT namespace.
const XSLT_NS: &str = "http://www.w3.org/1999/XSL/Transform";

/// What a rule's `categoryData` says the published value must be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleData {
    /// No `categoryData`: the value is the source publication's, copied unchanged.
    Unchanged,
    /// A literal category instance, as XML text: the value must be this one.
    Literal(String),
    /// An XSLT stylesheet computing the value from the source publication; not evaluated.
    Xslt,
    /// A `categoryData` the crate cannot read as either (empty, several elements, text that is
    /// not XML); the value is not checked.
    Unreadable(String),
}

/// Classifies a `categoryData`. The docs type it as a string but every example carries element
/// content; an escaped string holding XML is read the same way.
pub(super) fn classify(data: &CategoryDataType) -> RuleData {
    let elements: Vec<&AnyElement> = data
        .content
        .iter()
        .filter_map(|n| match n {
            AnyNode::Element(e) => Some(e),
            AnyNode::Text(_) => None,
        })
        .collect();
    let text: String = data
        .content
        .iter()
        .filter_map(|n| match n {
            AnyNode::Text(t) => Some(t.as_str()),
            AnyNode::Element(_) => None,
        })
        .collect();
    match (elements.as_slice(), trim_xml(&text)) {
        ([element], "") => of_element(element, None),
        ([], "") => RuleData::Unreadable("categoryData is empty".to_owned()),
        ([], xml) => match enhanced_presence::from_str_as::<AnyElement>(xml) {
            Ok(fragment) => of_element(&fragment.value, Some(xml)),
            Err(e) => RuleData::Unreadable(format!("its text is not an XML element: {e}")),
        },
        _ => RuleData::Unreadable("categoryData holds more than one value".to_owned()),
    }
}

/// A stylesheet (`xsl:stylesheet`, `xsl:transform`, or a literal result element with
/// `xsl:version`, XSLT 1.0 §2.3) or a literal value. `text` is the element's source when it was
/// read from escaped text.
fn of_element(element: &AnyElement, text: Option<&str>) -> RuleData {
    let name = &element.name;
    let stylesheet = name.namespace.as_deref() == Some(XSLT_NS)
        && matches!(name.local.as_str(), "stylesheet" | "transform");
    let simplified = element.attributes.iter().any(|a| a.name.is(Some(XSLT_NS), "version"));
    if stylesheet || simplified {
        return RuleData::Xslt;
    }
    match text {
        Some(text) => RuleData::Literal(text.to_owned()),
        None => {
            let mut w = XmlWriter::new();
            element.write(&mut w);
            match w.finish() {
                Ok(xml) => RuleData::Literal(xml),
                Err(e) => RuleData::Unreadable(format!("its value cannot be written as XML: {e}")),
            }
        }
    }
}

/// How `value` differs from the literal `expected` (empty when they are the same infoset:
/// names, attributes and non-blank text; prefixes, declarations and layout do not count).
pub(super) fn differences(expected: &str, value: &CategoryValue) -> Vec<String> {
    let mut w = XmlWriter::new();
    value.write(&mut w);
    let found = match w.finish() {
        Ok(found) => found,
        Err(e) => return vec![format!("the published value cannot be written as XML: {e}")],
    };
    match (infoset::parse(expected), infoset::parse(&found)) {
        (Ok(e), Ok(f)) => infoset::compare(&e, &f).iter().map(ToString::to_string).collect(),
        (Err(e), _) => vec![format!("the rule's literal is not XML: {e}")],
        (_, Err(e)) => vec![format!("the published value is not XML: {e}")],
    }
}
