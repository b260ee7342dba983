//! `xs:base64Binary` and `xs:hexBinary`, with their own small codecs (no extra dependency).

use std::fmt;

use super::{impl_xml_value, is_xml_whitespace, trim_xml};
use crate::value::ValueError;

const BASE64_ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The 6-bit value of a base64 character, or `None` for a character outside the alphabet.
fn base64_value(c: char) -> Option<u8> {
    let value = match c {
        'A'..='Z' => u32::from(c) - u32::from('A'),
        'a'..='z' => u32::from(c) - u32::from('a') + 26,
        '0'..='9' => u32::from(c) - u32::from('0') + 52,
        '+' => 62,
        '/' => 63,
        _ => return None,
    };
    u8::try_from(value).ok()
}

/// `xs:base64Binary`: bytes written in standard base64 with `=` padding and no line breaks.
///
/// Reading ignores XML whitespace anywhere in the value (documents often wrap long values) and
/// rejects what XSD rejects: characters outside the alphabet, a length that is not a multiple of
/// four, misplaced padding, and non-zero bits in the padded last character.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Base64Binary(pub Vec<u8>);

/// The 6-bit value of each byte, 0xFF outside the alphabet.
static BASE64_DECODE: [u8; 256] = {
    let mut table = [0xFFu8; 256];
    let mut i = 0;
    while i < 64 {
        table[BASE64_ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    table
};

/// Decodes the common case, a value without whitespace and in canonical form, in one pass with
/// one allocation; `None` for anything else, which the checking decoder then handles (and explains).
fn decode_canonical(text: &[u8]) -> Option<Vec<u8>> {
    if text.len() % 4 != 0 {
        return None;
    }
    let padding = text.iter().rev().take(2).take_while(|&&b| b == b'=').count();
    let mut bytes = Vec::with_capacity(text.len() / 4 * 3);
    for (i, group) in text.chunks_exact(4).enumerate() {
        let last = i + 1 == text.len() / 4;
        let mut bits = 0u32;
        for (j, &b) in group.iter().enumerate() {
            let v = match BASE64_DECODE[b as usize] {
                0xFF if last && b == b'=' && j >= 4 - padding => 0,
                0xFF => return None,
                v => v,
            };
            bits = bits << 6 | u32::from(v);
        }
        let [_, b0, b1, b2] = bits.to_be_bytes();
        match (last, padding) {
            (false, _) | (true, 0) => bytes.extend([b0, b1, b2]),
            (true, 1) if b2 == 0 => bytes.extend([b0, b1]),
            (true, 2) if b1 == 0 && b2 == 0 => bytes.push(b0),
            _ => return None,
        }
    }
    Some(bytes)
}

/// Appends `bytes` in standard base64 with padding.
fn encode(bytes: &[u8], out: &mut String) {
    out.reserve(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let mut group = [0u8; 3];
        for (slot, &byte) in group.iter_mut().zip(chunk) {
            *slot = byte;
        }
        let bits = u32::from_be_bytes([0, group[0], group[1], group[2]]);
        for i in 0..4 {
            if i <= chunk.len() {
                let index = (bits >> (18 - 6 * i)) & 0x3f;
                out.push(char::from(BASE64_ALPHABET[index as usize]));
            } else {
                out.push('=');
            }
        }
    }
}

impl Base64Binary {
    fn parse(text: &str) -> Result<Self, ValueError> {
        if let Some(bytes) = decode_canonical(text.as_bytes()) {
            return Ok(Base64Binary(bytes));
        }
        let error = |reason: String| ValueError::with_reason("base64Binary", text, reason);
        let chars: Vec<char> = text.chars().filter(|&c| !is_xml_whitespace(c)).collect();
        if chars.len() % 4 != 0 {
            return Err(error(format!("{} base64 characters, not a multiple of 4", chars.len())));
        }
        let padding = chars.iter().rev().take_while(|&&c| c == '=').count();
        if padding > 2 {
            return Err(error("more than two '=' padding characters".to_owned()));
        }
        let mut sextets = Vec::with_capacity(chars.len());
        for &c in chars.iter().take(chars.len() - padding) {
            match base64_value(c) {
                Some(value) => sextets.push(value),
                None if c == '=' => return Err(error("'=' padding is only allowed at the end".to_owned())),
                None => return Err(error(format!("{c:?} is not a base64 character"))),
            }
        }
        let mut bytes = Vec::with_capacity(sextets.len() * 3 / 4);
        for group in sextets.chunks(4) {
            let bits =
                group.iter().enumerate().fold(0u32, |acc, (i, &v)| acc | (u32::from(v) << (18 - 6 * i)));
            let [_, b0, b1, b2] = bits.to_be_bytes();
            match group.len() {
                4 => bytes.extend([b0, b1, b2]),
                3 if b2 == 0 => bytes.extend([b0, b1]),
                2 if b1 == 0 && b2 == 0 => bytes.push(b0),
                _ => return Err(error("unused bits before the '=' padding must be zero".to_owned())),
            }
        }
        Ok(Base64Binary(bytes))
    }
}

impl_xml_value!(Base64Binary, Base64Binary::parse, |v: &Base64Binary, out: &mut String| encode(&v.0, out));

impl fmt::Display for Base64Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        encode(&self.0, &mut out);
        f.write_str(&out)
    }
}

