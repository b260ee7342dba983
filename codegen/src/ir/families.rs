//! Type families: a complex type that is abstract or has derived types is used by elements as an
//! enum over its concrete types, read by `xsi:type`, with `Unknown` keeping elements of any other
//! type whole.

use std::collections::{BTreeMap, BTreeSet};

use super::build::Builder;
use super::naming::{type_name, Namer};
use super::type_names::NameKind;
use super::*;
use crate::model::{Blocked, Content, Derivation, Particle, SchemaSet, Term, TypeDef};

/// The types used polymorphically.
#[derive(Debug, Default)]
pub struct Families {
    /// Complex type → its derived types (transitively, in name order), for every type an element
    /// declares that is abstract or has derived types: elements of it read an enum over them. A type
    /// that is only ever a base needs no enum.
    pub enums: BTreeMap<QName, Vec<QName>>,
    /// For a type of `enums`: the types derived from it that its `block` keeps `xsi:type` from
    /// naming (in name order), which elements of it refuse.
    pub blocked: BTreeMap<QName, Vec<QName>>,
    /// For a type of `enums`: how each member derives from it, the kinds of step on the way.
    steps: BTreeMap<QName, BTreeMap<QName, Steps>>,
    /// Every type of a hierarchy (abstract, with derived types, or derived): its struct takes
    /// `xsi:type` as typing, not data.
    typed: BTreeSet<QName>,
}

/// The kinds of derivation step between a type and one derived from it.
#[derive(Debug, Clone, Copy, Default)]
struct Steps {
    extension: bool,
    restriction: bool,
}

impl Steps {
    fn then(self, by: Derivation) -> Steps {
        match by {
            Derivation::Extension => Steps { extension: true, ..self },
            Derivation::Restriction => Steps { restriction: true, ..self },
        }
    }
}

impl Families {
    /// Whether elements of type `name` read its family enum.
    pub fn contains_key(&self, name: &QName) -> bool {
        self.enums.contains_key(name)
    }

    /// The members of `name`'s family that an element declaration blocking `block` refuses as
    /// `xsi:type` (XSD 1.0 §3.3.4, Element Locally Valid (Element) 4.3: the element's `block` adds
    /// to its type's), in name order; `None` if there are none (or `name` is no family).
    pub fn refused_by(&self, name: &QName, block: Blocked) -> Option<RefusedTypes> {
        let types: Vec<QName> = self
            .steps
            .get(name)?
            .iter()
            .filter(|(_, s)| (s.extension && block.extension) || (s.restriction && block.restriction))
            .map(|(member, _)| member.clone())
            .collect();
        (!types.is_empty()).then(|| RefusedTypes { of: name.local.clone(), types })
    }
}

/// Finds every complex type that is abstract or has derived types.
pub fn find(set: &SchemaSet) -> Families {
    let mut children: BTreeMap<&QName, Vec<(&QName, Derivation)>> = BTreeMap::new();
    for (name, def) in &set.types {
        if let TypeDef::Complex(ct) = def {
            if let Some((base, by)) = &ct.base {
                children.entry(base).or_default().push((name, *by));
            }
        }
    }
    let element_types = element_types(set);
    let mut families = Families::default();
    for (name, def) in &set.types {
        let TypeDef::Complex(ct) = def else { continue };
        let (mut members, mut refused, mut derived) = (Vec::new(), Vec::new(), Vec::new());
        let mut steps = BTreeMap::new();
        let mut stack = vec![(name, false, Steps::default())];
        while let Some((n, blocked_above, above)) = stack.pop() {
            for &(child, by) in children.get(n).into_iter().flatten() {
                // An anonymous type has no name `xsi:type` could give (nor derived types): elements
                // declaring it read it as it is, so it is no member.
                if child.local.starts_with('#') || child == name || derived.contains(child) {
                    continue;
                }
                derived.push(child.clone());
                // `xsi:type` may not name a type whose derivation from this one takes a step its
                // `block` (or the schema's `blockDefault`) forbids (XSD 1.0 §3.3.4, Element Locally
                // Valid (Element) 4.3): such a type is no member, nor is anything derived from it.
                let blocked = blocked_above || ct.block.derivation(by);
                let on_the_way = above.then(by);
                if blocked {
                    refused.push(child.clone());
                } else {
                    members.push(child.clone());
                    steps.insert(child.clone(), on_the_way);
                }
                stack.push((child, blocked, on_the_way));
            }
        }
        if !derived.is_empty() || ct.is_abstract {
            families.typed.insert(name.clone());
            families.typed.extend(derived);
            if element_types.contains(name) {
                members.sort();
                families.enums.insert(name.clone(), members);
                families.steps.insert(name.clone(), steps);
                if !refused.is_empty() {
                    refused.sort();
                    families.blocked.insert(name.clone(), refused);
                }
            }
        }
    }
    families
}

