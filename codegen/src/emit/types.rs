//! Type definitions: structs, choice enums, value enums, aliases, element newtypes.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_attrs, ident, qname_text, ty_tokens, Context};
use crate::ir::{
    Alias, Body, Choice, ElementWrapper, Family, Field, FieldKind, Struct, Ty, ValueEnum,
};
use crate::model::QName;

fn occurs_text(f: &Field) -> String {
    match f.occurs.max {
        Some(max) if max == f.occurs.min => format!("{max}"),
        Some(max) => format!("{}..{max}", f.occurs.min),
        None => format!("{}..unbounded", f.occurs.min),
    }
}

/// The type a field holds, with its occurrence wrapper and `Box` if needed.
pub(crate) fn field_type(f: &Field, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let inner = match &f.kind {
        FieldKind::Element { ty, .. } => ty_tokens(ty, cx),
        FieldKind::Any(_) => quote!(#rt::AnyElement),
        FieldKind::Group { ty, .. } => {
            let t = ident(ty);
            quote!(#t)
        }
    };
    let inner = if f.boxed {
        quote!(::std::boxed::Box<#inner>)
    } else {
        inner
    };
    if f.occurs.is_vec() {
        quote!(::std::vec::Vec<#inner>)
    } else if f.occurs.is_option() {
        quote!(::core::option::Option<#inner>)
    } else {
        inner
    }
}

fn field_facts(f: &Field) -> String {
    match &f.kind {
        FieldKind::Element { name, .. } => {
            format!("XML: element `{}` ({}).", name.local, occurs_text(f))
        }
        FieldKind::Any(_) => format!(
            "XML: elements matched by a wildcard, kept whole ({}).",
            occurs_text(f)
        ),
        FieldKind::Group { .. } => format!("XML: a nested group ({}).", occurs_text(f)),
    }
}

pub fn struct_def(s: &Struct, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let name = ident(&s.name);
    let facts = if s.is_group {
        Some(
            "A group of particles inside its parent's content; it has no element of its own."
                .to_owned(),
        )
    } else if let Some(element) = &s.element {
        Some(format!("XML: element `{}`.", qname_text(element)))
    } else {
        Some(format!("XML: type `{}`.", s.xml_name))
    };
    let doc = doc_attrs(&s.doc, facts);
    let attributes = s.attributes.iter().map(|a| {
        let field = ident(&a.field);
        let ty = ty_tokens(&a.ty, cx);
        let ty = if a.required {
            ty
        } else {
            quote!(::core::option::Option<#ty>)
        };
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
            facts.push_str(&format!(" Fixed value: `{v}`."));
        }
        let doc = doc_attrs(&a.doc, Some(facts));
        quote! { #doc pub #field: #ty, }
    });
    let any_attributes = s.any_attribute.as_ref().map(|_| {
        quote! {
            /// Attributes the schema does not declare (`xs:anyAttribute`), kept as read.
            pub any_attributes: #rt::AnyAttributes,
        }
    });
    let body = match &s.body {
        Body::Empty => quote!(),
        Body::Simple(ty) => {
            let ty = ty_tokens(ty, cx);
            quote! {
                /// The element's text content.
                pub value: #ty,
            }
        }
        Body::Mixed => quote! {
            /// Mixed content: text and elements in document order.
            pub content: ::std::vec::Vec<#rt::AnyNode>,
        },
        Body::Fields(fields) => {
            let fields = fields.iter().map(|f| {
                let name = ident(&f.field);
                let ty = field_type(f, cx);
                let doc = doc_attrs(&f.doc, Some(field_facts(f)));
                quote! { #doc pub #name: #ty, }
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
        element_impl(
            &name,
            e,
            cx,
            quote!(<Self as #rt::XmlRead>::read_xml(r, start)),
            quote!(#rt::XmlWrite::write_xml(self, w, ns, local)),
        )
    });
    quote! {
        #doc
        #derive
        pub struct #name { #(#attributes)* #any_attributes #body }
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
    let rt = &cx.runtime;
    let local = &e.local;
    let local_bytes = super::bytes(local);
    let ns_bytes = super::bytes(e.ns.as_deref().unwrap_or(""));
    let ns = match &e.ns {
        Some(ns) => quote!(::core::option::Option::Some(#ns)),
        None => quote!(::core::option::Option::None),
    };
    let expected = qname_text(e);
    quote! {
        impl #rt::XmlElement for #name {
            fn matches(ns: &[u8], local: &[u8]) -> bool {
                ns == #ns_bytes && local == #local_bytes
            }
            fn expected() -> &'static str {
                #expected
            }
            fn read_element(r: &mut #rt::XmlReader<'_>, start: #rt::Start<'_>) -> ::core::result::Result<Self, #rt::Error> {
                #read
            }
            fn write_element(&self, w: &mut #rt::XmlWriter) {
                let (ns, local) = (#ns, #local);
                #write
            }
        }
    }
}

pub fn choice_def(c: &Choice, cx: &Context) -> TokenStream {
    let name = ident(&c.name);
    let variants = c.variants.iter().map(|v| {
        let vname = ident(&v.name);
        let ty = field_type(&v.field, cx);
        let doc = doc_attrs(&v.field.doc, Some(field_facts(&v.field)));
        quote! { #doc #vname(#ty), }
    });
    let doc = doc_attrs(
        &c.doc,
        Some("One alternative of a choice in its parent's content.".to_owned()),
    );
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name { #(#variants)* }
    }
}

pub fn value_enum(e: &ValueEnum, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let name = ident(&e.name);
    let xml_name = &e.xml_name;
    let has_float = e
        .members
        .iter()
        .any(|(_, t)| matches!(t, Ty::Builtin(b) if b.rust == "f32" || b.rust == "f64"));
    let derive = if has_float {
        quote!(#[derive(Debug, Clone, PartialEq)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq, Eq, Hash)])
    };
    let value_variants = e.values.iter().map(|(v, lexical, doc)| {
        let v = ident(v);
        let doc = doc_attrs(doc, Some(format!("XML: `{lexical}`.")));
        quote! { #doc #v, }
    });
    let member_variants = e.members.iter().map(|(v, ty)| {
        let v = ident(v);
        let ty = ty_tokens(ty, cx);
        quote! { #[doc = " A value of another member type of the union."] #v(#ty), }
    });
    let other_variant = e.other.as_ref().map(|o| {
        let o = ident(o);
        quote! {
            /// Any other text: the schema allows values beyond the enumerated ones, and this keeps them.
            #o(::std::string::String),
        }
    });
    let parse_values = e.values.iter().map(|(v, lexical, _)| {
        let v = ident(v);
        quote! { #lexical => return Ok(Self::#v), }
    });
    let parse_members = e.members.iter().map(|(v, ty)| {
        let v = ident(v);
        let ty = ty_tokens(ty, cx);
        quote! {
            if let Ok(x) = <#ty as #rt::XmlValue>::parse_xml(text) {
                return Ok(Self::#v(x));
            }
        }
    });
    let fallback = match &e.other {
        Some(o) => {
            let o = ident(o);
            quote! { Ok(Self::#o(text.to_owned())) }
        }
        None => quote! { Err(#rt::ValueError::new(#xml_name, text)) },
    };
    let write_values = e.values.iter().map(|(v, lexical, _)| {
        let v = ident(v);
        quote! { Self::#v => out.push_str(#lexical), }
    });
    let write_members = e.members.iter().map(|(v, _)| {
        let v = ident(v);
        quote! { Self::#v(x) => #rt::XmlValue::write_xml(x, out), }
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
    let doc = doc_attrs(&e.doc, Some(format!("XML: simple type `{xml_name}`.")));
    quote! {
        #doc
        #derive
        pub enum #name { #(#value_variants)* #(#member_variants)* #other_variant }

        #as_str

        impl #rt::XmlValue for #name {
            fn parse_xml(text: &str) -> ::core::result::Result<Self, #rt::ValueError> {
                match &*#rt::xs::collapse_whitespace(text) {
                    #(#parse_values)*
                    _ => {}
                }
                #(#parse_members)*
                #fallback
            }
            fn write_xml(&self, out: &mut ::std::string::String) {
                match self { #(#write_values)* #(#write_members)* #write_other }
            }
        }

        impl ::core::str::FromStr for #name {
            type Err = #rt::ValueError;
            fn from_str(text: &str) -> ::core::result::Result<Self, Self::Err> {
                <Self as #rt::XmlValue>::parse_xml(text)
            }
        }

        impl ::core::fmt::Display for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                let mut out = ::std::string::String::new();
                #rt::XmlValue::write_xml(self, &mut out);
                f.write_str(&out)
            }
        }
    }
}

pub fn alias(a: &Alias, cx: &Context) -> TokenStream {
    let name = ident(&a.name);
    let ty = ty_tokens(&a.ty, cx);
    let doc = doc_attrs(&a.doc, None);
    quote! { #doc pub type #name = #ty; }
}

pub fn element_wrapper(w: &ElementWrapper, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let name = ident(&w.name);
    let ty = ty_tokens(&w.ty, cx);
    let doc = doc_attrs(
        &w.doc,
        Some(format!("XML: global element `{}`.", qname_text(&w.element))),
    );
    let derive = if w.ty.has_default() {
        quote!(#[derive(Debug, Clone, PartialEq, Default)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq)])
    };
    let (read, write) = if w.ty.is_simple() {
        (
            quote!(Ok(Self(r.read_value::<#ty>(&start)?))),
            quote! { w.start(ns, local); w.text_value(&self.0); w.end(); },
        )
    } else {
        (
            quote!(Ok(Self(<#ty as #rt::XmlRead>::read_xml(r, start)?))),
            quote!(#rt::XmlWrite::write_xml(&self.0, w, ns, local)),
        )
    };
    let element = element_impl(&name, &w.element, cx, read, write);
    quote! {
        #doc
        #derive
        pub struct #name(pub #ty);

        impl ::core::ops::Deref for #name {
            type Target = #ty;
            fn deref(&self) -> &#ty { &self.0 }
        }
        impl ::core::ops::DerefMut for #name {
            fn deref_mut(&mut self) -> &mut #ty { &mut self.0 }
        }
        impl ::core::convert::From<#ty> for #name {
            fn from(value: #ty) -> Self { Self(value) }
        }
        #element
    }
}

pub fn family_def(f: &Family, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let name = ident(&f.name);
    let variants = f.base.iter().chain(&f.variants).map(|v| {
        let vname = ident(&v.name);
        let ty = ty_tokens(&v.ty, cx);
        let doc = format!(" `xsi:type=\"{}\"`", v.type_name.local);
        quote! { #[doc = #doc] #vname(::std::boxed::Box<#ty>), }
    });
    let facts = format!(
        "XML: type `{}` and the types derived from it; the element's `xsi:type` attribute chooses the variant.",
        f.xml_name
    );
    let doc = doc_attrs(&f.doc, Some(facts));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#variants)*
            /// An element of a type this schema set does not know (or with no `xsi:type` where one is
            /// required), kept whole.
            Unknown(#rt::AnyElement),
        }
    }
}
