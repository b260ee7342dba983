//! The first pass: one Rust module per target namespace, named after the namespace's schema file
//! unless the user chose a name.

use std::collections::{BTreeMap, BTreeSet};

use super::naming::{field_name, Namer};
use super::Module;
use crate::model::SchemaSet;

/// A module for every namespace that declares a type or an element, by module name. `overrides`
/// names modules by namespace; `externs` marks namespaces whose types exist elsewhere (by path).
pub fn name_modules(
    set: &SchemaSet,
    overrides: &BTreeMap<Option<String>, String>,
    externs: &BTreeMap<Option<String>, String>,
) -> BTreeMap<String, Module> {
    let namespaces: BTreeSet<Option<String>> =
        set.types.keys().map(|q| q.ns.clone()).chain(set.elements.keys().map(|q| q.ns.clone())).collect();
    let mut taken = Namer::default();
    let mut modules = BTreeMap::new();
    for ns in namespaces {
        let base = match overrides.get(&ns) {
            Some(name) => name.clone(),
            None => field_name(set.namespace_files.get(&ns).map(String::as_str).unwrap_or("no_namespace")),
        };
        let name = taken.unique(&base, "_");
        let external = externs.get(&ns).cloned();
        modules.insert(name.clone(), Module { name, namespace: ns, items: Vec::new(), external });
    }
    modules
}

/// The name of namespace `ns`'s module (empty if it has none).
pub fn module_of(modules: &BTreeMap<String, Module>, ns: &Option<String>) -> String {
    modules.values().find(|m| &m.namespace == ns).map(|m| m.name.clone()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::super::test_schema::{documents, schema, NS};
    use super::*;

    #[test]
    fn a_module_per_namespace_named_after_its_file() {
        let set = documents(&[
            (
                "main-Types.xsd",
                Some(NS),
                r#"<xs:import namespace="urn:o" schemaLocation="other.xsd"/><xs:element name="e" type="xs:int"/>"#,
            ),
            (
                "other.xsd",
                Some("urn:o"),
                r#"<xs:simpleType name="s"><xs:restriction base="xs:int"/></xs:simpleType>"#,
            ),
        ]);
        let modules = name_modules(&set, &BTreeMap::new(), &BTreeMap::new());
        let names: Vec<&str> = modules.keys().map(String::as_str).collect();
        assert_eq!(names, ["main_types", "other"]);
        assert_eq!(module_of(&modules, &Some("urn:o".into())), "other");
        assert_eq!(module_of(&modules, &None), "");
    }

    #[test]
    fn overrides_and_externs_apply_by_namespace_and_clashes_get_a_suffix() {
        let set = documents(&[
            (
                "a.xsd",
                Some(NS),
                r#"<xs:import namespace="urn:o" schemaLocation="b.xsd"/><xs:element name="e" type="xs:int"/>"#,
            ),
            ("b.xsd", Some("urn:o"), r#"<xs:element name="f" type="xs:int"/>"#),
        ]);
        let overrides =
            BTreeMap::from([(Some(NS.to_owned()), "same".to_owned()), (Some("urn:o".into()), "same".into())]);
        let externs = BTreeMap::from([(Some("urn:o".to_owned()), "crate::o".to_owned())]);
        let modules = name_modules(&set, &overrides, &externs);
        // Namespaces are named in order: `urn:o` before `urn:t`.
        assert_eq!(module_of(&modules, &Some(NS.into())), "same_2");
        let other = &modules[&module_of(&modules, &Some("urn:o".into()))];
        assert_eq!((other.name.as_str(), other.external.as_deref()), ("same", Some("crate::o")));
    }

    #[test]
    fn namespaces_without_declarations_get_no_module() {
        let set = schema(r#"<xs:element name="e" type="xs:string"/>"#);
        let modules = name_modules(&set, &BTreeMap::new(), &BTreeMap::new());
        assert_eq!(modules.len(), 1);
    }
}
