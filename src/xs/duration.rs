//! `xs:duration`, keeping which components were written.

use std::cmp::Ordering;
use std::fmt;

use super::datetime::checked;
use super::numbers::digits_to_u128;
use super::{impl_xml_value, split_digits, trim_xml, unexpected};
use crate::value::ValueError;

/// Index of the seconds component, the only one that may have a fraction.
const SECONDS: usize = 5;
/// Index of the first component after `T`.
const FIRST_TIME: usize = 3;
/// The designator letter and name of each component, in lexical order.
const COMPONENTS: [(char, &str); 6] =
    [('Y', "years"), ('M', "months"), ('D', "days"), ('H', "hours"), ('M', "minutes"), ('S', "seconds")];

/// `xs:duration`, e.g. `P1Y2M3DT4H5M6.7S` or `-PT30M`.
///
/// Each component is kept as written, including which ones were written at all, so `P1D` and
/// `PT24H` (the same value) both survive a round trip and compare unequal with `==`;
/// [`Duration::same_value`] compares by value. Component numbers are limited to `u64`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Duration {
    negative: bool,
    /// Years, months, days, hours, minutes, seconds; `None` when not written.
    parts: [Option<u64>; 6],
    /// The digits after the decimal point of the seconds, exactly as written.
    fraction: Option<Box<str>>,
    /// How many digits each component was written with, when leading zeros padded it (`P01M`).
    widths: [u8; 6],
    /// The seconds were written from the point, without digits before it (`PT.5S`): XSD 1.0 makes
    /// the seconds "an arbitrary unsigned decimal", which `.5` is (and `8.`, an empty `fraction`).
    point_first: bool,
}

impl Duration {
    /// A duration from its components; at least one must be given (`P` alone is not a duration).
    pub fn new(
        negative: bool,
        years: Option<u64>,
        months: Option<u64>,
        days: Option<u64>,
        hours: Option<u64>,
        minutes: Option<u64>,
        seconds: Option<u64>,
    ) -> Result<Self, ValueError> {
        let parts = [years, months, days, hours, minutes, seconds];
        let duration = Duration { negative, parts, fraction: None, widths: [0; 6], point_first: false };
        checked(duration, "duration", Duration::check)
    }

    /// The same duration with fractional seconds written as `digits` (e.g. `"500"` for `.500S`, `""`
    /// for a point alone, `8.S`); requires a seconds component.
    pub fn with_fraction(self, digits: &str) -> Result<Self, ValueError> {
        checked(Duration { fraction: Some(digits.into()), ..self }, "duration", Duration::check)
    }

