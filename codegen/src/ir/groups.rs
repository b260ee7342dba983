//! Nested groups: a choice becomes an enum with a variant per alternative, a repeated or nested
//! sequence a struct read inside its parent; and what the readers need to decide on a particle —
//! the elements that can start it, and whether it may be empty.

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
    let suffix = if matches!(p.term, Term::Choice(_)) { "Choice" } else { "" };
    let id = b.names.add(&module, &format!("{owner}{}{suffix}", label(p)));
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
                xml_name: String::new(),
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
}
