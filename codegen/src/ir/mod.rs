//! The Rust type model: what the emitter writes, with every name chosen and every XSD construct
//! mapped (extensions flattened, unions and choices as enums, occurrences as `Option`/`Vec`, `Box`
//! where a type contains itself).
//!
//! Built in passes, data flowing one way (see [`build`]): [`modules`] names a module per namespace,
//! [`families`] finds the types read by `xsi:type`, [`type_names`] gives every type its Rust name and
//! [`TypeId`], then [`simple`], [`structs`] (with [`groups`]), [`elements`] and [`element_enums`]
//! build the items (anonymous union members whose values the union took are left out of their
//! modules); [`boxes`] and [`derives`] annotate the finished crate.

mod boxes;
mod build;
mod builtin;
mod default_literals;
mod derives;
mod element_enums;
mod elements;
mod families;
mod groups;
mod modules;
pub mod naming;
mod simple;
mod structs;
mod substitution;
#[cfg(test)]
pub(crate) mod test_schema;
mod type_names;
pub mod values;

pub(crate) use type_names::xml_name;

use std::collections::BTreeMap;

use crate::model::{NamespaceConstraint, QName, WhiteSpace};

pub use build::build;
pub use builtin::{builtin, is_builtin_type, Builtin};

/// The whole output: every generated type, one module per target namespace, and the document roots.
#[derive(Debug, Default)]
pub struct Crate {
    /// By module name.
    pub modules: BTreeMap<String, Module>,
    /// Every item, indexed by [`TypeId`]; each module lists its own in order.
    pub items: Vec<Entry>,
    /// Every global element, for the `Document` enum that dispatches on the root element.
    pub roots: Vec<Root>,
    /// The name of the enum over every global element, when a lax wildcard over several namespaces
    /// needs it.
    pub known_element: Option<String>,
}

/// A generated type: an index into [`Crate::items`], handed out by the naming pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub(crate) u32);

impl TypeId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One item of the crate and the module it belongs to.
#[derive(Debug)]
pub struct Entry {
    /// The name of its module in [`Crate::modules`].
    pub module: String,
    pub item: Item,
    /// The user maps the type to this existing Rust path: references use it, and no item is
    /// generated for it.
    pub extern_path: Option<String>,
}

impl Crate {
    pub fn item(&self, id: TypeId) -> &Item {
        &self.items[id.index()].item
    }

    /// The module holding `id`.
    pub fn module_of(&self, id: TypeId) -> &str {
        &self.items[id.index()].module
    }

    /// The Rust path of the existing type the user maps `id` to, if any.
    pub fn extern_path(&self, id: TypeId) -> Option<&str> {
        self.items[id.index()].extern_path.as_deref()
    }

    /// What the items of `ty` are when its values are lists (through aliases): `Some(None)` for an
    /// `xs:list` of any item type, `Some(Some(name))` for a built-in list of names (`NMTOKENS`:
    /// `NMTOKEN`), `None` when its values are not lists.
    pub fn list_items(&self, ty: &Ty) -> Option<Option<&'static str>> {
        let mut ty = ty;
        // Aliases do not form cycles (a simple type cannot derive from itself); the bound is cheap.
        for _ in 0..=self.items.len() {
            match ty {
                Ty::List(_) => return Some(None),
                Ty::Builtin(Builtin { list_item: Some(item), .. }) => return Some(Some(item)),
                Ty::Named { id, .. } => match self.item(*id) {
                    Item::Alias(a) => ty = &a.ty,
                    _ => return None,
                },
                _ => return None,
            }
        }
        None
    }

    /// Whether values of the simple type `simple` may hold QNames (`xs:QName`, and lists,
    /// restrictions and unions of it), whose prefixes the reader must find declared.
    pub fn holds_qnames(&self, simple: &Item) -> bool {
        // Simple types do not derive from themselves; the depth only bounds the walk.
        fn ty(k: &Crate, t: &Ty, depth: usize) -> bool {
            match t {
                Ty::Builtin(b) => b.rust == "QNameValue",
                Ty::List(inner) => ty(k, inner, depth),
                Ty::Named { id, .. } if depth < 64 => of_item(k, k.item(*id), depth + 1),
                _ => false,
            }
        }
        fn of_item(k: &Crate, i: &Item, depth: usize) -> bool {
            match i {
                Item::Alias(a) => ty(k, &a.ty, depth),
                Item::Restricted(r) => ty(k, &r.ty, depth),
                Item::Enum(e) => e.members.iter().any(|(_, t)| ty(k, t, depth)),
                _ => false,
            }
        }
        of_item(self, simple, 0)
    }

    /// The items of module `m`, in order.
    pub fn items_of<'k>(&'k self, m: &'k Module) -> impl Iterator<Item = &'k Item> + 'k {
        m.items.iter().map(|id| self.item(*id))
    }

    /// The items of module `m` that are generated (not mapped to existing types), in order.
    pub fn own_items_of<'k>(&'k self, m: &'k Module) -> impl Iterator<Item = &'k Item> + 'k {
        m.items.iter().filter(|id| self.items[id.index()].extern_path.is_none()).map(|id| self.item(*id))
    }
}

