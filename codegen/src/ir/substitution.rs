//! Substitution groups, resolved before the Rust types are built: wherever a content model refers to
//! the head of a substitution group, any member may stand in its place. The reference becomes a
//! choice over the head (unless abstract) and every member, transitively (unless abstract), each read
//! as its own element, so the name read is the name written.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{ComplexType, Content, ElementUse, Particle, QName, SchemaSet, Term, TypeDef};

/// `set` with substitution-group heads expanded, or `None` when it declares no substitution group.
pub fn expand(set: &SchemaSet) -> Option<SchemaSet> {
    let members = members(set);
    if members.is_empty() {
        return None;
    }
    let mut out = SchemaSet {
        types: set.types.clone(),
        elements: set.elements.clone(),
        files: set.files.clone(),
        namespace_files: set.namespace_files.clone(),
    };
    for def in out.types.values_mut() {
        if let TypeDef::Complex(ct) = def {
            expand_type(ct, set, &members);
        }
    }
    Some(out)
}

/// Head → every element that may substitute for it, transitively, in name order.
fn members(set: &SchemaSet) -> BTreeMap<QName, Vec<QName>> {
    let mut direct: BTreeMap<&QName, Vec<&QName>> = BTreeMap::new();
    for (name, decl) in &set.elements {
        if let Some(head) = &decl.substitution_group {
            direct.entry(head).or_default().push(name);
        }
    }
    let mut out = BTreeMap::new();
    for head in direct.keys() {
        let mut seen: BTreeSet<QName> = BTreeSet::new();
        let mut todo = vec![*head];
        while let Some(h) = todo.pop() {
            for m in direct.get(h).into_iter().flatten() {
                // A cycle (an error in the schema) must not loop.
                if *m != *head && seen.insert((*m).clone()) {
                    todo.push(m);
                }
            }
        }
        out.insert((*head).clone(), seen.into_iter().collect());
    }
    out
}

fn expand_type(ct: &mut ComplexType, set: &SchemaSet, members: &BTreeMap<QName, Vec<QName>>) {
    if let Content::Particle(p) = &mut ct.content {
        expand_particle(p, set, members);
    }
}

fn expand_particle(p: &mut Particle, set: &SchemaSet, members: &BTreeMap<QName, Vec<QName>>) {
    match &mut p.term {
        Term::Element(e) if e.is_ref => {
            let Some(list) = members.get(&e.name) else { return };
            let usable = |name: &QName| set.elements.get(name).is_some_and(|d| !d.is_abstract);
            let alternatives = std::iter::once(&e.name)
                .chain(list)
                .filter(|name| usable(name))
                .map(|name| {
                    let decl = &set.elements[name];
                    let element = ElementUse {
                        name: name.clone(),
                        ty: decl.ty.clone(),
                        doc: decl.doc.clone(),
                        is_ref: true,
                        default: None,
                        fixed: None,
                        nillable: decl.nillable,
                    };
                    Particle { min: 1, max: Some(1), term: Term::Element(element) }
                })
                .collect();
            p.term = Term::Choice(alternatives);
        }
        Term::Element(_) | Term::Any(_) => {}
        Term::Sequence(children) | Term::Choice(children) | Term::All(children) => {
            for c in children {
                expand_particle(c, set, members);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_schema::{schema, NS};
    use super::*;

    /// The names and types of the choice `ty`'s only particle became.
    fn alternatives(set: &SchemaSet, ty: &str) -> Vec<(String, String)> {
        let Some(TypeDef::Complex(ct)) = set.types.get(&QName::new(Some(NS), ty)) else {
            panic!("no type {ty}")
        };
        let Content::Particle(Particle { term: Term::Sequence(children), .. }) = &ct.content else {
            panic!()
        };
        let [Particle { term: Term::Choice(choice), .. }] = children.as_slice() else {
            panic!("{children:?}")
        };
        choice
            .iter()
            .map(|p| match &p.term {
                Term::Element(e) => (e.name.local.clone(), e.ty.local.clone()),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn a_head_becomes_a_choice_of_itself_and_every_member_that_is_not_abstract() {
        let set = schema(
            r#"<xs:element name="shape" type="xs:string"/>
               <xs:element name="circle" type="xs:int" substitutionGroup="t:shape"/>
               <xs:element name="ring" type="xs:short" substitutionGroup="t:circle"/>
               <xs:element name="polygon" abstract="true" substitutionGroup="t:shape"/>
               <xs:element name="square" type="xs:byte" substitutionGroup="t:polygon"/>
               <xs:complexType name="drawing"><xs:sequence><xs:element ref="t:shape"/></xs:sequence></xs:complexType>"#,
        );
        let expanded = expand(&set).expect("the set has substitution groups");
        // The head first, then its members transitively, in name order; `polygon` is abstract.
        assert_eq!(
            alternatives(&expanded, "drawing"),
            [("shape", "string"), ("circle", "int"), ("ring", "short"), ("square", "byte")]
                .map(|(n, t)| (n.to_owned(), t.to_owned()))
        );
    }

    #[test]
    fn an_abstract_head_is_only_its_members_and_a_set_without_groups_is_left_alone() {
        let set = schema(
            r#"<xs:element name="shape" abstract="true"/>
               <xs:element name="circle" type="xs:int" substitutionGroup="t:shape"/>
               <xs:complexType name="drawing"><xs:sequence><xs:element ref="t:shape"/></xs:sequence></xs:complexType>"#,
        );
        let expanded = expand(&set).unwrap();
        assert_eq!(alternatives(&expanded, "drawing"), [("circle".to_owned(), "int".to_owned())]);
        let plain = schema(r#"<xs:element name="shape" type="xs:string"/>"#);
        assert!(expand(&plain).is_none());
    }
}
