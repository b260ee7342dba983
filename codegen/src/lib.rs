//! Generates Rust types with quick-xml readers and writers from XML Schema files — the Enhanced
//! Presence schemas of Microsoft Lync / Skype for Business, or your own custom-category schemas.
//!
//! Use it from `build.rs` the way `prost-build` is used:
//!
//! ```no_run
//! // in build.rs's main:
//! enhanced_presence_codegen::Config::new()
//!     .schema("schemas/meetingRoom.xsd")
//!     // one file with every module inline: `include!` cannot follow `mod x;` out of OUT_DIR
//!     .single_file("meeting_room.rs")
//!     .compile()
//!     .unwrap_or_else(|e| panic!("{e}"));
//! ```
//!
//! and include the result in your crate:
//!
//! ```ignore
//! mod meeting_room {
//!     include!(concat!(env!("OUT_DIR"), "/meeting_room.rs"));
//! }
//! ```
//!
//! Without `single_file` the output is `mod.rs` plus a file per module, for a directory of the
//! source tree (`Config::out_dir`), as `epgen generate` writes the runtime's `generated/`.
//!
//! The pipeline, one private module per stage: `xsd` reads the files into the schema `model`, `ir`
//! maps it to Rust types, `emit` writes token streams, `format` pretty-prints them and `write` puts
//! them on disk only when they changed. The public API is the facade below: [`Config`] (what to
//! generate), [`Generated`] and [`GeneratedFile`] (the result in memory), [`write_all`] and
//! [`differences`] (the files on disk), and [`Error`] with its [`Diagnostic`]s and their
//! [`Location`]s.

#![deny(missing_docs)]

mod emit;
mod error;
mod format;
mod ir;
mod model;
mod parallel;
mod pattern;
mod select;
mod write;
mod xsd;

use std::path::{Path, PathBuf};

pub use error::{Diagnostic, Error};
pub use model::Location;
pub use write::{differences, write_all, GeneratedFile};

/// The stages are not API: only the facade is.
///
/// ```compile_fail,E0603
/// use enhanced_presence_codegen::ir;
/// ```
///
/// ```
/// use enhanced_presence_codegen::{differences, write_all, Config, Diagnostic, Error, Generated, GeneratedFile, Location};
/// ```
#[cfg(doctest)]
pub struct StagesArePrivate;

fn namespace_key(namespace: &str) -> Option<String> {
    (!namespace.is_empty()).then(|| namespace.to_owned())
}

/// `{namespace}local`, or `local` for no namespace.
fn expanded_name(text: &str) -> model::QName {
    match text.strip_prefix('{').and_then(|rest| rest.split_once('}')) {
        Some((ns, local)) => model::QName::new(Some(ns), local),
        None => model::QName::new(None, text),
    }
}

/// What to generate, and where. A `&mut self` builder like `prost_build::Config`.
#[derive(Debug, Clone)]
pub struct Config {
    schemas: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    runtime_path: String,
    options: ir::Options,
    type_attributes: Vec<(String, String)>,
    field_attributes: Vec<(String, String)>,
    single_file: Option<String>,
    arbitrary: bool,
    serde: emit::Serde,
    catalogs: Vec<PathBuf>,
    registration: bool,
    type_table: bool,
    document_name: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            schemas: Vec::new(),
            out_dir: None,
            runtime_path: "::enhanced_presence".into(),
            options: ir::Options::default(),
            type_attributes: Vec::new(),
            field_attributes: Vec::new(),
            single_file: None,
            arbitrary: false,
            serde: emit::Serde::Off,
            catalogs: Vec::new(),
            registration: false,
            type_table: false,
            document_name: None,
        }
    }
}

/// The result of a generation run, in memory.
#[derive(Debug, Clone)]
pub struct Generated {
    /// `mod.rs` and one file per namespace module.
    pub files: Vec<GeneratedFile>,
    /// Every schema file read (the inputs, including imported and included ones).
    pub inputs: Vec<PathBuf>,
}

