//! Whether a schema document is well-formed XML, checked before the parser reads it. The parser's
//! reader (xsd-parser 1.5.2) never returns on a document that ends inside an annotation's content
//! (`<xs:appinfo>` or `<xs:documentation>` left open: a truncated file), and its other errors give a
//! byte offset where a schema author wants a line and a column. So every document is read here
//! first, and one that is not well-formed is reported, with its position, instead of parsed.

use quick_xml::errors::IllFormedError;
use quick_xml::events::attributes::AttrError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::entities::{character, predefined};
use crate::error::excerpt;

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

/// Checks the XML 1.0 document production as far as a schema parser relies on it: characters that
/// XML allows, the syntax of tags, comments, CDATA sections and processing instructions, element
/// and attribute names that are XML names, matching end tags, attributes (quoted, each named once),
/// exactly one root element, and nothing but white space, comments and processing instructions
/// around it; in attribute values, the references (text content is the parser's, and references
/// in documentation are [protected](super::documentation) from it). Also refuses elements nested
/// deeper than [`MAX_DEPTH`].
pub fn check(text: &str) -> Result<(), Malformed> {
    check_characters(text)?;
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    // The start tags not yet closed: where each name is in the text.
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut root_seen = false;
    loop {
        let at = reader.buffer_position() as usize;
        let malformed = |why: &str| Malformed::new(at, why);
        let event =
            reader.read_event().map_err(|e| Malformed::new(reader.error_position() as usize, describe(e)))?;
        match event {
            Event::Start(_) | Event::Empty(_) if open.is_empty() && root_seen => {
                return Err(malformed("a second root element (a document has one)"));
            }
            Event::Start(tag) => {
                root_seen = true;
                check_tag(&tag, at)?;
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
                check_tag(&tag, at)?;
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

/// quick-xml's account of an error, with an end tag's name quoted briefly when it is no name (it
/// runs to the next `>`, which may be lines and lines of the document).
fn describe(error: quick_xml::Error) -> String {
    let quoted = |name: &str| if is_name(name) { name.to_owned() } else { excerpt(name) };
    match error {
        quick_xml::Error::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
            format!("ill-formed document: expected `</{expected}>`, but `</{}>` was found", quoted(&found))
        }
        quick_xml::Error::IllFormed(IllFormedError::UnmatchedEndTag(found)) => {
            format!("ill-formed document: close tag `</{}>` does not match any open tag", quoted(&found))
        }
        other => other.to_string(),
    }
}

/// Every character is one XML 1.0 allows (`Char`): no control character but tab, line feed and
/// carriage return, no U+FFFE or U+FFFF (a `str` holds no surrogates). XML 1.1 allows more only as
/// character references.
fn check_characters(text: &str) -> Result<(), Malformed> {
    match text.char_indices().find(|&(_, c)| !is_char(c)) {
        Some((offset, c)) => {
            Err(Malformed::new(offset, format!("character U+{:04X} is not allowed in XML", u32::from(c))))
        }
        None => Ok(()),
    }
}

/// XML 1.0 `Char`.
fn is_char(c: char) -> bool {
    (c >= ' ' || matches!(c, '\t' | '\n' | '\r')) && !matches!(c, '\u{fffe}' | '\u{ffff}')
}

/// Where `part` (a slice of the tag's buffer) starts, counted from the tag's name.
pub(super) fn tag_offset(tag: &BytesStart<'_>, part: &[u8]) -> Option<usize> {
    let buffer: &[u8] = tag.as_ref();
    (part.as_ptr() as usize).checked_sub(buffer.as_ptr() as usize).filter(|&o| o <= buffer.len())
}

/// XML 1.0 (fifth edition) `Name`.
pub(super) fn is_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(is_name_start) && chars.all(|c| is_name_start(c) || is_name_rest(c))
}

fn is_name_start(c: char) -> bool {
    matches!(c,
        ':' | 'A'..='Z' | '_' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{2FF}' | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}'
        | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}'
        | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

fn is_name_rest(c: char) -> bool {
    matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// Tag `tag` (which starts at `at`) is well-formed: its attributes quoted, each named once, their
/// values without `<` or a stray `&`; then its name and its attributes' names are XML names (`Name`:
/// a letter, `_` or `:`, then letters, digits, `.`, `-`…), which quick-xml does not check: it takes
/// whatever stands before white space, `=` or `>`.
fn check_tag(tag: &BytesStart<'_>, at: usize) -> Result<(), Malformed> {
    let mut bad_key = None;
    for attribute in tag.attributes().with_checks(true) {
        let e = match attribute {
            Ok(attribute) => {
                let value = attribute.value.as_ref();
                if let Some((i, why)) = value_fault(value) {
                    let offset = tag_offset(tag, value).map_or(at + 1, |o| at + 1 + o + i);
                    return Err(Malformed::new(offset, why));
                }
                let key = String::from_utf8_lossy(attribute.key.as_ref());
                if bad_key.is_none() && !is_name(&key) {
                    let offset = tag_offset(tag, attribute.key.as_ref()).map_or(at + 1, |o| at + 1 + o);
                    let message = format!("attribute name \"{}\" is not an XML name", excerpt(&key));
                    bad_key = Some(Malformed::new(offset, message));
                }
                continue;
            }
            Err(e) => e,
        };
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
    let name = tag.name();
    let name = String::from_utf8_lossy(name.as_ref());
    if !is_name(&name) {
        return Err(Malformed::new(at + 1, format!("\"{}\" is not an XML name", excerpt(&name))));
    }
    bad_key.map_or(Ok(()), Err)
}

/// Where and why raw attribute value `value` is not XML: a `<`, an `&` that begins no character
/// or entity reference (`&name;`, `&#10;`, `&#xA;`), a reference to a character XML does not
/// allow, or to an entity that is not declared. The entities a DOCTYPE declares are expanded
/// before this check ([`entities`](super::entities)), so what is left of them names nothing
/// declared; quick-xml leaves all of this to whoever unescapes.
fn value_fault(value: &[u8]) -> Option<(usize, String)> {
    let mut i = 0;
    while let Some(found) = value[i..].iter().position(|&b| b == b'<' || b == b'&') {
        i += found;
        if value[i] == b'<' {
            return Some((i, "`<` in an attribute value (XML writes it `&lt;`)".to_owned()));
        }
        let Some(length) = reference_length(&value[i..]) else {
            let why = "`&` that begins no reference in an attribute value (XML writes it `&amp;`)";
            return Some((i, why.to_owned()));
        };
        let reference = String::from_utf8_lossy(&value[i..i + length]);
        let body = &reference[1..reference.len() - 1];
        if body.starts_with('#') {
            if !character(body).is_some_and(is_char) {
                return Some((i, format!("`{}` refers to no character XML allows", excerpt(&reference))));
            }
        } else if predefined(body).is_none() {
            let why = format!(
                "`{}` refers to an entity the document does not declare (XML predefines `lt`, `gt`, \
                 `amp`, `apos` and `quot`)",
                excerpt(&reference)
            );
            return Some((i, why));
        }
        i += length;
    }
    None
}

/// The length of the reference `text` starts with (at its `&`), if it is one.
fn reference_length(text: &[u8]) -> Option<usize> {
    let end = text.iter().position(|&b| b == b';')?;
    let body = std::str::from_utf8(&text[1..end]).ok()?;
    let valid = match body.strip_prefix('#') {
        Some(hex) if hex.starts_with('x') => hex.len() > 1 && hex[1..].bytes().all(|b| b.is_ascii_hexdigit()),
        Some(decimal) => !decimal.is_empty() && decimal.bytes().all(|b| b.is_ascii_digit()),
        None => is_name(body) && !body.contains(':'),
    };
    valid.then_some(end + 1)
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
        let text = format!("<xs:schema {XS}><a></a\n  <b x=\"1\"/>\n  <c/></xs:schema>");
        assert_eq!(
            message_of(&text),
            "ill-formed document: expected `</a>`, but `</a\\n  <b x=\\\"1\\\"/>` was found"
        );
        let text = format!("<xs:schema {XS}><a></{}></xs:schema>", "é".repeat(50));
        assert!(
            message_of(&text).ends_with(&format!("`</{}>` was found", "é".repeat(50))),
            "{}",
            message_of(&text)
        );
        let text = format!("<xs:schema {XS}><a></{}&></xs:schema>", "é".repeat(50));
        assert!(
            message_of(&text).ends_with(&format!("`</{}…>` was found", "é".repeat(40))),
            "{}",
            message_of(&text)
        );
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
    fn names_and_characters_are_xml_s() {
        for name in ["a", "xs:element", "_x", ":", "é-1.b", "a\u{B7}\u{300}", "\u{10000}"] {
            assert!(is_name(name), "{name:?}");
        }
        for name in ["", "1a", "-a", ".a", "a&b", "a\"b", "a b", "a\u{2002}", "\u{B7}"] {
            assert!(!is_name(name), "{name:?}");
        }
        let text = format!("<xs:schema {XS}><a&b/></xs:schema>");
        let (offset, message) = refused(&text);
        assert_eq!((&text[offset..offset + 3], message.as_str()), ("a&b", "\"a&b\" is not an XML name"));
        let text = format!("<xs:schema {XS}><a -x=\"1\"/></xs:schema>");
        let (offset, message) = refused(&text);
        assert_eq!(
            (&text[offset..offset + 2], message.as_str()),
            ("-x", "attribute name \"-x\" is not an XML name")
        );
        for (c, hex) in [('\u{0}', "0000"), ('\u{1f}', "001F"), ('\u{fffe}', "FFFE")] {
            let text = format!("<xs:schema {XS}><!-- {c} --></xs:schema>");
            let (offset, message) = refused(&text);
            assert_eq!(offset, text.find(c).unwrap());
            assert_eq!(message, format!("character U+{hex} is not allowed in XML"));
        }
        assert_eq!(check(&format!("<xs:schema {XS}>\t\r\n\u{fffd}\u{10ffff}</xs:schema>")), Ok(()));
    }

    #[test]
    fn attribute_values_hold_no_markup() {
        for value in ["a", "&lt;&amp;&#10;&#xA;&#x10FFFF;&#65533;", "a>b", "", "&quot;&apos;&gt;"] {
            assert_eq!(value_fault(value.as_bytes()), None, "{value}");
        }
        for (value, at) in [
            ("a<b", 1),
            ("&", 0),
            ("x&y", 1),
            ("&#;", 0),
            ("&#x;", 0),
            ("&#1a;", 0),
            ("&a b;", 0),
            ("&lt;&p:q;", 4),
            ("&#9;&#0;", 4),
            ("&#xFFFE;", 0),
            ("&#x110000;", 0),
            ("&#99999999999;", 0),
            ("a&nbsp;", 1),
            ("&a.b-c;", 0),
        ] {
            assert_eq!(value_fault(value.as_bytes()).map(|(i, _)| i), Some(at), "{value}");
        }
        let text = format!("<xs:schema {XS}><a v=\"x&y\"/></xs:schema>");
        let (offset, message) = refused(&text);
        assert_eq!(
            (&text[offset..offset + 2], message.as_str()),
            ("&y", "`&` that begins no reference in an attribute value (XML writes it `&amp;`)")
        );
        let text = format!("<xs:schema {XS}><a v=\"x&nbsp;\" w=\"&#x1;\"/></xs:schema>");
        let (offset, message) = refused(&text);
        assert_eq!(
            (&text[offset..offset + 6], message.as_str()),
            (
                "&nbsp;",
                "`&nbsp;` refers to an entity the document does not declare (XML predefines `lt`, `gt`, \
                 `amp`, `apos` and `quot`)"
            )
        );
        let text = format!("<xs:schema {XS}><a w=\"&#x1;\"/></xs:schema>");
        assert_eq!(refused(&text).1, "`&#x1;` refers to no character XML allows");
        let text = format!("<xs:schema {XS}><a v='<'/></xs:schema>");
        let (offset, message) = refused(&text);
        assert_eq!(
            (&text[offset..offset + 1], message.as_str()),
            ("<", "`<` in an attribute value (XML writes it `&lt;`)")
        );
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
        // A form feed, which `is_ascii_whitespace` takes, is no XML character at all.
        assert_eq!(message_of(&format!("<xs:schema {XS}/>\u{c}")), "character U+000C is not allowed in XML");
        assert_eq!(message_of(&format!("<xs:schema {XS}/>\u{2002}")), "text outside the root element");
    }
}