    fn check(&self) -> Result<(), String> {
        if self.parts.iter().all(Option::is_none) {
            return Err("at least one component is required".to_owned());
        }
        if let Some(fraction) = &self.fraction {
            if self.seconds().is_none() {
                return Err("fractional seconds need a seconds component".to_owned());
            }
            if !fraction.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("fraction {fraction:?} must be digits"));
            }
            if fraction.is_empty() && self.point_first {
                return Err("'.' needs digits before or after it".to_owned());
            }
        }
        Ok(())
    }

    /// Whether the duration is negative (written with a leading `-`).
    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// The years component, if written.
    pub fn years(&self) -> Option<u64> {
        self.parts[0]
    }

    /// The months component, if written.
    pub fn months(&self) -> Option<u64> {
        self.parts[1]
    }

    /// The days component, if written.
    pub fn days(&self) -> Option<u64> {
        self.parts[2]
    }

    /// The hours component, if written.
    pub fn hours(&self) -> Option<u64> {
        self.parts[3]
    }

    /// The minutes component, if written.
    pub fn minutes(&self) -> Option<u64> {
        self.parts[4]
    }

    /// The whole seconds component, if written.
    pub fn seconds(&self) -> Option<u64> {
        self.parts[SECONDS]
    }

    /// The digits of the fractional seconds exactly as written (`"5"` for `PT1.5S`).
    pub fn fraction(&self) -> Option<&str> {
        self.fraction.as_deref()
    }

    /// Whether two durations have the same value in the XSD sense (equal total months and equal
    /// total seconds): `P1D` and `PT24H` do, `P1M` and `P30D` do not.
    pub fn same_value(&self, other: &Duration) -> bool {
        let (a, b) = (self.magnitude(), other.magnitude());
        let zero = |m: &(i128, i128, &str)| m.0 == 0 && m.1 == 0 && m.2.is_empty();
        a == b && (self.negative == other.negative || zero(&a))
    }

    /// Total months, total whole seconds and the significant fraction digits, all unsigned.
    fn magnitude(&self) -> (i128, i128, &str) {
        let part = |i: usize| i128::from(self.parts.get(i).copied().flatten().unwrap_or(0));
        let months = part(0) * 12 + part(1);
        let seconds = ((part(2) * 24 + part(3)) * 60 + part(4)) * 60 + part(SECONDS);
        (months, seconds, self.fraction().unwrap_or("").trim_end_matches('0'))
    }

    fn parse(text: &str) -> Result<Self, ValueError> {
        let error = |reason: String| ValueError::with_reason("duration", text, reason);
        let trimmed = trim_xml(text);
        if trimmed.is_empty() {
            return Err(error("empty value".to_owned()));
        }
        let (negative, rest) = match trimmed.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        let mut rest =
            rest.strip_prefix('P').ok_or_else(|| error("must start with 'P' or '-P'".to_owned()))?;
        let mut duration =
            Duration { negative, parts: [None; 6], fraction: None, widths: [0; 6], point_first: false };
        let mut next = 0; // index of the first component still allowed
        let mut in_time = false;
        while !rest.is_empty() {
            if let Some(after_t) = rest.strip_prefix('T') {
                if in_time {
                    return Err(error("'T' is repeated".to_owned()));
                }
                if !after_t.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
                    return Err(error("'T' must be followed by a time component".to_owned()));
                }
                in_time = true;
                next = next.max(FIRST_TIME);
                rest = after_t;
                continue;
            }
            // A number: digits, or for the seconds an unsigned decimal (`1.5`, `.5`, `8.`).
            let (digits, after_digits) = split_digits(rest);
            let (fraction, after_number) = match after_digits.strip_prefix('.') {
                Some(after_point) => {
                    let (fraction, after) = split_digits(after_point);
                    (Some(fraction), after)
                }
                None => (None, after_digits),
            };
            match fraction {
                None if digits.is_empty() => return Err(error(unexpected(rest))),
                Some("") if digits.is_empty() => {
                    return Err(error("'.' needs digits before or after it".to_owned()))
                }
                _ => {}
            }
            let Some(designator) = after_number.chars().next() else {
                return Err(error(format!("{digits} must be followed by a designator")));
            };
            let (first, count) =
                if in_time { (FIRST_TIME, COMPONENTS.len() - FIRST_TIME) } else { (0, FIRST_TIME) };
            let component =
                COMPONENTS.iter().enumerate().skip(first).take(count).find(|(_, c)| c.0 == designator);
            let Some((index, &(letter, name))) = component else {
                return Err(error(match designator {
                    'H' | 'S' => format!("'{designator}' must come after 'T'"),
                    'Y' | 'D' => format!("'{designator}' must come before 'T'"),
                    _ => unexpected(after_number),
                }));
            };
            if index < next {
                return Err(error(format!("'{letter}' is repeated or out of order")));
            }
            if fraction.is_some() && index != SECONDS {
                return Err(error("only seconds can have a fraction".to_owned()));
            }
            let value = match digits {
                "" => 0,
                _ => digits_to_u128(digits)
                    .and_then(|v| u64::try_from(v).ok())
                    .ok_or_else(|| error(format!("{name} value is out of range")))?,
            };
            duration.point_first |= digits.is_empty();
            if let Some(slot) = duration.parts.get_mut(index) {
                *slot = Some(value);
            }
            if digits.len() > 1 && digits.starts_with('0') {
                duration.widths[index] = u8::try_from(digits.len()).unwrap_or(u8::MAX);
            }
            duration.fraction = fraction.map(Into::into);
            next = index + 1;
            rest = after_number.get(1..).unwrap_or("");
        }
        if duration.parts.iter().all(Option::is_none) {
            return Err(error("at least one component is required".to_owned()));
        }
        Ok(duration)
    }
}

