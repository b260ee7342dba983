//! `TYPES`, the generated types an element can have, by Rust path and XSD name: tools that choose
//! the type at run time (`epgen fmt --type service::ServiceType`, for an element cut out of its
//! document) look it up there.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{ident, Context};
use crate::ir::{Crate, Item};

/// The `TYPES` table over the generated modules' complex types (the families that dispatch on
/// `xsi:type` under their XSD name, not the base struct they share it with).
pub fn type_table(krate: &Crate, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let mut entries = Vec::new();
    for m in krate.modules.values().filter(|m| m.external.is_none()) {
        let xsd = |local: &str| match &m.namespace {
            Some(ns) => format!("{{{ns}}}{local}"),
            None => local.to_owned(),
        };
        let family_names: Vec<&str> = krate
            .items_of(m)
            .filter_map(|item| match item {
                Item::Family(f) => Some(f.xml_name.as_str()),
                _ => None,
            })
            .collect();
        for item in krate.own_items_of(m) {
            let (name, xsd) = match item {
                Item::Struct(s) if !s.is_group => {
                    let name = s.xml_name.lookup();
                    let named = s.element.is_none() && !family_names.contains(&name);
                    (&s.name, named.then(|| xsd(name)))
                }
                Item::Family(f) => (&f.name, Some(xsd(&f.xml_name))),
                _ => continue,
            };
            let path = format!("{}::{name}", m.name);
            let (module, ty) = (ident(&m.name), ident(name));
            let xsd = match xsd {
                Some(x) => {
                    let x = Literal::string(&x);
                    quote!(Some(#x))
                }
                None => quote!(None),
            };
            entries.push(quote! { #rt::fragment::NamedType::of::<#module::#ty>(#path, #xsd) });
        }
    }
    if entries.is_empty() {
        return quote!();
    }
    quote! {
        /// Every generated complex type by Rust path and XSD name, for reading an element cut out
        /// of its document as a type chosen at run time (`fragment::find_type`).
        pub static TYPES: &[#rt::fragment::NamedType] = &[#(#entries,)*];
    }
}
