//! Whether a well-formed document is a schema document as far as the generator relies on it: its
//! root is `schema` in XSD's namespace, every name an XSD element declares is an NCName, and every
//! boolean property (`nillable`, `abstract`, `mixed`, a facet's `fixed`) is an XSD boolean, and every
//! `pattern` an XSD regular expression.
//! Checked before parsing, with the document's positions, like well-formedness
//! ([`well_formed`](super::well_formed)).

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use super::well_formed::{is_name, tag_offset, Malformed};
use crate::error::excerpt;
use crate::model::{trim_xml, XS};

/// The document is a schema document: its root is `schema` in XSD's namespace, and every name an
/// XSD element declares (`name` of `xs:element`, `xs:complexType`…) is an NCName. Another root (an
/// instance document, a WSDL given by mistake) would reach the parser, which reports the first
/// element it does not expect somewhere inside; a declared name such as `a:b` or `http://x` would
/// become a Rust name that no longer says which declaration it was. `text` is well-formed ([`well_formed::check`](super::well_formed::check)).
pub fn check(text: &str) -> Result<(), Malformed> {
    let mut reader = NsReader::from_str(text);
    let mut root = true;
    loop {
        let at = reader.buffer_position() as usize;
        let (ns, tag) = match reader.read_resolved_event() {
            Ok((ns, Event::Start(tag) | Event::Empty(tag))) => (ns, tag),
            Ok((_, Event::Eof)) | Err(_) => return Ok(()),
            Ok(_) => continue,
        };
        let local = tag.local_name();
        let in_xs = matches!(ns, ResolveResult::Bound(n) if n.as_ref() == XS.as_bytes());
        if std::mem::take(&mut root) && !(in_xs && local.as_ref() == b"schema") {
            let namespace = match ns {
                ResolveResult::Bound(n) => {
                    format!("namespace `{}`", excerpt(&String::from_utf8_lossy(n.as_ref())))
                }
                _ => "no namespace".to_owned(),
            };
            let message = format!(
                "not a schema document: its root element is `{}` in {namespace}, not `schema` in `{XS}`",
                String::from_utf8_lossy(local.as_ref())
            );
            return Err(Malformed { offset: at, message });
        }
        if !in_xs {
            continue;
        }
        for attribute in tag.attributes().flatten() {
            let key = attribute.key.as_ref();
            let is_boolean = is_boolean_property(local.as_ref(), key);
            let is_pattern = local.as_ref() == b"pattern" && key == b"value";
            if key != b"name" && !is_boolean && !is_pattern {
                continue;
            }
            // References are the parser's to judge: a value that does not unescape is left to it.
            let Ok(value) = attribute.decode_and_unescape_value(reader.decoder()) else { continue };
            let tag_name = String::from_utf8_lossy(tag.name().as_ref()).into_owned();
            let message = if is_pattern {
                // A pattern's white space is its own: not trimmed.
                let Err(problem) = crate::pattern::translate(&value) else { continue };
                format!(
                    "`{tag_name}` has value=\"{}\", which is no XSD regular expression: {problem}",
                    excerpt(&value)
                )
            } else if is_boolean {
                let value = trim_xml(&value);
                if matches!(value, "true" | "false" | "1" | "0") {
                    continue;
                }
                format!(
                    "`{tag_name}` has {}=\"{}\", which is no XSD boolean (`true`, `false`, `1` or `0`)",
                    String::from_utf8_lossy(key),
                    excerpt(value)
                )
            } else {
                let value = trim_xml(&value);
                if is_name(value) && !value.contains(':') {
                    continue;
                }
                format!(
                    "`{tag_name}` declares the name \"{}\", which is no XML name without a colon (NCName)",
                    excerpt(value)
                )
            };
            let offset = tag_offset(&tag, attribute.value.as_ref()).map_or(at, |o| at + 1 + o);
            return Err(Malformed { offset, message });
        }
    }
}

/// Attribute `attribute` (unprefixed) of XSD element `element` is of type `xs:boolean` in the schema
/// for schemas. The parser reads these leniently (`YES` is true); XSD's lexical space is
/// `true`, `false`, `1` and `0`, and a schema with another value is no schema. (`fixed` of
/// `xs:element` and `xs:attribute` is a value, not a boolean; only the facets' is.)
fn is_boolean_property(element: &[u8], attribute: &[u8]) -> bool {
    match attribute {
        b"nillable" => element == b"element",
        b"abstract" => matches!(element, b"element" | b"complexType"),
        b"mixed" => matches!(element, b"complexType" | b"complexContent"),
        b"fixed" => matches!(
            element,
            b"length"
                | b"minLength"
                | b"maxLength"
                | b"minInclusive"
                | b"maxInclusive"
                | b"minExclusive"
                | b"maxExclusive"
                | b"totalDigits"
                | b"fractionDigits"
                | b"whiteSpace"
                | b"explicitTimezone"
        ),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const XS: &str = r#"xmlns:xs="http://www.w3.org/2001/XMLSchema""#;

    #[test]
    fn the_root_is_xsd_s_schema() {
        assert_eq!(check(&format!("<?xml version=\"1.0\"?><xs:schema {XS}/>")), Ok(()));
        assert_eq!(check("<schema xmlns=\"http://www.w3.org/2001/XMLSchema\"/>"), Ok(()));
        let m = check("<!-- c -->\n<schema/>").unwrap_err();
        assert_eq!(m.offset, 11);
        assert_eq!(
            m.message,
            "not a schema document: its root element is `schema` in no namespace, not `schema` in \
             `http://www.w3.org/2001/XMLSchema`"
        );
        let m = check(&format!("<xs:element {XS}/>")).unwrap_err();
        assert!(
            m.message.contains("`element` in namespace `http://www.w3.org/2001/XMLSchema`"),
            "{}",
            m.message
        );
    }

    #[test]
    fn boolean_properties_are_xsd_booleans() {
        let schema = |attributes: &str| {
            format!(
                "<xs:schema {XS}>\n<xs:complexType name=\"t\" {attributes}><xs:sequence/></xs:complexType>\n\
                 <xs:element name=\"e\" type=\"t\" nillable=\" 1\n\"/></xs:schema>"
            )
        };
        for fine in ["mixed=\"true\"", "mixed=\"0\" abstract=\"false\"", "fixed=\"YES\""] {
            assert_eq!(check(&schema(fine)), Ok(()), "{fine}");
        }
        let text = schema("abstract=\"YES\"");
        let m = check(&text).unwrap_err();
        assert_eq!(&text[m.offset..m.offset + 4], "YES\"");
        assert_eq!(
            m.message,
            "`xs:complexType` has abstract=\"YES\", which is no XSD boolean (`true`, `false`, `1` or `0`)"
        );
        let facet = format!(
            "<xs:schema {XS}><xs:simpleType name=\"s\"><xs:restriction base=\"xs:int\">\
             <xs:maxInclusive value=\"3\" fixed=\"True\"/></xs:restriction></xs:simpleType></xs:schema>"
        );
        assert!(check(&facet).unwrap_err().message.starts_with("`xs:maxInclusive` has fixed=\"True\""));
        // An attribute in another namespace is the schema author's, whatever its value.
        assert_eq!(check(&schema("xmlns:a=\"urn:a\" a:mixed=\"YES\"")), Ok(()));
    }
}
