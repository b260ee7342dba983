//! The runtime's items as generated code names them. A generated module imports the ones its
//! signatures and impls name most (`XmlReader`, `Start`, `Error`, …) unless one of its own items
//! takes the name; any other runtime item, and all of them in code that lands in a module of the
//! user's, go through the runtime's path. The particle helpers (`r.element(…)`, `w.elements(…)`) are
//! methods of the runtime's hidden `__private` traits, which every piece of generated code imports
//! anonymously (see [`helper_traits`]).

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, ToTokens};

macro_rules! runtime_names {
    ($($field:ident: $name:literal,)*) => {
        /// How generated code names each imported runtime item (a field per item).
        #[derive(Clone, Default)]
        pub struct RuntimeNames {
            $(pub $field: TokenStream,)*
        }

        impl RuntimeNames {
            /// Every item through `runtime`, a path to the runtime crate.
            pub fn absolute(runtime: &TokenStream) -> Self {
                $(let $field = Ident::new($name, Span::call_site());)*
                RuntimeNames { $($field: quote!(#runtime::#$field),)* }
            }

            /// Items by their own names, except those `shadowed` says a module's own item takes; and
            /// the `use` that imports them from `runtime`.
            pub fn imported(runtime: &TokenStream, shadowed: impl Fn(&str) -> bool) -> (Self, TokenStream) {
                let mut imports = Vec::new();
                let names = RuntimeNames {
                    $($field: {
                        let name = Ident::new($name, Span::call_site());
                        if shadowed($name) {
                            quote!(#runtime::#name)
                        } else {
                            imports.push(name.clone());
                            name.into_token_stream()
                        }
                    },)*
                };
                // Allowed unused: not every module reads, writes and parses values.
                let traits = helper_traits(runtime);
                let import = quote! { #[allow(unused_imports)] use #runtime::{#(#imports),*}; #traits };
                (names, import)
            }
        }
    };
}

/// The `use` that brings the runtime's particle-helper traits into scope, as `_`: their methods are
/// what generated readers and writers call, and an anonymous import cannot collide with any name
/// (the user's, in code included into a module of theirs).
pub fn helper_traits(runtime: &TokenStream) -> TokenStream {
    quote! {
        #[allow(unused_imports)]
        use #runtime::__private::{KeepAttribute as _, ParseAttr as _, ReadParticles as _, WriteParticles as _};
    }
}

runtime_names! {
    rt_reader: "XmlReader",
    rt_writer: "XmlWriter",
    rt_start: "Start",
    rt_error: "Error",
    rt_read: "XmlRead",
    rt_write: "XmlWrite",
    rt_value: "XmlValue",
    rt_value_error: "ValueError",
    rt_element: "XmlElement",
    rt_any_attributes: "AnyAttributes",
    rt_any_element: "AnyElement",
}
