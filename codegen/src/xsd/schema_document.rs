//! Whether a well-formed document is a schema document as far as the generator relies on it: its
//! root is `schema` in XSD's namespace, and every name an XSD element declares is an NCName.
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
            if attribute.key.as_ref() != b"name" {
                continue;
            }
            // References are the parser's to judge: a value that does not unescape is left to it.
            let Ok(value) = attribute.decode_and_unescape_value(reader.decoder()) else { continue };
            let name = trim_xml(&value);
            if !is_name(name) || name.contains(':') {
                let message = format!(
                    "`{}` declares the name \"{}\", which is no XML name without a colon (NCName)",
                    String::from_utf8_lossy(tag.name().as_ref()),
                    excerpt(name)
                );
                let offset = tag_offset(&tag, attribute.value.as_ref()).map_or(at, |o| at + 1 + o);
                return Err(Malformed { offset, message });
            }
        }
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
}
