//! The `roundtrip` and `contract` checks on the types generated from
//! `tests/generator-features/schemas/`: the XSD constructs the crate's own schemas do not use (unions
//! and lists, type families read through `xsi:type`, nillable elements, default and fixed values,
//! substitution groups, anonymous types, simple content, deep and wide types, patterns on numbers,
//! QName values). Schemas nobody here wrote use them, so their readers and writers get the same
//! scrutiny. Each input is tried as the `Document` of every one of those schema sets; for each that
//! accepts it: the output is namespace-well-formed, reads back as an equal value, writes again byte
//! for byte, and (when the input is well-formed for the strict infoset parser) loses nothing of the
//! input. For each that refuses a well-formed input whose root it declares, for a value, an
//! attribute or text (`libxml2::weighs`): libxml2 does not hold the input valid against the set's
//! schema.
#![no_main]

mod feature_schemas;
mod known;
mod libxml2;
mod oracle;

use std::fmt::Debug;

use enhanced_presence::roundtrip::infoset::Infoset;
use enhanced_presence::{roundtrip, WithHints, XmlElement};
use generator_features as features;
use libfuzzer_sys::fuzz_target;

/// The checks for one schema set (`schema`, its file): `infoset` is the input as the strict parser
/// reads it, if it can.
fn check<D: XmlElement + PartialEq + Debug>(input: &str, infoset: Option<&Infoset>, schema: &'static str) {
    let strict = infoset.is_some();
    let first = match enhanced_presence::from_str::<WithHints<D>>(input) {
        Ok(first) => first,
        Err(e) => {
            if let Some(infoset) = infoset {
                let (ns, local) = infoset.root_name();
                assert!(
                    !D::matches(ns.as_bytes(), local.as_bytes())
                        || !libxml2::enabled()
                        || !libxml2::weighs(&e)
                        || !feature_schemas::valid(schema, input),
                    "libxml2 holds the input valid against {schema}, the reader refuses it: {e}\ninput:  {input:?}"
                );
            }
            return;
        }
    };
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
        let only_value_forms = report.error.is_none()
            && report.idempotent
            && report.differences.iter().all(features::is_same_value_form);
        assert!(
            report.is_ok() || only_value_forms,
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
    let infoset = roundtrip::infoset::parse(input).ok();
    let infoset = infoset.as_ref();
    macro_rules! check {
        ($document:ty, $schema:literal, $arbitrary:ident) => {
            check::<$document>(input, infoset, $schema)
        };
    }
    features::for_each_schema_set!(check);
});
