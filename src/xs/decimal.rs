//! `xs:integer` and `xs:decimal` with arbitrary precision and no float rounding.
//!
//! Both store a sign and decimal digit strings normalized at construction (no leading zeros in the
//! integer part, no trailing zeros in the fraction, zero never negative), so the derived `Eq` and
//! `Hash` compare by value: `1.0 == 1.00 == 01`.

use std::cmp::Ordering;
use std::fmt;

use super::numbers::{digits_to_u128, parse_integer_parts};
use super::{impl_xml_value, split_digits, split_sign, trim_xml, unexpected};
use crate::value::ValueError;

/// Compares two magnitudes given as digit strings without leading zeros.
fn cmp_digits(a: &str, b: &str) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// Strips leading zeros, keeping `"0"` for zero.
fn strip_leading_zeros(digits: &str) -> &str {
    match digits.trim_start_matches('0') {
        "" => "0",
        significant => significant,
    }
}

/// `xs:integer` (and the unbounded types derived from it such as `nonNegativeInteger`): an
/// arbitrary-precision integer, because the schema puts no bound on these values.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Integer {
    /// True only for values below zero.
    negative: bool,
    /// Decimal digits of the magnitude without leading zeros; `"0"` for zero.
    digits: Box<str>,
}

impl Integer {
    /// Zero.
    pub fn zero() -> Self {
        Integer { negative: false, digits: "0".into() }
    }

    /// Whether the value is below zero.
    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// Whether the value is zero.
    pub fn is_zero(&self) -> bool {
        &*self.digits == "0"
    }

    /// The decimal digits of the absolute value, without leading zeros (`"0"` for zero).
    pub fn magnitude_digits(&self) -> &str {
        &self.digits
    }

    /// The value as an `i128`, or `None` when it does not fit.
    pub fn to_i128(&self) -> Option<i128> {
        let magnitude = digits_to_u128(&self.digits)?;
        if self.negative {
            0i128.checked_sub_unsigned(magnitude)
        } else {
            i128::try_from(magnitude).ok()
        }
    }

    /// The value as an `i64`, or `None` when it does not fit.
    pub fn to_i64(&self) -> Option<i64> {
        self.to_i128().and_then(|v| i64::try_from(v).ok())
    }

    /// The value as a `u64`, or `None` when it is negative or does not fit.
    pub fn to_u64(&self) -> Option<u64> {
        self.to_i128().and_then(|v| u64::try_from(v).ok())
    }

    fn parse(text: &str) -> Result<Self, ValueError> {
        let (negative, digits) = parse_integer_parts(text, "integer")?;
        Ok(Integer { negative, digits: digits.into() })
    }
}

impl_xml_value!(Integer, Integer::parse);

impl Default for Integer {
    fn default() -> Self {
        Integer::zero()
    }
}

impl fmt::Display for Integer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negative {
            f.write_str("-")?;
        }
        f.write_str(&self.digits)
    }
}

impl Ord for Integer {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self.negative, other.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => cmp_digits(&self.digits, &other.digits),
            (true, true) => cmp_digits(&other.digits, &self.digits),
        }
    }
}

impl PartialOrd for Integer {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Conversions from primitive integers, exact by construction.
macro_rules! integer_from {
    ($($ty:ty),*) => {$(
        impl From<$ty> for Integer {
            fn from(value: $ty) -> Self {
                let negative = value < 0 as $ty;
                let digits = i128::from(value).unsigned_abs().to_string();
                Integer { negative, digits: digits.into() }
            }
        }
    )*};
}
integer_from!(i8, i16, i32, i64, i128, u8, u16, u32, u64);

impl From<u128> for Integer {
    fn from(value: u128) -> Self {
        Integer { negative: false, digits: value.to_string().into() }
    }
}

/// `xs:decimal`: an exact decimal number. `1.50` reads as the same value as `1.5` and writes as
/// `1.5`; integral values write without a decimal point (`3`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Decimal {
    /// True only for values below zero.
    negative: bool,
    /// Integer-part digits without leading zeros; `"0"` when the integer part is zero.
    integer: Box<str>,
    /// Fraction digits without trailing zeros; empty for integral values.
    fraction: Box<str>,
}

