//! Schema model → Rust type model: the passes in order, and the state the item-building passes
//! share.
//!
//! Data flows one way. [`modules`](super::modules), [`families`](super::families) and
//! [`type_names`](super::type_names) decide names and ids before any item exists, so every
//! reference can be made; the item passes ([`simple`](super::simple), [`structs`](super::structs),
//! [`elements`](super::elements), [`element_enums`](super::element_enums)) fill the arena; then
//! [`boxes`](super::boxes) and [`derives`](super::derives) annotate the finished crate.

use std::collections::{BTreeMap, BTreeSet};

use super::families::Families;
use super::type_names::{NameKind, TypeNames};
use super::*;
use crate::error::Diagnostic;
use crate::model::{Location, SchemaSet, TypeDef};

/// Builds the Rust type model.
pub fn build(set: &SchemaSet, options: &Options) -> Result<Crate, Vec<Diagnostic>> {
    let expanded = super::substitution::expand(set);
    let set = expanded.as_ref().unwrap_or(set);
    let modules = super::modules::name_modules(set, &options.module_names, &options.extern_namespaces);
    let families = super::families::find(set);
    let names = super::type_names::name_types(set, &modules, &families, options);
    let mut b = Builder::new(set, options, modules, families, names);
    super::families::family_items(&mut b);
    for (name, def) in &set.types {
        match def {
            TypeDef::Simple(st) => super::simple::simple_item(&mut b, name, st),
            TypeDef::Complex(ct) => super::structs::struct_item(&mut b, name, ct),
        }
    }
    super::groups::name_shared_groups(&mut b);
    super::elements::elements(&mut b);
    super::element_enums::element_enum_items(&mut b);
    super::type_names::extern_types(&mut b, &options.extern_types);
    let unused: Vec<TypeId> =
        b.union_member_uses.unused().filter_map(|q| b.names.id(NameKind::Type, q)).collect();
    let mut krate = b.finish()?;
    super::simple::drop_unused_members(&mut krate, &unused);
    super::boxes::mark_boxes(&mut krate);
    super::derives::mark_defaults(&mut krate);
    super::derives::mark_eq(&mut krate);
    super::default_literals::mark_default_literals(&mut krate);
    Ok(krate)
}

/// What the item-building passes share: the names decided up front, and the items built so far.
pub(super) struct Builder<'s> {
    pub set: &'s SchemaSet,
    pub options: &'s Options,
    /// By module name, as [`Crate::modules`] (their item lists filled as items are pushed).
    pub modules: BTreeMap<String, Module>,
    pub families: Families,
    pub names: TypeNames,
    /// By [`TypeId`]: the item, once built.
    items: Vec<Option<Item>>,
    /// By [`TypeId`]: the Rust path of an existing type the user maps it to.
    pub extern_paths: BTreeMap<TypeId, String>,
    /// Module → its element enum, for the modules lax wildcards read into.
    pub element_enums: BTreeMap<String, TypeId>,
    /// The enum over every global element, once a wildcard over several namespaces asks for it.
    pub known_element: Option<String>,
    pub roots: Vec<Root>,
    pub diagnostics: Vec<Diagnostic>,
    /// Nested groups built so far, by module and content (see [`super::groups::group_item`]).
    pub groups: BTreeMap<(String, String), TypeId>,
    /// Each nested group's label and the types whose content holds it.
    pub group_owners: BTreeMap<TypeId, (String, BTreeSet<String>)>,
    /// How unions use their anonymous member types (see [`super::simple::MemberUses`]).
    pub union_member_uses: super::simple::MemberUses,
}

impl<'s> Builder<'s> {
    pub fn new(
        set: &'s SchemaSet,
        options: &'s Options,
        modules: BTreeMap<String, Module>,
        families: Families,
        names: TypeNames,
    ) -> Self {
        Builder {
            set,
            options,
            modules,
            families,
            names,
            items: Vec::new(),
            extern_paths: BTreeMap::new(),
            element_enums: BTreeMap::new(),
            known_element: None,
            roots: Vec::new(),
            diagnostics: Vec::new(),
            groups: BTreeMap::new(),
            group_owners: BTreeMap::new(),
            union_member_uses: Default::default(),
        }
    }

    /// The module of namespace `ns`.
    pub fn module_of(&self, ns: &Option<String>) -> String {
        super::modules::module_of(&self.modules, ns)
    }

