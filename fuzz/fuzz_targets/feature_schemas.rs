//! The schemas of `tests/generator-features/schemas/` as libxml2 compiles them, for the `features`
//! target's check of what the reader refuses.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;

use xsd_validator::Schema;

thread_local! {
    /// Each schema compiled once.
    static SCHEMAS: RefCell<HashMap<&'static str, Schema>> = RefCell::new(HashMap::new());
}

/// Whether libxml2 holds `xml` valid against `schema`, a file of `tests/generator-features/schemas/`.
pub fn valid(schema: &'static str, xml: &str) -> bool {
    SCHEMAS.with(|schemas| {
        let mut schemas = schemas.borrow_mut();
        let compiled = schemas.entry(schema).or_insert_with(|| {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/generator-features/schemas");
            // Loudly: a schema libxml2 cannot read would silently turn the check off.
            Schema::from_file(dir.join(schema))
                .unwrap_or_else(|d| panic!("libxml2 cannot compile {schema}: {d:?}"))
        });
        super::libxml2::holds_valid(compiled, xml)
    })
}
