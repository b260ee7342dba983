//! Nested groups: a choice becomes an enum with a variant per alternative, a repeated or nested
//! sequence a struct read inside its parent; and what the readers need to decide on a particle —
//! the elements that can start it, and whether it may be empty.

use std::collections::BTreeSet;

use super::build::Builder;
use super::naming::{type_name, Namer};
use super::structs::fields_of;
use super::*;
use crate::model::{Location, Particle, Term};

/// A struct (sequence) or enum (choice) for a nested group of `owner`, in namespace `ns`'s module.
pub fn group_item(
    b: &mut Builder<'_>,
    p: &Particle,
    ns: &Option<String>,
    owner: &str,
    location: &Location,
) -> TypeId {
    let module = b.module_of(ns);
    // The same content in the same module is one type, whichever types hold it (Lync's
    // `(ct:delimiter, ##any*)*, ct:end?` closes dozens of types in each schema).
    let key = (module.clone(), format!("{:?}", p.term));
    if let Some(&id) = b.groups.get(&key) {
        if let Some((_, owners)) = b.group_owners.get_mut(&id) {
            owners.insert(owner.to_owned());
        }
        return id;
    }
    let suffix = if matches!(p.term, Term::Choice(_)) { "Choice" } else { "" };
    let group_label = label(p);
    let id = b.names.add(&module, &format!("{owner}{group_label}{suffix}"));
    b.groups.insert(key, id);
    b.group_owners.insert(id, (format!("{group_label}{suffix}"), [owner.to_owned()].into()));
    let name = b.names.name(id).to_owned();
    let item = match &p.term {
        Term::Choice(alternatives) => {
            let mut variants = Vec::new();
            let mut names = Namer::default();
            for alt in alternatives {
                let mut fields = Vec::new();
                let mut inner_names = Namer::default();
                // Each alternative is one field; a single sequence alternative becomes a group.
                let single = Particle { min: alt.min, max: alt.max, term: alt.term.clone() };
                match &alt.term {
                    Term::Sequence(_) => {
                        let one = Particle { min: 1, max: Some(1), term: alt.term.clone() };
                        let ty = group_item(b, &one, ns, owner, location);
                        fields.push(Field {
                            field: "value".into(),
                            doc: Vec::new(),
                            occurs: Occurs { min: alt.min, max: alt.max },
                            kind: FieldKind::Group {
                                ty,
                                first: first(alt),
                                nullable: term_nullable(&alt.term),
                                fixed_length: term_fixed_length(&alt.term),
                                all: Vec::new(),
                            },
                            boxed: false,
                        });
                    }
                    _ => fields_of(b, &single, ns, owner, &mut inner_names, &mut fields, location),
                }
                if let Some(field) = fields.pop() {
                    let label = Some(label(alt)).filter(|l| !l.is_empty()).unwrap_or_else(|| "Choice".into());
                    variants.push(ChoiceVariant {
                        name: names.unique(&label, ""),
                        field,
                        first: first(alt),
                        nullable: nullable(alt),
                    });
                }
            }
            Item::Choice(Choice { name, doc: Vec::new(), variants })
        }
        _ => {
            let children = match &p.term {
                Term::Sequence(c) => c.clone(),
                _ => Vec::new(),
            };
            let mut fields = Vec::new();
            let mut names = Namer::default();
            for c in &children {
                fields_of(b, c, ns, owner, &mut names, &mut fields, location);
            }
            Item::Struct(Struct {
                name,
                doc: Vec::new(),
                xml_name: XmlName::Anonymous { words: String::new(), hint: String::new() },
                attributes: Vec::new(),
                any_attribute: None,
                body: Body::Fields(fields),
                is_group: true,
                element: None,
                derive_default: false,
                typed: false,
            })
        }
    };
    b.push(id, item);
    id
}

/// Names a group that several types hold after its content alone (`DelimiterAny`), not after the
/// first type that was built with it; a group without a label keeps that type's name.
pub fn name_shared_groups(b: &mut Builder<'_>) {
    // Held by several types, or nested in a group that is.
    let mut shared: BTreeSet<TypeId> =
        b.group_owners.iter().filter(|(_, (_, owners))| owners.len() > 1).map(|(id, _)| *id).collect();
    let mut todo: Vec<TypeId> = shared.iter().copied().collect();
    while let Some(id) = todo.pop() {
        let fields: Vec<&Field> = match b.item(id) {
            Some(Item::Struct(Struct { body: Body::Fields(fields), .. })) => fields.iter().collect(),
            Some(Item::Choice(c)) => c.variants.iter().map(|v| &v.field).collect(),
            _ => Vec::new(),
        };
        let nested: Vec<TypeId> = fields
            .into_iter()
            .filter_map(|f| match f.kind {
                FieldKind::Group { ty, .. } => Some(ty),
                _ => None,
            })
            .collect();
        for ty in nested {
            if b.group_owners.contains_key(&ty) && shared.insert(ty) {
                todo.push(ty);
            }
        }
    }
    for id in shared {
        let label = b.group_owners[&id].0.clone();
        if label.is_empty() || label == "Choice" {
            continue;
        }
        b.names.rename(id, &label);
        let name = b.names.name(id).to_owned();
        match b.item_mut(id) {
            Some(Item::Struct(s)) => s.name = name,
            Some(Item::Choice(c)) => c.name = name,
            _ => {}
        }
    }
}

