//! Complex types as structs: the base types' attributes and particles folded in (flattening), then
//! one field per attribute, and per element, wildcard or nested group of the content model.

use super::build::{Builder, ValueConstraint};
use super::groups::{first, group_item, label, term_fixed_length, term_nullable};
use super::naming::{field_name, Namer};
use super::type_names::{is_own_anonymous_key, is_own_struct, xml_name, NameKind};
use super::*;
use crate::model::{self, ComplexType, Content, Derivation, Location, Particle, SchemaSet, Term, TypeDef};

/// The struct of complex type `qname` (none for an abstract type: only its family enum exists, and
/// the derived types carry its fields).
pub fn struct_item(b: &mut Builder<'_>, qname: &QName, ct: &ComplexType) {
    if ct.is_abstract {
        return;
    }
    let Some(id) = b.names.id(NameKind::Type, qname) else { return };
    let name = b.names.name(id).to_owned();
    if let Some(base) = same_as_base(b.set, qname, ct) {
        if let Some(base_id) = b.names.id(NameKind::Type, base) {
            let mut doc = ct.doc.clone();
            if !doc.is_empty() {
                doc.push(String::new());
            }
            doc.push(format!(
                "XML: type `{}`, derived from `{}` without adding to it: the same struct.",
                qname.local, base.local
            ));
            let ty = Ty::Named { id: base_id, simple: false, has_default: true };
            return b.push(id, Item::Alias(Alias { name, doc, ty }));
        }
    }
    let typed = super::families::is_typed(&b.families, qname);
    let flat = flatten(b, ct, 0);
    // The fields the body and the wildcard always use are taken first, so that an attribute
    // called `value` or `content` gets a name of its own instead of a duplicate field.
    let mut fields = Namer::default();
    if flat.simple.is_some() {
        fields.reserve("value");
    } else if flat.mixed {
        fields.reserve("content");
    }
    if flat.any_attribute.is_some() {
        fields.reserve("any_attributes");
    }
    let attributes = flat
        .attributes
        .iter()
        .map(|a| AttributeField {
            field: fields.unique(&field_name(&a.name.local), "_"),
            name: a.name.clone(),
            ty: b.ty(&a.ty),
            required: a.required,
            default: a.default.clone(),
            fixed: a.fixed.clone(),
            // As for elements (`Builder::element_ty`): a union's is taken as collapsed.
            white_space: b.set.white_space(&a.ty).unwrap_or(WhiteSpace::Collapse),
            doc: a.doc.clone(),
            checked_default: a
                .default
                .as_ref()
                .or(a.fixed.as_ref())
                .filter(|v| !a.required && super::values::default_is_valid(b.set, &a.ty, v))
                .cloned(),
            default_literal: None,
        })
        .collect();
    let body = if let Some(simple) = &flat.simple {
        Body::Simple(b.ty(simple))
    } else if flat.mixed {
        Body::Mixed
    } else {
        let mut out = Vec::new();
        for p in &flat.particles {
            fields_of(b, p, &qname.ns, &name, &mut fields, &mut out, &ct.location);
        }
        Body::Fields(out)
    };
    let element = is_own_anonymous_key(qname)
        .then(|| QName { ns: qname.ns.clone(), local: qname.local[1..].to_owned() })
        .filter(|e| b.set.elements.get(e).is_some_and(|d| is_own_struct(b.set, d)));
    let xml_name = xml_name(b.set, qname);
    // An element's anonymous type is documented on the element.
    let mut doc: Vec<String> =
        element.as_ref().and_then(|e| b.set.elements.get(e)).map(|e| e.doc.clone()).unwrap_or_default();
    doc.extend(ct.doc.iter().cloned());
    let item = Struct {
        name,
        doc,
        xml_name,
        attributes,
        any_attribute: flat.any_attribute.clone(),
        body,
        is_group: false,
        element,
        derive_default: false,
        typed,
    };
    b.push(id, Item::Struct(item));
}

