//! The text of a document given as bytes: the first stage of reading from bytes, as XML 1.0 says
//! (§4.3.3 and Appendix F). A byte-order mark or the first four bytes tell UTF-8 from UTF-16; the XML
//! declaration's `encoding` names any other encoding. Reading bytes as UTF-8 whatever they declare
//! would fail on UTF-16 files and, worse, read a Latin-1 `Ã©` as `é` without a word.

use std::borrow::Cow;

use crate::reader::{element_path, line_column};
use crate::{Error, ErrorKind};

/// The text of an XML document given as bytes.
///
/// Always read: UTF-8 (with or without a byte-order mark), UTF-16 in either byte order (with a
/// byte-order mark, or starting `<?xml`), ISO-8859-1 and US-ASCII. With the crate's `encoding`
/// feature, also every other encoding the [WHATWG Encoding Standard](https://encoding.spec.whatwg.org/)
/// names (windows-1252, Shift_JIS, GBK, KOI8-R, ISO-8859-2…), through `encoding_rs`.
///
/// UTF-8 text is borrowed, the rest decoded into a new string. The declaration is left as it is:
/// what reads the text ignores its `encoding`, and writers write UTF-8 without one.
///
/// Errors ([`ErrorKind::Encoding`]) name the line, column and element of the first byte that is not
/// of the encoding, or say why the encoding is not read: UCS-4, a declaration that contradicts the
/// byte-order mark, an unknown encoding name.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, Error> {
    match bytes {
        [0, 0, 0xFE, 0xFF, ..] | [0xFF, 0xFE, 0, 0, ..] | [0, 0, 0, b'<', ..] | [b'<', 0, 0, 0, ..] => {
            Err(at_start("the document is in UCS-4 (UTF-32), which is not read".into()))
        }
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0, b'<', 0, b'?', ..] => utf16(bytes, u16::from_be_bytes),
        [b'<', 0, b'?', 0, ..] => utf16(bytes, u16::from_le_bytes),
        [0xEF, 0xBB, 0xBF, rest @ ..] => match declared(rest) {
            Some(label) if !is_utf8(label) => Err(contradiction("UTF-8", label)),
            _ => utf8(bytes),
        },
        _ => match declared(bytes) {
            None => utf8(bytes),
            Some(label) if is_utf8(label) => utf8(bytes),
            Some(label) if is_utf16(label) => Err(at_start(format!(
                "the declaration says {} but the document is not in UTF-16 (no byte-order mark, and \
                 `<?xml` is in 8-bit characters)",
                show(label)
            ))),
            Some(label) if is_latin1(label) => Ok(latin1(bytes)),
            Some(label) if is_ascii(label) => ascii(bytes),
            Some(label) => other(bytes, label),
        },
    }
}

/// UTF-8, with the line, column and element of the first byte that is not.
fn utf8(bytes: &[u8]) -> Result<Cow<'_, str>, Error> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            Err(error_after(valid, e.to_string()))
        }
    }
}

/// UTF-16 code units made of byte pairs by `unit`, after any byte-order mark.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<Cow<'static, str>, Error> {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len() / 2);
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => text.push(c),
            Err(e) => {
                let msg = format!("unpaired UTF-16 surrogate {:#06X}", e.unpaired_surrogate());
                return Err(error_after(&text, msg));
            }
        }
    }
    if bytes.len() % 2 == 1 {
        return Err(error_after(&text, "UTF-16 text ends in half a character".into()));
    }
    match declared(text.as_bytes()) {
        Some(label) if !is_utf16(label) => Err(contradiction("UTF-16", label)),
        _ => Ok(Cow::Owned(text)),
    }
}

/// ISO-8859-1: each byte is the character of that number (0x80–0x9F too, which windows-1252, the
/// encoding web browsers read under this name, would take for quotes and dashes).
fn latin1(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) if bytes.is_ascii() => Cow::Borrowed(text),
        _ => Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect()),
    }
}

/// US-ASCII: bytes below 0x80.
fn ascii(bytes: &[u8]) -> Result<Cow<'_, str>, Error> {
    let valid = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(bytes.len());
    let text = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
    match bytes.get(valid) {
        None => Ok(Cow::Borrowed(text)),
        Some(b) => Err(error_after(text, format!("byte {b:#04X} is not US-ASCII"))),
    }
}

