//! Generates Rust types with quick-xml readers and writers from XML Schema files — the Enhanced
//! Presence schemas of Microsoft Lync / Skype for Business, or your own custom-category schemas.
//!
//! Use it from `build.rs` the way `prost-build` is used:
//!
//! ```no_run
//! // in build.rs's main:
//! enhanced_presence_codegen::Config::new()
//!     .schema("schemas/meetingRoom.xsd")
//!     .compile()
//!     .unwrap_or_else(|e| panic!("{e}"));
//! ```
//!
//! and include the result with `#[path = concat!(env!("OUT_DIR"), "/mod.rs")] mod generated;`
//! (or `include!` each module file).
//!
//! The pipeline, one module per stage: [`xsd`] reads the files into the schema [`model`], [`ir`] maps
//! it to Rust types, [`emit`] writes token streams, [`format`] pretty-prints them and [`write`] puts
//! them on disk only when they changed.

pub mod emit;
pub mod error;
pub mod format;
pub mod ir;
pub mod model;
pub mod write;
pub mod xsd;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use error::{Diagnostic, Error};
pub use write::GeneratedFile;

/// What to generate, and where. A `&mut self` builder like `prost_build::Config`.
#[derive(Debug, Clone)]
pub struct Config {
    schemas: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    runtime_path: String,
    module_names: BTreeMap<Option<String>, String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            schemas: Vec::new(),
            out_dir: None,
            runtime_path: "::enhanced_presence".into(),
            module_names: BTreeMap::new(),
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
        let ns = (!namespace.is_empty()).then(|| namespace.to_owned());
        self.module_names.insert(ns, name.to_owned());
        self
    }

    /// Runs the whole pipeline in memory.
    pub fn generate(&self) -> Result<Generated, Error> {
        let set = xsd::load(&self.schemas)?;
        let krate = ir::build(&set, &self.module_names).map_err(Error::Schema)?;
        let runtime = self.runtime_path.parse().map_err(|_| {
            Error::from(Diagnostic::new(
                model::Location::default(),
                format!("invalid runtime path `{}`", self.runtime_path),
            ))
        })?;
        let cx = emit::Context { runtime };
        let sources: Vec<String> = set
            .files
            .iter()
            .map(|f| f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default())
            .collect();
        let mut files = Vec::new();
        for file in emit::emit(&krate, &cx) {
            let text = format::format_file(file.code, &sources)?;
            files.push(GeneratedFile { name: file.name, text });
        }
        Ok(Generated { files, inputs: set.files })
    }

    /// Generates and writes the files (only those that changed), printing `cargo:rerun-if-changed`
    /// for every schema file read. For `build.rs`.
    pub fn compile(&self) -> Result<(), Error> {
        let generated = self.generate();
        for input in
            self.schemas.iter().chain(generated.as_ref().map(|g| g.inputs.as_slice()).unwrap_or_default())
        {
            println!("cargo:rerun-if-changed={}", input.display());
        }
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
        write::write_all(&dir, &generated.files)?;
        Ok(())
    }
}
