//! A start tag's attributes: the byte classes and fast scanner the tokenizer uses to cache them,
//! and the checks on them that must not cost quadratic time when an element has many.

use crate::hash::HashSet;
use std::hash::Hash;

/// What an attribute of a start tag is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum AttrKind {
    Plain,
    /// `xmlns="…"`.
    DefaultDecl,
    /// `xmlns:p="…"`.
    NamedDecl,
}

/// One attribute of the most recently read start tag, as spans into its tag content.
#[derive(Debug, Clone, Copy)]
pub(super) struct RawAttr {
    pub key: (u32, u32),
    /// Offset of the local name within the key (0 when unprefixed).
    pub local_at: u32,
    pub value: (u32, u32),
    /// The value has no tab, line end or reference: it is its own normalised form.
    pub plain: bool,
    pub kind: AttrKind,
    /// Resolved namespace of a plain attribute: 0 for none, `UNDECLARED` for an unknown prefix.
    pub ns: u32,
}

impl RawAttr {
    /// An attribute found by a general parser: `key` and `value` are spans of `key_bytes` and its
    /// value in the tag content.
    pub fn new(key: (u32, u32), key_bytes: &[u8], value: (u32, u32), value_bytes: &[u8]) -> Self {
        let (kind, local_at) = kind(key_bytes, local_at(key_bytes) as u32);
        let plain = !value_bytes.iter().any(|&b| CLASS[b as usize] & SPECIAL != 0);
        RawAttr { key, local_at, value, plain, kind, ns: 0 }
    }
}

/// Whether a key is a namespace declaration, and where its local name starts (`colon` is the
/// offset after the first `:`, 0 when there is none).
#[inline]
fn kind(key: &[u8], colon: u32) -> (AttrKind, u32) {
    match colon {
        0 if key == b"xmlns" => (AttrKind::DefaultDecl, 0),
        6 if key.starts_with(b"xmlns:") => (AttrKind::NamedDecl, 6),
        _ => (AttrKind::Plain, colon),
    }
}

/// Byte classes: name characters (ASCII letters, digits, `_-.` and every byte of a non-ASCII
/// character), the colon, whitespace, and what makes an attribute value differ from its normalised
/// form.
pub(super) const NAME: u8 = 1;
pub(super) const COLON: u8 = 2;
pub(super) const SPACE: u8 = 4;
/// Tab, CR, LF and `&`.
const SPECIAL: u8 = 8;
/// `<`, which is not allowed in an attribute value.
const LT: u8 = 16;

pub(super) static CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || c == b'.' || c >= 0x80 {
            NAME
        } else if c == b':' {
            COLON
        } else if c == b' ' {
            SPACE
        } else if c == b'\t' || c == b'\r' || c == b'\n' {
            SPACE | SPECIAL
        } else if c == b'&' {
            SPECIAL
        } else if c == b'<' {
            LT
        } else {
            0
        };
        b += 1;
    }
    table
};

/// How [`scan`] ended.
pub(super) enum Scan {
    /// The tag ends at `close` (the offset of its `>`, or of the `/` of `/>` when `empty`).
    Done { close: usize, empty: bool },
    /// Something the fast scanner does not handle; the caller finds the end and parses the
    /// attributes with the general parser.
    General,
    /// An attribute follows the previous one's value without whitespace (not well-formed, though
    /// the general parser would accept it).
    Unseparated,
}

