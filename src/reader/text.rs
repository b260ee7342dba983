//! Character data and attribute values as an application sees them (XML 1.0 §2.11, §3.3.3, §4.6):
//! line ends normalised, references replaced. Borrowed from the input whenever nothing changes.
//!
//! Errors are `(offset in the raw text, message)`; the reader adds the text's position.

use std::borrow::Cow;

use memchr::memchr3;

use super::chars::is_xml_char;

pub(super) type TextError = (usize, String);

/// Which characters a reference may name: XML 1.1 also allows the control characters
/// U+0001–U+001F (they may only appear as references there).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Version {
    #[default]
    V1_0,
    V1_1,
}

/// Character data: `\r\n` and a lone `\r` become `\n`, references are replaced, and `]]>` (which
/// XML reserves for the end of a CDATA section) is refused.
#[inline]
pub(super) fn char_data(raw: &str, version: Version) -> Result<Cow<'_, str>, TextError> {
    let bytes = raw.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr3(b'&', b'\r', b']', &bytes[from..]) {
        let at = from + i;
        if bytes[at] != b']' {
            return replace(raw, at, false, version).map(Cow::Owned);
        }
        check_cdata_end(bytes, at)?;
        from = at + 1;
    }
    Ok(Cow::Borrowed(raw))
}

/// Refuses `]]>` at `at` in character data, where XML reserves it for the end of a CDATA section.
#[inline]
fn check_cdata_end(bytes: &[u8], at: usize) -> Result<(), TextError> {
    match bytes[at..].starts_with(b"]]>") {
        true => Err((at, "`]]>` is not allowed in character data".into())),
        false => Ok(()),
    }
}

/// The content of a CDATA section: only line ends are normalised.
#[inline]
pub(super) fn cdata(raw: &str) -> Cow<'_, str> {
    if !raw.as_bytes().contains(&b'\r') {
        return Cow::Borrowed(raw);
    }
    Cow::Owned(raw.replace("\r\n", "\n").replace('\r', "\n"))
}

/// An attribute value: a literal tab, line feed, carriage return or `\r\n` becomes one space, and
/// references are replaced (a `&#10;` stays a line feed).
#[inline]
pub(super) fn attribute_value(raw: &str, version: Version) -> Result<Cow<'_, str>, TextError> {
    match raw.bytes().position(|b| matches!(b, b'&' | b'\t' | b'\r' | b'\n')) {
        None => Ok(Cow::Borrowed(raw)),
        Some(first) => replace(raw, first, true, version).map(Cow::Owned),
    }
}

/// The replacement text of `raw`, whose first byte to change is at `first`.
#[cold]
fn replace(raw: &str, first: usize, attribute: bool, version: Version) -> Result<String, TextError> {
    let bytes = raw.as_bytes();
    let mut out = String::with_capacity(raw.len());
    let (mut copied, mut i) = (0, first);
    while i < bytes.len() {
        let b = bytes[i];
        let line_end = if attribute { ' ' } else { '\n' };
        match b {
            b'&' => {
                out.push_str(&raw[copied..i]);
                i += push_reference(&raw[i..], &mut out, version).map_err(|m| (i, m))?;
                copied = i;
            }
            b'\r' => {
                out.push_str(&raw[copied..i]);
                out.push(line_end);
                i += if bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                copied = i;
            }
            b']' if !attribute => {
                check_cdata_end(bytes, i)?;
                i += 1;
            }
            b'\t' | b'\n' if attribute => {
                out.push_str(&raw[copied..i]);
                out.push(' ');
                i += 1;
                copied = i;
            }
            _ => i += 1,
        }
    }
    out.push_str(&raw[copied..]);
    Ok(out)
}

/// Appends the replacement of the reference `s` starts with (`&name;`, `&#n;` or `&#xh;`) and
/// returns the reference's length. Only the five predefined entities exist: documents with a DTD
/// are refused before any reference is read.
fn push_reference(s: &str, out: &mut String, version: Version) -> Result<usize, String> {
    let body = &s[1..];
    let len = body
        .bytes()
        .take_while(|&b| b.is_ascii_alphanumeric() || matches!(b, b'#' | b'_' | b'-' | b'.' | b':'))
        .count();
    if body.as_bytes().get(len) != Some(&b';') {
        let shown: String = s.chars().take(12).collect();
        return Err(format!("`&` must start a reference such as `&amp;` (found {shown:?})"));
    }
    let name = &body[..len];
    let text = match name {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "apos" => "'",
        "quot" => "\"",
        _ => match name.strip_prefix('#') {
            Some(number) => {
                out.push(character(number, version)?);
                return Ok(len + 2);
            }
            None => return Err(format!("unknown entity reference &{name};")),
        },
    };
    out.push_str(text);
    Ok(len + 2)
}

