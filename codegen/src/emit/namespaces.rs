//! Namespace URIs in generated readers and writers: a module names each namespace its elements use
//! by a constant (its own namespace is its public `NAMESPACE`, another module's is `<MODULE>_NS`), so
//! that every element name repeats a short name rather than a long literal.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, PoisonError};

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{quote, ToTokens};

use crate::ir::{Crate, Module};

/// The constants one module may use, and the ones its code has used so far (only those are
/// defined, so that none is dead code).
#[derive(Clone, Default)]
pub struct NamespaceNames {
    /// The module's own namespace, named `NAMESPACE`.
    own: Option<String>,
    /// Every other module's namespace URI → its constant's name.
    others: BTreeMap<String, String>,
    /// URIs of `others` the module's code names.
    used: Arc<Mutex<BTreeSet<String>>>,
}

impl NamespaceNames {
    /// The names for the code of module `m`.
    pub fn for_module(krate: &Crate, m: &Module) -> Self {
        let others = krate
            .modules
            .values()
            .filter(|other| other.namespace != m.namespace)
            .filter_map(|other| Some((other.namespace.clone()?, format!("{}_NS", other.name.to_uppercase()))))
            .collect();
        NamespaceNames { own: m.namespace.clone(), others, used: Arc::default() }
    }

    /// An expression for namespace `ns` as a `&str` (empty for no namespace).
    pub fn name(&self, ns: Option<&str>) -> TokenStream {
        let Some(uri) = ns else { return quote!("") };
        match self.constant(uri) {
            Some(name) => name.into_token_stream(),
            None => Literal::string(uri).into_token_stream(),
        }
    }

    /// An expression for namespace `ns` as bytes (empty for no namespace), to compare with a name
    /// the reader resolved.
    pub fn bytes(&self, ns: Option<&str>) -> TokenStream {
        let uri = ns.unwrap_or("");
        match ns.and_then(|uri| self.constant(uri)) {
            Some(name) => quote!(#name.as_bytes()),
            None => Literal::byte_string(uri.as_bytes()).into_token_stream(),
        }
    }

    /// The constant naming namespace `uri`, if the module has one.
    fn constant(&self, uri: &str) -> Option<Ident> {
        if self.own.as_deref() == Some(uri) {
            return Some(Ident::new("NAMESPACE", Span::call_site()));
        }
        let name = self.others.get(uri)?;
        self.used.lock().unwrap_or_else(PoisonError::into_inner).insert(uri.to_owned());
        Some(Ident::new(name, Span::call_site()))
    }

    /// The definitions of the constants [`NamespaceNames::name`] has handed out.
    pub fn definitions(&self) -> TokenStream {
        let used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        let consts = used.iter().filter_map(|uri| {
            let name = Ident::new(self.others.get(uri)?, Span::call_site());
            Some(quote! { const #name: &str = #uri; })
        });
        quote! { #(#consts)* }
    }
}