/// Scans the attributes of the start tag whose name ends at `i` in `bytes`, to the end of the tag:
/// `name="value"` or `name='value'` separated by whitespace, with plain name characters and no `<`
/// in a value. Spans in `out` are relative to `base`, where the tag's content starts. Gives up
/// ([`Scan::General`]) at anything else, and once `out` holds more than `limit` attributes.
#[inline]
pub(super) fn scan(bytes: &[u8], mut i: usize, base: usize, limit: usize, out: &mut Vec<RawAttr>) -> Scan {
    let class = |b: u8| CLASS[b as usize];
    let n = bytes.len();
    loop {
        // After the name or a value: the end of the tag, or whitespace then more.
        match bytes.get(i) {
            Some(b'>') => return Scan::Done { close: i, empty: false },
            Some(b'/') if bytes.get(i + 1) == Some(&b'>') => return Scan::Done { close: i, empty: true },
            Some(&b) if class(b) & SPACE != 0 => {}
            // The name scan stops before name characters, so this follows a value.
            Some(&b) if class(b) & (NAME | COLON) != 0 => return Scan::Unseparated,
            _ => return Scan::General,
        }
        i += 1;
        while i < n && class(bytes[i]) & SPACE != 0 {
            i += 1;
        }
        match bytes.get(i) {
            Some(b'>') => return Scan::Done { close: i, empty: false },
            Some(b'/') if bytes.get(i + 1) == Some(&b'>') => return Scan::Done { close: i, empty: true },
            _ if out.len() > limit => return Scan::General,
            _ => {}
        }
        let key_start = i;
        i = name_end(bytes, i);
        let colon = local_at(&bytes[key_start..i]) as u32;
        if i == key_start || i + 1 >= n || bytes[i] != b'=' {
            return Scan::General;
        }
        let key_end = i;
        let quote = bytes[i + 1];
        if quote != b'"' && quote != b'\'' {
            return Scan::General;
        }
        let value_start = i + 2;
        let Some((j, suspect)) = find_quote(bytes, value_start, quote) else {
            return Scan::General;
        };
        let mut plain = true;
        if suspect {
            let value = &bytes[value_start..j];
            if value.contains(&b'<') {
                return Scan::General;
            }
            plain = !value.iter().any(|&b| class(b) & SPECIAL != 0);
        }
        let (kind, local_at) = kind(&bytes[key_start..key_end], colon);
        let span = |from: usize, to: usize| ((from - base) as u32, (to - base) as u32);
        out.push(RawAttr {
            key: span(key_start, key_end),
            local_at,
            value: span(value_start, j),
            plain,
            kind,
            ns: 0,
        });
        i = j + 1;
    }
}

/// The first `quote` in `bytes[from..]`, eight bytes at a time, and whether a byte before it may be
/// a tab, line end, `&` or `<` (conservatively: the whole last word counts), which the caller then
/// looks for in the value itself.
#[inline]
fn find_quote(bytes: &[u8], from: usize, quote: u8) -> Option<(usize, bool)> {
    use crate::swar::{below, equal, word};
    let mut suspect = false;
    let mut j = from;
    while let Some(v) = word(bytes, j) {
        // Below 0x0E: tab, LF, CR (and controls, which the whole-input check refuses anyway).
        suspect |= (equal(v, b'&') | equal(v, b'<') | below(v, 0x0E)) != 0;
        let hit = equal(v, quote);
        if hit != 0 {
            return Some((j + (hit.trailing_zeros() / 8) as usize, suspect));
        }
        j += 8;
    }
    while j < bytes.len() {
        let b = bytes[j];
        if b == quote {
            return Some((j, suspect));
        }
        suspect |= CLASS[b as usize] & (SPECIAL | LT) != 0;
        j += 1;
    }
    None
}

/// Below this many attributes comparing every pair beats hashing (and allocates nothing); the
/// writer's check of a start tag's names uses it too.
pub(crate) const PAIRWISE_LIMIT: usize = 16;

/// An attribute name as a key for [`first_duplicate`] and the writer's check of a start tag's
/// names: names of one tag mostly differ in length or last byte, which rules them out before their
/// bytes are compared (short `memcmp` calls, one per pair of a tag's attributes, cost more than
/// reading or writing an attribute).
#[derive(Debug, Clone, Copy, Eq, Hash)]
pub(crate) struct NameKey<'a>(pub &'a [u8]);

impl PartialEq for NameKey<'_> {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len() && self.0.last() == other.0.last() && self.0 == other.0
    }
}

