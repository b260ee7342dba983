//! Substitution groups, resolved before the Rust types are built: wherever a content model refers to
//! the head of a substitution group, any member may stand in its place. The reference becomes a
//! choice over the head (unless abstract) and every member, transitively (unless abstract or
//! blocked), each read as its own element, so the name read is the name written.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{
    ComplexType, Content, Derivation, ElementDecl, ElementUse, Particle, QName, SchemaSet, SimpleVariety,
    Term, TypeDef,
};

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

/// Head → every element that may substitute for it, transitively, in name order: not when the head
/// blocks substitution, nor a member whose type derives from the head's in a way the head or a type
/// on the way blocks ("Substitution Group OK (Transitive)", XSD 1.0 §3.3.6). A head no member may
/// substitute for has no entry.
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
        let Some(decl) = set.elements.get(*head) else { continue };
        let allowed: Vec<QName> = seen
            .into_iter()
            .filter(|m| set.elements.get(m).is_some_and(|member| may_substitute(set, &member.ty, decl)))
            .collect();
        if !allowed.is_empty() {
            out.insert((*head).clone(), allowed);
        }
    }
    out
}

/// Whether an element of type `ty` in `head`'s substitution group may stand in for it: the head does
/// not block substitution, and no derivation method on the way from `ty` to the head's type is one
/// the head blocks, or the head's type, or a type in between. A step the set does not show (between
/// built-in types, from `xs:anyType`) is a restriction, as every such step is.
fn may_substitute(set: &SchemaSet, ty: &QName, head: &ElementDecl) -> bool {
    if head.block.substitution {
        return false;
    }
    let mut blocked = head.block;
    let mut methods = Vec::new();
    let mut at = ty;
    let mut seen = BTreeSet::new();
    while *at != head.ty {
        let step = match set.types.get(at) {
            Some(TypeDef::Complex(ct)) => ct.base.as_ref().map(|(base, by)| (base, *by)),
            Some(TypeDef::Simple(st)) => match &st.variety {
                SimpleVariety::Restriction { base, .. } => Some((base, Derivation::Restriction)),
                _ => None,
            },
            None => None,
        };
        // A cycle is the loader's to report.
        let Some((base, by)) = step.filter(|_| seen.insert(at)) else {
            methods.push(Derivation::Restriction);
            break;
        };
        methods.push(by);
        at = base;
        // The types strictly between the member's and the head's, and the head's.
        if let Some(TypeDef::Complex(ct)) = set.types.get(at) {
            blocked.extension |= ct.block.extension;
            blocked.restriction |= ct.block.restriction;
        }
    }
    methods.iter().all(|&by| !blocked.derivation(by))
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
                        block: decl.block,
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

    /// The members of each head, by local name.
    fn member_names(set: &SchemaSet) -> Vec<(String, Vec<String>)> {
        members(set)
            .into_iter()
            .map(|(head, list)| (head.local, list.into_iter().map(|m| m.local).collect()))
            .collect()
    }

    #[test]
    fn members_the_head_or_a_type_on_the_way_blocks_are_left_out() {
        let set = schema(
            r#"<xs:complexType name="transport"><xs:sequence><xs:element name="seats" type="xs:int"/></xs:sequence></xs:complexType>
               <xs:complexType name="bus"><xs:complexContent><xs:extension base="t:transport"><xs:sequence><xs:element name="line"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>
               <xs:complexType name="van"><xs:complexContent><xs:restriction base="t:transport"><xs:sequence><xs:element name="seats" type="xs:int"/></xs:sequence></xs:restriction></xs:complexContent></xs:complexType>
               <xs:complexType name="coach" block="extension"><xs:complexContent><xs:extension base="t:transport"/></xs:complexContent></xs:complexType>
               <xs:complexType name="sleeper"><xs:complexContent><xs:extension base="t:coach"/></xs:complexContent></xs:complexType>
               <xs:element name="vehicle" type="t:transport" block="extension"/>
               <xs:element name="ride" type="t:transport"/>
               <xs:element name="sealed" type="xs:string" block="substitution"/>
               <xs:element name="label" type="xs:string" block="restriction"/>
               <xs:element name="a-bus" type="t:bus" substitutionGroup="t:vehicle"/>
               <xs:element name="a-van" type="t:van" substitutionGroup="t:vehicle"/>
               <xs:element name="a-ferry" type="t:transport" substitutionGroup="t:vehicle"/>
               <xs:element name="b-coach" type="t:coach" substitutionGroup="t:ride"/>
               <xs:element name="b-sleeper" type="t:sleeper" substitutionGroup="t:ride"/>
               <xs:element name="forged" type="xs:string" substitutionGroup="t:sealed"/>
               <xs:element name="tag" type="xs:NCName" substitutionGroup="t:label"/>
               <xs:element name="caption" type="xs:string" substitutionGroup="t:label"/>"#,
        );
        let owned =
            |head: &str, list: &[&str]| (head.to_owned(), list.iter().map(|m| m.to_string()).collect());
        assert_eq!(
            member_names(&set),
            [
                // `xs:NCName` derives from `xs:string` by restriction, which `label` blocks.
                owned("label", &["caption"]),
                // `coach` blocks extension, so `sleeper` (an extension of it) stands in for no
                // element of a type `coach` derives from; `coach` itself may.
                owned("ride", &["b-coach"]),
                owned("vehicle", &["a-ferry", "a-van"]),
            ]
        );
    }

    #[test]
    fn block_default_applies_where_a_declaration_gives_no_block() {
        let dir = std::env::temp_dir().join(format!("ep-ir-block-default-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("b.xsd");
        std::fs::write(
            &file,
            format!(
                r##"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{NS}" xmlns:t="{NS}" blockDefault="#all">
                     <xs:element name="closed" type="xs:string"/>
                     <xs:element name="open" type="xs:string" block=""/>
                     <xs:element name="a" substitutionGroup="t:closed"/>
                     <xs:element name="b" substitutionGroup="t:open"/>
                   </xs:schema>"##
            ),
        )
        .unwrap();
        let set = crate::xsd::load(std::slice::from_ref(&file), &[]);
        std::fs::remove_dir_all(&dir).ok();
        let set = set.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(member_names(&set), [("open".to_owned(), vec!["b".to_owned()])]);
    }
}
