//! Every generated type's Rust name and [`TypeId`], decided before any item is built so that every
//! reference can be made: named types first so they keep their natural names, then anonymous ones,
//! families and global-element wrappers. Later passes name the types they add (groups, element
//! enums) through the same per-module namers.

use std::collections::BTreeMap;

use super::build::Builder;
use super::families::Families;
use super::naming::{shadows_prelude, type_name, Namer};
use super::*;
use crate::error::Diagnostic;
use crate::model::{describe_anonymous, Content, ElementDecl, Location, SchemaSet, TypeDef};

/// What a name is for: a type's struct or enum, a global element's newtype, or the enum over a type
/// and the types derived from it (read by `xsi:type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameKind {
    Type,
    Element,
    Family,
}

/// The ids handed out so far, with each one's module and name.
#[derive(Debug, Default)]
pub struct TypeNames {
    ids: BTreeMap<(NameKind, QName), TypeId>,
    /// By id: (module, Rust name).
    slots: Vec<(String, String)>,
    /// Item names taken per module.
    namers: BTreeMap<String, Namer>,
}

impl TypeNames {
    /// A new type in `module`, named `base` or, if that is taken there, `base2`, `base3`…
    pub fn add(&mut self, module: &str, base: &str) -> TypeId {
        let name = self.unique(module, base);
        let id = TypeId(self.slots.len() as u32);
        self.slots.push((module.to_owned(), name));
        id
    }

    /// Gives `id` a new name in its module: `base`, or `base2`… if that is taken.
    pub fn rename(&mut self, id: TypeId, base: &str) {
        let module = self.slots[id.index()].0.clone();
        let name = self.unique(&module, base);
        self.slots[id.index()].1 = name;
    }

    /// Takes a name in `module` without a type of its own.
    fn unique(&mut self, module: &str, base: &str) -> String {
        self.namers.entry(module.to_owned()).or_default().unique(base, "")
    }

    pub fn id(&self, kind: NameKind, name: &QName) -> Option<TypeId> {
        self.ids.get(&(kind, name.clone())).copied()
    }

    pub fn name(&self, id: TypeId) -> &str {
        &self.slots[id.index()].1
    }

    pub fn module(&self, id: TypeId) -> &str {
        &self.slots[id.index()].0
    }

    /// Every id with its module and name, in id order.
    pub fn all(&self) -> impl Iterator<Item = (TypeId, &str, &str)> {
        self.slots.iter().enumerate().map(|(i, (m, n))| (TypeId(i as u32), m.as_str(), n.as_str()))
    }
}

/// Names every type, family and element wrapper.
pub fn name_types(
    set: &SchemaSet,
    modules: &BTreeMap<String, Module>,
    families: &Families,
    options: &Options,
) -> TypeNames {
    let mut names = TypeNames::default();
    let module_of = |ns: &Option<String>| super::modules::module_of(modules, ns);
    // An abstract type is only ever its family: the enum takes the type's name.
    let mut abstract_names = BTreeMap::new();
    let named = set.types.iter().filter(|(q, _)| !q.local.starts_with('#'));
    let anonymous = set.types.iter().filter(|(q, _)| q.local.starts_with('#'));
    for (qname, def) in named.chain(anonymous) {
        let module = module_of(&qname.ns);
        let base = if is_own_anonymous_key(qname) && matches!(def, TypeDef::Simple(_)) {
            // The element gets a wrapper of its own name (simple values carry no element name).
            format!("{}Value", type_name(def.name_hint()))
        } else if qname.local.starts_with('#') {
            type_name(def.name_hint())
        } else {
            type_name(&qname.local)
        };
        let base = if shadows_prelude(&base) { format!("{base}Type") } else { base };
        if matches!(def, TypeDef::Complex(ct) if ct.is_abstract) {
            abstract_names.insert(qname, names.unique(&module, &base));
        } else {
            let id = names.add(&module, &base);
            names.ids.insert((NameKind::Type, qname.clone()), id);
        }
    }
    // A concrete type keeps its struct, and its family enum is `…Kind`.
    for qname in families.enums.keys() {
        let module = module_of(&qname.ns);
        let id = match abstract_names.get(qname) {
            Some(name) => {
                let id = TypeId(names.slots.len() as u32);
                names.slots.push((module, name.clone()));
                id
            }
            None => {
                let Some(ty) = names.id(NameKind::Type, qname) else { continue };
                let base = format!("{}Kind", names.name(ty));
                names.add(&module, &base)
            }
        };
        names.ids.insert((NameKind::Family, qname.clone()), id);
    }
    for (qname, decl) in &set.elements {
        if is_own_struct(set, decl) || !options.has_element_type(qname) {
            continue;
        }
        let module = module_of(&qname.ns);
        let base = type_name(&qname.local);
        let id = if !shadows_prelude(&base) && names.unique(&module, &base) == base {
            let id = TypeId(names.slots.len() as u32);
            names.slots.push((module, base));
            id
        } else {
            names.add(&module, &format!("{base}Element"))
        };
        names.ids.insert((NameKind::Element, qname.clone()), id);
    }
    names
}