/// The index of the first of `n` keys equal to an earlier one (`key(i)` is the `i`th).
pub(super) fn first_duplicate<K: Eq + Hash>(n: usize, key: impl Fn(usize) -> K) -> Option<usize> {
    if n <= PAIRWISE_LIMIT {
        return (1..n).find(|&i| {
            let k = key(i);
            (0..i).any(|j| key(j) == k)
        });
    }
    let mut seen = HashSet::with_capacity_and_hasher(n, Default::default());
    (0..n).find(|&i| !seen.insert(key(i)))
}

/// quick-xml's general attribute parser over a tag's `content` (whose name is `name_len` bytes), for
/// what the fast scanner leaves alone (`a = "1"`) and to report malformed attributes exactly: the
/// attributes before the first error, at most `max` of them, as `(key, raw value)` slices of
/// `content`, and that error.
pub(super) fn parse_general(
    content: &str,
    name_len: usize,
    max: usize,
) -> (Vec<(&str, &str)>, Option<String>) {
    let tag = quick_xml::events::BytesStart::from_content(content, name_len);
    // quick-xml borrows keys and values from the content; find them there to keep `content`'s lifetime.
    let base = content.as_ptr() as usize;
    let slice = |s: &[u8]| {
        let at = (s.as_ptr() as usize).checked_sub(base)?;
        content.get(at..at + s.len())
    };
    let mut out = Vec::new();
    for attr in tag.attributes().with_checks(false).take(max) {
        let attr = match attr {
            Ok(attr) => attr,
            Err(e) => return (out, Some(e.to_string())),
        };
        let (Some(key), Some(value)) = (slice(attr.key.into_inner()), slice(&attr.value)) else {
            return (out, Some("internal: an attribute is not a slice of its tag".into()));
        };
        // After the closing quote: whitespace or the end of the tag (which quick-xml does not check).
        let after = value.as_ptr() as usize - base + value.len() + 1;
        if content.as_bytes().get(after).is_some_and(|&b| CLASS[b as usize] & SPACE == 0) {
            return (out, Some("attributes must be separated by whitespace".into()));
        }
        out.push((key, value));
    }
    (out, None)
}

/// The end of the (possibly prefixed) name that starts at `from`: the first byte that is neither a
/// name character nor a colon.
#[inline]
pub(super) fn name_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < bytes.len() && CLASS[bytes[i] as usize] & (NAME | COLON) != 0 {
        i += 1;
    }
    i
}

/// Which namespace declaration an attribute key is: `Some(None)` for `xmlns`, `Some(Some(p))` for
/// `xmlns:p`, `None` for any other attribute.
pub(super) fn declared_prefix(key: &str) -> Option<Option<&str>> {
    match key {
        "xmlns" => Some(None),
        _ => key.strip_prefix("xmlns:").map(Some),
    }
}

/// Where an attribute key's local name starts: after its first colon, or 0.
pub(super) fn local_at(key: &[u8]) -> usize {
    key.iter().position(|&b| b == b':').map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_repeat_either_way() {
        for n in [3, 16, 17, 1000] {
            let mut keys: Vec<usize> = (0..n).collect();
            assert_eq!(first_duplicate(n, |i| keys[i]), None);
            keys[n - 1] = 1;
            keys[n - 2] = 0;
            assert_eq!(first_duplicate(n, |i| keys[i]), Some(n - 2), "{n}");
        }
        assert_eq!(first_duplicate(0, |i| i), None);
    }

    #[test]
    fn name_keys_are_equal_exactly_when_their_names_are() {
        let names: [&[u8]; 6] = [b"id", b"if", b"di", b"uri", b"url", b""];
        for a in names {
            for b in names {
                assert_eq!(NameKey(a) == NameKey(b), a == b, "{a:?} {b:?}");
            }
        }
        let keys = [NameKey(b"name"), NameKey(b"node"), NameKey(b"name")];
        assert_eq!(first_duplicate(3, |i| keys[i]), Some(2));
        assert_eq!(first_duplicate(2, |i| keys[i]), None);
    }
}