/// What the user decided about the mapping.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Module names by namespace, instead of the ones derived from file names.
    pub module_names: BTreeMap<Option<String>, String>,
    /// Namespaces whose types already exist elsewhere, by namespace → Rust module path.
    pub extern_namespaces: BTreeMap<Option<String>, String>,
    /// Individual types that already exist elsewhere: XSD type → Rust path.
    pub extern_types: BTreeMap<QName, String>,
    /// Name of the crate-level enum over every global element (default `KnownElement`).
    pub known_element_name: Option<String>,
    /// Keep the `xsi:type` of elements whose type is not a family (nor anonymous, nor `xs:anyType`):
    /// their values are `xs::Typed`.
    pub keep_xsi_type: bool,
    /// The document roots chosen by the user (`Config::root`); empty: every global element. Only the
    /// roots' namespaces are typed by wildcards then.
    pub roots: Vec<QName>,
}

impl Options {
    /// Whether lax and strict wildcards read the global elements of namespace `ns` typed: all
    /// namespaces, or with chosen roots only theirs (as `Config::root` selects them).
    pub fn typed_by_wildcards(&self, ns: &Option<String>) -> bool {
        self.roots.is_empty() || self.roots.iter().any(|r| &r.ns == ns)
    }

    /// Whether global element `name` gets a Rust type of its own (a wrapper, and a place in
    /// `Document` or the wildcard enums): always without chosen roots; with them, only a root or an
    /// element wildcards read typed. Elsewhere a reference to a global element reads its type, so
    /// the ~800 elements a UBL document type refers to need no wrapper each.
    pub fn has_element_type(&self, name: &QName) -> bool {
        self.roots.is_empty() || self.roots.contains(name) || self.typed_by_wildcards(&name.ns)
    }
}

#[derive(Debug, Default)]
pub struct Module {
    pub name: String,
    pub namespace: Option<String>,
    /// Its items in [`Crate::items`], in the order they are emitted.
    pub items: Vec<TypeId>,
    /// The module already exists at this Rust path: nothing is generated for it.
    pub external: Option<String>,
}

/// A global element.
#[derive(Debug)]
pub struct Root {
    pub variant: String,
    /// The element's type: its wrapper, or its own anonymous type's struct.
    pub ty: TypeId,
    pub name: QName,
    /// A document may have it as its root element: a variant of `Document`.
    pub document: bool,
    /// Lax and strict wildcards read it typed: a variant of the element enums over wildcards.
    pub wildcard: bool,
}

#[derive(Debug)]
pub enum Item {
    /// A complex type, an anonymous one, or a repeated/nested sequence group.
    Struct(Struct),
    /// A choice group.
    Choice(Choice),
    /// A simple type with an enumeration, or a union of enumerations and other simple types.
    Enum(ValueEnum),
    /// A simple type that is another type under a new name.
    Alias(Alias),
    /// A global element whose type is named: a newtype carrying the element's name.
    Element(ElementWrapper),
    /// The enum over a type and its derived types.
    Family(Family),
    /// A simple type restricted by facets: a newtype that checks them on read.
    Restricted(Restricted),
    /// Every global element of a namespace, for lax wildcards over it.
    ElementEnum(ElementEnum),
}

