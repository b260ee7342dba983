//! Types defined through themselves: a simple type whose base, list item or union member leads
//! back to it, a complex type whose base does. XSD makes such a schema invalid (`st-props-correct`,
//! `ct-props-correct`); generated, it would be a struct holding itself, which does not compile. A
//! schema gets there by mistake: a `simpleType` holding both a `list` and a `restriction` of its
//! own name reads as a restriction of itself.
//!
//! And substitution groups whose chain of heads leads back to an element (`e-props-correct`),
//! which was taken unseen.

use std::collections::{BTreeMap, BTreeSet};

use super::Positions;
use crate::error::Diagnostic;
use crate::ir::{xml_name, XmlName};
use crate::model::{QName, SchemaSet, SimpleVariety, TypeDef};

/// One diagnostic per cycle, at the definition of its first type in name order.
pub fn check(set: &SchemaSet, positions: &Positions) -> Vec<Diagnostic> {
    let mut state: BTreeMap<&QName, State> = BTreeMap::new();
    let mut out = Vec::new();
    for start in set.types.keys() {
        if state.contains_key(start) {
            continue;
        }
        // Depth-first, without recursion: each entry is a type and the next of its edges to follow.
        let mut path: Vec<(&QName, usize)> = vec![(start, 0)];
        state.insert(start, State::OnPath);
        while let Some((ty, next)) = path.last_mut() {
            let ty: &QName = ty;
            let edge = edges(set, ty).get(*next).copied();
            *next += 1;
            let Some(to) = edge else {
                state.insert(ty, State::Done);
                path.pop();
                continue;
            };
            match state.get(to) {
                None => {
                    state.insert(to, State::OnPath);
                    path.push((to, 0));
                }
                Some(State::OnPath) => {
                    let from = path.iter().position(|(t, _)| *t == to).unwrap_or(0);
                    let cycle: Vec<&QName> = path[from..].iter().map(|(t, _)| *t).collect();
                    out.push(diagnostic(set, positions, &cycle));
                }
                Some(State::Done) => {}
            }
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    OnPath,
    Done,
}

/// The types `ty` is defined through, among the schema's own.
fn edges<'a>(set: &'a SchemaSet, ty: &QName) -> Vec<&'a QName> {
    let targets: Vec<&QName> = match set.types.get(ty) {
        Some(TypeDef::Simple(st)) => match &st.variety {
            SimpleVariety::Restriction { base, .. } => vec![base],
            SimpleVariety::List { item } => vec![item],
            SimpleVariety::Union { members } => members.iter().collect(),
        },
        Some(TypeDef::Complex(ct)) => ct.base.iter().map(|(base, _)| base).collect(),
        None => Vec::new(),
    };
    targets.into_iter().filter(|t| set.types.contains_key(*t)).collect()
}

fn diagnostic(set: &SchemaSet, positions: &Positions, cycle: &[&QName]) -> Diagnostic {
    // Reported at the first named type of the cycle in name order (anonymous types' keys start with
    // `#`), so that the same schema always gets the same diagnostic, wherever the search entered it.
    let cycle = closed_from_least(cycle, |t| (t.local.starts_with('#'), *t));
    let names: Vec<String> = cycle
        .iter()
        .map(|t| match xml_name(set, t) {
            XmlName::Named(name) => format!("`{name}`"),
            XmlName::Anonymous { words, .. } => words,
        })
        .collect();
    let ty = cycle[0];
    let (kind, recorded) = match set.types.get(ty) {
        Some(TypeDef::Complex(ct)) => ("complexType", Some(ct.location.clone())),
        _ => ("simpleType", None),
    };
    let location = recorded
        .clone()
        .filter(|l| l.line > 0)
        .or_else(|| set.files.iter().find_map(|f| positions.definition(f, kind, &ty.local)))
        .or(recorded)
        .unwrap_or_default();
    let kind = if kind == "complexType" { "complex type" } else { "simple type" };
    let message = format!("{kind} `{}` is defined through itself: {}", ty.local, names.join(" → "));
    Diagnostic::new(location, message)
}

/// Cycles of substitution group heads (`e-props-correct`), one diagnostic each, at the definition
/// of its first element in name order: followed, they would never end. A head declared nowhere is
/// no error unless a document needs it (XSD 1.0 §5.3; the W3C suite's `missing002` is valid): the
/// element then stands in for nothing.
pub fn substitution_groups(set: &SchemaSet) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Each element has one head at most: following heads from each element either ends or comes
    // back to an element met on this walk.
    let mut done: BTreeSet<&QName> = BTreeSet::new();
    for start in set.elements.keys() {
        let mut walk: Vec<&QName> = Vec::new();
        let mut at = Some(start);
        while let Some(name) = at.filter(|n| !done.contains(n)) {
            if let Some(from) = walk.iter().position(|w| *w == name) {
                let cycle = closed_from_least(&walk[from..], |n| *n);
                let names: Vec<String> = cycle.iter().map(|n| format!("`{}`", n.local)).collect();
                let head = cycle[0];
                let location = set.elements.get(head).map(|e| e.location.clone()).unwrap_or_default();
                let message = format!(
                    "element `{}` is in its own substitution group: {}",
                    head.local,
                    names.join(" → ")
                );
                out.push(Diagnostic::new(location, message));
                break;
            }
            walk.push(name);
            at = set.elements.get(name).and_then(|e| e.substitution_group.as_ref());
        }
        done.extend(walk);
    }
    out
}

/// `cycle` from its least member by `key`, closed by that member again (`b, c, a` → `a, b, c, a`):
/// the same cycle is named the same way wherever a search entered it.
pub(super) fn closed_from_least<T: Clone, K: Ord>(cycle: &[T], key: impl Fn(&T) -> K) -> Vec<T> {
    let first = (0..cycle.len()).min_by_key(|&i| key(&cycle[i])).unwrap_or(0);
    cycle[first..].iter().chain(&cycle[..first]).chain(cycle.get(first)).cloned().collect()
}
