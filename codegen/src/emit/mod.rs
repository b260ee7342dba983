//! Rust type model → token streams, one per module plus the module tree (`mod.rs`) with the
//! `Document` enum that dispatches on the root element. Only `quote!`: no string building.

mod arbitrary;
mod docs;
mod element;
mod namespaces;
mod read;
mod registration;
mod runtime_names;
mod serde;
mod type_table;
mod types;
mod write;

pub(crate) use docs::{doc_attrs, doc_text, wrap};
pub use runtime_names::RuntimeNames;
pub use serde::Serde;
pub(crate) use types::fits_integer;

use std::collections::BTreeMap;
use std::rc::Rc;

use proc_macro2::{Ident, Literal, Span, TokenStream, TokenTree};
use quote::{format_ident, quote, ToTokens};

use crate::ir::{Crate, Item, Module, Ty, TypeId};
use crate::model::QName;

/// What the emitter needs besides the model.
#[derive(Clone, Default)]
pub struct Context {
    /// Path of the runtime crate, e.g. `::enhanced_presence`. Inside a generated module it is the
    /// module's alias for it, `_rt`.
    pub runtime: TokenStream,
    /// How the code names the standard library's types.
    pub std: StdNames,
    /// Modules that exist elsewhere: module name → Rust path.
    pub extern_modules: BTreeMap<String, TokenStream>,
    /// Every generated type, by [`TypeId`]: how the code names it.
    pub types: Rc<[TypeName]>,
    /// Extra attributes for generated types: (`.`, `Name` or `module::Name`, attribute).
    pub type_attributes: Vec<(String, TokenStream)>,
    /// Extra attributes for generated fields: (`.`, `Name.field` or `module::Name.field`, attribute).
    pub field_attributes: Vec<(String, TokenStream)>,
    /// The module being emitted.
    pub module: String,
    /// Emit `XmlArbitrary` impls behind the generated crate's `arbitrary` feature.
    pub arbitrary: bool,
    /// Whether and how to emit serde's `Serialize` and `Deserialize`.
    pub serde: Serde,
    /// The module's alias for the runtime's `arbitrary_support` module, if it has one (declared in the
    /// block that holds the module's `XmlArbitrary` impls).
    pub arbitrary_support: Option<TokenStream>,
    /// That block imports `XmlArbitrary` and `Unstructured` by name (no item of the module takes them).
    pub arbitrary_names_imported: bool,
    /// How the module's code names namespace URIs.
    pub namespaces: namespaces::NamespaceNames,
    /// How the code names the runtime's most used items.
    pub rt: RuntimeNames,
    /// Emit each module's `register()` and `From<Element> for CategoryValue` (custom categories).
    pub registration: bool,
    /// Emit `TYPES`, the table of complex types by name (`Config::type_table`).
    pub type_table: bool,
    /// The name of the enum over the document roots (`Document` when `None`).
    pub document_name: Option<String>,
}

/// The standard library's types and traits as generated code names them. Inside a generated module
/// these are the prelude's names, unless an item of the module shadows one: short paths make the
/// code cheaper to format and to compile. Code that lands in a module we do not control (the
/// top of a single included file) uses absolute paths.
#[derive(Clone)]
pub struct StdNames {
    pub option: TokenStream,
    pub result: TokenStream,
    pub string: TokenStream,
    pub vec: TokenStream,
    pub boxed: TokenStream,
    pub default: TokenStream,
    pub clone: TokenStream,
    pub from: TokenStream,
}

impl Default for StdNames {
    fn default() -> Self {
        StdNames::absolute()
    }
}

impl StdNames {
    /// Absolute paths, right in any scope.
    pub fn absolute() -> Self {
        StdNames {
            option: quote!(::core::option::Option),
            result: quote!(::core::result::Result),
            string: quote!(::std::string::String),
            vec: quote!(::std::vec::Vec),
            boxed: quote!(::std::boxed::Box),
            default: quote!(::core::default::Default),
            clone: quote!(::core::clone::Clone),
            from: quote!(::core::convert::From),
        }
    }

