//! Bounded integers (`xs:unsignedByte` … `xs:long`) and `xs:float` / `xs:double` on Rust primitives.

use std::fmt::Write as _;

use super::{split_digits, split_sign, trim_xml, unexpected};
use crate::value::{ValueError, XmlValue};

/// Checks the `xs:integer` lexical form (optional sign, at least one digit, surrounding whitespace
/// collapsed) and returns whether the value is negative and its digits without leading zeros (`"0"`
/// for zero, which is never negative). Shared by the primitive integers and [`super::Integer`].
pub(super) fn parse_integer_parts<'a>(
    text: &'a str,
    expected: &'static str,
) -> Result<(bool, &'a str), ValueError> {
    let trimmed = trim_xml(text);
    if trimmed.is_empty() {
        return Err(ValueError::with_reason(expected, text, "empty value"));
    }
    let (negative, unsigned) = split_sign(trimmed);
    let (digits, rest) = split_digits(unsigned);
    if digits.is_empty() && rest.is_empty() {
        return Err(ValueError::with_reason(expected, text, "no digits"));
    }
    if !rest.is_empty() {
        return Err(ValueError::with_reason(expected, text, unexpected(rest)));
    }
    let significant = digits.trim_start_matches('0');
    if significant.is_empty() {
        Ok((false, "0"))
    } else {
        Ok((negative, significant))
    }
}

/// The value of a string of ASCII decimal digits, or `None` when it does not fit in a `u128`.
pub(super) fn digits_to_u128(digits: &str) -> Option<u128> {
    digits
        .bytes()
        .try_fold(0u128, |acc, b| acc.checked_mul(10)?.checked_add(u128::from(b.checked_sub(b'0')?)))
}

/// Implements [`XmlValue`] for primitive integers under the XSD name of their natural type.
macro_rules! impl_integer {
    ($($ty:ty => $name:literal),* $(,)?) => {$(
        #[doc = concat!("`xs:", $name, "`: an optional sign (`-0` is zero for unsigned types), ")]
        #[doc = "leading zeros and surrounding whitespace are accepted; writes the canonical form."]
        impl XmlValue for $ty {
            fn parse_xml(text: &str) -> Result<Self, ValueError> {
                let (negative, digits) = parse_integer_parts(text, $name)?;
                let out_of_range =
                    || ValueError::with_reason($name, text, concat!("out of range for ", $name));
                let magnitude = digits_to_u128(digits).ok_or_else(out_of_range)?;
                let value = if negative {
                    0i128.checked_sub_unsigned(magnitude)
                } else {
                    i128::try_from(magnitude).ok()
                };
                value.and_then(|v| <$ty>::try_from(v).ok()).ok_or_else(out_of_range)
            }

            fn write_xml(&self, out: &mut String) {
                let value = i128::from(*self);
                if value < 0 {
                    out.push('-');
                }
                // Every primitive integer's magnitude fits in a u64.
                push_decimal(out, value.unsigned_abs() as u64);
            }
        }
    )*};
}

/// Appends `n` in decimal without going through `core::fmt` (the writer formats many integers).
pub(crate) fn push_decimal(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    out.push_str(std::str::from_utf8(&buf[at..]).unwrap_or_default());
}

/// Appends `n` (below 100) as exactly two digits.
pub(crate) fn push_two_digits(out: &mut String, n: u8) {
    out.push(char::from(b'0' + n / 10 % 10));
    out.push(char::from(b'0' + n % 10));
}

impl_integer! {
    u8 => "unsignedByte",
    u16 => "unsignedShort",
    u32 => "unsignedInt",
    u64 => "unsignedLong",
    i8 => "byte",
    i16 => "short",
    i32 => "int",
    i64 => "long",
}

