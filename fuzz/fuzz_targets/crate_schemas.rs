//! The crate's `schemas/` as one schema libxml2 compiles, for the `read_any_root` target's check of
//! what the reader refuses.

use std::path::{Path, PathBuf};

use xsd_validator::Schema;

thread_local! {
    /// The crate's `schemas/` as one schema.
    static CRATE_SCHEMAS: Schema = crate_schemas()
        .unwrap_or_else(|why| panic!("libxml2 cannot take schemas/ as one schema: {why}"));
}

/// Whether libxml2 holds `xml` valid against the crate's `schemas/` taken together, as the reader
/// knows them: a lax wildcard's content is checked wherever some file declares it.
pub fn valid(xml: &str) -> bool {
    CRATE_SCHEMAS.with(|schema| super::libxml2::holds_valid(schema, xml))
}

/// One schema importing every namespace of `schemas/`, each through a schema that includes all of
/// its files (libxml2 reads only the first import of a namespace), written to a temporary directory
/// removed once the schema is compiled.
fn crate_schemas() -> Result<Schema, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas");
    let dir = dir.canonicalize().map_err(io(&dir))?;
    let mut by_namespace: std::collections::BTreeMap<String, Vec<PathBuf>> = Default::default();
    for entry in std::fs::read_dir(&dir).map_err(io(&dir))? {
        let path = entry.map_err(io(&dir))?.path();
        if path.extension().is_some_and(|e| e == "xsd") {
            let text = std::fs::read_to_string(&path).map_err(io(&path))?;
            // The schema element's `targetNamespace`: the files are ours, written with double quotes.
            let namespace = text
                .split("targetNamespace=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .ok_or_else(|| format!("{}: no targetNamespace", path.display()))?;
            by_namespace.entry(namespace.to_owned()).or_default().push(path);
        }
    }
    let out = std::env::temp_dir().join(format!("ep-fuzz-schemas-{}", std::process::id()));
    std::fs::create_dir_all(&out).map_err(io(&out))?;
    let xs = "http://www.w3.org/2001/XMLSchema";
    let mut all = format!("<xs:schema xmlns:xs=\"{xs}\">\n");
    for (i, (namespace, files)) in by_namespace.iter().enumerate() {
        let mut part = format!("<xs:schema xmlns:xs=\"{xs}\" targetNamespace=\"{namespace}\">\n");
        for file in files {
            part.push_str(&format!("<xs:include schemaLocation=\"{}\"/>\n", file.display()));
        }
        part.push_str("</xs:schema>\n");
        let name = out.join(format!("namespace-{i}.xsd"));
        std::fs::write(&name, part).map_err(io(&name))?;
        all.push_str(&format!(
            "<xs:import namespace=\"{namespace}\" schemaLocation=\"{}\"/>\n",
            name.display()
        ));
    }
    all.push_str("</xs:schema>\n");
    let all_path = out.join("all.xsd");
    std::fs::write(&all_path, all).map_err(io(&all_path))?;
    let schema = Schema::from_file(&all_path).map_err(|d| format!("{d:?}"));
    // A compiled schema holds everything it read; the files were only the way in. Left behind, one
    // directory per fuzzing process would pile up.
    std::fs::remove_dir_all(&out).map_err(io(&out))?;
    schema
}

/// An I/O error's message, naming the path.
fn io(path: &Path) -> impl Fn(std::io::Error) -> String + '_ {
    move |e| format!("{}: {e}", path.display())
}