/// Any other encoding, by the WHATWG Encoding Standard's labels.
#[cfg(feature = "encoding")]
fn other<'a>(bytes: &'a [u8], label: &[u8]) -> Result<Cow<'a, str>, Error> {
    use encoding_rs::{DecoderResult, REPLACEMENT, UTF_8};
    let Some(encoding) = encoding_rs::Encoding::for_label(label).filter(|e| *e != REPLACEMENT) else {
        return Err(at_start(format!("unknown encoding {}", show(label))));
    };
    if encoding == UTF_8 {
        return utf8(bytes);
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder.max_utf8_buffer_length_without_replacement(bytes.len()).unwrap_or(0);
    let mut text = String::with_capacity(capacity);
    match decoder.decode_to_string_without_replacement(bytes, &mut text, true) {
        (DecoderResult::InputEmpty, _) => Ok(Cow::Owned(text)),
        (DecoderResult::Malformed(..), _) => {
            Err(error_after(&text, format!("a byte sequence that is not {}", encoding.name())))
        }
        // Only if the capacity computed above were wrong.
        (DecoderResult::OutputFull, _) => Err(at_start("the document is too large to decode".into())),
    }
}

/// Any other encoding: only with the `encoding` feature.
#[cfg(not(feature = "encoding"))]
fn other<'a>(_bytes: &'a [u8], label: &[u8]) -> Result<Cow<'a, str>, Error> {
    Err(at_start(format!(
        "the document is in {}, which is read with the `encoding` feature of enhanced-presence \
         (UTF-8, UTF-16, ISO-8859-1 and US-ASCII are read without it)",
        show(label)
    )))
}

/// The `encoding` of the XML declaration at the start of `text` (ASCII-compatible bytes), if any.
fn declared(text: &[u8]) -> Option<&[u8]> {
    let rest = text.strip_prefix(b"<?xml")?;
    if !matches!(rest.first(), Some(b' ' | b'\t' | b'\r' | b'\n')) {
        return None;
    }
    let declaration = &rest[..rest.windows(2).position(|w| w == b"?>")?];
    // A declaration is ASCII; one that is not, or is malformed, declares nothing here (the reader
    // reports it where it stands).
    let declaration = std::str::from_utf8(declaration).ok()?;
    crate::reader::declaration::parse(declaration).ok()?.encoding.map(str::as_bytes)
}

fn is_one_of(label: &[u8], names: &[&str]) -> bool {
    names.iter().any(|n| label.eq_ignore_ascii_case(n.as_bytes()))
}

fn is_utf8(label: &[u8]) -> bool {
    is_one_of(label, &["UTF-8", "UTF8"])
}

fn is_utf16(label: &[u8]) -> bool {
    is_one_of(label, &["UTF-16", "UTF-16LE", "UTF-16BE", "UTF16", "ISO-10646-UCS-2", "UCS-2", "csUnicode"])
}

/// The IANA names of ISO-8859-1.
fn is_latin1(label: &[u8]) -> bool {
    let names =
        ["ISO-8859-1", "ISO_8859-1", "ISO8859-1", "ISO_8859-1:1987", "latin1", "l1", "IBM819", "CP819"];
    is_one_of(label, &names) || is_one_of(label, &["csISOLatin1", "iso-ir-100"])
}

/// The IANA names of US-ASCII.
fn is_ascii(label: &[u8]) -> bool {
    let names =
        ["US-ASCII", "ASCII", "ANSI_X3.4-1968", "ANSI_X3.4-1986", "ISO646-US", "us", "IBM367", "cp367"];
    is_one_of(label, &names) || is_one_of(label, &["csASCII", "iso-ir-6", "ISO_646.irv:1991"])
}

/// A declared encoding name as the message shows it.
fn show(label: &[u8]) -> String {
    format!("\"{}\"", String::from_utf8_lossy(label))
}

fn contradiction(mark: &str, label: &[u8]) -> Error {
    at_start(format!("the byte-order mark says {mark} but the declaration says {}", show(label)))
}

fn at_start(msg: String) -> Error {
    Error::new(ErrorKind::Encoding(msg), 1, 1, "/")
}

