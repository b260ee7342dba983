//! Whether a schema document is well-formed XML, checked before the parser reads it. The parser's
//! reader (xsd-parser 1.5.2) never returns on a document that ends inside an annotation's content
//! (`<xs:appinfo>` or `<xs:documentation>` left open: a truncated file), and its other errors give a
//! byte offset where a schema author wants a line and a column. So every document is read here
//! first, and one that is not well-formed is reported, with its position, instead of parsed.

use quick_xml::events::attributes::AttrError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// Why a document is not well-formed, and where: a byte offset into its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    pub offset: usize,
    pub message: String,
}

/// Checks the XML 1.0 document production as far as a schema parser relies on it: the syntax of
/// tags, comments, CDATA sections and processing instructions, matching end tags, attributes
/// (quoted, each named once), exactly one root element, and nothing but white space, comments and
/// processing instructions around it. Character and entity references are the parser's to judge.
pub fn check(text: &str) -> Result<(), Malformed> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    // The start tags not yet closed: where each name is in the text.
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut root_seen = false;
    loop {
        let at = reader.buffer_position() as usize;
        let malformed = |message: String| Malformed { offset: at, message };
        let event = reader
            .read_event()
            .map_err(|e| Malformed { offset: reader.error_position() as usize, message: e.to_string() })?;
        match event {
            Event::Start(_) | Event::Empty(_) if open.is_empty() && root_seen => {
                return Err(malformed("a second root element (a document has one)".into()));
            }
            Event::Start(tag) => {
                root_seen = true;
                check_attributes(&tag, at)?;
                let name = at + 1;
                open.push((name, name + tag.name().as_ref().len()));
            }
            Event::Empty(tag) => {
                root_seen = true;
                check_attributes(&tag, at)?;
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Text(t) if open.is_empty() && !t.iter().all(u8::is_ascii_whitespace) => {
                return Err(malformed("text outside the root element".into()));
            }
            Event::CData(_) | Event::GeneralRef(_) if open.is_empty() => {
                return Err(malformed("text outside the root element".into()));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(&(start, end)) = open.last() {
        return Err(Malformed {
            offset: text.len(),
            message: format!("the document ends inside `<{}>`, which is never closed", &text[start..end]),
        });
    }
    if !root_seen {
        return Err(Malformed { offset: text.len(), message: "no root element".into() });
    }
    Ok(())
}

/// Every attribute of `tag` (which starts at `at`) is well-formed: quoted, named once.
fn check_attributes(tag: &BytesStart<'_>, at: usize) -> Result<(), Malformed> {
    for attribute in tag.attributes().with_checks(true) {
        let Err(e) = attribute else { continue };
        // Positions are counted from the tag's name, just after its `<`.
        let (position, message) = match e {
            AttrError::ExpectedEq(p) => (p, "an attribute name without `=` and a value after it"),
            AttrError::ExpectedValue(p) => (p, "an attribute without a value after its `=`"),
            AttrError::UnquotedValue(p) => (p, "an attribute value not in quotes"),
            AttrError::ExpectedQuote(p, _) => (p, "an attribute value without its closing quote"),
            AttrError::Duplicated(p, _) => (p, "an attribute given twice in the same tag"),
        };
        return Err(Malformed { offset: at + 1 + position, message: message.into() });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const XS: &str = r#"xmlns:xs="http://www.w3.org/2001/XMLSchema""#;

    fn refused(text: &str) -> (usize, String) {
        let m = check(text).expect_err("not well-formed");
        (m.offset, m.message)
    }

    #[test]
    fn well_formed_documents_pass() {
        for text in [
            format!("<xs:schema {XS}/>"),
            format!("<?xml version=\"1.0\"?>\n<!-- c --><xs:schema {XS}>\n</xs:schema>\n<!-- after -->\n"),
            format!(
                "<!DOCTYPE xs:schema><xs:schema {XS}><xs:annotation><xs:documentation>a <b>c</b> &amp; \
                     <![CDATA[<x>]]></xs:documentation></xs:annotation></xs:schema>"
            ),
            format!("<xs:schema {XS} a='>' b=\"/>\"><x/></xs:schema>"),
        ] {
            assert_eq!(check(&text), Ok(()), "{text}");
        }
    }

    #[test]
    fn a_document_ending_inside_an_element_names_it() {
        let text = format!("<xs:schema {XS}>\n<xs:annotation><xs:appinfo>");
        let (offset, message) = refused(&text);
        assert_eq!(offset, text.len());
        assert_eq!(message, "the document ends inside `<xs:appinfo>`, which is never closed");
        let text = format!("<xs:schema {XS}><xs:annotation><xs:documentation>text <x/>");
        assert!(message_of(&text).contains("`<xs:documentation>`"));
    }

    fn message_of(text: &str) -> String {
        refused(text).1
    }

    #[test]
    fn syntax_errors_are_reported_where_they_are() {
        let text = format!("<xs:schema {XS}><a></b></xs:schema>");
        let (offset, message) = refused(&text);
        assert_eq!(&text[offset..offset + 4], "</b>", "{message}");
        assert!(message.contains("</a>"), "{message}");
        let text = format!("<xs:schema {XS}><!-- never closed");
        assert!(message_of(&text).contains("comment"), "{}", message_of(&text));
        let text = format!("<xs:schema {XS}><a x=\"1\" x=\"2\"/></xs:schema>");
        let (offset, message) = refused(&text);
        assert_eq!(&text[offset..offset + 5], "x=\"2\"", "{message}");
        assert_eq!(message, "an attribute given twice in the same tag");
        let text = format!("<xs:schema {XS}><a x=1/></xs:schema>");
        let (offset, message) = refused(&text);
        assert_eq!(&text[offset..offset + 1], "1", "{message}");
        assert_eq!(message, "an attribute value not in quotes");
    }

    #[test]
    fn one_root_and_nothing_else() {
        assert_eq!(message_of(""), "no root element");
        assert_eq!(message_of("<!-- only a comment -->"), "no root element");
        let text = format!("<xs:schema {XS}/><xs:schema {XS}/>");
        let (offset, message) = refused(&text);
        assert_eq!(message, "a second root element (a document has one)");
        assert_eq!(&text[offset..offset + 10], "<xs:schema");
        assert_eq!(message_of(&format!("<xs:schema {XS}/> text")), "text outside the root element");
        assert_eq!(message_of(&format!("text <xs:schema {XS}/>")), "text outside the root element");
    }
}
