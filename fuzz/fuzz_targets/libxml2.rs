//! libxml2's verdict, for the `features` and `read_any_root` targets: a document the independent
//! validator holds valid against a schema must be read by the types generated from that schema. The
//! other checks only see documents the reader accepts; this one sees what it refuses.

use enhanced_presence::{Error, ErrorKind};
use xsd_validator::{Document, Schema};

/// Whether libxml2's verdict is weighed against this refusal: one of a value, an attribute or
/// text. Not of the content model: libxml2's automaton for a sequence takes elements after an
/// unbounded wildcard that XSD does not (`(a+, ##other*)` accepts `a, x, a`; found by
/// `read_any_root` in the `provisioningGroupList` of `schemas/`, and most Lync types end in such a
/// wildcard), so content-model refusals are left to the W3C suite. Not base64 text with characters
/// outside the alphabet (`!`, `@`, `[`, a byte order mark), which libxml2 2.x takes as
/// `xs:base64Binary`.
pub fn weighs(e: &Error) -> bool {
    match e.kind() {
        ErrorKind::InvalidValue { error, .. } => error.expected != "base64Binary",
        ErrorKind::MissingAttribute { .. }
        | ErrorKind::UnexpectedAttribute { .. }
        | ErrorKind::UnexpectedText { .. }
        | ErrorKind::AbstractType { .. } => true,
        _ => false,
    }
}

/// Whether libxml2 holds `xml` valid against `schema` (`None`: libxml2 could not compile it, so
/// it gives no verdict).
pub fn holds_valid(schema: Option<&Schema>, xml: &str) -> bool {
    let Some(schema) = schema else { return false };
    Document::from_text(xml, "input.xml").is_ok_and(|document| schema.validate(&document).is_ok())
}