/// An error at the end of `decoded`, the text before the fault.
fn error_after(decoded: &str, msg: String) -> Error {
    let (line, column) = line_column(decoded.as_bytes(), decoded.len());
    Error::new(ErrorKind::Encoding(msg), line, column, element_path(decoded, decoded.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let bom = bom.then_some(0xFEFF);
        bom.into_iter().chain(text.encode_utf16()).flat_map(u16::to_le_bytes).collect()
    }

    fn utf16be(text: &str, bom: bool) -> Vec<u8> {
        let bom = bom.then_some(0xFEFF);
        bom.into_iter().chain(text.encode_utf16()).flat_map(u16::to_be_bytes).collect()
    }

    fn message(bytes: &[u8]) -> String {
        decode(bytes).unwrap_err().to_string()
    }

    #[test]
    fn utf8_is_borrowed_with_or_without_a_mark() {
        let xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><a>é</a>";
        assert!(matches!(decode(xml.as_bytes()), Ok(Cow::Borrowed(t)) if t == xml));
        let marked = [&[0xEF, 0xBB, 0xBF][..], xml.as_bytes()].concat();
        assert_eq!(decode(&marked).unwrap().as_bytes(), &marked[..]);
        assert!(matches!(decode(b"<a/>"), Ok(Cow::Borrowed("<a/>"))));
    }

    #[test]
    fn utf16_in_both_byte_orders_with_and_without_a_mark() {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<a b=\"ü\">𝄞 text</a>";
        for bytes in [utf16le(xml, true), utf16be(xml, true), utf16le(xml, false), utf16be(xml, false)] {
            assert_eq!(decode(&bytes).unwrap(), xml);
        }
        // A mark and no declaration.
        assert_eq!(decode(&utf16le("<a>x</a>", true)).unwrap(), "<a>x</a>");
    }

    #[test]
    fn latin1_bytes_are_their_own_characters() {
        // As UTF-8 these two bytes would be `é`: the declaration decides, not the bytes' look.
        let bytes = b"<?xml version='1.0' encoding='ISO-8859-1'?><a>\xC3\xA9 \x93 \xFF</a>";
        assert_eq!(decode(bytes).unwrap(), "<?xml version='1.0' encoding='ISO-8859-1'?><a>Ã© \u{93} ÿ</a>");
        let ascii_only = b"<?xml version=\"1.0\" encoding=\"latin1\"?><a/>";
        assert!(matches!(decode(ascii_only), Ok(Cow::Borrowed(_))));
    }

    #[test]
    fn faults_name_their_place() {
        let msg = message(b"<?xml version=\"1.0\" encoding=\"US-ASCII\"?>\n<a>\n<b>caf\xE9</b></a>");
        assert_eq!(msg, "3:7: /a/b: invalid encoding: byte 0xE9 is not US-ASCII");
        let msg = message(b"<a>\n  <b>\xFF</b></a>");
        assert!(msg.starts_with("2:6: /a/b: invalid encoding: invalid utf-8"), "{msg}");
        let mut bytes = utf16le("<a>\n<b>x", true);
        bytes.extend([0x00, 0xD8]); // a high surrogate with no low one after it
        bytes.extend(utf16le("</b></a>", false));
        assert_eq!(message(&bytes), "2:5: /a/b: invalid encoding: unpaired UTF-16 surrogate 0xD800");
        let mut odd = utf16be("<a/>", true);
        odd.push(b' ');
        assert_eq!(message(&odd), "1:5: /: invalid encoding: UTF-16 text ends in half a character");
    }

    #[test]
    fn contradictions_and_unread_encodings_are_refused() {
        let latin1_in_utf16 = utf16le("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>", true);
        assert_eq!(
            message(&latin1_in_utf16),
            "1:1: /: invalid encoding: the byte-order mark says UTF-16 but the declaration says \"ISO-8859-1\""
        );
        let utf16_in_bytes = b"<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>";
        assert!(message(utf16_in_bytes).contains("is not in UTF-16"));
        let marked = b"\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"latin1\"?><a/>";
        assert!(
            message(marked).contains("the byte-order mark says UTF-8 but the declaration says \"latin1\"")
        );
        assert!(message(b"\0\0\0<\0\0\0a").contains("UCS-4"));
    }

    #[test]
    fn the_declaration_is_found_only_where_it_is() {
        assert_eq!(declared(b"<?xml version=\"1.0\" encoding = 'x-y' ?><a/>"), Some(&b"x-y"[..]));
        assert_eq!(declared(b"<?xml version=\"1.0\"?><a encoding=\"latin1\"/>"), None);
        assert_eq!(declared(b"<?xml-stylesheet encoding=\"latin1\"?><a/>"), None);
        assert_eq!(declared(b"<a/><?xml version=\"1.0\" encoding=\"latin1\"?>"), None);
    }

    #[cfg(feature = "encoding")]
    #[test]
    fn other_encodings_with_the_feature() {
        let bytes = b"<?xml version=\"1.0\" encoding=\"windows-1252\"?><a>\x93quoted\x94</a>";
        assert_eq!(
            decode(bytes).unwrap(),
            "<?xml version=\"1.0\" encoding=\"windows-1252\"?><a>“quoted”</a>"
        );
        let bytes = b"<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><a>\x82\xA0</a>";
        assert_eq!(decode(bytes).unwrap(), "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><a>あ</a>");
        let bad = b"<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><a>\x82</a>";
        let msg = message(bad);
        assert!(
            msg.starts_with("1:46: /a: invalid encoding: a byte sequence that is not Shift_JIS"),
            "{msg}"
        );
        assert!(message(b"<?xml version=\"1.0\" encoding=\"no-such\"?><a/>")
            .contains("unknown encoding \"no-such\""));
    }

    #[cfg(not(feature = "encoding"))]
    #[test]
    fn other_encodings_name_the_feature() {
        let bytes = b"<?xml version=\"1.0\" encoding=\"windows-1252\"?><a/>";
        assert!(message(bytes).contains("with the `encoding` feature"));
    }
}