/// Checks the XSD 1.0 lexical form of a finite `xs:float` / `xs:double`: a decimal mantissa
/// (`1`, `1.`, `.5`, `-1.5`) optionally followed by `e`/`E` and a signed integer exponent.
fn check_float_lexical(text: &str) -> Result<(), String> {
    let (_, unsigned) = split_sign(text);
    let (integer, rest) = split_digits(unsigned);
    let (fraction, rest) = match rest.strip_prefix('.') {
        Some(after_point) => split_digits(after_point),
        None => ("", rest),
    };
    if integer.is_empty() && fraction.is_empty() {
        return Err(if rest.is_empty() { "no digits".to_owned() } else { unexpected(rest) });
    }
    let rest = match rest.strip_prefix(['e', 'E']) {
        Some(exponent) => {
            let (digits, rest) = split_digits(split_sign(exponent).1);
            if digits.is_empty() {
                return Err("exponent has no digits".to_owned());
            }
            rest
        }
        None => rest,
    };
    if rest.is_empty() {
        Ok(())
    } else {
        Err(unexpected(rest))
    }
}

/// Implements [`XmlValue`] for `f32` / `f64`.
macro_rules! impl_float {
    ($($ty:ty => $name:literal),* $(,)?) => {$(
        #[doc = concat!("`xs:", $name, "`: accepts `INF`, `-INF`, `NaN` and decimal or exponent ")]
        #[doc = "forms (XSD 1.0 rejects `+INF`); writes `INF`, `-INF`, `NaN`, or Rust's shortest "]
        #[doc = "round-trip digits, in exponent form only for very large or small magnitudes."]
        impl XmlValue for $ty {
            fn parse_xml(text: &str) -> Result<Self, ValueError> {
                let trimmed = trim_xml(text);
                match trimmed {
                    "INF" => return Ok(<$ty>::INFINITY),
                    "-INF" => return Ok(<$ty>::NEG_INFINITY),
                    "NaN" => return Ok(<$ty>::NAN),
                    "+INF" => {
                        return Err(ValueError::with_reason(
                            $name,
                            text,
                            "+INF is not allowed in XML Schema 1.0",
                        ))
                    }
                    "" => return Err(ValueError::with_reason($name, text, "empty value")),
                    _ => {}
                }
                check_float_lexical(trimmed)
                    .map_err(|reason| ValueError::with_reason($name, text, reason))?;
                // Rust's parser rounds correctly to the nearest value (to infinity beyond the
                // largest finite one, as XSD 1.1 specifies).
                trimmed.parse::<$ty>().map_err(|e| ValueError::with_reason($name, text, e.to_string()))
            }

            fn write_xml(&self, out: &mut String) {
                let value = *self;
                if value.is_nan() {
                    out.push_str("NaN");
                } else if value.is_infinite() {
                    out.push_str(if value > 0.0 { "INF" } else { "-INF" });
                } else {
                    let magnitude = value.abs();
                    // Writing into a `String` cannot fail.
                    let _ = if magnitude != 0.0 && !(1e-6..1e16).contains(&magnitude) {
                        write!(out, "{value:e}")
                    } else {
                        write!(out, "{value}")
                    };
                }
            }

            /// Equal numbers, and `NaN` to itself as XSD 1.0 has it. `0` and `-0` are taken as
            /// equal, as libxml2 takes them, though XSD 1.0 orders them.
            fn same_value(&self, other: &Self) -> bool {
                self == other || (self.is_nan() && other.is_nan())
            }
        }
    )*};
}