/// The types elements declare, globally or locally.
fn element_types(set: &SchemaSet) -> BTreeSet<&QName> {
    fn particle<'s>(p: &'s Particle, out: &mut BTreeSet<&'s QName>) {
        match &p.term {
            Term::Element(e) => {
                out.insert(&e.ty);
            }
            Term::Any(_) => {}
            Term::Sequence(ps) | Term::Choice(ps) | Term::All(ps) => ps.iter().for_each(|p| particle(p, out)),
        }
    }
    let mut out: BTreeSet<&QName> = set.elements.values().map(|e| &e.ty).collect();
    for def in set.types.values() {
        if let TypeDef::Complex(ct) = def {
            if let Content::Particle(p) = &ct.content {
                particle(p, &mut out);
            }
        }
    }
    out
}

/// Whether the struct of complex type `name` belongs to a hierarchy, so takes `xsi:type` as typing,
/// not data.
pub fn is_typed(families: &Families, name: &QName) -> bool {
    families.typed.contains(name)
}

/// The enum for each family: one variant per concrete type, chosen by `xsi:type`.
pub fn family_items(b: &mut Builder<'_>) {
    for (root, members) in b.families.enums.clone() {
        let Some(TypeDef::Complex(ct)) = b.set.types.get(&root) else { continue };
        let Some(id) = b.names.id(NameKind::Family, &root) else { continue };
        let mut namer = Namer::default();
        namer.reserve("Unknown");
        let mut variant = |b: &Builder<'_>, q: &QName| {
            b.names.id(NameKind::Type, q).map(|ty| FamilyVariant {
                name: namer.unique(&type_name(&q.local), ""),
                type_name: q.clone(),
                ty: Ty::Named { id: ty, simple: false, has_default: false },
            })
        };
        let base = if ct.is_abstract { None } else { variant(b, &root) };
        let concrete: Vec<&QName> = members
            .iter()
            .filter(|q| !matches!(b.set.types.get(*q), Some(TypeDef::Complex(c)) if c.is_abstract))
            .collect();
        let variants = concrete.into_iter().filter_map(|q| variant(b, q)).collect();
        let name = b.names.name(id).to_owned();
        let blocked = b.families.blocked.get(&root).cloned().unwrap_or_default();
        let family =
            Family { name, doc: ct.doc.clone(), xml_name: root.local.clone(), base, variants, blocked };
        b.push(id, Item::Family(family));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_schema::{build_xsd, find as item, schema, NS};
    use super::*;

    const SHAPES: &str = r#"
        <xs:complexType name="shape" abstract="true"><xs:attribute name="id" type="xs:string"/></xs:complexType>
        <xs:complexType name="circle"><xs:complexContent><xs:extension base="t:shape"/></xs:complexContent></xs:complexType>
        <xs:complexType name="round"><xs:complexContent><xs:extension base="t:circle"/></xs:complexContent></xs:complexType>
        <xs:complexType name="plain"/>
        <xs:element name="shape" type="t:shape"/>
        <xs:element name="circle" type="t:circle"/>"#;

    fn q(local: &str) -> QName {
        QName { ns: Some(NS.into()), local: local.into() }
    }

    #[test]
    fn abstract_types_and_types_with_derived_types_are_families() {
        let families = find(&schema(SHAPES));
        assert_eq!(families.enums.keys().cloned().collect::<Vec<_>>(), [q("circle"), q("shape")]);
        assert_eq!(families.enums[&q("shape")], [q("circle"), q("round")]);
        assert_eq!(families.enums[&q("circle")], [q("round")]);
        assert!(is_typed(&families, &q("round")));
        assert!(!is_typed(&families, &q("plain")));
    }

    #[test]
    fn an_abstract_family_takes_the_type_name_a_concrete_one_is_kind() {
        let krate = build_xsd(SHAPES);
        let Item::Family(shape) = item(&krate, "Shape") else { panic!("Shape is not the family") };
        assert!(shape.base.is_none());
        let variants: Vec<&str> = shape.variants.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(variants, ["Circle", "Round"]);
        let Item::Family(circle) = item(&krate, "CircleKind") else { panic!() };
        assert_eq!(circle.base.as_ref().map(|v| v.type_name.clone()), Some(q("circle")));
        let Ty::Named { id, .. } = &circle.variants[0].ty else { panic!() };
        assert_eq!(krate.item(*id).name(), "Round");
        assert!(matches!(item(&krate, "Circle"), Item::Struct(s) if s.typed));
        assert!(matches!(item(&krate, "Plain"), Item::Struct(s) if !s.typed));
    }

    #[test]
    fn an_anonymous_derived_type_is_no_member() {
        let families = find(&schema(&format!(
            r#"{SHAPES}
            <xs:element name="oval"><xs:complexType><xs:complexContent><xs:extension base="t:circle">
              <xs:attribute name="ratio" type="xs:double"/></xs:extension></xs:complexContent></xs:complexType></xs:element>
            <xs:complexType name="line"/>
            <xs:element name="line" type="t:line"/>
            <xs:element name="arrow"><xs:complexType><xs:complexContent><xs:extension base="t:line"/>
              </xs:complexContent></xs:complexType></xs:element>"#
        )));
        assert_eq!(families.enums[&q("shape")], [q("circle"), q("round")]);
        assert_eq!(families.enums[&q("circle")], [q("round")]);
        // A type whose only derived type is anonymous is no family.
        assert!(!families.enums.contains_key(&q("line")), "{families:?}");
    }

    #[test]
    fn a_variant_called_unknown_does_not_take_the_catch_all_name() {
        let krate = build_xsd(
            r#"<xs:complexType name="base" abstract="true"/>
            <xs:complexType name="unknown"><xs:complexContent><xs:extension base="t:base"/></xs:complexContent></xs:complexType>
            <xs:element name="base" type="t:base"/>"#,
        );
        let Item::Family(f) = item(&krate, "Base") else { panic!() };
        assert_eq!(f.variants[0].name, "Unknown2");
    }

    #[test]
    fn a_type_that_is_only_a_base_has_no_family_but_its_types_stay_typed() {
        let families = find(&schema(
            r#"<xs:complexType name="id"><xs:simpleContent><xs:extension base="xs:string"/></xs:simpleContent></xs:complexType>
            <xs:complexType name="orderId"><xs:simpleContent><xs:extension base="t:id"/></xs:simpleContent></xs:complexType>
            <xs:element name="order" type="t:orderId"/>"#,
        ));
        assert!(families.enums.is_empty(), "{families:?}");
        assert!(is_typed(&families, &q("id")) && is_typed(&families, &q("orderId")));
    }

    #[test]
    fn an_element_s_block_refuses_the_members_derived_by_a_step_it_blocks() {
        // `round` extends `circle`, `dot` restricts `round`, `disc` restricts `circle`.
        let families = find(&schema(&format!(
            r#"{SHAPES}
            <xs:complexType name="dot"><xs:complexContent><xs:restriction base="t:round"/></xs:complexContent></xs:complexType>
            <xs:complexType name="disc"><xs:complexContent><xs:restriction base="t:circle"/></xs:complexContent></xs:complexType>"#
        )));
        let refused = |extension, restriction| {
            let block = Blocked { extension, restriction, substitution: false };
            families.refused_by(&q("circle"), block).map(|r| r.types)
        };
        assert_eq!(refused(false, false), None);
        assert_eq!(refused(true, false), Some(vec![q("dot"), q("round")]));
        assert_eq!(refused(false, true), Some(vec![q("disc"), q("dot")]));
        assert_eq!(refused(true, true), Some(vec![q("disc"), q("dot"), q("round")]));
        assert_eq!(families.refused_by(&q("plain"), Blocked { extension: true, ..Blocked::default() }), None);
    }
}
