//! Builds our [`model`](crate::model) from the schema tree `xsd-parser`'s parser produced.
//!
//! We read the parser's tree rather than its interpreter's types: the interpreter flattens
//! extensions, merges same-named elements of one group and drops `abstract`, `fixed` and element
//! defaults, all of which the model keeps. The tree has every construct as written, with QNames
//! already resolved against the declarations in scope.

use std::collections::{BTreeMap, BTreeSet};

use xsd_parser::models::schema::xs::{
    self, AttributeGroupType, AttributeGroupTypeContent, AttributeType, ComplexBaseType,
    ComplexBaseTypeContent, ComplexContentContent, ElementType, ElementTypeContent, ExtensionTypeContent,
    Facet, FormChoiceType, GroupType, GroupTypeContent, RestrictionTypeContent, SchemaContent,
    SimpleBaseType, SimpleBaseTypeContent, SimpleContentContent,
};
use xsd_parser::models::schema::{MaxOccurs, QName as XsQName};

use crate::error::Diagnostic;
use crate::model::*;
use crate::xsd::documentation::extract as documentation;
use crate::xsd::positions::Positions;

/// One parsed schema document with its target namespace and file.
pub(crate) struct Document<'s> {
    pub schema: &'s xs::Schema,
    pub file: std::path::PathBuf,
    pub tns: Option<String>,
    /// Included into `tns` from a document that declares no target namespace: its references in no
    /// namespace are to `tns`'s components.
    pub chameleon: bool,
}

/// Per-document settings that qualify local names.
#[derive(Clone)]
struct Scope {
    tns: Option<String>,
    element_qualified: bool,
    attribute_qualified: bool,
    chameleon: bool,
    /// The schema's `blockDefault`.
    block_default: Blocked,
    file: std::path::PathBuf,
}

