//! Global elements: a newtype wrapper carrying the element's name around its type (none for an
//! element that is its own anonymous complex type's struct), and a document root for each.

use super::build::{Builder, ValueConstraint};
use super::naming::{type_name, Namer};
use super::type_names::{is_own_struct, NameKind};
use super::*;

/// The wrappers and the roots, in element name order.
pub fn elements(b: &mut Builder<'_>) {
    let mut variants = Namer::default();
    // The enum over global elements read by wildcards has these two variants of its own.
    variants.reserve("Custom");
    variants.reserve("Unknown");
    let set = b.set;
    for (qname, decl) in &set.elements {
        if !b.options.has_element_type(qname) {
            continue;
        }
        let module = b.module_of(&qname.ns);
        let ty = if is_own_struct(set, decl) {
            b.names.id(NameKind::Type, &decl.ty)
        } else {
            let id = b.names.id(NameKind::Element, qname);
            if let Some(id) = id {
                let wrapper = ElementWrapper {
                    name: b.names.name(id).to_owned(),
                    doc: decl.doc.clone(),
                    element: qname.clone(),
                    ty: b.element_ty(
                        &decl.ty,
                        decl.nillable,
                        &ValueConstraint::of(&decl.default, &decl.fixed),
                    ),
                    refused: b.families.refused_by(&decl.ty, decl.block),
                };
                b.push(id, Item::Element(wrapper));
            }
            id
        };
        let Some(ty) = ty else { continue };
        let mut variant = type_name(&qname.local);
        if !variants.unique(&variant, "").eq(&variant) {
            variant = variants.unique(&format!("{}{variant}", type_name(&module)), "");
        }
        // An abstract element never stands in a document (its substitution group's members do), so
        // reading one as the root or through a wildcard is an error, and `arbitrary` never makes one.
        let concrete = !decl.is_abstract;
        let document = concrete && (b.options.roots.is_empty() || b.options.roots.contains(qname));
        let wildcard = concrete && b.options.typed_by_wildcards(&qname.ns);
        b.roots.push(Root { variant, ty, name: qname.clone(), document, wildcard });
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_schema::{build_xsd, documents, find, NS};
    use super::*;

    #[test]
    fn a_named_type_gets_a_wrapper_an_anonymous_one_is_the_element() {
        let krate = build_xsd(
            r#"<xs:complexType name="noteType"/><xs:element name="note" type="t:noteType" default="x"/>
               <xs:element name="body"><xs:complexType/></xs:element>
               <xs:element name="nil" nillable="true"><xs:complexType/></xs:element>"#,
        );
        let roots: Vec<(&str, &str)> =
            krate.roots.iter().map(|r| (r.variant.as_str(), krate.item(r.ty).name())).collect();
        assert_eq!(roots, [("Body", "Body"), ("Nil", "NilElement"), ("Note", "Note")]);
        assert!(matches!(find(&krate, "Body"), Item::Struct(s) if s.element.is_some()));
        let Item::Element(nil) = find(&krate, "NilElement") else {
            panic!("a nillable element keeps its wrapper")
        };
        assert!(matches!(&nil.ty, Ty::Nillable(inner) if matches!(**inner, Ty::Named { .. })));
        // A complex type takes no default value.
        let Item::Element(note) = find(&krate, "Note") else { panic!() };
        assert!(matches!(note.ty, Ty::Named { .. }));
    }

    #[test]
    fn an_abstract_element_is_no_document_root() {
        let krate = build_xsd(
            r#"<xs:element name="vehicle" type="xs:string" abstract="true"/>
               <xs:element name="car" type="xs:string" substitutionGroup="t:vehicle"/>"#,
        );
        let roots: Vec<(&str, bool, bool)> =
            krate.roots.iter().map(|r| (r.variant.as_str(), r.document, r.wildcard)).collect();
        assert_eq!(roots, [("Car", true, true), ("Vehicle", false, false)]);
    }

    #[test]
    fn with_chosen_roots_a_referenced_element_of_another_namespace_has_no_wrapper() {
        let set = documents(&[
            (
                "main.xsd",
                Some(NS),
                r#"<xs:import namespace="urn:o" schemaLocation="other.xsd"/>
                   <xs:element name="doc"><xs:complexType><xs:sequence><xs:element ref="o:id" xmlns:o="urn:o"/>
                     </xs:sequence></xs:complexType></xs:element>
                   <xs:element name="sibling" type="xs:int"/>"#,
            ),
            ("other.xsd", Some("urn:o"), r#"<xs:element name="id" type="xs:int"/>"#),
        ]);
        let all = super::super::build(&set, &Options::default()).unwrap();
        assert_eq!(all.roots.len(), 3);
        let options = Options { roots: vec![QName::new(Some(NS), "doc")], ..Options::default() };
        let chosen = super::super::build(&set, &options).unwrap();
        // The root, and its namespace's other element (wildcards there would read it typed); `o:id`
        // is read as its type inside `doc`.
        let roots: Vec<(&str, bool)> =
            chosen.roots.iter().map(|r| (r.variant.as_str(), r.document)).collect();
        assert_eq!(roots, [("Doc", true), ("Sibling", false)]);
        assert!(!chosen.items.iter().any(|e| matches!(&e.item, Item::Element(w) if w.element.local == "id")));
    }

    #[test]
    fn no_root_takes_a_variant_name_the_element_enum_has_of_its_own() {
        let krate = build_xsd(
            r#"<xs:element name="Custom" type="xs:int"/><xs:element name="unknown" type="xs:int"/>
               <xs:element name="other" type="xs:int"/>"#,
        );
        let variants: Vec<&str> = krate.roots.iter().map(|r| r.variant.as_str()).collect();
        assert_eq!(variants, ["TCustom", "Other", "TUnknown"]);
    }

    #[test]
    fn roots_of_the_same_name_in_two_namespaces_are_told_apart_by_module() {
        let set = documents(&[
            (
                "main.xsd",
                Some(NS),
                r#"<xs:import namespace="urn:o" schemaLocation="other.xsd"/><xs:element name="x" type="xs:int"/>"#,
            ),
            ("other.xsd", Some("urn:o"), r#"<xs:element name="x" type="xs:int"/>"#),
        ]);
        let krate = super::super::build(&set, &Options::default()).unwrap();
        let variants: Vec<&str> = krate.roots.iter().map(|r| r.variant.as_str()).collect();
        assert_eq!(variants, ["X", "MainX"]);
        assert_eq!(krate.module_of(krate.roots[1].ty), "main");
    }
}
