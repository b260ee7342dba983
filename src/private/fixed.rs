//! Comparing a document's value with a declaration's `fixed` one, in the value space of the
//! declared type (XSD Part 1, §3.3.4 and §3.2.4): `1.0` is a decimal's fixed `1.00`, ` a  b ` a
//! token's fixed `a b`, `PT60M` a duration's fixed `PT1H`.

use std::borrow::Cow;

use crate::value::{ValueError, XmlValue};
use crate::xs::{collapse_whitespace, replace_whitespace};

/// The `whiteSpace` facet of a fixed value's declared type: what its text goes through before it is
/// a value. Types kept as `String` (`xs:string`, `xs:token`, …) hold their text as written, so the
/// comparison applies the facet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhiteSpace {
    /// `xs:string`: every character counts.
    Preserve,
    /// `xs:normalizedString`: tabs and line ends are spaces.
    Replace,
    /// `xs:token` and every type not derived from a string: runs of white space are one space,
    /// and none leads or trails.
    Collapse,
}

/// Whether `value` is the value `fixed` (the declaration's text, which the generator checked is
/// one of `T`'s) of a type whose white space is `white_space`.
pub fn is_fixed_value<T: XmlValue>(value: &T, fixed: &str, white_space: WhiteSpace) -> bool {
    match T::parse_xml(fixed) {
        Ok(fixed) => value.same_value(&fixed) || same_text(&written(value), &written(&fixed), white_space),
        // Not a value of the type after all: there is nothing a value could be compared with.
        Err(_) => true,
    }
}

/// Why mixed content under a fixed value is refused for its child elements: XSD allows none
/// (Validation Rule "Element Locally Valid (Element)" 5.2.2.1). libxml2 does not check it, so the
/// fuzz targets' libxml2 check leaves this refusal alone.
pub const NO_CHILD_ELEMENTS: &str = "the schema fixes the content to its text alone: no child elements";

/// The error for a value other than the one its declaration fixes.
pub(crate) fn not_fixed(fixed: &'static str, found: &str) -> ValueError {
    ValueError::with_reason(fixed, found, "the schema fixes the value")
}

fn written<T: XmlValue>(value: &T) -> String {
    let mut out = String::new();
    value.write_xml(&mut out);
    out
}

/// Whether two texts are one once the white-space facet has done its work.
fn same_text(a: &str, b: &str, white_space: WhiteSpace) -> bool {
    let facet: fn(&str) -> Cow<'_, str> = match white_space {
        WhiteSpace::Preserve => |text| Cow::Borrowed(text),
        WhiteSpace::Replace => replace_whitespace,
        WhiteSpace::Collapse => collapse_whitespace,
    };
    facet(a) == facet(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xs::{Date, DateTime, Decimal, Duration, GMonthDay, HexBinary, QNameValue, Time};

    fn fixed<T: XmlValue>(value: &str, fixed: &str, white_space: WhiteSpace) -> bool {
        is_fixed_value(&T::parse_xml(value).unwrap(), fixed, white_space)
    }

    #[test]
    fn strings_compare_after_their_white_space_facet() {
        use WhiteSpace::*;
        assert!(fixed::<String>("a b", "a b", Preserve));
        assert!(!fixed::<String>(" a b", "a b", Preserve));
        assert!(!fixed::<String>("a\tb", "a b", Preserve));
        assert!(fixed::<String>("a\tb", "a b", Replace));
        assert!(!fixed::<String>("a  b", "a b", Replace));
        assert!(fixed::<String>("  a \n b ", "a b", Collapse));
        assert!(!fixed::<String>("ab", "a b", Collapse));
    }

    #[test]
    fn other_types_compare_values_not_texts() {
        use WhiteSpace::Collapse;
        assert!(fixed::<Decimal>("1.0", "01.00", Collapse));
        assert!(!fixed::<Decimal>("1.01", "1", Collapse));
        assert!(fixed::<bool>("1", "true", Collapse));
        assert!(!fixed::<bool>("0", "true", Collapse));
        assert!(fixed::<i32>("+007", "7", Collapse));
        assert!(fixed::<f64>("1e2", "100.0", Collapse));
        assert!(fixed::<f64>("NaN", "NaN", Collapse));
        assert!(fixed::<f64>("-0", "0", Collapse));
        assert!(!fixed::<f64>("INF", "-INF", Collapse));
        assert!(fixed::<Duration>("PT60M", "PT1H", Collapse));
        assert!(!fixed::<Duration>("P1M", "P30D", Collapse));
        assert!(fixed::<HexBinary>("0a0B", "0A0b", Collapse));
        assert!(!fixed::<HexBinary>("0a", "0a0b", Collapse));
        assert!(fixed::<QNameValue>("p:local", "q:local", Collapse));
        assert!(fixed::<Vec<Decimal>>(" 1.0  2 ", "1 2.00", Collapse));
        assert!(!fixed::<Vec<Decimal>>("1 2 3", "1 2", Collapse));
    }

    #[test]
    fn dates_and_times_compare_as_points_in_time() {
        use WhiteSpace::Collapse;
        assert!(fixed::<DateTime>("2010-06-22T21:00:00+02:00", "2010-06-22T19:00:00Z", Collapse));
        assert!(fixed::<DateTime>("2010-06-22T19:00:00.500", "2010-06-22T19:00:00.5", Collapse));
        assert!(fixed::<DateTime>("2010-06-22T24:00:00", "2010-06-23T00:00:00", Collapse));
        // One with a timezone and one without are never the same value.
        assert!(!fixed::<DateTime>("2010-06-22T19:00:00", "2010-06-22T19:00:00Z", Collapse));
        assert!(fixed::<Date>("2010-06-22-00:00", "2010-06-22Z", Collapse));
        assert!(!fixed::<Date>("2010-06-22", "2010-06-23", Collapse));
        assert!(fixed::<Time>("24:00:00", "00:00:00", Collapse));
        assert!(fixed::<Time>("01:00:00+02:00", "23:00:00Z", Collapse));
        assert!(!fixed::<Time>("01:00:00", "01:00:01", Collapse));
        assert!(fixed::<GMonthDay>("--02-29", "--02-29", Collapse));
        assert!(!fixed::<GMonthDay>("--02-28", "--02-29", Collapse));
    }
}
