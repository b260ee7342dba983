//! Which fields hold their value in a `Box`: those whose type contains the struct holding them (or
//! the type would be infinitely large), and those whose type is large.
//!
//! Types hold their children by value, so without the second rule a type's size is the sum over its
//! whole tree of optional children: a schema with a few levels of many optional complex children
//! (UBL's documents, say) gives types of hundreds of kilobytes, and readers whose stack frames hold
//! several of them overflow the stack. With every large child boxed, a type is at most its own fields
//! of at most [`LARGE`] bytes each, whatever the depth of the schema.

use std::collections::{BTreeMap, BTreeSet};

use super::*;

/// A field whose type is estimated larger than this many bytes holds a `Box`. 256 bytes is 32 words:
/// moving such a value is already a `memcpy` of several cache lines, while one more allocation is
/// cheap next to reading the element the value came from. Below it, boxing would cost an allocation
/// and an indirection for little gain: the Enhanced Presence types are mostly a few hundred bytes.
pub const LARGE: usize = 256;

/// `AnyElement` on 64-bit targets (name, attributes, namespace bindings, children).
const ANY_ELEMENT: usize = 144;

/// A type the generator cannot see (an extern type or module): a guess of three words.
const UNKNOWN: usize = 24;

/// Marks every field that needs a `Box`: recursive ones first, then large ones.
pub fn mark_boxes(krate: &mut Crate) {
    mark_recursive(krate);
    // Decided in one pass over every field (in order), then applied in a second one.
    let sizes = Sizes { krate, known: Default::default() };
    let large: Vec<bool> = krate
        .items
        .iter()
        .flat_map(|e| fields(&e.item))
        .map(|f| !f.occurs.is_vec() && !is_simple(f) && sizes.target(f) > LARGE)
        .collect();
    let fields = krate.items.iter_mut().flat_map(|e| fields_mut(&mut e.item));
    for (f, large) in fields.zip(large) {
        f.boxed |= large;
    }
}

/// The fields of a struct or the alternatives of a choice; nothing for other items.
fn fields_mut(item: &mut Item) -> Vec<&mut Field> {
    match item {
        Item::Struct(Struct { body: Body::Fields(f), .. }) => f.iter_mut().collect(),
        Item::Choice(c) => c.variants.iter_mut().map(|v| &mut v.field).collect(),
        _ => Vec::new(),
    }
}

fn fields(item: &Item) -> Vec<&Field> {
    match item {
        Item::Struct(Struct { body: Body::Fields(f), .. }) => f.iter().collect(),
        Item::Choice(c) => c.variants.iter().map(|v| &v.field).collect(),
        _ => Vec::new(),
    }
}

/// A simple value is read and written by the value helpers, which take no `Box` (and none is large).
fn is_simple(f: &Field) -> bool {
    matches!(&f.kind, FieldKind::Element { ty, .. } if ty.is_simple())
}

/// Estimated sizes of the generated types on 64-bit targets, with the boxes decided so far and every
/// large field boxed. An estimate errs upwards: it adds a tag word for every `Option` and enum that
/// may not need one.
struct Sizes<'k> {
    krate: &'k Crate,
    known: std::cell::RefCell<BTreeMap<TypeId, usize>>,
}

