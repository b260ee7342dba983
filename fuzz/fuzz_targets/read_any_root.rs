//! Arbitrary bytes read as every root document this crate knows, and as a NOTIFY `<categories>` body:
//! the reader must return `Ok` or `Err`, never panic, overflow the stack or hang; what it read must
//! write as namespace-well-formed XML; what it refuses for a value, an attribute or text
//! (`libxml2::weighs`), libxml2 must not hold valid against `schemas/`.
#![no_main]

mod crate_schemas;
mod libxml2;
mod oracle;

use enhanced_presence::categories::Categories;
use enhanced_presence::{roundtrip, Document, WithHints, XmlElement};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let document = enhanced_presence::from_slice::<Document>(data);
    let categories = enhanced_presence::from_slice::<Categories>(data);
    let input = String::from_utf8_lossy(data);
    if let Ok(document) = &document {
        oracle::well_formed(&oracle::written(enhanced_presence::to_string(document), &input), &input);
    }
    if let Ok(categories) = &categories {
        oracle::well_formed(&oracle::written(enhanced_presence::to_string(categories), &input), &input);
    }
    if let Err(e) = &document {
        // Building the message walks the input again (line, column, element path): it must not panic.
        let _ = e.to_string();
        if libxml2::enabled() {
            refused_is_invalid(&input);
        }
    }
    if let Err(e) = &categories {
        let _ = e.to_string();
    }
});

/// A document of a known root the reader refuses for a value, an attribute or text
/// (`libxml2::weighs`) must be one libxml2 does not hold valid against `schemas/`.
fn refused_is_invalid(input: &str) {
    let Ok(infoset) = roundtrip::infoset::parse(input) else { return };
    let (ns, local) = infoset.root_name();
    if !Document::matches(ns.as_bytes(), local.as_bytes()) {
        return;
    }
    // `WithHints` keeps what a root's type alone cannot (an XML 1.1 declaration, a DOCTYPE).
    if let Err(e) = enhanced_presence::from_str::<WithHints<Document>>(input) {
        assert!(
            !libxml2::weighs(&e) || !crate_schemas::valid(input),
            "libxml2 holds the input valid against schemas/, the reader refuses it: {e}\ninput:  {input:?}"
        );
    }
}
