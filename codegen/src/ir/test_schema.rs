//! Small inline schemas for the passes' unit tests, read through the real front end.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::{Crate, Item, Options};
use crate::model::SchemaSet;

/// The target namespace of [`schema`]'s documents.
pub const NS: &str = "urn:t";

/// A schema set from the body of one schema document in namespace [`NS`] (prefix `t`, unqualified
/// names resolved in it, elements qualified).
pub fn schema(body: &str) -> SchemaSet {
    documents(&[("t.xsd", Some(NS), body)])
}

/// A schema set from several documents: (file name, target namespace, body). The first is loaded;
/// it imports or includes the others itself.
pub fn documents(docs: &[(&str, Option<&str>, &str)]) -> SchemaSet {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("ep-ir-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    for (name, ns, body) in docs {
        let target = match ns {
            Some(ns) => format!(r#" targetNamespace="{ns}" xmlns="{ns}" xmlns:t="{ns}""#),
            None => String::new(),
        };
        let text = format!(
            r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"{target} elementFormDefault="qualified">{body}</xs:schema>"#
        );
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        files.push(path);
    }
    let set = crate::xsd::load(&files[..1], &[]);
    std::fs::remove_dir_all(&dir).ok();
    match set {
        Ok(set) => set,
        Err(e) => panic!("schema does not load: {e}"),
    }
}

/// The crate built from [`schema`]`(body)` with default options.
pub fn build_xsd(body: &str) -> Crate {
    build_xsd_with(body, &Options::default())
}

pub fn build_xsd_with(body: &str, options: &Options) -> Crate {
    match super::build(&schema(body), options) {
        Ok(krate) => krate,
        Err(d) => panic!("does not build: {d:?}"),
    }
}

/// The item called `name` (in any module).
pub fn find<'k>(krate: &'k Crate, name: &str) -> &'k Item {
    let found = krate.items.iter().find(|e| e.item.name() == name);
    found.map(|e| &e.item).unwrap_or_else(|| panic!("no item {name}; have {:?}", names(krate)))
}

/// Every item's name, in arena order.
pub fn names(krate: &Crate) -> Vec<&str> {
    krate.items.iter().map(|e| e.item.name()).collect()
}
