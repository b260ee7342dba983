//! Schema model → Rust type model.

use std::collections::{BTreeMap, BTreeSet};

use super::naming::{field_name, type_name, Namer};
use super::*;
use crate::error::Diagnostic;
use crate::model::{
    self, ComplexType, Content, Derivation, Location, Particle, SchemaSet, SimpleVariety, Term, TypeDef,
};

/// Builds the Rust type model. `module_names` overrides the module chosen for a namespace.
pub fn build(set: &SchemaSet, options: &Options) -> Result<Crate, Vec<Diagnostic>> {
    let expanded = super::substitution::expand(set);
    let set = expanded.as_ref().unwrap_or(set);
    let mut b = Builder {
        set,
        krate: Crate::default(),
        names: BTreeMap::new(),
        families: BTreeMap::new(),
        in_hierarchy: BTreeSet::new(),
        element_enums: BTreeMap::new(),
        options_known_element_name: options
            .known_element_name
            .clone()
            .unwrap_or_else(|| "KnownElement".into()),
        namers: BTreeMap::new(),
        diagnostics: Vec::new(),
        keep_xsi_type: options.keep_xsi_type,
        options_roots: &options.roots,
    };
    b.name_modules(&options.module_names, &options.extern_namespaces);
    b.find_families();
    b.name_types();
    b.family_items();
    for (name, def) in &set.types {
        match def {
            TypeDef::Simple(st) => b.simple_item(name, st),
            TypeDef::Complex(ct) => b.struct_item(name, ct),
        }
    }
    b.elements();
    b.element_enum_items();
    b.extern_types(&options.extern_types);
    if !b.diagnostics.is_empty() {
        return Err(b.diagnostics);
    }
    let mut krate = b.krate;
    super::boxes::mark_boxes(&mut krate);
    mark_defaults(&mut krate);
    mark_eq(&mut krate);
    Ok(krate)
}

struct Builder<'s> {
    set: &'s SchemaSet,
    krate: Crate,
    /// Type (or global element, for wrappers) → (module, Rust name).
    names: BTreeMap<(NameKind, QName), (String, String)>,
    /// Complex type → its derived types (transitively), for types used polymorphically.
    /// `Options::roots`.
    options_roots: &'s [QName],
    families: BTreeMap<QName, Vec<QName>>,
    /// Every type with derived types or a base, abstract or not: they take `xsi:type` as typing.
    in_hierarchy: BTreeSet<QName>,
    /// Module → name of its element enum, for the modules lax wildcards read into.
    element_enums: BTreeMap<String, String>,
    options_known_element_name: String,
    /// Item names taken per module.
    namers: BTreeMap<String, Namer>,
    diagnostics: Vec<Diagnostic>,
    /// Wrap the values of elements whose type is not a family in `xs::Typed`.
    keep_xsi_type: bool,
}

/// What a name is for: a type's struct or enum, a global element's newtype, or the enum over a type
/// and the types derived from it (read by `xsi:type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum NameKind {
    Type,
    Element,
    Family,
}

const TYPE: NameKind = NameKind::Type;
const ELEMENT: NameKind = NameKind::Element;
const FAMILY: NameKind = NameKind::Family;

impl<'s> Builder<'s> {
    fn name_modules(
        &mut self,
        overrides: &BTreeMap<Option<String>, String>,
        externs: &BTreeMap<Option<String>, String>,
    ) {
        let namespaces: BTreeSet<Option<String>> = self
            .set
            .types
            .keys()
            .map(|q| q.ns.clone())
            .chain(self.set.elements.keys().map(|q| q.ns.clone()))
            .collect();
        let mut taken = Namer::default();
        for ns in namespaces {
            let base = match overrides.get(&ns) {
                Some(name) => name.clone(),
                None => field_name(
                    self.set.namespace_files.get(&ns).map(String::as_str).unwrap_or("no_namespace"),
                ),
            };
            let name = taken.unique(&base, "_");
            let external = externs.get(&ns).cloned();
            self.krate.modules.insert(
                name.clone(),
                Module { name: name.clone(), namespace: ns, items: Vec::new(), external },
            );
        }
    }

    fn module_of(&self, ns: &Option<String>) -> String {
        self.krate.modules.values().find(|m| &m.namespace == ns).map(|m| m.name.clone()).unwrap_or_default()
    }

