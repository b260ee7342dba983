//! Type definitions: structs, choice enums, value enums, aliases, element newtypes.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_attrs, doc_text, ident, qname_text, serde, ty_tokens, Context, StdNames};
use crate::ir::{
    Alias, Body, Builtin, Choice, DefaultLiteral, ElementWrapper, Family, Field, FieldKind, LengthUnit,
    Struct, Ty, ValueEnum,
};
use crate::model::{trim_xml, QName, WhiteSpace};

fn occurs_text(f: &Field) -> String {
    match f.occurs.max {
        Some(max) if max == f.occurs.min => format!("{max}"),
        Some(max) => format!("{}..{max}", f.occurs.min),
        None => format!("{}..unbounded", f.occurs.min),
    }
}

/// The type a field holds, with its occurrence wrapper and `Box` if needed.
pub(crate) fn field_type(f: &Field, cx: &Context) -> TokenStream {
    let inner = item_type(f, cx);
    let StdNames { vec, option, .. } = &cx.std;
    if f.occurs.is_vec() {
        quote!(#vec<#inner>)
    } else if f.occurs.is_option() {
        quote!(#option<#inner>)
    } else {
        inner
    }
}

/// The type of one occurrence of a field: an element's value, a group, a kept element, boxed if
/// the field is.
pub(crate) fn item_type(f: &Field, cx: &Context) -> TokenStream {
    let super::RuntimeNames { rt_any_element, .. } = &cx.rt;
    let inner = match &f.kind {
        FieldKind::Element { ty, .. } => ty_tokens(ty, cx),
        FieldKind::Any(_) => quote!(#rt_any_element),
        FieldKind::Lax { ty, .. } => ty_tokens(ty, cx),
        FieldKind::Group { ty, .. } => {
            let t = cx.type_ident(*ty);
            quote!(#t)
        }
    };
    let boxed = &cx.std.boxed;
    if f.boxed {
        quote!(#boxed<#inner>)
    } else {
        inner
    }
}

fn field_facts(f: &Field) -> String {
    match &f.kind {
        FieldKind::Element { name, ty, .. } => {
            let mut facts = format!("XML: element `{}` ({}).", name.local, occurs_text(f));
            if let Some((value, fixed, checked)) = declared_value(ty) {
                let kind = if fixed { "Fixed value" } else { "Default" };
                facts.push_str(&format!(
                    " {kind} `{value}`: an empty element takes it (`Defaulted::Default`)"
                ));
                facts.push_str(if fixed && checked { "; reading another value is an error." } else { "." });
            }
            facts
        }
        FieldKind::Any(_) => format!("XML: elements matched by a wildcard, kept whole ({}).", occurs_text(f)),
        FieldKind::Lax { .. } => format!(
            "XML: elements matched by a wildcard ({}): declared elements typed, others kept whole.",
            occurs_text(f)
        ),
        FieldKind::Group { .. } => format!("XML: a nested group ({}).", occurs_text(f)),
    }
}

/// The value an element's declaration gives it (`default` or `fixed`), whether it is fixed, and
/// whether the reader checks a fixed one (the type is simple or has simple content).
fn declared_value(ty: &Ty) -> Option<(&str, bool, bool)> {
    match ty {
        Ty::Defaulted { ty, value, fixed, content, .. } => {
            Some((value, *fixed, ty.is_simple() || content.is_some()))
        }
        Ty::Nillable(inner) | Ty::Typed(inner, _) => declared_value(inner),
        _ => None,
    }
}

pub fn struct_def(s: &Struct, cx: &Context) -> TokenStream {
    let super::RuntimeNames { rt_any_attributes, rt_read, rt_value, .. } = &cx.rt;
    let rt = &cx.runtime;
    let StdNames { option, vec, clone, .. } = &cx.std;
    let name = ident(&s.name);
    let serde = serde::derive(cx);
    let user_attrs = cx.type_attributes(&s.name);
    let facts = if s.is_group {
        Some("A group of particles inside its parent's content; it has no element of its own.".to_owned())
    } else if let Some(element) = &s.element {
        Some(format!("XML: element `{}`.", qname_text(element)))
    } else {
        Some(format!("XML: {}.", s.xml_name.doc("type")))
    };
    let doc = doc_attrs(&s.doc, facts);
    let attributes = s.attributes.iter().map(|a| {
        let field = ident(&a.field);
        let ty = ty_tokens(&a.ty, cx);
        let ty = if a.required { ty } else { quote!(#option<#ty>) };
        let mut facts = format!(
            "XML: attribute `{}`, {}.",
            a.name.local,
            if a.required { "required" } else { "optional" }
        );
        if let Some(d) = &a.default {
            facts.push_str(&format!(
                " Default when absent: `{d}` (not filled in: an absent attribute stays absent)."
            ));
        }
        if let Some(v) = &a.fixed {
            facts.push_str(&format!(" Fixed value: `{v}` (reading another value is an error)."));
        }
        let doc = doc_attrs(&a.doc, Some(facts));
        let user = cx.field_attributes(&s.name, &a.field);
        quote! { #doc #user pub #field: #ty, }
    });
    let any_attributes = s.any_attribute.as_ref().map(|_| {
        quote! {
            /// Attributes the schema does not declare (`xs:anyAttribute`), kept as read.
            pub any_attributes: #rt_any_attributes,
        }
    });
    let body = match &s.body {
        Body::Simple(ty) => {
            let ty = ty_tokens(ty, cx);
            quote! {
                /// The element's text content.
                pub value: #ty,
            }
        }
        Body::Mixed => quote! {
            /// Mixed content: text and elements in document order.
            pub content: #vec<#rt::AnyNode>,
        },
        Body::Fields(fields) => {
            let fields = fields.iter().map(|f| {
                let name = ident(&f.field);
                let ty = field_type(f, cx);
                let doc = doc_attrs(&f.doc, Some(field_facts(f)));
                let user = cx.field_attributes(&s.name, &f.field);
                quote! { #doc #user pub #name: #ty, }
            });
            quote! { #(#fields)* }
        }
    };
    let derive = if s.derive_default {
        quote!(#[derive(Debug, Clone, PartialEq, Default)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq)])
    };
    let element_impl = s.element.as_ref().map(|e| {
        element_impl(&name, e, cx, quote!(<Self as #rt_read>::read_xml(r, start)), {
            let ns = cx.ns(e.ns.as_deref());
            let local = &e.local;
            quote!(w.element(self, #ns, #local);)
        })
    });
    let defaults = s.attributes.iter().filter_map(|a| {
        let value = a.checked_default.as_ref()?;
        let field = ident(&a.field);
        let method = ident(&format!("{}_or_default", a.field.trim_end_matches('_')));
        let ty = ty_tokens(&a.ty, cx);
        let doc = doc_text(&format!("`{}`, or its schema default `{value}` when the attribute is absent.", a.name.local));
        // A number, boolean, string or enumeration variant is written as such; other types parse
        // the default's text.
        let literal = match &a.default_literal {
            Some(DefaultLiteral::Builtin(b)) => builtin_literal(b, value, cx),
            Some(DefaultLiteral::Variant { variant, copy }) => {
                let v = ident(variant);
                Some((quote!(#ty::#v), *copy))
            }
            None => None,
        };
        let body = match literal {
            Some((literal, true)) => quote!(self.#field.unwrap_or(#literal)),
            Some((literal, false)) => quote! {
                match &self.#field {
                    Some(v) => #clone::clone(v),
                    None => #literal,
                }
            },
            None => quote! {
                match &self.#field {
                    Some(v) => #clone::clone(v),
                    None => <#ty as #rt_value>::parse_xml(#value)
                        .unwrap_or_else(|_| unreachable!("the default was checked when this code was generated")),
                }
            },
        };
        Some(quote! {
            #doc
            pub fn #method(&self) -> #ty {
                #body
            }
        })
    });
    let defaults: Vec<TokenStream> = defaults.collect();
    let default_impl = (!defaults.is_empty()).then(|| quote! { impl #name { #(#defaults)* } });
    quote! {
        #doc
        #derive
        #serde
        #user_attrs
        pub struct #name { #(#attributes)* #any_attributes #body }
        #default_impl
        #element_impl
    }
}

/// `XmlElement` for a type that carries element `e`'s name.
fn element_impl(
    name: &proc_macro2::Ident,
    e: &QName,
    cx: &Context,
    read: TokenStream,
    write: TokenStream,
) -> TokenStream {
    let super::RuntimeNames { rt_error, rt_start, rt_element, rt_reader, rt_writer, .. } = &cx.rt;
    let result = &cx.std.result;
    let local_bytes = super::bytes(&e.local);
    let ns_bytes = cx.namespaces.bytes(e.ns.as_deref());
    let expected = qname_text(e);
    quote! {
        impl #rt_element for #name {
            fn matches(ns: &[u8], local: &[u8]) -> bool {
                local == #local_bytes && ns == #ns_bytes
            }
            fn expected() -> &'static str {
                #expected
            }
            fn read_element(r: &mut #rt_reader<'_>, start: #rt_start<'_>) -> #result<Self, #rt_error> {
                #read
            }
            fn write_element(&self, w: &mut #rt_writer) {
                #write
            }
        }
    }
}

pub fn choice_def(c: &Choice, cx: &Context) -> TokenStream {
    let name = ident(&c.name);
    let serde = serde::derive(cx);
    let user_attrs = cx.type_attributes(&c.name);
    let variants = c.variants.iter().map(|v| {
        let vname = ident(&v.name);
        let ty = field_type(&v.field, cx);
        let doc = doc_attrs(&v.field.doc, Some(field_facts(&v.field)));
        quote! { #doc #vname(#ty), }
    });
    let doc = doc_attrs(&c.doc, Some("One alternative of a choice in its parent's content.".to_owned()));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #serde
        #user_attrs
        // Variants hold their content inline: boxing would cost an allocation per element.
        #[allow(clippy::large_enum_variant)]
        pub enum #name { #(#variants)* }
    }
}

pub fn value_enum(e: &ValueEnum, cx: &Context) -> TokenStream {
    if let Some(code_list) = code_list(e, cx) {
        return code_list;
    }
    let super::RuntimeNames { rt_value_error, rt_value, .. } = &cx.rt;
    let rt = &cx.runtime;
    let StdNames { string, result, .. } = &cx.std;
    let name = ident(&e.name);
    let user_attrs = cx.type_attributes(&e.name);
    let xml_name = e.xml_name.text();
    let derive = if e.eq {
        quote!(#[derive(Debug, Clone, PartialEq, Eq, Hash)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq)])
    };
    let value_variants = e.values.iter().map(|(v, lexical, doc)| {
        let v = ident(v);
        let doc = doc_attrs(doc, Some(lexical_doc(lexical)));
        quote! { #doc #v, }
    });
    let member_variants = e.members.iter().map(|(v, ty)| {
        let v = ident(v);
        let ty = ty_tokens(ty, cx);
        quote! { #[doc = " A value of another member type of the union."] #v(#ty), }
    });
    let other_variant = e.other.as_ref().map(|o| {
        let o = ident(o);
        let doc = match e.other_any {
            true => {
                " Any other text: the schema allows values beyond the enumerated ones, and this keeps them."
            }
            false => " Any other name a member allows (`xs:NMTOKEN`, `xs:NCName`…), kept as written.",
        };
        quote! {
            #[doc = #doc]
            #o(#string),
        }
    });
    // XSD compares text with an enumerated value as the value's member type reads it: a string's
    // as written, a normalizedString's with tabs and line ends made spaces, the rest collapsed.
    // Values with white space collapsing would change (`two  spaces`) are compared as written too.
    let mut as_written = Vec::new();
    let mut replaced = Vec::new();
    let mut collapsed = Vec::new();
    for value in &e.values {
        let lexical = value.1.as_str();
        match e.kept_white_space.get(lexical) {
            Some(WhiteSpace::Replace) => replaced.push(value),
            Some(_) => as_written.push(value),
            None if WhiteSpace::Collapse.apply(lexical) != lexical => as_written.push(value),
            None => collapsed.push(value),
        }
    }
    // Text no member takes may still be a kept value with white space around it: read as that
    // value (as code lists read), not refused. Only where `Other` does not take any text.
    let lenient: Vec<_> = match e.other_any {
        true => Vec::new(),
        false => as_written
            .iter()
            .chain(&replaced)
            .filter(|(_, lexical, _)| WhiteSpace::Collapse.apply(lexical) == lexical.as_str())
            .copied()
            .collect(),
    };
    // Returns the union's member `i` if it reads the text.
    let try_member = |i: usize| {
        let (v, ty) = &e.members[i];
        let v = ident(v);
        let ty = ty_tokens(ty, cx);
        quote! {
            if let Ok(x) = <#ty as #rt_value>::parse_xml(text) {
                return Ok(Self::#v(x));
            }
        }
    };
    // Statements returning a value, or an earlier member that takes its text (`tried_first`).
    let return_value = |v: &str, lexical: &str| {
        let v = ident(v);
        let members = e.tried_first.get(lexical).into_iter().flatten().map(|&i| try_member(i));
        quote!(#(#members)* return Ok(Self::#v);)
    };
    // Returns the value of `values` the text, as `normalize` gives it, is: a comparison for one, a
    // `match` for more.
    let returning = |normalize: Option<TokenStream>, values: &[&(String, String, Vec<String>)]| {
        let text = match &normalize {
            Some(normalize) => quote!(#rt::xs::#normalize(text)),
            None => quote!(text),
        };
        match values {
            [] => None,
            [(v, lexical, _)] => {
                let matches = match lexical.is_empty() {
                    true => quote!(#text.is_empty()),
                    false => quote!(#text == #lexical),
                };
                let value = return_value(v, lexical);
                Some(quote! {
                    if #matches {
                        #value
                    }
                })
            }
            _ => {
                let arms = values.iter().map(|(v, lexical, _)| {
                    let value = return_value(v, lexical);
                    match e.tried_first.contains_key(lexical) {
                        true => quote! { #lexical => { #value } },
                        false => {
                            let v = ident(v);
                            quote! { #lexical => return Ok(Self::#v), }
                        }
                    }
                });
                let scrutinee = match normalize {
                    Some(_) => quote!(&*#text),
                    None => text,
                };
                Some(quote! {
                    match #scrutinee {
                        #(#arms)*
                        _ => {}
                    }
                })
            }
        }
    };
    let match_as_written = returning(None, &as_written);
    let match_replaced = returning(Some(quote!(replace_whitespace)), &replaced);
    let last = e.members.is_empty();
    // A member of names before typed members takes its names first, as XSD reads a union.
    let names_before = |i: usize| {
        let other = e.other.as_ref().map(|o| ident(o));
        e.names.iter().filter(move |(at, _)| *at == i).map(move |(_, xsd)| {
            quote! {
                if #rt::xs::is_name_of_type(#xsd, text) {
                    return Ok(Self::#other(text.to_owned()));
                }
            }
        })
    };
    // Each member after the names listed before it; then the names listed after every member.
    let parse_members = (0..=e.members.len()).map(|i| {
        let names = names_before(i);
        let member = (i < e.members.len()).then(|| try_member(i));
        quote! {
            #(#names)*
            #member
        }
    });
    let trailing_names = e.names.iter().any(|(at, _)| *at == e.members.len());
    let fallback = match (&e.other, e.other_any) {
        (Some(o), true) => {
            let o = ident(o);
            quote! { Ok(Self::#o(text.to_owned())) }
        }
        _ => quote! { Err(#rt_value_error::new(#xml_name, text)) },
    };
    // Without member types or names to try after them, the collapsed values, the lenient ones and
    // the fallback are one match; with them, the lenient values come after those.
    let (match_values, match_lenient, fallback) = match last && !trailing_names {
        true if collapsed.is_empty() && lenient.is_empty() => (None, None, Some(fallback)),
        true => {
            let arms = collapsed.iter().chain(&lenient).map(|(v, lexical, _)| {
                let v = ident(v);
                quote! { #lexical => Ok(Self::#v), }
            });
            let all = quote! {
                match &*#rt::xs::collapse_whitespace(text) {
                    #(#arms)*
                    _ => #fallback,
                }
            };
            (Some(all), None, None)
        }
        false => (
            returning(Some(quote!(collapse_whitespace)), &collapsed),
            returning(Some(quote!(collapse_whitespace)), &lenient),
            Some(fallback),
        ),
    };
    let write_values = e.values.iter().map(|(v, lexical, _)| {
        let v = ident(v);
        let mut chars = lexical.chars();
        match (chars.next(), chars.next()) {
            (None, _) => quote! { Self::#v => {} },
            (Some(c), None) => quote! { Self::#v => out.push(#c), },
            _ => quote! { Self::#v => out.push_str(#lexical), },
        }
    });
    // A member after enumerated values, names or other members may be written in a form one of those
    // reads first (the float 1 as `1`, a boolean): the runtime then picks another form of its value.
    let write_members = e.members.iter().enumerate().map(|(i, (v, _))| {
        let v = ident(v);
        if i == 0 && e.values.is_empty() && e.names.iter().all(|(at, _)| *at > 0) {
            quote! { Self::#v(x) => #rt_value::write_xml(x, out), }
        } else {
            quote! { Self::#v(x) => #rt::__private::write_union_member(out, self, x), }
        }
    });
    let write_other = e.other.as_ref().map(|o| {
        let o = ident(o);
        quote! { Self::#o(x) => out.push_str(x), }
    });
    let as_str = if e.members.is_empty() {
        let arms = e.values.iter().map(|(v, lexical, _)| {
            let v = ident(v);
            quote! { Self::#v => #lexical, }
        });
        let other = e.other.as_ref().map(|o| {
            let o = ident(o);
            quote! { Self::#o(x) => x, }
        });
        Some(quote! {
            impl #name {
                /// The value as it appears in XML.
                pub fn as_str(&self) -> &str {
                    match self { #(#arms)* #other }
                }
            }
        })
    } else {
        None
    };
    // A member's values are compared as that member compares them (its text may keep how it was
    // written); an enumerated value is one value.
    let same_value = e.members.iter().any(|(_, ty)| !written_one_way(ty)).then(|| {
        let arms = e.members.iter().map(|(v, _)| {
            let v = ident(v);
            quote! { (Self::#v(a), Self::#v(b)) => #rt_value::same_value(a, b), }
        });
        quote! {
            fn same_value(&self, other: &Self) -> bool {
                match (self, other) {
                    #(#arms)*
                    _ => ::core::mem::discriminant(self) == ::core::mem::discriminant(other),
                }
            }
        }
    });
    // With `as_str`, writing is copying it.
    let write_body = if as_str.is_some() {
        quote!(out.push_str(self.as_str()))
    } else {
        quote!(match self { #(#write_values)* #(#write_members)* #write_other })
    };
    // The members whose values may hold QNames answer for their prefixes.
    let qname_members: Vec<TokenStream> = e
        .members
        .iter()
        .filter(|(_, ty)| holds_qnames(ty, cx))
        .map(|(variant, _)| {
            let v = ident(variant);
            quote!(Self::#v(x) => #rt_value::undeclared_prefix(x, declared),)
        })
        .collect();
    let undeclared_prefix = (!qname_members.is_empty()).then(|| {
        quote! {
            fn undeclared_prefix(&self, declared: &dyn Fn(&str) -> bool) -> ::core::option::Option<&str> {
                match self {
                    #(#qname_members)*
                    _ => None,
                }
            }
        }
    });
    let doc = doc_attrs(&e.doc, Some(format!("XML: {}.", e.xml_name.doc("simple type"))));
    let text_traits = text_traits(&name, as_str.is_some(), cx);
    let serde = serde::text(&name, cx);
    quote! {
        #doc
        #derive
        #user_attrs
        pub enum #name { #(#value_variants)* #(#member_variants)* #other_variant }

        #as_str

        impl #rt_value for #name {
            fn parse_xml(text: &str) -> #result<Self, #rt_value_error> {
                #match_as_written
                #match_replaced
                #match_values
                #(#parse_members)*
                #match_lenient
                #fallback
            }
            fn write_xml(&self, out: &mut #string) {
                #write_body
            }
            #same_value
            #undeclared_prefix
        }

        #text_traits
        #serde
    }
}

pub fn alias(a: &Alias, cx: &Context) -> TokenStream {
    let name = ident(&a.name);
    let ty = ty_tokens(&a.ty, cx);
    let doc = doc_attrs(&a.doc, None);
    quote! { #doc pub type #name = #ty; }
}

pub fn element_wrapper(w: &ElementWrapper, cx: &Context) -> TokenStream {
    let from = &cx.std.from;
    let name = ident(&w.name);
    let serde = serde::derive(cx);
    let user_attrs = cx.type_attributes(&w.name);
    let ty = ty_tokens(&w.ty, cx);
    let doc = doc_attrs(&w.doc, Some(format!("XML: global element `{}`.", qname_text(&w.element))));
    let derive = if w.ty.has_default() {
        quote!(#[derive(Debug, Clone, PartialEq, Default)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq)])
    };
    let value = super::element::read(&w.ty, quote!(start), cx);
    let refuse = super::element::refuse(w.refused.as_ref(), quote!(start), cx);
    let read = quote!(#refuse Ok(Self(#value)));
    let write = super::element::write(&w.ty, quote!(&self.0), w.element.ns.as_deref(), &w.element.local, cx);
    let element = element_impl(&name, &w.element, cx, read, write);
    quote! {
        #doc
        #derive
        #serde
        #user_attrs
        pub struct #name(pub #ty);

        impl ::core::ops::Deref for #name {
            type Target = #ty;
            fn deref(&self) -> &#ty { &self.0 }
        }
        impl ::core::ops::DerefMut for #name {
            fn deref_mut(&mut self) -> &mut #ty { &mut self.0 }
        }
        impl #from<#ty> for #name {
            fn from(value: #ty) -> Self { Self(value) }
        }
        #element
    }
}

pub fn family_def(f: &Family, cx: &Context) -> TokenStream {
    let super::RuntimeNames { rt_any_element, .. } = &cx.rt;
    let boxed = &cx.std.boxed;
    let name = ident(&f.name);
    let serde = serde::derive(cx);
    let user_attrs = cx.type_attributes(&f.name);
    let variants = f.base.iter().chain(&f.variants).map(|v| {
        let vname = ident(&v.name);
        let ty = ty_tokens(&v.ty, cx);
        let doc = doc_text(&format!("`xsi:type=\"{}\"`", v.type_name.local));
        quote! { #doc #vname(#boxed<#ty>), }
    });
    let facts = format!(
        "XML: type `{}` and the types derived from it; the element's `xsi:type` attribute chooses the variant.",
        f.xml_name
    );
    let doc = doc_attrs(&f.doc, Some(facts));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #serde
        #user_attrs
        pub enum #name {
            #(#variants)*
            /// An element of a type this schema set does not know (or with no `xsi:type` where one is
            /// required), kept whole.
            Unknown(#rt_any_element),
        }
    }
}

/// The bounding facets.
#[derive(Clone, Copy)]
enum BoundFacet {
    MinInclusive,
    MaxInclusive,
    MinExclusive,
    MaxExclusive,
}

impl BoundFacet {
    /// The comparison of a value with the bound that refuses it, and the message's words.
    fn refusal(self) -> (TokenStream, &'static str) {
        match self {
            BoundFacet::MinInclusive => (quote!(<), "less than the minimum"),
            BoundFacet::MaxInclusive => (quote!(>), "greater than the maximum"),
            BoundFacet::MinExclusive => (quote!(<=), "not greater than"),
            BoundFacet::MaxExclusive => (quote!(>=), "not less than"),
        }
    }

    /// The orderings of a value with the bound it allows (`std::cmp::Ordering`'s variants).
    fn allowed(self) -> &'static [&'static str] {
        match self {
            BoundFacet::MinInclusive => &["Greater", "Equal"],
            BoundFacet::MaxInclusive => &["Less", "Equal"],
            BoundFacet::MinExclusive => &["Greater"],
            BoundFacet::MaxExclusive => &["Less"],
        }
    }
}

pub fn restricted(r: &crate::ir::Restricted, cx: &Context) -> TokenStream {
    let super::RuntimeNames { rt_value_error, rt_value, .. } = &cx.rt;
    use crate::ir::FacetCheck;
    let rt = &cx.runtime;
    let StdNames { string, result, .. } = &cx.std;
    let name = ident(&r.name);
    let user_attrs = cx.type_attributes(&r.name);
    let ty = ty_tokens(&r.ty, cx);
    let xml_name = r.xml_name.text();
    let primitive = match &r.ty {
        Ty::Builtin(b) if !b.in_runtime => Some(b.rust),
        _ => None,
    };
    let ordered_runtime = matches!(&r.ty, Ty::Builtin(b) if b.is_runtime_decimal());
    // The date, time and duration types (`xs::FacetOrder`), with why a value may be unordered
    // with a bound.
    let ordered_partially = match &r.ty {
        Ty::Builtin(b) if b.in_runtime && b.rust == "Duration" => {
            Some("months and days compare differently from one start date to another")
        }
        Ty::Builtin(b)
            if b.in_runtime
                && matches!(
                    b.rust,
                    "DateTime" | "Date" | "Time" | "GYear" | "GYearMonth" | "GMonth" | "GDay" | "GMonthDay"
                ) =>
        {
            Some("a timezone on one side only")
        }
        _ => None,
    };
    // The decimal types (`xs::FacetDigits`): the only ones XSD gives digit facets, but a restriction
    // chain may end at another type (an enumeration's), whose digits are left unchecked.
    let counts_digits = ordered_runtime
        || matches!(&r.ty, Ty::Builtin(b) if matches!(b.rust, "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64"));
    let mut unchecked = Vec::new();
    let mut checks = Vec::new();
    let bound = |lexical: &str, facet: BoundFacet, unchecked: &mut Vec<String>| -> Option<TokenStream> {
        let lexical = trim_xml(lexical);
        let (op, what) = facet.refusal();
        let message = format!("{what} {lexical}");
        if let Some(p) = primitive {
            // An infinite bound bounds nothing (nor, here, does NaN); one that is no value of the
            // type (which makes the schema invalid) is named as unchecked rather than dropped unseen.
            let Some(lit) = numeric_literal(p, lexical) else {
                if !matches!(lexical, "INF" | "+INF" | "-INF" | "NaN") {
                    unchecked
                        .push(format!("bound `{}`, which is no value of the type", lexical.escape_debug()));
                }
                return None;
            };
            // NaN is outside every bound.
            let nan = matches!(p, "f32" | "f64").then(|| quote!(value.is_nan() ||));
            return Some(quote! { if #nan *value #op #lit { return Err(#message.into()); } });
        }
        if ordered_runtime {
            return Some(quote! {
                if let Ok(bound) = <#ty as #rt_value>::parse_xml(#lexical) {
                    if *value #op bound { return Err(#message.into()); }
                }
            });
        }
        if let Some(why) = ordered_partially {
            // What the bound allows of XSD's partial order; unordered values are outside it.
            let allowed = facet.allowed().iter().map(|o| {
                let o = ident(o);
                quote!(Some(::core::cmp::Ordering::#o))
            });
            let unordered = format!("not ordered with the bound {lexical} ({why})");
            return Some(quote! {
                if let Ok(bound) = <#ty as #rt_value>::parse_xml(#lexical) {
                    match #rt::xs::FacetOrder::facet_cmp(value, &bound) {
                        #(#allowed)|* => {}
                        Some(_) => return Err(#message.into()),
                        None => return Err(#unordered.into()),
                    }
                }
            });
        }
        unchecked.push(format!("bound `{lexical}`"));
        None
    };
    let length = match r.length {
        LengthUnit::Value => Some(quote!(#rt::xs::FacetLength::facet_length(value))),
        LengthUnit::CollapsedText => Some(quote!(#rt::xs::collapse_whitespace(value).chars().count())),
        // A code list's value has the length of its text.
        LengthUnit::Text => Some(quote!(value.as_str().chars().count())),
        LengthUnit::TextItems => {
            Some(quote!(value.as_str().split(' ').filter(|item| !item.is_empty()).count()))
        }
        LengthUnit::Octets | LengthUnit::None => None,
    };
    let length_facet = |c: &FacetCheck| {
        matches!(c, FacetCheck::Length(_) | FacetCheck::MinLength(_) | FacetCheck::MaxLength(_))
    };
    if r.length == LengthUnit::Octets && r.checks.iter().any(length_facet) {
        unchecked.push("the length of binary code-list values".to_owned());
    }
    for c in &r.checks {
        let check = match (c, &length) {
            (FacetCheck::Length(_) | FacetCheck::MinLength(_) | FacetCheck::MaxLength(_), None) => None,
            (FacetCheck::Length(n), Some(len)) => {
                let m = format!("length must be {n}");
                Some(quote! { if #len != #n { return Err(#m.into()); } })
            }
            (FacetCheck::MinLength(n), Some(len)) => {
                let m = format!("shorter than the minimum length {n}");
                Some(quote! { if #len < #n { return Err(#m.into()); } })
            }
            (FacetCheck::MaxLength(n), Some(len)) => {
                let m = format!("longer than the maximum length {n}");
                Some(quote! { if #len > #n { return Err(#m.into()); } })
            }
            (FacetCheck::MinInclusive(v), _) => bound(v, BoundFacet::MinInclusive, &mut unchecked),
            (FacetCheck::MaxInclusive(v), _) => bound(v, BoundFacet::MaxInclusive, &mut unchecked),
            (FacetCheck::MinExclusive(v), _) => bound(v, BoundFacet::MinExclusive, &mut unchecked),
            (FacetCheck::MaxExclusive(v), _) => bound(v, BoundFacet::MaxExclusive, &mut unchecked),
            (FacetCheck::TotalDigits(n), _) if counts_digits => {
                let m = format!("has more than {n} digits");
                Some(
                    quote! { if #rt::xs::FacetDigits::facet_digits(value).0 > #n { return Err(#m.into()); } },
                )
            }
            (FacetCheck::FractionDigits(n), _) if counts_digits => {
                let m = format!("has more than {n} digits after the decimal point");
                Some(
                    quote! { if #rt::xs::FacetDigits::facet_digits(value).1 > #n { return Err(#m.into()); } },
                )
            }
            (FacetCheck::TotalDigits(_) | FacetCheck::FractionDigits(_), _) => {
                unchecked.push("digit counts".to_owned());
                None
            }
            (FacetCheck::Pattern { written, regex: Some(regex) }, _) => {
                let message = match written.as_slice() {
                    [one] => format!("does not match the pattern `{one}`"),
                    all => format!("matches none of the patterns `{}`", all.join("`, `")),
                };
                let regex = raw_string(regex);
                let white_space = match r.white_space {
                    WhiteSpace::Preserve => quote!(Preserve),
                    WhiteSpace::Replace => quote!(Replace),
                    WhiteSpace::Collapse => quote!(Collapse),
                };
                let message = raw_string(&message);
                Some(quote! {{
                    static PATTERN: #rt::__private::Pattern =
                        #rt::__private::Pattern::new(#regex, #rt::__private::WhiteSpace::#white_space);
                    if !PATTERN.matches(text) { return Err(#message.into()); }
                }})
            }
            (FacetCheck::Pattern { written, regex: None }, _) => {
                unchecked.push(format!("pattern `{}` (too large to compile)", written.join("` or `")));
                None
            }
            (FacetCheck::Enumeration(values), _) => {
                let message = format!("is none of the enumerated values `{}`", values.join("`, `"));
                let message = raw_string(&message);
                Some(quote! {
                    if !#rt::xs::is_enumerated(&[#(#values),*], value) { return Err(#message.into()); }
                })
            }
            (FacetCheck::QNameEnumeration(values), _) => {
                unchecked
                    .push(format!("the enumeration {} (QNames, equal by expanded name)", values.join(", ")));
                None
            }
        };
        checks.extend(check);
    }
    // Patterns constrain the text, which `check` then takes beside the value.
    let patterns = r.checks.iter().any(|c| matches!(c, FacetCheck::Pattern { regex: Some(_), .. }));
    let (text_param, written_text, read_text) = if patterns {
        (quote!(, text: &str), quote!(, &text), quote!(, text))
    } else {
        (quote!(), quote!(), quote!())
    };
    let mut facts = format!("XML: {}, a restriction checked on read.", r.xml_name.doc("simple type"));
    if !unchecked.is_empty() {
        facts.push_str(&format!(" Not checked: {}.", unchecked.join(", ")));
    }
    if r.keeps_text() {
        facts.push_str(
            " A value keeps the text it was read from, which its pattern constrains: it is written \
             back as read.",
        );
    }
    let doc = doc_attrs(&r.doc, Some(facts));
    let float = |t: &Ty| matches!(t, Ty::Builtin(b) if b.rust == "f32" || b.rust == "f64");
    let derive = match &r.ty {
        _ if r.eq => quote!(#[derive(Debug, Clone, PartialEq, Eq, Hash)]),
        t if float(t) => quote!(#[derive(Debug, Clone, PartialEq, PartialOrd)]),
        _ => quote!(#[derive(Debug, Clone, PartialEq)]),
    };
    // A value that keeps its text (see `Restricted::keeps_text`) holds it beside the value and
    // writes it back; others are their value alone.
    let (def, made, read, write, field, accessors, new_doc) = if r.keeps_text() {
        (
            quote!(pub struct #name { value: #ty, text: #string }),
            quote!(Self { value, text }),
            quote!(Self { value, text: #rt::xs::collapse_whitespace(text).into_owned() }),
            quote!(out.push_str(&self.text)),
            quote!(value),
            quote! {
                /// The value.
                pub fn value(&self) -> &#ty {
                    &self.value
                }

                /// The text, as read (white space collapsed) or as `new` wrote it.
                pub fn as_str(&self) -> &str {
                    &self.text
                }
            },
            "Wraps `value` if it satisfies the type's facets, as the text its type writes; parse a text \
             instead (`str::parse`) to choose the form the pattern asks for.",
        )
    } else {
        (
            quote!(pub struct #name(pub #ty);),
            quote!(Self(value)),
            quote!(Self(value)),
            quote!(#rt_value::write_xml(&self.0, out)),
            quote!(0),
            quote!(),
            "Wraps `value` if it satisfies the type's facets.",
        )
    };
    let new_doc = doc_text(new_doc);
    // Where written texts may differ for one value, values are compared as the value's type does.
    let same_value = (r.keeps_text() || !written_one_way(&r.ty)).then(|| {
        quote! {
            fn same_value(&self, other: &Self) -> bool {
                #rt_value::same_value(&self.#field, &other.#field)
            }
        }
    });
    let undeclared_prefix = holds_qnames(&r.ty, cx).then(|| {
        quote! {
            fn undeclared_prefix(&self, declared: &dyn Fn(&str) -> bool) -> ::core::option::Option<&str> {
                #rt_value::undeclared_prefix(&self.#field, declared)
            }
        }
    });
    let text_traits = text_traits(&name, r.keeps_text(), cx);
    let serde = serde::text(&name, cx);
    quote! {
        #doc
        #derive
        #user_attrs
        #def

        impl #name {
            #new_doc
            pub fn new(value: #ty) -> #result<Self, #rt_value_error> {
                let mut text = #string::new();
                #rt_value::write_xml(&value, &mut text);
                Self::check(&value #written_text).map_err(|reason| #rt_value_error::with_reason(#xml_name, &text, reason))?;
                Ok(#made)
            }

            #accessors

            fn check(value: &#ty #text_param) -> #result<(), #string> {
                let _ = value;
                #(#checks)*
                Ok(())
            }
        }

        impl #rt_value for #name {
            fn parse_xml(text: &str) -> #result<Self, #rt_value_error> {
                let value = <#ty as #rt_value>::parse_xml(text)?;
                Self::check(&value #read_text).map_err(|reason| #rt_value_error::with_reason(#xml_name, text, reason))?;
                Ok(#read)
            }
            fn write_xml(&self, out: &mut #string) {
                #write
            }
            #same_value
            #undeclared_prefix
        }

        impl ::core::ops::Deref for #name {
            type Target = #ty;
            fn deref(&self) -> &#ty { &self.#field }
        }

        #text_traits
        #serde
    }
}

/// `text` as a raw string literal (`r"\A[a-z]+\z"`), which keeps a regular expression readable;
/// as an escaped one if it holds a control character (a raw string cannot hold a carriage return).
pub(super) fn raw_string(text: &str) -> TokenStream {
    if text.chars().any(char::is_control) {
        let literal = proc_macro2::Literal::string(text);
        return quote!(#literal);
    }
    let mut hashes = String::new();
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}").parse().expect("a raw string literal")
}

/// Whether values of `ty` may hold QNames (`xs:QName`, and lists, restrictions and unions of it),
/// whose prefixes the reader checks through `XmlValue::undeclared_prefix`.
fn holds_qnames(ty: &Ty, cx: &Context) -> bool {
    match ty {
        Ty::Builtin(b) => b.rust == "QNameValue",
        Ty::List(item) => holds_qnames(item, cx),
        Ty::Named { id, .. } => cx.types[id.index()].qnames,
        _ => false,
    }
}

/// Whether each value of `ty` is written one way, so that comparing written texts compares values
/// (what `XmlValue::same_value` does unless a type says otherwise): not for the runtime's types that
/// keep a value as written (dates, times, durations, `hexBinary`'s letter case, QNames), floats
/// (`0` and `-0`), or generated types, which may be any of these.
fn written_one_way(ty: &Ty) -> bool {
    match ty {
        Ty::Builtin(b) => !matches!(
            b.rust,
            "f32"
                | "f64"
                | "DateTime"
                | "Date"
                | "Time"
                | "GYear"
                | "GYearMonth"
                | "GMonth"
                | "GDay"
                | "GMonthDay"
                | "Duration"
                | "HexBinary"
                | "QNameValue"
        ),
        Ty::List(item) => written_one_way(item),
        _ => false,
    }
}

/// Whether `lexical` is an integer that fits primitive type `rust`.
pub fn fits_integer(rust: &str, lexical: &str) -> bool {
    numeric_literal(rust, lexical).is_some()
}

/// `value` of built-in `b` as Rust, for numbers, booleans and strings (which `String`'s `XmlValue`
/// takes as written), and whether it is `Copy`.
fn builtin_literal(b: &Builtin, value: &str, cx: &Context) -> Option<(TokenStream, bool)> {
    let string = &cx.std.string;
    match (b.rust, trim_xml(value)) {
        ("::std::string::String", _) => Some((quote!(#string::from(#value)), false)),
        ("bool", "true" | "1") => Some((quote!(true), true)),
        ("bool", "false" | "0") => Some((quote!(false), true)),
        ("bool", _) => None,
        (rust, value) => numeric_literal(rust, value).map(|l| (quote!(#l), true)),
    }
}

/// A literal for bound `lexical` of primitive type `rust`, if it fits the type.
fn numeric_literal(rust: &str, lexical: &str) -> Option<proc_macro2::Literal> {
    let int = |min: i128, max: i128| -> Option<proc_macro2::Literal> {
        let v: i128 = lexical.trim_start_matches('+').parse().ok()?;
        (min..=max).contains(&v).then(|| proc_macro2::Literal::i128_unsuffixed(v))
    };
    match rust {
        "i8" => int(i8::MIN.into(), i8::MAX.into()),
        "i16" => int(i16::MIN.into(), i16::MAX.into()),
        "i32" => int(i32::MIN.into(), i32::MAX.into()),
        "i64" => int(i64::MIN.into(), i64::MAX.into()),
        "u8" => int(0, u8::MAX.into()),
        "u16" => int(0, u16::MAX.into()),
        "u32" => int(0, u32::MAX.into()),
        "u64" => int(0, u64::MAX.into()),
        "f32" | "f64" => {
            let v: f64 = lexical.parse().ok()?;
            v.is_finite().then(|| proc_macro2::Literal::f64_unsuffixed(v))
        }
        _ => None,
    }
}

pub fn element_enum(e: &crate::ir::ElementEnum, cx: &Context) -> TokenStream {
    let super::RuntimeNames { rt_any_element, rt_element, rt_writer, .. } = &cx.rt;
    let name = ident(&e.name);
    let serde = serde::derive(cx);
    let user_attrs = cx.type_attributes(&e.name);
    let variants = e.variants.iter().map(|(v, ty, q)| {
        let v = ident(v);
        let t = cx.type_ident(*ty);
        let doc = doc_text(&format!("`<{}>`", q.local));
        quote! { #doc #v(#t), }
    });
    let writes = e.variants.iter().map(|(v, _, _)| {
        let v = ident(v);
        quote! { Self::#v(x) => #rt_element::write_element(x, w), }
    });
    quote! {
        /// An element of this namespace found where a wildcard allows it: typed when the namespace
        /// declares it, kept whole otherwise.
        #[derive(Debug, Clone, PartialEq)]
        #serde
        #user_attrs
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
            /// An element this namespace does not declare, kept whole.
            Other(#rt_any_element),
        }

        impl #name {
            /// Writes the element with its own name.
            pub fn write(&self, w: &mut #rt_writer) {
                match self {
                    #(#writes)*
                    Self::Other(e) => e.write(w),
                }
            }
        }
    }
}

/// `FromStr` and `Display` through the type's `XmlValue` lexical form.
fn text_traits(name: &proc_macro2::Ident, has_as_str: bool, cx: &Context) -> TokenStream {
    let super::RuntimeNames { rt_value_error, rt_value, .. } = &cx.rt;
    let StdNames { string, result, .. } = &cx.std;
    let display = if has_as_str {
        quote!(f.write_str(self.as_str()))
    } else {
        quote! {
            let mut out = #string::new();
            #rt_value::write_xml(self, &mut out);
            f.write_str(&out)
        }
    };
    quote! {
        impl ::core::str::FromStr for #name {
            type Err = #rt_value_error;
            fn from_str(text: &str) -> #result<Self, Self::Err> {
                <Self as #rt_value>::parse_xml(text)
            }
        }

        impl ::core::fmt::Display for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #display
            }
        }
    }
}

/// Code lists of at least this many values get a table-driven `Debug` instead of the derive.
const DEBUG_TABLE_FROM: usize = 32;

/// An enumeration and nothing else (a code list, often of hundreds of values): a `Copy` enum whose
/// text is a table indexed by the variant, read by a binary search in the runtime. Written as
/// `match`es, a code list of a thousand values took more compile time than all the types using
/// it. `None` for enums that are not that (unions, open enums).
fn code_list(e: &ValueEnum, cx: &Context) -> Option<TokenStream> {
    let super::RuntimeNames { rt_value_error, rt_value, .. } = &cx.rt;
    let rt = &cx.runtime;
    let StdNames { string, result, .. } = &cx.std;
    if !e.is_code_list() {
        return None;
    }
    // A value listed twice reads as its first variant (the sort is stable), as a `match` would.
    let mut by_text: Vec<usize> = (0..e.values.len()).collect();
    by_text.sort_by(|&a, &b| e.values[a].1.cmp(&e.values[b].1));
    by_text.dedup_by(|later, first| e.values[*later].1 == e.values[*first].1);
    let searched = proc_macro2::Literal::usize_unsuffixed(by_text.len());
    let by_text = by_text.into_iter().map(|i| proc_macro2::Literal::u16_unsuffixed(i as u16));
    let name = ident(&e.name);
    let user_attrs = cx.type_attributes(&e.name);
    let xml_name = e.xml_name.text();
    let n = proc_macro2::Literal::usize_unsuffixed(e.values.len());
    let variants = e.values.iter().map(|(v, lexical, doc)| {
        let v = ident(v);
        let doc = doc_attrs(doc, Some(lexical_doc(lexical)));
        quote! { #doc #v, }
    });
    let all = e.values.iter().map(|(v, _, _)| ident(v));
    let texts = e.values.iter().map(|(_, lexical, _)| lexical);
    let doc = doc_attrs(&e.doc, Some(format!("XML: {}.", e.xml_name.doc("simple type"))));
    // A long code list prints what `#[derive(Debug)]` would from a table: the derive's `match` of
    // one arm per value was a fifth of the front end's memory on Factur-X's code lists.
    let (debug_derive, rust_name_table, debug_impl) = if e.values.len() < DEBUG_TABLE_FROM {
        (quote!(Debug,), quote!(), quote!())
    } else {
        let rust_names = e.values.iter().map(|(v, _, _)| v);
        (
            quote!(),
            quote! {
                /// Each variant's name, in the order of the variants.
                const RUST_NAME: [&'static str; #n] = [#(#rust_names),*];
            },
            quote! {
                impl ::core::fmt::Debug for #name {
                    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(Self::RUST_NAME[*self as usize])
                    }
                }
            },
        )
    };
    // Values that are not their text (numbers, dates, binary) are compared as values
    // when the text is none of the values as written.
    let by_value = e.by_value.as_ref().map(|ty| {
        let ty = ty_tokens(ty, cx);
        quote!(.or_else(|| #rt::xs::enumeration_value_index::<#ty>(&Self::XML_TEXT, text)))
    });
    let text_traits = text_traits(&name, true, cx);
    let serde = serde::text(&name, cx);
    Some(quote! {
        #doc
        #[derive(#debug_derive Clone, Copy, PartialEq, Eq, Hash)]
        #user_attrs
        pub enum #name { #(#variants)* }

        impl #name {
            /// Every value, in the order of the variants.
            pub const VARIANTS: [Self; #n] = [#(Self::#all),*];
            /// Each variant's text, in the order of the variants.
            const XML_TEXT: [&'static str; #n] = [#(#texts),*];
            #rust_name_table

            /// The value as it appears in XML.
            pub fn as_str(&self) -> &'static str {
                Self::XML_TEXT[*self as usize]
            }
        }

        impl #rt_value for #name {
            fn parse_xml(text: &str) -> #result<Self, #rt_value_error> {
                /// Positions in `XML_TEXT`, sorted by text.
                const BY_TEXT: [u16; #searched] = [#(#by_text),*];
                match #rt::xs::enumeration_index(&Self::XML_TEXT, &BY_TEXT, text) #by_value {
                    Some(i) => Ok(Self::VARIANTS[i]),
                    None => Err(#rt_value_error::new(#xml_name, text)),
                }
            }
            fn write_xml(&self, out: &mut #string) {
                out.push_str(self.as_str())
            }
        }

        #debug_impl

        #text_traits
        #serde
    })
}

/// The line of facts documenting an enumerated value: its text as a code span (one that holds
/// backticks fenced with more), or "the empty string".
fn lexical_doc(lexical: &str) -> String {
    if lexical.is_empty() {
        return "XML: the empty string.".to_owned();
    }
    let fence = "`".repeat(lexical.split(|c| c != '`').map(str::len).max().unwrap_or(0) + 1);
    let pad = if fence.len() > 1 { " " } else { "" };
    format!("XML: {fence}{pad}{lexical}{pad}{fence}.")
}
