//! XML Schema 1.0 built-in simple types, implemented as [`XmlValue`](crate::value::XmlValue).
//!
//! Generated code maps each XSD built-in type to one Rust type:
//!
//! | XSD type | Rust type |
//! | --- | --- |
//! | `string`, `normalizedString`, `token`, `anyURI`, `ID`, `IDREF`, `ENTITY` | [`String`] (kept as written) |
//! | `Name`, `NCName`, `NMTOKEN`, `language` | [`Name`], [`NCName`], [`NMToken`], [`Language`] (checked strings) |
//! | `NMTOKENS`, `IDREFS`, `ENTITIES` | `Vec<NMToken>`, `Vec<String>` |
//! | `boolean` | [`bool`] |
//! | `unsignedByte` … `long` | [`u8`], [`u16`], [`u32`], [`u64`], [`i8`], [`i16`], [`i32`], [`i64`] |
//! | `integer`, `nonNegativeInteger`, … | [`Integer`] (arbitrary precision) |
//! | `decimal` | [`Decimal`] (exact, no float rounding) |
//! | `float`, `double` | [`f32`], [`f64`] |
//! | `dateTime`, `date`, `time`, `gYear`, `gYearMonth`, `gMonth`, `gDay`, `gMonthDay` | [`DateTime`], [`Date`], [`Time`], [`GYear`], [`GYearMonth`], [`GMonth`], [`GDay`], [`GMonthDay`] |
//! | `duration` | [`Duration`] |
//! | `base64Binary`, `hexBinary` | [`Base64Binary`], [`HexBinary`] |
//! | `QName` | [`QNameValue`] (as written; the reader checks that its prefix is declared where it stands) |
//!
//! Values keep what the document wrote wherever the value space would lose it (fraction digits of
//! seconds, `Z` versus `+00:00`, which duration components were written), so that reading and then
//! writing a document reproduces it. `write_xml` appends the lexical form *unescaped*: escaping `<`,
//! `&` and quotes is the writer's job.

mod binary;
mod boolean;
mod bounded;
mod datetime;
mod decimal;
mod defaulted;
mod duration;
mod gregorian;
mod names;
pub(crate) mod nillable;
mod numbers;
mod qname;
mod strings;
mod typed;

pub use binary::{Base64Binary, HexBinary, LetterCase};
pub use bounded::{NegativeInteger, NonNegativeInteger, NonPositiveInteger, PositiveInteger};
pub use datetime::{Date, DateTime, Time, Timezone};
pub use decimal::{Decimal, Integer};
pub(crate) use defaulted::is_white_space_of_empty;
pub use defaulted::Defaulted;
pub use duration::Duration;
pub use gregorian::{GDay, GMonth, GMonthDay, GYear, GYearMonth};
pub use names::{is_name_of_type, Language, NCName, NMToken, Name};
pub use nillable::{NilState, Nillable};
pub use qname::QNameValue;
pub use strings::{
    collapse_whitespace, enumeration_index, enumeration_value_index, is_enumerated, replace_whitespace,
};
pub use typed::Typed;

/// Implements [`XmlValue`](crate::value::XmlValue) and [`FromStr`](std::str::FromStr) for a type
/// from a parse function and its [`Display`](std::fmt::Display) impl, so the three always agree.
macro_rules! impl_xml_value {
    // A type kept as written compares values of its own (`same_value`, see `XmlValue::same_value`).
    ($ty:ty, $parse:path $(, same_value: $same:expr)?) => {
        $crate::xs::impl_xml_value!($ty, $parse, |value: &$ty, out: &mut String| {
            use std::fmt::Write as _;
            // Writing into a `String` cannot fail.
            let _ = write!(out, "{value}");
        } $(, same_value: $same)?);
    };
    // With a writer of its own: the writer's hot path skips `core::fmt`.
    ($ty:ty, $parse:path, $write:expr $(, same_value: $same:expr)?) => {
        impl $crate::value::XmlValue for $ty {
            fn parse_xml(text: &str) -> Result<Self, $crate::value::ValueError> {
                $parse(text)
            }

            fn write_xml(&self, out: &mut String) {
                let write: fn(&$ty, &mut String) = $write;
                write(self, out)
            }
            $(
                fn same_value(&self, other: &Self) -> bool {
                    let same: fn(&$ty, &$ty) -> bool = $same;
                    same(self, other)
                }
            )?
        }

        impl std::str::FromStr for $ty {
            type Err = $crate::value::ValueError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                $parse(text)
            }
        }
    };
}
pub(crate) use impl_xml_value;

