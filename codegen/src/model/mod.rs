//! Our schema model: namespace-qualified, with derivation, particles, wildcards and documentation
//! kept as the schema wrote them. The XSD front end fills it; the Rust type model reads it.

mod anonymous;
mod content_bases;
mod white_space;

pub use anonymous::describe as describe_anonymous;
pub use white_space::{is_xml_space, trim_xml, xml_items, WhiteSpace};

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

/// XML Schema's own namespace: the built-in types live here.
pub const XS: &str = "http://www.w3.org/2001/XMLSchema";

/// An expanded name. Anonymous types get a synthetic local name starting with `#`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QName {
    pub ns: Option<String>,
    pub local: String,
}

impl QName {
    pub fn new(ns: Option<&str>, local: &str) -> Self {
        QName { ns: ns.map(str::to_owned), local: local.to_owned() }
    }

    pub fn is_builtin(&self) -> bool {
        self.ns.as_deref() == Some(XS)
    }
}

impl fmt::Display for QName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.ns {
            Some(ns) => write!(f, "{{{ns}}}{}", self.local),
            None => f.write_str(&self.local),
        }
    }
}

/// Where a definition sits in a schema file, for diagnostics.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    /// The schema file (as given, or as found through an import, include or catalog).
    pub file: PathBuf,
    /// 1-based line; 0 when the position is unknown.
    pub line: usize,
    /// 1-based column; 0 when the position is unknown.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// Everything the schema files define, resolved across includes and imports.
#[derive(Debug, Default)]
pub struct SchemaSet {
    /// Named and anonymous types, by (synthetic) name.
    pub types: BTreeMap<QName, TypeDef>,
    /// Global element declarations.
    pub elements: BTreeMap<QName, ElementDecl>,
    /// Every schema file read, for `rerun-if-changed`.
    pub files: Vec<PathBuf>,
    /// The file stem that declares each target namespace first (module naming).
    pub namespace_files: BTreeMap<Option<String>, String>,
}

#[derive(Debug, Clone)]
pub enum TypeDef {
    Simple(SimpleType),
    Complex(Box<ComplexType>),
}

impl TypeDef {
    /// For anonymous types: the name of the element or attribute that declared it.
    pub fn name_hint(&self) -> &str {
        match self {
            TypeDef::Simple(t) => &t.name_hint,
            TypeDef::Complex(t) => &t.name_hint,
        }
    }
}

/// Where a chain of simple-type restrictions ends ([`SchemaSet::restriction_end`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestrictionEnd<'s> {
    /// A built-in type, by its local name (`int`).
    Builtin(&'s str),
    /// A list of `item`.
    List {
        item: &'s QName,
    },
    Union,
}

impl SchemaSet {
    /// Where the chain of restrictions from simple type `name` (or `name` itself) ends; `None` for
    /// a name no simple type has (missing, or complex) or a circular chain.
    pub fn restriction_end<'s>(&'s self, name: &'s QName) -> Option<RestrictionEnd<'s>> {
        let mut name = name;
        for _ in 0..64 {
            if name.is_builtin() {
                return Some(RestrictionEnd::Builtin(&name.local));
            }
            let TypeDef::Simple(st) = self.types.get(name)? else { return None };
            match &st.variety {
                SimpleVariety::Restriction { base, .. } => name = base,
                SimpleVariety::List { item } => return Some(RestrictionEnd::List { item }),
                SimpleVariety::Union { .. } => return Some(RestrictionEnd::Union),
            }
        }
        None
    }
}

#[derive(Debug, Clone)]
pub struct SimpleType {
    pub name_hint: String,
    pub doc: Vec<String>,
    pub variety: SimpleVariety,
    /// Where it is defined: a named type's definition; the file only for an anonymous one.
    pub location: Location,
}

#[derive(Debug, Clone)]
pub enum SimpleVariety {
    /// A restriction of `base` (a built-in or another simple type).
    Restriction {
        base: QName,
        facets: Box<Facets>,
    },
    List {
        item: QName,
    },
    Union {
        members: Vec<QName>,
    },
}