impl From<Vec<u8>> for Base64Binary {
    fn from(bytes: Vec<u8>) -> Self {
        Base64Binary(bytes)
    }
}

impl AsRef<[u8]> for Base64Binary {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// `xs:hexBinary`: bytes written as pairs of hex digits, read case-insensitively and written back in
/// the case they were read in (upper case, the XSD canonical form, unless every letter was lower).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct HexBinary(pub Vec<u8>, pub LetterCase);

/// The case of the hex digits `a`–`f` of a [`HexBinary`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LetterCase {
    /// `A`–`F`, the canonical form (and what a value with no letters writes).
    #[default]
    Upper,
    /// `a`–`f`.
    Lower,
}

impl HexBinary {
    fn parse(text: &str) -> Result<Self, ValueError> {
        let error = |reason: String| ValueError::with_reason("hexBinary", text, reason);
        let trimmed = trim_xml(text);
        let mut nibbles = Vec::with_capacity(trimmed.len());
        for c in trimmed.chars() {
            match c.to_digit(16) {
                Some(value) => nibbles.push(value as u8),
                None if is_xml_whitespace(c) => return Err(error("unexpected whitespace".to_owned())),
                None => return Err(error(format!("{c:?} is not a hex digit"))),
            }
        }
        if nibbles.len() % 2 != 0 {
            return Err(error("odd number of hex digits".to_owned()));
        }
        let bytes = nibbles.chunks(2).map(|pair| pair.iter().fold(0u8, |acc, &n| (acc << 4) | n)).collect();
        let lower = trimmed.bytes().any(|b| b.is_ascii_lowercase())
            && !trimmed.bytes().any(|b| b.is_ascii_uppercase());
        Ok(HexBinary(bytes, if lower { LetterCase::Lower } else { LetterCase::Upper }))
    }
}

// The letter case is kept as written; the value is the octets.
impl_xml_value!(HexBinary, HexBinary::parse, same_value: |a, b| a.0 == b.0);

impl fmt::Display for HexBinary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for byte in &self.0 {
            match self.1 {
                LetterCase::Upper => write!(f, "{byte:02X}")?,
                LetterCase::Lower => write!(f, "{byte:02x}")?,
            }
        }
        Ok(())
    }
}

impl From<Vec<u8>> for HexBinary {
    fn from(bytes: Vec<u8>) -> Self {
        HexBinary(bytes, LetterCase::Upper)
    }
}

impl AsRef<[u8]> for HexBinary {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::XmlValue;

    fn write<T: XmlValue>(value: &T) -> String {
        let mut out = String::new();
        value.write_xml(&mut out);
        out
    }

    fn lcg_bytes(seed: &mut u64, len: usize) -> Vec<u8> {
        (0..len)
            .map(|_| {
                *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                (*seed >> 56) as u8
            })
            .collect()
    }

    #[test]
    fn base64_fast_and_checking_decoders_agree() {
        for text in [
            "", "QQ==", "QUI=", "QUJD", "QUJDRA==", "+/+/", "QU JD", "QQ=", "Q===", "QR==", "QU=D", "====",
            "QUJD\n",
        ] {
            let fast = decode_canonical(text.as_bytes());
            let checked = Base64Binary::parse(text).ok().map(|b| b.0);
            if fast.is_some() {
                assert_eq!(fast, checked, "{text:?}");
            }
        }
        assert!(decode_canonical(b"QR==").is_none(), "non-zero unused bits take the checking path");
    }

