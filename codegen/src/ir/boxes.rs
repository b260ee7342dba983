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
    let sizes = Sizes::of(krate);
    let large: Vec<bool> = krate
        .modules
        .values()
        .flat_map(|m| m.items.iter().flat_map(fields).map(|f| (m.name.as_str(), f)))
        .map(|(module, f)| !f.occurs.is_vec() && !is_simple(f) && sizes.target(module, f) > LARGE)
        .collect();
    let fields = krate.modules.values_mut().flat_map(|m| m.items.iter_mut().flat_map(fields_mut));
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
    items: BTreeMap<(&'k str, &'k str), &'k Item>,
    known: std::cell::RefCell<BTreeMap<(String, String), usize>>,
}

impl<'k> Sizes<'k> {
    fn of(krate: &'k Crate) -> Self {
        let mut items = BTreeMap::new();
        for m in krate.modules.values() {
            for item in &m.items {
                items.insert((m.name.as_str(), item.name()), item);
            }
        }
        Sizes { krate, items, known: Default::default() }
    }

    fn item(&self, module: &str, name: &str) -> usize {
        let key = (module.to_owned(), name.to_owned());
        if let Some(size) = self.known.borrow().get(&key) {
            return *size;
        }
        if self.krate.extern_types.contains_key(&key) {
            return UNKNOWN;
        }
        let Some(item) = self.items.get(&(module, name)) else { return UNKNOWN };
        // Cycles run through boxed or repeated fields, which are not followed; this guards the rest.
        self.known.borrow_mut().insert(key.clone(), UNKNOWN);
        let size = match item {
            Item::Struct(s) => {
                let attributes: usize = s
                    .attributes
                    .iter()
                    .map(|a| if a.required { self.ty(&a.ty) } else { optional(&a.ty, self.ty(&a.ty)) })
                    .sum();
                let body = match &s.body {
                    Body::Simple(ty) => self.ty(ty),
                    Body::Mixed => 24,
                    Body::Fields(f) => f.iter().map(|f| self.field(module, f)).sum(),
                };
                round(attributes + body + if s.any_attribute.is_some() { 24 } else { 0 })
            }
            Item::Choice(c) => tagged(c.variants.iter().map(|v| self.field(module, &v.field))),
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
                tagged(e.variants.iter().map(|(_, t, _)| self.item(module, t)).chain([ANY_ELEMENT]))
            }
        };
        self.known.borrow_mut().insert(key, size);
        size
    }

    fn ty(&self, ty: &Ty) -> usize {
        match ty {
            Ty::Builtin(b) => builtin_size(b.rust),
            Ty::Named { module, name, .. } => self.item(module, name),
            Ty::AnyElement => ANY_ELEMENT,
            Ty::List(_) => 24,
            // `Unknown` is an `AnyElement`, the rest are boxed.
            Ty::KnownElement(_) => ANY_ELEMENT + 8,
            Ty::Nillable(inner) => tagged([self.ty(inner), 24]),
            Ty::Defaulted { ty, .. } => tagged([self.ty(ty)]),
            // `Option<(Option<String>, String)>` beside the value.
            Ty::Typed(inner) => self.ty(inner) + 48,
        }
    }

    /// The size of the type a field holds (before `Option`, `Vec` or `Box`).
    fn target(&self, module: &str, f: &Field) -> usize {
        match &f.kind {
            FieldKind::Element { ty, .. } | FieldKind::Lax { ty, .. } => self.ty(ty),
            FieldKind::Any(_) => ANY_ELEMENT,
            FieldKind::Group { ty, .. } => self.item(module, ty),
        }
    }

    /// The size of a field, boxed if it is large.
    fn field(&self, module: &str, f: &Field) -> usize {
        if f.occurs.is_vec() || f.boxed {
            return if f.occurs.is_vec() { 24 } else { 8 };
        }
        let size = self.target(module, f);
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
        Ty::Typed(_) => true,
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
    let mut edges: BTreeMap<(String, String), Vec<(String, String)>> = BTreeMap::new();
    for m in krate.modules.values() {
        for item in &m.items {
            let (name, fields): (&str, Vec<&Field>) = match item {
                Item::Struct(s) => (
                    &s.name,
                    match &s.body {
                        Body::Fields(f) => f.iter().collect(),
                        _ => Vec::new(),
                    },
                ),
                Item::Choice(c) => (&c.name, c.variants.iter().map(|v| &v.field).collect()),
                // Enums over global elements hold them unboxed, wrappers hold their type.
                Item::ElementEnum(e) => {
                    let targets = e.variants.iter().map(|(_, ty, _)| (m.name.clone(), ty.clone())).collect();
                    edges.insert((m.name.clone(), e.name.clone()), targets);
                    continue;
                }
                Item::Element(w) => {
                    if let Ty::Named { module, name, simple: false, .. } = &w.ty {
                        edges.insert((m.name.clone(), w.name.clone()), vec![(module.clone(), name.clone())]);
                    }
                    continue;
                }
                _ => continue,
            };
            let targets = fields
                .iter()
                .filter(|f| !f.occurs.is_vec())
                .filter_map(|f| field_target(&m.name, f))
                .collect();
            edges.insert((m.name.clone(), name.to_owned()), targets);
        }
    }
    let reaches = |from: &(String, String), to: &(String, String)| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(n) = stack.pop() {
            if &n == to {
                return true;
            }
            if seen.insert(n.clone()) {
                stack.extend(edges.get(&n).cloned().unwrap_or_default());
            }
        }
        false
    };
    for m in krate.modules.values_mut() {
        let module = m.name.clone();
        for item in &mut m.items {
            let (name, fields): (String, Vec<&mut Field>) = match item {
                Item::Struct(s) => (
                    s.name.clone(),
                    match &mut s.body {
                        Body::Fields(f) => f.iter_mut().collect(),
                        _ => Vec::new(),
                    },
                ),
                Item::Choice(c) => (c.name.clone(), c.variants.iter_mut().map(|v| &mut v.field).collect()),
                _ => continue,
            };
            let me = (module.clone(), name);
            for f in fields {
                if !f.occurs.is_vec() {
                    if let Some(target) = field_target(&module, f) {
                        f.boxed = reaches(&target, &me);
                    }
                }
            }
        }
    }
}

fn field_target(module: &str, f: &Field) -> Option<(String, String)> {
    match &f.kind {
        FieldKind::Element { ty, .. } => struct_in(ty),
        FieldKind::Group { ty, .. } => Some((module.to_owned(), ty.clone())),
        FieldKind::Lax { ty: Ty::Named { module, name, .. }, .. } => Some((module.clone(), name.clone())),
        _ => None,
    }
}

/// The struct a value of `ty` holds inline: a complex type's, also inside `xs::Nillable` or `xs::Typed`.
fn struct_in(ty: &Ty) -> Option<(String, String)> {
    match ty {
        Ty::Named { module, name, simple: false, .. } => Some((module.clone(), name.clone())),
        Ty::Nillable(inner) | Ty::Typed(inner) => struct_in(inner),
        _ => None,
    }
}
