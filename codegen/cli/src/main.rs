//! `epgen`: regenerate Rust from XSDs, check the checked-in code is fresh, and check that presence
//! documents round-trip through the generated types.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use enhanced_presence::fragment::{find_type, NamedType};
use enhanced_presence::roundtrip;
use enhanced_presence::{Document, WithHints};
use enhanced_presence_codegen::{differences, write_all, Config};

/// Prints a line to stdout; a closed pipe (`epgen … | head`) is not an error worth a panic.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

#[derive(Parser)]
#[command(name = "epgen", version, about = "Enhanced Presence code generator and round-trip checker")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
enum Command {
    /// Generate Rust from XSDs. With no options: regenerate `generated/` from `schemas/`.
    Generate {
        /// Schema files to generate from (their imports and includes are followed).
        #[arg(long = "schema", num_args = 1.., requires = "out")]
        schemas: Vec<PathBuf>,
        /// Output directory (gets `mod.rs` and one file per namespace).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Path of the runtime crate in the generated code.
        #[arg(long, default_value = "::enhanced_presence")]
        runtime_path: String,
        /// Module name for a namespace, as NAMESPACE=NAME (repeatable).
        #[arg(long = "module", value_name = "NAMESPACE=NAME")]
        modules: Vec<String>,
        /// Name of the enum over every global element, for wildcards over any namespace.
        #[arg(long, value_name = "NAME")]
        known_element: Option<String>,
        #[command(flatten)]
        mapping: Mapping,
    },
    /// Regenerate `generated/` in memory and fail (naming the files) if the checked-in code differs.
    Check,
    /// Check the round-trip contract on each file: it parses with the generated types, what they
    /// write back has the same elements, attributes and text, and writing again gives the same bytes.
    ///
    /// Prefixes, attribute order and whitespace-only text may change; values are compared by value
    /// (`007` and `7`). The full statement is docs/roundtrip-contract.md in the repository.
    Roundtrip {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        fragment: FragmentType,
    },
    /// Parse a document with the generated types and print what they write.
    Fmt {
        file: PathBuf,
        /// Indent element-only content.
        #[arg(long)]
        pretty: bool,
        #[command(flatten)]
        fragment: FragmentType,
    },
}

/// Reading a fragment: an element cut out of its document, whatever its name, as a type.
#[derive(clap::Args)]
struct FragmentType {
    /// Read the root element as this generated type: its Rust path (`service::ServiceType`) or its
    /// XSD name (`{http://schemas.microsoft.com/2006/09/sip/service}serviceType`).
    #[arg(long = "type", value_name = "NAME")]
    name: Option<String>,
}

impl FragmentType {
    /// The table entry `--type` names, if given.
    fn lookup(&self) -> Result<Option<&'static NamedType>, String> {
        match &self.name {
            None => Ok(None),
            Some(name) => {
                find_type(enhanced_presence::TYPES, name).map(Some).map_err(|e| format!("--type: {e}"))
            }
        }
    }
}

