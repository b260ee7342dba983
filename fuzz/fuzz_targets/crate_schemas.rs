//! The crate's `schemas/` as one schema libxml2 compiles, for the `read_any_root` target's check of
//! what the reader refuses.

use std::path::{Path, PathBuf};

use xsd_validator::Schema;

thread_local! {
    /// The crate's `schemas/` as one schema (`None`: libxml2 cannot compile it).
    static CRATE_SCHEMAS: Option<Schema> = crate_schemas();
}

/// Whether libxml2 holds `xml` valid against the crate's `schemas/` taken together, as the reader
/// knows them: a lax wildcard's content is checked wherever some file declares it. `false` when
/// libxml2 cannot compile them.
pub fn valid(xml: &str) -> bool {
    CRATE_SCHEMAS.with(|schema| super::libxml2::holds_valid(schema.as_ref(), xml))
}

/// One schema importing every namespace of `schemas/`, each through a schema that includes all of
/// its files (libxml2 reads only the first import of a namespace), written to a temporary directory.
fn crate_schemas() -> Option<Schema> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas").canonicalize().ok()?;
    let mut by_namespace: std::collections::BTreeMap<String, Vec<PathBuf>> = Default::default();
    for entry in std::fs::read_dir(&dir).ok()? {
        let path = entry.ok()?.path();
        if path.extension().is_some_and(|e| e == "xsd") {
            let text = std::fs::read_to_string(&path).ok()?;
            // The schema element's `targetNamespace`: the files are ours, written with double quotes.
            let namespace = text.split("targetNamespace=\"").nth(1)?.split('"').next()?.to_owned();
            by_namespace.entry(namespace).or_default().push(path);
        }
    }
    let out = std::env::temp_dir().join(format!("ep-fuzz-schemas-{}", std::process::id()));
    std::fs::create_dir_all(&out).ok()?;
    let xs = "http://www.w3.org/2001/XMLSchema";
    let mut all = format!("<xs:schema xmlns:xs=\"{xs}\">\n");
    for (i, (namespace, files)) in by_namespace.iter().enumerate() {
        let mut part = format!("<xs:schema xmlns:xs=\"{xs}\" targetNamespace=\"{namespace}\">\n");
        for file in files {
            part.push_str(&format!("<xs:include schemaLocation=\"{}\"/>\n", file.display()));
        }
        part.push_str("</xs:schema>\n");
        let name = out.join(format!("namespace-{i}.xsd"));
        std::fs::write(&name, part).ok()?;
        all.push_str(&format!(
            "<xs:import namespace=\"{namespace}\" schemaLocation=\"{}\"/>\n",
            name.display()
        ));
    }
    all.push_str("</xs:schema>\n");
    std::fs::write(out.join("all.xsd"), all).ok()?;
    Schema::from_file(out.join("all.xsd")).ok()
}
