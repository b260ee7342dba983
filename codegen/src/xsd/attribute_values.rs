//! Attribute-value normalization (XML 1.0 §3.3.3), which the parser leaves undone: in an attribute
//! value each tab, line feed and carriage return written as such is a space (a `fixed` value
//! written across a line end, `a` on one line and `b` on the next, fixes `a b`), while a character
//! reference (`&#10;`) stays the character it names. Done on the text the parser reads, one byte
//! for one, so that offsets stay those of the file; the positions of diagnostics come from the
//! file's own text.

use std::borrow::Cow;

use quick_xml::events::Event;
use quick_xml::Reader;

/// `text` with the white space in its start tags' attribute values normalized; unchanged (and not
/// copied) when there is none. Text that is not well-formed is normalized up to where it stops
/// being, for the parser to report.
pub fn normalize(text: &str) -> Cow<'_, str> {
    let mut reader = Reader::from_str(text);
    let mut tags = Vec::new();
    loop {
        let at = reader.buffer_position() as usize;
        match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(_) | Event::Empty(_)) => {
                let end = reader.buffer_position() as usize;
                if let Some(tag) = normalize_tag(&text[at..end]) {
                    tags.push((at, end, tag));
                }
            }
            Ok(_) => {}
        }
    }
    super::splice(text, tags)
}

/// Start tag `tag` with the white space in its attribute values made spaces, if there is any.
fn normalize_tag(tag: &str) -> Option<String> {
    if !tag.contains(['\t', '\n', '\r']) {
        return None;
    }
    let (mut quote, mut changed) = (None, false);
    let normalized = tag
        .chars()
        .map(|c| match (quote, c) {
            (None, '"' | '\'') => {
                quote = Some(c);
                c
            }
            (Some(q), _) if c == q => {
                quote = None;
                c
            }
            (Some(_), '\t' | '\n' | '\r') => {
                changed = true;
                ' '
            }
            _ => c,
        })
        .collect();
    changed.then_some(normalized)
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn white_space_in_attribute_values_becomes_spaces_and_nothing_else_moves() {
        let text = "<s a=\"x\n\ty\" b='1\r2'\n   c=\"&#10;\">\n<e v=\"p\nq\"/><!-- \"a\nb\" --><![CDATA[\"x\ny\"]]>t\n</s>";
        let normalized = normalize(text);
        assert_eq!(
            normalized,
            "<s a=\"x  y\" b='1 2'\n   c=\"&#10;\">\n<e v=\"p q\"/><!-- \"a\nb\" --><![CDATA[\"x\ny\"]]>t\n</s>"
        );
        assert_eq!(normalized.len(), text.len());
    }

    #[test]
    fn text_without_such_values_is_not_copied() {
        let text = "<s a=\"x y\">\n<e/>\n</s>";
        assert!(matches!(normalize(text), std::borrow::Cow::Borrowed(_)));
    }
}