    /// Names every type and element wrapper, named types first so they keep their natural names.
    /// Finds every complex type that is abstract or has derived types: elements of such a type are
    /// read as an enum over the concrete types, chosen by `xsi:type`.
    fn find_families(&mut self) {
        let element_types = element_types(self.set);
        let mut children: BTreeMap<&QName, Vec<&QName>> = BTreeMap::new();
        for (name, def) in &self.set.types {
            if let TypeDef::Complex(ct) = def {
                if let Some((base, _)) = &ct.base {
                    children.entry(base).or_default().push(name);
                }
            }
        }
        for (name, def) in &self.set.types {
            let TypeDef::Complex(ct) = def else { continue };
            let mut members = Vec::new();
            let mut stack = vec![name];
            while let Some(n) = stack.pop() {
                for child in children.get(n).into_iter().flatten() {
                    if !members.contains(*child) && *child != name {
                        members.push((*child).clone());
                        stack.push(child);
                    }
                }
            }
            if !members.is_empty() || ct.is_abstract {
                self.in_hierarchy.insert(name.clone());
                self.in_hierarchy.extend(members.iter().cloned());
                // Only an element's type is read as its family: a type that is only ever a base
                // needs no enum.
                if element_types.contains(name) {
                    members.sort();
                    self.families.insert(name.clone(), members);
                }
            }
        }
    }

    fn name_types(&mut self) {
        let named = self.set.types.iter().filter(|(q, _)| !q.local.starts_with('#'));
        let anonymous = self.set.types.iter().filter(|(q, _)| q.local.starts_with('#'));
        for (qname, def) in named.chain(anonymous) {
            let module = self.module_of(&qname.ns);
            let base = if is_own_anonymous_key(qname) && matches!(def, TypeDef::Simple(_)) {
                // The element gets a wrapper of its own name (simple values carry no element name).
                format!("{}Value", type_name(def.name_hint()))
            } else if qname.local.starts_with('#') {
                type_name(def.name_hint())
            } else {
                type_name(&qname.local)
            };
            let name = self.namers.entry(module.clone()).or_default().unique(&base, "");
            self.names.insert((TYPE, qname.clone()), (module, name));
        }
        // An abstract type is only ever its family: the enum takes the type's name. A concrete type
        // keeps its struct, and its family enum is `…Kind`.
        for (qname, def) in &self.set.types {
            if !self.families.contains_key(qname) {
                continue;
            }
            let (module, type_name_) = self.names[&(TYPE, qname.clone())].clone();
            let is_abstract = matches!(def, TypeDef::Complex(ct) if ct.is_abstract);
            let name = if is_abstract {
                type_name_
            } else {
                self.namers.entry(module.clone()).or_default().unique(&format!("{type_name_}Kind"), "")
            };
            self.names.insert((FAMILY, qname.clone()), (module, name));
        }
        for (qname, decl) in &self.set.elements {
            if self.is_own_struct(decl) {
                continue;
            }
            let module = self.module_of(&qname.ns);
            let namer = self.namers.entry(module.clone()).or_default();
            let base = type_name(&qname.local);
            let name = if namer.unique(&base, "") == base {
                base
            } else {
                namer.unique(&format!("{base}Element"), "")
            };
            self.names.insert((ELEMENT, qname.clone()), (module, name));
        }
    }

    /// Whether a global element is its own anonymous complex type's struct (no wrapper). A nillable
    /// one is not: its wrapper holds an `xs::Nillable` of the struct.
    fn is_own_struct(&self, decl: &model::ElementDecl) -> bool {
        is_own_anonymous(&decl.name, &decl.ty)
            && !decl.nillable
            && matches!(self.set.types.get(&decl.ty), Some(TypeDef::Complex(_)))
    }

    fn push(&mut self, ns: &Option<String>, item: Item) {
        let module = self.module_of(ns);
        if let Some(m) = self.krate.modules.get_mut(&module) {
            m.items.push(item);
        }
    }

    fn unsupported(&mut self, location: &Location, what: &str) {
        self.diagnostics.push(Diagnostic::new(location.clone(), format!("unsupported: {what}")));
    }

    /// The Rust type for a type name used by a declaration.
    fn ty(&self, name: &QName) -> Ty {
        if name.is_builtin() {
            if let Some(b) = builtin(&name.local) {
                return Ty::Builtin(b);
            }
            return Ty::AnyElement;
        }
        let kind = if self.families.contains_key(name) { FAMILY } else { TYPE };
        let (module, rust) = self.names.get(&(kind, name.clone())).cloned().unwrap_or_default();
        let simple = matches!(self.set.types.get(name), Some(TypeDef::Simple(_)));
        Ty::Named { module, name: rust, simple, has_default: true }
    }

    /// The Rust type of an element's value: its declared type, in `xs::Nillable` when it is nillable
    /// or else in `xs::Defaulted` when it has a default (or fixed) value, then in `xs::Typed` when
    /// its `xsi:type` is kept (outermost, so that a nil element keeps its `xsi:type` too).
    fn element_ty(&self, name: &QName, is_nillable: bool, default: Option<&String>) -> Ty {
        let ty = self.ty(name);
        // A family reads `xsi:type` itself; `xs:anyType` keeps it with the element. An anonymous
        // type has no name for `xsi:type` to give, nor derived types.
        let typed = self.keep_xsi_type
            && !self.families.contains_key(name)
            && ty != Ty::AnyElement
            && !name.local.starts_with('#');
        // A nillable element's default is not filled in (see `defaulted`).
        let ty = if is_nillable { nillable(ty, true) } else { defaulted(ty, default) };
        if typed {
            Ty::Typed(Box::new(ty))
        } else {
            ty
        }
    }

