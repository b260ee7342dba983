//! A schema file's bytes as text. XSD processors read a schema in the encoding its byte-order mark or
//! XML declaration names (tax and government sets ship `windows-1252` and `ISO-8859-1` schemas with
//! accented comments), so the generator does too, through `encoding_rs`. A file decoded from another
//! encoding gets a declaration naming UTF-8, the encoding of the text handed on: the parser would
//! otherwise decode it a second time.

use encoding_rs::{DecoderResult, Encoding, UTF_16BE, UTF_16LE, UTF_8};

use crate::error::excerpt;

/// Why a file's bytes are no text: `message`, where `before` (the file's text up to there, as
/// decoded) ends, which places it on a line and column.
#[derive(Debug, PartialEq)]
pub struct Undecodable {
    pub before: String,
    pub message: String,
}

/// `bytes` as text, in the encoding its byte-order mark, else its XML declaration, else UTF-8 names,
/// without the byte-order mark: it is no content, and the passes after take their offsets from the
/// text (the parser they use counts its positions after a mark it skipped, so with a mark left in,
/// every position in the file was three bytes early, and a slice at one could split a character).
pub fn decode(bytes: Vec<u8>) -> Result<String, Undecodable> {
    let (encoding, bom) = match Encoding::for_bom(&bytes) {
        Some((encoding, bom)) => (encoding, bom),
        None => match declared(&bytes) {
            Some((label, offset)) => {
                // The declaration is ASCII up to its label (see `declared`).
                let at_label = |message: String| Undecodable {
                    before: String::from_utf8_lossy(&bytes[..offset]).into_owned(),
                    message,
                };
                let encoding = Encoding::for_label(label.as_bytes()).ok_or_else(|| {
                    at_label(format!("unknown encoding `{}` in the XML declaration", excerpt(&label)))
                })?;
                if encoding == UTF_16LE || encoding == UTF_16BE {
                    return Err(at_label(format!(
                        "the XML declaration names `{}`, but the file has no byte-order mark",
                        excerpt(&label)
                    )));
                }
                (encoding, 0)
            }
            None => (UTF_8, 0),
        },
    };
    if encoding == UTF_8 {
        let mut text = String::from_utf8(bytes).map_err(|e| {
            let (bytes, offset) = (e.as_bytes(), e.utf8_error().valid_up_to());
            Undecodable {
                before: String::from_utf8_lossy(&bytes[..offset]).into_owned(),
                message: format!(
                    "not valid UTF-8: byte 0x{:02X} (a file in another encoding names it in its XML \
                     declaration)",
                    bytes[offset]
                ),
            }
        })?;
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        return Ok(text);
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut input = &bytes[bom..];
    let mut text = String::with_capacity(decoder.max_utf8_buffer_length(input.len()).unwrap_or(input.len()));
    // The decoder writes into the string's spare capacity and says when it is full.
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(input, &mut text, true);
        input = &input[read..];
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => text.reserve(input.len().saturating_mul(3).max(4)),
            DecoderResult::Malformed(..) => {
                return Err(Undecodable {
                    before: text,
                    message: format!("not valid {} (the encoding the file names)", encoding.name()),
                });
            }
        }
    }
    Ok(declare_utf8(text))
}

/// The `encoding` of the XML declaration `bytes` start with, if any, and the offset of its value
/// (its bytes are ASCII in every encoding this is asked of: the others have a byte-order mark).
fn declared(bytes: &[u8]) -> Option<(String, usize)> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    match reader.read_event() {
        Ok(quick_xml::events::Event::Decl(decl)) => {
            let label = decl.encoding()?.ok()?;
            let declaration: &[u8] = &decl;
            // The label starts after the first quote after `encoding` in the declaration (which the
            // reader of a slice borrows from `bytes`); it may be empty, and its text may stand in
            // the version before it (`version='1.0' encoding='1'`).
            let start = (declaration.as_ptr() as usize).checked_sub(bytes.as_ptr() as usize);
            let name = declaration.windows(b"encoding".len()).position(|w| w == b"encoding");
            let quote = name
                .and_then(|n| declaration[n..].iter().position(|b| matches!(b, b'"' | b'\'')).map(|q| n + q));
            let offset = quote.zip(start).map_or(0, |(q, start)| start + q + 1).min(bytes.len());
            Some((String::from_utf8_lossy(&label).into_owned(), offset))
        }
        _ => None,
    }
}