/// Constraining facets, as written (values are lexical).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facets {
    pub enumeration: Vec<(String, Vec<String>)>,
    pub pattern: Vec<String>,
    pub length: Option<usize>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub min_inclusive: Option<String>,
    pub max_inclusive: Option<String>,
    pub min_exclusive: Option<String>,
    pub max_exclusive: Option<String>,
    pub total_digits: Option<usize>,
    pub fraction_digits: Option<usize>,
    pub white_space: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ComplexType {
    pub name_hint: String,
    pub doc: Vec<String>,
    pub is_abstract: bool,
    pub mixed: bool,
    /// The type this one derives from, if any (`xs:anyType` is not recorded).
    pub base: Option<(QName, Derivation)>,
    /// This type's own content (for extensions: only what the extension adds).
    pub content: Content,
    /// This type's own attributes (attribute groups already expanded).
    pub attributes: Vec<AttributeUse>,
    /// Attributes of the base type this one prohibits (`use="prohibited"` in a restriction).
    pub prohibited: Vec<QName>,
    pub any_attribute: Option<Wildcard>,
    /// The derivations its `block` (or `blockDefault`) keeps from standing in for it.
    pub block: Blocked,
    pub location: Location,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Derivation {
    Extension,
    Restriction,
}

#[derive(Debug, Clone)]
pub enum Content {
    Empty,
    /// Simple content of the given simple type.
    Simple(QName),
    /// Element content (or mixed, per `ComplexType::mixed`).
    Particle(Particle),
}

#[derive(Debug, Clone)]
pub struct Particle {
    pub min: usize,
    /// `None` is unbounded.
    pub max: Option<usize>,
    pub term: Term,
}

impl Particle {
    pub fn is_single(&self) -> bool {
        self.min == 1 && self.max == Some(1)
    }
}

#[derive(Debug, Clone)]
pub enum Term {
    Element(ElementUse),
    Any(Wildcard),
    Sequence(Vec<Particle>),
    Choice(Vec<Particle>),
    All(Vec<Particle>),
}

/// An element in a content model: a local declaration or a reference to a global one.
#[derive(Debug, Clone)]
pub struct ElementUse {
    pub name: QName,
    pub ty: QName,
    pub doc: Vec<String>,
    /// It refers to a global element (its name is that element's).
    pub is_ref: bool,
    pub default: Option<String>,
    pub fixed: Option<String>,
    pub nillable: bool,
    /// What the declaration's `block` (or its schema's `blockDefault`; for a reference, the global
    /// element's) keeps `xsi:type` from naming.
    pub block: Blocked,
}

#[derive(Debug, Clone)]
pub struct ElementDecl {
    pub name: QName,
    pub ty: QName,
    pub doc: Vec<String>,
    pub is_abstract: bool,
    pub nillable: bool,
    /// The value an empty element takes (`default` or `fixed`).
    pub default: Option<String>,
    pub fixed: Option<String>,
    pub substitution_group: Option<QName>,
    /// What its `block` (or the schema's `blockDefault`) keeps from standing in for it.
    pub block: Blocked,
    pub location: Location,
}

/// The substitutions an element declaration or a complex type blocks: its `block`, else its
/// schema's `blockDefault` (XSD 1.0 §3.3.2, §3.4.2). A type blocks only derivations.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Blocked {
    /// No element may stand in for the declaration through its substitution group.
    pub substitution: bool,
    pub extension: bool,
    pub restriction: bool,
}

impl Blocked {
    /// Whether derivation `by` is blocked.
    pub fn derivation(&self, by: Derivation) -> bool {
        match by {
            Derivation::Extension => self.extension,
            Derivation::Restriction => self.restriction,
        }
    }
}

