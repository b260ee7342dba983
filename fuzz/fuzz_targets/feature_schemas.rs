//! The schemas of `tests/generator-features/schemas/` as libxml2 compiles them, for the `features`
//! target's check of what the reader refuses.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;

use xsd_validator::Schema;

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
        super::libxml2::holds_valid(compiled.as_ref(), xml)
    })
}