/// Whether a global element is its own anonymous complex type's struct (no wrapper). A nillable
/// one is not: its wrapper holds an `xs::Nillable` of the struct.
pub fn is_own_struct(set: &SchemaSet, decl: &ElementDecl) -> bool {
    is_own_anonymous(&decl.name, &decl.ty)
        && !decl.nillable
        && matches!(set.types.get(&decl.ty), Some(TypeDef::Complex(_)))
}

/// The anonymous type of a global element is registered under `#name` in its namespace.
fn is_own_anonymous(element: &QName, ty: &QName) -> bool {
    ty.ns == element.ns && ty.local.strip_prefix('#') == Some(element.local.as_str())
}

/// What docs and error messages call type `qname`: its name, or where an anonymous type is declared.
pub fn xml_name(set: &SchemaSet, qname: &QName) -> XmlName {
    if !qname.local.starts_with('#') {
        return XmlName::Named(qname.local.clone());
    }
    // Only a simple type or simple content has `base`, `item`, `member1` or `content` types inside
    // it rather than child elements of those names.
    let childless = |key: &str| {
        let local = match key.strip_prefix("#type(").and_then(|k| k.strip_suffix(')')) {
            Some(named) => named,
            None => key,
        };
        match set.types.get(&QName::new(qname.ns.as_deref(), local)) {
            Some(TypeDef::Simple(_)) => true,
            Some(TypeDef::Complex(ct)) => matches!(ct.content, Content::Simple(_) | Content::Empty),
            None => false,
        }
    };
    let words = describe_anonymous(&qname.local, &childless);
    XmlName::Anonymous {
        words: words.unwrap_or_else(|| format!("the anonymous type `{}`", qname.local)),
        hint: set.types.get(qname).map(|def| def.name_hint().to_owned()).unwrap_or_default(),
    }
}

/// Whether `ty` is the anonymous type of a global element (not one nested deeper).
pub fn is_own_anonymous_key(ty: &QName) -> bool {
    ty.local.starts_with('#') && !ty.local[1..].contains('/')
}