#[derive(Debug, Clone)]
pub struct AttributeUse {
    pub name: QName,
    pub ty: QName,
    pub required: bool,
    pub default: Option<String>,
    pub fixed: Option<String>,
    pub doc: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wildcard {
    pub namespaces: NamespaceConstraint,
    pub process: ProcessContents,
}

/// Which namespaces a wildcard accepts; `None` in a list is "no namespace". `##targetNamespace` and
/// `##local` are resolved against the owning schema when the model is built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NamespaceConstraint {
    Any,
    /// Any namespace except these (`##other` is "not the target namespace and not absent").
    Not(Vec<Option<String>>),
    /// Only these.
    Only(Vec<Option<String>>),
}

impl NamespaceConstraint {
    pub fn allows(&self, ns: Option<&str>) -> bool {
        match self {
            NamespaceConstraint::Any => true,
            NamespaceConstraint::Not(list) => !list.iter().any(|n| n.as_deref() == ns),
            NamespaceConstraint::Only(list) => list.iter().any(|n| n.as_deref() == ns),
        }
    }

    /// The namespaces either allows: an extension's attribute wildcard with its base's (XSD 1.0
    /// §3.4.2, wildcard union §3.10.6).
    pub fn union(&self, other: &Self) -> Self {
        use NamespaceConstraint::*;
        match (self, other) {
            (Any, _) | (_, Any) => Any,
            (Only(a), Only(b)) => {
                Only(a.iter().chain(b.iter().filter(|n| !a.contains(n))).cloned().collect())
            }
            (Not(a), Not(b)) => not_or_any(a.iter().filter(|n| b.contains(n)).cloned().collect()),
            (Not(a), Only(b)) | (Only(b), Not(a)) => {
                not_or_any(a.iter().filter(|n| !b.contains(n)).cloned().collect())
            }
        }
    }

    /// The namespaces both allow: a type's attribute wildcard with those of its attribute groups
    /// (wildcard intersection, XSD 1.0 §3.10.6).
    pub fn intersection(&self, other: &Self) -> Self {
        use NamespaceConstraint::*;
        match (self, other) {
            (Any, x) | (x, Any) => x.clone(),
            (Only(a), Only(b)) => Only(a.iter().filter(|n| b.contains(n)).cloned().collect()),
            (Not(a), Not(b)) => Not(a.iter().chain(b.iter().filter(|n| !a.contains(n))).cloned().collect()),
            (Not(a), Only(b)) | (Only(b), Not(a)) => {
                Only(b.iter().filter(|n| !a.contains(n)).cloned().collect())
            }
        }
    }
}

fn not_or_any(excluded: Vec<Option<String>>) -> NamespaceConstraint {
    if excluded.is_empty() {
        NamespaceConstraint::Any
    } else {
        NamespaceConstraint::Not(excluded)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProcessContents {
    Strict,
    Lax,
    Skip,
}

#[cfg(test)]
mod wildcard_tests {
    use super::NamespaceConstraint::{self, *};

    fn ns(list: &[Option<&str>]) -> Vec<Option<String>> {
        list.iter().map(|n| n.map(str::to_owned)).collect()
    }

    /// Checks the algebra against `allows` on every namespace that matters.
    fn agrees(a: &NamespaceConstraint, b: &NamespaceConstraint) {
        let (u, i) = (a.union(b), a.intersection(b));
        for n in [None, Some("a"), Some("b"), Some("c"), Some("z")] {
            assert_eq!(u.allows(n), a.allows(n) || b.allows(n), "{a:?} ∪ {b:?} at {n:?}: {u:?}");
            assert_eq!(i.allows(n), a.allows(n) && b.allows(n), "{a:?} ∩ {b:?} at {n:?}: {i:?}");
        }
    }

    #[test]
    fn union_and_intersection_are_the_set_operations() {
        let all = [
            Any,
            Not(ns(&[Some("a"), None])),
            Not(ns(&[Some("b")])),
            Only(ns(&[Some("a"), None, Some("b"), Some("c")])),
            Only(ns(&[Some("c")])),
            Only(vec![]),
        ];
        for a in &all {
            for b in &all {
                agrees(a, b);
            }
        }
        // ##other with ##targetNamespace ##local b c is any namespace (W3C wildZ013b).
        assert_eq!(all[1].union(&all[3]), Any);
    }
}