/// The base of named complex type `qname` when the type derives from it without changing what its
/// struct would hold: an extension adding no attributes, wildcard or content, or a simple-content
/// restriction without facets (one with facets has simple content of its own, the anonymous
/// simple type the front end makes of them). Such a type is an alias of its
/// base's struct (schemas built on core components — UBL's ~900 `cbc` types over `udt` — are mostly
/// these). `xsi:type` still tells them apart: a family's variants are named by XSD type.
pub(super) fn same_as_base<'s>(set: &'s SchemaSet, qname: &QName, ct: &'s ComplexType) -> Option<&'s QName> {
    let (base, derivation) = ct.base.as_ref()?;
    let Some(TypeDef::Complex(base_ct)) = set.types.get(base) else { return None };
    let same_content = match (&ct.content, derivation) {
        (Content::Empty, Derivation::Extension) => !ct.mixed || base_ct.mixed,
        (Content::Simple(s), _) => s == base,
        _ => false,
    };
    let adds_nothing = ct.attributes.is_empty() && ct.prohibited.is_empty() && ct.any_attribute.is_none();
    let named = !qname.local.starts_with('#');
    (same_content && adds_nothing && named && !ct.is_abstract && !base_ct.is_abstract).then_some(base)
}

/// Whether named type `qname` is a complex type whose content is text an element's declared value
/// can fill: simple content, or mixed (stated or from its base, as `flatten` folds them: an
/// extension keeps its base's content, a restriction states whether it is mixed).
pub(super) fn takes_declared_text(set: &SchemaSet, qname: &QName) -> bool {
    let mut name = qname;
    // Deep enough for any real chain; a cycle (an invalid schema) ends here too.
    for _ in 0..32 {
        let Some(TypeDef::Complex(ct)) = set.types.get(name) else { return false };
        if matches!(ct.content, Content::Simple(_)) || ct.mixed {
            return true;
        }
        match &ct.base {
            Some((base, Derivation::Extension)) => match set.types.get(base) {
                Some(TypeDef::Simple(_)) => return true,
                _ => name = base,
            },
            _ => return false,
        }
    }
    false
}

/// The simple type of named complex type `qname`'s simple content, stated or from its base; `None`
/// for any other content.
pub(super) fn simple_content(set: &SchemaSet, qname: &QName) -> Option<QName> {
    let mut name = qname;
    // As in `takes_declared_text`.
    for _ in 0..32 {
        let Some(TypeDef::Complex(ct)) = set.types.get(name) else { return None };
        if let Content::Simple(simple) = &ct.content {
            return Some(simple.clone());
        }
        match &ct.base {
            Some((base, Derivation::Extension)) => match set.types.get(base) {
                Some(TypeDef::Simple(_)) => return Some(base.clone()),
                _ => name = base,
            },
            _ => return None,
        }
    }
    None
}

/// A complex type's content with its base types' folded in.
#[derive(Debug, Default)]
struct Flat {
    attributes: Vec<model::AttributeUse>,
    any_attribute: Option<model::NamespaceConstraint>,
    particles: Vec<Particle>,
    simple: Option<QName>,
    mixed: bool,
}

