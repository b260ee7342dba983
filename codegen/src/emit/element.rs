//! Reading and writing one element as a value of a type: simple types as text (an element without
//! attributes), complex types through their `XmlRead`/`XmlWrite`, nillable elements as
//! `xs::Nillable`, elements with a declared value as `xs::Defaulted`, elements whose `xsi:type` is
//! kept as `xs::Typed`. Shared by fields, choice alternatives and global-element wrappers.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ty_tokens, Context};
use crate::ir::{Field, FieldKind, RefusedTypes, Ty};

/// Whether an element read as `ty` is of a simple type: one without attributes of its own.
fn of_simple_type(ty: &Ty) -> bool {
    match ty {
        Ty::Defaulted { ty, .. } => of_simple_type(ty),
        ty => ty.is_simple(),
    }
}

/// An expression reading the element `start` (a `Start`, already taken) as a `ty`; `r` in scope. A
/// complex type is left to inference: the field or variant it fills names it.
pub fn read(ty: &Ty, start: TokenStream, cx: &Context) -> TokenStream {
    let super::RuntimeNames { rt_read, .. } = &cx.rt;
    let rt = &cx.runtime;
    match ty {
        Ty::Nillable(inner) => {
            let value = read(inner, start.clone(), cx);
            let simple = of_simple_type(inner);
            quote! {
                match r.read_nil(&#start, #simple)? {
                    #rt::xs::NilState::Absent => #rt::xs::Nillable::Value(#value),
                    #rt::xs::NilState::False => #rt::xs::Nillable::NotNil(#value),
                    #rt::xs::NilState::Nil(attributes) => #rt::xs::Nillable::Nil(attributes),
                }
            }
        }
        Ty::Typed(inner, _) => {
            // The `xsi:type` is taken (and hidden from the value's reader) before the value is read.
            let value = read(inner, start.clone(), cx);
            quote!(#rt::xs::Typed { xsi_type: r.take_xsi_type(&#start)?, value: #value })
        }
        Ty::Defaulted { ty: inner, value, fixed, white_space, .. } if inner.is_simple() => {
            let t = ty_tokens(ty, cx);
            let read = if *fixed {
                let white_space = super::white_space(*white_space, cx);
                quote!(<#t>::read_fixed(r, &#start, #value, #white_space)?)
            } else {
                quote!(<#t>::read(r, &#start, #value)?)
            };
            quote!({ r.refuse_attributes(&#start)?; #read })
        }
        // A type with simple or mixed content: its reader reads the attributes, and the value an
        // empty element takes as its text.
        Ty::Defaulted { value, fixed: true, white_space, content: Some(content), .. } => {
            let (t, content) = (ty_tokens(ty, cx), ty_tokens(content, cx));
            let white_space = super::white_space(*white_space, cx);
            quote!(<#t>::read_content_fixed::<#content>(r, #start, #value, #white_space)?)
        }
        // Mixed content (a type with simple content has its `content`).
        Ty::Defaulted { value, fixed: true, content: None, .. } => {
            let t = ty_tokens(ty, cx);
            quote!(<#t>::read_mixed_fixed(r, #start, #value)?)
        }
        Ty::Defaulted { value, .. } => {
            let t = ty_tokens(ty, cx);
            quote!(<#t>::read_content(r, #start, #value)?)
        }
        ty if ty.is_simple() => {
            let t = ty_tokens(ty, cx);
            // A simple-typed element has no attributes to keep them in: reject any, never drop.
            quote!({ r.refuse_attributes(&#start)?; r.read_value::<#t>(&#start)? })
        }
        _ => quote!(#rt_read::read_xml(r, #start)?),
    }
}

/// A statement refusing the element `start` (a `Start`) if its `xsi:type` names one of the types its
/// declaration's `block` forbids; `r` in scope.
pub fn refuse(refused: Option<&RefusedTypes>, start: TokenStream, cx: &Context) -> Option<TokenStream> {
    let refused = refused?;
    let of = &refused.of;
    let types = super::type_names(&refused.types, cx);
    Some(quote!(r.refuse_xsi_types(&#start, &[#(#types),*], #of)?;))
}

/// Statements writing `value` (a reference to a `ty`) as element `{ns}local`; `w` in scope.
pub fn write(ty: &Ty, value: TokenStream, ns: Option<&str>, local: &str, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let ns_name = cx.ns(ns);
    match ty {
        Ty::Nillable(inner) => {
            let write_value = write(inner, quote!(x), ns, local, cx);
            let ns = if ns.is_some() { quote!(Some(#ns_name)) } else { quote!(None) };
            quote! {
                match #value {
                    #rt::xs::Nillable::Nil(attributes) => #rt::__private::write_nil(attributes, w, #ns, #local),
                    #rt::xs::Nillable::Value(x) => { #write_value }
                    #rt::xs::Nillable::NotNil(x) => {
                        #rt::__private::write_not_nil(w);
                        #write_value
                    }
                }
            }
        }
        Ty::Typed(inner, _) => {
            let write_value = write(inner, quote!(x), ns, local, cx);
            quote! {{
                let x = #rt::xs::Typed::write_xsi_type(#value, w);
                #write_value
            }}
        }
        Ty::Defaulted { ty: inner, .. } => {
            let ns = if ns.is_some() { quote!(Some(#ns_name)) } else { quote!(None) };
            let write = if inner.is_simple() { quote!(write) } else { quote!(write_content) };
            quote! { #rt::xs::Defaulted::#write(#value, w, #ns, #local); }
        }
        ty if ty.is_simple() => quote! { w.value_element(#value, #ns_name, #local); },
        _ => quote! { w.element(#value, #ns_name, #local); },
    }
}

/// Whether the runtime's element helpers (`r.element`, `w.elements`, …) read and write field `f`:
/// every named element but nillable, defaulted and typed ones (`xs::Nillable`, `xs::Defaulted` and
/// `xs::Typed` have a reading of their own), boxed simple values (a `Box` is no `XmlValue`) and
/// elements whose declaration refuses some `xsi:type`s of their type's family.
pub fn has_helpers(f: &Field) -> bool {
    match &f.kind {
        FieldKind::Element { ty: Ty::Nillable(_) | Ty::Defaulted { .. } | Ty::Typed(..), .. } => false,
        FieldKind::Element { refused: Some(_), .. } => false,
        FieldKind::Element { ty, .. } => !(ty.is_simple() && f.boxed),
        _ => false,
    }
}
