//! `XmlArbitrary` impls (behind the generated crate's `arbitrary` feature): values that respect the
//! schema, so that writing one and reading it back gives it again. Wildcards get content only where
//! the schema requires it; mixed content gets text only.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{ident, ty_tokens, Context};
use crate::ir::{
    Body, Builtin, Choice, ElementEnum, ElementWrapper, FacetCheck, Family, Field, FieldKind, RefusedTypes,
    Restricted, Struct, Ty, ValueEnum,
};
use crate::model::{trim_xml, NamespaceConstraint};

fn support(cx: &Context) -> TokenStream {
    if let Some(alias) = &cx.arbitrary_support {
        return alias.clone();
    }
    let rt = &cx.runtime;
    quote!(#rt::arbitrary_support)
}

/// The `XmlArbitrary` impls (and their helpers) of one file, compiled only with the generated
/// crate's `arbitrary` feature: one anonymous `const` block, so that the feature is tested once and
/// the block can import the support module for its impls alone.
pub fn feature_block(items: TokenStream, cx: &Context) -> TokenStream {
    if items.is_empty() {
        return quote!();
    }
    let import = cx.arbitrary_support.as_ref().map(|alias| {
        let rt = &cx.runtime;
        let names = cx.arbitrary_names_imported.then(|| quote!(use #alias::{Unstructured, XmlArbitrary};));
        quote! { use #rt::arbitrary_support as #alias; #names }
    });
    quote! {
        #[cfg(feature = "arbitrary")]
        const _: () = {
            #import
            #items
        };
    }
}

/// `impl XmlArbitrary for #name { #body }`, then `extra`.
fn wrap(name: TokenStream, body: TokenStream, extra: TokenStream, cx: &Context) -> TokenStream {
    let a = support(cx);
    let (arbitrary, input) = if cx.arbitrary_names_imported {
        (quote!(XmlArbitrary), quote!(Unstructured))
    } else {
        (quote!(#a::XmlArbitrary), quote!(#a::Unstructured))
    };
    quote! {
        impl<'a> #arbitrary<'a> for #name {
            fn xml_arbitrary(u: &mut #input<'a>) -> #a::Result<Self> {
                #body
            }
        }
        #extra
    }
}

/// An expression making a value of `ty` when its values are lists (through aliases too): item by
/// item, each one a single token that reads back the same, so that the list does.
fn list_value(ty: &Ty, cx: &Context) -> Option<TokenStream> {
    let a = support(cx);
    let items = match ty {
        Ty::List(_) => None,
        Ty::Builtin(Builtin { list_item: Some(item), .. }) => Some(*item),
        Ty::Named { id, .. } => cx.types[id.index()].list?,
        _ => return None,
    };
    Some(match items {
        Some(item) => quote!(#a::name_list(u, #item)?),
        None => quote!(#a::list(u)?),
    })
}

/// An expression making one value of `ty`.
fn value(ty: &Ty, cx: &Context) -> TokenStream {
    let a = support(cx);
    if let Some(list) = list_value(ty, cx) {
        return list;
    }
    match ty {
        // String types that are not any text: only valid values.
        Ty::Builtin(Builtin { narrower_string: Some(xsd), .. }) => quote!(#a::builtin_string(u, #xsd)?),
        // A type with simple or mixed content: its reader gives an empty element the declared text.
        Ty::Defaulted { ty: inner, value, fixed, .. } if !inner.is_simple() => {
            quote!(#a::defaulted_content(u, #value, #fixed)?)
        }
        // A fixed value is the only one the element may hold.
        Ty::Defaulted { value, fixed: true, .. } => quote!(#a::fixed(#value)?),
        Ty::Defaulted { value, fixed: false, .. } => quote!(#a::defaulted(u, #value)?),
        // Nil, or a value made as the inner type's own (a default or a fixed one).
        Ty::Nillable(inner) if has_own_maker(inner, cx) => {
            let value = super::as_result(value(inner, cx));
            quote!(#a::nillable(u, |u| #value)?)
        }
        // No `xsi:type`, or the declared type's name: the only one every schema allows.
        Ty::Typed(inner, name) => {
            let rt = &cx.runtime;
            let value = value(inner, cx);
            let ns = match &name.ns {
                Some(ns) => quote!(Some(#ns)),
                None => quote!(None),
            };
            let local = &name.local;
            quote!(#rt::xs::Typed { xsi_type: #a::declared_type(u, #ns, #local)?, value: #value })
        }
        // The field or variant the value fills names its type.
        _ => quote!(#a::value(u)?),
    }
}

/// Whether `value` makes a `ty` otherwise than through its `XmlArbitrary` impl, from what only the
/// schema knows (a default or fixed value, a narrower string type, list items, the declared type).
fn has_own_maker(ty: &Ty, cx: &Context) -> bool {
    match ty {
        Ty::Builtin(Builtin { narrower_string: Some(_), .. }) | Ty::Defaulted { .. } | Ty::Typed(..) => true,
        Ty::Nillable(inner) => has_own_maker(inner, cx),
        _ => list_value(ty, cx).is_some(),
    }
}

/// A value of a family `ty` (or a nillable one) whose `xsi:type` names none of the types the element
/// declaration refuses.
fn refusing(ty: &Ty, refused: &RefusedTypes, cx: &Context) -> TokenStream {
    let a = support(cx);
    let types = super::type_names(&refused.types, cx);
    let made = value(ty, cx);
    let family = match ty {
        Ty::Nillable(_) => quote!(v.value()),
        Ty::Defaulted { .. } => quote!(Some(v.get())),
        _ => quote!(Some(&v)),
    };
    quote!({
        let v = #made;
        #a::typed_as_none_of(#family, &[#(#types),*])?;
        v
    })
}

/// A namespace a wildcard accepts, for content it requires.
fn allowed_namespace(c: &NamespaceConstraint, cx: &Context) -> TokenStream {
    match c {
        NamespaceConstraint::Only(list) => match list.first() {
            Some(Some(ns)) => {
                let ns = cx.ns(Some(ns));
                quote!(Some(#ns))
            }
            _ => quote!(None),
        },
        _ => quote!(Some("urn:example:arbitrary")),
    }
}

/// An expression making the value of one occurrence of field `f`.
fn one(f: &Field, cx: &Context) -> TokenStream {
    let a = support(cx);
    let v = match &f.kind {
        FieldKind::Element { name, ty: Ty::AnyElement, .. } => any_element_named(name, cx),
        FieldKind::Element { ty, refused: Some(refused), .. } => refusing(ty, refused, cx),
        FieldKind::Element { ty, .. } => value(ty, cx),
        FieldKind::Any(c) => {
            let ns = allowed_namespace(c, cx);
            quote!(#a::any_element(u, #ns)?)
        }
        FieldKind::Lax { constraint, ty } => {
            let ns = allowed_namespace(constraint, cx);
            let t = ty_tokens(ty, cx);
            let other = if matches!(ty, Ty::KnownElement(_)) { quote!(Unknown) } else { quote!(Other) };
            quote!(#t::#other(#a::any_element(u, #ns)?))
        }
        FieldKind::Group { .. } => quote!(#a::value(u)?),
    };
    if f.boxed {
        let boxed = &cx.std.boxed;
        quote!(#boxed::new(#v))
    } else {
        v
    }
}

/// For an `xs:all` list in `v`: drops items past an element's maximum, and gives up when a required
/// element is missing (the value would not read back).
fn all_bounds(f: &Field, cx: &Context) -> TokenStream {
    let a = support(cx);
    let FieldKind::Group { ty, all, .. } = &f.kind else { return quote!() };
    if all.is_empty() {
        return quote!();
    }
    let t = cx.type_ident(*ty);
    let bounds = all.iter().map(|b| {
        let (v, min, max) = (ident(&b.variant), b.min, b.max);
        // `seen` counts past the maximum; what is kept is at most `max`.
        // An optional `xs:all` may be empty; otherwise it holds every required element.
        let empty_ok = (f.occurs.min == 0).then(|| quote!(&&!v.is_empty()));
        let required = (min > 0).then(|| {
            quote! {
                if seen.min(#max) < #min #empty_ok {
                    return Err(#a::Error::IncorrectFormat);
                }
            }
        });
        quote! {
            let mut seen = 0usize;
            v.retain(|x| !matches!(x, #t::#v(..)) || { seen += 1; seen <= #max });
            #required
        }
    });
    quote! { #(#bounds)* }
}

/// An expression making field `f`'s whole value (with its occurrences).
fn field(f: &Field, cx: &Context) -> TokenStream {
    let a = support(cx);
    let min = f.occurs.min;
    let wildcard = matches!(f.kind, FieldKind::Any(_) | FieldKind::Lax { .. });
    let group = matches!(f.kind, FieldKind::Group { .. });
    if let Some(helper) = field_helper(f, cx) {
        return helper;
    }
    // Wildcards get only the content the schema requires.
    if wildcard && f.occurs.is_vec() && min == 0 {
        let vec = &cx.std.vec;
        return quote!(#vec::new());
    }
    if wildcard && f.occurs.is_option() {
        return quote!(None);
    }
    // Made only when used: it may name a namespace constant, which is then defined.
    let item = one(f, cx);
    // A group's type is stated: its `is_empty` is called before anything else fixes the type.
    let bind = if group {
        let item_type = super::types::item_type(f, cx);
        quote!(let item: #item_type = #item;)
    } else {
        quote!(let item = #item;)
    };
    if f.occurs.is_vec() {
        let max = match f.occurs.max {
            Some(m) => quote!(Some(#m)),
            None => quote!(None),
        };
        // Wildcards get only the content the schema requires; an empty group would vanish on output.
        let n = if wildcard { quote!(#min) } else { quote!(#a::count(u, #min, #max)?) };
        let keep = match (group, min) {
            (true, 0) => quote!(if !item.is_empty() {
                v.push(item);
            }),
            (true, 1) => quote!(if !item.is_empty() || v.is_empty() {
                v.push(item);
            }),
            (true, _) => quote!(if !item.is_empty() || v.len() < #min { v.push(item); }),
            (false, _) => quote!(v.push(item);),
        };
        let all = all_bounds(f, cx);
        let vec = &cx.std.vec;
        quote! {{
            let n = #n;
            let mut v = #vec::with_capacity(n);
            for _ in 0..n {
                #bind
                #keep
            }
            #all
            v
        }}
    } else if f.occurs.is_option() {
        if group {
            quote! {{
                #bind
                if item.is_empty() { None } else { Some(item) }
            }}
        } else {
            quote!(if u.arbitrary::<bool>()? { Some(#item) } else { None })
        }
    } else {
        item
    }
}

/// Field `f`'s whole value through the runtime's helpers for optional and repeated values and groups,
/// where they make it (`None` for wildcards, lists, elements kept whole or refusing some `xsi:type`s,
/// boxed groups and `xs:all`).
fn field_helper(f: &Field, cx: &Context) -> Option<TokenStream> {
    let a = support(cx);
    let (min, max) = (Literal::usize_unsuffixed(f.occurs.min), f.occurs.max.map(Literal::usize_unsuffixed));
    let max = match max {
        Some(m) => quote!(Some(#m)),
        None => quote!(None),
    };
    let single = !f.occurs.is_vec() && !f.occurs.is_option();
    match &f.kind {
        FieldKind::Element { ty: Ty::Builtin(Builtin { narrower_string: Some(xsd), .. }), .. }
            if f.occurs.is_option() =>
        {
            Some(quote!(#a::optional_builtin_string(u, #xsd)?))
        }
        FieldKind::Element { ty, refused, .. }
            if single || *ty == Ty::AnyElement || has_own_maker(ty, cx) || refused.is_some() =>
        {
            None
        }
        FieldKind::Element { .. } if f.occurs.is_option() => Some(quote!(#a::optional(u)?)),
        FieldKind::Element { .. } => Some(quote!(#a::repeated(u, #min, #max)?)),
        FieldKind::Group { ty, all, .. } if !single && !f.boxed && all.is_empty() => {
            let t = cx.type_ident(*ty);
            Some(if f.occurs.is_option() {
                quote!(#a::optional_group(u, #t::is_empty)?)
            } else {
                quote!(#a::groups(u, #min, #max, #t::is_empty)?)
            })
        }
        _ => None,
    }
}

/// `is_empty` for group types: whether the value writes nothing (and so cannot be read back).
/// `None` when it never is (a required element always writes something).
fn is_empty_fields(fields: &[Field], place: impl Fn(&Field) -> TokenStream) -> Option<TokenStream> {
    let mut tests = Vec::new();
    for f in fields {
        let p = place(f);
        tests.push(if f.occurs.is_vec() {
            if matches!(f.kind, FieldKind::Group { .. }) {
                quote!(#p.iter().all(|g| g.is_empty()))
            } else {
                quote!(#p.is_empty())
            }
        } else if f.occurs.is_option() {
            quote!(#p.is_none())
        } else if matches!(f.kind, FieldKind::Group { .. }) {
            quote!(#p.is_empty())
        } else {
            return None;
        });
    }
    Some(if tests.is_empty() { quote!(true) } else { quote!(#(#tests)&&*) })
}

pub fn struct_arbitrary(s: &Struct, cx: &Context) -> TokenStream {
    let a = support(cx);
    let name = ident(&s.name);
    let mut inits = Vec::new();
    for attr in &s.attributes {
        let f = ident(&attr.field);
        // A fixed value is the only one the attribute may hold.
        let fixed = attr.fixed.as_ref().map(|text| quote!(#a::fixed_value(#text)?));
        let v = fixed.clone().unwrap_or_else(|| value(&attr.ty, cx));
        inits.push(if attr.required {
            quote!(#f: #v)
        } else {
            match attr.ty {
                _ if fixed.is_some() => quote!(#f: if u.arbitrary::<bool>()? { Some(#v) } else { None }),
                Ty::Builtin(Builtin { narrower_string: Some(xsd), .. }) => {
                    quote!(#f: #a::optional_builtin_string(u, #xsd)?)
                }
                _ if list_value(&attr.ty, cx).is_some() => {
                    quote!(#f: if u.arbitrary::<bool>()? { Some(#v) } else { None })
                }
                _ => quote!(#f: #a::optional(u)?),
            }
        });
    }
    if s.any_attribute.is_some() {
        let default = &cx.std.default;
        inits.push(quote!(any_attributes: #default::default()));
    }
    let mut extra = quote!();
    match &s.body {
        Body::Simple(ty) => {
            let v = value(ty, cx);
            inits.push(quote!(value: #v));
        }
        Body::Mixed => inits.push(quote!(content: #a::mixed(u)?)),
        Body::Fields(fields) => {
            for f in fields {
                let n = ident(&f.field);
                let v = field(f, cx);
                inits.push(quote!(#n: #v));
            }
            if s.is_group {
                let empty = is_empty_fields(fields, |f| {
                    let n = ident(&f.field);
                    quote!(self.#n)
                })
                .unwrap_or_else(|| quote!(false));
                extra = quote! {
                    impl #name {
                        fn is_empty(&self) -> bool {
                            #empty
                        }
                    }
                };
            }
        }
    }
    // Wildcards that need no content and attribute wildcards take nothing from the input.
    let takes_input = !s.attributes.is_empty()
        || match &s.body {
            Body::Simple(_) | Body::Mixed => true,
            Body::Fields(fields) => fields.iter().any(|f| {
                let optional = f.occurs.is_option() || (f.occurs.is_vec() && f.occurs.min == 0);
                !(optional && matches!(f.kind, FieldKind::Any(_) | FieldKind::Lax { .. }))
            }),
        };
    let unused = (!takes_input).then(|| quote!(let _ = &u;));
    let body = quote! {
        let _depth = #a::enter()?;
        #unused
        Ok(Self { #(#inits),* })
    };
    wrap(quote!(#name), body, extra, cx)
}

pub fn choice_arbitrary(c: &Choice, cx: &Context) -> TokenStream {
    let a = support(cx);
    let name = ident(&c.name);
    let count = Literal::usize_unsuffixed(c.variants.len());
    let arms = c.variants.iter().enumerate().map(|(i, v)| {
        let i = Literal::usize_unsuffixed(i);
        let vname = ident(&v.name);
        let value = field(&v.field, cx);
        quote!(#i => Self::#vname(#value),)
    });
    let empties = c.variants.iter().map(|v| {
        let vname = ident(&v.name);
        match is_empty_fields(std::slice::from_ref(&v.field), |_| quote!(x)) {
            Some(test) => quote!(Self::#vname(x) => #test,),
            None => quote!(Self::#vname(_) => false,),
        }
    });
    let body = quote! {
        let _depth = #a::enter()?;
        let value = match u.choose_index(#count)? {
            #(#arms)*
            _ => return Err(#a::Error::IncorrectFormat),
        };
        // An alternative that writes nothing reads back as whichever alternative may be empty first.
        if value.is_empty() {
            return Err(#a::Error::IncorrectFormat);
        }
        Ok(value)
    };
    let empty_body =
        if c.variants.is_empty() { quote!(match *self {}) } else { quote!(match self { #(#empties)* }) };
    let extra = quote! {
        impl #name {
            fn is_empty(&self) -> bool {
                #empty_body
            }
        }
    };
    wrap(quote!(#name), body, extra, cx)
}

pub fn value_enum_arbitrary(e: &ValueEnum, cx: &Context) -> TokenStream {
    let a = support(cx);
    let name = ident(&e.name);
    let lexicals: Vec<&str> = e.values.iter().map(|(_, l, _)| l.as_str()).collect();
    let mut arms = Vec::new();
    for (v, _, _) in &e.values {
        let v = ident(v);
        arms.push(quote!(Self::#v));
    }
    for (v, ty) in &e.members {
        let v = ident(v);
        let value = value(ty, cx);
        arms.push(quote!(Self::#v(#value)));
    }
    if e.members.is_empty() && !arms.is_empty() {
        let body = match &e.other {
            None => quote!(#a::one_of(u, &[#(#arms),*])),
            Some(o) => {
                let o = ident(o);
                quote!(#a::one_of_or_other(u, &[#(#arms),*], Self::#o))
            }
        };
        return wrap(quote!(#name), body, quote!(), cx);
    }
    if let Some(o) = &e.other {
        let o = ident(o);
        arms.push(quote!(Self::#o(#a::other_token(u, &[#(#lexicals),*])?)));
    }
    let count = Literal::usize_unsuffixed(arms.len());
    let arms = arms.iter().enumerate().map(|(i, make)| {
        let i = Literal::usize_unsuffixed(i);
        quote!(#i => #make,)
    });
    let body = quote! {
        let value = match u.choose_index(#count)? {
            #(#arms)*
            _ => return Err(#a::Error::IncorrectFormat),
        };
        #a::stable(value)
    };
    wrap(quote!(#name), body, quote!(), cx)
}

pub fn restricted_arbitrary(r: &Restricted, cx: &Context) -> TokenStream {
    let a = support(cx);
    let name = ident(&r.name);
    // Lengths for strings and numeric ranges for primitives are generated inside the facets; anything
    // else is generated freely and kept if the facets accept it.
    let (mut min_len, mut max_len) = (None, None);
    for c in &r.checks {
        match c {
            FacetCheck::Length(n) => (min_len, max_len) = (Some(*n), Some(*n)),
            FacetCheck::MinLength(n) => min_len = Some(*n),
            FacetCheck::MaxLength(n) => max_len = Some(*n),
            _ => {}
        }
    }
    let is_string = matches!(&r.ty, Ty::Builtin(b) if b.accepts_any_text);
    // A string or name type whose values are not any text: its XSD name.
    let narrower = match &r.ty {
        Ty::Builtin(Builtin { narrower_string: Some(xsd), .. } | Builtin { name_type: Some(xsd), .. }) => {
            Some(*xsd)
        }
        _ => None,
    };
    // A pattern's text is made from the pattern (the first, the most derived step's; parsing the
    // text checks the others and every other facet).
    let pattern = r.checks.iter().find_map(|c| match c {
        FacetCheck::Pattern { regex: Some(regex), .. } => Some(regex),
        _ => None,
    });
    if let Some(regex) = pattern {
        let rt_value = &cx.rt.rt_value;
        let regex = super::types::raw_string(regex);
        let body = quote! {
            for _ in 0..8 {
                let text = #a::pattern_text(u, #regex)?;
                if let Ok(value) = <Self as #rt_value>::parse_xml(&text) {
                    return Ok(value);
                }
            }
            Err(#a::Error::IncorrectFormat)
        };
        return wrap(quote!(#name), body, quote!(), cx);
    }
    let range = integer_range(r);
    let (mut total_digits, mut fraction_digits) = (None, None);
    for c in &r.checks {
        match c {
            FacetCheck::TotalDigits(n) => total_digits = Some(total_digits.map_or(*n, |t: usize| t.min(*n))),
            FacetCheck::FractionDigits(n) => {
                fraction_digits = Some(fraction_digits.map_or(*n, |f: usize| f.min(*n)))
            }
            _ => {}
        }
    }
    let decimal = matches!(&r.ty, Ty::Builtin(b) if b.is_runtime_decimal());
    let enumerated = r.checks.iter().find_map(|c| match c {
        FacetCheck::Enumeration(values) => Some(values),
        _ => None,
    });
    let make = if let Some(values) = enumerated {
        // One of the listed values (a random date would hardly be one).
        let (ty, rt_value) = (ty_tokens(&r.ty, cx), &cx.rt.rt_value);
        quote! {
            <#ty as #rt_value>::parse_xml(u.choose(&[#(#values),*])?)
                .map_err(|_| #a::Error::IncorrectFormat)?
        }
    } else if let Some((lo, hi)) = range {
        let (lo, hi) = (proc_macro2::Literal::i128_unsuffixed(lo), proc_macro2::Literal::i128_unsuffixed(hi));
        quote!(u.int_in_range(#lo..=#hi)?)
    } else if decimal && (total_digits.is_some() || fraction_digits.is_some()) {
        // Within the digit facets (a random decimal would seldom be); integers have none after the point.
        let (ty, rt_value) = (ty_tokens(&r.ty, cx), &cx.rt.rt_value);
        let option = |n: Option<usize>| match n {
            Some(n) => quote!(Some(#n)),
            None => quote!(None),
        };
        let fraction =
            if matches!(&r.ty, Ty::Builtin(b) if b.rust == "Decimal") { fraction_digits } else { Some(0) };
        let (total, fraction) = (option(total_digits), option(fraction));
        quote! {
            <#ty as #rt_value>::parse_xml(&#a::decimal_text(u, #total, #fraction)?)
                .map_err(|_| #a::Error::IncorrectFormat)?
        }
    } else if let Some(xsd) = narrower {
        // Values of the base type (a token, a name…), within the length facets if there are any.
        let text = match (min_len, max_len) {
            (None, None) => quote!(#a::builtin_string(u, #xsd)?),
            (lo, hi) => {
                let lo = lo.unwrap_or(0);
                let hi = hi.unwrap_or(lo + 12);
                quote!(#a::builtin_string_of_len(u, #xsd, #lo, #hi)?)
            }
        };
        if is_string {
            text
        } else {
            quote!(#a::from_lexical(&#text)?)
        }
    } else if is_string && (min_len.is_some() || max_len.is_some()) {
        let lo = min_len.unwrap_or(0);
        let hi = max_len.unwrap_or(lo + 12).min(lo + 64);
        quote!(#a::text_of_len(u, #lo, #hi)?)
    } else if let Some(list) = list_value(&r.ty, cx) {
        list
    } else {
        quote!(#a::value(u)?)
    };
    let body = quote! {
        for _ in 0..8 {
            if let Ok(value) = Self::new(#make) {
                return Ok(value);
            }
        }
        Err(#a::Error::IncorrectFormat)
    };
    wrap(quote!(#name), body, quote!(), cx)
}

/// The inclusive range a restricted primitive integer type allows, when its bounds are literals.
fn integer_range(r: &Restricted) -> Option<(i128, i128)> {
    let Ty::Builtin(b) = &r.ty else { return None };
    let (mut lo, mut hi): (i128, i128) = match b.rust {
        "i8" => (i8::MIN.into(), i8::MAX.into()),
        "i16" => (i16::MIN.into(), i16::MAX.into()),
        "i32" => (i32::MIN.into(), i32::MAX.into()),
        "i64" => (i64::MIN.into(), i64::MAX.into()),
        "u8" => (0, u8::MAX.into()),
        "u16" => (0, u16::MAX.into()),
        "u32" => (0, u32::MAX.into()),
        "u64" => (0, u64::MAX.into()),
        _ => return None,
    };
    let mut bounded = false;
    for c in &r.checks {
        let parse = |v: &str| trim_xml(v).trim_start_matches('+').parse::<i128>().ok();
        match c {
            FacetCheck::MinInclusive(v) => lo = lo.max(parse(v)?),
            FacetCheck::MinExclusive(v) => lo = lo.max(parse(v)? + 1),
            FacetCheck::MaxInclusive(v) => hi = hi.min(parse(v)?),
            FacetCheck::MaxExclusive(v) => hi = hi.min(parse(v)? - 1),
            // At most `n` digits: within ±(10ⁿ − 1).
            FacetCheck::TotalDigits(n) => {
                let Some(most) = u32::try_from(*n).ok().and_then(|n| 10i128.checked_pow(n)) else { continue };
                (lo, hi) = (lo.max(1 - most), hi.min(most - 1));
            }
            _ => continue,
        }
        bounded = true;
    }
    (bounded && lo <= hi).then_some((lo, hi))
}

/// An `xs:anyType` element's value: any content, under the element's own name (the writer writes
/// an `AnyElement` by its name).
fn any_element_named(name: &crate::model::QName, cx: &Context) -> TokenStream {
    let a = support(cx);
    let rt = &cx.runtime;
    let ns = match &name.ns {
        Some(ns) => quote!(Some(#ns)),
        None => quote!(None),
    };
    let local = &name.local;
    quote! {{
        let mut e = #a::any_element(u, #ns)?;
        e.name = #rt::XmlName::new(#ns, #local);
        e
    }}
}

pub fn wrapper_arbitrary(w: &ElementWrapper, cx: &Context) -> TokenStream {
    let name = ident(&w.name);
    let v = match (&w.ty, &w.refused) {
        (Ty::AnyElement, _) => any_element_named(&w.element, cx),
        (ty, Some(refused)) => refusing(ty, refused, cx),
        (ty, None) => value(ty, cx),
    };
    wrap(quote!(#name), quote!(Ok(Self(#v))), quote!(), cx)
}

pub fn family_arbitrary(f: &Family, cx: &Context) -> TokenStream {
    let a = support(cx);
    let name = ident(&f.name);
    let variants: Vec<_> = f.base.iter().chain(&f.variants).collect();
    let count = Literal::usize_unsuffixed(variants.len());
    let arms = variants.iter().enumerate().map(|(i, v)| {
        let i = Literal::usize_unsuffixed(i);
        let vname = ident(&v.name);
        let value = value(&v.ty, cx);
        let boxed = &cx.std.boxed;
        quote!(#i => Ok(Self::#vname(#boxed::new(#value))),)
    });
    let body = quote! {
        match u.choose_index(#count)? {
            #(#arms)*
            _ => Err(#a::Error::IncorrectFormat),
        }
    };
    wrap(quote!(#name), body, quote!(), cx)
}

pub fn element_enum_arbitrary(e: &ElementEnum, cx: &Context) -> TokenStream {
    let a = support(cx);
    let name = ident(&e.name);
    let count = Literal::usize_unsuffixed(e.variants.len());
    let arms = e.variants.iter().enumerate().map(|(i, (v, _, _))| {
        let i = Literal::usize_unsuffixed(i);
        let vname = ident(v);
        quote!(#i => Ok(Self::#vname(#a::value(u)?)),)
    });
    let body = quote! {
        match u.choose_index(#count)? {
            #(#arms)*
            _ => Err(#a::Error::IncorrectFormat),
        }
    };
    wrap(quote!(#name), body, quote!(), cx)
}

/// For the crate-level enums over all roots: `XmlArbitrary` (any root) and `arbitrary_root(i, u)` (root
/// number `i`, for tests that cover every root).
pub fn roots_arbitrary(name: &str, roots: &[&crate::ir::Root], boxed: bool, cx: &Context) -> TokenStream {
    let a = support(cx);
    let name = ident(name);
    let count = Literal::usize_unsuffixed(roots.len());
    // Each value is made in `variant`'s frame: made here, every arm's value would have a slot of
    // its own in this frame (debug builds do not share them), and a schema with a hundred large
    // roots nests these enums under its wildcards deeply enough to overflow a test thread's stack.
    let arms = roots.iter().enumerate().map(|(i, r)| {
        let i = Literal::usize_unsuffixed(i);
        let v = ident(&r.variant);
        if boxed {
            let boxed = &cx.std.boxed;
            quote!(#i => #a::variant(u, |v| Self::#v(#boxed::new(v))),)
        } else {
            quote!(#i => #a::variant(u, Self::#v),)
        }
    });
    let extra = quote! {
        impl #name {
            /// How many root elements there are.
            pub const ROOTS: usize = #count;

            /// An arbitrary value of root element number `index` (`0..ROOTS`).
            pub fn arbitrary_root<'a>(index: usize, u: &mut #a::Unstructured<'a>) -> #a::Result<Self> {
                match index {
                    #(#arms)*
                    _ => Err(#a::Error::IncorrectFormat),
                }
            }
        }
    };
    let body = quote! {
        let index = u.choose_index(#count)?;
        Self::arbitrary_root(index, u)
    };
    wrap(quote!(#name), body, extra, cx)
}