    /// Prelude names, except those `shadowed` says a module's own item takes.
    pub fn prelude(shadowed: impl Fn(&str) -> bool) -> Self {
        let abs = StdNames::absolute();
        let pick = |name: &str, path: TokenStream| {
            if shadowed(name) {
                path
            } else {
                Ident::new(name, Span::call_site()).into_token_stream()
            }
        };
        StdNames {
            option: pick("Option", abs.option),
            result: pick("Result", abs.result),
            string: pick("String", abs.string),
            vec: pick("Vec", abs.vec),
            boxed: pick("Box", abs.boxed),
            default: pick("Default", abs.default),
            clone: pick("Clone", abs.clone),
            from: pick("From", abs.from),
        }
    }
}

/// The name a generated module gives the runtime crate: a `use` alias no generated name can take
/// (type names are camel case, module names never start with `_` and a letter).
const RUNTIME_ALIAS: &str = "_rt";

/// The same for the runtime's `arbitrary_support` module, which exists only with its `arbitrary`
/// feature.
const ARBITRARY_ALIAS: &str = "_arb";

/// A generated module's `use` of the runtime and of its most used items, and the context that names
/// them so (and `arbitrary_support` through its alias, when the module has `XmlArbitrary` impls).
fn runtime_aliases(
    cx: &Context,
    std: StdNames,
    shadowed: impl Fn(&str) -> bool,
    module: &str,
) -> (TokenStream, Context) {
    let path = &cx.runtime;
    let alias = Ident::new(RUNTIME_ALIAS, Span::call_site());
    let (rt, items) = RuntimeNames::imported(path, &shadowed);
    // Allowed unused: a module of type aliases alone may not need the runtime.
    let import = quote! { #[allow(unused_imports)] use #path as #alias; #items };
    let arbitrary_support =
        cx.arbitrary.then(|| Ident::new(ARBITRARY_ALIAS, Span::call_site()).into_token_stream());
    let arbitrary_names_imported = !shadowed("XmlArbitrary") && !shadowed("Unstructured");
    let runtime = alias.into_token_stream();
    let module = module.to_owned();
    (import, Context { runtime, std, rt, arbitrary_support, arbitrary_names_imported, module, ..cx.clone() })
}

/// How generated code names one generated type.
#[derive(Clone, Debug, Default)]
pub struct TypeName {
    pub module: String,
    pub name: String,
    /// The existing type the user maps it to, named by this path.
    pub path: Option<TokenStream>,
    /// It is a list type (see `Crate::list_items`), whose `arbitrary` values are made item by item.
    pub list: Option<Option<&'static str>>,
    /// Its values may hold QNames (see `Crate::holds_qnames`).
    pub qnames: bool,
}

impl Context {
    /// The name of generated type `id`, as code of its own module names it.
    pub(crate) fn type_ident(&self, id: TypeId) -> Ident {
        ident(&self.types[id.index()].name)
    }

    /// The module and type of a document root.
    fn root_path(&self, r: &crate::ir::Root) -> (Ident, Ident) {
        let t = &self.types[r.ty.index()];
        (ident(&t.module), ident(&t.name))
    }

    /// Namespace `ns` as a `&str` expression (empty for no namespace): a constant where the module
    /// has one.
    pub(crate) fn ns(&self, ns: Option<&str>) -> TokenStream {
        self.namespaces.name(ns)
    }

    /// The name of the enum over the document roots.
    pub(crate) fn document_name(&self) -> &str {
        self.document_name.as_deref().unwrap_or("Document")
    }

    fn matches(&self, pattern: &str, name: &str) -> bool {
        pattern_matches(pattern, &self.module, name)
    }

    /// The user's attributes for type `name` of the current module.
    pub(crate) fn type_attributes(&self, name: &str) -> TokenStream {
        let attrs = self.type_attributes.iter().filter(|(p, _)| self.matches(p, name)).map(|(_, a)| a);
        quote! { #(#attrs)* }
    }

    /// The user's attributes for field `field` of type `ty` of the current module.
    pub(crate) fn field_attributes(&self, ty: &str, field: &str) -> TokenStream {
        let name = format!("{ty}.{field}");
        let attrs = self.field_attributes.iter().filter(|(p, _)| self.matches(p, &name)).map(|(_, a)| a);
        quote! { #(#attrs)* }
    }
}

/// Whether a user attribute pattern (`.`, `name` or `module::name`) names `name` of `module`; a
/// name is a type's (`Type`) or a field's (`Type.field`).
fn pattern_matches(pattern: &str, module: &str, name: &str) -> bool {
    pattern == "."
        || pattern == name
        || pattern.strip_prefix(module).and_then(|rest| rest.strip_prefix("::")) == Some(name)
}

/// The `type_attributes` and `field_attributes` patterns of `cx` that name no type or field the
/// crate generates, as messages: a misspelt pattern would otherwise add nothing, silently.
/// XSD type names as `(namespace, local name)` pairs, as the reader's `xsi:type` lookups take them.
fn type_names<'a>(
    names: impl IntoIterator<Item = &'a QName> + 'a,
    cx: &'a Context,
) -> impl Iterator<Item = TokenStream> + 'a {
    names.into_iter().map(|name| {
        let (ns, local) = (cx.ns(name.ns.as_deref()), &name.local);
        quote!((#ns, #local))
    })
}

pub fn unmatched_patterns(krate: &Crate, cx: &Context) -> Vec<String> {
    let mut types: Vec<(&str, &str)> = Vec::new();
    let mut fields: Vec<(&str, String)> = Vec::new();
    for m in krate.modules.values().filter(|m| m.external.is_none()) {
        for item in krate.own_items_of(m) {
            match item {
                // An alias is not a type of its own: attributes cannot go on it.
                Item::Alias(_) => continue,
                Item::Struct(s) => {
                    let body = match &s.body {
                        crate::ir::Body::Fields(body) => body.as_slice(),
                        _ => &[],
                    };
                    let names = s.attributes.iter().map(|a| &a.field).chain(body.iter().map(|f| &f.field));
                    fields.extend(names.map(|field| (m.name.as_str(), format!("{}.{field}", s.name))));
                }
                _ => {}
            }
            types.push((m.name.as_str(), item.name()));
        }
    }
    let type_messages = cx.type_attributes.iter().filter_map(|(pattern, _)| {
        let found = types.iter().any(|(module, name)| pattern_matches(pattern, module, name));
        (!found).then(|| {
            format!("type_attribute pattern `{pattern}` matches no generated type (patterns: `.`, `Name` or `module::Name`)")
        })
    });
    let field_messages = cx.field_attributes.iter().filter_map(|(pattern, _)| {
        let found = fields.iter().any(|(module, name)| pattern_matches(pattern, module, name));
        (!found).then(|| {
            format!(
                "field_attribute pattern `{pattern}` matches no generated field (patterns: `.`, `Type.field` or `module::Type.field`)"
            )
        })
    });
    type_messages.chain(field_messages).collect()
}

/// One file of the output, emitted on its own so that files can be emitted and formatted on
/// separate threads.
#[derive(Clone, Copy)]
pub enum Part<'k> {
    /// `mod.rs`: the module tree and the enums over the document roots.
    Tree,
    /// One module's file.
    Module(&'k Module),
}

impl Part<'_> {
    /// The file's name relative to the output directory.
    pub fn name(&self) -> String {
        match self {
            Part::Tree => "mod.rs".into(),
            Part::Module(m) => format!("{}.rs", m.name),
        }
    }

    /// A rough measure of the work this file takes, for handing out the largest files first.
    pub fn weight(&self, krate: &Crate) -> usize {
        match self {
            // Measured: a root costs `mod.rs` about a third of what an item costs its module.
            Part::Tree => krate.roots.len() / 3,
            Part::Module(m) => m.items.len(),
        }
    }
}

/// The files to emit: `mod.rs` and one per module.
pub fn parts(krate: &Crate) -> Vec<Part<'_>> {
    let modules = krate.modules.values().filter(|m| m.external.is_none()).map(Part::Module);
    std::iter::once(Part::Tree).chain(modules).collect()
}

/// The code of one file.
pub fn emit_part(part: Part<'_>, krate: &Crate, cx: &Context) -> TokenStream {
    match part {
        Part::Tree => module_tree(krate, cx, false),
        Part::Module(m) => module(m, krate, cx),
    }
}

/// Everything in one file, the modules inline: for `include!` from `OUT_DIR`.
pub fn emit_single(krate: &Crate, cx: &Context) -> TokenStream {
    module_tree(krate, cx, true)
}

fn module(m: &Module, krate: &Crate, cx: &Context) -> TokenStream {
    let shadowed = |name: &str| krate.items_of(m).any(|item| item.name() == name);
    let (import, mut cx) = runtime_aliases(cx, StdNames::prelude(shadowed), shadowed, &m.name);
    cx.namespaces = namespaces::NamespaceNames::for_module(krate, m);
    let cx = &cx;
    let namespace = m.namespace.as_deref().map(|ns| {
        quote! {
            #[doc = " The target namespace of this module's types and elements."]
            pub const NAMESPACE: &str = #ns;
        }
    });
    // Built by moving each item's tokens in: interpolating with `quote!` would copy them all again.
    let mut out = TokenStream::new();
    for item in krate.own_items_of(m) {
        match item {
            // A group's reader and writer are methods of one `impl`.
            Item::Struct(s) if s.is_group => {
                let (name, read, write) =
                    (ident(&s.name), read::struct_read(s, cx), write::struct_write(s, cx));
                out.extend([types::struct_def(s, cx), quote! { impl #name { #read #write } }])
            }
            Item::Struct(s) => {
                out.extend([types::struct_def(s, cx), read::struct_read(s, cx), write::struct_write(s, cx)])
            }
            Item::Choice(c) => {
                let (name, read, write) =
                    (ident(&c.name), read::choice_read(c, cx), write::choice_write(c, cx));
                out.extend([types::choice_def(c, cx), quote! { impl #name { #read #write } }])
            }
            Item::Enum(e) => out.extend(types::value_enum(e, cx)),
            Item::Alias(a) => out.extend(types::alias(a, cx)),
            Item::Element(w) => out.extend(types::element_wrapper(w, cx)),
            Item::Restricted(r) => out.extend(types::restricted(r, cx)),
            Item::ElementEnum(e) => out.extend([types::element_enum(e, cx), read::element_enum_read(e, cx)]),
            Item::Family(f) => {
                out.extend([types::family_def(f, cx), read::family_read(f, cx), write::family_write(f, cx)])
            }
        }
    }
    if cx.arbitrary {
        let mut impls = TokenStream::new();
        for item in krate.own_items_of(m) {
            impls.extend(match item {
                Item::Struct(s) => arbitrary::struct_arbitrary(s, cx),
                Item::Choice(c) => arbitrary::choice_arbitrary(c, cx),
                Item::Enum(e) => arbitrary::value_enum_arbitrary(e, cx),
                Item::Alias(_) => quote!(),
                Item::Element(w) => arbitrary::wrapper_arbitrary(w, cx),
                Item::Family(f) => arbitrary::family_arbitrary(f, cx),
                Item::Restricted(r) => arbitrary::restricted_arbitrary(r, cx),
                Item::ElementEnum(e) => arbitrary::element_enum_arbitrary(e, cx),
            });
        }
        out.extend(arbitrary::feature_block(impls, cx));
    }
    if cx.registration {
        out.extend(registration::registration(m, krate, cx));
    }
    // The namespace constants go first; they are known once the items have named them.
    let mut head = import;
    head.extend(namespace);
    head.extend(cx.namespaces.definitions());
    head.extend(out);
    head
}

fn module_tree(krate: &Crate, cx: &Context, inline: bool) -> TokenStream {
    // Included into a module of the user's, the tree names everything absolutely; as its own file
    // (`mod.rs`), it names the runtime through an alias and standard types by their prelude names.
    let (import, cx) = if inline {
        (Some(runtime_names::helper_traits(&cx.runtime)), cx.clone())
    } else {
        let known = krate.known_element.as_deref();
        let document = cx.document_name();
        let shadowed = |name: &str| name == document || known == Some(name);
        let (import, cx) = runtime_aliases(cx, StdNames::prelude(shadowed), shadowed, &cx.module);
        (Some(import), cx)
    };
    let cx = &cx;
    let RuntimeNames { rt_error, rt_start, rt_element, rt_reader, rt_writer, .. } = &cx.rt;
    let document = ident(cx.document_name());
    let mods = krate.modules.values().filter(|m| m.external.is_none()).map(|m| {
        let name = ident(&m.name);
        let doc = doc_text(&match &m.namespace {
            Some(ns) => format!("Types of namespace `{ns}`."),
            None => "Types in no namespace.".to_owned(),
        });
        if inline {
            let body = module(m, krate, cx);
            quote! { #doc pub mod #name { #body } }
        } else {
            quote! { #doc pub mod #name; }
        }
    });
    let external: Vec<&str> =
        krate.modules.values().filter(|m| m.external.is_some()).map(|m| m.name.as_str()).collect();
    let elements = krate.roots.iter().filter(|r| !external.contains(&krate.module_of(r.ty)));
    let roots: Vec<&crate::ir::Root> = elements.clone().filter(|r| r.document).collect();
    let wildcard: Vec<&crate::ir::Root> = elements.filter(|r| r.wildcard).collect();
    let variants = roots.iter().map(|r| {
        let v = ident(&r.variant);
        let (m, t) = cx.root_path(r);
        let doc = root_doc(r);
        quote! { #doc #v(#m::#t) }
    });
    let matches = roots.iter().map(|r| {
        let (m, t) = cx.root_path(r);
        quote! { <#m::#t as #rt_element>::matches(ns, local) }
    });
    let reads = roots.iter().map(|r| {
        let v = ident(&r.variant);
        let (m, t) = cx.root_path(r);
        quote! {
            if r.is_element::<#m::#t>(&start) {
                return r.element_variant(start, #document::#v);
            }
        }
    });
    let writes = roots.iter().map(|r| {
        let v = ident(&r.variant);
        quote! { #document::#v(x) => #rt_element::write_element(x, w), }
    });
    let result = &cx.std.result;
    let serde = serde::derive(cx);
    let expected: Vec<String> = roots.iter().map(|r| qname_text(&r.name)).collect();
    let expected = format!("one of {}", expected.join(", "));
    let body = if roots.is_empty() {
        quote! {}
    } else {
        quote! {
            /// Any document whose root is one of the generated global elements.
            #[derive(Debug, Clone, PartialEq)]
            #serde
            #[allow(clippy::large_enum_variant)]
            pub enum #document { #(#variants,)* }

            impl #rt_element for #document {
                fn matches(ns: &[u8], local: &[u8]) -> bool {
                    #(#matches)||*
                }
                fn expected() -> &'static str {
                    #expected
                }
                fn read_element(r: &mut #rt_reader<'_>, start: #rt_start<'_>) -> #result<Self, #rt_error> {
                    #(#reads)*
                    Err(r.unexpected(&start, #expected))
                }
                fn write_element(&self, w: &mut #rt_writer) {
                    match self { #(#writes)* }
                }
            }
        }
    };
    let known = krate.known_element.as_ref().map(|name| known_element(name, &wildcard, cx));
    let arbitrary = (cx.arbitrary && !roots.is_empty()).then(|| {
        let document = arbitrary::roots_arbitrary(cx.document_name(), &roots, false, cx);
        let known =
            krate.known_element.as_ref().map(|name| arbitrary::roots_arbitrary(name, &wildcard, true, cx));
        arbitrary::feature_block(quote! { #document #known }, cx)
    });
    let table = cx.type_table.then(|| type_table::type_table(krate, cx));
    quote! { #import #(#mods)* #body #known #table #arbitrary }
}

/// The enum over every global element, plus registered custom elements and anything else kept whole.
fn known_element(name: &str, roots: &[&crate::ir::Root], cx: &Context) -> TokenStream {
    let RuntimeNames {
        rt_any_element, rt_error, rt_start, rt_element, rt_read, rt_reader, rt_writer, ..
    } = &cx.rt;
    let rt = &cx.runtime;
    let StdNames { boxed, result, from, .. } = &cx.std;
    let name = ident(name);
    let serde = serde::derive(cx);
    let variants = roots.iter().map(|r| {
        let v = ident(&r.variant);
        let (m, t) = cx.root_path(r);
        let doc = root_doc(r);
        quote! { #doc #v(#boxed<#m::#t>) }
    });
    let reads = roots.iter().map(|r| {
        let v = ident(&r.variant);
        let (m, t) = cx.root_path(r);
        quote! {
            if r.is_element::<#m::#t>(&start) {
                return r.element_variant(start, Self::#v);
            }
        }
    });
    let writes = roots.iter().map(|r| {
        let v = ident(&r.variant);
        quote! { Self::#v(x) => #rt_element::write_element(x.as_ref(), w), }
    });
    let froms = roots.iter().map(|r| {
        let v = ident(&r.variant);
        let (m, t) = cx.root_path(r);
        quote! {
            impl #from<#m::#t> for #name {
                fn from(value: #m::#t) -> Self {
                    Self::#v(#boxed::new(value))
                }
            }
        }
    });
    quote! {
        /// An element where a wildcard allows any namespace (such as a category instance inside
        /// `<category>` or `<publication>`): typed when it is one of the generated global elements or a
        /// registered custom element, kept whole otherwise.
        #[derive(Debug, Clone, PartialEq)]
        #serde
        pub enum #name {
            #(#variants,)*
            /// An element of a type registered with `registry::register`.
            Custom(#rt::registry::Custom),
            /// Any other element, kept whole.
            Unknown(#rt_any_element),
        }

        impl #rt_read for #name {
            fn read_xml(r: &mut #rt_reader<'_>, start: #rt_start<'_>) -> #result<Self, #rt_error> {
                #(#reads)*
                match #rt::__private::registered_reader(r.namespace_of(&start), start.local_name()) {
                    Some(read) => Ok(Self::Custom(read(r, start)?)),
                    None => Ok(Self::Unknown(#rt_read::read_xml(r, start)?)),
                }
            }
        }

        impl #name {
            /// A value of a custom element type (one registered with `registry::register`).
            pub fn custom(value: impl #rt::registry::CustomElement) -> Self {
                Self::Custom(#rt::registry::Custom(#boxed::new(value)))
            }

            /// Writes the element with its own name.
            pub fn write(&self, w: &mut #rt_writer) {
                match self {
                    #(#writes)*
                    Self::Custom(x) => x.write(w),
                    Self::Unknown(e) => e.write(w),
                }
            }
        }

        #(#froms)*
    }
}

pub(crate) fn ident(name: &str) -> Ident {
    // ASCII names are checked against the keyword list here; others are left to syn, which lexes them.
    let ascii = name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && name.bytes().next().is_some_and(|b| !b.is_ascii_digit());
    let plain =
        if ascii { !crate::ir::naming::is_keyword(name) } else { syn::parse_str::<Ident>(name).is_ok() };
    if plain {
        Ident::new(name, Span::call_site())
    } else {
        format_ident!("r#{}", name)
    }
}

/// `{ns}local` as the reader sees it, for messages.
pub(crate) fn qname_text(q: &QName) -> String {
    match &q.ns {
        Some(ns) => format!("{{{ns}}}{}", q.local),
        None => q.local.clone(),
    }
}

/// A byte-string literal.
pub(crate) fn bytes(s: &str) -> Literal {
    Literal::byte_string(s.as_bytes())
}

/// The runtime's name for white-space facet `ws`, which a fixed value is compared after.
fn white_space(ws: crate::model::WhiteSpace, cx: &Context) -> TokenStream {
    let rt = &cx.runtime;
    let variant = match ws {
        crate::model::WhiteSpace::Preserve => quote!(Preserve),
        crate::model::WhiteSpace::Replace => quote!(Replace),
        crate::model::WhiteSpace::Collapse => quote!(Collapse),
    };
    quote!(#rt::__private::WhiteSpace::#variant)
}

/// The Rust type for `ty`.
pub(crate) fn ty_tokens(ty: &Ty, cx: &Context) -> TokenStream {
    let RuntimeNames { rt_any_element, .. } = &cx.rt;
    let rt = &cx.runtime;
    match ty {
        Ty::Builtin(b) => {
            let StdNames { string, vec, .. } = &cx.std;
            match b.rust {
                "::std::string::String" => string.clone(),
                "::std::vec::Vec<::std::string::String>" => quote!(#vec<#string>),
                "::std::vec::Vec<NMToken>" => quote!(#vec<#rt::xs::NMToken>),
                // Every other one is a primitive or a type of the runtime's `xs` module.
                name => {
                    let name = Ident::new(name, Span::call_site());
                    if b.in_runtime {
                        quote!(#rt::xs::#name)
                    } else {
                        name.into_token_stream()
                    }
                }
            }
        }
        Ty::Named { id, .. } => {
            let TypeName { module, name, path, .. } = &cx.types[id.index()];
            if let Some(path) = path {
                return path.clone();
            }
            let n = ident(name);
            if let Some(path) = cx.extern_modules.get(module) {
                return quote!(#path::#n);
            }
            if *module == cx.module {
                return n.into_token_stream();
            }
            let m = ident(module);
            quote!(super::#m::#n)
        }
        Ty::AnyElement => quote!(#rt_any_element),
        Ty::KnownElement(name) => {
            let n = ident(name);
            quote!(super::#n)
        }
        Ty::List(inner) => {
            let inner = ty_tokens(inner, cx);
            let vec = &cx.std.vec;
            quote!(#vec<#inner>)
        }
        Ty::Nillable(inner) => {
            let inner = ty_tokens(inner, cx);
            quote!(#rt::xs::Nillable<#inner>)
        }
        Ty::Defaulted { ty, .. } => {
            let inner = ty_tokens(ty, cx);
            quote!(#rt::xs::Defaulted<#inner>)
        }
        Ty::Typed(inner, _) => {
            let inner = ty_tokens(inner, cx);
            quote!(#rt::xs::Typed<#inner>)
        }
    }
}

/// The documentation of a root element's variant: its name and namespace.
fn root_doc(r: &crate::ir::Root) -> TokenStream {
    let ns = r.name.ns.as_deref().map(|n| format!(" in `{n}`")).unwrap_or_default();
    doc_text(&format!("`<{}>`{ns}", r.name.local))
}

/// An expression of a value as a `Result`: without its last `?`, or in `Ok` (`Ok(x?)` is what
/// clippy calls a needless question mark).
pub(super) fn as_result(value: TokenStream) -> TokenStream {
    let mut tokens: Vec<TokenTree> = value.into_iter().collect();
    match tokens.last() {
        Some(TokenTree::Punct(p)) if p.as_char() == '?' => {
            tokens.pop();
            tokens.into_iter().collect()
        }
        _ => quote!(Ok(#(#tokens)*)),
    }
}