/// `text` with the value of its declaration's `encoding` replaced by `UTF-8`; no other character of
/// the file moves off its line.
fn declare_utf8(mut text: String) -> String {
    let Some(end) = text.starts_with("<?xml").then(|| text.find("?>")).flatten() else { return text };
    let Some(name) = text[..end].find("encoding") else { return text };
    let Some(open) = text[name..end].find(['"', '\'']).map(|i| name + i) else { return text };
    let quote = &text[open..=open];
    let Some(close) = text[open + 1..end].find(quote).map(|i| open + 1 + i) else { return text };
    text.replace_range(open + 1..close, "UTF-8");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn windows_1252(text: &str) -> Vec<u8> {
        encoding_rs::WINDOWS_1252.encode(text).0.into_owned()
    }

    #[test]
    fn a_declared_single_byte_encoding_is_decoded_and_declared_utf8() {
        let bytes = windows_1252("<?xml version=\"1.0\" encoding='Windows-1252'?>\n<!-- façade, € -->");
        assert_eq!(decode(bytes).unwrap(), "<?xml version=\"1.0\" encoding='UTF-8'?>\n<!-- façade, € -->");
        let latin1 =
            encoding_rs::WINDOWS_1252.encode("<?xml version='1.0' encoding=\"ISO-8859-1\"?><a>ã</a>").0;
        assert_eq!(decode(latin1.into_owned()).unwrap(), "<?xml version='1.0' encoding=\"UTF-8\"?><a>ã</a>");
    }

    #[test]
    fn a_byte_order_mark_decides_over_the_declaration() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>é</a>".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        assert_eq!(decode(bytes).unwrap(), "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>é</a>");
    }

    #[test]
    fn utf8_is_returned_as_it_is_but_for_its_byte_order_mark() {
        let text = "<?xml version=\"1.0\" encoding=\"utf-8\"?><a>é</a>";
        assert_eq!(decode(format!("\u{feff}{text}").into_bytes()).unwrap(), text);
        assert_eq!(decode(text.as_bytes().to_vec()).unwrap(), text);
        assert_eq!(decode(b"<a/>".to_vec()).unwrap(), "<a/>");
    }

    #[test]
    fn what_cannot_be_decoded_is_an_error_that_says_why_and_where() {
        let unknown = decode(b"<?xml version='1.0' encoding='EBCDIC-XX'?><a/>".to_vec()).unwrap_err();
        assert_eq!(unknown.message, "unknown encoding `EBCDIC-XX` in the XML declaration");
        assert_eq!(unknown.before, "<?xml version='1.0' encoding='");
        // Found by the `generate` fuzz target: an empty label panicked while its place was sought.
        let empty = decode(b"<?xml version='1.0' encoding=\"\"?><a/>".to_vec()).unwrap_err();
        assert_eq!(empty.message, "unknown encoding `` in the XML declaration");
        assert_eq!(empty.before, "<?xml version='1.0' encoding=\"");
        let one = decode(b"<?xml version='1.0' encoding='1'?><a/>".to_vec()).unwrap_err();
        assert_eq!(one.before, "<?xml version='1.0' encoding='");
        let no_bom = decode(b"<?xml version='1.0' encoding='UTF-16'?><a/>".to_vec()).unwrap_err();
        assert!(no_bom.message.contains("no byte-order mark"), "{}", no_bom.message);
        assert_eq!(no_bom.before, "<?xml version='1.0' encoding='");
        let latin1_as_utf8 = decode(windows_1252("<a>\n <b>façade</b>é</a>")).unwrap_err();
        assert_eq!(
            latin1_as_utf8,
            Undecodable {
                before: "<a>\n <b>fa".into(),
                message: "not valid UTF-8: byte 0xE7 (a file in another encoding names it in its XML \
                          declaration)"
                    .into()
            }
        );
        // `あ`, then the first byte of a two-byte character followed by `<`: malformed after `あ`.
        let shift_jis =
            decode(b"<?xml version='1.0' encoding='Shift_JIS'?>\n<a>\x82\xa0\x81</a>".to_vec()).unwrap_err();
        assert_eq!(shift_jis.message, "not valid Shift_JIS (the encoding the file names)");
        assert_eq!(shift_jis.before, "<?xml version='1.0' encoding='Shift_JIS'?>\n<a>\u{3042}");
    }
}