impl Config {
    /// An empty configuration.
    pub fn new() -> Self {
        Config::default()
    }

    /// The configuration that produces this crate's own `generated/` from the schemas in
    /// `schema_dir` (every `*.xsd` there, in name order).
    pub fn enhanced_presence_schemas(schema_dir: &Path) -> std::io::Result<Config> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(schema_dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "xsd"))
            .collect();
        files.sort();
        let mut config = Config::new();
        config.schemas(files);
        // Names the file stems would not give: commontypes is shared by every category, the categories
        // namespace holds userProperties, legacyInterop and the NOTIFY envelope, and the Exchange types
        // namespace holds calendarData's WorkingHours.
        config.module_name("http://schemas.microsoft.com/2006/09/sip/commontypes", "common");
        config.module_name("http://schemas.microsoft.com/2006/09/sip/categories", "categories");
        config.module_name("http://schemas.microsoft.com/exchange/services/2006/types", "exchange");
        // A category or publication payload is any element: the enum over them all is a category value.
        config.known_element_name("CategoryValue");
        config.arbitrary(true);
        config.serde_feature("serde");
        // `epgen fmt --type` reads an element as a type named on the command line.
        config.type_table(true);
        Ok(config)
    }

    /// Adds a schema file; the files it includes and imports are found through `schemaLocation`.
    pub fn schema(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.schemas.push(path.as_ref().to_owned());
        self
    }

    /// Adds several schema files.
    pub fn schemas(&mut self, paths: impl IntoIterator<Item = impl AsRef<Path>>) -> &mut Self {
        for p in paths {
            self.schema(p);
        }
        self
    }

    /// Resolves schema locations (and namespaces imported without one) through the OASIS XML catalog
    /// `path` (catalogs 1.1: `uri`, `system`, `rewriteURI`, `rewriteSystem`, `uriSuffix`,
    /// `systemSuffix`, `public`, `nextCatalog`). Catalogs are consulted in the order added, then those
    /// in `XML_CATALOG_FILES`, then the schemas shipped with the generator (the XML namespace,
    /// XMLSchema-instance, XLink and the Enhanced Presence schemas). Nothing is downloaded.
    pub fn catalog(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.catalogs.push(path.as_ref().to_owned());
        self
    }

    /// Where [`Config::compile`] writes; defaults to `OUT_DIR`.
    pub fn out_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(dir.as_ref().to_owned());
        self
    }

    /// The path generated code uses for the runtime crate (default `::enhanced_presence`).
    pub fn runtime_path(&mut self, path: &str) -> &mut Self {
        self.runtime_path = path.to_owned();
        self
    }

    /// The Rust module name for a target namespace (default: from the schema file's name).
    pub fn module_name(&mut self, namespace: &str, name: &str) -> &mut Self {
        self.options.module_names.insert(namespace_key(namespace), name.to_owned());
        self
    }

    /// Types of `namespace` already exist in Rust module `path` (generated from the same schema, e.g.
    /// `::enhanced_presence::common` for commontypes): reuse them instead of generating copies.
    ///
    /// ```no_run
    /// enhanced_presence_codegen::Config::new()
    ///     .schema("schemas/meetingRoom.xsd") // imports commontypes.xsd
    ///     .extern_namespace("http://schemas.microsoft.com/2006/09/sip/commontypes", "::enhanced_presence::common")
    ///     .compile()
    ///     .unwrap();
    /// ```
    pub fn extern_namespace(&mut self, namespace: &str, path: &str) -> &mut Self {
        self.options.extern_namespaces.insert(namespace_key(namespace), path.to_owned());
        self
    }

    /// XSD type `{namespace}local` (or `local` in no namespace) already exists as Rust type `path`,
    /// which must implement the runtime's traits like a generated type would.
    pub fn extern_type(&mut self, xsd_type: &str, path: &str) -> &mut Self {
        self.options.extern_types.insert(expanded_name(xsd_type), path.to_owned());
        self
    }

    /// Adds `attribute` (e.g. `#[derive(serde::Serialize)]`) to generated types matching `pattern`:
    /// `.` for all, a type name, or `module::Name`.
    pub fn type_attribute(&mut self, pattern: &str, attribute: &str) -> &mut Self {
        self.type_attributes.push((pattern.to_owned(), attribute.to_owned()));
        self
    }

    /// Adds `attribute` to generated fields matching `pattern`: `.` for all, `Type.field`, or
    /// `module::Type.field`.
    pub fn field_attribute(&mut self, pattern: &str, attribute: &str) -> &mut Self {
        self.field_attributes.push((pattern.to_owned(), attribute.to_owned()));
        self
    }

    /// The name of the crate-level enum over every global element that lax wildcards over several
    /// namespaces read into (default `KnownElement`).
    pub fn known_element_name(&mut self, name: &str) -> &mut Self {
        self.options.known_element_name = Some(name.to_owned());
        self
    }

    /// Generate, for every global element, `From<Element> for CategoryValue` (the runtime's enum of
    /// category payloads: the value becomes `CategoryValue::Custom`), and in each module a
    /// `register()` that registers its global elements with the runtime's `registry`, so that they
    /// are read as `CategoryValue::Custom` inside `<category>` and `<publication>`: for custom
    /// categories. Default off: it instantiates the registry's generic code for every global element,
    /// which doubled the build time of a large schema set's generated code (UBL 2.1 Invoice).
    pub fn registration(&mut self, enabled: bool) -> &mut Self {
        self.registration = enabled;
        self
    }

    /// Also generate `TYPES`, every complex type by Rust path and XSD name, for tools that read an
    /// element as a type chosen at run time (`fragment::find_type`, `epgen fmt --type`). Default
    /// off: each entry instantiates the fragment reader and writer for its type, about a tenth of the
    /// compiled code of a large schema set.
    pub fn type_table(&mut self, enabled: bool) -> &mut Self {
        self.type_table = enabled;
        self
    }

    /// The name of the generated enum over every root element (default `Document`). Give another
    /// when the generated code is included at a crate root that also imports the runtime's
    /// `Document` (`use enhanced_presence::Document` would collide with it: E0255).
    pub fn document_name(&mut self, name: &str) -> &mut Self {
        self.document_name = Some(name.to_owned());
        self
    }

    /// Keep the `xsi:type` of elements of a simple type or of a complex type with no derived types
    /// (default off): their values become `xs::Typed<T>`, which holds the type the attribute named
    /// and writes it back. Without it such an element is refused when it carries `xsi:type` (which a
    /// valid document may do, naming the declared type or a type restricting it, e.g. `xs:int` on
    /// an `xs:decimal` element). Elements of a complex type with derived types always read
    /// `xsi:type`: they are enums chosen by it. Elements of anonymous types, which `xsi:type`
    /// cannot name, are left as they are.
    pub fn keep_xsi_type(&mut self, enabled: bool) -> &mut Self {
        self.options.keep_xsi_type = enabled;
        self
    }

    /// Generate only what documents rooted at global element `element` (`{namespace}local`, or
    /// `local` in no namespace) can contain: that element, the types and elements it reaches, the
    /// types derived from those (`xsi:type` may name them), and the elements of the roots'
    /// namespaces that its wildcards admit. Repeatable; without it everything is generated. A root
    /// the schemas do not declare is an error.
    ///
    /// ```no_run
    /// enhanced_presence_codegen::Config::new()
    ///     .schema("xsd/maindoc/UBL-Invoice-2.1.xsd")
    ///     .root("{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice")
    ///     .compile()
    ///     .unwrap();
    /// ```
    pub fn root(&mut self, element: &str) -> &mut Self {
        self.options.roots.push(expanded_name(element));
        self
    }

    /// Also generate `XmlArbitrary` impls (values that respect the schema, for property tests and
    /// fuzzing), compiled only when the generated crate's `arbitrary` feature is on — so that crate
    /// must declare the feature and enable `enhanced-presence/arbitrary` with it.
    pub fn arbitrary(&mut self, enabled: bool) -> &mut Self {
        self.arbitrary = enabled;
        self
    }

    /// Also generate serde's `Serialize` and `Deserialize` for every generated type (derived for
    /// structs and enums; through the XML lexical form, a string, for simple types, so that reading
    /// JSON checks values as reading XML does). The generated crate depends on `serde` (with its
    /// `derive` feature) and enables `enhanced-presence/serde`, which implements them for the
    /// runtime's types.
    pub fn serde(&mut self, enabled: bool) -> &mut Self {
        self.serde = if enabled { emit::Serde::Always } else { emit::Serde::Off };
        self
    }

    /// Like [`Config::serde`]`(true)`, but compiled only when the generated crate's feature `feature`
    /// is on (`#[cfg_attr(feature = "serde", derive(…))]`): for a library that makes serde optional,
    /// its feature enabling `dep:serde` and `enhanced-presence/serde`.
    pub fn serde_feature(&mut self, feature: &str) -> &mut Self {
        self.serde = emit::Serde::Feature(feature.to_owned());
        self
    }

    /// Writes one file with every module inline, for `include!(concat!(env!("OUT_DIR"), "/NAME"))`,
    /// instead of `mod.rs` plus a file per module.
    pub fn single_file(&mut self, name: &str) -> &mut Self {
        self.single_file = Some(name.to_owned());
        self
    }

    /// Runs the whole pipeline in memory.
    pub fn generate(&self) -> Result<Generated, Error> {
        let mut set = xsd::load(&self.schemas, &self.catalogs)?;
        if !self.options.roots.is_empty() {
            set = select::select(&set, &self.options.roots).map_err(Error::Schema)?;
        }
        let krate = ir::build(&set, &self.options).map_err(Error::Schema)?;
        let sources: Vec<String> = set
            .files
            .iter()
            .map(|f| f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default())
            .collect();
        let cx = self.context(&krate)?;
        let unmatched = emit::unmatched_patterns(&krate, &cx);
        if !unmatched.is_empty() {
            let diagnostic = |message| Diagnostic::new(model::Location::default(), message);
            return Err(Error::Schema(unmatched.into_iter().map(diagnostic).collect()));
        }
        let mut files = Vec::new();
        if let Some(name) = &self.single_file {
            let text = format::format_file(emit::emit_single(&krate, &cx), &sources)?;
            files.push(GeneratedFile { name: name.clone(), text });
        } else {
            // Emitting and formatting are most of the run, and files are independent. Token streams
            // cannot cross threads, so each file is emitted, parsed and printed on one thread.
            let parts = emit::parts(&krate);
            let texts = parallel::map(
                &parts,
                |p| p.weight(&krate),
                |&part| -> Result<String, Error> {
                    let cx = self.context(&krate)?;
                    let own = match part {
                        emit::Part::Module(m) => module_sources(&set, m.namespace.as_deref()),
                        emit::Part::Tree => sources.clone(),
                    };
                    Ok(format::format_file(emit::emit_part(part, &krate, &cx), &own)?)
                },
            );
            for (part, text) in parts.iter().zip(texts) {
                files.push(GeneratedFile { name: part.name(), text: text? });
            }
        }
        Ok(Generated { files, inputs: set.files })
    }

    fn context(&self, krate: &ir::Crate) -> Result<emit::Context, Error> {
        let tokens = |what: &str, text: &str| -> Result<proc_macro2::TokenStream, Error> {
            text.parse().map_err(|_| {
                Error::from(Diagnostic::new(model::Location::default(), format!("invalid {what} `{text}`")))
            })
        };
        let runtime = tokens("runtime path", &self.runtime_path)?;
        let rt = emit::RuntimeNames::absolute(&runtime);
        let mut cx = emit::Context {
            runtime,
            rt,
            arbitrary: self.arbitrary,
            serde: self.serde.clone(),
            registration: self.registration,
            type_table: self.type_table,
            document_name: self.document_name.clone(),
            ..emit::Context::default()
        };
        for m in krate.modules.values() {
            if let Some(path) = &m.external {
                cx.extern_modules.insert(m.name.clone(), tokens("extern_namespace path", path)?);
            }
        }
        let types: Result<Vec<emit::TypeName>, Error> = krate
            .items
            .iter()
            .map(|e| {
                let path = e.extern_path.as_deref().map(|p| tokens("extern_type path", p)).transpose()?;
                let list = match &e.item {
                    ir::Item::Alias(a) => krate.list_items(&a.ty),
                    _ => None,
                };
                let qnames = krate.holds_qnames(&e.item);
                Ok(emit::TypeName {
                    module: e.module.clone(),
                    name: e.item.name().to_owned(),
                    path,
                    list,
                    qnames,
                })
            })
            .collect();
        cx.types = types?.into();
        for (pattern, attr) in &self.type_attributes {
            cx.type_attributes.push((pattern.clone(), tokens("type attribute", attr)?));
        }
        for (pattern, attr) in &self.field_attributes {
            cx.field_attributes.push((pattern.clone(), tokens("field attribute", attr)?));
        }
        Ok(cx)
    }

    /// Generates and writes the files (only those that changed), printing `cargo:rerun-if-changed`
    /// for every schema file read. For `build.rs`.
    pub fn compile(&self) -> Result<(), Error> {
        let generated = self.generate();
        let inputs = generated.as_ref().map(|g| g.inputs.as_slice()).unwrap_or_default();
        // Shipped schemas are named by URL: only files can change.
        for input in self.schemas.iter().chain(&self.catalogs).chain(inputs.iter().filter(|f| f.is_file())) {
            println!("cargo:rerun-if-changed={}", input.display());
        }
        println!("cargo:rerun-if-env-changed=XML_CATALOG_FILES");
        let generated = generated?;
        let dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR").map(PathBuf::from).ok_or_else(|| {
                Error::from(Diagnostic::new(
                    model::Location::default(),
                    "OUT_DIR is not set: call out_dir() outside build.rs",
                ))
            })?,
        };
        write::write_all(&dir, &generated.files, self.single_file.is_none())?;
        Ok(())
    }
}

/// The file names of the schema files that define namespace `ns`'s complex types and global
/// elements (and the file that declares the namespace first, for a namespace of simple types only),
/// for the header of that namespace's module.
fn module_sources(set: &model::SchemaSet, ns: Option<&str>) -> Vec<String> {
    let name = |path: &std::path::Path| path.file_name().map(|n| n.to_string_lossy().into_owned());
    let complex = set.types.iter().filter(|(q, _)| q.ns.as_deref() == ns).filter_map(|(_, t)| match t {
        model::TypeDef::Complex(c) => name(&c.location.file),
        model::TypeDef::Simple(_) => None,
    });
    let elements =
        set.elements.values().filter(|e| e.name.ns.as_deref() == ns).filter_map(|e| name(&e.location.file));
    let first = set.namespace_files.get(&ns.map(str::to_owned)).and_then(|stem| {
        set.files
            .iter()
            .find(|f| f.file_stem().is_some_and(|s| s.to_string_lossy() == *stem))
            .and_then(|f| name(f))
    });
    let names: std::collections::BTreeSet<String> =
        complex.chain(elements).chain(first).filter(|n| !n.is_empty()).collect();
    names.into_iter().collect()
}
