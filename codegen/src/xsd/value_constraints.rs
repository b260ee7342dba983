//! Defaults and fixed values that are no value of their declaration's type. XSD makes such a schema
//! invalid (§3.3.6 and §3.2.6, "Element/Attribute Declaration Properties Correct"); generated, it
//! would read an empty element into an error at run time, or drop an attribute's default unseen.
//! Only what the generator can tell for certain is refused ([`verdict`]): a bound, a pattern or a
//! date is left to the runtime.

use std::collections::BTreeSet;

use super::positions::Positions;
use crate::error::{excerpt, Diagnostic};
use crate::ir::values::{verdict, Verdict};
use crate::model::{Content, Location, QName, SchemaSet, Term, TypeDef};

/// Every `default` or `fixed` value of an element or attribute declaration that is certainly no
/// value of its type, reported at the value (or, where the scan cannot tell which declaration
/// gave it, at the declaration or the type holding it). Once per place, however many types share
/// the declaration through a group.
pub fn check(set: &SchemaSet, positions: &Positions) -> Vec<Diagnostic> {
    let mut found = BTreeSet::new();
    let mut check =
        |kind: &str, name: &QName, ty: &QName, constraints: [(&str, &Option<String>); 2], at: &Location| {
            let Some(simple) = simple_type_of(set, ty) else { return };
            for (attribute, value) in constraints {
                let Some(value) = value else { continue };
                if verdict(set, simple, value) != Verdict::Invalid {
                    continue;
                }
                let location = positions
                    .value_constraint(&at.file, &name.local, attribute, value)
                    .unwrap_or_else(|| at.clone());
                let message = format!(
                    "{kind} `{}` has {attribute}=\"{}\", which is no value of its type{}",
                    name.local,
                    excerpt(value),
                    type_words(simple)
                );
                found.insert((location.file, location.line, location.column, message));
            }
        };
    for element in set.elements.values() {
        let constraints = [("default", &element.default), ("fixed", &element.fixed)];
        check("element", &element.name, &element.ty, constraints, &element.location);
    }
    for ty in set.types.values() {
        let TypeDef::Complex(ct) = ty else { continue };
        for a in &ct.attributes {
            check("attribute", &a.name, &a.ty, [("default", &a.default), ("fixed", &a.fixed)], &ct.location);
        }
        let Content::Particle(p) = &ct.content else { continue };
        let mut stack = vec![p];
        while let Some(p) = stack.pop() {
            match &p.term {
                // A reference's value is the global declaration's, checked there.
                Term::Element(e) if !e.is_ref => {
                    let constraints = [("default", &e.default), ("fixed", &e.fixed)];
                    check("element", &e.name, &e.ty, constraints, &ct.location);
                }
                Term::Sequence(ps) | Term::Choice(ps) | Term::All(ps) => stack.extend(ps),
                _ => {}
            }
        }
    }
    found
        .into_iter()
        .map(|(file, line, column, message)| Diagnostic::new(Location { file, line, column }, message))
        .collect()
}

/// The simple type whose values a declaration of type `ty` takes as its default: `ty` itself, or
/// the simple content of a complex type. `None` for element content, which takes no value (what
/// mixed content allows is any text).
fn simple_type_of<'a>(set: &'a SchemaSet, ty: &'a QName) -> Option<&'a QName> {
    match set.types.get(ty) {
        Some(TypeDef::Complex(ct)) => match &ct.content {
            Content::Simple(simple) => Some(simple),
            _ => None,
        },
        _ => Some(ty),
    }
}

/// `` `xs:int` ``, `` `size` `` (also for `size` as a redefinition found it), or nothing for an
/// anonymous type, with a space before.
fn type_words(ty: &QName) -> String {
    if ty.is_builtin() {
        format!(" `xs:{}`", ty.local)
    } else if let Some(redefined) = ty.local.strip_prefix("#redefine") {
        format!(" `{}`", redefined.rsplit('/').next().unwrap_or(redefined))
    } else if ty.local.starts_with('#') {
        String::new()
    } else {
        format!(" `{}`", ty.local)
    }
}