/// The `build.rs` options, for users who check generated code in.
#[derive(clap::Args)]
struct Mapping {
    /// Reuse existing Rust types for a namespace, as NAMESPACE=PATH (e.g. the commontypes namespace
    /// `=::enhanced_presence::common`).
    #[arg(long = "extern-namespace", value_name = "NAMESPACE=PATH")]
    extern_namespaces: Vec<String>,
    /// Reuse an existing Rust type for an XSD type, as {NAMESPACE}LOCAL=PATH.
    #[arg(long = "extern-type", value_name = "TYPE=PATH")]
    extern_types: Vec<String>,
    /// Add an attribute to generated types, as PATTERN=ATTRIBUTE (PATTERN `.`, `Name` or `module::Name`).
    #[arg(long = "type-attribute", value_name = "PATTERN=ATTRIBUTE")]
    type_attributes: Vec<String>,
    /// Add an attribute to generated fields, as PATTERN=ATTRIBUTE (PATTERN `.`, `Type.field`, …).
    #[arg(long = "field-attribute", value_name = "PATTERN=ATTRIBUTE")]
    field_attributes: Vec<String>,
    /// Write one file with every module inline instead of a module tree.
    #[arg(long, value_name = "NAME")]
    single_file: Option<String>,
    /// Also generate `XmlArbitrary` impls, behind the crate's `arbitrary` feature.
    #[arg(long)]
    arbitrary: bool,
    /// Also generate serde's `Serialize` and `Deserialize` (the crate depends on serde and enables
    /// `enhanced-presence/serde`).
    #[arg(long)]
    serde: bool,
    /// Like `--serde`, but compiled only with the crate's feature NAME (`#[cfg_attr(feature = …)]`).
    #[arg(long, value_name = "NAME", conflicts_with = "serde")]
    serde_feature: Option<String>,
    /// Keep `xsi:type` on elements whose type has no derived types (values become `xs::Typed`).
    #[arg(long)]
    keep_xsi_type: bool,
    /// Resolve schema locations and namespaces through this OASIS XML catalog (repeatable; consulted
    /// before those in XML_CATALOG_FILES). Nothing is ever downloaded.
    #[arg(long = "catalog", value_name = "FILE")]
    catalogs: Vec<PathBuf>,
    /// Generate only what documents of this global element (`{namespace}local`) can contain
    /// (repeatable; default: everything the schemas declare).
    #[arg(long = "root", value_name = "ELEMENT")]
    roots: Vec<String>,
    /// Name of the generated enum over the root elements (default `Document`), e.g. where the
    /// generated code sits beside `use enhanced_presence::Document`.
    #[arg(long, value_name = "NAME")]
    document_name: Option<String>,
    /// Also generate each module's `register()` and `From<Element> for CategoryValue` (custom
    /// categories).
    #[arg(long)]
    registration: bool,
    /// Also generate `TYPES`, every complex type by Rust path and XSD name (for `fragment::find_type`).
    #[arg(long)]
    type_table: bool,
}