    /// Whether a simple type is `xs:QName` or `xs:NOTATION`, or restricts one of them.
    fn is_qname(&self, name: &QName) -> bool {
        let mut name = name.clone();
        for _ in 0..32 {
            if name.is_builtin() {
                return matches!(name.local.as_str(), "QName" | "NOTATION");
            }
            match self.set.types.get(&name) {
                Some(TypeDef::Simple(model::SimpleType {
                    variety: SimpleVariety::Restriction { base, .. },
                    ..
                })) => name = base.clone(),
                _ => return false,
            }
        }
        false
    }

    fn simple_item(&mut self, qname: &QName, st: &model::SimpleType) {
        let (_, name) = self.names[&(TYPE, qname.clone())].clone();
        let item = match &st.variety {
            SimpleVariety::Restriction { facets, .. }
                if !facets.enumeration.is_empty() && !self.is_qname(qname) =>
            {
                let mut namer = Namer::default();
                let values = facets
                    .enumeration
                    .iter()
                    .map(|(v, doc)| (namer.unique(&type_name(v), ""), v.clone(), doc.clone()))
                    .collect();
                Item::Enum(ValueEnum {
                    name,
                    doc: st.doc.clone(),
                    values,
                    members: Vec::new(),
                    other: None,
                    xml_name: qname.local.clone(),
                    eq: true,
                })
            }
            SimpleVariety::Restriction { base, facets } => {
                // Facets of the whole restriction chain are checked against the innermost type.
                let mut checks = facet_checks(facets);
                let mut base = base.clone();
                for _ in 0..32 {
                    match self.set.types.get(&base) {
                        Some(TypeDef::Simple(model::SimpleType {
                            variety: SimpleVariety::Restriction { base: inner, facets },
                            ..
                        })) if facets.enumeration.is_empty() || self.is_qname(&base) => {
                            checks.extend(facet_checks(facets));
                            base = inner.clone();
                        }
                        _ => break,
                    }
                }
                let ty = self.ty(&base);
                if checks.is_empty() {
                    Item::Alias(Alias { name, doc: st.doc.clone(), ty })
                } else {
                    Item::Restricted(Restricted {
                        name,
                        doc: st.doc.clone(),
                        ty,
                        checks,
                        xml_name: qname.local.clone(),
                        eq: true,
                    })
                }
            }
            SimpleVariety::List { item } => {
                Item::Alias(Alias { name, doc: st.doc.clone(), ty: Ty::List(Box::new(self.ty(item))) })
            }
            SimpleVariety::Union { members } => {
                let mut e = ValueEnum {
                    name,
                    doc: st.doc.clone(),
                    values: Vec::new(),
                    members: Vec::new(),
                    other: None,
                    xml_name: qname.local.clone(),
                    eq: true,
                };
                let mut namer = Namer::default();
                self.union_members(members, &mut e, &mut namer, 0);
                Item::Enum(e)
            }
        };
        self.push(&qname.ns, item);
    }

    /// Flattens a union's members: enumerations contribute their values, types that accept any text
    /// become the `Other` variant, the rest become typed variants.
    fn union_members(&self, members: &[QName], e: &mut ValueEnum, namer: &mut Namer, depth: usize) {
        for member in members {
            match self.set.types.get(member) {
                Some(TypeDef::Simple(st)) if depth < 16 => match &st.variety {
                    SimpleVariety::Restriction { facets, .. } if !facets.enumeration.is_empty() => {
                        for (v, doc) in &facets.enumeration {
                            if !e.values.iter().any(|(_, existing, _)| existing == v) {
                                e.values.push((namer.unique(&type_name(v), ""), v.clone(), doc.clone()));
                            }
                        }
                    }
                    SimpleVariety::Union { members } => self.union_members(members, e, namer, depth + 1),
                    _ => self.union_member(member, e, namer),
                },
                _ => self.union_member(member, e, namer),
            }
        }
        if let Some(other) = &e.other {
            namer.reserve(other);
        }
    }

    fn union_member(&self, member: &QName, e: &mut ValueEnum, namer: &mut Namer) {
        let ty = self.ty(member);
        if matches!(ty, Ty::Builtin(b) if b.accepts_any_text) {
            if e.other.is_none() {
                e.other = Some(namer.unique("Other", ""));
            }
        } else {
            e.members.push((namer.unique(&type_name(&member.local), ""), ty));
        }
    }

