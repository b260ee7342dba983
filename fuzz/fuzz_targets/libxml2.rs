//! libxml2's verdict, for the `features` and `read_any_root` targets: a document the independent
//! validator holds valid against a schema must be read by the types generated from that schema. The
//! other checks only see documents the reader accepts; this one sees what it refuses.

use xsd_validator::{Document, Schema};

/// Whether libxml2 holds `xml` valid against `schema` (`None`: libxml2 could not compile it, so
/// it gives no verdict).
pub fn holds_valid(schema: Option<&Schema>, xml: &str) -> bool {
    let Some(schema) = schema else { return false };
    Document::from_text(xml, "input.xml").is_ok_and(|document| schema.validate(&document).is_ok())
}