impl_xml_value!(Duration, Duration::parse, same_value: Duration::same_value);

/// XSD's partial order of durations (XSD 1.0 Part 2 §3.2.6.2): one is less than another when,
/// added to each of four start dates (1696-09-01, 1697-02-01, 1903-03-01 and 1903-07-01, where
/// months are as short and as long as they come), it ends earlier; where the four disagree (`P1M`
/// and `P30D`), the two are unordered.
impl super::FacetOrder for Duration {
    fn facet_cmp(&self, bound: &Self) -> Option<Ordering> {
        const STARTS: [(i128, i128); 4] = [(1696, 9), (1697, 2), (1903, 3), (1903, 7)];
        let (a, b) = (self.signed(), bound.signed());
        let first = a.cmp_from(&b, STARTS[0]);
        STARTS[1..].iter().all(|&start| a.cmp_from(&b, start) == first).then_some(first)
    }
}

/// A duration as the order of durations sees it: total months and whole seconds with its sign, and
/// the significant fraction digits of the seconds, whose sign is `negative`.
struct Signed<'a> {
    months: i128,
    seconds: i128,
    fraction: &'a str,
    negative: bool,
}

impl Duration {
    fn signed(&self) -> Signed<'_> {
        let (months, seconds, fraction) = self.magnitude();
        let sign = if self.negative { -1 } else { 1 };
        Signed { months: sign * months, seconds: sign * seconds, fraction, negative: self.negative }
    }
}

impl Signed<'_> {
    /// Whole seconds from 1970 of the start `(year, month)`, day 1 at midnight, with this duration
    /// added: its months first, then its seconds (XSD 1.0 Part 2, appendix E, for a first day).
    fn end(&self, (year, month): (i128, i128)) -> i128 {
        let months = month - 1 + self.months;
        let days =
            super::datetime::days_from_epoch(year + months.div_euclid(12), months.rem_euclid(12) + 1, 1);
        days * 86_400 + self.seconds
    }

    /// How `self` added to a start compares with `other` added to it.
    fn cmp_from(&self, other: &Signed<'_>, start: (i128, i128)) -> Ordering {
        // Whole seconds apart, then the fractions: each less than one second, of its own sign.
        let whole = self.end(start) - other.end(start);
        if whole.abs() >= 2 {
            return whole.cmp(&0);
        }
        let (a, b) = (self.fraction, other.fraction);
        match (self.negative, other.negative, whole) {
            (_, _, 1) if self.negative == other.negative => Ordering::Greater,
            (_, _, -1) if self.negative == other.negative => Ordering::Less,
            (false, false, _) => fraction_cmp(a, b),
            (true, true, _) => fraction_cmp(b, a),
            // `whole + a + b` against 0.
            (false, true, 0) if a.is_empty() && b.is_empty() => Ordering::Equal,
            (false, true, 0 | 1) => Ordering::Greater,
            (false, true, _) => fraction_sum_cmp_one(a, b),
            // `whole - a - b` against 0.
            (true, false, 0) if a.is_empty() && b.is_empty() => Ordering::Equal,
            (true, false, 0 | -1) => Ordering::Less,
            (true, false, _) => fraction_sum_cmp_one(a, b).reverse(),
        }
    }
}

