//! The round-trip contract ("nothing lost", `roundtrip::check`) on whatever parses as a `Document` and
//! is well-formed for the strict infoset parser: the output must be infoset-equal to the input, so a
//! value the reader silently drops is a finding here (the `roundtrip` target cannot see it, since
//! both of its parses lose the same thing). Whatever the reader accepts, strict or not, must write as
//! namespace-well-formed XML.
#![no_main]

mod known;
mod oracle;

use enhanced_presence::{Document, WithHints};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else { return };
    let Ok(document) = enhanced_presence::from_str::<WithHints<Document>>(input) else { return };
    if known::skip(input) {
        return;
    }
    oracle::well_formed(&oracle::written(enhanced_presence::to_string(&document), &input), &input);
    if enhanced_presence::roundtrip::infoset::parse(input).is_err() {
        // Not well-formed by the strict parser: the reader is more lenient (see the README).
        return;
    }
    let report = enhanced_presence::roundtrip::check(input);
    assert!(report.is_ok(), "{report}\ninput:  {input:?}\noutput: {:?}", report.output);
});