/// A complex type with its base types' attributes and particles folded in.
fn flatten(b: &mut Builder<'_>, ct: &ComplexType, depth: usize) -> Flat {
    let set = b.set;
    let mut flat = match &ct.base {
        Some((base, derivation)) if depth < 32 => match set.types.get(base) {
            Some(TypeDef::Complex(base)) => {
                let mut flat = flatten(b, base, depth + 1);
                if *derivation == Derivation::Restriction {
                    // A restriction restates the content it keeps.
                    flat.particles.clear();
                }
                flat
            }
            _ => Flat { simple: Some(base.clone()), ..Flat::default() },
        },
        _ => Flat::default(),
    };
    if let Content::Simple(s) = &ct.content {
        // Simple content names a simple type, or the complex base whose simple content
        // `flat` already holds (a restriction of a mixed base states its simple type).
        if !matches!(b.set.types.get(s), Some(TypeDef::Complex(_))) {
            flat.simple = Some(s.clone());
        }
        if flat.simple.is_some() {
            flat.mixed = false;
            flat.particles.clear();
        }
    }
    if let Content::Particle(p) = &ct.content {
        if flat.simple.is_some() {
            b.unsupported(&ct.location, "element content derived from a type with simple content");
        }
        flat.particles.push(p.clone());
    }
    flat.attributes.retain(|existing| !ct.prohibited.contains(&existing.name));
    for a in &ct.attributes {
        flat.attributes.retain(|existing| existing.name != a.name);
        flat.attributes.push(a.clone());
    }
    if let Some(w) = &ct.any_attribute {
        // An extension's wildcard adds to its base's; a restriction's replaces it.
        let extends = matches!(ct.base, Some((_, Derivation::Extension)));
        flat.any_attribute = match &flat.any_attribute {
            Some(base) if extends => Some(base.union(&w.namespaces)),
            _ => Some(w.namespaces.clone()),
        };
    }
    // A restriction states whether it is mixed (a mixed base may be restricted to element-only or
    // empty content); an extension keeps its base's mixed content.
    match ct.base {
        Some((_, Derivation::Restriction)) => flat.mixed = ct.mixed,
        _ => flat.mixed |= ct.mixed,
    }
    flat
}

/// Turns a particle into fields of the struct being built (`owner`, in namespace `ns`): a single
/// sequence contributes its children directly; elements and wildcards become fields; other groups
/// become group types.
pub fn fields_of(
    b: &mut Builder<'_>,
    p: &Particle,
    ns: &Option<String>,
    owner: &str,
    namer: &mut Namer,
    out: &mut Vec<Field>,
    location: &Location,
) {
    let occurs = Occurs { min: p.min, max: p.max };
    match &p.term {
        Term::Sequence(children) if p.is_single() => {
            for c in children {
                fields_of(b, c, ns, owner, namer, out, location);
            }
        }
        Term::Element(e) => out.push(Field {
            field: element_field_name(b, namer, &e.name, ns),
            doc: e.doc.clone(),
            occurs,
            kind: FieldKind::Element {
                name: e.name.clone(),
                ty: b.element_ty(&e.ty, e.nillable, &ValueConstraint::of(&e.default, &e.fixed)),
                refused: b.families.refused_by(&e.ty, e.block),
            },
            boxed: false,
        }),
        Term::Any(w) => {
            let kind = match super::element_enums::element_enum(b, w) {
                Some(ty) => FieldKind::Lax { constraint: w.namespaces.clone(), ty },
                None => FieldKind::Any(w.namespaces.clone()),
            };
            // One element at most reads as a value (`category.value`); more as a list (`any`).
            let base = if occurs.max == Some(1) { "value" } else { "any" };
            out.push(Field { field: namer.unique(base, "_"), doc: Vec::new(), occurs, kind, boxed: false })
        }
        Term::All(children) => {
            // Its elements come in any order, and the order read must be the order written: an
            // ordered list of a choice over them (each alternative once per item).
            let alternatives: Vec<Particle> = children
                .iter()
                .filter(|c| c.max != Some(0))
                .map(|c| Particle { min: 1, max: Some(1), term: c.term.clone() })
                .collect();
            let required = p.min > 0 && children.iter().any(|c| c.min > 0);
            let list = Particle { min: usize::from(required), max: None, term: Term::Choice(alternatives) };
            fields_of(b, &list, ns, owner, namer, out, location);
            // Each element's own bounds are checked once the list is read.
            let Some(Field { kind: FieldKind::Group { ty, all, .. }, .. }) = out.last_mut() else {
                return;
            };
            let variants: Vec<String> = match b.item(*ty) {
                Some(Item::Choice(c)) => c.variants.iter().map(|v| v.name.clone()).collect(),
                _ => Vec::new(),
            };
            // A reference to a substitution group's head is a choice of its members here: bounded
            // like an element, named by them.
            let elements = children.iter().filter(|c| c.max != Some(0));
            for (variant, c) in variants.into_iter().zip(elements) {
                let element = match &c.term {
                    Term::Element(e) => e.name.local.clone(),
                    _ => {
                        let names: Vec<String> = (first(c).iter())
                            .filter_map(|m| match m {
                                Matcher::Name(q) => Some(q.local.clone()),
                                Matcher::Wildcard(_) => None,
                            })
                            .collect();
                        format!("one of {}", names.join(", "))
                    }
                };
                all.push(AllBound { variant, element, min: c.min, max: c.max.unwrap_or(1) });
            }
        }
        Term::Sequence(_) | Term::Choice(_) => {
            let label = label(p);
            let ty = group_item(b, p, ns, owner, location);
            let field = if label.is_empty() { "choice".to_owned() } else { field_name(&label) };
            out.push(Field {
                field: namer.unique(&field, "_"),
                doc: Vec::new(),
                occurs,
                kind: FieldKind::Group {
                    ty,
                    first: first(p),
                    nullable: term_nullable(&p.term),
                    fixed_length: term_fixed_length(&p.term),
                    all: Vec::new(),
                },
                boxed: false,
            });
        }
    }
}

