//! The `roundtrip` and `contract` checks on the types generated from
//! `tests/generator-features/schemas/`: the XSD constructs the crate's own schemas do not use (unions
//! and lists, type families read through `xsi:type`, nillable elements, default and fixed values,
//! substitution groups, anonymous types, simple content, deep and wide types, patterns on numbers,
//! QName values). Schemas nobody here wrote use them, so their readers and writers get the same
//! scrutiny. Each input is tried as the `Document` of every one of those schema sets; for each that
//! accepts it: the output is namespace-well-formed, reads back as an equal value, writes again byte
//! for byte, and (when the input is well-formed for the strict infoset parser) loses nothing of the
//! input.
#![no_main]

mod known;
mod oracle;

use std::fmt::Debug;

use enhanced_presence::{roundtrip, WithHints, XmlElement};
use generator_features as features;
use libfuzzer_sys::fuzz_target;

fn check<D: XmlElement + PartialEq + Debug>(input: &str, strict: bool) {
    let Ok(first) = enhanced_presence::from_str::<WithHints<D>>(input) else { return };
    let written = oracle::written(enhanced_presence::to_string(&first), &input);
    oracle::well_formed(&written, &input);
    let second = match enhanced_presence::from_str::<WithHints<D>>(&written) {
        Ok(v) => v,
        Err(e) => panic!("output does not parse again: {e}\ninput:  {input:?}\noutput: {written:?}"),
    };
    assert_eq!(
        first, second,
        "read → write → read changed the value\ninput:  {input:?}\noutput: {written:?}"
    );
    assert_eq!(
        written,
        oracle::written(enhanced_presence::to_string(&second), &input),
        "writing is not idempotent\ninput:  {input:?}"
    );
    if strict {
        let report = roundtrip::check_as::<WithHints<D>>(input);
        let only_float_forms = report.error.is_none()
            && report.idempotent
            && report.differences.iter().all(features::is_float_form);
        assert!(
            report.is_ok() || only_float_forms,
            "{report}\ninput:  {input:?}\noutput: {:?}",
            report.output
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else { return };
    if known::skip(input) {
        return;
    }
    // Not well-formed by the strict parser: the reader is more lenient (see the README), so only
    // the checks that do not compare with the input apply.
    let strict = roundtrip::infoset::parse(input).is_ok();
    check::<features::Document>(input, strict);
    check::<features::anonymous_types::Document>(input, strict);
    check::<features::simple_content_types::Document>(input, strict);
    check::<features::wide_schema::Document>(input, strict);
    check::<features::values_schema::Document>(input, strict);
    check::<features::typed_schema::Document>(input, strict);
    check::<features::drawing_types::Document>(input, strict);
    check::<features::string_types::Document>(input, strict);
    check::<features::entity_schema::Document>(input, strict);
    check::<features::white_space_schema::Document>(input, strict);
    check::<features::particles_schema::Document>(input, strict);
    check::<features::pattern_types::Document>(input, strict);
    check::<features::qname_schema::Document>(input, strict);
    check::<features::prelude_name_types::Document>(input, strict);
});
