//! The schema parser's errors as diagnostics like the others: the element path and what was met
//! or missed, at a line and column, instead of the parser's byte offset and its debug dump of a
//! `quick_xml` event (`Unexpected event: Empty(BytesStart { buf: Owned("xs:enumeratoin …") … })`).
//!
//! The parser reports the offset where its reader stood after the event it could not place, in the
//! text it was given: the document as [`Source::read`] gives it, with white space in attribute
//! values made spaces (which moves nothing). The diagnostic points at the start of that markup.

use std::num::ParseIntError;
use std::path::Path;

use url::Url;
use xsd_parser::pipeline::parser::{Error as ParserError, XmlErrorWithLocation};
use xsd_parser_types::quick_xml::{DeserializeStrError, Error as XmlError, ErrorKind as Kind, Event};

use super::positions::location_at;
use super::resolve::Source;
use super::shipped;
use crate::error::{excerpt, Diagnostic};
use crate::model::{trim_xml, Location};

/// `error`, met while parsing `file` or a document it includes or imports.
pub fn diagnostic(error: ParserError<String>, file: &Path) -> Diagnostic {
    let ParserError::XmlError(XmlErrorWithLocation { error, location }) = error else {
        // The resolver's errors carry their own position; the rest are about the file as a whole.
        let message = match error {
            ParserError::Resolver(message) => message,
            other => other.to_string(),
        };
        return Diagnostic::new(Location { file: file.to_owned(), ..Location::default() }, message);
    };
    let source = location.as_ref().and_then(source_of).unwrap_or_else(|| Source::File(file.to_owned()));
    let path = source.display();
    let at = match (error.position, source.read()) {
        (Some(offset), Ok(text)) => {
            let offset = usize::try_from(offset).unwrap_or(usize::MAX).min(text.len());
            location_at(&path, &text, markup_start(&text, offset))
        }
        _ => Location { file: path, ..Location::default() },
    };
    Diagnostic::new(at, message(&error))
}

/// The document a URL of the parser's names: a file or a shipped schema (a chameleon include's
/// URL carries its namespace as a fragment).
fn source_of(url: &Url) -> Option<Source> {
    let mut url = url.clone();
    url.set_fragment(None);
    match url.scheme() {
        "file" => url.to_file_path().ok().map(Source::File),
        _ => shipped::by_url(url.as_str()).map(Source::Shipped),
    }
}

/// Where the markup before `offset` starts: the `<` of the tag the reader has just passed, or the
/// start of the text it has just passed.
fn markup_start(text: &str, offset: usize) -> usize {
    let before = &text.as_bytes()[..offset];
    match before.iter().rposition(|&b| b == b'<' || b == b'>') {
        None => 0,
        // Inside a tag.
        Some(i) if before[i] == b'<' => i,
        // After text: it starts after the tag before it, at its first character that is not white
        // space.
        Some(i) if i + 1 < offset => {
            let text = &before[i + 1..];
            i + 1 + text.iter().position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r')).unwrap_or(0)
        }
        // Just after a tag.
        Some(i) => before[..i].iter().rposition(|&b| b == b'<').unwrap_or(0),
    }
}

fn message(error: &XmlError) -> String {
    let place = match error.elements.as_deref() {
        Some(path) if !path.is_empty() => format!(" in `{}`", path.join("/")),
        _ => String::new(),
    };
    let met = match &error.kind {
        Kind::UnexpectedEvent(event) => unexpected(event),
        Kind::UnexpectedEoF => "unexpected end of the document".to_owned(),
        Kind::UnexpectedEoL => "unexpected end of an element".to_owned(),
        Kind::MissingAttribute(name) => format!("missing attribute {name}"),
        Kind::UnexpectedAttribute(name) => format!("unexpected attribute {name}"),
        Kind::DuplicateAttribute(name) => format!("attribute {name} given twice"),
        Kind::MissingElement(name) => format!("missing element {name}"),
        Kind::DuplicateElement(name) => format!("element {name} given twice"),
        Kind::UnknownOrInvalidValue(value) => format!("invalid value {value}"),
        Kind::InvalidValue(value, why) => format!("invalid value {value}: {why}"),
        // A number the parser reads through `FromStr` (`minOccurs="x"`, `maxOccurs="-1"`).
        Kind::Custom(custom) => match custom.downcast_ref::<DeserializeStrError<ParseIntError>>() {
            Some(e) => format!("invalid value \"{}\" ({})", excerpt(&e.value), e.error),
            None => custom.to_string(),
        },
        other => other.to_string(),
    };
    format!("{met}{place}")
}

/// What an event the parser did not expect is, as a schema's author would name it.
fn unexpected(event: &Event<'_>) -> String {
    let name = |raw: &[u8]| String::from_utf8_lossy(raw).into_owned();
    match event {
        Event::Start(tag) | Event::Empty(tag) => {
            format!("unexpected element `{}`", excerpt(&name(tag.name().as_ref())))
        }
        Event::End(tag) => format!("unexpected end tag `</{}>`", excerpt(&name(tag.name().as_ref()))),
        Event::Text(text) => format!("unexpected text \"{}\"", excerpt(trim_xml(&name(text)))),
        Event::CData(_) => "unexpected CDATA section".to_owned(),
        Event::GeneralRef(r) => format!("unexpected reference `&{};`", excerpt(&name(r))),
        Event::Comment(_) | Event::PI(_) | Event::Decl(_) | Event::DocType(_) => {
            "unexpected markup".to_owned()
        }
        Event::Eof => "unexpected end of the document".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::markup_start;

    #[test]
    fn positions_point_at_the_markup_the_reader_passed() {
        let text = "<a>\n  <b x=\"1\"/>\n  text\n</a>";
        let after_b = text.find("/>").unwrap() + 2;
        assert_eq!(markup_start(text, after_b), text.find("<b").unwrap());
        let in_text = text.find("text").unwrap() + 4;
        assert_eq!(markup_start(text, in_text), text.find("text").unwrap());
        assert_eq!(markup_start(text, 0), 0);
    }
}
