//! A schema file's bytes as text. XSD processors read a schema in the encoding its byte-order mark or
//! XML declaration names (tax and government sets ship `windows-1252` and `ISO-8859-1` schemas with
//! accented comments), so the generator does too, through `encoding_rs`. A file decoded from another
//! encoding gets a declaration naming UTF-8, the encoding of the text handed on: the parser would
//! otherwise decode it a second time.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

use crate::error::excerpt;

/// `bytes` as text, in the encoding its byte-order mark, else its XML declaration, else UTF-8 names.
/// A UTF-8 file is returned as it is, byte-order mark included.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    let (encoding, bom) = match Encoding::for_bom(&bytes) {
        Some((encoding, bom)) => (encoding, bom),
        None => match declared(&bytes) {
            Some(label) => {
                let encoding = Encoding::for_label(label.as_bytes()).ok_or_else(|| {
                    format!("unknown encoding `{}` in the XML declaration", excerpt(&label))
                })?;
                if encoding == UTF_16LE || encoding == UTF_16BE {
                    return Err(format!(
                        "the XML declaration names `{}`, but the file has no byte-order mark",
                        excerpt(&label)
                    ));
                }
                (encoding, 0)
            }
            None => (UTF_8, 0),
        },
    };
    if encoding == UTF_8 {
        return String::from_utf8(bytes).map_err(|e| not_utf8(e.as_bytes(), e.utf8_error().valid_up_to()));
    }
    let (text, malformed) = encoding.decode_without_bom_handling(&bytes[bom..]);
    if malformed {
        return Err(format!("not valid {} (the encoding the file names)", encoding.name()));
    }
    Ok(declare_utf8(text.into_owned()))
}

/// Where `bytes` stop being UTF-8 (at byte `at`), as a schema's author finds it in an editor.
fn not_utf8(bytes: &[u8], at: usize) -> String {
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    // The prefix is valid UTF-8: count its characters.
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    format!(
        "not valid UTF-8: byte 0x{:02X} at line {line}, column {column} (a file in another encoding \
         names it in its XML declaration)",
        bytes[at]
    )
}

/// The `encoding` of the XML declaration `bytes` start with, if any (its bytes are ASCII in every
/// encoding this is asked of: the others have a byte-order mark).
fn declared(bytes: &[u8]) -> Option<String> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    match reader.read_event() {
        Ok(quick_xml::events::Event::Decl(decl)) => {
            let label = decl.encoding()?.ok()?;
            Some(String::from_utf8_lossy(&label).into_owned())
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
    fn utf8_is_returned_as_it_is() {
        let text = "\u{feff}<?xml version=\"1.0\" encoding=\"utf-8\"?><a>é</a>";
        assert_eq!(decode(text.as_bytes().to_vec()).unwrap(), text);
        assert_eq!(decode(b"<a/>".to_vec()).unwrap(), "<a/>");
    }

    #[test]
    fn what_cannot_be_decoded_is_an_error_that_says_why() {
        let unknown = decode(b"<?xml version='1.0' encoding='EBCDIC-XX'?><a/>".to_vec()).unwrap_err();
        assert_eq!(unknown, "unknown encoding `EBCDIC-XX` in the XML declaration");
        let no_bom = decode(b"<?xml version='1.0' encoding='UTF-16'?><a/>".to_vec()).unwrap_err();
        assert!(no_bom.contains("no byte-order mark"), "{no_bom}");
        let latin1_as_utf8 = decode(windows_1252("<a>\n <b>façade</b>é</a>")).unwrap_err();
        assert_eq!(
            latin1_as_utf8,
            "not valid UTF-8: byte 0xE7 at line 2, column 7 (a file in another encoding names it in its XML \
             declaration)"
        );
        let shift_jis =
            decode(b"<?xml version='1.0' encoding='Shift_JIS'?><a>\x81</a>".to_vec()).unwrap_err();
        assert!(shift_jis.contains("not valid Shift_JIS"), "{shift_jis}");
    }
}