impl Decimal {
    /// Zero.
    pub fn zero() -> Self {
        Decimal { negative: false, integer: "0".into(), fraction: "".into() }
    }

    /// Builds a value from a sign and the digits before and after the decimal point (either may be
    /// empty, e.g. `from_parts(true, "", "25")` is `-0.25`). Fails when a part holds a non-digit.
    pub fn from_parts(negative: bool, integer: &str, fraction: &str) -> Result<Self, ValueError> {
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(integer) || !all_digits(fraction) {
            let found = format!("{}{integer}.{fraction}", if negative { "-" } else { "" });
            return Err(ValueError::with_reason("decimal", &found, "parts must be decimal digits"));
        }
        Ok(Self::normalized(negative, integer, fraction))
    }

    fn normalized(negative: bool, integer: &str, fraction: &str) -> Self {
        let integer = strip_leading_zeros(integer);
        let fraction = fraction.trim_end_matches('0');
        let negative = negative && !(integer == "0" && fraction.is_empty());
        Decimal { negative, integer: integer.into(), fraction: fraction.into() }
    }

    /// Whether the value is below zero.
    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// Whether the value is zero.
    pub fn is_zero(&self) -> bool {
        &*self.integer == "0" && self.fraction.is_empty()
    }

    /// The digits of the integer part of the absolute value, without leading zeros (`"0"` when
    /// the integer part is zero).
    pub fn integer_digits(&self) -> &str {
        &self.integer
    }

    /// The digits after the decimal point, without trailing zeros (empty for integral values).
    pub fn fraction_digits(&self) -> &str {
        &self.fraction
    }

    /// The value truncated toward zero, exactly.
    pub fn trunc(&self) -> Integer {
        let negative = self.negative && &*self.integer != "0";
        Integer { negative, digits: self.integer.clone() }
    }

    /// The nearest `f64`, for arithmetic where rounding is acceptable.
    pub fn to_f64(&self) -> f64 {
        self.to_string().parse().unwrap_or(f64::NAN)
    }

    fn parse(text: &str) -> Result<Self, ValueError> {
        let error = |reason: String| ValueError::with_reason("decimal", text, reason);
        let trimmed = trim_xml(text);
        if trimmed.is_empty() {
            return Err(error("empty value".to_owned()));
        }
        let (negative, unsigned) = split_sign(trimmed);
        let (integer, rest) = split_digits(unsigned);
        let (fraction, rest) = match rest.strip_prefix('.') {
            Some(after_point) => split_digits(after_point),
            None => ("", rest),
        };
        if integer.is_empty() && fraction.is_empty() && rest.is_empty() {
            return Err(error("no digits".to_owned()));
        }
        if !rest.is_empty() {
            return Err(error(unexpected(rest)));
        }
        Ok(Self::normalized(negative, integer, fraction))
    }
}

impl_xml_value!(Decimal, Decimal::parse);

