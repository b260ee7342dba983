//! Interned namespace URIs. Elements and bindings carry a small id instead of the URI; looking a URI
//! up is a short scan while there are few (the usual case) and a hash lookup after that, so a
//! document declaring many distinct namespaces costs linear time, not quadratic.

use std::collections::HashMap;

/// Below this many URIs a linear scan beats hashing.
const SCAN_LIMIT: usize = 32;

pub(super) struct Namespaces {
    /// Id → URI; id 0 is "no namespace".
    uris: Vec<Box<[u8]>>,
    /// URI → id, for every URI in `uris`.
    ids: HashMap<Box<[u8]>, u32>,
}

impl Namespaces {
    /// A table holding "no namespace" (id 0) and then `reserved`, in order (ids 1, 2, …).
    pub(super) fn new(reserved: &[&[u8]]) -> Self {
        let mut table = Namespaces { uris: Vec::new(), ids: HashMap::new() };
        table.intern(b"");
        for uri in reserved {
            table.intern(uri);
        }
        table
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
        self.uris.push(Box::from(uri));
        self.ids.insert(Box::from(uri), id);
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