impl Item {
    /// The Rust name of the item.
    pub fn name(&self) -> &str {
        match self {
            Item::Struct(s) => &s.name,
            Item::Choice(c) => &c.name,
            Item::Enum(e) => &e.name,
            Item::Alias(a) => &a.name,
            Item::Element(w) => &w.name,
            Item::Family(f) => &f.name,
            Item::Restricted(r) => &r.name,
            Item::ElementEnum(e) => &e.name,
        }
    }
}

/// A reference to a Rust type, with what the emitter needs to know about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    /// A built-in simple type.
    Builtin(Builtin),
    /// A generated type: `module::Name`.
    Named { id: TypeId, simple: bool, has_default: bool },
    /// `xs:anyType` as an element's type: the element is kept whole.
    AnyElement,
    /// An `xs:list` of simple values.
    List(Box<Ty>),
    /// The crate-level enum over every global element, for lax wildcards over several namespaces.
    KnownElement(String),
    /// A nillable element's value: `xsi:nil="true"` or a `T`.
    Nillable(Box<Ty>),
    /// An element declared with a default (or fixed) value, which an empty element takes: of a
    /// simple type, or of a complex type with simple or mixed content (`ty` is then a `Named` struct
    /// or family, whose reader reads the declared value as the text of an empty element).
    /// `fixed`: the element may hold no other value (`arbitrary` keeps to it). The reader checks it
    /// for a simple type, and for a complex type with simple content, whose type is `content`,
    /// comparing values by `XmlValue::same_value` and text after `white_space`, the facet of the
    /// simple type; for mixed content (`content` is `None`), the text as written, and no child
    /// elements.
    Defaulted { ty: Box<Ty>, value: String, fixed: bool, white_space: WhiteSpace, content: Option<Box<Ty>> },
    /// The value of an element whose type is not a family, with the `xsi:type` it may carry.
    /// The name is the element's declared type, an `xsi:type` every value of it may carry.
    Typed(Box<Ty>, QName),
}

impl Ty {
    pub fn is_simple(&self) -> bool {
        match self {
            Ty::Builtin(_) | Ty::List(_) => true,
            Ty::KnownElement(_) | Ty::Nillable(_) | Ty::Defaulted { .. } | Ty::Typed(..) => false,
            Ty::Named { simple, .. } => *simple,
            Ty::AnyElement => false,
        }
    }

    pub fn has_default(&self) -> bool {
        match self {
            Ty::Builtin(b) => b.has_default,
            Ty::Named { has_default, .. } => *has_default,
            Ty::AnyElement | Ty::List(_) | Ty::Nillable(_) => true,
            Ty::KnownElement(_) | Ty::Defaulted { .. } => false,
            Ty::Typed(inner, _) => inner.has_default(),
        }
    }
}

/// How many times a particle may occur.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurs {
    pub min: usize,
    pub max: Option<usize>,
}

impl Occurs {
    pub fn is_vec(&self) -> bool {
        self.max != Some(1)
    }

    pub fn is_option(&self) -> bool {
        self.min == 0 && self.max == Some(1)
    }
}

/// What generated docs and error messages call an XSD type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XmlName {
    /// A named type, by its local name: `noteType`.
    Named(String),
    /// An anonymous type: `words` say where it is declared ("the type of attribute `space`"), `hint`
    /// is the name of that declaration (`space`), which `TYPES` lists a complex one under.
    Anonymous { words: String, hint: String },
}

impl XmlName {
    /// For docs: "simple type `noteType`" (`kind` is "simple type"), or the anonymous type's words.
    pub fn doc(&self, kind: &str) -> String {
        match self {
            XmlName::Named(name) => format!("{kind} `{name}`"),
            XmlName::Anonymous { words, .. } => words.clone(),
        }
    }

