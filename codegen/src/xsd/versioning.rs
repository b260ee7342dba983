//! Conditional inclusion (XSD 1.1 §4.2.1, the `vc:` attributes): schema authors mark XSD 1.1
//! constructs with `vc:minVersion="1.1"` (and the like) so that XSD 1.0 processors leave them out.
//! As a 1.0 processor we do, before parsing: each excluded element, with its content, is blanked out
//! of the text (every character but line ends becomes a space), so that positions in diagnostics stay
//! those of the file.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use crate::model::{trim_xml, xml_items};

const VERSIONING: &str = "http://www.w3.org/2007/XMLSchema-versioning";
const XS: &[u8] = b"http://www.w3.org/2001/XMLSchema";

/// The version of XSD this generator implements, for `vc:minVersion` / `vc:maxVersion`.
const OUR_VERSION: f64 = 1.0;

/// The built-in types of XSD 1.1 that 1.0 does not have.
const TYPES_ONLY_IN_1_1: &[&str] =
    &["anyAtomicType", "dateTimeStamp", "dayTimeDuration", "error", "precisionDecimal", "yearMonthDuration"];

/// The facets of XSD 1.0.
const FACETS: &[&str] = &[
    "length",
    "minLength",
    "maxLength",
    "pattern",
    "enumeration",
    "whiteSpace",
    "maxInclusive",
    "maxExclusive",
    "minInclusive",
    "minExclusive",
    "totalDigits",
    "fractionDigits",
];

/// `text` without the elements an XSD 1.0 processor excludes; unchanged (and not copied) when it
/// uses no `vc:` attribute. Text that is not well-formed is returned as it is, for the parser to report.
pub fn exclude_conditional(text: &str) -> Cow<'_, str> {
    if !text.contains(VERSIONING) {
        return Cow::Borrowed(text);
    }
    let mut reader = NsReader::from_str(text);
    let mut blank: Vec<(usize, usize)> = Vec::new();
    // The start of the excluded element being skipped, and how deep inside it the reader is.
    let mut skipping: Option<(usize, usize)> = None;
    // The `xs:schema` element itself is kept whatever it says: without it nothing would be left,
    // and schemas cut down for 1.0 processors from 1.1 originals keep `vc:minVersion="1.1"` there
    // (SAF-T PT's `…_NO_ASSERT_NO_ALL.xsd`), as libxml2, which has no conditional inclusion, reads.
    let mut before_root = true;
    loop {
        let at = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(event) => event,
        };
        let after = reader.buffer_position() as usize;
        let root = matches!(event, Event::Start(_) | Event::Empty(_)) && std::mem::take(&mut before_root);
        match (&event, &mut skipping) {
            (Event::Start(_), Some((_, depth))) => *depth += 1,
            (Event::End(_), Some((start, depth))) => {
                if *depth == 0 {
                    blank.push((*start, after));
                    skipping = None;
                } else {
                    *depth -= 1;
                }
            }
            (Event::Start(tag), None) if !root && excluded(&reader, tag) => skipping = Some((at, 0)),
            (Event::Empty(tag), None) if !root && excluded(&reader, tag) => blank.push((at, after)),
            _ => {}
        }
    }
    let blanked = blank.into_iter().map(|(start, end)| {
        let spaces = text[start..end].chars().map(|c| if c == '\n' || c == '\r' { c } else { ' ' });
        (start, end, spaces.collect())
    });
    super::splice(text, blanked.collect())
}

