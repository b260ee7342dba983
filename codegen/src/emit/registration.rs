//! For a custom category generated outside this crate: each module's `register()`, which registers
//! its global elements with the runtime's registry (so that a `<category>` or `<publication>`
//! payload reads as `CategoryValue::Custom`), and `From<Element> for CategoryValue`, so that a value
//! can be published as it is (`PublishBuilder::publish(…, parking_spot)`).

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, Context};
use crate::ir::{Crate, Module};

/// The module's `register()` and `From` impls, or nothing when it has no global element.
pub fn registration(m: &Module, krate: &Crate, cx: &Context) -> TokenStream {
    let mut names: Vec<&str> = krate
        .roots
        .iter()
        .filter(|r| krate.module_of(r.ty) == m.name && krate.extern_path(r.ty).is_none())
        .map(|r| krate.item(r.ty).name())
        .collect();
    names.sort_unstable();
    names.dedup();
    let types: Vec<_> = names.into_iter().map(ident).collect();
    if types.is_empty() {
        return quote!();
    }
    let rt = &cx.runtime;
    let from = &cx.std.from;
    quote! {
        /// Registers this module's global elements with the runtime (`registry::register`): from
        /// then on they read as `CategoryValue::Custom` inside `<category>` and `<publication>`.
        /// Registering twice has no further effect.
        pub fn register() {
            #(#rt::registry::register::<#types>();)*
        }

        #(
            impl #from<#types> for #rt::CategoryValue {
                fn from(value: #types) -> Self {
                    #rt::CategoryValue::custom(value)
                }
            }
        )*
    }
}
