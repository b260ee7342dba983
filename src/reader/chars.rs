//! XML 1.0's `Char` production: tab, line feed, carriage return, U+0020–U+D7FF, U+E000–U+FFFD and
//! U+10000–U+10FFFF. The tokenizer does not look at characters one by one; without this check control
//! characters and the non-characters U+FFFE/U+FFFF would be read and written back raw, which makes the
//! output not well-formed.

/// Whether `c` may appear in an XML 1.0 document.
#[inline]
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The byte offset and value of the first character of `text` that XML 1.0 does not allow.
///
/// In UTF-8 those are the bytes below 0x20 other than tab, LF and CR, and U+FFFE/U+FFFF, which start
/// with 0xEF; surrogates cannot occur in a `str`. Blocks that hold neither kind of byte are skipped
/// (this runs over every document read, so it is vectorised where the target allows).
pub(crate) fn first_invalid(text: &str) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let end = skip_clean(bytes, at);
        let block = (end + BLOCK).min(bytes.len());
        if let Some(found) = check(text, end, block) {
            return Some(found);
        }
        at = block;
    }
    None
}

/// Whether XML 1.1 allows `c` only as a character reference: U+007F–U+009F other than NEL (its
/// `RestrictedChar`s above U+001F; those below are never allowed literally, see [`first_invalid`]).
#[inline]
pub(crate) fn is_xml11_restricted(c: char) -> bool {
    matches!(c, '\u{7F}'..='\u{84}' | '\u{86}'..='\u{9F}')
}

/// The byte offset and value of the first character of `text` that XML 1.1 allows only as a
/// reference. A 1.1 document may not hold one literally anywhere (XML 1.1 §2.2, production [1]):
/// not in text or attribute values, and not in comments, processing instructions or the DOCTYPE,
/// which are written back as they stand. In UTF-8 they are 0x7F, or 0xC2 followed by 0x80–0x9F.
pub(crate) fn first_xml11_restricted(text: &str) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memchr2(0x7F, 0xC2, &bytes[from..]) {
        let at = from + i;
        let c = text[at..].chars().next()?;
        if is_xml11_restricted(c) {
            return Some((at, c));
        }
        from = at + 1;
    }
    None
}

/// Bytes examined together by [`skip_clean`].
const BLOCK: usize = 16;

/// The offset of the first [`BLOCK`] from `from` that holds a control byte other than tab, LF and CR,
/// or 0xEF (a candidate for [`check`]), or the start of the last partial block.
#[cfg(target_arch = "x86_64")]
fn skip_clean(bytes: &[u8], from: usize) -> usize {
    use std::arch::x86_64::{
        __m128i, _mm_andnot_si128, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_max_epu8, _mm_movemask_epi8,
        _mm_or_si128, _mm_set1_epi8,
    };
    let mut at = from;
    // SAFETY: SSE2 is part of the x86_64 baseline; every load reads BLOCK bytes inside `bytes`
    // (`at + BLOCK <= len`), unaligned loads being allowed.
    unsafe {
        let (below, ef) = (_mm_set1_epi8(0x1F), _mm_set1_epi8(0xEFu8 as i8));
        let (tab, lf, cr) =
            (_mm_set1_epi8(b'\t' as i8), _mm_set1_epi8(b'\n' as i8), _mm_set1_epi8(b'\r' as i8));
        while at + BLOCK <= bytes.len() {
            let v = _mm_loadu_si128(bytes.as_ptr().add(at) as *const __m128i);
            // max(v, 0x1F) == 0x1F exactly when v <= 0x1F (unsigned).
            let small = _mm_cmpeq_epi8(_mm_max_epu8(v, below), below);
            let allowed = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, lf)),
                _mm_cmpeq_epi8(v, cr),
            );
            let control = _mm_andnot_si128(allowed, small);
            if _mm_movemask_epi8(_mm_or_si128(control, _mm_cmpeq_epi8(v, ef))) != 0 {
                return at;
            }
            at += BLOCK;
        }
    }
    at
}

#[cfg(not(target_arch = "x86_64"))]
use skip_clean_portable as skip_clean;

/// [`skip_clean`] eight bytes at a time, for other targets; conservative: it also stops at tab, LF
/// and CR.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn skip_clean_portable(bytes: &[u8], from: usize) -> usize {
    use crate::swar::{below, equal, word};
    let mut at = from;
    while at + BLOCK <= bytes.len() {
        let flagged = (at..at + BLOCK)
            .step_by(8)
            .filter_map(|i| word(bytes, i))
            .fold(0, |flagged, v| flagged | below(v, 0x20) | equal(v, 0xEF));
        if flagged != 0 {
            return at;
        }
        at += BLOCK;
    }
    at
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

    #[test]
    fn finds_what_xml_1_1_allows_only_as_references() {
        assert_eq!(first_xml11_restricted("a\u{85}b é \u{A0}\u{2028}"), None);
        for bad in ['\u{7F}', '\u{80}', '\u{84}', '\u{86}', '\u{9F}'] {
            let text = format!("\u{85}\u{A0}x{bad}\u{80}");
            assert_eq!(first_xml11_restricted(&text), Some((text.find(bad).unwrap(), bad)), "{text:?}");
        }
        assert!(!['\u{7E}', '\u{85}', '\u{A0}'].into_iter().any(is_xml11_restricted));
    }

    #[test]
    fn skipped_blocks_hold_no_candidate() {
        let text = format!("{}\u{1}{}\u{FFFE}", "a\tb\r\n".repeat(9), "\u{FF21}".repeat(7));
        let bytes = text.as_bytes();
        let first = bytes.iter().position(|&b| b == 1).unwrap();
        // The portable scan also stops at tab and line ends; neither may skip past the control.
        assert!(skip_clean_portable(bytes, 0) <= first);
        let at = skip_clean(bytes, 0);
        assert!(at <= first && (first < at + BLOCK || cfg!(not(target_arch = "x86_64"))), "{at}");
    }
}
