//! XML 1.0's `Char` production: tab, line feed, carriage return, U+0020–U+D7FF, U+E000–U+FFFD and
//! U+10000–U+10FFFF. quick-xml does not check it, so control characters and the non-characters
//! U+FFFE/U+FFFF would be read and written back raw, which makes the output not well-formed.

/// Whether `c` may appear in an XML 1.0 document.
#[inline]
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The byte offset and value of the first character of `text` that XML 1.0 does not allow.
///
/// In UTF-8 those are the bytes below 0x20 other than tab, LF and CR, and U+FFFE/U+FFFF, which start
/// with 0xEF; surrogates cannot occur in a `str`. Eight bytes are tested at a time for either.
pub(crate) fn first_invalid(text: &str) -> Option<(usize, char)> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(word) = bytes.get(at..at + 8) {
        let v = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        // Flags every byte below 0x20 or equal to 0xEF (and possibly some after one of those).
        let below_20 = v.wrapping_sub(LO * 0x20) & !v & HI;
        let x = v ^ (LO * 0xEF);
        let is_ef = x.wrapping_sub(LO) & !x & HI;
        if below_20 | is_ef != 0 {
            if let Some(found) = check(text, at, at + 8) {
                return Some(found);
            }
        }
        at += 8;
    }
    check(text, at, bytes.len())
}

/// The first character not allowed in XML that starts in `text[from..to]` (byte offsets).
fn check(text: &str, from: usize, to: usize) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    (from..to).find_map(|i| {
        let b = bytes[i];
        if b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r') {
            return Some((i, char::from(b)));
        }
        if b == 0xEF {
            let c = text[i..].chars().next()?;
            return (!is_xml_char(c)).then_some((i, c));
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_controls_and_non_characters_anywhere() {
        assert_eq!(first_invalid("plain text\twith\r\nline ends and \u{FFFD}\u{10FFFF}"), None);
        assert_eq!(first_invalid(""), None);
        for bad in ['\0', '\u{1}', '\u{B}', '\u{C}', '\u{1F}', '\u{FFFE}', '\u{FFFF}'] {
            for prefix in 0..20 {
                let text = format!("{}{bad}tail\u{FF21}", "\u{FF21}x".repeat(prefix));
                let at = text.find(bad).unwrap();
                assert_eq!(first_invalid(&text), Some((at, bad)), "{text:?}");
            }
        }
        assert!(['\t', '\u{20}', '\u{D7FF}', '\u{E000}', '\u{FFFD}', '\u{10000}']
            .into_iter()
            .all(is_xml_char));
        assert!(!['\u{0}', '\u{8}', '\u{FFFE}'].into_iter().any(is_xml_char));
    }
}
