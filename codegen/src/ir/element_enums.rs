//! Element enums: what lax and strict wildcards read into. A wildcard over one namespace that
//! declares global elements reads them as that module's `Element` enum (XSD's "lax" assessment),
//! one over several namespaces as the crate-level enum over every global element; anything else is
//! kept whole.

use super::build::Builder;
use super::naming::{type_name, Namer};
use super::*;
use crate::model::{self, NamespaceConstraint};

/// The type a wildcard's content is read into, or `None` when it is kept whole (`skip`, or no
/// known global element can match it).
pub fn element_enum(b: &mut Builder<'_>, w: &model::Wildcard) -> Option<Ty> {
    if w.process == model::ProcessContents::Skip {
        return None;
    }
    let NamespaceConstraint::Only(list) = &w.namespaces else { return Some(known_element(b)) };
    let [ns] = list.as_slice() else { return Some(known_element(b)) };
    if !b.options.typed_by_wildcards(ns) || !b.set.elements.keys().any(|e| &e.ns == ns) {
        return None;
    }
    let module = b.module_of(ns);
    if b.modules.get(&module).is_some_and(|m| m.external.is_some()) {
        return None;
    }
    let id = match b.element_enums.get(&module) {
        Some(id) => *id,
        None => {
            let id = b.names.add(&module, "Element");
            b.element_enums.insert(module, id);
            id
        }
    };
    Some(Ty::Named { id, simple: false, has_default: false })
}

/// The crate-level enum over every global element (and registered custom elements), for lax
/// wildcards over more than one namespace.
fn known_element(b: &mut Builder<'_>) -> Ty {
    let name = b.options.known_element_name.clone().unwrap_or_else(|| "KnownElement".into());
    b.known_element = Some(name.clone());
    Ty::KnownElement(name)
}

/// The element enums wildcards asked for, once every global element has its type.
pub fn element_enum_items(b: &mut Builder<'_>) {
    for (module, id) in b.element_enums.clone() {
        let mut namer = Namer::default();
        namer.reserve("Other");
        let variants = b
            .roots
            .iter()
            .filter(|r| r.wildcard && b.names.module(r.ty) == module)
            .map(|r| (namer.unique(&type_name(&r.name.local), ""), r.ty, r.name.clone()))
            .collect();
        let name = b.names.name(id).to_owned();
        b.push(id, Item::ElementEnum(ElementEnum { name, variants }));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_schema::{build_xsd, build_xsd_with, find};
    use super::*;

    fn kinds(krate: &Crate, ty: &str) -> Vec<String> {
        let Item::Struct(Struct { body: Body::Fields(f), .. }) = find(krate, ty) else { panic!() };
        f.iter()
            .map(|f| match &f.kind {
                FieldKind::Any(_) => "any".to_owned(),
                FieldKind::Lax { ty: Ty::Named { id, .. }, .. } => krate.item(*id).name().to_owned(),
                FieldKind::Lax { ty: Ty::KnownElement(name), .. } => name.clone(),
                _ => "other".to_owned(),
            })
            .collect()
    }

    #[test]
    fn lax_wildcards_over_one_namespace_read_its_element_enum_once() {
        let krate = build_xsd(
            r###"<xs:complexType name="t"><xs:sequence>
                 <xs:any namespace="##targetNamespace" processContents="lax"/>
                 <xs:any namespace="##local" processContents="lax"/>
                 <xs:any namespace="##targetNamespace" processContents="skip"/>
                 <xs:any namespace="##targetNamespace" processContents="strict" maxOccurs="2"/>
               </xs:sequence></xs:complexType>
               <xs:element name="element" type="xs:int"/><xs:element name="other" type="t:t"/>"###,
        );
        assert_eq!(kinds(&krate, "T"), ["Element2", "any", "any", "Element2"]);
        let Item::ElementEnum(e) = find(&krate, "Element2") else { panic!() };
        let variants: Vec<(&str, &str)> =
            e.variants.iter().map(|(v, ty, _)| (v.as_str(), krate.item(*ty).name())).collect();
        assert_eq!(variants, [("Element", "Element"), ("Other2", "Other")]);
    }

    #[test]
    fn wildcards_over_several_namespaces_read_the_known_element_enum() {
        let options = Options { known_element_name: Some("Known".into()), ..Options::default() };
        let krate = build_xsd_with(
            r#"<xs:complexType name="t"><xs:sequence><xs:any processContents="lax"/></xs:sequence></xs:complexType>"#,
            &options,
        );
        assert_eq!(kinds(&krate, "T"), ["Known"]);
        assert_eq!(krate.known_element.as_deref(), Some("Known"));
    }
}