/// The four XML whitespace characters (`#x20 | #x9 | #xD | #xA`); Unicode whitespace beyond these is
/// data, not whitespace, for XML.
pub(crate) fn is_xml_whitespace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// Removes leading and trailing XML whitespace: the part of the `collapse` facet that matters for
/// types whose lexical space has no inner spaces.
pub(crate) fn trim_xml(text: &str) -> &str {
    text.trim_matches(is_xml_whitespace)
}

/// Describes the first character of `rest` for an error reason, e.g. `unexpected 'x'`.
pub(crate) fn unexpected(rest: &str) -> String {
    match rest.chars().next() {
        None => "unexpected end of value".to_owned(),
        Some(c) if is_xml_whitespace(c) => "unexpected whitespace".to_owned(),
        Some(c) => format!("unexpected {c:?}"),
    }
}

/// Splits an optional leading `+` or `-` off `text`, returning whether it was `-`.
pub(crate) fn split_sign(text: &str) -> (bool, &str) {
    if let Some(rest) = text.strip_prefix('-') {
        (true, rest)
    } else if let Some(rest) = text.strip_prefix('+') {
        (false, rest)
    } else {
        (false, text)
    }
}

/// Splits the leading run of ASCII digits off `text`.
pub(crate) fn split_digits(text: &str) -> (&str, &str) {
    let end = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    text.split_at(end)
}

/// The XML Schema instance namespace (`xsi:type`, `xsi:nil`, …).
pub const XSI_NAMESPACE: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// What the `length`, `minLength` and `maxLength` facets measure: characters of a string, octets of
/// binary data, items of a list.
pub trait FacetLength {
    /// The length in the facet's unit.
    fn facet_length(&self) -> usize;
}

impl FacetLength for String {
    fn facet_length(&self) -> usize {
        self.chars().count()
    }
}

impl<T> FacetLength for Vec<T> {
    fn facet_length(&self) -> usize {
        self.len()
    }
}

impl FacetLength for Base64Binary {
    fn facet_length(&self) -> usize {
        self.0.len()
    }
}

impl FacetLength for HexBinary {
    fn facet_length(&self) -> usize {
        self.0.len()
    }
}

/// How the bounds (`minInclusive`, `maxExclusive`, …) compare values of the date and time types:
/// XSD's partial order, in which a value with a timezone and one without, less than 14 hours apart,
/// are unordered (`None`), and so outside every bound.
pub trait FacetOrder {
    /// How `self` compares with `bound`, if they are ordered.
    fn facet_cmp(&self, bound: &Self) -> Option<std::cmp::Ordering>;
}

macro_rules! facet_order {
    ($($t:ty),*) => {$(
        impl FacetOrder for $t {
            fn facet_cmp(&self, bound: &Self) -> Option<std::cmp::Ordering> {
                self.point().order(&bound.point())
            }
        }
    )*};
}

facet_order!(DateTime, Date, Time, GYear, GYearMonth, GMonth, GDay, GMonthDay);

/// What the `totalDigits` and `fractionDigits` facets count of a decimal value: its digits in all and
/// after the decimal point, without leading zeros before it or trailing zeros after it (`012.50`
/// has 3 and 1), as XSD counts them in the value, not in the text.
pub trait FacetDigits {
    /// `(digits in all, digits after the decimal point)`.
    fn facet_digits(&self) -> (usize, usize);
}

impl FacetDigits for Decimal {
    fn facet_digits(&self) -> (usize, usize) {
        let integer = match self.integer_digits() {
            "0" => 0,
            digits => digits.len(),
        };
        let fraction = self.fraction_digits().len();
        (integer + fraction, fraction)
    }
}

impl FacetDigits for Integer {
    fn facet_digits(&self) -> (usize, usize) {
        (self.magnitude_digits().len(), 0)
    }
}