/// The character a reference's number (`123` or `x7B`) names, if XML allows it.
fn character(number: &str, version: Version) -> Result<char, String> {
    let (digits, radix) = match number.strip_prefix('x') {
        Some(hex) => (hex, 16),
        None => (number, 10),
    };
    let value = match digits.bytes().all(|b| b.is_ascii_digit() || radix == 16 && b.is_ascii_hexdigit()) {
        true if !digits.is_empty() => u32::from_str_radix(digits, radix).ok(),
        _ => None,
    };
    match value.and_then(char::from_u32) {
        Some(c) if is_xml_char(c) => Ok(c),
        Some(c @ '\u{1}'..='\u{1F}') if version == Version::V1_1 => Ok(c),
        Some(c) => Err(format!("invalid character reference: U+{:04X} is not allowed in XML", u32::from(c))),
        None => Err(format!("invalid character reference &#{number};")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn char_data(raw: &str) -> Result<Cow<'_, str>, TextError> {
        super::char_data(raw, Version::V1_0)
    }

    fn attribute_value(raw: &str) -> Result<Cow<'_, str>, TextError> {
        super::attribute_value(raw, Version::V1_0)
    }

    #[test]
    fn xml_1_1_allows_references_to_control_characters() {
        assert_eq!(super::char_data("a&#x7;b&#1;", Version::V1_1).unwrap(), "a\u{7}b\u{1}");
        assert_eq!(super::attribute_value("&#xC;", Version::V1_1).unwrap(), "\u{C}");
        assert!(super::char_data("&#0;", Version::V1_1).is_err());
        assert!(char_data("&#x7;").is_err());
    }

    #[test]
    fn character_data() {
        assert!(matches!(char_data("plain ] text"), Ok(Cow::Borrowed("plain ] text"))));
        assert_eq!(char_data("a\r\nb\rc\n").unwrap(), "a\nb\nc\n");
        assert_eq!(char_data("&lt;&#x41;&#66;&amp;&quot;&apos;&gt;").unwrap(), "<AB&\"'>");
        assert_eq!(char_data("x&#13;y\r").unwrap(), "x\ry\n");
        assert_eq!(char_data("a]]>").unwrap_err().0, 1);
        assert_eq!(char_data("&amp;]]>").unwrap_err().0, 5);
        assert!(matches!(char_data("]] ]>"), Ok(Cow::Borrowed("]] ]>"))));
        for bad in
            ["a & b", "&lt", "&;", "&#;", "&#x;", "&#xG;", "&#-1;", "&#+1;", "&#1;", "&#xFFFE;", "&#xD800;"]
        {
            assert!(char_data(bad).is_err(), "{bad}");
        }
        assert_eq!(char_data("ok &xxe; no").unwrap_err(), (3, "unknown entity reference &xxe;".to_owned()));
    }

    #[test]
    fn attribute_values() {
        assert!(matches!(attribute_value("a b"), Ok(Cow::Borrowed("a b"))));
        assert_eq!(attribute_value("x\ty\r\nz\rw\n&#10;&#9;").unwrap(), "x y z w \n\t");
        assert_eq!(attribute_value("&#x10FFFF;").unwrap(), "\u{10FFFF}");
    }

    #[test]
    fn cdata_sections() {
        assert!(matches!(cdata("a&b"), Cow::Borrowed("a&b")));
        assert_eq!(cdata("a\r\nb\r"), "a\nb\n");
    }

    #[test]
    fn nel_and_u2028_are_ordinary_characters_here() {
        // An XML 1.1 document's are line ends, normalised before it is parsed (`xml11.rs`).
        assert!(matches!(char_data("a\u{85}b\u{2028}\u{80}"), Ok(Cow::Borrowed(_))));
        assert_eq!(super::attribute_value("a\u{85}&#x85;", Version::V1_1).unwrap(), "a\u{85}\u{85}");
    }
}