/// A field name for element `name` in a struct of namespace `ns`: its local name, or — when that is
/// taken and the element is from another namespace — prefixed with that namespace's module
/// (`extension` and `common_extension` for `st:extension` and `ct:extension`).
fn element_field_name(b: &Builder<'_>, namer: &mut Namer, name: &QName, ns: &Option<String>) -> String {
    let base = field_name(&name.local);
    if &name.ns != ns && namer.is_taken(&base) {
        return namer.unique(&format!("{}_{base}", b.module_of(&name.ns)), "_");
    }
    namer.unique(&base, "_")
}

#[cfg(test)]
mod tests {
    use super::super::test_schema::{build_xsd, documents, find, NS};
    use super::*;

    fn fields(item: &Item) -> Vec<&str> {
        match item {
            Item::Struct(Struct { body: Body::Fields(f), .. }) => {
                f.iter().map(|f| f.field.as_str()).collect()
            }
            _ => panic!("not a struct with fields"),
        }
    }

    fn attributes(item: &Item) -> Vec<&str> {
        let Item::Struct(s) = item else { panic!() };
        s.attributes.iter().map(|a| a.field.as_str()).collect()
    }

    #[test]
    fn an_extension_folds_in_its_base_and_a_restriction_restates_content() {
        let krate = build_xsd(
            r#"<xs:complexType name="base"><xs:sequence><xs:element name="p" type="xs:int"/></xs:sequence>
                 <xs:attribute name="x" type="xs:int"/><xs:attribute name="y" type="xs:int"/></xs:complexType>
               <xs:complexType name="more"><xs:complexContent><xs:extension base="t:base">
                 <xs:sequence><xs:element name="b" type="xs:int"/></xs:sequence>
                 <xs:attribute name="z" type="xs:int"/></xs:extension></xs:complexContent></xs:complexType>
               <xs:complexType name="less"><xs:complexContent><xs:restriction base="t:base">
                 <xs:sequence><xs:element name="p" type="xs:int"/></xs:sequence>
                 <xs:attribute name="y" use="prohibited"/></xs:restriction></xs:complexContent></xs:complexType>"#,
        );
        assert_eq!(fields(find(&krate, "More")), ["p", "b"]);
        assert_eq!(attributes(find(&krate, "More")), ["x", "y", "z"]);
        assert_eq!(fields(find(&krate, "Less")), ["p"]);
        assert_eq!(attributes(find(&krate, "Less")), ["x"]);
    }