/// A readable name for a group: the names of its first (up to three) particles.
pub fn label(p: &Particle) -> String {
    match &p.term {
        Term::Element(e) => type_name(&e.name.local),
        Term::Any(_) => "Any".into(),
        // A choice of two reads `AOrB`; a larger choice is just the parent's `Choice`.
        Term::Choice(children) if children.len() > 2 => String::new(),
        Term::Choice(children) => {
            let parts: Vec<String> = children.iter().map(first_label).collect();
            parts.join("Or")
        }
        Term::Sequence(children) | Term::All(children) => {
            let parts: Vec<String> = children.iter().take(3).map(first_label).collect();
            if parts.is_empty() {
                "Empty".into()
            } else {
                parts.concat()
            }
        }
    }
}

fn first_label(p: &Particle) -> String {
    match &p.term {
        Term::Sequence(c) | Term::Choice(c) | Term::All(c) => {
            c.first().map_or_else(|| "Empty".into(), first_label)
        }
        _ => label(p),
    }
}

/// The element names and wildcards that can start a particle.
pub fn first(p: &Particle) -> Vec<Matcher> {
    let mut out = Vec::new();
    collect_first(&p.term, &mut out);
    out
}

fn collect_first(term: &Term, out: &mut Vec<Matcher>) {
    match term {
        Term::Element(e) => out.push(Matcher::Name(e.name.clone())),
        Term::Any(w) => out.push(Matcher::Wildcard(w.namespaces.clone())),
        Term::Sequence(children) => {
            for c in children {
                collect_first(&c.term, out);
                if !nullable(c) {
                    break;
                }
            }
        }
        Term::Choice(children) | Term::All(children) => {
            for c in children {
                collect_first(&c.term, out);
            }
        }
    }
}

/// Whether a particle may match nothing.
pub fn nullable(p: &Particle) -> bool {
    p.min == 0 || term_nullable(&p.term)
}

/// Whether a particle's term (once) may match nothing.
pub fn term_nullable(term: &Term) -> bool {
    match term {
        Term::Element(_) | Term::Any(_) => false,
        Term::Sequence(c) | Term::All(c) => c.iter().all(nullable),
        Term::Choice(c) => c.is_empty() || c.iter().any(nullable),
    }
}

