//! `Drop`, `Clone`, `PartialEq`, `Hash` and `Debug` for [`AnyElement`] without unbounded recursion.
//!
//! The derived impls recurse once per nesting level, and a reader with a raised `max_depth` builds
//! trees a million levels deep: dropping one would overflow the stack. These walk the tree with a
//! stack on the heap instead (`Debug` recurses, but only to [`DEBUG_DEPTH`] levels).

use std::fmt;
use std::hash::{Hash, Hasher};

use super::{AnyElement, AnyNode};

impl Drop for AnyElement {
    fn drop(&mut self) {
        // Leaves and text-only elements (almost all of them) drop as usual.
        if !self.children.iter().any(|c| matches!(c, AnyNode::Element(e) if !e.children.is_empty())) {
            return;
        }
        // Move every descendant onto one list, so each element is dropped with no children left.
        let mut pending = std::mem::take(&mut self.children);
        while let Some(node) = pending.pop() {
            if let AnyNode::Element(mut e) = node {
                pending.append(&mut e.children);
            }
        }
    }
}

impl AnyElement {
    /// A copy of the element without its content.
    fn shell_clone(&self) -> AnyElement {
        AnyElement {
            name: self.name.clone(),
            namespaces: self.namespaces.clone(),
            attributes: self.attributes.clone(),
            children: Vec::with_capacity(self.children.len()),
        }
    }
}

impl Clone for AnyElement {
    fn clone(&self) -> Self {
        // The elements being copied, innermost last, each with the source children still to copy.
        let mut stack = vec![(self.children.iter(), self.shell_clone())];
        loop {
            let (source, copy) = stack.last_mut().expect("the root is popped last");
            match source.next() {
                Some(AnyNode::Text(t)) => copy.children.push(AnyNode::Text(t.clone())),
                Some(AnyNode::Element(e)) => stack.push((e.children.iter(), e.shell_clone())),
                None => {
                    let (_, done) = stack.pop().expect("not empty");
                    match stack.last_mut() {
                        Some((_, parent)) => parent.children.push(AnyNode::Element(done)),
                        None => return done,
                    }
                }
            }
        }
    }
}

impl PartialEq for AnyElement {
    /// Names, attributes and content; not the namespace declarations.
    fn eq(&self, other: &Self) -> bool {
        let mut pairs = vec![(self, other)];
        while let Some((a, b)) = pairs.pop() {
            if a.name != b.name || a.attributes != b.attributes || a.children.len() != b.children.len() {
                return false;
            }
            for pair in a.children.iter().zip(&b.children) {
                match pair {
                    (AnyNode::Text(x), AnyNode::Text(y)) if x == y => {}
                    (AnyNode::Element(x), AnyNode::Element(y)) => pairs.push((x, y)),
                    _ => return false,
                }
            }
        }
        true
    }
}

impl Eq for AnyElement {}

impl Hash for AnyElement {
    /// Hashes what [`PartialEq`] compares, element by element.
    fn hash<H: Hasher>(&self, state: &mut H) {
        let mut pending = vec![self];
        while let Some(e) = pending.pop() {
            e.name.hash(state);
            e.attributes.hash(state);
            e.children.len().hash(state);
            for child in &e.children {
                match child {
                    AnyNode::Text(t) => {
                        0u8.hash(state);
                        t.hash(state);
                    }
                    AnyNode::Element(c) => {
                        1u8.hash(state);
                        pending.push(c);
                    }
                }
            }
        }
    }
}

/// How many levels `Debug` shows; deeper content is summarised.
const DEBUG_DEPTH: usize = 32;

/// An element formatted `depth` levels below where formatting started.
struct ElementAt<'a>(&'a AnyElement, usize);

/// Content formatted `depth` levels below where formatting started.
struct NodesAt<'a>(&'a [AnyNode], usize);

impl fmt::Debug for ElementAt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ElementAt(e, depth) = *self;
        f.debug_struct("AnyElement")
            .field("name", &e.name)
            .field("namespaces", &e.namespaces)
            .field("attributes", &e.attributes)
            .field("children", &NodesAt(&e.children, depth + 1))
            .finish()
    }
}

impl fmt::Debug for NodesAt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let NodesAt(nodes, depth) = *self;
        if depth > DEBUG_DEPTH && !nodes.is_empty() {
            return write!(f, "[… {} nodes nested too deep to show]", nodes.len());
        }
        let mut list = f.debug_list();
        for node in nodes {
            match node {
                AnyNode::Text(t) => list.entry(&Text(t)),
                AnyNode::Element(e) => list.entry(&Element(ElementAt(e, depth))),
            };
        }
        list.finish()
    }
}

/// `AnyNode::Text` as the derived `Debug` would show it.
struct Text<'a>(&'a str);

impl fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Text").field(&self.0).finish()
    }
}

/// `AnyNode::Element` as the derived `Debug` would show it.
struct Element<'a>(ElementAt<'a>);

impl fmt::Debug for Element<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Element").field(&self.0).finish()
    }
}

impl fmt::Debug for AnyElement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        ElementAt(self, 0).fmt(f)
    }
}

impl fmt::Debug for AnyNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnyNode::Text(t) => Text(t).fmt(f),
            AnyNode::Element(e) => Element(ElementAt(e, 0)).fmt(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `<a><a>…<a>x</a>…</a></a>`, `depth` elements deep.
    fn chain(depth: usize) -> AnyElement {
        let mut e = AnyElement::new(None, "a");
        e.children.push(AnyNode::Text("x".into()));
        for _ in 1..depth {
            let mut parent = AnyElement::new(None, "a");
            parent.children.push(AnyNode::Element(e));
            e = parent;
        }
        e
    }

    fn hash(e: &AnyElement) -> u64 {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        e.hash(&mut h);
        h.finish()
    }

    #[test]
    fn deep_trees_clone_compare_hash_format_and_drop() {
        let deep = chain(100_000);
        let copy = deep.clone();
        assert!(copy == deep);
        assert_eq!(hash(&copy), hash(&deep));
        let shown = format!("{deep:?}");
        assert!(shown.contains("[… 1 nodes nested too deep to show]"), "{shown:.200}");
        let mut other = chain(100_000);
        other.name.local = "b".into();
        assert!(other != deep);
    }

    #[test]
    fn debug_matches_the_derived_format() {
        let mut e = AnyElement::new(Some("urn:x"), "e");
        e.children.push(AnyNode::Text("t".into()));
        e.children.push(AnyNode::Element(AnyElement::new(None, "c")));
        assert_eq!(
            format!("{e:?}"),
            "AnyElement { name: XmlName { namespace: Some(\"urn:x\"), prefix: None, local: \"e\" }, \
             namespaces: [], attributes: [], children: [Text(\"t\"), Element(AnyElement { name: XmlName \
             { namespace: None, prefix: None, local: \"c\" }, namespaces: [], attributes: [], children: \
             [] })] }"
        );
    }

    #[test]
    fn equality_ignores_declarations_and_sees_content() {
        let mut a = chain(3);
        let b = chain(3);
        a.namespaces.push((None, "urn:a".into()));
        assert!(a == b);
        let AnyNode::Element(inner) = &mut a.children[0] else { panic!() };
        inner.children.push(AnyNode::Text("y".into()));
        assert!(a != b);
    }
}