/// Compares two fractions given as the digits after the point.
fn fraction_cmp(a: &str, b: &str) -> Ordering {
    let digit = |s: &str, i: usize| s.as_bytes().get(i).copied().unwrap_or(b'0');
    (0..a.len().max(b.len()))
        .map(|i| digit(a, i).cmp(&digit(b, i)))
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

/// Compares the sum of two fractions (the digits after the point) with one.
fn fraction_sum_cmp_one(a: &str, b: &str) -> Ordering {
    let digit = |s: &str, i: usize| u32::from(s.as_bytes().get(i).copied().unwrap_or(b'0') - b'0');
    let len = a.len().max(b.len());
    let (mut carry, mut rest_zero) = (0, true);
    for i in (0..len).rev() {
        let sum = digit(a, i) + digit(b, i) + carry;
        rest_zero &= sum % 10 == 0;
        carry = sum / 10;
    }
    match (carry, rest_zero) {
        (0, _) => Ordering::Less,
        (_, true) => Ordering::Equal,
        _ => Ordering::Greater,
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negative {
            f.write_str("-")?;
        }
        f.write_str("P")?;
        for (index, ((part, width), (letter, _))) in
            self.parts.iter().zip(self.widths).zip(COMPONENTS).enumerate()
        {
            if index == FIRST_TIME && self.parts.iter().skip(FIRST_TIME).any(Option::is_some) {
                f.write_str("T")?;
            }
            if let Some(value) = part {
                if !(index == SECONDS && self.point_first) {
                    write!(f, "{value:0width$}", width = usize::from(width))?;
                }
                if let (SECONDS, Some(fraction)) = (index, &self.fraction) {
                    write!(f, ".{fraction}")?;
                }
                write!(f, "{letter}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::XmlValue;

    #[test]
    fn durations_order_as_xsd_orders_them() {
        use crate::xs::FacetOrder;
        let d = |text: &str| Duration::parse_xml(text).unwrap();
        let cmp = |a: &str, b: &str| d(a).facet_cmp(&d(b));
        // XSD 1.0 Part 2 §3.2.6.2's examples: a year is 365 or 366 days, a month 28 to 31, five
        // months 150 to 153.
        for (a, b, order) in [
            ("P1Y", "P364D", Some(Ordering::Greater)),
            ("P1Y", "P365D", None),
            ("P1Y", "P366D", None),
            ("P1Y", "P367D", Some(Ordering::Less)),
            ("P1M", "P27D", Some(Ordering::Greater)),
            ("P1M", "P28D", None),
            ("P1M", "P31D", None),
            ("P1M", "P32D", Some(Ordering::Less)),
            ("P5M", "P149D", Some(Ordering::Greater)),
            ("P5M", "P150D", None),
            ("P5M", "P153D", None),
            ("P5M", "P154D", Some(Ordering::Less)),
            // Equal values written otherwise, signs, fractions across a second.
            ("P1D", "PT24H", Some(Ordering::Equal)),
            ("P1Y", "P12M", Some(Ordering::Equal)),
            ("-P1D", "PT0S", Some(Ordering::Less)),
            ("-PT0S", "PT0S", Some(Ordering::Equal)),
            ("-P1M", "-P27D", Some(Ordering::Less)),
            ("PT1.5S", "PT1.45S", Some(Ordering::Greater)),
            ("PT0.9S", "PT1S", Some(Ordering::Less)),
            ("-PT0.5S", "PT0.5S", Some(Ordering::Less)),
            ("PT0.5S", "-PT0.5S", Some(Ordering::Greater)),
            ("PT1.000S", "PT1S", Some(Ordering::Equal)),
            ("PT0.1S", "PT0.10S", Some(Ordering::Equal)),
            // A whole second apart, the fractions of opposite signs decide.
            ("PT0.5S", "-PT0.5S", Some(Ordering::Greater)),
            ("PT0.4S", "-PT0.6S", Some(Ordering::Greater)),
            ("PT0.4S", "PT1.4S", Some(Ordering::Less)),
            ("-PT0.6S", "PT0.4S", Some(Ordering::Less)),
            ("-PT0.5S", "PT0.5S", Some(Ordering::Less)),
            ("PT1S", "PT0.999S", Some(Ordering::Greater)),
            ("-PT0.3S", "-PT0.25S", Some(Ordering::Less)),
        ] {
            assert_eq!(cmp(a, b), order, "{a} against {b}");
            assert_eq!(cmp(b, a), order.map(Ordering::reverse), "{b} against {a}");
        }
        // The sum of two fractions against one second.
        assert_eq!(fraction_sum_cmp_one("4", "6"), Ordering::Equal);
        assert_eq!(fraction_sum_cmp_one("4", "59"), Ordering::Less);
        assert_eq!(fraction_sum_cmp_one("41", "6"), Ordering::Greater);
        // Components as large as `u64` holds do not overflow.
        let huge =
            format!("P{}Y{}M{}DT{}H{}M{}.5S", u64::MAX, u64::MAX, u64::MAX, u64::MAX, u64::MAX, u64::MAX);
        assert_eq!(cmp(&huge, "P1D"), Some(Ordering::Greater));
        assert_eq!(cmp(&format!("-{huge}"), "P1D"), Some(Ordering::Less));
    }

    fn write<T: XmlValue>(value: &T) -> String {
        let mut out = String::new();
        value.write_xml(&mut out);
        out
    }

    fn d(text: &str) -> Duration {
        Duration::parse_xml(text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn valid_forms_round_trip() {
        for text in [
            "P1Y2M3DT4H5M6.7S",
            "P1D",
            "PT24H",
            "-PT30M",
            "P0D",
            "-P0Y",
            "PT0S",
            "PT1.5S",
            "PT1.500S",
            "PT0.0000001S",
            "P1Y",
            "P13M",
            "P1YT1S",
            "P1MT1M",
            "PT1H1S",
            "P18446744073709551615D",
            // The seconds are an unsigned decimal (XSD 1.0 §3.2.6.1): `.5` and `8.` are decimals.
            "PT.5S",
            "P4DT03H8M.66S",
            "PT8.S",
            "-P1DT.0S",
        ] {
            let value = d(text);
            assert_eq!(write(&value), text);
            assert_eq!(value.to_string(), text);
            assert_eq!(text.parse::<Duration>(), Ok(value));
        }
        assert_eq!(d(" P1D\n").to_string(), "P1D");
        // Leading zeros are kept as written.
        assert_eq!(d("P007DT00H").to_string(), "P007DT00H");
        assert_eq!(d("P1970Y01M01DT00H00M00.50S").to_string(), "P1970Y01M01DT00H00M00.50S");
        assert!(d("P01M").same_value(&d("P1M")));
    }

    #[test]
    fn accessors() {
        let value = d("-P1Y2M3DT4H5M6.70S");
        assert!(value.is_negative());
        assert_eq!(
            (value.years(), value.months(), value.days(), value.hours(), value.minutes(), value.seconds()),
            (Some(1), Some(2), Some(3), Some(4), Some(5), Some(6))
        );
        assert_eq!(value.fraction(), Some("70"));
        let value = d("PT5M");
        assert_eq!((value.years(), value.minutes(), value.months()), (None, Some(5), None));
        assert!(!value.is_negative());
        assert_eq!(value.fraction(), None);
    }

    #[test]
    fn which_components_were_written_is_kept() {
        assert_ne!(d("P1D"), d("PT24H"));
        assert!(d("P1D").same_value(&d("PT24H")));
        assert!(d("PT1H").same_value(&d("PT60M")));
        assert!(d("PT1.5S").same_value(&d("PT1.500S")));
        assert_ne!(d("PT.5S"), d("PT0.5S"));
        assert!(d("PT.5S").same_value(&d("PT0.5S")));
        assert!(d("PT8.S").same_value(&d("PT8S")));
        assert!(d("P1Y").same_value(&d("P12M")));
        assert!(d("P0D").same_value(&d("-PT0S")));
        assert!(!d("P1M").same_value(&d("P30D")));
        assert!(!d("P1D").same_value(&d("-P1D")));
        assert!(!d("PT1.5S").same_value(&d("PT1.05S")));
    }

    #[test]
    fn rejections() {
        let cases: &[(&str, &str)] = &[
            ("", "empty value"),
            ("  ", "empty value"),
            ("P", "at least one component is required"),
            ("-P", "at least one component is required"),
            ("PT", "'T' must be followed by a time component"),
            ("P1DT", "'T' must be followed by a time component"),
            ("P1DT ", "'T' must be followed by a time component"),
            ("PTT1H", "'T' must be followed by a time component"),
            ("PT1HT1M", "'T' is repeated"),
            ("1D", "must start with 'P' or '-P'"),
            ("+P1D", "must start with 'P' or '-P'"),
            ("p1D", "must start with 'P' or '-P'"),
            ("P-1D", "unexpected '-'"),
            ("PD", "unexpected 'D'"),
            ("P1", "1 must be followed by a designator"),
            ("P1X", "unexpected 'X'"),
            ("P1d", "unexpected 'd'"),
            ("P1H", "'H' must come after 'T'"),
            ("P1S", "'S' must come after 'T'"),
            ("PT1D", "'D' must come before 'T'"),
            ("PT1Y", "'Y' must come before 'T'"),
            ("P1D1Y", "'Y' is repeated or out of order"),
            ("P1D2D", "'D' is repeated or out of order"),
            ("P1M1Y", "'Y' is repeated or out of order"),
            ("PT1S1M", "'M' is repeated or out of order"),
            ("P1.5D", "only seconds can have a fraction"),
            ("PT1.5M", "only seconds can have a fraction"),
            ("PT.S", "'.' needs digits before or after it"),
            ("PT.", "'.' needs digits before or after it"),
            ("P.5D", "only seconds can have a fraction"),
            ("PT.5H", "only seconds can have a fraction"),
            ("PT1.5", "1 must be followed by a designator"),
            ("P1D 1H", "unexpected whitespace"),
            ("P18446744073709551616D", "days value is out of range"),
            ("P99999999999999999999999999999999999999999Y", "years value is out of range"),
            ("P1DZ", "unexpected 'Z'"),
        ];
        for (text, reason) in cases {
            let err = Duration::parse_xml(text).unwrap_err();
            assert_eq!(err.expected, "duration");
            assert_eq!(err.found, *text);
            assert_eq!(err.reason.as_deref(), Some(*reason), "{text:?}");
        }
    }

    #[test]
    fn constructors() {
        let value = Duration::new(false, None, None, Some(1), Some(2), None, None).unwrap();
        assert_eq!(value.to_string(), "P1DT2H");
        let value = Duration::new(true, None, None, None, None, None, Some(5)).unwrap();
        assert_eq!(value.with_fraction("250").unwrap().to_string(), "-PT5.250S");
        let err = Duration::new(false, None, None, None, None, None, None).unwrap_err();
        assert_eq!(
            (err.found.as_str(), err.reason.as_deref()),
            ("P", Some("at least one component is required"))
        );
        let no_seconds = Duration::new(false, Some(1), None, None, None, None, None).unwrap();
        let err = no_seconds.with_fraction("5").unwrap_err();
        assert_eq!(err.reason.as_deref(), Some("fractional seconds need a seconds component"));
        let seconds = Duration::new(false, None, None, None, None, None, Some(0)).unwrap();
        assert_eq!(seconds.clone().with_fraction("").unwrap().to_string(), "PT0.S");
        assert!(seconds.with_fraction("1x").is_err());
    }

    #[test]
    fn round_trip_over_component_combinations() {
        // Every subset of components, with a few values each, written and read back.
        for mask in 1u32..64 {
            for (k, base) in [0u64, 1, 59, 1_000_000].into_iter().enumerate() {
                let part = |i: u32| (mask & (1 << i) != 0).then_some(base + u64::from(i));
                let mut value =
                    Duration::new(k % 2 == 1, part(0), part(1), part(2), part(3), part(4), part(5)).unwrap();
                if part(5).is_some() && k > 1 {
                    value = value.with_fraction(&"0".repeat(k)).unwrap();
                }
                let text = write(&value);
                let back = d(&text);
                assert_eq!(back, value, "{text}");
                assert_eq!(write(&back), text);
                assert!(back.same_value(&value));
                assert_eq!(text.contains('T'), mask & 0b111000 != 0);
            }
        }
    }
}
