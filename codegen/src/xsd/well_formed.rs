//! Whether a schema document is well-formed XML, checked before the parser reads it. The parser's
//! reader (xsd-parser 1.5.2) never returns on a document that ends inside an annotation's content
//! (`<xs:appinfo>` or `<xs:documentation>` left open: a truncated file), and its other errors give a
//! byte offset where a schema author wants a line and a column. So every document is read here
//! first, and one that is not well-formed is reported, with its position, instead of parsed.

use quick_xml::events::attributes::AttrError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// Why a document is not read, and where: a byte offset into its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    pub offset: usize,
    /// A sentence for a diagnostic (`not well-formed XML: …`).
    pub message: String,
}

impl Malformed {
    fn new(offset: usize, why: impl std::fmt::Display) -> Self {
        Malformed { offset, message: format!("not well-formed XML: {why}") }
    }
}

/// How deeply elements may nest in a schema document. The parser reads nested elements by
/// recursion, with large frames in a build without optimisation (as build scripts and their
/// dependencies are built): on a build script's 8 MB main thread, anonymous types nested 50 deep
/// (150 levels of elements) overflowed its stack. Schemas seldom nest beyond thirty levels.
pub const MAX_DEPTH: usize = 100;

/// Checks the XML 1.0 document production as far as a schema parser relies on it: the syntax of
/// tags, comments, CDATA sections and processing instructions, matching end tags, attributes
/// (quoted, each named once), exactly one root element, and nothing but white space, comments and
/// processing instructions around it. Character and entity references are the parser's to judge.
/// Also refuses elements nested deeper than [`MAX_DEPTH`].
pub fn check(text: &str) -> Result<(), Malformed> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    // The start tags not yet closed: where each name is in the text.
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut root_seen = false;
    loop {
        let at = reader.buffer_position() as usize;
        let malformed = |why: &str| Malformed::new(at, why);
        let event = reader.read_event().map_err(|e| Malformed::new(reader.error_position() as usize, e))?;
        match event {
            Event::Start(_) | Event::Empty(_) if open.is_empty() && root_seen => {
                return Err(malformed("a second root element (a document has one)"));
            }
            Event::Start(tag) => {
                root_seen = true;
                check_attributes(&tag, at)?;
                let name = at + 1;
                open.push((name, name + tag.name().as_ref().len()));
                if open.len() > MAX_DEPTH {
                    let message =
                        format!("elements nested more than {MAX_DEPTH} deep, more than the generator reads");
                    return Err(Malformed { offset: at, message });
                }
            }
            Event::Empty(tag) => {
                root_seen = true;
                check_attributes(&tag, at)?;
            }
            Event::End(_) => {
                open.pop();
            }
            // XML's white space: a form feed, which `is_ascii_whitespace` takes, is not.
            Event::Text(t)
                if open.is_empty() && !t.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n')) =>
            {
                return Err(malformed("text outside the root element"));
            }
            Event::CData(_) | Event::GeneralRef(_) if open.is_empty() => {
                return Err(malformed("text outside the root element"));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(&(start, end)) = open.last() {
        let why = format!("the document ends inside `<{}>`, which is never closed", &text[start..end]);
        return Err(Malformed::new(text.len(), why));
    }
    if !root_seen {
        return Err(Malformed::new(text.len(), "no root element"));
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
        return Err(Malformed::new(at + 1 + position, message));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const XS: &str = r#"xmlns:xs="http://www.w3.org/2001/XMLSchema""#;

    /// Where and why `text` is refused (without the `not well-formed XML: ` every message but the
    /// depth's starts with).
    fn refused(text: &str) -> (usize, String) {
        let m = check(text).expect_err("not well-formed");
        (m.offset, m.message.trim_start_matches("not well-formed XML: ").to_owned())
    }

    #[test]
    fn nesting_is_limited() {
        let nested = |depth: usize| {
            format!("<xs:schema {XS}>{}{}</xs:schema>", "<a>".repeat(depth - 1), "</a>".repeat(depth - 1))
        };
        assert_eq!(check(&nested(MAX_DEPTH)), Ok(()));
        let text = nested(MAX_DEPTH + 1);
        let m = check(&text).unwrap_err();
        assert_eq!(m.message, "elements nested more than 100 deep, more than the generator reads");
        assert_eq!(m.offset, text.find("<a>").unwrap() + 3 * (MAX_DEPTH - 1));
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
        assert_eq!(message_of(&format!("<xs:schema {XS}/>\u{c}")), "text outside the root element");
    }
}
