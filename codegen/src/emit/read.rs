//! Readers: `XmlRead` for structs, and the group readers their content models call. Content is read
//! by recursive descent with one element of lookahead, deciding each particle from the element names
//! (and wildcards) that can start it.
//!
//! A reader puts each field's value either straight into `out_`, a defaulted `Self`, or, for a
//! struct without `Default`, into a local named after the field (see [`Place`]). Its own locals end
//! in `_` (`r_`, `start_`, `parent_`, `a_`, `typed_`, `out_`): a field name ends in `_` only after a
//! keyword (`type_`), so no field can shadow them.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use super::{bytes, ident, ty_tokens, Context, StdNames};
use crate::ir::{Body, Choice, Family, Field, FieldKind, Matcher, Struct};
use crate::model::NamespaceConstraint;

pub fn struct_read(s: &Struct, cx: &Context) -> TokenStream {
    let super::RuntimeNames { rt_any_attributes, rt_error, rt_start, rt_read, rt_reader, .. } = &cx.rt;
    let rt = &cx.runtime;
    let result = &cx.std.result;
    let name = ident(&s.name);
    if s.is_group {
        let Body::Fields(fields) = &s.body else {
            return quote!();
        };
        // A group's reader keeps locals: with no attributes to read first, it would often start with
        // `out_.x = …` right after `Self::default()`, which clippy flags
        // (`field_reassign_with_default`); and groups are small.
        let (reads, names) = fields_read(fields, Place::Locals, cx);
        let unused = (!uses_parent(fields)).then(|| quote!(let _ = parent_;));
        // Only the method: the module puts it in one `impl` with the writer's.
        return quote! {
            fn read_group(r_: &mut #rt_reader<'_>, parent_: &#rt_start<'_>) -> #result<Self, #rt_error> {
                #unused
                #reads
                Ok(Self { #(#names),* })
            }
        };
    }
    let place = Place::of(s);
    let mut names = Vec::new();
    let mut decls = Vec::new();
    let mut arms = Vec::new();
    let mut required = Vec::new();
    for a in &s.attributes {
        let field = ident(&a.field);
        let local = bytes(&a.name.local);
        // A required attribute is parsed into a local `Option` first, to tell a missing one.
        let target = if a.required { Place::Locals } else { place };
        // The type is left to inference: the struct names it.
        decls.push(target.slot(&field, quote!(None)));
        let slot = target.place(&field);
        let ns = match &a.name.ns {
            Some(ns) => {
                let ns = bytes(ns);
                quote!(Some(#ns))
            }
            None => quote!(None),
        };
        let parse = match &a.fixed {
            Some(fixed) => {
                let white_space = super::white_space(a.white_space, cx);
                quote!(a_.parse_fixed_into(&mut #slot, #fixed, #white_space))
            }
            None => quote!(a_.parse_into(&mut #slot)),
        };
        arms.push(quote! { (#ns, #local) => #parse, });
        if a.required {
            let xml = &a.name.local;
            required.push(place.bind(&field, quote!(r_.required_attribute(&start_, #field, #xml)?)));
        }
        names.push(field);
    }
    let any_attributes = s.any_attribute.as_ref().map(|constraint| {
        let field = ident("any_attributes");
        decls.push(place.slot(&field, quote!(#rt_any_attributes::default())));
        let any = place.place(&field);
        names.push(field);
        if *constraint == NamespaceConstraint::Any {
            return quote! { { #any.push_read(a_); Ok(()) } };
        }
        let allowed = namespace_test(constraint, quote!(a_.ns.unwrap_or_default()), cx);
        quote! { if #allowed { #any.push_read(a_); Ok(()) } else { Err(a_.unexpected()) } }
    });
    if s.typed {
        // Read through its family enum, `xsi:type` is typing, not data.
        arms.insert(0, quote! { _ if typed_ && a_.is(#rt::xs::XSI_NAMESPACE, b"type") => Ok(()), });
    }
    let rest = any_attributes.clone().unwrap_or_else(|| quote!(Err(a_.unexpected())));
    // One match on the attribute's namespace and local name: declared attributes, then the rest.
    let attributes = if arms.is_empty() && any_attributes.is_none() {
        // No closure (and its vtable) for a type that takes no attributes.
        quote! { r_.refuse_attributes(&start_)?; }
    } else if arms.is_empty() {
        quote! { r_.attributes_with(&start_, &mut |a_| #rest)?; }
    } else {
        quote! {
            r_.attributes_with(&start_, &mut |a_| match (a_.ns, a_.local) {
                #(#arms)*
                _ => #rest,
            })?;
        }
    };
    let content = match &s.body {
        Body::Simple(ty) => {
            let ty = ty_tokens(ty, cx);
            let value = ident("value");
            let read = place.bind(&value, quote!(r_.read_value::<#ty>(&start_)?));
            names.push(value);
            read
        }
        Body::Mixed => {
            let content = ident("content");
            let read = place.bind(&content, quote!(#rt::any::read_nodes(r_)?));
            names.push(content);
            read
        }
        Body::Fields(fields) => {
            let (reads, field_names) = fields_read(fields, place, cx);
            names.extend(field_names);
            let parent = uses_parent(fields).then(|| quote!(let parent_ = &start_;));
            quote! {
                #parent
                #reads
                r_.finish(&start_)?;
            }
        }
    };
    let (init, done) = (place.init(), place.done(&names));
    let body = quote! {
        #init
        #(#decls)*
        #attributes
        #(#required)*
        #content
        #done
    };
    if !s.typed {
        return quote! {
            impl #rt_read for #name {
                fn read_xml(r_: &mut #rt_reader<'_>, start_: #rt_start<'_>) -> #result<Self, #rt_error> {
                    #body
                }
            }
        };
    }
    quote! {
        impl #name {
            /// Reads the element; with `typed_`, its `xsi:type` attribute chose this type and is not kept.
            #[doc(hidden)]
            pub fn read_with(r_: &mut #rt_reader<'_>, start_: #rt_start<'_>, typed_: bool) -> #result<Self, #rt_error> {
                #body
            }
        }
        impl #rt_read for #name {
            fn read_xml(r: &mut #rt_reader<'_>, start: #rt_start<'_>) -> #result<Self, #rt_error> {
                Self::read_with(r, start, false)
            }
        }
    }
}

pub fn family_read(f: &Family, cx: &Context) -> TokenStream {
    let super::RuntimeNames { rt_any_element, rt_error, rt_start, rt_read, rt_reader, .. } = &cx.rt;
    let rt = &cx.runtime;
    let StdNames { boxed, result, .. } = &cx.std;
    let name = ident(&f.name);
    // The `xsi:type` is looked up in the family's list of types without copying it, then the variant
    // at that position is read. An explicit `xsi:type` naming the base itself is not in the list: it
    // stays in `Unknown`, whole.
    // Then the types the base blocks, whose positions come after the variants'.
    let types = super::type_names(f.variants.iter().map(|v| &v.type_name).chain(&f.blocked), cx);
    let n = proc_macro2::Literal::usize_unsuffixed(f.variants.len() + f.blocked.len());
    let blocked = (!f.blocked.is_empty()).then(|| {
        let first = proc_macro2::Literal::usize_unsuffixed(f.variants.len());
        let xml_name = &f.xml_name;
        let reason = format!("a type derived from `{xml_name}` in a way its `block` forbids");
        let rt_value_error = &cx.rt.rt_value_error;
        quote! {
            #rt::XsiTypeAmong::Listed(i) if i >= #first => {
                let error = #rt_value_error::with_reason(#xml_name, TYPES[i].1, #reason);
                Err(r.error_at(start.position(), #rt::ErrorKind::InvalidValue { name: "@xsi:type".into(), error }))
            }
        }
    });
    let arms = f.variants.iter().enumerate().map(|(i, v)| {
        let vname = ident(&v.name);
        let ty = ty_tokens(&v.ty, cx);
        let i = proc_macro2::Literal::usize_unsuffixed(i);
        quote! {
            #rt::XsiTypeAmong::Listed(#i) => r.read_variant(|r| <#ty>::read_with(r, start, true).map(#boxed::new), Self::#vname),
        }
    });
    let untyped = match &f.base {
        Some(v) => {
            let vname = ident(&v.name);
            let ty = ty_tokens(&v.ty, cx);
            quote! { r.read_variant(|r| <#ty>::read_with(r, start, false).map(#boxed::new), Self::#vname) }
        }
        None => {
            let xml_name = &f.xml_name;
            quote! { Err(r.error_at(start.position(), #rt::ErrorKind::AbstractType { name: #xml_name.into() })) }
        }
    };
    quote! {
        impl #rt_read for #name {
            fn read_xml(r: &mut #rt_reader<'_>, start: #rt_start<'_>) -> #result<Self, #rt_error> {
                const TYPES: [(&str, &str); #n] = [#(#types),*];
                match r.xsi_type_among(&start, &TYPES)? {
                    #(#arms)*
                    #blocked
                    #rt::XsiTypeAmong::Absent => #untyped,
                    _ => Ok(Self::Unknown(<#rt_any_element as #rt_read>::read_xml(r, start)?)),
                }
            }
        }
    }
}

pub fn choice_read(c: &Choice, cx: &Context) -> TokenStream {
    let super::RuntimeNames { rt_error, rt_start, rt_reader, .. } = &cx.rt;
    let result = &cx.std.result;
    let mut parent_used = false;
    let arms: Vec<TokenStream> = c
        .variants
        .iter()
        .map(|v| {
            let vname = ident(&v.name);
            let f = &v.field;
            let field = ident(&f.field);
            // An alternative that is one element: read it if it is next.
            if let (FieldKind::Element { name: q, ty, .. }, true) =
                (&f.kind, is_one(f) && super::element::has_helpers(f))
            {
                let (ns, local) = (cx.ns(q.ns.as_deref()), &q.local);
                let m =
                    if ty.is_simple() { quote!(optional_value_element) } else { quote!(optional_element) };
                return quote! {
                    if let Some(#field) = r_.#m(#ns, #local)? {
                        return Ok(Self::#vname(#field));
                    }
                };
            }
            parent_used |= uses_parent(std::slice::from_ref(f));
            let pred = predicate(&v.first, cx);
            let (read, _) = fields_read(std::slice::from_ref(f), Place::Locals, cx);
            quote! {
                if r_.peek_with(#pred)? {
                    #read
                    return Ok(Self::#vname(#field));
                }
            }
        })
        .collect();
    let fallback = match c.variants.iter().find(|v| v.nullable) {
        Some(v) => {
            parent_used |= uses_parent(std::slice::from_ref(&v.field));
            let vname = ident(&v.name);
            let (read, _) = fields_read(std::slice::from_ref(&v.field), Place::Locals, cx);
            let field = ident(&v.field.field);
            quote! { #read Ok(Self::#vname(#field)) }
        }
        None => {
            parent_used = true;
            let expected = expected_text(c.variants.iter().flat_map(|v| v.first.iter()));
            quote! { Err(r_.missing(parent_, #expected)) }
        }
    };
    let unused = (!parent_used).then(|| quote!(let _ = parent_;));
    // Only the method: the module puts it in one `impl` with the writer's.
    quote! {
        fn read_group(r_: &mut #rt_reader<'_>, parent_: &#rt_start<'_>) -> #result<Self, #rt_error> {
            #unused
            #(#arms)*
            #fallback
        }
    }
}

/// A closure `|ns, local| …` accepting the given matchers.
fn predicate(matchers: &[Matcher], cx: &Context) -> TokenStream {
    let body = match_expr(matchers, cx);
    // Parameters the test does not look at are `_` (no unused-variable warnings, fewer tokens).
    let uses_local = matchers.iter().any(|m| matches!(m, Matcher::Name(_)));
    let uses_ns = uses_local
        || matchers.iter().any(|m| match m {
            Matcher::Wildcard(NamespaceConstraint::Only(list) | NamespaceConstraint::Not(list)) => {
                !list.is_empty()
            }
            _ => false,
        });
    let ns = if uses_ns { quote!(ns) } else { quote!(_) };
    let local = if uses_local { quote!(local) } else { quote!(_) };
    quote! { |#ns, #local| #body }
}

fn match_expr(matchers: &[Matcher], cx: &Context) -> TokenStream {
    if matchers.is_empty() {
        return quote!(false);
    }
    // Names are grouped by namespace: `matches!(local, b"a" | b"b") && ns == N`; local names first,
    // since they are short and differ early where namespace URIs share long prefixes.
    let mut by_ns: Vec<(Option<&str>, Vec<&str>)> = Vec::new();
    let mut wildcards = Vec::new();
    for m in matchers {
        match m {
            Matcher::Name(q) => match by_ns.iter_mut().find(|(ns, _)| *ns == q.ns.as_deref()) {
                Some((_, locals)) => locals.push(&q.local),
                None => by_ns.push((q.ns.as_deref(), vec![&q.local])),
            },
            Matcher::Wildcard(c) => wildcards.push(namespace_test(c, quote!(ns), cx)),
        }
    }
    let names = by_ns.iter().map(|(ns, locals)| {
        let ns = cx.namespaces.bytes(*ns);
        let locals: Vec<_> = locals.iter().map(|l| bytes(l)).collect();
        if locals.len() == 1 {
            let l = &locals[0];
            quote!(local == #l && ns == #ns)
        } else {
            quote!(matches!(local, #(#locals)|*) && ns == #ns)
        }
    });
    let tests: Vec<TokenStream> = names.chain(wildcards).collect();
    if tests.len() == 1 {
        return tests.into_iter().next().unwrap_or_default();
    }
    quote! { #((#tests))||* }
}

/// Whether namespace `ns` (bytes, empty for none) is allowed by a wildcard's constraint.
fn namespace_test(c: &NamespaceConstraint, ns: TokenStream, cx: &Context) -> TokenStream {
    let one = |n: &Option<String>| match n {
        Some(n) => {
            let b = cx.namespaces.bytes(Some(n));
            quote!(#ns == #b)
        }
        None => quote!(#ns.is_empty()),
    };
    match c {
        NamespaceConstraint::Any => quote!(true),
        NamespaceConstraint::Only(list) if list.is_empty() => quote!(false),
        NamespaceConstraint::Only(list) => {
            let tests = list.iter().map(one);
            quote!(#(#tests)||*)
        }
        NamespaceConstraint::Not(list) if list.is_empty() => quote!(true),
        NamespaceConstraint::Not(list) => {
            let tests = list.iter().map(one);
            quote!(!(#(#tests)||*))
        }
    }
}

fn expected_text<'a>(matchers: impl Iterator<Item = &'a Matcher>) -> String {
    let names: Vec<String> = matchers
        .map(|m| match m {
            Matcher::Name(q) => q.local.clone(),
            Matcher::Wildcard(_) => "an element matched by a wildcard".to_owned(),
        })
        .collect();
    match names.len() {
        1 => names[0].clone(),
        _ => format!("one of {}", names.join(", ")),
    }
}

/// Statements reading `fields` in order into their places (locals named after them, or `out_`'s
/// fields); `r_` and `parent_` in scope. Element types are left to inference: the struct or variant
/// the values fill names them.
fn fields_read(fields: &[Field], place: Place, cx: &Context) -> (TokenStream, Vec<proc_macro2::Ident>) {
    let mut out = Vec::new();
    let mut names = Vec::new();
    for f in fields {
        let name = ident(&f.field);
        out.push(
            named_element_read(f, &name, place, cx).unwrap_or_else(|| particle_read(f, &name, place, cx)),
        );
        names.push(name);
    }
    (quote! { #(#out)* }, names)
}

/// Where a struct's reader puts the value of each field.
///
/// `Out`, for a struct that derives `Default` (not a group): into the fields of `out_`, a defaulted
/// `Self`, which is returned whole. That is much less code than `Locals`: on an error or a panic
/// only `out_` is dropped, where each local read so far would be dropped in turn (a drop, a test and
/// an unwind edge per field), and nothing is moved into `Self { … }` at the end (on Factur-X, 40 %
/// less optimised LLVM IR in the readers). `Locals`, for the others, whose fields have no value to
/// start from: a local per field, named after it.
#[derive(Clone, Copy)]
enum Place {
    Locals,
    Out,
}

impl Place {
    /// The place for the fields of `s`, which is not a group.
    fn of(s: &Struct) -> Self {
        let (content, boxed) = match &s.body {
            Body::Fields(fields) => (!fields.is_empty(), fields.iter().any(|f| f.boxed && is_one(f))),
            Body::Simple(_) | Body::Mixed => (true, false),
        };
        let fields = content || !s.attributes.is_empty() || s.any_attribute.is_some();
        // A required boxed field would allocate its default only to drop it.
        if s.derive_default && fields && !boxed {
            Place::Out
        } else {
            Place::Locals
        }
    }

    /// The field's value: `name` or `out_.name`.
    fn place(self, name: &proc_macro2::Ident) -> TokenStream {
        match self {
            Place::Locals => quote!(#name),
            Place::Out => quote!(out_.#name),
        }
    }

    /// Stores `value` as the field's: `let name = value;` or `out_.name = value;`.
    fn bind(self, name: &proc_macro2::Ident, value: TokenStream) -> TokenStream {
        match self {
            Place::Locals => quote! { let #name = #value; },
            Place::Out => quote! { out_.#name = #value; },
        }
    }

    /// As [`Place::bind`], for a value changed afterwards.
    fn bind_mut(self, name: &proc_macro2::Ident, value: TokenStream) -> TokenStream {
        match self {
            Place::Locals => quote! { let mut #name = #value; },
            Place::Out => quote! { out_.#name = #value; },
        }
    }

    /// Declares the field's local with the value it starts from (`None`, an empty `Vec`); `out_`'s
    /// fields start from their defaults, which are those.
    fn slot(self, name: &proc_macro2::Ident, empty: TokenStream) -> TokenStream {
        match self {
            Place::Locals => quote! { let mut #name = #empty; },
            Place::Out => quote!(),
        }
    }

    fn init(self) -> TokenStream {
        match self {
            Place::Locals => quote!(),
            Place::Out => quote! { let mut out_ = Self::default(); },
        }
    }

    /// The reader's last expression.
    fn done(self, names: &[proc_macro2::Ident]) -> TokenStream {
        match self {
            Place::Locals => quote! { Ok(Self { #(#names),* }) },
            Place::Out => quote! { Ok(out_) },
        }
    }
}

/// Whether field `f` occurs exactly once.
fn is_one(f: &Field) -> bool {
    !f.occurs.is_vec() && !f.occurs.is_option()
}

/// Whether reading `fields` needs the parent's start tag: for the position of a missing element's
/// error, and to hand to group readers.
fn uses_parent(fields: &[Field]) -> bool {
    fields.iter().any(|f| {
        let unbounded = f.occurs.max.is_none() || !super::element::has_helpers(f);
        matches!(f.kind, FieldKind::Group { .. })
            || (!f.occurs.is_vec() && !f.occurs.is_option())
            || (f.occurs.is_vec() && (f.occurs.min > 0 || !unbounded))
    })
}

/// The statement reading a field that is a named element, through the runtime's helpers for one,
/// an optional and a repeated element (`None` for elements those do not read: nillable ones, and
/// boxed simple values).
fn named_element_read(
    f: &Field,
    name: &proc_macro2::Ident,
    place: Place,
    cx: &Context,
) -> Option<TokenStream> {
    let FieldKind::Element { name: q, ty, .. } = &f.kind else { return None };
    if !super::element::has_helpers(f) {
        return None;
    }
    let simple = ty.is_simple();
    let (ns, local) = (cx.ns(q.ns.as_deref()), &q.local);
    let (min, max) = (usize_literal(f.occurs.min), occurs_max(f));
    // Optional and unbounded fields are read into their place (see `optional_element_into`).
    let slot = place.place(name);
    let call = match (f.occurs.is_vec(), f.occurs.is_option()) {
        (true, _) if f.occurs.min == 0 && f.occurs.max.is_none() => {
            let m = if simple { quote!(value_elements_into) } else { quote!(elements_into) };
            let vec = &cx.std.vec;
            let decl = place.slot(name, quote!(#vec::new()));
            return Some(quote! {
                #decl
                r_.#m(&mut #slot, #ns, #local)?;
            });
        }
        (true, _) => {
            let m = if simple { quote!(value_elements_within) } else { quote!(elements_within) };
            quote!(r_.#m(parent_, #ns, #local, #min, #max))
        }
        (false, true) => {
            let m = if simple { quote!(optional_value_element_into) } else { quote!(optional_element_into) };
            // Bare `None`, as for attributes: no generated item takes a name of the prelude's values
            // (`naming::shadows_prelude`).
            let decl = place.slot(name, quote!(None));
            return Some(quote! {
                #decl
                r_.#m(&mut #slot, #ns, #local)?;
            });
        }
        (false, false) => {
            let m = if simple { quote!(value_element) } else { quote!(element) };
            quote!(r_.#m(parent_, #ns, #local))
        }
    };
    Some(place.bind(name, quote!(#call?)))
}

/// The statements reading any other particle: a test for the elements that can start it and a
/// closure reading one occurrence, handed to the runtime's helpers.
fn particle_read(f: &Field, name: &proc_macro2::Ident, place: Place, cx: &Context) -> TokenStream {
    let super::RuntimeNames { rt_reader, .. } = &cx.rt;
    let boxed = &cx.std.boxed;
    // One group read: the group reports what it misses itself.
    let group = match &f.kind {
        FieldKind::Group { ty, .. } => {
            let t = cx.type_ident(*ty);
            Some(if f.boxed {
                quote!(#boxed::new(#t::read_group(r_, parent_)?))
            } else {
                quote!(#t::read_group(r_, parent_)?)
            })
        }
        _ => None,
    };
    let (pred, read_one, label) = match &f.kind {
        FieldKind::Element { name: q, ty, refused } => {
            let read = super::element::read(ty, quote!(s), cx);
            let read = if f.boxed { quote!(#boxed::new(#read)) } else { read };
            let read = super::as_result(read);
            let refuse = super::element::refuse(refused.as_ref(), quote!(s), cx);
            let read = quote!(|r| { let s = r.take()?; #refuse #read });
            (predicate(&[Matcher::Name(q.clone())], cx), read, q.local.clone())
        }
        FieldKind::Lax { constraint: c, .. } | FieldKind::Any(c) => (
            predicate(&[Matcher::Wildcard(c.clone())], cx),
            quote!(#rt_reader::child),
            "an element matched by a wildcard".to_owned(),
        ),
        FieldKind::Group { ty, first, .. } => {
            let t = cx.type_ident(*ty);
            let read = if f.boxed {
                quote!(|r| #t::read_group(r, parent_).map(#boxed::new))
            } else {
                quote!(|r| #t::read_group(r, parent_))
            };
            (predicate(first, cx), read, expected_text(first.iter()))
        }
    };
    let value = place.place(name);
    if f.occurs.is_vec() {
        let (min, max) = (usize_literal(f.occurs.min), occurs_max(f));
        let read = quote! { r_.repeated_with(#max, #pred, #read_one)? };
        let all = all_checks(f, &value, cx);
        match &f.kind {
            _ if f.occurs.min == 0 => {
                let bind = place.bind(name, read);
                quote! { #bind #all }
            }
            // A group that may be empty fills its minimum without looking ahead.
            FieldKind::Group { nullable: true, .. } => {
                let bind = place.bind_mut(name, read);
                quote! {
                    #bind
                    while #value.len() < #min { #value.push(#group); }
                    #all
                }
            }
            // Repetitions of varying length were read as few as can hold the elements; XSD may
            // split them into more, as many as the minimum asks. One is all that is certain.
            FieldKind::Group { fixed_length: false, .. } if f.occurs.min > 1 => {
                let bind = place.bind(name, read);
                quote! {
                    #bind
                    r_.at_least(parent_, #label, 1, #value.len())?;
                    #all
                }
            }
            // Repetitions of a group are no elements: they are counted as what they are.
            FieldKind::Group { .. } if f.occurs.min > 1 => {
                let bind = place.bind(name, read);
                quote! {
                    #bind
                    r_.at_least_repetitions(parent_, #label, #min, #value.len())?;
                    #all
                }
            }
            _ => {
                let bind = place.bind(name, read);
                quote! {
                    #bind
                    r_.at_least(parent_, #label, #min, #value.len())?;
                    #all
                }
            }
        }
    } else if f.occurs.is_option() {
        place.bind(name, quote!(r_.optional_with(#pred, #read_one)?))
    } else if let Some(read) = group {
        place.bind(name, read)
    } else {
        place.bind(name, quote!(r_.required_with(parent_, #label, #pred, #read_one)?))
    }
}

/// A particle's upper bound as a helper's `max` argument.
fn occurs_max(f: &Field) -> TokenStream {
    f.occurs.max.map_or(quote!(usize::MAX), |m| usize_literal(m).into_token_stream())
}

/// An unsuffixed `usize` literal (the helpers' parameters give it its type).
fn usize_literal(n: usize) -> proc_macro2::Literal {
    proc_macro2::Literal::usize_unsuffixed(n)
}

/// For an `xs:all` list: each element occurs within its own bounds.
fn all_checks(f: &Field, list: &TokenStream, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let FieldKind::Group { ty, all, .. } = &f.kind else { return quote!() };
    let t = cx.type_ident(*ty);
    let checks = all.iter().map(|b| {
        let (v, element, min, max) = (ident(&b.variant), &b.element, b.min, b.max);
        // An optional `xs:all` is none of its elements or all the required ones.
        let too_few = match (min > 0, f.occurs.min == 0) {
            (false, _) => None,
            (true, false) => Some(quote! { n < #min }),
            (true, true) => Some(quote! { n < #min && !#list.is_empty() }),
        };
        let too_few = too_few.map(|too_few| {
            quote! {
                if #too_few {
                    return Err(r_.missing(parent_, #element));
                }
            }
        });
        let message = format!("{element} at most {max} time(s) in its xs:all group");
        quote! {{
            let n = #list.iter().filter(|x| matches!(x, #t::#v(..))).count();
            #too_few
            if n > #max {
                return Err(r_.error_at(parent_.position(), #rt::ErrorKind::UnexpectedElement {
                    found: #element.into(),
                    expected: #message.into(),
                }));
            }
        }}
    });
    quote! { #(#checks)* }
}

pub fn element_enum_read(e: &crate::ir::ElementEnum, cx: &Context) -> TokenStream {
    let super::RuntimeNames { rt_error, rt_start, rt_read, rt_reader, .. } = &cx.rt;
    let result = &cx.std.result;
    let name = ident(&e.name);
    let reads = e.variants.iter().map(|(v, ty, _)| {
        let v = ident(v);
        let t = cx.type_ident(*ty);
        quote! {
            if r.is_element::<#t>(&start) {
                return r.element_variant(start, Self::#v);
            }
        }
    });
    quote! {
        impl #rt_read for #name {
            fn read_xml(r: &mut #rt_reader<'_>, start: #rt_start<'_>) -> #result<Self, #rt_error> {
                #(#reads)*
                Ok(Self::Other(#rt_read::read_xml(r, start)?))
            }
        }
    }
}
