//! The oracle every target applies to whatever the writer produced: it must be namespace-well-formed
//! XML, as judged by `roundtrip::infoset`, a parser built on quick-xml and independent of the reader
//! under test. A writer that emits XML nobody can read has failed, whatever the input was.

use std::fmt::Debug;

/// Panics, showing the input and the output, unless `output` is namespace-well-formed.
pub fn well_formed(output: &str, input: &dyn Debug) {
    if let Err(e) = enhanced_presence::roundtrip::infoset::parse(output) {
        panic!(
            "the writer's output is not namespace-well-formed: {e}\ninput:  {input:?}\noutput: {output:?}"
        );
    }
}

/// What the writer made of a value the reader produced. Such a value always writes (the reader
/// makes no string XML cannot hold), so an error is a finding.
pub fn written(output: Result<String, enhanced_presence::Error>, input: &dyn Debug) -> String {
    output.unwrap_or_else(|e| panic!("a value the reader made does not write: {e}\ninput:  {input:?}"))
}