    /// The enum for each family: one variant per concrete type, chosen by `xsi:type`.
    fn family_items(&mut self) {
        for (root, members) in self.families.clone() {
            let Some(TypeDef::Complex(ct)) = self.set.types.get(&root) else {
                continue;
            };
            let (module, name) = self.names[&(FAMILY, root.clone())].clone();
            let mut namer = Namer::default();
            namer.reserve("Unknown");
            let mut variant = |b: &Self, q: &QName| {
                let (m, rust) = b.names[&(TYPE, q.clone())].clone();
                FamilyVariant {
                    name: namer.unique(&type_name(&q.local), ""),
                    type_name: q.clone(),
                    ty: Ty::Named { module: m, name: rust, simple: false, has_default: false },
                }
            };
            let base = (!ct.is_abstract).then(|| variant(self, &root));
            let concrete: Vec<QName> = members
                .iter()
                .filter(|q| !matches!(self.set.types.get(*q), Some(TypeDef::Complex(c)) if c.is_abstract))
                .cloned()
                .collect();
            let variants = concrete.iter().map(|q| variant(self, q)).collect();
            let family = Family { name, doc: ct.doc.clone(), xml_name: root.local.clone(), base, variants };
            if let Some(m) = self.krate.modules.get_mut(&module) {
                m.items.push(Item::Family(family));
            }
        }
    }

    /// Whether `lexical` is certainly a valid value of `ty`, as far as the generator can tell without
    /// the runtime: primitives it can parse, and enumeration values.
    fn default_is_valid(&self, ty: &QName, lexical: &str) -> bool {
        if ty.is_builtin() {
            let v = lexical.trim();
            return match builtin(&ty.local).map(|b| b.rust) {
                Some("bool") => matches!(v, "true" | "false" | "1" | "0"),
                Some("i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64") => {
                    crate::emit::fits_integer(builtin(&ty.local).map_or("", |b| b.rust), v)
                }
                Some("f32" | "f64") => v.parse::<f64>().is_ok() || matches!(v, "INF" | "-INF" | "NaN"),
                Some(_) => builtin(&ty.local).is_some_and(|b| b.accepts_any_text),
                None => false,
            };
        }
        match self.set.types.get(ty) {
            Some(TypeDef::Simple(st)) => match &st.variety {
                SimpleVariety::Restriction { facets, .. } if !facets.enumeration.is_empty() => {
                    facets.enumeration.iter().any(|(v, _)| v == lexical.trim())
                }
                SimpleVariety::Union { members } => members.iter().any(|m| self.default_is_valid(m, lexical)),
                _ => false,
            },
            _ => false,
        }
    }