impl Sizes<'_> {
    fn item(&self, id: TypeId) -> usize {
        if let Some(size) = self.known.borrow().get(&id) {
            return *size;
        }
        let Some(entry) = self.krate.items.get(id.index()) else { return UNKNOWN };
        if entry.extern_path.is_some() {
            return UNKNOWN;
        }
        // Cycles run through boxed or repeated fields, which are not followed; this guards the rest.
        self.known.borrow_mut().insert(id, UNKNOWN);
        let size = match &entry.item {
            Item::Struct(s) => {
                let attributes: usize = s
                    .attributes
                    .iter()
                    .map(|a| if a.required { self.ty(&a.ty) } else { optional(&a.ty, self.ty(&a.ty)) })
                    .sum();
                let body = match &s.body {
                    Body::Simple(ty) => self.ty(ty),
                    Body::Mixed => 24,
                    Body::Fields(f) => f.iter().map(|f| self.field(f)).sum(),
                };
                round(attributes + body + if s.any_attribute.is_some() { 24 } else { 0 })
            }
            Item::Choice(c) => tagged(c.variants.iter().map(|v| self.field(&v.field))),
            Item::Enum(e) if e.members.is_empty() && e.other.is_none() => 1,
            Item::Enum(e) => {
                tagged(e.members.iter().map(|(_, t)| self.ty(t)).chain(e.other.as_ref().map(|_| 24)))
            }
            Item::Alias(Alias { ty, .. })
            | Item::Restricted(Restricted { ty, .. })
            | Item::Element(ElementWrapper { ty, .. }) => self.ty(ty),
            // Every variant is boxed but `Unknown`.
            Item::Family(_) => ANY_ELEMENT + 8,
            Item::ElementEnum(e) => {
                tagged(e.variants.iter().map(|(_, t, _)| self.item(*t)).chain([ANY_ELEMENT]))
            }
        };
        self.known.borrow_mut().insert(id, size);
        size
    }

    fn ty(&self, ty: &Ty) -> usize {
        match ty {
            Ty::Builtin(b) => builtin_size(b.rust),
            Ty::Named { id, .. } => self.item(*id),
            Ty::AnyElement => ANY_ELEMENT,
            Ty::List(_) => 24,
            // `Unknown` is an `AnyElement`, the rest are boxed.
            Ty::KnownElement(_) => ANY_ELEMENT + 8,
            Ty::Nillable(inner) => tagged([self.ty(inner), 24]),
            Ty::Defaulted { ty, .. } => tagged([self.ty(ty)]),
            // `Option<(Option<String>, String)>` beside the value.
            Ty::Typed(inner, _) => self.ty(inner) + 48,
        }
    }

    /// The size of the type a field holds (before `Option`, `Vec` or `Box`).
    fn target(&self, f: &Field) -> usize {
        match &f.kind {
            FieldKind::Element { ty, .. } | FieldKind::Lax { ty, .. } => self.ty(ty),
            FieldKind::Any(_) => ANY_ELEMENT,
            FieldKind::Group { ty, .. } => self.item(*ty),
        }
    }

    /// The size of a field, boxed if it is large.
    fn field(&self, f: &Field) -> usize {
        if f.occurs.is_vec() || f.boxed {
            return if f.occurs.is_vec() { 24 } else { 8 };
        }
        let size = self.target(f);
        if size > LARGE && !is_simple(f) {
            8
        } else if f.occurs.is_option() {
            // Structs and strings leave room for `None` in their own bits; other values need a tag.
            let niche = matches!(&f.kind, FieldKind::Element { ty: Ty::Named { simple: false, .. }, .. })
                || matches!(&f.kind, FieldKind::Group { .. } | FieldKind::Any(_));
            if niche {
                size
            } else {
                round(size + 8)
            }
        } else {
            size
        }
    }
}

/// `Option<T>` of a `size`-byte value of `ty`: strings, lists and structs need no tag.
fn optional(ty: &Ty, size: usize) -> usize {
    let niche = match ty {
        Ty::Builtin(b) => b.rust.contains("String") || b.rust.contains("Binary"),
        Ty::Named { simple, .. } => !simple,
        Ty::List(_) | Ty::AnyElement => true,
        Ty::KnownElement(_) | Ty::Nillable(_) | Ty::Defaulted { .. } => false,
        // The type's strings leave room for `None`.
        Ty::Typed(..) => true,
    };
    if niche {
        size
    } else {
        round(size + 8)
    }
}

/// An enum over values of these sizes: the largest, and a tag word.
fn tagged(sizes: impl IntoIterator<Item = usize>) -> usize {
    round(sizes.into_iter().max().unwrap_or(0) + 8)
}

fn round(size: usize) -> usize {
    size.div_ceil(8) * 8
}

/// Built-in types on 64-bit targets, as the runtime defines them.
fn builtin_size(rust: &str) -> usize {
    match rust {
        "bool" | "i8" | "u8" => 1,
        "i16" | "u16" => 2,
        "f32" | "i32" | "u32" => 4,
        "f64" | "i64" | "u64" | "GMonth" | "GDay" | "GMonthDay" => 8,
        "GYear" | "GYearMonth" => 16,
        "HexBinary" => 32,
        "Time" | "Decimal" => 40,
        "QNameValue" => 48,
        "DateTime" => 56,
        "Duration" => 120,
        // Strings, lists, binary data and unbounded integers: a `Vec` or `String` underneath.
        _ => 24,
    }
}

