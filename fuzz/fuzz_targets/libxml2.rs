//! libxml2's verdict, for the `features` target: a document the independent validator holds valid
//! against a schema must be read by the types generated from that schema. The other checks only see
//! documents the reader accepts; this one sees what it refuses.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;

use xsd_validator::{Document, Schema};

thread_local! {
    /// Each schema compiled once (`None`: libxml2 cannot compile it, so it gives no verdict).
    static SCHEMAS: RefCell<HashMap<&'static str, Option<Schema>>> = RefCell::new(HashMap::new());
}

/// Whether libxml2 holds `xml` valid against `schema`, a file of `tests/generator-features/schemas/`.
/// `false` when libxml2 cannot compile the schema.
pub fn valid(schema: &'static str, xml: &str) -> bool {
    SCHEMAS.with(|schemas| {
        let mut schemas = schemas.borrow_mut();
        let compiled = schemas.entry(schema).or_insert_with(|| {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/generator-features/schemas");
            Schema::from_file(dir.join(schema)).ok()
        });
        let Some(compiled) = compiled else { return false };
        Document::from_text(xml, "input.xml").is_ok_and(|document| compiled.validate(&document).is_ok())
    })
}