    fn struct_item(&mut self, qname: &QName, ct: &ComplexType) {
        if ct.is_abstract {
            // Only its family enum exists; the derived types carry its fields.
            return;
        }
        let (_, name) = self.names[&(TYPE, qname.clone())].clone();
        let typed = self.in_hierarchy.contains(qname);
        let flat = self.flatten(ct, 0);
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
                ty: self.ty(&a.ty),
                required: a.required,
                default: a.default.clone(),
                fixed: a.fixed.clone(),
                doc: a.doc.clone(),
                checked_default: a
                    .default
                    .as_ref()
                    .or(a.fixed.as_ref())
                    .filter(|v| !a.required && self.default_is_valid(&a.ty, v))
                    .cloned(),
            })
            .collect();
        let body = if let Some(simple) = &flat.simple {
            Body::Simple(self.ty(simple))
        } else if flat.mixed {
            Body::Mixed
        } else {
            let mut out = Vec::new();
            for p in &flat.particles {
                self.fields_of(p, &qname.ns, &name, &mut fields, &mut out, &ct.location);
            }
            Body::Fields(out)
        };
        let element = is_own_anonymous_key(qname)
            .then(|| QName { ns: qname.ns.clone(), local: qname.local[1..].to_owned() })
            .filter(|e| self.set.elements.get(e).is_some_and(|d| self.is_own_struct(d)));
        let xml_name = if qname.local.starts_with('#') { ct.name_hint.clone() } else { qname.local.clone() };
        // An element's anonymous type is documented on the element.
        let mut doc: Vec<String> = element
            .as_ref()
            .and_then(|e| self.set.elements.get(e))
            .map(|e| e.doc.clone())
            .unwrap_or_default();
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
        self.push(&qname.ns, Item::Struct(item));
    }

    /// A complex type with its base types' attributes and particles folded in.
    fn flatten(&mut self, ct: &ComplexType, depth: usize) -> Flat {
        let mut flat = match &ct.base {
            Some((base, derivation)) if depth < 32 => match self.set.types.get(base) {
                Some(TypeDef::Complex(b)) => {
                    let b = b.clone();
                    let mut flat = self.flatten(&b, depth + 1);
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
            if !matches!(self.set.types.get(s), Some(TypeDef::Complex(_))) {
                flat.simple = Some(s.clone());
            }
            if flat.simple.is_some() {
                flat.mixed = false;
                flat.particles.clear();
            }
        }
        if let Content::Particle(p) = &ct.content {
            if flat.simple.is_some() {
                self.unsupported(&ct.location, "element content derived from a type with simple content");
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
        flat.mixed |= ct.mixed;
        flat
    }

    /// Turns a particle into fields of the struct being built: a single sequence contributes its
    /// children directly; elements and wildcards become fields; other groups become group types.
    fn fields_of(
        &mut self,
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
                    self.fields_of(c, ns, owner, namer, out, location);
                }
            }
            Term::Element(e) => out.push(Field {
                field: self.element_field_name(namer, &e.name, ns),
                doc: e.doc.clone(),
                occurs,
                kind: FieldKind::Element {
                    name: e.name.clone(),
                    ty: self.element_ty(&e.ty, e.nillable, e.default.as_ref().or(e.fixed.as_ref())),
                },
                boxed: false,
            }),
            Term::Any(w) => {
                let kind = match self.element_enum(w) {
                    Some(ty) => FieldKind::Lax { constraint: w.namespaces.clone(), ty },
                    None => FieldKind::Any(w.namespaces.clone()),
                };
                // One element at most reads as a value (`category.value`); more as a list (`any`).
                let base = if occurs.max == Some(1) { "value" } else { "any" };
                out.push(Field {
                    field: namer.unique(base, "_"),
                    doc: Vec::new(),
                    occurs,
                    kind,
                    boxed: false,
                })
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
                let list =
                    Particle { min: usize::from(required), max: None, term: Term::Choice(alternatives) };
                self.fields_of(&list, ns, owner, namer, out, location);
                // Each element's own bounds are checked once the list is read.
                let Some(Field { kind: FieldKind::Group { ty, all, .. }, .. }) = out.last_mut() else {
                    return;
                };
                let module = self.module_of(ns);
                let variants: Vec<String> = self
                    .krate
                    .modules
                    .get(&module)
                    .and_then(|m| {
                        m.items.iter().find_map(|item| match item {
                            Item::Choice(c) if &c.name == ty => {
                                Some(c.variants.iter().map(|v| v.name.clone()).collect())
                            }
                            _ => None,
                        })
                    })
                    .unwrap_or_default();
                let elements = children.iter().filter(|c| c.max != Some(0));
                for (variant, c) in variants.into_iter().zip(elements) {
                    let Term::Element(e) = &c.term else { continue };
                    all.push(AllBound {
                        variant,
                        element: e.name.local.clone(),
                        min: if p.min == 0 { 0 } else { c.min },
                        max: c.max.unwrap_or(1),
                    });
                }
            }
            Term::Sequence(_) | Term::Choice(_) => {
                let label = label(p);
                let ty = self.group_item(p, ns, owner, location);
                let field = if label.is_empty() { "choice".to_owned() } else { field_name(&label) };
                out.push(Field {
                    field: namer.unique(&field, "_"),
                    doc: Vec::new(),
                    occurs,
                    kind: FieldKind::Group {
                        ty,
                        first: first(p),
                        nullable: term_nullable(&p.term),
                        all: Vec::new(),
                    },
                    boxed: false,
                });
            }
        }
    }

    /// The element enum a wildcard's content is read into: for lax and strict wildcards over a single
    /// namespace that declares global elements.
    fn element_enum(&mut self, w: &model::Wildcard) -> Option<Ty> {
        if w.process == model::ProcessContents::Skip {
            return None;
        }
        let model::NamespaceConstraint::Only(list) = &w.namespaces else {
            return Some(self.known_element());
        };
        let [ns] = list.as_slice() else { return Some(self.known_element()) };
        let selected = self.options_roots.is_empty() || self.options_roots.iter().any(|r| &r.ns == ns);
        if !selected || !self.set.elements.keys().any(|e| &e.ns == ns) {
            return None;
        }
        let module = self.module_of(ns);
        if self.krate.modules.get(&module).is_some_and(|m| m.external.is_some()) {
            return None;
        }
        let name = match self.element_enums.get(&module) {
            Some(name) => name.clone(),
            None => {
                let name = self.namers.entry(module.clone()).or_default().unique("Element", "");
                self.element_enums.insert(module.clone(), name.clone());
                name
            }
        };
        Some(Ty::Named { module, name, simple: false, has_default: false })
    }

    /// The crate-level enum over every global element (and registered custom elements), for lax
    /// wildcards over more than one namespace.
    fn known_element(&mut self) -> Ty {
        let name = self.options_known_element_name.clone();
        self.krate.known_element = Some(name.clone());
        Ty::KnownElement(name)
    }

    /// The element enums wildcards asked for, once every global element has its type.
    fn element_enum_items(&mut self) {
        for (module, name) in self.element_enums.clone() {
            let mut namer = Namer::default();
            namer.reserve("Other");
            let variants = self
                .krate
                .roots
                .iter()
                .filter(|r| r.module == module && r.wildcard)
                .map(|r| (namer.unique(&type_name(&r.name.local), ""), r.ty.clone(), r.name.clone()))
                .collect();
            if let Some(m) = self.krate.modules.get_mut(&module) {
                m.items.push(Item::ElementEnum(ElementEnum { name, variants }));
            }
        }
    }

    /// A field name for element `name` in a struct of namespace `ns`: its local name, or — when that is
    /// taken and the element is from another namespace — prefixed with that namespace's module
    /// (`extension` and `common_extension` for `st:extension` and `ct:extension`).
    fn element_field_name(&self, namer: &mut Namer, name: &QName, ns: &Option<String>) -> String {
        let base = field_name(&name.local);
        if &name.ns != ns && namer.is_taken(&base) {
            return namer.unique(&format!("{}_{base}", self.module_of(&name.ns)), "_");
        }
        namer.unique(&base, "_")
    }

    /// A struct (sequence) or enum (choice) for a nested group; returns its name.
    fn group_item(&mut self, p: &Particle, ns: &Option<String>, owner: &str, location: &Location) -> String {
        let module = self.module_of(ns);
        let suffix = if matches!(p.term, Term::Choice(_)) { "Choice" } else { "" };
        let name = self.namers.entry(module).or_default().unique(&format!("{owner}{}{suffix}", label(p)), "");
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
                            let ty = self.group_item(
                                &Particle { min: 1, max: Some(1), term: alt.term.clone() },
                                ns,
                                owner,
                                location,
                            );
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
                        _ => self.fields_of(&single, ns, owner, &mut inner_names, &mut fields, location),
                    }
                    if let Some(field) = fields.pop() {
                        variants.push(ChoiceVariant {
                            name: names.unique(
                                &Some(label(alt))
                                    .filter(|l| !l.is_empty())
                                    .unwrap_or_else(|| "Choice".into()),
                                "",
                            ),
                            field,
                            first: first(alt),
                            nullable: nullable(alt),
                        });
                    }
                }
                Item::Choice(Choice { name: name.clone(), doc: Vec::new(), variants })
            }
            _ => {
                let children = match &p.term {
                    Term::Sequence(c) => c.clone(),
                    _ => Vec::new(),
                };
                let mut fields = Vec::new();
                let mut names = Namer::default();
                for c in &children {
                    self.fields_of(c, ns, owner, &mut names, &mut fields, location);
                }
                Item::Struct(Struct {
                    name: name.clone(),
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
        self.push(ns, item);
        name
    }

    /// Types the user maps to existing Rust types: references use the given path, and no item is
    /// generated for them.
    fn extern_types(&mut self, externs: &BTreeMap<QName, String>) {
        for (qname, path) in externs {
            let key = if self.families.contains_key(qname) { FAMILY } else { TYPE };
            match self.names.get(&(key, qname.clone())) {
                Some((module, name)) => {
                    self.krate.extern_types.insert((module.clone(), name.clone()), path.clone());
                }
                None => self.diagnostics.push(Diagnostic::new(
                    Location::default(),
                    format!("extern_type: the schemas define no type `{qname}`"),
                )),
            }
        }
    }

    fn elements(&mut self) {
        let mut variants = Namer::default();
        for (qname, decl) in &self.set.elements {
            let module = self.module_of(&qname.ns);
            let ty = if self.is_own_struct(decl) {
                self.names[&(TYPE, decl.ty.clone())].1.clone()
            } else {
                let (_, name) = self.names[&(ELEMENT, qname.clone())].clone();
                let wrapper = ElementWrapper {
                    name: name.clone(),
                    doc: decl.doc.clone(),
                    element: qname.clone(),
                    ty: self.element_ty(
                        &decl.ty,
                        decl.nillable,
                        decl.default.as_ref().or(decl.fixed.as_ref()),
                    ),
                };
                self.push(&qname.ns, Item::Element(wrapper));
                name
            };
            let mut variant = type_name(&qname.local);
            if !variants.unique(&variant, "").eq(&variant) {
                variant = variants.unique(&format!("{}{variant}", type_name(&module)), "");
            }
            let roots = &self.options_roots;
            let document = roots.is_empty() || roots.contains(qname);
            let wildcard = roots.is_empty() || roots.iter().any(|r| r.ns == qname.ns);
            self.krate.roots.push(Root { variant, module, ty, name: qname.clone(), document, wildcard });
        }
    }
}

#[derive(Default)]
struct Flat {
    attributes: Vec<model::AttributeUse>,
    any_attribute: Option<model::NamespaceConstraint>,
    particles: Vec<Particle>,
    simple: Option<QName>,
    mixed: bool,
}

/// A nillable element's type: `xs::Nillable` around its declared type. An element kept whole
/// (`xs:anyType`) keeps `xsi:nil` and the declarations its attributes need by itself.
fn nillable(ty: Ty, nillable: bool) -> Ty {
    if nillable && ty != Ty::AnyElement {
        Ty::Nillable(Box::new(ty))
    } else {
        ty
    }
}

/// The type of a simple-typed element with a default (or fixed) value: `xs::Defaulted` around its
/// type, which keeps whether the element was empty. (For complex types with simple content, and for
/// nillable elements, the value is not filled in.)
fn defaulted(ty: Ty, value: Option<&String>) -> Ty {
    match value {
        Some(value) if ty.is_simple() => Ty::Defaulted { ty: Box::new(ty), value: value.clone() },
        _ => ty,
    }
}

/// The facets a restricted simple type checks on read (`whiteSpace` is not a check).
fn facet_checks(f: &model::Facets) -> Vec<FacetCheck> {
    let mut out = Vec::new();
    if !f.enumeration.is_empty() {
        // Only QName-based restrictions come here with an enumeration (others become enums).
        out.push(FacetCheck::QNameEnumeration(f.enumeration.iter().map(|(v, _)| v.clone()).collect()));
    }
    out.extend(f.length.map(FacetCheck::Length));
    out.extend(f.min_length.map(FacetCheck::MinLength));
    out.extend(f.max_length.map(FacetCheck::MaxLength));
    out.extend(f.min_inclusive.clone().map(FacetCheck::MinInclusive));
    out.extend(f.max_inclusive.clone().map(FacetCheck::MaxInclusive));
    out.extend(f.min_exclusive.clone().map(FacetCheck::MinExclusive));
    out.extend(f.max_exclusive.clone().map(FacetCheck::MaxExclusive));
    out.extend(f.total_digits.map(FacetCheck::TotalDigits));
    out.extend(f.fraction_digits.map(FacetCheck::FractionDigits));
    out.extend(f.pattern.iter().cloned().map(FacetCheck::Pattern));
    out
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

/// The anonymous type of a global element is registered under `#name` in its namespace.
fn is_own_anonymous(element: &QName, ty: &QName) -> bool {
    ty.ns == element.ns && ty.local.strip_prefix('#') == Some(element.local.as_str())
}

fn is_own_anonymous_key(ty: &QName) -> bool {
    ty.local.starts_with('#') && !ty.local[1..].contains('/')
}

/// A readable name for a group: the names of its first (up to three) particles.
fn label(p: &Particle) -> String {
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
pub(crate) fn first(p: &Particle) -> Vec<Matcher> {
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

pub(crate) fn nullable(p: &Particle) -> bool {
    p.min == 0 || term_nullable(&p.term)
}

fn term_nullable(term: &Term) -> bool {
    match term {
        Term::Element(_) | Term::Any(_) => false,
        Term::Sequence(c) | Term::All(c) => c.iter().all(nullable),
        Term::Choice(c) => c.is_empty() || c.iter().any(nullable),
    }
}

/// Works out which structs can derive `Default` (every required field has a default) and records it
/// on every reference to them.
fn mark_defaults(krate: &mut Crate) {
    let mut no_default: BTreeSet<(String, String)> = BTreeSet::new();
    for m in krate.modules.values() {
        for item in &m.items {
            match item {
                Item::Enum(e) => {
                    no_default.insert((m.name.clone(), e.name.clone()));
                }
                Item::Choice(c) => {
                    no_default.insert((m.name.clone(), c.name.clone()));
                }
                Item::Family(f) => {
                    no_default.insert((m.name.clone(), f.name.clone()));
                }
                Item::Restricted(r) => {
                    no_default.insert((m.name.clone(), r.name.clone()));
                }
                Item::ElementEnum(e) => {
                    no_default.insert((m.name.clone(), e.name.clone()));
                }
                _ => {}
            }
        }
    }
    fn ty_ok(ty: &Ty, no: &BTreeSet<(String, String)>) -> bool {
        match ty {
            Ty::Named { module, name, .. } => !no.contains(&(module.clone(), name.clone())),
            Ty::Typed(inner) => ty_ok(inner, no),
            other => other.has_default(),
        }
    }
    loop {
        let before = no_default.len();
        for m in krate.modules.values() {
            for item in &m.items {
                let ok = match item {
                    Item::Struct(s) => {
                        s.attributes.iter().all(|a| !a.required || ty_ok(&a.ty, &no_default))
                            && match &s.body {
                                Body::Simple(ty) => ty_ok(ty, &no_default),
                                Body::Fields(fields) => fields.iter().all(|f| {
                                    f.occurs.is_vec()
                                        || f.occurs.is_option()
                                        || match &f.kind {
                                            FieldKind::Element { ty, .. } => ty_ok(ty, &no_default),
                                            FieldKind::Any(_) => true,
                                            FieldKind::Lax { ty, .. } => ty_ok(ty, &no_default),
                                            FieldKind::Group { ty, .. } => {
                                                !no_default.contains(&(m.name.clone(), ty.clone()))
                                            }
                                        }
                                }),
                                Body::Mixed => true,
                            }
                    }
                    Item::Alias(a) => ty_ok(&a.ty, &no_default),
                    Item::Element(w) => ty_ok(&w.ty, &no_default),
                    _ => continue,
                };
                let name = match item {
                    Item::Struct(s) => &s.name,
                    Item::Alias(a) => &a.name,
                    Item::Element(w) => &w.name,
                    _ => continue,
                };
                if !ok {
                    no_default.insert((m.name.clone(), name.clone()));
                }
            }
        }
        if no_default.len() == before {
            break;
        }
    }
    let fix = |ty: &mut Ty| fix_default(ty, &no_default);
    for m in krate.modules.values_mut() {
        let module = m.name.clone();
        for item in &mut m.items {
            match item {
                Item::Struct(s) => {
                    s.derive_default = !no_default.contains(&(module.clone(), s.name.clone()));
                    for a in &mut s.attributes {
                        fix(&mut a.ty);
                    }
                    match &mut s.body {
                        Body::Simple(ty) => fix(ty),
                        Body::Fields(fields) => {
                            fields.iter_mut().for_each(|f| fix_field(f, &module, &no_default))
                        }
                        _ => {}
                    }
                }
                Item::Choice(c) => {
                    c.variants.iter_mut().for_each(|v| fix_field(&mut v.field, &module, &no_default))
                }
                Item::Alias(a) => fix(&mut a.ty),
                Item::Element(w) => fix(&mut w.ty),
                Item::Enum(e) => e.members.iter_mut().for_each(|(_, ty)| fix(ty)),
                Item::Family(_) => {}
                Item::Restricted(r) => fix(&mut r.ty),
                Item::ElementEnum(_) => {}
            }
        }
    }
}

/// Works out which value types can derive `Eq` and `Hash`: not those holding a float, however deep.
fn mark_eq(krate: &mut Crate) {
    fn floaty(ty: &Ty, no_eq: &BTreeSet<(String, String)>) -> bool {
        match ty {
            Ty::Builtin(b) => b.rust == "f32" || b.rust == "f64",
            Ty::List(inner) | Ty::Nillable(inner) | Ty::Typed(inner) | Ty::Defaulted { ty: inner, .. } => {
                floaty(inner, no_eq)
            }
            Ty::Named { module, name, .. } => no_eq.contains(&(module.clone(), name.clone())),
            Ty::AnyElement | Ty::KnownElement(_) => false,
        }
    }
    let mut no_eq: BTreeSet<(String, String)> = BTreeSet::new();
    loop {
        let before = no_eq.len();
        for m in krate.modules.values() {
            for item in &m.items {
                let (name, floats) = match item {
                    Item::Enum(e) => (&e.name, e.members.iter().any(|(_, t)| floaty(t, &no_eq))),
                    Item::Restricted(r) => (&r.name, floaty(&r.ty, &no_eq)),
                    Item::Alias(a) => (&a.name, floaty(&a.ty, &no_eq)),
                    _ => continue,
                };
                if floats {
                    no_eq.insert((m.name.clone(), name.clone()));
                }
            }
        }
        if no_eq.len() == before {
            break;
        }
    }
    for m in krate.modules.values_mut() {
        for item in &mut m.items {
            match item {
                Item::Enum(e) => e.eq = !no_eq.contains(&(m.name.clone(), e.name.clone())),
                Item::Restricted(r) => r.eq = !no_eq.contains(&(m.name.clone(), r.name.clone())),
                _ => {}
            }
        }
    }
}

fn fix_field(f: &mut Field, _module: &str, no_default: &BTreeSet<(String, String)>) {
    if let FieldKind::Element { ty, .. } = &mut f.kind {
        fix_default(ty, no_default);
    }
}

/// Records whether the generated type `ty` names (also inside `xs::Typed`) implements `Default`.
fn fix_default(ty: &mut Ty, no_default: &BTreeSet<(String, String)>) {
    match ty {
        Ty::Named { module, name, has_default, .. } => {
            *has_default = !no_default.contains(&(module.clone(), name.clone()));
        }
        Ty::Typed(inner) => fix_default(inner, no_default),
        _ => {}
    }
}