impl Default for Decimal {
    fn default() -> Self {
        Decimal::zero()
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negative {
            f.write_str("-")?;
        }
        f.write_str(&self.integer)?;
        if !self.fraction.is_empty() {
            write!(f, ".{}", self.fraction)?;
        }
        Ok(())
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        // Fractions have no trailing zeros, so comparing them as strings compares them as numbers.
        let magnitude = |a: &Decimal, b: &Decimal| {
            cmp_digits(&a.integer, &b.integer).then_with(|| a.fraction.cmp(&b.fraction))
        };
        match (self.negative, other.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => magnitude(self, other),
            (true, true) => magnitude(other, self),
        }
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl From<Integer> for Decimal {
    fn from(value: Integer) -> Self {
        Decimal { negative: value.negative, integer: value.digits, fraction: "".into() }
    }
}

/// Conversions from primitive integers, exact by construction.
macro_rules! decimal_from {
    ($($ty:ty),*) => {$(
        impl From<$ty> for Decimal {
            fn from(value: $ty) -> Self {
                Decimal::from(Integer::from(value))
            }
        }
    )*};
}
decimal_from!(i8, i16, i32, i64, i128, u8, u16, u32, u64, u128);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::XmlValue;
    use std::collections::hash_map::DefaultHasher;
    use std::hash::{Hash, Hasher};

    fn hash<T: Hash>(value: &T) -> u64 {
        let mut hasher = DefaultHasher::new();
        value.hash(&mut hasher);
        hasher.finish()
    }

    fn int(text: &str) -> Integer {
        Integer::parse_xml(text).unwrap()
    }

    fn dec(text: &str) -> Decimal {
        Decimal::parse_xml(text).unwrap()
    }

    fn write<T: XmlValue>(value: &T) -> String {
        let mut out = String::new();
        value.write_xml(&mut out);
        out
    }

    #[test]
    fn integer_valid_forms() {
        assert_eq!(int("0").to_string(), "0");
        assert_eq!(int("-0"), Integer::zero());
        assert!(!int("-000").is_negative());
        assert_eq!(int("+007").to_string(), "7");
        assert_eq!(int(" -12 ").to_string(), "-12");
        let big = "123456789012345678901234567890123456789012345678901234567890";
        assert_eq!(int(big).to_string(), big);
        assert_eq!(int(&format!("-{big}")).magnitude_digits(), big);
        assert_eq!(int(big).to_i128(), None);
        assert_eq!("42".parse::<Integer>(), Ok(Integer::from(42u8)));
    }

    #[test]
    fn integer_rejections() {
        let cases: &[(&str, &str)] = &[
            ("", "empty value"),
            ("-", "no digits"),
            ("1.0", "unexpected '.'"),
            ("1 000", "unexpected whitespace"),
            ("--1", "unexpected '-'"),
        ];
        for (text, reason) in cases {
            let err = Integer::parse_xml(text).unwrap_err();
            assert_eq!(err.expected, "integer");
            assert_eq!(err.found, *text);
            assert_eq!(err.reason.as_deref(), Some(*reason), "{text:?}");
        }
    }

    #[test]
    fn integer_conversions() {
        assert_eq!(int("170141183460469231731687303715884105727").to_i128(), Some(i128::MAX));
        assert_eq!(int("-170141183460469231731687303715884105728").to_i128(), Some(i128::MIN));
        assert_eq!(int("170141183460469231731687303715884105728").to_i128(), None);
        assert_eq!(int("-170141183460469231731687303715884105729").to_i128(), None);
        assert_eq!(Integer::from(i128::MIN).to_i128(), Some(i128::MIN));
        assert_eq!(Integer::from(u128::MAX).to_string(), u128::MAX.to_string());
        assert_eq!(int("-1").to_u64(), None);
        assert_eq!(int("18446744073709551615").to_u64(), Some(u64::MAX));
        assert_eq!(int("-9223372036854775808").to_i64(), Some(i64::MIN));
        assert_eq!(int("9223372036854775808").to_i64(), None);
    }

    #[test]
    fn integer_order_and_hash_follow_values() {
        let mut seed = 3u64;
        let mut values = Vec::new();
        for _ in 0..2_000 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            values.push((seed >> 20) as i64 - (1 << 43));
        }
        values.extend([0, 1, -1, 9, 10, -9, -10, 99, 100]);
        for &a in &values {
            let x = Integer::from(a);
            assert_eq!(x.to_i128(), Some(i128::from(a)));
            assert_eq!(int(&write(&x)), x);
            assert_eq!(int(&format!("{}000{}", if a < 0 { "-" } else { "+" }, a.unsigned_abs())), x);
            assert_eq!(hash(&int(&format!("0{}", a.unsigned_abs()))), hash(&Integer::from(a.unsigned_abs())));
        }
        for pair in values.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            assert_eq!(Integer::from(a).cmp(&Integer::from(b)), a.cmp(&b), "{a} {b}");
        }
    }

    #[test]
    fn decimal_valid_forms_and_display() {
        let cases: &[(&str, &str)] = &[
            ("1.5", "1.5"),
            ("-0.25", "-0.25"),
            ("3", "3"),
            ("3.", "3"),
            (".5", "0.5"),
            ("-.5", "-0.5"),
            ("+001.500", "1.5"),
            ("0.0", "0"),
            ("-0.000", "0"),
            (" 12.340 \n", "12.34"),
            (
                "123456789012345678901234567890.000000000000000000000000000001",
                "123456789012345678901234567890.000000000000000000000000000001",
            ),
        ];
        for (text, written) in cases {
            let value = dec(text);
            assert_eq!(write(&value), *written, "{text:?}");
            assert_eq!(value.to_string(), *written);
            assert_eq!(dec(written), value);
        }
        assert_eq!(dec("-0.25").integer_digits(), "0");
        assert_eq!(dec("-0.25").fraction_digits(), "25");
        assert!(dec("-0.25").is_negative());
        assert!(dec("-0").is_zero());
        assert_eq!(dec("-12.9").trunc(), Integer::from(-12));
        assert_eq!(dec("-0.9").trunc(), Integer::zero());
        assert_eq!(dec("2.5").to_f64(), 2.5);
        assert_eq!(Decimal::from(Integer::from(-7)).to_string(), "-7");
        assert_eq!(Decimal::from(5u8), dec("5.0"));
    }

    #[test]
    fn decimal_equality_by_value() {
        let ones = ["1", "1.0", "1.00", "01", "+1.", "001.000"];
        for a in ones {
            for b in ones {
                assert_eq!(dec(a), dec(b));
                assert_eq!(hash(&dec(a)), hash(&dec(b)));
                assert_eq!(dec(a).cmp(&dec(b)), Ordering::Equal);
            }
        }
        assert_ne!(dec("1.01"), dec("1.1"));
        assert_eq!(dec("0"), dec("-0.0"));
    }

    #[test]
    fn decimal_rejections() {
        let cases: &[(&str, &str)] = &[
            ("", "empty value"),
            ("  ", "empty value"),
            (".", "no digits"),
            ("-", "no digits"),
            ("+.", "no digits"),
            ("1.2.3", "unexpected '.'"),
            ("1e3", "unexpected 'e'"),
            ("1,5", "unexpected ','"),
            ("1 .5", "unexpected whitespace"),
            ("INF", "unexpected 'I'"),
            ("--1", "unexpected '-'"),
        ];
        for (text, reason) in cases {
            let err = Decimal::parse_xml(text).unwrap_err();
            assert_eq!(err.expected, "decimal");
            assert_eq!(err.found, *text);
            assert_eq!(err.reason.as_deref(), Some(*reason), "{text:?}");
        }
        let err = Decimal::from_parts(false, "1a", "").unwrap_err();
        assert_eq!(err.reason.as_deref(), Some("parts must be decimal digits"));
        assert_eq!(Decimal::from_parts(true, "", "25"), Ok(dec("-0.25")));
    }

    #[test]
    fn decimal_order_matches_scaled_integers() {
        // Values k / 1000 for k in a range, written in several lexical forms.
        let values: Vec<(i64, Decimal)> = (-2_500..2_500)
            .step_by(7)
            .map(|k: i64| {
                let text = format!(
                    "{}{}.{:03}0",
                    if k < 0 { "-" } else { "" },
                    k.unsigned_abs() / 1000,
                    k.unsigned_abs() % 1000
                );
                (k, dec(&text))
            })
            .collect();
        for (k, value) in &values {
            assert_eq!(dec(&write(value)), *value);
            assert_eq!(value.to_f64(), *k as f64 / 1000.0);
        }
        for (a, x) in values.iter().step_by(13) {
            for (b, y) in &values {
                assert_eq!(x.cmp(y), a.cmp(b), "{x} {y}");
                assert_eq!(x == y, a == b);
            }
        }
    }
}