/// Every field whose type (directly, or through non-repeated fields) contains the struct holding it
/// gets a `Box`, so the type has a finite size.
fn mark_recursive(krate: &mut Crate) {
    let mut edges: BTreeMap<TypeId, Vec<TypeId>> = BTreeMap::new();
    for (i, entry) in krate.items.iter().enumerate() {
        let id = TypeId(i as u32);
        let targets = match &entry.item {
            Item::Struct(_) | Item::Choice(_) => fields(&entry.item)
                .into_iter()
                .filter(|f| !f.occurs.is_vec())
                .filter_map(field_target)
                .collect(),
            // Enums over global elements hold them unboxed, wrappers hold their type.
            Item::ElementEnum(e) => e.variants.iter().map(|(_, ty, _)| *ty).collect(),
            Item::Element(ElementWrapper { ty: Ty::Named { id, simple: false, .. }, .. }) => vec![*id],
            _ => continue,
        };
        edges.insert(id, targets);
    }
    let reaches = |from: TypeId, to: TypeId| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from];
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if seen.insert(n) {
                stack.extend(edges.get(&n).into_iter().flatten());
            }
        }
        false
    };
    for (i, entry) in krate.items.iter_mut().enumerate() {
        let me = TypeId(i as u32);
        for f in fields_mut(&mut entry.item) {
            if !f.occurs.is_vec() {
                if let Some(target) = field_target(f) {
                    f.boxed = reaches(target, me);
                }
            }
        }
    }
}

/// The type a field holds inline, if it is a generated one that may contain others.
fn field_target(f: &Field) -> Option<TypeId> {
    match &f.kind {
        FieldKind::Element { ty, .. } => struct_in(ty),
        FieldKind::Group { ty, .. } => Some(*ty),
        FieldKind::Lax { ty: Ty::Named { id, .. }, .. } => Some(*id),
        _ => None,
    }
}

/// The struct a value of `ty` holds inline: a complex type's, also inside `xs::Nillable` or `xs::Typed`.
fn struct_in(ty: &Ty) -> Option<TypeId> {
    match ty {
        Ty::Named { id, simple: false, .. } => Some(*id),
        Ty::Nillable(inner) | Ty::Typed(inner, _) => struct_in(inner),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_schema::{build_xsd, find};
    use super::*;

    fn boxed(krate: &Crate, name: &str) -> Vec<bool> {
        fields(find(krate, name)).iter().map(|f| f.boxed).collect()
    }

    #[test]
    fn a_field_reaching_back_to_its_struct_is_boxed_a_repeated_one_not() {
        let krate = build_xsd(
            r#"<xs:complexType name="node"><xs:sequence>
                 <xs:element name="next" type="t:node" minOccurs="0"/>
                 <xs:element name="children" type="t:node" minOccurs="0" maxOccurs="unbounded"/>
                 <xs:element name="via" type="t:via" minOccurs="0"/>
                 <xs:element name="leaf" type="t:leaf" minOccurs="0"/>
               </xs:sequence></xs:complexType>
               <xs:complexType name="via"><xs:sequence><xs:element name="back" type="t:node"/></xs:sequence></xs:complexType>
               <xs:complexType name="leaf"/>"#,
        );
        assert_eq!(boxed(&krate, "Node"), [true, false, true, false]);
        assert_eq!(boxed(&krate, "Via"), [true]);
    }

    #[test]
    fn a_large_field_is_boxed_a_small_or_simple_one_not() {
        let many: String =
            (0..40).map(|i| format!(r#"<xs:attribute name="a{i}" type="xs:dateTime"/>"#)).collect();
        let krate = build_xsd(&format!(
            r#"<xs:complexType name="big">{many}</xs:complexType>
               <xs:complexType name="small"><xs:attribute name="a" type="xs:int"/></xs:complexType>
               <xs:complexType name="holder"><xs:sequence>
                 <xs:element name="big" type="t:big"/><xs:element name="small" type="t:small"/>
                 <xs:element name="text" type="xs:string"/>
               </xs:sequence></xs:complexType>"#
        ));
        assert_eq!(boxed(&krate, "Holder"), [true, false, false]);
    }

    #[test]
    fn sizes_follow_references_and_count_tags() {
        let krate = build_xsd(
            r#"<xs:complexType name="pair"><xs:sequence><xs:element name="a" type="xs:long"/>
                 <xs:element name="b" type="xs:int" minOccurs="0"/></xs:sequence></xs:complexType>
               <xs:complexType name="wrap"><xs:sequence><xs:element name="p" type="t:pair"/></xs:sequence></xs:complexType>"#,
        );
        let sizes = Sizes { krate: &krate, known: Default::default() };
        let id = |name: &str| TypeId(krate.items.iter().position(|e| e.item.name() == name).unwrap() as u32);
        assert_eq!(sizes.item(id("Pair")), 24);
        assert_eq!(sizes.item(id("Wrap")), 24);
    }
}