    /// For error messages (`expected …`): the name, or the words without their code marks.
    pub fn text(&self) -> String {
        match self {
            XmlName::Named(name) => name.clone(),
            XmlName::Anonymous { words, .. } => words.replace('`', ""),
        }
    }

    /// The name a type is looked up by: its own, or its declaration's.
    pub fn lookup(&self) -> &str {
        match self {
            XmlName::Named(name) | XmlName::Anonymous { hint: name, .. } => name,
        }
    }
}

#[derive(Debug)]
pub struct Struct {
    pub name: String,
    pub doc: Vec<String>,
    /// What docs call the XSD type (groups have none).
    pub xml_name: XmlName,
    pub attributes: Vec<AttributeField>,
    pub any_attribute: Option<NamespaceConstraint>,
    pub body: Body,
    /// A group struct: read and written inside its parent, with no element of its own.
    pub is_group: bool,
    /// For anonymous types of global elements: the element it belongs to.
    pub element: Option<QName>,
    /// Every field has a default, so the struct derives `Default`.
    pub derive_default: bool,
    /// It belongs to a family read by `xsi:type`: it gets readers and writers that take the
    /// `xsi:type` attribute as typing, not data.
    pub typed: bool,
}

/// An abstract type, or a type with derived types, as used by elements: an enum over the concrete
/// types, read by `xsi:type`, with `Unknown` keeping elements of any other type whole.
#[derive(Debug)]
pub struct Family {
    pub name: String,
    pub doc: Vec<String>,
    pub xml_name: String,
    /// The variant read when there is no `xsi:type` (a concrete base type).
    pub base: Option<FamilyVariant>,
    /// One per concrete derived type.
    pub variants: Vec<FamilyVariant>,
    /// Derived types the base's `block` keeps `xsi:type` from naming: an element naming one is
    /// refused rather than kept in `Unknown`.
    pub blocked: Vec<QName>,
}

#[derive(Debug)]
pub struct FamilyVariant {
    pub name: String,
    /// The XSD type, as `xsi:type` names it.
    pub type_name: QName,
    pub ty: Ty,
}

#[derive(Debug)]
pub enum Body {
    /// Simple content: a `value` field.
    Simple(Ty),
    /// Mixed content kept as an ordered list of text and elements.
    Mixed,
    /// Element content, field by field in schema order.
    Fields(Vec<Field>),
}

#[derive(Debug)]
pub struct AttributeField {
    pub field: String,
    pub name: QName,
    pub ty: Ty,
    pub required: bool,
    pub default: Option<String>,
    pub fixed: Option<String>,
    /// The attribute type's white-space facet, which a fixed value is compared after.
    pub white_space: WhiteSpace,
    pub doc: Vec<String>,
    /// The default (or fixed) value, checked at generation time to be valid for `ty`: an accessor
    /// returns it when the attribute is absent.
    pub checked_default: Option<String>,
    /// How the accessor writes that value without parsing it, if it can.
    pub default_literal: Option<DefaultLiteral>,
}

/// An attribute's default as Rust can write it (see [`AttributeField::default_literal`]).
#[derive(Debug, Clone, PartialEq)]
pub enum DefaultLiteral {
    /// A variant of the enumeration the attribute's type is (or is an alias of); `copy`: the enum
    /// is `Copy` (a code list).
    Variant { variant: String, copy: bool },
    /// A value of this built-in, which the attribute's type is (or is an alias of).
    Builtin(Builtin),
}

#[derive(Debug)]
pub struct Field {
    pub field: String,
    pub doc: Vec<String>,
    pub occurs: Occurs,
    pub kind: FieldKind,
    /// The field's type refers back to the struct holding it: it needs a `Box`.
    pub boxed: bool,
}

/// Types derived from an element's type that its declaration's `block` keeps `xsi:type` from
/// naming (`Families::refused_by`).
#[derive(Debug, Clone, PartialEq)]
pub struct RefusedTypes {
    /// The element's type, as messages name it.
    pub of: String,
    pub types: Vec<QName>,
}