/// Whether every particle in a term occurs a fixed number of times (`minOccurs` = `maxOccurs`), down
/// to its elements and wildcards.
pub fn term_fixed_length(term: &Term) -> bool {
    match term {
        Term::Element(_) | Term::Any(_) => true,
        Term::Sequence(c) | Term::All(c) | Term::Choice(c) => {
            c.iter().all(|p| Some(p.min) == p.max && term_fixed_length(&p.term))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_schema::{build_xsd, find, schema, NS};
    use super::*;
    use crate::model::{Content, TypeDef};

    /// The content particle of complex type `local`.
    fn particle(body: &str, local: &str) -> Particle {
        let set = schema(body);
        let key = QName { ns: Some(NS.into()), local: local.into() };
        match &set.types[&key] {
            TypeDef::Complex(ct) => match &ct.content {
                Content::Particle(p) => p.clone(),
                _ => panic!("no particle"),
            },
            _ => panic!("not complex"),
        }
    }

    fn names(matchers: &[Matcher]) -> Vec<String> {
        matchers
            .iter()
            .map(|m| match m {
                Matcher::Name(q) => q.local.clone(),
                Matcher::Wildcard(_) => "*".into(),
            })
            .collect()
    }

    #[test]
    fn first_looks_past_optional_particles_of_a_sequence() {
        let p = particle(
            r###"<xs:complexType name="t"><xs:sequence>
                 <xs:element name="a" type="xs:int" minOccurs="0"/>
                 <xs:choice><xs:element name="b" type="xs:int"/><xs:any namespace="##other"/></xs:choice>
                 <xs:element name="c" type="xs:int"/>
               </xs:sequence></xs:complexType>"###,
            "t",
        );
        assert_eq!(names(&first(&p)), ["a", "b", "*"]);
        assert!(!nullable(&p));
    }

    #[test]
    fn nullable_when_every_part_of_a_sequence_or_any_alternative_may_be_empty() {
        let p = particle(
            r#"<xs:complexType name="t"><xs:choice>
                 <xs:element name="a" type="xs:int"/><xs:sequence><xs:element name="b" type="xs:int" minOccurs="0"/></xs:sequence>
               </xs:choice></xs:complexType>"#,
            "t",
        );
        assert!(term_nullable(&p.term));
    }

    #[test]
    fn fixed_length_when_every_particle_inside_occurs_a_fixed_number_of_times() {
        let fixed = particle(
            r#"<xs:complexType name="t"><xs:choice>
                 <xs:element name="a" type="xs:int"/><xs:sequence><xs:element name="b" type="xs:int" minOccurs="2" maxOccurs="2"/><xs:any/></xs:sequence>
               </xs:choice></xs:complexType>"#,
            "t",
        );
        assert!(term_fixed_length(&fixed.term));
        for varying in [r#"minOccurs="0""#, r#"maxOccurs="3""#] {
            let p = particle(
                &format!(
                    r#"<xs:complexType name="t"><xs:sequence><xs:sequence>
                         <xs:element name="a" type="xs:int"/><xs:element name="b" type="xs:int" {varying}/>
                       </xs:sequence></xs:sequence></xs:complexType>"#
                ),
                "t",
            );
            assert!(!term_fixed_length(&p.term), "{varying}");
        }
    }

    #[test]
    fn labels_name_up_to_three_particles_and_choices_of_two() {
        let p = particle(
            r#"<xs:complexType name="t"><xs:sequence>
                 <xs:element name="a" type="xs:int"/><xs:choice><xs:element name="b" type="xs:int"/><xs:element name="c" type="xs:int"/></xs:choice>
                 <xs:any/><xs:element name="d" type="xs:int"/>
               </xs:sequence></xs:complexType>"#,
            "t",
        );
        assert_eq!(label(&p), "ABAny");
        let Term::Sequence(children) = &p.term else { panic!() };
        assert_eq!(label(&children[1]), "BOrC");
    }

    #[test]
    fn a_choice_is_an_enum_and_a_sequence_alternative_its_own_group() {
        let krate = build_xsd(
            r#"<xs:complexType name="t"><xs:choice>
                 <xs:element name="a" type="xs:int"/>
                 <xs:sequence><xs:element name="b" type="xs:int"/><xs:element name="c" type="xs:int"/></xs:sequence>
                 <xs:element name="d" type="xs:int" minOccurs="0"/>
               </xs:choice></xs:complexType>"#,
        );
        let Item::Choice(c) = find(&krate, "TChoice") else { panic!() };
        let variants: Vec<(&str, bool)> = c.variants.iter().map(|v| (v.name.as_str(), v.nullable)).collect();
        assert_eq!(variants, [("A", false), ("BC", false), ("D", true)]);
        let FieldKind::Group { ty, .. } = &c.variants[1].field.kind else { panic!() };
        assert!(matches!(krate.item(*ty), Item::Struct(s) if s.is_group && s.name == "TBC"));
    }

    #[test]
    fn the_same_group_in_several_types_is_one_type_named_for_its_content() {
        // Lync's pattern: `(delimiter, any*)*, end?` closing every type of a schema.
        let tail = r###"<xs:sequence minOccurs="0"><xs:sequence minOccurs="0" maxOccurs="unbounded">
                 <xs:element name="delimiter" type="xs:string"/><xs:any namespace="##targetNamespace" processContents="skip" minOccurs="0" maxOccurs="unbounded"/>
               </xs:sequence><xs:element name="end" type="xs:string" minOccurs="0"/></xs:sequence>"###;
        let krate = build_xsd(&format!(
            r#"<xs:complexType name="one"><xs:sequence><xs:element name="a" type="xs:int"/>{tail}</xs:sequence></xs:complexType>
               <xs:complexType name="two"><xs:sequence><xs:element name="b" type="xs:int"/>{tail}</xs:sequence></xs:complexType>
               <xs:complexType name="lone"><xs:sequence><xs:element name="c" type="xs:int"/>
                 <xs:sequence minOccurs="0"><xs:element name="x" type="xs:int"/><xs:element name="y" type="xs:int"/></xs:sequence>
               </xs:sequence></xs:complexType>"#
        ));
        let group_of = |owner: &str| {
            let Item::Struct(Struct { body: Body::Fields(f), .. }) = find(&krate, owner) else { panic!() };
            let FieldKind::Group { ty, .. } = &f[1].kind else { panic!("{owner}") };
            *ty
        };
        assert_eq!(group_of("One"), group_of("Two"));
        assert_eq!(krate.item(group_of("One")).name(), "DelimiterEnd");
        // The group nested in a shared one is shared too, and named for its content.
        let Item::Struct(Struct { body: Body::Fields(f), .. }) = krate.item(group_of("One")) else {
            panic!()
        };
        let FieldKind::Group { ty, .. } = &f[0].kind else { panic!() };
        assert_eq!(krate.item(*ty).name(), "DelimiterAny");
        // A group only one type holds keeps that type's name.
        assert_eq!(krate.item(group_of("Lone")).name(), "LoneXY");
        let groups = krate.items.iter().filter(|e| matches!(&e.item, Item::Struct(s) if s.is_group)).count();
        assert_eq!(groups, 3);
    }
}
