//! Writers: `XmlWrite` for structs, and the group writers their content calls.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, Context, StdNames};
use crate::ir::{Body, Choice, Family, Field, FieldKind, Struct};

pub fn struct_write(s: &Struct, cx: &Context) -> TokenStream {
    let super::RuntimeNames { rt_value, rt_write, rt_writer, .. } = &cx.rt;
    let rt = &cx.runtime;
    let StdNames { option, string, .. } = &cx.std;
    let name = ident(&s.name);
    if s.is_group {
        let Body::Fields(fields) = &s.body else {
            return quote!();
        };
        let writes = fields.iter().map(|f| {
            let name = ident(&f.field);
            field_write(f, quote!(self.#name), quote!(&self.#name), cx)
        });
        let unused = fields.is_empty().then(|| quote!(let _ = w;));
        return quote! {
            fn write_group(&self, w: &mut #rt_writer) {
                #unused
                #(#writes)*
            }
        };
    }
    let attributes = s.attributes.iter().map(|a| {
        let field = ident(&a.field);
        let local = &a.name.local;
        let write = match &a.name.ns {
            Some(ns) => quote! {
                let mut text = #string::new();
                #rt_value::write_xml(v, &mut text);
                w.attr_ns(None, Some(#ns), #local, &text);
            },
            None => quote! { w.attr_value(#local, v); },
        };
        match (&a.name.ns, a.required) {
            (None, true) => quote! { w.attr_value(#local, &self.#field); },
            (None, false) => quote! { w.optional_attr_value(#local, &self.#field); },
            (Some(_), true) => quote! { { let v = &self.#field; #write } },
            (Some(_), false) => quote! { if let Some(v) = &self.#field { #write } },
        }
    });
    let any_attributes = s.any_attribute.as_ref().map(|_| quote! { self.any_attributes.write(w); });
    // Kept attributes may hold an `xsi:type` whose value needs a particular default namespace.
    let start = match s.any_attribute {
        Some(_) => quote! { w.start_keeping(ns, local, &self.any_attributes); },
        None => quote! { w.start(ns, local); },
    };
    let content = match &s.body {
        Body::Simple(_) => quote! { w.text_value(&self.value); },
        Body::Mixed => quote! { #rt::any::write_nodes(w, &self.content); },
        Body::Fields(fields) => {
            let writes = fields.iter().map(|f| {
                let name = ident(&f.field);
                field_write(f, quote!(self.#name), quote!(&self.#name), cx)
            });
            quote! { #(#writes)* }
        }
    };
    let body = quote! {
        #(#attributes)*
        #any_attributes
        #content
        w.end();
    };
    if !s.typed {
        return quote! {
            impl #rt_write for #name {
                fn write_xml(&self, w: &mut #rt_writer, ns: #option<&str>, local: &str) {
                    #start
                    #body
                }
            }
        };
    }
    quote! {
        impl #name {
            /// Writes the element, with `xsi:type` naming `xsi_type` when given.
            #[doc(hidden)]
            pub fn write_with(
                &self,
                w: &mut #rt_writer,
                ns: #option<&str>,
                local: &str,
                xsi_type: #option<(#option<&str>, &str)>,
            ) {
                // Queued before the start tag: a type in no namespace needs an element without a
                // default namespace, which only the start tag can arrange.
                if let Some((type_ns, type_local)) = xsi_type {
                    w.xsi_type_next(type_ns, type_local);
                }
                #start
                #body
            }
        }
        impl #rt_write for #name {
            fn write_xml(&self, w: &mut #rt_writer, ns: #option<&str>, local: &str) {
                self.write_with(w, ns, local, None);
            }
        }
    }
}

pub fn family_write(f: &Family, cx: &Context) -> TokenStream {
    let super::RuntimeNames { rt_write, rt_writer, .. } = &cx.rt;
    let option = &cx.std.option;
    let name = ident(&f.name);
    let base = f.base.iter().map(|v| {
        let vname = ident(&v.name);
        quote! { Self::#vname(v) => v.write_with(w, ns, local, None), }
    });
    let arms = f.variants.iter().map(|v| {
        let vname = ident(&v.name);
        let type_ns = match &v.type_name.ns {
            Some(n) => {
                let n = cx.ns(Some(n));
                quote!(Some(#n))
            }
            None => quote!(None),
        };
        let type_local = &v.type_name.local;
        quote! { Self::#vname(v) => v.write_with(w, ns, local, Some((#type_ns, #type_local))), }
    });
    quote! {
        impl #rt_write for #name {
            fn write_xml(&self, w: &mut #rt_writer, ns: #option<&str>, local: &str) {
                match self {
                    #(#base)*
                    #(#arms)*
                    Self::Unknown(e) => #rt_write::write_xml(e, w, ns, local),
                }
            }
        }
    }
}

pub fn choice_write(c: &Choice, cx: &Context) -> TokenStream {
    let super::RuntimeNames { rt_writer, .. } = &cx.rt;
    let arms = c.variants.iter().map(|v| {
        let vname = ident(&v.name);
        let write = field_write(&v.field, quote!(x), quote!(x), cx);
        quote! { Self::#vname(x) => { #write } }
    });
    // A choice with no alternatives has no values: matching the reference itself would not compile.
    let body = if c.variants.is_empty() {
        quote! { let _ = w; match *self {} }
    } else {
        quote! { match self { #(#arms)* } }
    };
    quote! {
        fn write_group(&self, w: &mut #rt_writer) {
            #body
        }
    }
}

/// Statements writing a field: `recv` names it as a method receiver, `reference` borrows it.
fn field_write(f: &Field, recv: TokenStream, reference: TokenStream, cx: &Context) -> TokenStream {
    let single = !f.occurs.is_vec() && !f.occurs.is_option();
    let helper = match &f.kind {
        FieldKind::Element { name, ty, .. } if super::element::has_helpers(f) => {
            let (ns, local) = (cx.ns(name.ns.as_deref()), &name.local);
            let method = match (ty.is_simple(), single, f.occurs.is_option()) {
                (true, true, _) => quote!(value_element),
                (true, false, true) => quote!(optional_value_element),
                (true, false, false) => quote!(value_elements),
                (false, true, _) => quote!(element),
                (false, false, true) => quote!(optional_element),
                (false, false, false) => quote!(elements),
            };
            Some(quote! { w.#method(#reference, #ns, #local); })
        }
        FieldKind::Any(_) | FieldKind::Lax { .. } if single => Some(quote! { #recv.write(w); }),
        FieldKind::Group { .. } if single => Some(quote! { #recv.write_group(w); }),
        _ => None,
    };
    if let Some(helper) = helper {
        return helper;
    }
    let each = write_one(f, cx);
    if f.occurs.is_vec() {
        quote! { for v in #reference { #each } }
    } else if f.occurs.is_option() {
        quote! { if let Some(v) = #reference { #each } }
    } else {
        quote! { { let v = #reference; #each } }
    }
}

/// Writes `v` (a reference to one value of the field).
fn write_one(f: &Field, cx: &Context) -> TokenStream {
    let v = if f.boxed { quote!(v.as_ref()) } else { quote!(v) };
    match &f.kind {
        FieldKind::Element { name, ty, .. } => {
            super::element::write(ty, v, name.ns.as_deref(), &name.local, cx)
        }
        FieldKind::Any(_) | FieldKind::Lax { .. } => quote! { #v.write(w); },
        FieldKind::Group { .. } => quote! { #v.write_group(w); },
    }
}