/// Types the user maps to existing Rust types: references use the given path, and no item is
/// generated for them.
pub fn extern_types(b: &mut Builder<'_>, externs: &BTreeMap<QName, String>) {
    for (qname, path) in externs {
        let kind = if b.families.contains_key(qname) { NameKind::Family } else { NameKind::Type };
        match b.names.id(kind, qname) {
            Some(id) => {
                b.extern_paths.insert(id, path.clone());
            }
            None => b.diagnostics.push(Diagnostic::new(
                Location::default(),
                format!("extern_type: the schemas define no type `{qname}`"),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::families::find;
    use super::super::modules::name_modules;
    use super::super::test_schema::{schema, NS};
    use super::*;

    fn names_of(body: &str) -> (SchemaSet, TypeNames) {
        let set = schema(body);
        let modules = name_modules(&set, &BTreeMap::new(), &BTreeMap::new());
        let names = name_types(&set, &modules, &find(&set), &Options::default());
        (set, names)
    }

    fn q(local: &str) -> QName {
        QName { ns: Some(NS.into()), local: local.into() }
    }

    fn name(names: &TypeNames, kind: NameKind, local: &str) -> String {
        names.name(names.id(kind, &q(local)).expect(local)).to_owned()
    }

    #[test]
    fn named_types_keep_their_names_before_anonymous_ones() {
        let (_, names) = names_of(
            r#"<xs:element name="note"><xs:complexType><xs:sequence>
                 <xs:element name="body"><xs:complexType/></xs:element>
               </xs:sequence></xs:complexType></xs:element>
               <xs:complexType name="body"/>"#,
        );
        assert_eq!(name(&names, NameKind::Type, "body"), "Body");
        assert_eq!(name(&names, NameKind::Type, "#note"), "Note");
        let anonymous: Vec<&str> = names.all().map(|(_, _, n)| n).collect();
        assert!(anonymous.contains(&"Body2"), "{anonymous:?}");
        // The element is its anonymous type's struct: no wrapper.
        assert!(names.id(NameKind::Element, &q("note")).is_none());
    }

    #[test]
    fn element_wrappers_fall_back_to_element_suffix_and_simple_anonymous_types_to_value() {
        let (_, names) = names_of(
            r#"<xs:complexType name="note"/><xs:element name="note" type="t:note"/>
               <xs:element name="size"><xs:simpleType><xs:restriction base="xs:int"/></xs:simpleType></xs:element>"#,
        );
        assert_eq!(name(&names, NameKind::Element, "note"), "NoteElement");
        assert_eq!(name(&names, NameKind::Type, "#size"), "SizeValue");
        assert_eq!(name(&names, NameKind::Element, "size"), "Size");
    }

    #[test]
    fn no_item_takes_a_name_the_prelude_gives_a_value() {
        let (_, names) = names_of(
            r#"<xs:simpleType name="Ok"><xs:restriction base="xs:int"><xs:minInclusive value="0"/></xs:restriction></xs:simpleType>
               <xs:complexType name="none"/>
               <xs:element name="None" type="t:none"/><xs:element name="Some" type="t:Ok"/>
               <xs:element name="err"><xs:complexType/></xs:element>"#,
        );
        assert_eq!(name(&names, NameKind::Type, "Ok"), "OkType");
        assert_eq!(name(&names, NameKind::Type, "none"), "NoneType");
        assert_eq!(name(&names, NameKind::Element, "None"), "NoneElement");
        assert_eq!(name(&names, NameKind::Element, "Some"), "SomeElement");
        assert_eq!(name(&names, NameKind::Type, "#err"), "ErrType");
    }

    #[test]
    fn families_take_an_abstract_name_or_kind() {
        let (_, names) = names_of(
            r#"<xs:complexType name="shape" abstract="true"/>
               <xs:complexType name="circle"><xs:complexContent><xs:extension base="t:shape"/></xs:complexContent></xs:complexType>
               <xs:complexType name="round"><xs:complexContent><xs:extension base="t:circle"/></xs:complexContent></xs:complexType>
               <xs:element name="a" type="t:shape"/><xs:element name="b" type="t:circle"/>"#,
        );
        assert_eq!(name(&names, NameKind::Family, "shape"), "Shape");
        assert!(names.id(NameKind::Type, &q("shape")).is_none(), "an abstract type has no struct");
        assert_eq!(name(&names, NameKind::Family, "circle"), "CircleKind");
        assert_eq!(name(&names, NameKind::Type, "circle"), "Circle");
    }

    #[test]
    fn ids_index_their_module_and_name() {
        let (_, mut names) = names_of(r#"<xs:complexType name="a"/>"#);
        let a = names.id(NameKind::Type, &q("a")).unwrap();
        let added = names.add("t", "A");
        assert_ne!(a, added);
        assert_eq!((names.module(added), names.name(added)), ("t", "A2"));
    }

    #[test]
    fn extern_types_mark_their_entry_and_unknown_ones_are_reported() {
        let body = r#"<xs:complexType name="a"/><xs:complexType name="b"/>"#;
        let options =
            Options { extern_types: BTreeMap::from([(q("a"), "crate::A".to_owned())]), ..Options::default() };
        let krate = super::super::test_schema::build_xsd_with(body, &options);
        let paths: Vec<(&str, Option<&str>)> =
            krate.items.iter().map(|e| (e.item.name(), e.extern_path.as_deref())).collect();
        assert_eq!(paths, [("A", Some("crate::A")), ("B", None)]);
        let m = krate.modules.values().next().unwrap();
        assert_eq!(krate.own_items_of(m).map(Item::name).collect::<Vec<_>>(), ["B"]);

        let options = Options { extern_types: BTreeMap::from([(q("c"), "crate::C".to_owned())]), ..options };
        let err = super::super::build(&schema(body), &options).unwrap_err();
        assert!(err[0].message.contains("no type `{urn:t}c`"), "{:?}", err[0].message);
    }
}