/// Whether an XSD 1.0 processor leaves out the element `tag` opens, by its `vc:` attributes.
fn excluded(reader: &NsReader<&[u8]>, tag: &BytesStart<'_>) -> bool {
    tag.attributes().flatten().any(|a| {
        let (ns, local) = reader.resolve_attribute(a.key);
        if !matches!(ns, ResolveResult::Bound(n) if n.as_ref() == VERSIONING.as_bytes()) {
            return false;
        }
        let value = String::from_utf8_lossy(&a.value);
        let names = || xml_items(&value).map(|q| q.rsplit(':').next().unwrap_or(q));
        match local.as_ref() {
            b"minVersion" => trim_xml(&value).parse::<f64>().is_ok_and(|v| v > OUR_VERSION),
            b"maxVersion" => trim_xml(&value).parse::<f64>().is_ok_and(|v| v <= OUR_VERSION),
            b"typeAvailable" => xml_items(&value).any(|q| !type_available(reader, q)),
            b"typeUnavailable" => xml_items(&value).all(|q| type_available(reader, q)),
            b"facetAvailable" => names().any(|f| !FACETS.contains(&f)),
            b"facetUnavailable" => names().all(|f| FACETS.contains(&f)),
            _ => false,
        }
    })
}

/// Whether `qname` (as written, resolved in the element's scope) is a built-in type of XSD 1.0.
fn type_available(reader: &NsReader<&[u8]>, qname: &str) -> bool {
    let local = qname.rsplit(':').next().unwrap_or(qname);
    let (ns, _) = reader.resolve_element(quick_xml::name::QName(qname.as_bytes()));
    let in_xs = matches!(ns, ResolveResult::Bound(n) if n.as_ref() == XS);
    in_xs && !TYPES_ONLY_IN_1_1.contains(&local)
}

#[cfg(test)]
mod tests {
    use super::exclude_conditional;

    const HEAD: &str = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:vc="http://www.w3.org/2007/XMLSchema-versioning">"#;

    #[test]
    fn constructs_for_later_versions_are_blanked_keeping_line_ends() {
        let text = format!(
            "{HEAD}\n<xs:element name=\"a\"/>\n<xs:assert test=\"@x\" vc:minVersion=\"1.1\"/>\n<xs:element name=\"b\" vc:maxVersion=\"1.1\">\n<xs:annotation/>\n</xs:element>\n<xs:element name=\"c\" vc:maxVersion=\"1.0\"/></xs:schema>"
        );
        let out = exclude_conditional(&text);
        assert_eq!(out.len(), text.len());
        assert_eq!(out.lines().count(), text.lines().count());
        assert!(out.contains(r#"<xs:element name="a"/>"#) && out.contains(r#"name="b""#), "{out}");
        assert!(!out.contains("assert") && !out.contains(r#"name="c""#), "{out}");
    }

    #[test]
    fn type_and_facet_availability() {
        let text = format!(
            r#"{HEAD}<xs:attribute name="y" type="xs:error" vc:typeAvailable="xs:error"/><xs:attribute name="y" vc:typeUnavailable="xs:error"/><xs:attribute name="z" vc:typeAvailable="xs:int"/><xs:attribute name="w" vc:facetAvailable="xs:explicitTimezone"/><xs:attribute name="v" vc:facetUnavailable="xs:pattern"/></xs:schema>"#
        );
        let out = exclude_conditional(&text);
        assert!(!out.contains("xs:error\" vc:typeAvailable"), "{out}");
        assert!(out.contains(r#"vc:typeUnavailable="xs:error""#), "{out}");
        assert!(out.contains(r#"name="z""#), "{out}");
        assert!(!out.contains(r#"name="w""#) && !out.contains(r#"name="v""#), "{out}");
    }

    #[test]
    fn the_schema_element_is_kept_whatever_version_it_names() {
        // A 1.0 cut of a 1.1 schema that kept the attribute on its root: its content is still
        // conditional, the root is not.
        let text = r#"<?xml version="1.0"?><xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:vc="http://www.w3.org/2007/XMLSchema-versioning" vc:minVersion="1.1"><xs:element name="a"/><xs:assert test="1" vc:minVersion="1.1"/></xs:schema>"#;
        let out = exclude_conditional(text);
        assert!(out.contains(r#"<xs:element name="a"/>"#) && out.ends_with("</xs:schema>"), "{out}");
        assert!(!out.contains("assert"), "{out}");
    }

    #[test]
    fn schemas_without_conditions_are_not_copied() {
        let text = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>"#;
        assert!(matches!(exclude_conditional(text), std::borrow::Cow::Borrowed(_)));
    }
}