impl_float! {
    f32 => "float",
    f64 => "double",
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write<T: XmlValue>(value: &T) -> String {
        let mut out = String::new();
        value.write_xml(&mut out);
        out
    }

    /// A small deterministic pseudo-random sequence for property-style loops.
    fn lcg(seed: &mut u64) -> u64 {
        *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        *seed ^ (*seed >> 29)
    }

    #[test]
    fn integer_valid_forms() {
        assert_eq!(u32::parse_xml("42"), Ok(42));
        assert_eq!(u32::parse_xml("+42"), Ok(42));
        assert_eq!(u32::parse_xml("00042"), Ok(42));
        assert_eq!(u32::parse_xml(" \t42\r\n"), Ok(42));
        assert_eq!(u32::parse_xml("-0"), Ok(0));
        assert_eq!(u32::parse_xml("-000"), Ok(0));
        assert_eq!(i32::parse_xml("-42"), Ok(-42));
        assert_eq!(i32::parse_xml("+0"), Ok(0));
        assert_eq!(u8::parse_xml("255"), Ok(255));
        assert_eq!(i8::parse_xml("-128"), Ok(-128));
        assert_eq!(i64::parse_xml("-9223372036854775808"), Ok(i64::MIN));
        assert_eq!(i64::parse_xml("9223372036854775807"), Ok(i64::MAX));
        assert_eq!(u64::parse_xml("18446744073709551615"), Ok(u64::MAX));
        assert_eq!(u64::parse_xml("000000000000000000000000000000000000000000001"), Ok(1));
    }

    #[test]
    fn integer_rejections() {
        let cases: &[(&str, &str)] = &[
            ("", "empty value"),
            ("   ", "empty value"),
            ("+", "no digits"),
            ("-", "no digits"),
            ("1 2", "unexpected whitespace"),
            ("1.0", "unexpected '.'"),
            ("1e3", "unexpected 'e'"),
            ("+-1", "unexpected '-'"),
            ("0x10", "unexpected 'x'"),
            ("١", "unexpected '١'"),
            ("4294967296", "out of range for unsignedInt"),
            ("-1", "out of range for unsignedInt"),
            ("99999999999999999999999999999999999999999999", "out of range for unsignedInt"),
        ];
        for (text, reason) in cases {
            let err = u32::parse_xml(text).unwrap_err();
            assert_eq!(err.expected, "unsignedInt", "{text:?}");
            assert_eq!(err.found, *text);
            assert_eq!(err.reason.as_deref(), Some(*reason), "{text:?}");
        }
    }

    #[test]
    fn integer_names_and_bounds() {
        fn check<T: XmlValue + std::fmt::Debug>(name: &str, below_min: &str, above_max: &str) {
            for text in [below_min, above_max] {
                let err = T::parse_xml(text).unwrap_err();
                assert_eq!(err.expected, name);
                assert_eq!(err.reason, Some(format!("out of range for {name}")));
            }
            assert_eq!(T::parse_xml("x").unwrap_err().expected, name);
        }
        check::<u8>("unsignedByte", "-1", "256");
        check::<u16>("unsignedShort", "-1", "65536");
        check::<u32>("unsignedInt", "-1", "4294967296");
        check::<u64>("unsignedLong", "-1", "18446744073709551616");
        check::<i8>("byte", "-129", "128");
        check::<i16>("short", "-32769", "32768");
        check::<i32>("int", "-2147483649", "2147483648");
        check::<i64>("long", "-9223372036854775809", "9223372036854775808");
    }

    #[test]
    fn integer_round_trips_over_ranges() {
        for v in u8::MIN..=u8::MAX {
            assert_eq!(u8::parse_xml(&write(&v)), Ok(v));
            assert_eq!(u8::parse_xml(&format!("+00{v}")), Ok(v));
        }
        for v in i8::MIN..=i8::MAX {
            assert_eq!(i8::parse_xml(&write(&v)), Ok(v));
        }
        for v in i16::MIN..=i16::MAX {
            assert_eq!(write(&v), v.to_string());
            assert_eq!(i16::parse_xml(&write(&v)), Ok(v));
        }
        let mut seed = 1;
        for _ in 0..10_000 {
            let bits = lcg(&mut seed);
            let (a, b, c) = (bits, bits as i64, bits as u32);
            assert_eq!(u64::parse_xml(&write(&a)), Ok(a));
            assert_eq!(i64::parse_xml(&write(&b)), Ok(b));
            assert_eq!(u32::parse_xml(&write(&c)), Ok(c));
            assert_eq!(i32::parse_xml(&write(&(c as i32))), Ok(c as i32));
            // Anything a wider type reads is either the same value or out of range.
            match u16::parse_xml(&write(&c)) {
                Ok(v) => assert_eq!(u32::from(v), c),
                Err(e) => assert!(c > u32::from(u16::MAX), "{e}"),
            }
        }
    }

    #[test]
    fn float_valid_forms() {
        let cases: &[(&str, f64)] = &[
            ("1", 1.0),
            ("-1", -1.0),
            ("+1", 1.0),
            ("1.", 1.0),
            (".5", 0.5),
            ("-.5", -0.5),
            ("1.5e3", 1500.0),
            ("1.5E+3", 1500.0),
            ("15e-1", 1.5),
            ("0", 0.0),
            (" 12.25 ", 12.25),
            ("1e400", f64::INFINITY),
            ("INF", f64::INFINITY),
            ("-INF", f64::NEG_INFINITY),
        ];
        for (text, value) in cases {
            assert_eq!(f64::parse_xml(text), Ok(*value), "{text:?}");
        }
        assert!(f64::parse_xml("NaN").unwrap().is_nan());
        assert!(f32::parse_xml(" NaN ").unwrap().is_nan());
        assert_eq!(f64::parse_xml("-0").unwrap().to_bits(), (-0.0f64).to_bits());
        assert_eq!(f32::parse_xml("0.1"), Ok(0.1f32));
        assert_eq!(f32::parse_xml("1e39"), Ok(f32::INFINITY));
    }

    #[test]
    fn float_rejections() {
        let cases: &[(&str, &str)] = &[
            ("", "empty value"),
            ("+INF", "+INF is not allowed in XML Schema 1.0"),
            (".", "no digits"),
            ("-", "no digits"),
            ("e5", "unexpected 'e'"),
            ("1e", "exponent has no digits"),
            ("1e+", "exponent has no digits"),
            ("1.5.5", "unexpected '.'"),
            ("1 5", "unexpected whitespace"),
            ("inf", "unexpected 'i'"),
            ("Infinity", "unexpected 'I'"),
            ("nan", "unexpected 'n'"),
            ("-NaN", "unexpected 'N'"),
            ("+NaN", "unexpected 'N'"),
            ("0x1p3", "unexpected 'x'"),
            ("1f", "unexpected 'f'"),
        ];
        for (text, reason) in cases {
            for err in [f64::parse_xml(text).unwrap_err(), f32::parse_xml(text).map(f64::from).unwrap_err()] {
                assert_eq!(err.found, *text);
                assert_eq!(err.reason.as_deref(), Some(*reason), "{text:?}");
            }
            assert_eq!(f64::parse_xml(text).unwrap_err().expected, "double");
            assert_eq!(f32::parse_xml(text).unwrap_err().expected, "float");
        }
    }

    #[test]
    fn float_writing() {
        let cases: &[(f64, &str)] = &[
            (1.0, "1"),
            (-1.5, "-1.5"),
            (0.1, "0.1"),
            (0.0, "0"),
            (-0.0, "-0"),
            (1e300, "1e300"),
            (1.25e-7, "1.25e-7"),
            (123456.789, "123456.789"),
            (f64::INFINITY, "INF"),
            (f64::NEG_INFINITY, "-INF"),
            (f64::NAN, "NaN"),
        ];
        for (value, text) in cases {
            assert_eq!(write(value), *text);
        }
        assert_eq!(write(&0.1f32), "0.1");
        assert_eq!(write(&f32::MAX), "3.4028235e38");
    }

    #[test]
    fn float_round_trips_over_bit_patterns() {
        let mut seed = 7;
        for _ in 0..20_000 {
            let bits = lcg(&mut seed);
            let value = f64::from_bits(bits);
            let text = write(&value);
            let back = f64::parse_xml(&text).unwrap();
            if value.is_nan() {
                assert!(back.is_nan());
            } else {
                assert_eq!(back.to_bits(), value.to_bits(), "{text}");
            }
            let small = f32::from_bits(bits as u32);
            let back = f32::parse_xml(&write(&small)).unwrap();
            assert!(back.to_bits() == small.to_bits() || (small.is_nan() && back.is_nan()));
        }
        for text in ["1", "-1.5", "0.1", "1e300", "INF", "-INF", "NaN", "1.25e-7"] {
            assert_eq!(write(&f64::parse_xml(text).unwrap()), text);
        }
    }
}
