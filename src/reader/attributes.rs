//! Checks on a start tag's attributes that must not cost quadratic time when an element has many.

use std::collections::HashSet;
use std::hash::Hash;

/// Below this many attributes comparing every pair beats hashing (and allocates nothing).
const PAIRWISE_LIMIT: usize = 16;

/// The index of the first of `n` keys equal to an earlier one (`key(i)` is the `i`th).
pub(super) fn first_duplicate<K: Eq + Hash>(n: usize, key: impl Fn(usize) -> K) -> Option<usize> {
    if n <= PAIRWISE_LIMIT {
        return (1..n).find(|&i| {
            let k = key(i);
            (0..i).any(|j| key(j) == k)
        });
    }
    let mut seen = HashSet::with_capacity(n);
    (0..n).find(|&i| !seen.insert(key(i)))
}

/// Whether `name` is a namespace-well-formed name as far as colons go: none, or one with a
/// non-empty prefix before it and a non-empty local name after it.
#[inline]
pub(super) fn colons_ok(name: &[u8]) -> bool {
    match name.iter().position(|&b| b == b':') {
        None => true,
        Some(colon) => colon > 0 && colon + 1 < name.len() && !name[colon + 1..].contains(&b':'),
    }
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
    fn qualified_names() {
        for ok in ["a", "a:b", "xmlns:p", "a.b-c"] {
            assert!(colons_ok(ok.as_bytes()), "{ok}");
        }
        for bad in ["a:b:c", ":a", "a:", "xmlns:", ":"] {
            assert!(!colons_ok(bad.as_bytes()), "{bad}");
        }
    }
}
