//! serde support (`Config::serde`): derived `Serialize` and `Deserialize` for structs and enums, and
//! for simple types the runtime's `serde_text!`, which goes through the XML lexical form (so that a
//! value read from JSON is checked like one read from XML).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::Context;

/// Whether and how generated types implement serde's traits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Serde {
    /// Not at all.
    #[default]
    Off,
    /// Always: the generated crate depends on serde.
    Always,
    /// Only when the generated crate's feature of this name is on (`#[cfg_attr(feature = …)]`).
    Feature(String),
}

/// The derive attribute for a struct or enum.
pub fn derive(cx: &Context) -> TokenStream {
    match &cx.serde {
        Serde::Off => quote!(),
        Serde::Always => quote!(#[derive(::serde::Serialize, ::serde::Deserialize)]),
        Serde::Feature(feature) => {
            quote!(#[cfg_attr(feature = #feature, derive(::serde::Serialize, ::serde::Deserialize))])
        }
    }
}

/// The impls for simple type `name`, through its lexical form.
pub fn text(name: &Ident, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    match &cx.serde {
        Serde::Off => quote!(),
        Serde::Always => quote!(#rt::serde_text!(#name);),
        Serde::Feature(feature) => quote! {
            #[cfg(feature = #feature)]
            #rt::serde_text!(#name);
        },
    }
}