macro_rules! facet_digits {
    (wrapping: $($wrapper:ty),*; primitive: $($primitive:ty),*) => {
        $(impl FacetDigits for $wrapper {
            fn facet_digits(&self) -> (usize, usize) {
                self.get().facet_digits()
            }
        })*
        $(impl FacetDigits for $primitive {
            fn facet_digits(&self) -> (usize, usize) {
                let magnitude = i128::from(*self).unsigned_abs();
                (magnitude.checked_ilog10().map_or(1, |log| log as usize + 1), 0)
            }
        })*
    };
}

facet_digits! {
    wrapping: NonNegativeInteger, PositiveInteger, NonPositiveInteger, NegativeInteger;
    primitive: i8, i16, i32, i64, u8, u16, u32, u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(trim_xml(" \t\r\n a b \n"), "a b");
        // A non-breaking space is data for XML.
        assert_eq!(trim_xml("\u{a0}a"), "\u{a0}a");
        assert_eq!(unexpected(""), "unexpected end of value");
        assert_eq!(unexpected(" x"), "unexpected whitespace");
        assert_eq!(unexpected("é"), "unexpected 'é'");
        assert_eq!(split_sign("-1"), (true, "1"));
        assert_eq!(split_sign("+1"), (false, "1"));
        assert_eq!(split_sign("1"), (false, "1"));
        assert_eq!(split_digits("123ab"), ("123", "ab"));
        assert_eq!(split_digits("ab"), ("", "ab"));
        assert_eq!(split_digits("12"), ("12", ""));
    }

    #[test]
    fn dates_are_ordered_as_xsd_orders_them() {
        use crate::XmlValue;
        use std::cmp::Ordering::{Greater, Less};
        let date = |text: &str| Date::parse_xml(text).unwrap();
        let cmp = |a: &str, b: &str| date(a).facet_cmp(&date(b));
        assert_eq!(cmp("2020-01-02Z", "2020-01-01Z"), Some(Greater));
        assert_eq!(cmp("2020-01-01+01:00", "2020-01-01Z"), Some(Less));
        // Without a timezone: ordered only when more than 14 hours apart.
        assert_eq!(cmp("2020-01-01", "2020-01-01Z"), None);
        assert_eq!(cmp("2020-01-02", "2020-01-01Z"), Some(Greater));
        assert_eq!(cmp("2020-01-01Z", "2020-01-02"), Some(Less));
        assert_eq!(cmp("2020-01-01", "2019-12-31"), Some(Greater));
        let time = |text: &str| DateTime::parse_xml(text).unwrap();
        assert_eq!(time("2020-01-01T10:00:00.5Z").facet_cmp(&time("2020-01-01T10:00:00.45Z")), Some(Greater));
        assert_eq!(time("2020-01-01T10:00:00Z").facet_cmp(&time("2020-01-01T00:00:00")), None);
        assert_eq!(
            GYear::parse_xml("2001").unwrap().facet_cmp(&GYear::parse_xml("2000").unwrap()),
            Some(Greater)
        );
    }

    #[test]
    fn digits_are_counted_in_the_value() {
        use crate::XmlValue;
        let decimal = |text: &str| Decimal::parse_xml(text).unwrap().facet_digits();
        assert_eq!(decimal("012.50"), (3, 1));
        // 0.0012 is 12 × 10^-4: four digits, as XSD counts them (n ≤ totalDigits).
        assert_eq!(decimal("-0.0012"), (4, 4));
        assert_eq!(decimal("100"), (3, 0));
        assert_eq!(decimal("0.0"), (0, 0));
        assert_eq!(Integer::parse_xml("-00120").unwrap().facet_digits(), (3, 0));
        assert_eq!(PositiveInteger::parse_xml("+0099").unwrap().facet_digits(), (2, 0));
        assert_eq!(0i32.facet_digits(), (1, 0));
        assert_eq!(i64::MIN.facet_digits(), (19, 0));
        assert_eq!((-10i8).facet_digits(), (2, 0));
        assert_eq!(u64::MAX.facet_digits(), (20, 0));
        assert_eq!(9u8.facet_digits(), (1, 0));
    }
}
