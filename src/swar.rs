//! Eight bytes at a time in a `u64` ("SIMD within a register"), for the scans that run over every
//! byte read or written. Each test sets the high bit of the flagged bytes: exact for the lowest one,
//! while a byte after a flagged one may be flagged too (a borrow carries into it), so callers treat
//! a non-zero result as "look closer", or use only its lowest flag.

/// The byte `b` in every lane.
#[inline]
pub(crate) const fn splat(b: u8) -> u64 {
    0x0101_0101_0101_0101 * b as u64
}

const HI: u64 = splat(0x80);

/// The little-endian word of `bytes[at..at + 8]`, if there are eight bytes there.
#[inline]
pub(crate) fn word(bytes: &[u8], at: usize) -> Option<u64> {
    let eight: [u8; 8] = bytes.get(at..at + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(eight))
}

/// Flags the bytes of `v` equal to `b`.
#[inline]
pub(crate) fn equal(v: u64, b: u8) -> u64 {
    let x = v ^ splat(b);
    x.wrapping_sub(splat(1)) & !x & HI
}

/// Flags the bytes of `v` below `n` (for `n` ≤ 0x80).
#[inline]
pub(crate) fn below(v: u64, n: u8) -> u64 {
    v.wrapping_sub(splat(n)) & !v & HI
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowest_flag_is_exact() {
        let v = word(b"ab\"\x01cd&<", 0).unwrap();
        assert_eq!(equal(v, b'"').trailing_zeros() / 8, 2);
        assert_eq!(below(v, 0x0E).trailing_zeros() / 8, 3);
        assert_eq!(equal(v, b'<').trailing_zeros() / 8, 7);
        assert_eq!(equal(v, b'z') | below(word(b"plain te", 0).unwrap(), 0x20), 0);
        assert_eq!(word(b"short", 0), None);
    }
}
