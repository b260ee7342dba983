//! Interned namespace URIs. Elements and bindings carry a small id instead of the URI; looking a URI
//! up is a short scan while there are few (the usual case; nothing is hashed or allocated for the
//! table itself then) and a hash lookup after that, so a document declaring many distinct
//! namespaces costs linear time, not quadratic.

use crate::hash::HashMap;
use std::borrow::Cow;

/// Up to this many URIs a linear scan beats hashing.
const SCAN_LIMIT: usize = 32;

pub(super) struct Namespaces {
    /// Id → URI; id 0 is "no namespace".
    uris: Vec<Cow<'static, [u8]>>,
    /// URI → id for every URI in `uris`, kept only while there are more than [`SCAN_LIMIT`].
    ids: HashMap<Box<[u8]>, u32>,
}

impl Namespaces {
    /// A table holding "no namespace" (id 0) and then `reserved`, in order (ids 1, 2, …).
    pub(super) fn new(reserved: &[&'static [u8]]) -> Self {
        let mut uris = Vec::with_capacity(16);
        uris.push(Cow::Borrowed(&b""[..]));
        uris.extend(reserved.iter().map(|&uri| Cow::Borrowed(uri)));
        Namespaces { uris, ids: HashMap::default() }
    }

    /// The id of `uri`, if it has one.
    #[inline]
    pub(super) fn get(&self, uri: &[u8]) -> Option<u32> {
        if self.uris.len() <= SCAN_LIMIT {
            self.uris.iter().position(|n| **n == *uri).map(|i| i as u32)
        } else {
            self.ids.get(uri).copied()
        }
    }

    /// The id of `uri`, giving it the next one if it has none.
    pub(super) fn intern(&mut self, uri: &[u8]) -> u32 {
        if let Some(id) = self.get(uri) {
            return id;
        }
        let id = self.uris.len() as u32;
        self.uris.push(Cow::Owned(uri.to_vec()));
        if self.uris.len() == SCAN_LIMIT + 1 {
            // From now on a scan could be long: index them all.
            self.ids = self.uris.iter().enumerate().map(|(i, u)| (Box::from(&**u), i as u32)).collect();
        } else if self.uris.len() > SCAN_LIMIT {
            self.ids.insert(Box::from(uri), id);
        }
        id
    }

    /// The URI with id `id` (from [`Namespaces::intern`]).
    #[inline]
    pub(super) fn uri(&self, id: u32) -> &[u8] {
        &self.uris[id as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_past_the_scan_limit() {
        let mut table = Namespaces::new(&[b"urn:xml"]);
        assert_eq!((table.get(b""), table.get(b"urn:xml")), (Some(0), Some(1)));
        let ids: Vec<u32> = (0..100).map(|i| table.intern(format!("urn:{i}").as_bytes())).collect();
        assert_eq!(ids, (2..102).collect::<Vec<_>>());
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(table.intern(format!("urn:{i}").as_bytes()), *id);
            assert_eq!(table.uri(*id), format!("urn:{i}").as_bytes());
        }
        assert_eq!(table.get(b"urn:none"), None);
    }
}