    /// Records `item` as the definition of `id`, last in its module so far.
    pub fn push(&mut self, id: TypeId, item: Item) {
        if self.items.len() <= id.index() {
            self.items.resize_with(id.index() + 1, || None);
        }
        self.items[id.index()] = Some(item);
        if let Some(m) = self.modules.get_mut(self.names.module(id)) {
            m.items.push(id);
        }
    }

    /// The item built for `id` so far, to change.
    pub fn item_mut(&mut self, id: TypeId) -> Option<&mut Item> {
        self.items.get_mut(id.index()).and_then(Option::as_mut)
    }

    /// The item built for `id` so far.
    pub fn item(&self, id: TypeId) -> Option<&Item> {
        self.items.get(id.index()).and_then(Option::as_ref)
    }

    pub fn unsupported(&mut self, location: &Location, what: &str) {
        self.diagnostics.push(Diagnostic::new(location.clone(), format!("unsupported: {what}")));
    }

    /// The Rust type for a type name used by a declaration.
    pub fn ty(&self, name: &QName) -> Ty {
        if is_builtin_type(name) {
            return builtin(&name.local).map_or(Ty::AnyElement, Ty::Builtin);
        }
        let kind = if self.families.contains_key(name) { NameKind::Family } else { NameKind::Type };
        let Some(id) = self.names.id(kind, name) else { return Ty::AnyElement };
        let simple = matches!(self.set.types.get(name), Some(TypeDef::Simple(_)));
        Ty::Named { id, simple, has_default: true }
    }

    /// The Rust type of an element's value: its declared type, in `xs::Defaulted` when it has a
    /// default (or fixed) value, then in `xs::Nillable` when it is nillable (a nil element has no
    /// value, an empty one that is not nil takes the declared one), then in `xs::Typed` when its
    /// `xsi:type` is kept (outermost, so that a nil element keeps its `xsi:type` too).
    pub fn element_ty(&self, name: &QName, is_nillable: bool, default: &ValueConstraint) -> Ty {
        let ty = self.ty(name);
        // A family reads `xsi:type` itself; `xs:anyType` keeps it with the element. An anonymous
        // type has no name for `xsi:type` to give, nor derived types.
        let typed = self.options.keep_xsi_type
            && !self.families.contains_key(name)
            && ty != Ty::AnyElement
            && !name.local.starts_with('#');
        // A fixed value is compared as a value of the element's simple type, or of its complex
        // type's simple content.
        let content = match (&ty, default) {
            (Ty::Named { simple: false, .. }, ValueConstraint::Fixed(_)) => {
                super::structs::simple_content(self.set, name)
            }
            _ => None,
        };
        // A union's members have white space of their own: compared collapsed, a fixed value may let
        // through text its member type would not (never the other way round).
        let white_space =
            self.set.white_space(content.as_ref().unwrap_or(name)).unwrap_or(WhiteSpace::Collapse);
        let content = content.map(|c| Box::new(self.ty(&c)));
        let ty = defaulted(ty, default, white_space, content, || {
            super::structs::takes_declared_text(self.set, name)
        });
        let ty = if is_nillable { nillable(ty) } else { ty };
        if typed {
            Ty::Typed(Box::new(ty), name.clone())
        } else {
            ty
        }
    }

    /// The crate: every named type must have been built.
    fn finish(self) -> Result<Crate, Vec<Diagnostic>> {
        let mut diagnostics = self.diagnostics;
        let mut items = Vec::new();
        let mut slots = self.items.into_iter();
        for (id, module, name) in self.names.all() {
            match slots.next().flatten() {
                Some(item) => items.push(Entry {
                    module: module.to_owned(),
                    item,
                    extern_path: self.extern_paths.get(&id).cloned(),
                }),
                None => diagnostics.push(Diagnostic::new(
                    Location::default(),
                    format!("internal error: no definition built for type `{module}::{name}`"),
                )),
            }
        }
        if !diagnostics.is_empty() {
            return Err(diagnostics);
        }
        Ok(Crate { modules: self.modules, items, roots: self.roots, known_element: self.known_element })
    }
}

