//! libxml2's verdict, for the `features` and `read_any_root` targets: a document the independent
//! validator holds valid against a schema must be read by the types generated from that schema. The
//! other checks only see documents the reader accepts; this one sees what it refuses.

use std::sync::OnceLock;

use enhanced_presence::{Error, ErrorKind};
use xsd_validator::{Document, Schema};

/// Whether the check runs: unless `EP_FUZZ_LIBXML2=0`, which the CI smoke sets. libxml2 has
/// leniencies of its own (see [`weighs`]) that fuzzing keeps meeting; a volume run's finding is
/// read by someone who can tell one from a fault of the reader, a CI run's would fail the build
/// on a third party's fault.
pub fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("EP_FUZZ_LIBXML2").is_none_or(|v| v != "0"))
}

/// Whether libxml2's verdict is weighed against this refusal: one of a value, an attribute or
/// text. Not of the content model: libxml2's automaton for a sequence takes elements after an
/// unbounded wildcard that XSD does not (`(a+, ##other*)` accepts `a, x, a`; found by
/// `read_any_root` in the `provisioningGroupList` of `schemas/`, and most Lync types end in such a
/// wildcard), so content-model refusals are left to the W3C suite. Not base64 text with characters
/// outside the alphabet (`!`, `@`, `[`, `.`, a byte order mark), which libxml2 2.x takes as
/// `xs:base64Binary`, and so as the values of types made of it (`features` met `.AQID` in an
/// enumeration of base64 values, whose refusal names the enumeration), nor a number whose exponent has no digits (`0.56e-`), which it takes as a
/// float (`features` met it in a float-or-enumeration union), nor child elements of mixed content
/// under a fixed value, which XSD refuses and libxml2 does not check, nor a date or time with a
/// timezone less than 14 hours from a bound without one (or the other way round), which XSD
/// leaves unordered, so outside the bound, and libxml2 holds within it in some directions
/// (`1999-05:00` for `maxInclusive 1999`, not `1999Z`).
pub fn weighs(e: &Error) -> bool {
    match e.kind() {
        ErrorKind::InvalidValue { error, .. } => {
            error.expected != "base64Binary"
                && !base64_but_for_stray_characters(&error.found)
                && !exponent_without_digits(&error.found)
                && error.reason.as_deref() != Some(enhanced_presence::__private::NO_CHILD_ELEMENTS)
                && !error.reason.as_deref().is_some_and(|r| r.starts_with("not ordered with the bound"))
        }
        ErrorKind::MissingAttribute { .. }
        | ErrorKind::UnexpectedAttribute { .. }
        | ErrorKind::UnexpectedText { .. }
        | ErrorKind::AbstractType { .. } => true,
        _ => false,
    }
}

/// Whether libxml2 holds `xml` valid against `schema`.
pub fn holds_valid(schema: &Schema, xml: &str) -> bool {
    Document::from_text(xml, "input.xml").is_ok_and(|document| schema.validate(&document).is_ok())
}

/// `.AQID`, `AQ!ID`: base64 text but for characters outside its alphabet, whose letters, digits,
/// `+`, `/` and `=` would be whole groups of four. Not digits alone: `12.34` is a number, which
/// libxml2 weighs as one.
fn base64_but_for_stray_characters(text: &str) -> bool {
    let base64 = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=');
    let white_space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
    let kept = text.chars().filter(|&c| base64(c)).count();
    text.chars().any(|c| !base64(c) && !white_space(c))
        && text.chars().any(|c| c.is_ascii_alphabetic() || matches!(c, '+' | '/'))
        && kept > 0
        && kept % 4 == 0
}

/// `1e`, `-0.5E+`: a number but for its exponent's digits.
fn exponent_without_digits(text: &str) -> bool {
    let number = text.trim_matches([' ', '\t', '\n', '\r']);
    let Some(mantissa) = number.trim_end_matches(['+', '-']).strip_suffix(['e', 'E']) else { return false };
    let digits = mantissa.trim_start_matches(['+', '-']);
    number.len() - mantissa.len() <= 2
        && digits.bytes().any(|b| b.is_ascii_digit())
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}