    #[test]
    fn base64_known_values() {
        // RFC 4648 test vectors.
        for (bytes, text) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            let value = Base64Binary(bytes.as_bytes().to_vec());
            assert_eq!(write(&value), text);
            assert_eq!(Base64Binary::parse_xml(text), Ok(value.clone()));
            assert_eq!(text.parse::<Base64Binary>(), Ok(value));
        }
        assert_eq!(write(&Base64Binary(vec![0xfb, 0xff, 0xbf])), "+/+/");
    }

    #[test]
    fn base64_ignores_whitespace() {
        let expected = Base64Binary(b"foobar".to_vec());
        for text in [" Zm9vYmFy ", "Zm9v\nYmFy", "Z m 9 v\r\n\tY m F y"] {
            assert_eq!(Base64Binary::parse_xml(text), Ok(expected.clone()), "{text:?}");
        }
        assert_eq!(Base64Binary::parse_xml("Zg= ="), Ok(Base64Binary(b"f".to_vec())));
        assert_eq!(Base64Binary::parse_xml("  "), Ok(Base64Binary(Vec::new())));
    }

    #[test]
    fn base64_rejections() {
        let cases: &[(&str, &str)] = &[
            ("Zg=", "3 base64 characters, not a multiple of 4"),
            ("Zm9vY", "5 base64 characters, not a multiple of 4"),
            ("Z===", "more than two '=' padding characters"),
            ("====", "more than two '=' padding characters"),
            ("Zg==Zg==", "'=' padding is only allowed at the end"),
            ("Z=g=", "'=' padding is only allowed at the end"),
            ("Zm9-", "'-' is not a base64 character"),
            ("Zm9_", "'_' is not a base64 character"),
            ("Zm9é", "'é' is not a base64 character"),
            ("Zm9\u{a0}", "'\\u{a0}' is not a base64 character"),
            ("Zh==", "unused bits before the '=' padding must be zero"),
            ("Zm9=", "unused bits before the '=' padding must be zero"),
        ];
        for (text, reason) in cases {
            let err = Base64Binary::parse_xml(text).unwrap_err();
            assert_eq!(err.expected, "base64Binary");
            assert_eq!(err.found, *text);
            assert_eq!(err.reason.as_deref(), Some(*reason), "{text:?}");
        }
    }

    #[test]
    fn base64_round_trips_all_lengths() {
        let mut seed = 5;
        for len in 0..200 {
            let value = Base64Binary(lcg_bytes(&mut seed, len));
            let text = write(&value);
            assert_eq!(text.len(), len.div_ceil(3) * 4);
            assert_eq!(Base64Binary::parse_xml(&text), Ok(value.clone()));
            // Wrapped at 76 characters as MIME encoders do.
            let wrapped: String = text
                .as_bytes()
                .chunks(76)
                .map(|line| String::from_utf8_lossy(line).into_owned())
                .collect::<Vec<_>>()
                .join("\r\n");
            assert_eq!(Base64Binary::parse_xml(&wrapped), Ok(value));
        }
        for byte in 0..=255u8 {
            let value = Base64Binary(vec![byte]);
            assert_eq!(Base64Binary::parse_xml(&write(&value)), Ok(value));
        }
    }

    #[test]
    fn hex() {
        assert_eq!(HexBinary::parse_xml("0fA9"), Ok(HexBinary::from(vec![0x0f, 0xa9])));
        assert_eq!(HexBinary::parse_xml(" 0fa9\n"), Ok(HexBinary(vec![0x0f, 0xa9], LetterCase::Lower)));
        assert_eq!(HexBinary::parse_xml(""), Ok(HexBinary::default()));
        assert_eq!(write(&HexBinary::from(vec![0x0f, 0xa9, 0x00])), "0FA900");
        // The case read is the case written.
        assert_eq!(write(&HexBinary::parse_xml("0fa9").unwrap()), "0fa9");
        assert_eq!(write(&HexBinary::parse_xml("0fA9").unwrap()), "0FA9");
        assert_eq!("DEADBEEF".parse::<HexBinary>().unwrap().as_ref(), &[0xde, 0xad, 0xbe, 0xef]);
        let cases: &[(&str, &str)] = &[
            ("abc", "odd number of hex digits"),
            ("0g", "'g' is not a hex digit"),
            ("0x10", "'x' is not a hex digit"),
            ("0f a9", "unexpected whitespace"),
            ("٠١", "'٠' is not a hex digit"),
        ];
        for (text, reason) in cases {
            let err = HexBinary::parse_xml(text).unwrap_err();
            assert_eq!(err.expected, "hexBinary");
            assert_eq!(err.found, *text);
            assert_eq!(err.reason.as_deref(), Some(*reason), "{text:?}");
        }
    }

    #[test]
    fn hex_round_trips() {
        let mut seed = 9;
        for len in 0..100 {
            let value = HexBinary::from(lcg_bytes(&mut seed, len));
            let text = write(&value);
            assert_eq!(HexBinary::parse_xml(&text), Ok(value.clone()));
            assert_eq!(HexBinary::parse_xml(&text.to_lowercase()).map(|v| v.0), Ok(value.0));
        }
        let all: Vec<u8> = (0..=255).collect();
        let text = HexBinary::from(all.clone()).to_string();
        assert_eq!(text.len(), 512);
        assert_eq!(HexBinary::parse_xml(&text), Ok(HexBinary::from(all)));
    }
}