/// A nillable element's type: `xs::Nillable` around its declared type. An element kept whole
/// (`xs:anyType`) keeps `xsi:nil` and the declarations its attributes need by itself.
fn nillable(ty: Ty) -> Ty {
    if ty != Ty::AnyElement {
        Ty::Nillable(Box::new(ty))
    } else {
        ty
    }
}

/// An element declaration's `default` or `fixed` value.
pub enum ValueConstraint {
    None,
    Default(String),
    Fixed(String),
}

impl ValueConstraint {
    /// From a declaration's attributes (XSD forbids both on one declaration; `default` wins).
    pub fn of(default: &Option<String>, fixed: &Option<String>) -> Self {
        match (default, fixed) {
            (Some(value), _) => Self::Default(value.clone()),
            (None, Some(value)) => Self::Fixed(value.clone()),
            (None, None) => Self::None,
        }
    }
}

/// The type of an element with a default (or fixed) value: `xs::Defaulted` around its type, which
/// keeps whether the element was empty, when the type is simple or has simple or mixed content
/// (XSD gives the value to an empty element of these as its text; element-only content takes none).
fn defaulted(
    ty: Ty,
    constraint: &ValueConstraint,
    white_space: WhiteSpace,
    content: Option<Box<Ty>>,
    takes_text: impl FnOnce() -> bool,
) -> Ty {
    let (value, fixed) = match constraint {
        ValueConstraint::Default(value) => (value, false),
        ValueConstraint::Fixed(value) => (value, true),
        ValueConstraint::None => return ty,
    };
    if ty.is_simple() || matches!(ty, Ty::Named { .. }) && takes_text() {
        Ty::Defaulted { ty: Box::new(ty), value: value.clone(), fixed, white_space, content }
    } else {
        ty
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_schema::{build_xsd, find};
    use super::*;

    /// The types of the element fields of type `t` in `xsd`, in order.
    fn element_types_of_t(xsd: &str) -> Vec<Ty> {
        let krate = build_xsd(xsd);
        let Item::Struct(Struct { body: Body::Fields(fields), .. }) = find(&krate, "T") else { panic!() };
        let ty = |f: &Field| match &f.kind {
            FieldKind::Element { ty, .. } => ty.clone(),
            _ => panic!("{} is no element", f.field),
        };
        fields.iter().map(ty).collect()
    }

    #[test]
    fn element_values_nest_typed_outside_nillable_and_defaulted() {
        let xsd = r#"
            <xs:complexType name="t"><xs:sequence>
              <xs:element name="n" type="xs:int" nillable="true"/>
              <xs:element name="d" type="xs:int" default="3"/>
              <xs:element name="any" type="xs:anyType" nillable="true"/>
              <xs:element name="f" type="xs:string" fixed="cm"/>
              <xs:element name="nd" type="xs:int" nillable="true" default="3"/>
            </xs:sequence></xs:complexType>"#;
        let types = element_types_of_t(xsd);
        let ty = |i: usize| types[i].clone();
        assert!(matches!(ty(0), Ty::Nillable(inner) if matches!(*inner, Ty::Builtin(_))));
        assert!(matches!(ty(1), Ty::Defaulted { value, fixed: false, .. } if value == "3"));
        assert_eq!(ty(2), Ty::AnyElement);
        assert!(matches!(ty(3), Ty::Defaulted { value, fixed: true, .. } if value == "cm"));
        assert!(matches!(ty(4), Ty::Nillable(inner) if matches!(*inner, Ty::Defaulted { .. })));
    }

    #[test]
    fn a_declared_value_applies_to_simple_and_mixed_content_and_not_to_element_content() {
        let xsd = r#"
            <xs:complexType name="price"><xs:simpleContent><xs:extension base="xs:decimal">
              <xs:attribute name="currency" type="xs:string"/>
            </xs:extension></xs:simpleContent></xs:complexType>
            <xs:complexType name="taggedPrice"><xs:complexContent><xs:extension base="t:price">
              <xs:attribute name="tag" type="xs:string"/>
            </xs:extension></xs:complexContent></xs:complexType>
            <xs:complexType name="empty"/>
            <xs:complexType name="mixedText" mixed="true"><xs:sequence>
              <xs:element name="b" type="xs:string" minOccurs="0"/>
            </xs:sequence></xs:complexType>
            <xs:complexType name="t"><xs:sequence>
              <xs:element name="p" type="t:price" default="1.0"/>
              <xs:element name="tp" type="t:taggedPrice" fixed="2.0"/>
              <xs:element name="e" type="t:empty" default="x"/>
              <xs:element name="m" type="t:mixedText" default="x"/>
            </xs:sequence></xs:complexType>"#;
        let types = element_types_of_t(xsd);
        let ty = |i: usize| types[i].clone();
        let defaulted_struct = |ty: Ty, expected: &str, is_fixed: bool| {
            matches!(ty, Ty::Defaulted { ty: inner, value, fixed, .. }
                if matches!(*inner, Ty::Named { simple: false, .. }) && value == expected && fixed == is_fixed)
        };
        assert!(defaulted_struct(ty(0), "1.0", false), "{:?}", ty(0));
        // Simple content from its base, through an extension that adds an attribute.
        assert!(defaulted_struct(ty(1), "2.0", true), "{:?}", ty(1));
        // Element-only (here: empty) content takes no value; mixed content takes it as its text.
        assert!(matches!(ty(2), Ty::Named { .. }), "{:?}", ty(2));
        assert!(defaulted_struct(ty(3), "x", false), "{:?}", ty(3));
    }

    #[test]
    fn keep_xsi_type_wraps_values_of_plain_named_types() {
        let xsd = r#"
            <xs:complexType name="t"><xs:sequence>
              <xs:element name="n" type="xs:int" nillable="true"/>
            </xs:sequence></xs:complexType>"#;
        let options = Options { keep_xsi_type: true, ..Options::default() };
        let krate = super::super::test_schema::build_xsd_with(xsd, &options);
        let Item::Struct(Struct { body: Body::Fields(fields), .. }) = find(&krate, "T") else { panic!() };
        let FieldKind::Element { ty, .. } = &fields[0].kind else { panic!() };
        assert!(matches!(ty, Ty::Typed(inner, _) if matches!(**inner, Ty::Nillable(_))));
    }

    #[test]
    fn the_schema_for_schemas_refers_to_its_own_types_in_the_xsd_namespace() {
        // Its types and elements are in the XSD namespace: only the built-in names are built-ins.
        let body = r###"
            <xs:simpleType name="namespaceList"><xs:restriction base="xs:token">
              <xs:enumeration value="##any"/></xs:restriction></xs:simpleType>
            <xs:element name="annotation"><xs:complexType>
              <xs:attribute name="id" type="xs:ID"/></xs:complexType></xs:element>
            <xs:complexType name="wildcard"><xs:sequence>
              <xs:element ref="xs:annotation" minOccurs="0"/></xs:sequence>
              <xs:attribute name="namespace" type="xs:namespaceList"/>
              <xs:attribute name="id" type="xs:ID"/>
              <xs:anyAttribute/></xs:complexType>"###;
        let xs = crate::model::XS;
        let set = super::super::test_schema::documents(&[("XMLSchema.xsd", Some(xs), body)]);
        let krate = super::build(&set, &Options::default()).unwrap();
        let Item::Struct(Struct { attributes, body: Body::Fields(fields), .. }) = find(&krate, "Wildcard")
        else {
            panic!()
        };
        let named = |ty: &Ty| match ty {
            Ty::Named { id, .. } => Some(krate.item(*id).name().to_owned()),
            _ => None,
        };
        let attribute = |name: &str| &attributes.iter().find(|a| a.field == name).unwrap().ty;
        let FieldKind::Element { ty: annotation, .. } = &fields[0].kind else { panic!() };
        assert_eq!(named(attribute("namespace")).as_deref(), Some("NamespaceList"));
        assert_eq!(named(annotation).as_deref(), Some("Annotation"));
        assert!(matches!(attribute("id"), Ty::Builtin(_)));
    }

    #[test]
    fn every_item_is_listed_by_its_module_once() {
        let xsd = r#"
            <xs:complexType name="t"><xs:choice><xs:element name="a" type="xs:int"/>
              <xs:element name="b" type="xs:int"/></xs:choice></xs:complexType>
            <xs:element name="t" type="t"/>"#;
        let krate = build_xsd(xsd);
        let listed: Vec<TypeId> = krate.modules.values().flat_map(|m| m.items.iter().copied()).collect();
        let mut sorted = listed.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), krate.items.len());
        assert_eq!(listed.len(), krate.items.len());
    }
}