pub(crate) struct Adapter<'s> {
    groups: BTreeMap<QName, (&'s GroupType, Scope)>,
    attribute_groups: BTreeMap<QName, (&'s AttributeGroupType, Scope)>,
    global_attributes: BTreeMap<QName, (&'s AttributeType, Scope)>,
    global_elements: BTreeMap<QName, (&'s ElementType, Scope)>,
    /// Anonymous type key → the declaration it was made from (its address in the schema tree).
    anonymous_sources: BTreeMap<QName, usize>,
    /// Types an `xs:redefine` (original kept as its base) or `xs:override` (original dropped) replaces.
    replaced_types: BTreeMap<QName, Replacement<'s>>,
    /// Elements an `xs:override` replaces.
    overridden_elements: BTreeMap<QName, (&'s ElementType, Scope)>,
    /// Each redefining group and attribute group, by the key it is stored under: its name, and the
    /// key of the definition it redefined (see [`redefine`](super::redefine)).
    redefined_groups: BTreeMap<QName, (QName, QName)>,
    redefined_attribute_groups: BTreeMap<QName, (QName, QName)>,
    /// The redefining groups being expanded: inside one, a reference to its own name is to the
    /// definition it redefined.
    expanding: Vec<QName>,
    /// The model groups, then the attribute groups, whose references are being expanded into the
    /// type being built, outermost first: a reference to one of them closes a cycle.
    group_path: Vec<QName>,
    attribute_group_path: Vec<QName>,
    /// Each cycle of groups reported, as [`Adapter::closes_cycle`] names it: once, however many
    /// types use it.
    reported_cycles: BTreeSet<(GroupKind, Vec<QName>)>,
    /// While a redefining type is built: its name, and the key of the definition it redefined,
    /// which its use of its own name as the base means.
    redefining: Option<(QName, QName)>,
    positions: &'s Positions,
    pub set: SchemaSet,
    pub diagnostics: Vec<Diagnostic>,
    /// The namespaces of components referenced but not found.
    pub missing_namespaces: BTreeSet<Option<String>>,
    /// Global elements with a substitution group and no type of their own: they take their head's
    /// once every element is known.
    typed_by_head: BTreeSet<QName>,
}

impl<'s> Adapter<'s> {
    pub fn new(positions: &'s Positions) -> Self {
        Adapter {
            groups: BTreeMap::new(),
            attribute_groups: BTreeMap::new(),
            global_attributes: BTreeMap::new(),
            global_elements: BTreeMap::new(),
            anonymous_sources: BTreeMap::new(),
            replaced_types: BTreeMap::new(),
            overridden_elements: BTreeMap::new(),
            redefined_groups: BTreeMap::new(),
            redefined_attribute_groups: BTreeMap::new(),
            expanding: Vec::new(),
            group_path: Vec::new(),
            attribute_group_path: Vec::new(),
            reported_cycles: BTreeSet::new(),
            redefining: None,
            positions,
            set: SchemaSet::default(),
            diagnostics: Vec::new(),
            missing_namespaces: BTreeSet::new(),
            typed_by_head: BTreeSet::new(),
        }
    }

    /// Adds every document: first the named groups (they may be used before they are defined), then
    /// the types and elements.
    pub fn run(&mut self, docs: &[Document<'s>]) {
        let scopes: Vec<Scope> = docs.iter().map(scope_of).collect();
        // A namespace's module is named after its shortest file name; a chameleon document (written
        // for any namespace) names it only when nothing else does.
        for chameleon in [false, true] {
            for (doc, scope) in docs.iter().zip(&scopes).filter(|(d, _)| d.chameleon == chameleon) {
                let stem = doc.file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                let entry = self.set.namespace_files.entry(scope.tns.clone()).or_insert_with(|| stem.clone());
                if stem.len() < entry.len() && !chameleon {
                    *entry = stem;
                }
            }
        }
        for (doc, scope) in docs.iter().zip(&scopes) {
            self.set.files.push(doc.file.clone());
            for content in &doc.schema.content {
                match content {
                    SchemaContent::Group(g) => {
                        if let Some(name) = &g.name {
                            self.groups.insert(QName::new(scope.tns.as_deref(), name), (g, scope.clone()));
                        }
                    }
                    SchemaContent::AttributeGroup(g) => {
                        if let Some(name) = &g.name {
                            self.attribute_groups
                                .insert(QName::new(scope.tns.as_deref(), name), (g, scope.clone()));
                        }
                    }
                    SchemaContent::Element(e) => {
                        if let Some(name) = &e.name {
                            self.global_elements
                                .insert(QName::new(scope.tns.as_deref(), name), (e, scope.clone()));
                        }
                    }
                    SchemaContent::Attribute(a) => {
                        if let Some(name) = &a.name {
                            self.global_attributes
                                .insert(QName::new(scope.tns.as_deref(), name), (a, scope.clone()));
                        }
                    }
                    _ => {}
                }
            }
        }
        self.register_replacements(docs, &scopes);
        for (doc, scope) in docs.iter().zip(&scopes) {
            for content in &doc.schema.content {
                match content {
                    SchemaContent::ComplexType(ct) => {
                        let name = ct.name.clone().unwrap_or_default();
                        if let Some(key) = self.original_type_key(&name, scope) {
                            let def = self.complex_type(ct, &name, &format!("#type({name})"), scope);
                            self.set.types.insert(key, TypeDef::Complex(Box::new(def)));
                        }
                    }
                    SchemaContent::SimpleType(st) => {
                        let name = st.name.clone().unwrap_or_default();
                        if let Some(key) = self.original_type_key(&name, scope) {
                            let def = self.simple_type(st, &name, &format!("#type({name})"), scope);
                            self.set.types.insert(key, TypeDef::Simple(def));
                        }
                    }
                    SchemaContent::Element(e) => {
                        let overridden = e.name.as_ref().is_some_and(|n| {
                            self.overridden_elements.contains_key(&QName::new(scope.tns.as_deref(), n))
                        });
                        if !overridden {
                            self.global_element(e, scope)
                        }
                    }
                    _ => {}
                }
            }
        }
        // The replacements, under the names they replace.
        for (key, replacement) in std::mem::take(&mut self.replaced_types) {
            let name = replacement.name;
            self.redefining = replacement.redefines.map(|below| (name.clone(), below));
            let path = format!("#type({})", key.local);
            let def = match replacement.def {
                TypeSource::Complex(ct) => {
                    TypeDef::Complex(Box::new(self.complex_type(ct, &name.local, &path, &replacement.scope)))
                }
                TypeSource::Simple(st) => {
                    TypeDef::Simple(self.simple_type(st, &name.local, &path, &replacement.scope))
                }
            };
            self.redefining = None;
            self.set.types.insert(key, def);
        }
        for (_, (e, scope)) in std::mem::take(&mut self.overridden_elements) {
            self.global_element(e, &scope);
        }
        self.inherit_head_types();
    }

    /// An element declared with a substitution group and neither a `type` nor a type of its own
    /// has its head's type, not `xs:anyType` (XSD 1.0 §3.3.2), through heads that have theirs the
    /// same way. A chain that ends in a missing head (no error unless a document needs it) or a
    /// cycle (reported by [`cycles::substitution_groups`](super::cycles::substitution_groups)) leaves
    /// `xs:anyType`.
    fn inherit_head_types(&mut self) {
        let members = std::mem::take(&mut self.typed_by_head);
        for name in &members {
            let mut seen = BTreeSet::from([name]);
            let mut head = self.set.elements.get(name).and_then(|e| e.substitution_group.as_ref());
            let inherited = loop {
                let Some(h) = head.filter(|h| seen.insert(*h)) else { break None };
                let Some(decl) = self.set.elements.get(h) else { break None };
                if !members.contains(h) {
                    break Some(decl.ty.clone());
                }
                head = decl.substitution_group.as_ref();
            };
            if let Some(ty) = inherited {
                self.set.elements.get_mut(name).expect("a member is declared").ty = ty;
            }
        }
    }

    /// Registers what each `xs:redefine` and `xs:override` replaces (XSD 1.0 §4.2.2, XSD 1.1 §4.2.5).
    /// Redefinitions of one name stack (see [`redefine`](super::redefine)): each keeps the
    /// definition it redefined under a key of its own, for its reference to its own name. An
    /// override's original is dropped.
    fn register_replacements(&mut self, docs: &[Document<'s>], scopes: &[Scope]) {
        let mut stacks: BTreeMap<(SymbolSpace, QName), Vec<Redefinition<'s>>> = BTreeMap::new();
        for (doc, scope) in docs.iter().zip(scopes) {
            for content in &doc.schema.content {
                let (items, redefines) = match content {
                    SchemaContent::Redefine(r) => (
                        redefined_components(r),
                        Some(super::redefine::target(&doc.file, &r.schema_location)),
                    ),
                    SchemaContent::Override(o) => (overridden_components(o), None),
                    _ => continue,
                };
                for item in items {
                    let (space, name) = item.symbol();
                    let name = QName::new(scope.tns.as_deref(), name.map_or("", String::as_str));
                    match &redefines {
                        Some(target) => stacks.entry((space, name)).or_default().push(Redefinition {
                            item,
                            scope: scope.clone(),
                            file: super::redefine::canonical(&doc.file),
                            target: target.clone(),
                        }),
                        None => self.register_override(item, name, scope),
                    }
                }
            }
        }
        for ((_, name), stack) in stacks {
            self.register_redefinitions(name, stack);
        }
    }

    fn register_override(&mut self, item: Component<'s>, name: QName, scope: &Scope) {
        let scope = scope.clone();
        match item {
            Component::Complex(t) => {
                let replacement =
                    Replacement { def: TypeSource::Complex(t), scope, name: name.clone(), redefines: None };
                self.replaced_types.insert(name, replacement);
            }
            Component::Simple(t) => {
                let replacement =
                    Replacement { def: TypeSource::Simple(t), scope, name: name.clone(), redefines: None };
                self.replaced_types.insert(name, replacement);
            }
            Component::Group(g) => {
                self.groups.insert(name, (g, scope));
            }
            Component::AttributeGroup(g) => {
                self.attribute_groups.insert(name, (g, scope));
            }
            Component::Element(e) => {
                self.global_elements.insert(name.clone(), (e, scope.clone()));
                self.overridden_elements.insert(name, (e, scope));
            }
            Component::Attribute(a) => {
                self.global_attributes.insert(name, (a, scope));
            }
        }
    }

    /// The redefinitions of `name`, stacked on its original bottom up.
    fn register_redefinitions(&mut self, name: QName, mut stack: Vec<Redefinition<'s>>) {
        super::redefine::order(&mut stack, |r| (&r.file, &r.target));
        let keys = super::redefine::keys(&name, stack.len());
        for (level, redefinition) in stack.into_iter().enumerate() {
            let (key, below) = (keys[level + 1].clone(), keys[level].clone());
            let scope = redefinition.scope;
            let redefines = Some(below.clone());
            match redefinition.item {
                Component::Complex(t) => {
                    let def = TypeSource::Complex(t);
                    self.replaced_types
                        .insert(key, Replacement { def, scope, name: name.clone(), redefines });
                }
                Component::Simple(t) => {
                    let def = TypeSource::Simple(t);
                    self.replaced_types
                        .insert(key, Replacement { def, scope, name: name.clone(), redefines });
                }
                Component::Group(g) => {
                    if level == 0 {
                        let Some(original) = self.groups.remove(&name) else { return };
                        self.groups.insert(below.clone(), original);
                    }
                    self.groups.insert(key.clone(), (g, scope));
                    self.redefined_groups.insert(key, (name.clone(), below));
                }
                Component::AttributeGroup(g) => {
                    if level == 0 {
                        let Some(original) = self.attribute_groups.remove(&name) else { return };
                        self.attribute_groups.insert(below.clone(), original);
                    }
                    self.attribute_groups.insert(key.clone(), (g, scope));
                    self.redefined_attribute_groups.insert(key, (name.clone(), below));
                }
                // `xs:redefine` holds neither.
                Component::Element(_) | Component::Attribute(_) => {}
            }
        }
    }

    /// The key a named type of a schema document is stored under: its name, the key of the bottom
    /// of its stack if redefinitions replace it, or none if an override does.
    fn original_type_key(&self, name: &str, scope: &Scope) -> Option<QName> {
        let qname = QName::new(scope.tns.as_deref(), name);
        match self.replaced_types.get(&qname) {
            Some(r) if r.redefines.is_some() => Some(super::redefine::original(&qname)),
            Some(_) => None,
            None => Some(qname),
        }
    }

    /// A base type reference: in a redefinition, its own name is the definition it redefined.
    fn base_qname(&mut self, q: &XsQName, scope: &Scope) -> QName {
        let name = self.qname(q, scope, "base type");
        match &self.redefining {
            Some((redefined, below)) if *redefined == name => below.clone(),
            _ => name,
        }
    }

    /// A reference to group `name` inside a redefinition of `name` being expanded is to the
    /// definition that one redefined (`redefined`: see [`Adapter::redefined_groups`]).
    fn below_if_own(&self, name: QName, redefined: &BTreeMap<QName, (QName, QName)>) -> QName {
        match self.expanding.last().and_then(|key| redefined.get(key)) {
            Some((of, below)) if *of == name => below.clone(),
            _ => name,
        }
    }

    /// A restriction's facets; a count (`length`, `totalDigits`…) that is no non-negative integer,
    /// which makes the schema invalid, is reported rather than dropped.
    fn facets<'a>(
        &mut self,
        list: impl Iterator<Item = &'a Facet>,
        st: &SimpleBaseType,
        scope: &Scope,
    ) -> Facets {
        let location = self.simple_location(st, scope);
        facets(list, |name, value| {
            let message = format!("facet `{name}` has the value {value:?}, which is no non-negative integer");
            self.diagnostics.push(Diagnostic::new(location.clone(), message));
        })
    }

    /// Where simple type `st` is defined: a named type's definition has its place, an anonymous one
    /// is reported by its file.
    fn simple_location(&self, st: &SimpleBaseType, scope: &Scope) -> Location {
        st.name
            .as_ref()
            .and_then(|name| self.positions.definition(&scope.file, "simpleType", name))
            .unwrap_or_else(|| Location { file: scope.file.clone(), line: 0, column: 0 })
    }

    fn unsupported(&mut self, scope: &Scope, what: &str) {
        let location = Location { file: scope.file.clone(), line: 0, column: 0 };
        self.diagnostics.push(Diagnostic::new(location, format!("unsupported: {what}")));
    }

    /// Resolves a QName as written in the schema; an unbound prefix is reported.
    fn qname(&mut self, q: &XsQName, scope: &Scope, what: &str) -> QName {
        let local = String::from_utf8_lossy(q.local_name()).into_owned();
        let ns = match (q.namespace(), q.prefix()) {
            (Some(ns), _) => Some(String::from_utf8_lossy(&ns.0).into_owned()),
            (None, Some(prefix)) => {
                let raw = String::from_utf8_lossy(q.as_bytes()).into_owned();
                let location = self
                    .positions
                    .reference(&scope.file, &raw)
                    .unwrap_or_else(|| Location { file: scope.file.clone(), ..Location::default() });
                let prefix = String::from_utf8_lossy(prefix);
                self.diagnostics.push(Diagnostic::new(
                    location,
                    format!("{what} `{raw}` uses the undeclared namespace prefix `{prefix}`"),
                ));
                None
            }
            // A chameleon document's unqualified references take the namespace it was included into.
            (None, None) if scope.chameleon => scope.tns.clone(),
            (None, None) => None,
        };
        QName { ns, local }
    }

    fn global_element(&mut self, e: &'s ElementType, scope: &Scope) {
        let Some(local) = &e.name else { return };
        let name = QName::new(scope.tns.as_deref(), local);
        let declared = self.declared_type(e, &format!("#{local}"), local, scope);
        let head = e.substitution_group.as_ref().and_then(|l| l.0.first());
        let substitution_group = head.map(|q| self.qname(q, scope, "substitution group"));
        if declared.is_none() && substitution_group.is_some() {
            self.typed_by_head.insert(name.clone());
        }
        let ty = declared.unwrap_or_else(any_type);
        let location = self
            .positions
            .definition(&scope.file, "element", local)
            .unwrap_or_else(|| Location { file: scope.file.clone(), ..Location::default() });
        let decl = ElementDecl {
            name: name.clone(),
            ty,
            doc: docs_of_element(e),
            is_abstract: e.abstract_,
            nillable: e.nillable.unwrap_or(false),
            default: e.default.clone(),
            fixed: e.fixed.clone(),
            substitution_group,
            block: e.block.as_ref().map_or(scope.block_default, |b| blocked(block_set(b))),
            location,
        };
        self.set.elements.insert(name, decl);
    }

    /// The type an element declaration gives itself: its `type` or its anonymous type (registered
    /// under `anon_key`). `None` when it gives none: then it has its substitution group head's type,
    /// or `xs:anyType`.
    fn declared_type(
        &mut self,
        e: &'s ElementType,
        anon_key: &str,
        hint: &str,
        scope: &Scope,
    ) -> Option<QName> {
        if let Some(t) = &e.type_ {
            return Some(self.qname(t, scope, "type"));
        }
        for c in &e.content {
            match c {
                ElementTypeContent::ComplexType(ct) => {
                    let (key, new) = self.anonymous_key(scope, anon_key, ct);
                    if new {
                        let def = self.complex_type(ct, hint, &key.local, scope);
                        self.set.types.insert(key.clone(), TypeDef::Complex(Box::new(def)));
                    }
                    return Some(key);
                }
                ElementTypeContent::SimpleType(st) => {
                    return Some(self.anonymous_simple(st, anon_key, hint, scope))
                }
                _ => {}
            }
        }
        None
    }

    /// The key of an anonymous type: `wanted` (the path of its declaration from the nearest named
    /// component, e.g. `#component/model/views/view` or `#type(viewsType)/view`), unless another
    /// declaration already has it, which then gets a numbered key of its own. Whatever the names, every
    /// anonymous type is reached only from its own declaration: two declarations never share a type.
    /// Also says whether the key is new: a declaration met again (a named group used twice, or
    /// containing itself through an element's anonymous type) is built once, which ends the recursion.
    fn anonymous_key<T>(&mut self, scope: &Scope, wanted: &str, source: &'s T) -> (QName, bool) {
        let source = source as *const T as usize;
        let mut key = QName::new(scope.tns.as_deref(), wanted);
        let mut n = 1;
        loop {
            match self.anonymous_sources.get(&key) {
                Some(&owner) if owner == source => return (key, false),
                Some(_) => {
                    n += 1;
                    key = QName::new(scope.tns.as_deref(), &format!("{wanted}~{n}"));
                }
                None => {
                    self.anonymous_sources.insert(key.clone(), source);
                    return (key, true);
                }
            }
        }
    }

    /// A simple type; `path` is its key (or a named type's `#type(name)`), under which its anonymous
    /// base, item and member types are keyed.
    fn simple_type(&mut self, st: &'s SimpleBaseType, hint: &str, path: &str, scope: &Scope) -> SimpleType {
        let mut doc = Vec::new();
        let mut variety =
            SimpleVariety::Restriction { base: QName::new(Some(XS), "string"), facets: Box::default() };
        for c in &st.content {
            match c {
                SimpleBaseTypeContent::Annotation(a) => doc.extend(documentation(a)),
                SimpleBaseTypeContent::Restriction(r) => {
                    let base = match (&r.base, inline_simple(&r.content)) {
                        (Some(b), _) => self.base_qname(b, scope),
                        (None, Some(inner)) => {
                            self.anonymous_simple(inner, &format!("{path}/base"), hint, scope)
                        }
                        (None, None) => QName::new(Some(XS), "anySimpleType"),
                    };
                    let facets = self.facets(
                        r.content.iter().filter_map(|c| match c {
                            xs::RestrictionContent::Facet(f) => Some(f),
                            _ => None,
                        }),
                        st,
                        scope,
                    );
                    variety = SimpleVariety::Restriction { base, facets: Box::new(facets) };
                }
                SimpleBaseTypeContent::List(l) => {
                    let item = match (&l.item_type, &l.simple_type) {
                        (Some(t), _) => self.qname(t, scope, "item type"),
                        (None, Some(inner)) => {
                            self.anonymous_simple(inner, &format!("{path}/item"), hint, scope)
                        }
                        (None, None) => QName::new(Some(XS), "anySimpleType"),
                    };
                    variety = SimpleVariety::List { item };
                }
                SimpleBaseTypeContent::Union(u) => {
                    let mut members = Vec::new();
                    for q in u.member_types.iter().flat_map(|l| l.0.iter()) {
                        members.push(self.qname(q, scope, "member type"));
                    }
                    for (i, inner) in u.simple_type.iter().enumerate() {
                        members.push(self.anonymous_simple(
                            inner,
                            &format!("{path}/member{}", i + 1),
                            hint,
                            scope,
                        ));
                    }
                    if members.is_empty() {
                        // XSD requires one (src-union-memberTypes-or-simpleTypes); the generated enum
                        // would have no variant and no value.
                        let location = self.simple_location(st, scope);
                        let message = "a union without member types (neither `memberTypes` nor `simpleType`)";
                        self.diagnostics.push(Diagnostic::new(location, message));
                    }
                    variety = SimpleVariety::Union { members };
                }
            }
        }
        SimpleType { name_hint: hint.to_owned(), doc, variety, location: self.simple_location(st, scope) }
    }

    fn anonymous_simple(&mut self, st: &'s SimpleBaseType, key: &str, hint: &str, scope: &Scope) -> QName {
        let (key, new) = self.anonymous_key(scope, key, st);
        if !new {
            return key;
        }
        let def = self.simple_type(st, hint, &key.local, scope);
        self.set.types.insert(key.clone(), TypeDef::Simple(def));
        key
    }

    /// A complex type; `path` is its key (or a named type's `#type(name)`), under which the anonymous
    /// types of its local elements and attributes are keyed.
    fn complex_type(
        &mut self,
        ct: &'s ComplexBaseType,
        hint: &str,
        path: &str,
        scope: &Scope,
    ) -> ComplexType {
        let location = match &ct.name {
            Some(name) => self
                .positions
                .definition(&scope.file, "complexType", name)
                .unwrap_or_else(|| Location { file: scope.file.clone(), ..Location::default() }),
            None => Location { file: scope.file.clone(), ..Location::default() },
        };
        let mut out = ComplexType {
            name_hint: hint.to_owned(),
            doc: Vec::new(),
            is_abstract: ct.abstract_,
            mixed: ct.mixed.unwrap_or(false),
            base: None,
            content: Content::Empty,
            attributes: Vec::new(),
            prohibited: Vec::new(),
            any_attribute: None,
            block: Blocked {
                substitution: false,
                ..ct.block.as_ref().map_or(scope.block_default, |b| blocked(derivation_set(b)))
            },
            location,
        };
        let path = path.to_owned();
        for c in &ct.content {
            match c {
                ComplexBaseTypeContent::Annotation(a) => out.doc.extend(documentation(a)),
                ComplexBaseTypeContent::Sequence(g) => {
                    out.content = self.group_content(g, Kind::Sequence, &path, scope)
                }
                ComplexBaseTypeContent::Choice(g) => {
                    out.content = self.group_content(g, Kind::Choice, &path, scope)
                }
                ComplexBaseTypeContent::All(g) => {
                    out.content = self.group_content(g, Kind::All, &path, scope)
                }
                ComplexBaseTypeContent::Group(g) => {
                    out.content = self.group_content(g, Kind::Ref, &path, scope)
                }
                ComplexBaseTypeContent::Attribute(a) => self.attribute(a, &mut out, &path, scope),
                ComplexBaseTypeContent::AttributeGroup(g) => self.attribute_group(g, &mut out, scope, 0),
                ComplexBaseTypeContent::AnyAttribute(a) => {
                    add_wildcard(
                        &mut out.any_attribute,
                        wildcard(a.namespace.as_ref(), a.not_namespace.as_ref(), &a.process_contents, scope),
                        true,
                    );
                }
                ComplexBaseTypeContent::SimpleContent(sc) => {
                    for c in &sc.content {
                        let (base, derivation, items) = match c {
                            SimpleContentContent::Extension(e) => {
                                (&e.base, Derivation::Extension, extension_items(&e.content))
                            }
                            SimpleContentContent::Restriction(r) => {
                                (&r.base, Derivation::Restriction, restriction_items(&r.content))
                            }
                            SimpleContentContent::Annotation(_) => continue,
                        };
                        let base = self.base_qname(base, scope);
                        out.base = Some((base.clone(), derivation));
                        out.content =
                            match c {
                                SimpleContentContent::Restriction(r) => Content::Simple(
                                    self.restricted_content(r, base, &out.location, &path, hint, scope),
                                ),
                                _ => Content::Simple(base),
                            };
                        self.derivation_items(items, &mut out, &path, scope);
                    }
                }
                ComplexBaseTypeContent::ComplexContent(cc) => {
                    if let Some(mixed) = cc.mixed {
                        out.mixed = mixed;
                    }
                    for c in &cc.content {
                        let (base, derivation, items) = match c {
                            ComplexContentContent::Extension(e) => {
                                (&e.base, Derivation::Extension, extension_items(&e.content))
                            }
                            ComplexContentContent::Restriction(r) => {
                                (&r.base, Derivation::Restriction, restriction_items(&r.content))
                            }
                            ComplexContentContent::Annotation(_) => continue,
                        };
                        let base = self.base_qname(base, scope);
                        if base != any_type() {
                            out.base = Some((base, derivation));
                        }
                        self.derivation_items(items, &mut out, &path, scope);
                    }
                }
                ComplexBaseTypeContent::OpenContent(_) | ComplexBaseTypeContent::Assert(_) => {
                    self.unsupported(scope, "XSD 1.1 openContent / assert");
                }
            }
        }
        out
    }

    /// The simple type of a simple-content restriction of `base`: the base's own (the model
    /// resolves a complex base to its simple content, [`SchemaSet::resolve_content_bases`]), or one
    /// stated inline (required when the base is a mixed type with emptiable content), restricted
    /// further by the restriction's facets, if it has any, as an anonymous simple type keyed
    /// `{path}/content` (an inline type then is its `…/content/base`).
    fn restricted_content(
        &mut self,
        r: &'s xs::RestrictionType,
        base: QName,
        location: &Location,
        path: &str,
        hint: &str,
        scope: &Scope,
    ) -> QName {
        let hint = format!("{hint}Value");
        let listed: Vec<&Facet> = r
            .content
            .iter()
            .filter_map(|c| match c {
                RestrictionTypeContent::Facet(f) => Some(f),
                _ => None,
            })
            .collect();
        let inline = r.content.iter().find_map(|c| match c {
            RestrictionTypeContent::SimpleType(st) => Some(st),
            _ => None,
        });
        let below = if listed.is_empty() { "content" } else { "content/base" };
        let content = match inline {
            Some(st) => self.anonymous_simple(st, &format!("{path}/{below}"), &hint, scope),
            None => base,
        };
        if listed.is_empty() {
            return content;
        }
        let (key, new) = self.anonymous_key(scope, &format!("{path}/content"), r);
        if new {
            let facets = facets(listed.into_iter(), |name, value| {
                let message =
                    format!("facet `{name}` has the value {value:?}, which is no non-negative integer");
                self.diagnostics.push(Diagnostic::new(location.clone(), message));
            });
            let variety = SimpleVariety::Restriction { base: content, facets: Box::new(facets) };
            let def = SimpleType { name_hint: hint, doc: Vec::new(), variety, location: location.clone() };
            self.set.types.insert(key.clone(), TypeDef::Simple(def));
        }
        key
    }

    fn derivation_items(&mut self, items: Vec<Item<'s>>, out: &mut ComplexType, path: &str, scope: &Scope) {
        for item in items {
            match item {
                Item::Group(g, kind) => out.content = self.group_content(g, kind, path, scope),
                Item::Attribute(a) => self.attribute(a, out, path, scope),
                Item::AttributeGroup(g) => self.attribute_group(g, out, scope, 0),
                Item::AnyAttribute(a) => {
                    add_wildcard(
                        &mut out.any_attribute,
                        wildcard(a.namespace.as_ref(), a.not_namespace.as_ref(), &a.process_contents, scope),
                        true,
                    );
                }
                Item::Facet => {}
            }
        }
    }

    fn group_content(&mut self, g: &'s GroupType, kind: Kind, path: &str, scope: &Scope) -> Content {
        // A type is a boundary: a group may hold an element whose type uses the group again (a
        // recursive structure, not a circular group), and that type is built from here.
        let outer = std::mem::take(&mut self.group_path);
        let particle = self.particle(g, kind, path, scope, 0);
        self.group_path = outer;
        match particle {
            Some(p) => Content::Particle(p),
            None => Content::Empty,
        }
    }

    fn particle(
        &mut self,
        g: &'s GroupType,
        kind: Kind,
        path: &str,
        scope: &Scope,
        depth: usize,
    ) -> Option<Particle> {
        let (min, max) = (g.min_occurs, max_of(&g.max_occurs));
        if depth > 64 {
            self.unsupported(scope, "model groups nested more than 64 deep in one type");
            return None;
        }
        if kind == Kind::Ref {
            let Some(r) = &g.ref_ else { return None };
            let name = self.qname(r, scope, "group");
            let name = self.below_if_own(name, &self.redefined_groups);
            let Some((target, target_scope)) = self.groups.get(&name).cloned() else {
                self.missing(scope, &name, "group");
                return None;
            };
            if self.closes_cycle(GroupKind::Model, &name) {
                return None;
            }
            let redefined = self.redefined_groups.contains_key(&name);
            let inner = target.content.iter().find_map(|c| match c {
                GroupTypeContent::Sequence(s) => Some((s, Kind::Sequence)),
                GroupTypeContent::Choice(s) => Some((s, Kind::Choice)),
                GroupTypeContent::All(s) => Some((s, Kind::All)),
                _ => None,
            })?;
            // A group's local declarations are the group's, wherever it is used: one type each.
            let group_path = format!("#group({})", name.local);
            if redefined {
                self.expanding.push(name.clone());
            }
            self.group_path.push(name);
            let p = self.particle(inner.0, inner.1, &group_path, &target_scope, depth + 1);
            self.group_path.pop();
            if redefined {
                self.expanding.pop();
            }
            let mut p = p?;
            p.min = min;
            p.max = max;
            return Some(p);
        }
        let mut children = Vec::new();
        for c in &g.content {
            let child = match c {
                GroupTypeContent::Annotation(_) => None,
                GroupTypeContent::Element(e) => self.element_particle(e, path, scope),
                GroupTypeContent::Group(inner) => self.particle(inner, Kind::Ref, path, scope, depth + 1),
                GroupTypeContent::Sequence(inner) => {
                    self.particle(inner, Kind::Sequence, path, scope, depth + 1)
                }
                GroupTypeContent::Choice(inner) => self.particle(inner, Kind::Choice, path, scope, depth + 1),
                GroupTypeContent::All(inner) => self.particle(inner, Kind::All, path, scope, depth + 1),
                GroupTypeContent::Any(a) => Some(Particle {
                    min: a.min_occurs,
                    max: max_of(&a.max_occurs),
                    term: Term::Any(wildcard(
                        a.namespace.as_ref(),
                        a.not_namespace.as_ref(),
                        &a.process_contents,
                        scope,
                    )),
                }),
            };
            children.extend(child);
        }
        let term = match kind {
            Kind::Choice => Term::Choice(children),
            Kind::All => Term::All(children),
            _ => Term::Sequence(children),
        };
        Some(Particle { min, max, term })
    }

    fn element_particle(&mut self, e: &'s ElementType, path: &str, scope: &Scope) -> Option<Particle> {
        let (min, max) = (e.min_occurs, max_of(&e.max_occurs));
        let use_ = if let Some(r) = &e.ref_ {
            let name = self.qname(r, scope, "element reference");
            let Some((decl, decl_scope)) = self.global_elements.get(&name).cloned() else {
                self.missing(scope, &name, "element");
                return None;
            };
            // The global element's type: named, or the anonymous type registered under `#local`.
            let ty = match &decl.type_ {
                Some(t) => self.qname(t, &decl_scope, "type"),
                None if decl.content.iter().any(|c| {
                    matches!(c, ElementTypeContent::ComplexType(_) | ElementTypeContent::SimpleType(_))
                }) =>
                {
                    QName::new(decl_scope.tns.as_deref(), &format!("#{}", name.local))
                }
                None => any_type(),
            };
            let doc = docs_of_element(decl);
            ElementUse {
                name,
                ty,
                doc,
                is_ref: true,
                default: decl.default.clone(),
                fixed: decl.fixed.clone(),
                nillable: decl.nillable.unwrap_or(false),
                block: decl.block.as_ref().map_or(decl_scope.block_default, |b| blocked(block_set(b))),
            }
        } else {
            let local = e.name.clone().unwrap_or_default();
            let qualified = match e.form {
                Some(FormChoiceType::Qualified) => true,
                Some(FormChoiceType::Unqualified) => false,
                None => scope.element_qualified,
            };
            let ns = if qualified { scope.tns.as_deref() } else { None };
            let ty =
                self.declared_type(e, &format!("{path}/{local}"), &local, scope).unwrap_or_else(any_type);
            ElementUse {
                name: QName::new(ns, &local),
                ty,
                doc: docs_of_element(e),
                is_ref: false,
                default: e.default.clone(),
                fixed: e.fixed.clone(),
                nillable: e.nillable.unwrap_or(false),
                block: e.block.as_ref().map_or(scope.block_default, |b| blocked(block_set(b))),
            }
        };
        Some(Particle { min, max, term: Term::Element(use_) })
    }

    fn missing(&mut self, scope: &Scope, name: &QName, what: &str) {
        let location = self
            .positions
            .reference(&scope.file, &name.local)
            .unwrap_or_else(|| Location { file: scope.file.clone(), ..Location::default() });
        self.missing_namespaces.insert(name.ns.clone());
        let hint = not_loaded_hint(&self.set, name);
        self.diagnostics.push(Diagnostic::new(location, format!("unknown {what} `{name}`{hint}")));
    }

    fn attribute(&mut self, a: &'s AttributeType, out: &mut ComplexType, path: &str, scope: &Scope) {
        let prohibited = a.use_ == xs::AttributeUseType::Prohibited;
        let required = a.use_ == xs::AttributeUseType::Required;
        if let Some(r) = &a.ref_ {
            let name = self.qname(r, scope, "attribute reference");
            if prohibited {
                out.prohibited.push(name);
                return;
            }
            let Some((decl, decl_scope)) = self.global_attributes.get(&name).cloned() else {
                self.missing(scope, &name, "attribute");
                return;
            };
            let ty = self.attribute_type(decl, &format!("#@{}", name.local), &decl_scope);
            let doc = decl.annotation.as_ref().map(documentation).unwrap_or_default();
            let default = a.default.clone().or_else(|| decl.default.clone());
            let fixed = a.fixed.clone().or_else(|| decl.fixed.clone());
            out.attributes.push(AttributeUse { name, ty, required, default, fixed, doc });
            return;
        }
        let local = a.name.clone().unwrap_or_default();
        let qualified = match a.form {
            Some(FormChoiceType::Qualified) => true,
            Some(FormChoiceType::Unqualified) => false,
            None => scope.attribute_qualified,
        };
        let ns = if qualified { scope.tns.as_deref() } else { None };
        if prohibited {
            out.prohibited.push(QName::new(ns, &local));
            return;
        }
        let ty = self.attribute_type(a, &format!("{path}/@{local}"), scope);
        let doc = a.annotation.as_ref().map(documentation).unwrap_or_default();
        out.attributes.push(AttributeUse {
            name: QName::new(ns, &local),
            ty,
            required,
            default: a.default.clone(),
            fixed: a.fixed.clone(),
            doc,
        });
    }

    fn attribute_type(&mut self, a: &'s AttributeType, key: &str, scope: &Scope) -> QName {
        match (&a.type_, &a.simple_type) {
            (Some(t), _) => self.qname(t, scope, "type"),
            (None, Some(st)) => {
                let hint = a.name.clone().unwrap_or_default();
                self.anonymous_simple(st, key, &hint, scope)
            }
            (None, None) => QName::new(Some(XS), "anySimpleType"),
        }
    }

    fn attribute_group(
        &mut self,
        g: &'s AttributeGroupType,
        out: &mut ComplexType,
        scope: &Scope,
        depth: usize,
    ) {
        let Some(r) = &g.ref_ else { return };
        let name = self.qname(r, scope, "attribute group");
        let name = self.below_if_own(name, &self.redefined_attribute_groups);
        let Some((target, target_scope)) = self.attribute_groups.get(&name).cloned() else {
            self.missing(scope, &name, "attribute group");
            return;
        };
        if self.closes_cycle(GroupKind::Attribute, &name) {
            return;
        }
        let redefined = self.redefined_attribute_groups.contains_key(&name);
        if depth > 64 {
            self.unsupported(scope, "attribute groups nested more than 64 deep");
            return;
        }
        let group_path = format!("#attributeGroup({})", name.local);
        if redefined {
            self.expanding.push(name.clone());
        }
        self.attribute_group_path.push(name);
        for c in &target.content {
            match c {
                // XSD 1.0 ignores prohibited uses in attribute groups (only a type's own count).
                AttributeGroupTypeContent::Attribute(a) if a.use_ == xs::AttributeUseType::Prohibited => {}
                AttributeGroupTypeContent::Attribute(a) => self.attribute(a, out, &group_path, &target_scope),
                AttributeGroupTypeContent::AttributeGroup(inner) => {
                    self.attribute_group(inner, out, &target_scope, depth + 1)
                }
                AttributeGroupTypeContent::AnyAttribute(a) => {
                    add_wildcard(
                        &mut out.any_attribute,
                        wildcard(
                            a.namespace.as_ref(),
                            a.not_namespace.as_ref(),
                            &a.process_contents,
                            &target_scope,
                        ),
                        false,
                    );
                }
                AttributeGroupTypeContent::Annotation(_) => {}
            }
        }
        self.attribute_group_path.pop();
        if redefined {
            self.expanding.pop();
        }
    }

    /// Whether a reference to group `name` leads back into a group being expanded. XSD forbids
    /// circular groups (`mg-props-correct`, `src-attribute_group`) outside `xs:redefine`, whose
    /// references to their own name are to the definition below (see [`Adapter::below_if_own`]);
    /// expanding one would never end. Each cycle is reported once, at the definition of its first
    /// group in name order, so that the same schema gets the same diagnostic wherever a type
    /// entered the cycle.
    fn closes_cycle(&mut self, kind: GroupKind, name: &QName) -> bool {
        let path = match kind {
            GroupKind::Model => &self.group_path,
            GroupKind::Attribute => &self.attribute_group_path,
        };
        let Some(from) = path.iter().position(|g| g == name) else { return false };
        let cycle = super::cycles::closed_from_least(&path[from..], QName::clone);
        let head = cycle[0].clone();
        if self.reported_cycles.insert((kind, cycle.clone())) {
            // A redefinition's definitions below the top are stored under `#redefine…/name`.
            let written = |g: &QName| g.local.rsplit('/').next().unwrap_or_default().to_owned();
            let names: Vec<String> = cycle.iter().map(|g| format!("`{}`", written(g))).collect();
            let (element, words) = match kind {
                GroupKind::Model => ("group", "model group"),
                GroupKind::Attribute => ("attributeGroup", "attribute group"),
            };
            let file = match kind {
                GroupKind::Model => self.groups.get(&head).map(|(_, s)| s.file.clone()),
                GroupKind::Attribute => self.attribute_groups.get(&head).map(|(_, s)| s.file.clone()),
            }
            .unwrap_or_default();
            let location = self
                .positions
                .definition(&file, element, &written(&head))
                .unwrap_or(Location { file, ..Location::default() });
            let message = format!("{words} `{}` contains itself: {}", written(&head), names.join(" → "));
            self.diagnostics.push(Diagnostic::new(location, message));
        }
        true
    }
}

/// The two kinds of named group, whose names are in symbol spaces of their own.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum GroupKind {
    Model,
    Attribute,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Sequence,
    Choice,
    All,
    Ref,
}

enum Item<'s> {
    Group(&'s GroupType, Kind),
    Attribute(&'s AttributeType),
    AttributeGroup(&'s AttributeGroupType),
    AnyAttribute(&'s xs::AnyAttribute),
    Facet,
}

/// A component inside `xs:redefine` or `xs:override`.
enum Component<'s> {
    Complex(&'s ComplexBaseType),
    Simple(&'s SimpleBaseType),
    Group(&'s GroupType),
    AttributeGroup(&'s AttributeGroupType),
    Element(&'s ElementType),
    Attribute(&'s AttributeType),
}

/// The kinds of component a name belongs to: one name may be a type and a group at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum SymbolSpace {
    Type,
    Group,
    AttributeGroup,
    Element,
    Attribute,
}

impl Component<'_> {
    fn symbol(&self) -> (SymbolSpace, Option<&String>) {
        match self {
            Component::Complex(t) => (SymbolSpace::Type, t.name.as_ref()),
            Component::Simple(t) => (SymbolSpace::Type, t.name.as_ref()),
            Component::Group(g) => (SymbolSpace::Group, g.name.as_ref()),
            Component::AttributeGroup(g) => (SymbolSpace::AttributeGroup, g.name.as_ref()),
            Component::Element(e) => (SymbolSpace::Element, e.name.as_ref()),
            Component::Attribute(a) => (SymbolSpace::Attribute, a.name.as_ref()),
        }
    }
}

fn redefined_components(r: &xs::Redefine) -> Vec<Component<'_>> {
    r.content
        .iter()
        .filter_map(|c| match c {
            xs::RedefineContent::ComplexType(t) => Some(Component::Complex(t)),
            xs::RedefineContent::SimpleType(t) => Some(Component::Simple(t)),
            xs::RedefineContent::Group(g) => Some(Component::Group(g)),
            xs::RedefineContent::AttributeGroup(g) => Some(Component::AttributeGroup(g)),
            xs::RedefineContent::Annotation(_) => None,
        })
        .collect()
}

fn overridden_components(o: &xs::Override) -> Vec<Component<'_>> {
    o.content
        .iter()
        .filter_map(|c| match c {
            xs::OverrideContent::ComplexType(t) => Some(Component::Complex(t)),
            xs::OverrideContent::SimpleType(t) => Some(Component::Simple(t)),
            xs::OverrideContent::Group(g) => Some(Component::Group(g)),
            xs::OverrideContent::AttributeGroup(g) => Some(Component::AttributeGroup(g)),
            xs::OverrideContent::Element(e) => Some(Component::Element(e)),
            xs::OverrideContent::Attribute(a) => Some(Component::Attribute(a)),
            _ => None,
        })
        .collect()
}

/// A type definition that replaces another of its name.
struct Replacement<'s> {
    def: TypeSource<'s>,
    scope: Scope,
    name: QName,
    /// `xs:redefine`: the key of the definition it redefined, which stays as its base. `None` for
    /// `xs:override`, whose original is dropped.
    redefines: Option<QName>,
}

/// An `xs:redefine`'s component, before the redefinitions of its name are stacked.
struct Redefinition<'s> {
    item: Component<'s>,
    scope: Scope,
    /// The redefining schema's file, and the file it redefines.
    file: std::path::PathBuf,
    target: std::path::PathBuf,
}

enum TypeSource<'s> {
    Complex(&'s ComplexBaseType),
    Simple(&'s SimpleBaseType),
}

/// `xs:anyType`, the type of an element declaration that gives none and has no head to take one from.
fn any_type() -> QName {
    QName::new(Some(XS), "anyType")
}

fn extension_items(content: &[ExtensionTypeContent]) -> Vec<Item<'_>> {
    content
        .iter()
        .filter_map(|c| match c {
            ExtensionTypeContent::Sequence(g) => Some(Item::Group(g, Kind::Sequence)),
            ExtensionTypeContent::Choice(g) => Some(Item::Group(g, Kind::Choice)),
            ExtensionTypeContent::All(g) => Some(Item::Group(g, Kind::All)),
            ExtensionTypeContent::Group(g) => Some(Item::Group(g, Kind::Ref)),
            ExtensionTypeContent::Attribute(a) => Some(Item::Attribute(a)),
            ExtensionTypeContent::AttributeGroup(g) => Some(Item::AttributeGroup(g)),
            ExtensionTypeContent::AnyAttribute(a) => Some(Item::AnyAttribute(a)),
            _ => None,
        })
        .collect()
}

fn restriction_items(content: &[RestrictionTypeContent]) -> Vec<Item<'_>> {
    content
        .iter()
        .filter_map(|c| match c {
            RestrictionTypeContent::Sequence(g) => Some(Item::Group(g, Kind::Sequence)),
            RestrictionTypeContent::Choice(g) => Some(Item::Group(g, Kind::Choice)),
            RestrictionTypeContent::All(g) => Some(Item::Group(g, Kind::All)),
            RestrictionTypeContent::Group(g) => Some(Item::Group(g, Kind::Ref)),
            RestrictionTypeContent::Attribute(a) => Some(Item::Attribute(a)),
            RestrictionTypeContent::AttributeGroup(g) => Some(Item::AttributeGroup(g)),
            RestrictionTypeContent::AnyAttribute(a) => Some(Item::AnyAttribute(a)),
            RestrictionTypeContent::Facet(_) => Some(Item::Facet),
            _ => None,
        })
        .collect()
}

fn inline_simple(content: &[xs::RestrictionContent]) -> Option<&SimpleBaseType> {
    content.iter().find_map(|c| match c {
        xs::RestrictionContent::SimpleType(st) => Some(st),
        _ => None,
    })
}

/// When `name`'s namespace has no schema loaded at all, why, and what to do about it.
pub(crate) fn not_loaded_hint(set: &SchemaSet, name: &QName) -> String {
    match &name.ns {
        Some(ns) if ns != XS && !set.namespace_files.contains_key(&name.ns) => format!(
            ": no schema for namespace `{ns}` was loaded (import it with a `schemaLocation` that \
             resolves to a local file, or map the location or the namespace itself to one in an XML \
             catalog: `--catalog`)"
        ),
        _ => String::new(),
    }
}

fn scope_of(doc: &Document<'_>) -> Scope {
    Scope {
        tns: doc.tns.clone(),
        chameleon: doc.chameleon,
        element_qualified: doc.schema.element_form_default == FormChoiceType::Qualified,
        attribute_qualified: doc.schema.attribute_form_default == FormChoiceType::Qualified,
        block_default: blocked(block_set(&doc.schema.block_default)),
        file: doc.file.clone(),
    }
}

/// What a `block` or `blockDefault` holding `items` blocks; `None` is `#all`.
fn blocked(items: Option<&[xs::DerivationControlType]>) -> Blocked {
    use xs::DerivationControlType as D;
    let has = |d: D| items.map_or(true, |items| items.contains(&d));
    Blocked {
        substitution: has(D::Substitution),
        extension: has(D::Extension),
        restriction: has(D::Restriction),
    }
}

/// An element's `block` (or `blockDefault`) as a list; `None` is `#all`.
fn block_set(set: &xs::BlockSetType) -> Option<&[xs::DerivationControlType]> {
    match set {
        xs::BlockSetType::All => None,
        xs::BlockSetType::BlockSetItemList(list) => Some(&list.0),
    }
}

/// A complex type's `block` as a list; `None` is `#all`.
fn derivation_set(set: &xs::DerivationSetType) -> Option<&[xs::DerivationControlType]> {
    match set {
        xs::DerivationSetType::All => None,
        xs::DerivationSetType::BlockSetItemList(list) => Some(&list.0),
    }
}

fn max_of(max: &MaxOccurs) -> Option<usize> {
    match max {
        MaxOccurs::Bounded(n) => Some(*n),
        MaxOccurs::Unbounded => None,
    }
}

fn docs_of_element(e: &ElementType) -> Vec<String> {
    e.content
        .iter()
        .filter_map(|c| match c {
            ElementTypeContent::Annotation(a) => Some(documentation(a)),
            _ => None,
        })
        .flatten()
        .collect()
}

/// A type's attribute wildcard is the intersection of its own and its attribute groups' (XSD 1.0
/// §3.4.2), processing its contents as its own says (`local`), else as the first group's.
fn add_wildcard(to: &mut Option<Wildcard>, w: Wildcard, local: bool) {
    *to = Some(match to.take() {
        Some(existing) => Wildcard {
            namespaces: existing.namespaces.intersection(&w.namespaces),
            process: if local { w.process } else { existing.process },
        },
        None => w,
    });
}

fn wildcard(
    namespace: Option<&xs::NamespaceListType>,
    not_namespace: Option<&xs::NotNamespaceType>,
    process: &xs::ProcessContentsType,
    scope: &Scope,
) -> Wildcard {
    let item = |i: &xs::BasicNamespaceListItemType| match i {
        xs::BasicNamespaceListItemType::String(s) => Some(s.clone()),
        xs::BasicNamespaceListItemType::TargetNamespace => scope.tns.clone(),
        xs::BasicNamespaceListItemType::Local => None,
    };
    let namespaces = match (namespace, not_namespace) {
        (_, Some(not)) => NamespaceConstraint::Not(not.0.iter().map(item).collect()),
        (None | Some(xs::NamespaceListType::Any), None) => NamespaceConstraint::Any,
        (Some(xs::NamespaceListType::Other), None) => NamespaceConstraint::Not(vec![scope.tns.clone(), None]),
        (Some(xs::NamespaceListType::BasicNamespaceList(list)), None) => {
            NamespaceConstraint::Only(list.0.iter().map(item).collect())
        }
    };
    let process = match process {
        xs::ProcessContentsType::Strict => ProcessContents::Strict,
        xs::ProcessContentsType::Lax => ProcessContents::Lax,
        xs::ProcessContentsType::Skip => ProcessContents::Skip,
    };
    Wildcard { namespaces, process }
}

fn facets<'a>(list: impl Iterator<Item = &'a Facet>, mut bad_count: impl FnMut(&str, &str)) -> Facets {
    let mut f = Facets::default();
    for facet in list {
        let mut num = |name: &str, v: &xs::FacetType| {
            let count = trim_xml(&v.value).parse::<usize>().ok();
            if count.is_none() {
                bad_count(name, &v.value);
            }
            count
        };
        match facet {
            Facet::Enumeration(v) => {
                let doc = v.annotation.as_ref().map(documentation).unwrap_or_default();
                f.enumeration.push((v.value.clone(), doc));
            }
            Facet::Pattern(v) => f.pattern.push(v.value.clone()),
            Facet::Length(v) => f.length = num("length", v),
            Facet::MinLength(v) => f.min_length = num("minLength", v),
            Facet::MaxLength(v) => f.max_length = num("maxLength", v),
            Facet::MinInclusive(v) => f.min_inclusive = Some(v.value.clone()),
            Facet::MaxInclusive(v) => f.max_inclusive = Some(v.value.clone()),
            Facet::MinExclusive(v) => f.min_exclusive = Some(v.value.clone()),
            Facet::MaxExclusive(v) => f.max_exclusive = Some(v.value.clone()),
            Facet::TotalDigits(v) => f.total_digits = num("totalDigits", v),
            Facet::FractionDigits(v) => f.fraction_digits = num("fractionDigits", v),
            Facet::WhiteSpace(v) => f.white_space = Some(v.value.clone()),
            Facet::Assertion(_) | Facet::ExplicitTimezone(_) => {}
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use crate::ir::test_schema::{schema, NS};
    use crate::model::QName;

    fn type_of(set: &crate::model::SchemaSet, element: &str) -> String {
        let ty = &set.elements[&QName::new(Some(NS), element)].ty;
        format!("{}:{}", if ty.ns.as_deref() == Some(NS) { "t" } else { "xs" }, ty.local)
    }

    #[test]
    fn a_member_without_a_type_has_its_heads_type() {
        let set = schema(
            r#"<xs:complexType name="shape"><xs:sequence><xs:element name="x" type="xs:int"/></xs:sequence></xs:complexType>
               <xs:element name="figure" type="t:shape" abstract="true"/>
               <xs:element name="square" substitutionGroup="t:figure"/>
               <xs:element name="small" substitutionGroup="t:square"/>
               <xs:element name="loose" substitutionGroup="t:figure" type="xs:anyType"/>
               <xs:element name="spoke"/>
               <xs:element name="hub" substitutionGroup="t:spoke"/>"#,
        );
        assert_eq!(type_of(&set, "square"), "t:shape");
        // Through a head that has its own head's type.
        assert_eq!(type_of(&set, "small"), "t:shape");
        // A type written out stays, and an untyped head gives its own `xs:anyType`.
        assert_eq!(type_of(&set, "loose"), "xs:anyType");
        assert_eq!(type_of(&set, "hub"), "xs:anyType");
    }
}
