//! Namespace bindings in scope. A document can put tens of thousands in scope at once (256 nested
//! elements × 256 declarations each), so resolving a prefix must not scan them all: the innermost
//! default binding is kept in a field, and once there are more than a few bindings the innermost
//! binding of each prefix is kept in a map; every binding remembers the one it hides, to restore
//! when its scope ends. While there are few (the usual case) nothing is hashed.

use crate::hash::HashMap;

/// No binding.
const NONE: u32 = u32::MAX;

/// Below this many bindings a backward scan beats hashing.
const SCAN_LIMIT: usize = 16;

#[derive(Debug, Clone, Copy)]
struct Binding<'a> {
    /// `None` for the default namespace.
    prefix: Option<&'a [u8]>,
    /// Interned URI; 0 for `xmlns=""`, which undeclares the default namespace.
    ns: u32,
    /// The binding of the same prefix this one hides, or [`NONE`].
    hides: u32,
}

pub(super) struct Bindings<'a> {
    /// Innermost last.
    stack: Vec<Binding<'a>>,
    /// Index in `stack` of the innermost default-namespace binding, or [`NONE`].
    default: u32,
    /// Index in `stack` of the innermost binding of each prefix, kept only while the stack is longer
    /// than [`SCAN_LIMIT`] (empty otherwise).
    named: HashMap<&'a [u8], u32>,
}

impl<'a> Bindings<'a> {
    /// The bindings in scope before any declaration: `xml` (namespace id 1) and `xmlns` (id 2).
    pub(super) fn new() -> Self {
        let mut bindings = Bindings { stack: Vec::new(), default: NONE, named: HashMap::default() };
        bindings.push(Some(b"xml"), 1);
        bindings.push(Some(b"xmlns"), 2);
        bindings
    }

    /// How many bindings are in scope (to [`Bindings::truncate`] to when a scope ends).
    #[inline]
    pub(super) fn len(&self) -> usize {
        self.stack.len()
    }

    /// Binds `prefix` (`None`: the default namespace) to namespace id `ns`.
    pub(super) fn push(&mut self, prefix: Option<&'a [u8]>, ns: u32) {
        let at = self.stack.len() as u32;
        let hides = match prefix {
            None => std::mem::replace(&mut self.default, at),
            Some(p) if self.indexed() => self.named.insert(p, at).unwrap_or(NONE),
            Some(_) => self.scan(prefix).unwrap_or(NONE),
        };
        self.stack.push(Binding { prefix, ns, hides });
        if self.stack.len() == SCAN_LIMIT + 1 {
            // From now on a scan could be long: index every prefix's innermost binding.
            for (i, b) in self.stack.iter().enumerate() {
                if let Some(p) = b.prefix {
                    self.named.insert(p, i as u32);
                }
            }
        }
    }

    /// Whether `named` is in use.
    #[inline]
    fn indexed(&self) -> bool {
        self.stack.len() > SCAN_LIMIT
    }

    /// Index of the innermost binding of `prefix` (not `None`), by a backward scan.
    #[inline]
    fn scan(&self, prefix: Option<&[u8]>) -> Option<u32> {
        self.stack.iter().rposition(|b| b.prefix == prefix).map(|i| i as u32)
    }

    /// Ends the scopes of all bindings after the first `len`.
    pub(super) fn truncate(&mut self, len: usize) {
        while self.stack.len() > len {
            let indexed = self.indexed();
            let Some(b) = self.stack.pop() else { return };
            match b.prefix {
                None => self.default = b.hides,
                Some(_) if !indexed => {}
                Some(p) if b.hides == NONE => {
                    self.named.remove(p);
                }
                Some(p) => {
                    self.named.insert(p, b.hides);
                }
            }
            if indexed && !self.indexed() {
                self.named.clear();
            }
        }
    }

    /// The bindings made after the first `from` that change what their prefix means, in the order
    /// they were made: `(prefix, id)`. A declaration of the binding already in scope (`xmlns="u"`
    /// inside `xmlns="u"`, or `xmlns=""` where no default namespace is declared) changes nothing.
    pub(super) fn changed_since(&self, from: usize) -> impl Iterator<Item = (Option<&'a [u8]>, u32)> + '_ {
        self.stack[from.min(self.stack.len())..].iter().filter_map(|b| {
            let hidden = if b.hides == NONE { 0 } else { self.stack[b.hides as usize].ns };
            let same = hidden == b.ns && (b.hides != NONE || b.prefix.is_none());
            (!same).then_some((b.prefix, b.ns))
        })
    }

    /// The namespace id bound to `prefix` (`None` for the default namespace); `None` if unbound.
    #[inline]
    pub(super) fn resolve(&self, prefix: Option<&[u8]>) -> Option<u32> {
        let at = match prefix {
            None => self.default,
            Some(_) if !self.indexed() => self.scan(prefix)?,
            Some(p) => *self.named.get(p)?,
        };
        (at != NONE).then(|| self.stack[at as usize].ns)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_declaration_of_the_binding_in_scope_changes_nothing() {
        let mut b = Bindings::new();
        b.push(None, 5);
        b.push(Some(b"p"), 6);
        let tag = b.len();
        // On one inner tag: the same default, `xmlns=""`, the same `p`, a new `q`, `xml` as it is.
        b.push(None, 5);
        b.push(Some(b"p"), 6);
        b.push(Some(b"q"), 7);
        b.push(Some(b"xml"), 1);
        assert_eq!(b.changed_since(tag).collect::<Vec<_>>(), [(Some(&b"q"[..]), 7)]);
        b.truncate(tag);
        b.push(None, 0);
        assert_eq!(b.changed_since(tag).collect::<Vec<_>>(), [(None, 0)]);
        let mut empty = Bindings::new();
        let tag = empty.len();
        empty.push(None, 0);
        assert_eq!(empty.changed_since(tag).count(), 0, "xmlns=\"\" with no default declared");
    }

    #[test]
    fn inner_bindings_hide_outer_ones_until_their_scope_ends() {
        let mut b = Bindings::new();
        assert_eq!((b.resolve(Some(b"xml")), b.resolve(None), b.resolve(Some(b"p"))), (Some(1), None, None));
        b.push(None, 5);
        b.push(Some(b"p"), 6);
        let outer = b.len();
        // Enough bindings to use the map.
        let names: Vec<String> = (0..40).map(|i| format!("q{i}")).collect();
        for (i, name) in names.iter().enumerate() {
            b.push(Some(name.as_bytes()), 10 + i as u32);
        }
        b.push(Some(b"p"), 7);
        b.push(None, 0);
        assert_eq!(
            (b.resolve(None), b.resolve(Some(b"p")), b.resolve(Some(b"q3"))),
            (Some(0), Some(7), Some(13))
        );
        b.truncate(outer);
        assert_eq!(
            (b.resolve(None), b.resolve(Some(b"p")), b.resolve(Some(b"q3"))),
            (Some(5), Some(6), None)
        );
        b.truncate(2);
        assert_eq!(
            (b.resolve(None), b.resolve(Some(b"p")), b.resolve(Some(b"xmlns"))),
            (None, None, Some(2))
        );
    }
}