    #[test]
    fn a_restriction_of_mixed_content_is_mixed_only_if_it_says_so() {
        let krate = build_xsd(
            r#"<xs:complexType name="text" mixed="true"><xs:sequence>
                 <xs:element name="p" type="xs:int" minOccurs="0"/></xs:sequence></xs:complexType>
               <xs:complexType name="elementsOnly"><xs:complexContent><xs:restriction base="t:text">
                 <xs:sequence><xs:element name="p" type="xs:int"/></xs:sequence></xs:restriction></xs:complexContent></xs:complexType>
               <xs:complexType name="nothing"><xs:complexContent><xs:restriction base="t:text"/></xs:complexContent></xs:complexType>
               <xs:complexType name="stillText" mixed="true"><xs:complexContent><xs:restriction base="t:text">
                 <xs:sequence><xs:element name="p" type="xs:int"/></xs:sequence></xs:restriction></xs:complexContent></xs:complexType>
               <xs:complexType name="moreText"><xs:complexContent mixed="true"><xs:extension base="t:text">
                 <xs:sequence><xs:element name="q" type="xs:int"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>"#,
        );
        assert_eq!(fields(find(&krate, "ElementsOnly")), ["p"]);
        assert!(fields(find(&krate, "Nothing")).is_empty());
        let mixed = |name: &str| matches!(find(&krate, name), Item::Struct(Struct { body: Body::Mixed, .. }));
        assert!(mixed("Text") && mixed("StillText") && mixed("MoreText"));
    }

    #[test]
    fn a_type_deriving_without_adding_is_an_alias_of_its_base_struct() {
        let krate = build_xsd(
            r#"<xs:complexType name="base"><xs:sequence><xs:element name="p" type="xs:int"/></xs:sequence></xs:complexType>
               <xs:complexType name="same"><xs:complexContent><xs:extension base="t:base"/></xs:complexContent></xs:complexType>
               <xs:complexType name="again"><xs:complexContent><xs:extension base="t:same"/></xs:complexContent></xs:complexType>
               <xs:complexType name="mixedToo" mixed="true"><xs:complexContent><xs:extension base="t:base"/></xs:complexContent></xs:complexType>
               <xs:complexType name="withWildcard"><xs:complexContent><xs:extension base="t:base"><xs:anyAttribute/></xs:extension></xs:complexContent></xs:complexType>
               <xs:complexType name="restated"><xs:complexContent><xs:restriction base="t:base">
                 <xs:sequence><xs:element name="p" type="xs:int"/></xs:sequence></xs:restriction></xs:complexContent></xs:complexType>
               <xs:complexType name="abstractBase" abstract="true"><xs:attribute name="a" type="xs:int"/></xs:complexType>
               <xs:complexType name="concrete"><xs:complexContent><xs:extension base="t:abstractBase"/></xs:complexContent></xs:complexType>
               <xs:element name="e"><xs:complexType><xs:complexContent><xs:extension base="t:base"/></xs:complexContent></xs:complexType></xs:element>"#,
        );
        let alias_of = |name: &str| match find(&krate, name) {
            Item::Alias(Alias { ty: Ty::Named { id, .. }, .. }) => Some(krate.item(*id).name().to_owned()),
            _ => None,
        };
        assert_eq!(alias_of("Same").as_deref(), Some("Base"));
        assert_eq!(alias_of("Again").as_deref(), Some("Same"));
        // Mixed where the base is not, a wildcard, restated content, an abstract base (which has no
        // struct) and an element's own anonymous type (which carries the element's name) stay structs.
        for name in ["MixedToo", "WithWildcard", "Restated", "Concrete", "E"] {
            assert!(matches!(find(&krate, name), Item::Struct(_)), "{name}");
        }
    }

    #[test]
    fn documentation_keeps_its_references() {
        let krate = build_xsd(
            r#"<xs:complexType name="t"><xs:annotation><xs:documentation>Ends with &lt;ct:end/&gt; &amp; more.</xs:documentation></xs:annotation>
                 <xs:attribute name="a" type="xs:int"><xs:annotation><xs:documentation>&#x41;&lt;</xs:documentation></xs:annotation></xs:attribute></xs:complexType>"#,
        );
        let Item::Struct(t) = find(&krate, "T") else { panic!() };
        assert_eq!(t.doc, ["Ends with <ct:end/> & more."]);
        assert_eq!(t.attributes[0].doc, ["A<"]);
    }