impl Mapping {
    fn apply(&self, config: &mut Config) -> Result<(), String> {
        // Split at the first `=` after any `{namespace}` part, so namespaces may contain `=`.
        let pair = |text: &str, what: &str| -> Result<(String, String), String> {
            let search_from = text.find('}').map_or(0, |i| i + 1);
            match text[search_from..].find('=') {
                Some(i) => Ok((text[..search_from + i].to_owned(), text[search_from + i + 1..].to_owned())),
                None => Err(format!("{what} {text:?}: expected KEY=VALUE")),
            }
        };
        for item in &self.extern_namespaces {
            let (ns, path) = item
                .rsplit_once('=')
                .ok_or_else(|| format!("--extern-namespace {item:?}: expected NAMESPACE=PATH"))?;
            config.extern_namespace(ns, path);
        }
        for item in &self.extern_types {
            let (ty, path) = pair(item, "--extern-type")?;
            config.extern_type(&ty, &path);
        }
        for item in &self.type_attributes {
            let (pattern, attr) = item
                .split_once('=')
                .ok_or_else(|| format!("--type-attribute {item:?}: expected PATTERN=ATTRIBUTE"))?;
            config.type_attribute(pattern, attr);
        }
        for item in &self.field_attributes {
            let (pattern, attr) = item
                .split_once('=')
                .ok_or_else(|| format!("--field-attribute {item:?}: expected PATTERN=ATTRIBUTE"))?;
            config.field_attribute(pattern, attr);
        }
        if let Some(name) = &self.single_file {
            config.single_file(name);
        }
        if self.arbitrary {
            config.arbitrary(true);
        }
        if self.serde {
            config.serde(true);
        }
        if let Some(feature) = &self.serde_feature {
            config.serde_feature(feature);
        }
        if self.keep_xsi_type {
            config.keep_xsi_type(true);
        }
        for catalog in &self.catalogs {
            config.catalog(catalog);
        }
        for root in &self.roots {
            config.root(root);
        }
        if let Some(name) = &self.document_name {
            config.document_name(name);
        }
        if self.registration {
            config.registration(true);
        }
        if self.type_table {
            config.type_table(true);
        }
        Ok(())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Generate { schemas, out, runtime_path, modules, known_element, mapping } => {
            generate(schemas, out, &runtime_path, &modules, known_element.as_deref(), &mapping)
        }
        Command::Check => check(),
        Command::Roundtrip { files, fragment } => {
            fragment.lookup().and_then(|ty| roundtrip_files(&files, ty))
        }
        Command::Fmt { file, pretty, fragment } => fragment.lookup().and_then(|ty| fmt(&file, pretty, ty)),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("epgen: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: where `schemas/` and `generated/` live. Found from the current directory
/// upwards, so `cargo run` works from anywhere inside the checkout.
fn workspace_root() -> Result<PathBuf, String> {
    let mut dir = std::env::current_dir().map_err(|e| e.to_string())?;
    loop {
        if dir.join("schemas").is_dir() && dir.join("generated").is_dir() {
            return Ok(dir);
        }
        if !dir.pop() {
            return Err("cannot find schemas/ and generated/ in this directory or any parent".into());
        }
    }
}

fn builtin_config() -> Result<(Config, PathBuf), String> {
    let root = workspace_root()?;
    let config = Config::enhanced_presence_schemas(&root.join("schemas")).map_err(|e| e.to_string())?;
    Ok((config, root.join("generated")))
}

fn generate(
    schemas: Vec<PathBuf>,
    out: Option<PathBuf>,
    runtime_path: &str,
    modules: &[String],
    known_element: Option<&str>,
    mapping: &Mapping,
) -> Result<ExitCode, String> {
    let (mut config, out) = match out {
        Some(out) if !schemas.is_empty() => {
            let mut config = Config::new();
            config.schemas(&schemas);
            (config, out)
        }
        Some(_) => return Err("--out needs at least one --schema".into()),
        None => builtin_config()?,
    };
    config.runtime_path(runtime_path);
    if let Some(name) = known_element {
        config.known_element_name(name);
    }
    mapping.apply(&mut config)?;
    for m in modules {
        let (ns, name) =
            m.rsplit_once('=').ok_or_else(|| format!("--module {m:?}: expected NAMESPACE=NAME"))?;
        config.module_name(ns, name);
    }
    let generated = config.generate().map_err(|e| e.to_string())?;
    // A module tree owns its directory (stale files are removed); a single file shares it.
    let prune = mapping.single_file.is_none();
    let changed = write_all(&out, &generated.files, prune).map_err(|e| e.to_string())?;
    say!(
        "generated {} files in {} from {} schema files ({} changed)",
        generated.files.len(),
        out.display(),
        generated.inputs.len(),
        changed.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn check() -> Result<ExitCode, String> {
    let (config, out) = builtin_config()?;
    let generated = config.generate().map_err(|e| e.to_string())?;
    let stale = differences(&out, &generated.files);
    if stale.is_empty() {
        say!("generated/ is up to date ({} files)", generated.files.len());
        Ok(ExitCode::SUCCESS)
    } else {
        for name in &stale {
            say!("stale: generated/{name}");
        }
        say!("run `cargo run --release --bin epgen -- generate` to regenerate");
        Ok(ExitCode::FAILURE)
    }
}

/// The text of the document in `file`, in whatever encoding it declares.
fn read_document(file: &Path) -> Result<String, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read: {e}"))?;
    Ok(enhanced_presence::decode(&bytes).map_err(|e| e.to_string())?.into_owned())
}

fn roundtrip_files(files: &[PathBuf], ty: Option<&NamedType>) -> Result<ExitCode, String> {
    let mut failed = 0;
    for file in files {
        let verdict = match read_document(file) {
            Ok(xml) => match ty {
                Some(ty) => ty.check(&xml),
                None => roundtrip::check(&xml),
            },
            Err(e) => {
                say!("{}: FAIL {e}", file.display());
                failed += 1;
                continue;
            }
        };
        if verdict.is_ok() {
            // Content no type read is kept, but a reader may have expected it typed (a custom
            // category whose type was never registered): say where.
            say!("{}: {verdict}", file.display());
        } else {
            failed += 1;
            say!("{}: FAIL {}", file.display(), verdict.summary());
        }
    }
    say!("{} passed, {} failed", files.len() - failed, failed);
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

fn fmt(file: &Path, pretty: bool, ty: Option<&NamedType>) -> Result<ExitCode, String> {
    let xml = read_document(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let out = match ty {
        Some(ty) => ty.format(&xml, pretty),
        None => enhanced_presence::from_str::<WithHints<Document>>(&xml).and_then(|doc| match pretty {
            true => enhanced_presence::to_string_pretty(&doc),
            false => enhanced_presence::to_string(&doc),
        }),
    };
    let out = out.map_err(|e| format!("{}:{e}", file.display()))?;
    say!("{out}");
    Ok(ExitCode::SUCCESS)
}