#[derive(Debug)]
pub enum FieldKind {
    Element {
        name: QName,
        ty: Ty,
        /// Members of the type's family the declaration's own `block` keeps `xsi:type` from naming:
        /// an element naming one is refused.
        refused: Option<RefusedTypes>,
    },
    Any(NamespaceConstraint),
    /// A lax or strict wildcard over one namespace that declares global elements: those are read as
    /// their types (XSD's "lax" assessment), anything else is kept whole. `ty` is that namespace's
    /// element enum.
    Lax {
        constraint: NamespaceConstraint,
        ty: Ty,
    },
    /// A nested group: a struct (sequence) or enum (choice) in the same module.
    Group {
        ty: TypeId,
        first: Vec<Matcher>,
        nullable: bool,
        /// Every particle inside occurs a fixed number of times, so the elements of a repetition
        /// are the same every time: the repetitions read are the ones XSD counts. (Otherwise
        /// reading each repetition as far as it goes finds the fewest, and XSD takes any split:
        /// two of `(a{1,3})` may be `a a`.)
        fixed_length: bool,
        /// For an `xs:all` (a list of a choice over its elements): how often each may occur.
        all: Vec<AllBound>,
    },
}

/// One element of an `xs:all` group: the choice variant holding it, and its occurrence bounds.
#[derive(Debug, Clone)]
pub struct AllBound {
    pub variant: String,
    pub element: String,
    pub min: usize,
    pub max: usize,
}

/// One way an element can start a particle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matcher {
    Name(QName),
    Wildcard(NamespaceConstraint),
}

#[derive(Debug)]
pub struct Choice {
    pub name: String,
    pub doc: Vec<String>,
    pub variants: Vec<ChoiceVariant>,
}

#[derive(Debug)]
pub struct ChoiceVariant {
    pub name: String,
    /// The variant's content, as a field (its `field` name is unused).
    pub field: Field,
    pub first: Vec<Matcher>,
    pub nullable: bool,
}