    #[test]
    fn simple_content_and_mixed_content_take_their_field_names_first() {
        let krate = build_xsd(
            r#"<xs:complexType name="text"><xs:simpleContent><xs:extension base="xs:string">
                 <xs:attribute name="value" type="xs:int"/></xs:extension></xs:simpleContent></xs:complexType>
               <xs:complexType name="prose" mixed="true"><xs:sequence><xs:element name="b" type="xs:int"/></xs:sequence>
                 <xs:attribute name="content" type="xs:int"/><xs:anyAttribute/></xs:complexType>"#,
        );
        let Item::Struct(text) = find(&krate, "Text") else { panic!() };
        assert!(matches!(text.body, Body::Simple(Ty::Builtin(_))));
        assert_eq!(attributes(find(&krate, "Text")), ["value_2"]);
        let Item::Struct(prose) = find(&krate, "Prose") else { panic!() };
        assert!(matches!(prose.body, Body::Mixed));
        assert!(prose.any_attribute.is_some());
        assert_eq!(attributes(find(&krate, "Prose")), ["content_2"]);
    }

    #[test]
    fn a_same_named_element_of_another_namespace_is_prefixed_with_its_module() {
        let set = documents(&[
            (
                "main.xsd",
                Some(NS),
                r#"<xs:import namespace="urn:o" schemaLocation="other.xsd"/>
                   <xs:complexType name="t"><xs:sequence><xs:element name="x" type="xs:int"/>
                     <xs:element ref="o:x" xmlns:o="urn:o"/><xs:element name="x2" type="xs:int"/></xs:sequence></xs:complexType>"#,
            ),
            ("other.xsd", Some("urn:o"), r#"<xs:element name="x" type="xs:int"/>"#),
        ]);
        let krate = super::super::build(&set, &Options::default()).unwrap();
        assert_eq!(fields(find(&krate, "T")), ["x", "other_x", "x2"]);
    }

    #[test]
    fn wildcards_are_value_or_any_and_groups_are_named_by_their_first_particles() {
        let krate = build_xsd(
            r###"<xs:complexType name="t"><xs:sequence>
                 <xs:any namespace="##other" processContents="skip"/>
                 <xs:any namespace="##other" processContents="skip" maxOccurs="unbounded"/>
                 <xs:sequence maxOccurs="2"><xs:element name="a" type="xs:int"/><xs:element name="b" type="xs:int"/></xs:sequence>
                 <xs:choice><xs:element name="c" type="xs:int"/><xs:element name="d" type="xs:int"/></xs:choice>
               </xs:sequence></xs:complexType>"###,
        );
        assert_eq!(fields(find(&krate, "T")), ["value", "any", "ab", "c_or_d"]);
        let Item::Struct(Struct { body: Body::Fields(f), .. }) = find(&krate, "T") else { panic!() };
        assert!(matches!(f[0].kind, FieldKind::Any(_)));
        let FieldKind::Group { ty, .. } = &f[3].kind else { panic!() };
        assert_eq!(krate.item(*ty).name(), "TCOrDChoice");
    }

    #[test]
    fn an_all_group_is_a_list_of_a_choice_with_each_elements_bounds() {
        let krate = build_xsd(
            r#"<xs:complexType name="t"><xs:all><xs:element name="a" type="xs:int"/>
                 <xs:element name="b" type="xs:int" minOccurs="0"/></xs:all></xs:complexType>"#,
        );
        let Item::Struct(Struct { body: Body::Fields(f), .. }) = find(&krate, "T") else { panic!() };
        assert_eq!((f[0].occurs.min, f[0].occurs.max), (1, None));
        let FieldKind::Group { all, .. } = &f[0].kind else { panic!() };
        let bounds: Vec<(&str, usize, usize)> =
            all.iter().map(|a| (a.variant.as_str(), a.min, a.max)).collect();
        assert_eq!(bounds, [("A", 1, 1), ("B", 0, 1)]);
    }
}