#[derive(Debug)]
pub struct ValueEnum {
    pub name: String,
    pub doc: Vec<String>,
    /// Enumerated values: (variant, lexical value, doc).
    pub values: Vec<(String, String, Vec<String>)>,
    /// Other member types of a union, tried in order after the values: (variant, type).
    pub members: Vec<(String, Ty)>,
    /// Name of the catch-all variant holding other text, when a member accepts any text or names.
    pub other: Option<String>,
    /// Whether `other` holds any text (a member accepts any text). When not, it holds only the names
    /// of `names` and other text is refused: a union of `xs:int` and `xs:NMTOKEN` takes no `a b`.
    pub other_any: bool,
    /// Members of names, as (position in `members`, built-in type): text that is such a name
    /// (`xs::is_name_of_type`) is `other` before that member is tried, as XSD reads it; at
    /// `members.len()`, after every member (only when `other` does not hold any text).
    pub names: Vec<(usize, &'static str)>,
    /// What docs and error messages call the XSD type.
    pub xml_name: XmlName,
    /// No member holds a float: it derives `Eq` and `Hash`.
    pub eq: bool,
    /// For an enumeration of values of a built-in that is no string (numbers, `base64Binary`), or
    /// of lists of them: that type. Text that is none of the values as written is compared with
    /// them as values of it (`01` is `1`, `5e-1` is `0.5`, `01 2` the list `1 2`), as XSD compares
    /// enumeration values.
    pub by_value: Option<Ty>,
    /// Enumerated values of a member type that keeps white space, by lexical value: `Preserve` for a
    /// restriction of `xs:string`, `Replace` of `xs:normalizedString`. XSD compares text with such a
    /// value as that member reads it, not collapsed: ` a ` is not the string value `a`, and a later
    /// member may take it. The other values are compared with the collapsed text.
    pub kept_white_space: BTreeMap<String, WhiteSpace>,
    /// Enumerated values an earlier typed member may take too, as its facets decide when the text is
    /// read (an int of at most 10 takes `5`, not `50`), by lexical value: those members' positions
    /// in `members`. XSD reads a union's text as its first member that accepts it, so the reader
    /// tries them before the value.
    pub tried_first: BTreeMap<String, Vec<usize>>,
}

impl ValueEnum {
    /// An enumeration and nothing else (not a union, not open), of at most `u16::MAX` values:
    /// generated as a `Copy` enum whose texts are tables.
    pub fn is_code_list(&self) -> bool {
        self.members.is_empty()
            && self.other.is_none()
            && !self.values.is_empty()
            && self.eq
            && self.values.len() <= usize::from(u16::MAX)
    }
}

#[derive(Debug)]
pub struct Alias {
    pub name: String,
    pub doc: Vec<String>,
    pub ty: Ty,
}

#[derive(Debug)]
pub struct ElementWrapper {
    pub name: String,
    pub doc: Vec<String>,
    pub element: QName,
    pub ty: Ty,
    /// What the declaration's `block` keeps `xsi:type` from naming, as for fields.
    pub refused: Option<RefusedTypes>,
}

#[derive(Debug)]
pub struct Restricted {
    pub name: String,
    pub doc: Vec<String>,
    /// The innermost type of the restriction chain.
    pub ty: Ty,
    pub checks: Vec<FacetCheck>,
    /// What its length facets measure.
    pub length: LengthUnit,
    /// What docs and error messages call the XSD type.
    pub xml_name: XmlName,
    /// It holds no float: it derives `Eq` and `Hash`.
    pub eq: bool,
    /// What the type does to white space: patterns match the text after it.
    pub white_space: crate::model::WhiteSpace,
}

impl Restricted {
    /// Whether a value keeps the text it was read from: a pattern constrains the text, not the
    /// value, so where a value has more than one text (`1.00` and `1` are one `xs:float`), the
    /// form the value type writes may not match it. A string's or a name's value is its text
    /// already (a name's without the white space around it, which a pattern does not see either).
    pub fn keeps_text(&self) -> bool {
        let pattern = self.checks.iter().any(|c| matches!(c, FacetCheck::Pattern { .. }));
        pattern && !simple::is_text(&self.ty)
    }
}

/// What the `length`, `minLength` and `maxLength` facets of a restriction measure on its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LengthUnit {
    /// The runtime's `FacetLength`: characters of a string, octets of binary data, items of a list.
    Value,
    /// Characters of a string once its white space is collapsed (`xs:token` and the types that
    /// collapse): the value keeps its text as written, the facet measures the normalized one.
    CollapsedText,
    /// Characters of a code list value's text: a restriction of an enumeration of strings.
    Text,
    /// Items of a code list value's text: a restriction of an enumeration of lists.
    TextItems,
    /// Octets of a code list value of binary data: not checked.
    Octets,
    /// Nothing: length facets on `xs:QName` and `xs:NOTATION` always hold (as XSD 1.1 spells out).
    None,
}

/// A constraining facet, with its value as written.
#[derive(Debug, Clone, PartialEq)]
pub enum FacetCheck {
    Length(usize),
    MinLength(usize),
    MaxLength(usize),
    MinInclusive(String),
    MaxInclusive(String),
    MinExclusive(String),
    MaxExclusive(String),
    TotalDigits(usize),
    FractionDigits(usize),
    /// The patterns of one restriction step, as written (a text must match one of them), and the
    /// expression of the `regex` crate they translate to (see [`crate::pattern`]); `None` where the
    /// runtime could not compile it, so that it is left unchecked and said so.
    Pattern {
        written: Vec<String>,
        regex: Option<String>,
    },
    /// An enumeration of `xs:QName`s: the values are equal by expanded name, which needs the
    /// namespace declarations in scope where the value was written, so it is kept, not checked.
    QNameEnumeration(Vec<String>),
    /// An enumeration of values that keep the text they were read from (dates and times,
    /// durations, `xs:hexBinary`): the value must be one of them, compared as values
    /// (`XmlValue::same_value`), and keeps its own text.
    Enumeration(Vec<String>),
}

#[derive(Debug)]
pub struct ElementEnum {
    pub name: String,
    /// (variant, element type in this module, element name).
    pub variants: Vec<(String, TypeId, QName)>,
}
