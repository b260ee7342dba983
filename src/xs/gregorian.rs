//! The partial Gregorian dates `xs:gYear`, `xs:gYearMonth`, `xs:gMonth`, `xs:gDay` and
//! `xs:gMonthDay`, sharing the lexer, checks and timezone of [`super::datetime`].

use std::fmt;

use super::datetime::{
    check_day, check_month, check_timezone, check_year, checked, fmt_timezone, fmt_year, Lexer, Point,
};
use super::{impl_xml_value, Timezone};
use crate::value::ValueError;

/// `xs:gYear`, e.g. `2010` or `-0044Z`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GYear {
    year: i64,
    timezone: Option<Timezone>,
}

impl GYear {
    /// A year (not 0, as XSD 1.0 has no year zero) with an optional timezone.
    pub fn new(year: i64, timezone: Option<Timezone>) -> Result<Self, ValueError> {
        checked(GYear { year, timezone }, "gYear", |v| {
            check_year(v.year)?;
            check_timezone(v.timezone)
        })
    }

    /// The year (negative before year 1; never 0).
    pub fn year(&self) -> i64 {
        self.year
    }

    /// The timezone as written, if any.
    pub fn timezone(&self) -> Option<Timezone> {
        self.timezone
    }

    /// Its first moment, for [`XmlValue::same_value`](crate::value::XmlValue::same_value).
    pub(super) fn point(&self) -> Point<'static> {
        Point::new((self.year, 1, 1), 0, "", self.timezone)
    }

    fn parse(text: &str) -> Result<Self, ValueError> {
        let mut lexer = Lexer::new(text, "gYear")?;
        let year = lexer.year()?;
        let timezone = lexer.timezone()?;
        lexer.finish()?;
        Ok(GYear { year, timezone })
    }
}

impl_xml_value!(GYear, GYear::parse, same_value: |a, b| a.point() == b.point());

impl fmt::Display for GYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_year(f, self.year)?;
        fmt_timezone(f, self.timezone)
    }
}

/// `xs:gYearMonth`, e.g. `2010-06`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GYearMonth {
    year: i64,
    month: u8,
    timezone: Option<Timezone>,
}

impl GYearMonth {
    /// A year (not 0) and month (1–12) with an optional timezone.
    pub fn new(year: i64, month: u8, timezone: Option<Timezone>) -> Result<Self, ValueError> {
        checked(GYearMonth { year, month, timezone }, "gYearMonth", |v| {
            check_year(v.year)?;
            check_month(v.month)?;
            check_timezone(v.timezone)
        })
    }

    /// The year (negative before year 1; never 0).
    pub fn year(&self) -> i64 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(&self) -> u8 {
        self.month
    }

    /// The timezone as written, if any.
    pub fn timezone(&self) -> Option<Timezone> {
        self.timezone
    }

    /// Its first moment, for [`XmlValue::same_value`](crate::value::XmlValue::same_value).
    pub(super) fn point(&self) -> Point<'static> {
        Point::new((self.year, self.month, 1), 0, "", self.timezone)
    }

    fn parse(text: &str) -> Result<Self, ValueError> {
        let mut lexer = Lexer::new(text, "gYearMonth")?;
        let year = lexer.year()?;
        lexer.literal('-')?;
        let month = lexer.two_digits("month")?;
        lexer.check(check_month(month))?;
        let timezone = lexer.timezone()?;
        lexer.finish()?;
        Ok(GYearMonth { year, month, timezone })
    }
}

impl_xml_value!(GYearMonth, GYearMonth::parse, same_value: |a, b| a.point() == b.point());

impl fmt::Display for GYearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_year(f, self.year)?;
        write!(f, "-{:02}", self.month)?;
        fmt_timezone(f, self.timezone)
    }
}

/// `xs:gMonth`, e.g. `--06` (the XSD 1.0 second-edition form; the older `--06--` is rejected).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GMonth {
    month: u8,
    timezone: Option<Timezone>,
}

impl GMonth {
    /// A month (1–12) with an optional timezone.
    pub fn new(month: u8, timezone: Option<Timezone>) -> Result<Self, ValueError> {
        checked(GMonth { month, timezone }, "gMonth", |v| {
            check_month(v.month)?;
            check_timezone(v.timezone)
        })
    }

    /// The month, 1–12.
    pub fn month(&self) -> u8 {
        self.month
    }

    /// The timezone as written, if any.
    pub fn timezone(&self) -> Option<Timezone> {
        self.timezone
    }

    /// Its first moment, for [`XmlValue::same_value`](crate::value::XmlValue::same_value) (on 2000, a leap year, for want of a year).
    pub(super) fn point(&self) -> Point<'static> {
        Point::new((2000, self.month, 1), 0, "", self.timezone)
    }

    fn parse(text: &str) -> Result<Self, ValueError> {
        let mut lexer = Lexer::new(text, "gMonth")?;
        lexer.literal('-')?;
        lexer.literal('-')?;
        let month = lexer.two_digits("month")?;
        lexer.check(check_month(month))?;
        let timezone = lexer.timezone()?;
        lexer.finish()?;
        Ok(GMonth { month, timezone })
    }
}

impl_xml_value!(GMonth, GMonth::parse, same_value: |a, b| a.point() == b.point());

impl fmt::Display for GMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "--{:02}", self.month)?;
        fmt_timezone(f, self.timezone)
    }
}

/// `xs:gDay`, e.g. `---22`: a day of any month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GDay {
    day: u8,
    timezone: Option<Timezone>,
}

impl GDay {
    /// A day (1–31) with an optional timezone.
    pub fn new(day: u8, timezone: Option<Timezone>) -> Result<Self, ValueError> {
        checked(GDay { day, timezone }, "gDay", |v| {
            check_day(None, 1, v.day)?;
            check_timezone(v.timezone)
        })
    }

    /// The day, 1–31.
    pub fn day(&self) -> u8 {
        self.day
    }

    /// The timezone as written, if any.
    pub fn timezone(&self) -> Option<Timezone> {
        self.timezone
    }

    /// Its first moment, for [`XmlValue::same_value`](crate::value::XmlValue::same_value) (on 2000, a leap year, for want of a year).
    pub(super) fn point(&self) -> Point<'static> {
        Point::new((2000, 1, self.day), 0, "", self.timezone)
    }

    fn parse(text: &str) -> Result<Self, ValueError> {
        let mut lexer = Lexer::new(text, "gDay")?;
        lexer.literal('-')?;
        lexer.literal('-')?;
        lexer.literal('-')?;
        let day = lexer.two_digits("day")?;
        if !(1..=31).contains(&day) {
            return Err(lexer.error(format!("day {day} is out of range")));
        }
        let timezone = lexer.timezone()?;
        lexer.finish()?;
        Ok(GDay { day, timezone })
    }
}

impl_xml_value!(GDay, GDay::parse, same_value: |a, b| a.point() == b.point());

impl fmt::Display for GDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "---{:02}", self.day)?;
        fmt_timezone(f, self.timezone)
    }
}

/// `xs:gMonthDay`, e.g. `--06-22`: a yearly date (`--02-29` is allowed, as some years have it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GMonthDay {
    month: u8,
    day: u8,
    timezone: Option<Timezone>,
}

impl GMonthDay {
    /// A month (1–12) and a day that exists in it in some year, with an optional timezone.
    pub fn new(month: u8, day: u8, timezone: Option<Timezone>) -> Result<Self, ValueError> {
        checked(GMonthDay { month, day, timezone }, "gMonthDay", |v| {
            check_month(v.month)?;
            check_day(None, v.month, v.day)?;
            check_timezone(v.timezone)
        })
    }

    /// The month, 1–12.
    pub fn month(&self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(&self) -> u8 {
        self.day
    }

    /// The timezone as written, if any.
    pub fn timezone(&self) -> Option<Timezone> {
        self.timezone
    }

    /// Its first moment, for [`XmlValue::same_value`](crate::value::XmlValue::same_value) (on 2000, a leap year, for want of a year).
    pub(super) fn point(&self) -> Point<'static> {
        Point::new((2000, self.month, self.day), 0, "", self.timezone)
    }

    fn parse(text: &str) -> Result<Self, ValueError> {
        let mut lexer = Lexer::new(text, "gMonthDay")?;
        lexer.literal('-')?;
        lexer.literal('-')?;
        let month = lexer.two_digits("month")?;
        lexer.literal('-')?;
        let day = lexer.two_digits("day")?;
        lexer.check(check_month(month))?;
        lexer.check(check_day(None, month, day))?;
        let timezone = lexer.timezone()?;
        lexer.finish()?;
        Ok(GMonthDay { month, day, timezone })
    }
}

impl_xml_value!(GMonthDay, GMonthDay::parse, same_value: |a, b| a.point() == b.point());

impl fmt::Display for GMonthDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "--{:02}-{:02}", self.month, self.day)?;
        fmt_timezone(f, self.timezone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::XmlValue;

    fn round_trip<T: XmlValue + fmt::Display + PartialEq + fmt::Debug>(text: &str) -> T {
        let value = T::parse_xml(text).unwrap_or_else(|e| panic!("{e}"));
        let mut out = String::new();
        value.write_xml(&mut out);
        assert_eq!(out, text);
        assert_eq!(value.to_string(), text);
        assert_eq!(T::parse_xml(&out), Ok(value));
        T::parse_xml(text).unwrap()
    }

    fn reason<T: XmlValue + fmt::Debug>(expected: &str, text: &str) -> String {
        let err = T::parse_xml(text).unwrap_err();
        assert_eq!(err.expected, expected);
        assert_eq!(err.found, text);
        err.reason.unwrap_or_default()
    }

    #[test]
    fn g_year() {
        for text in ["2010", "2010Z", "2010-07:00", "2010+00:00", "-0044", "-0044-01:00", "123456"] {
            round_trip::<GYear>(text);
        }
        let value = round_trip::<GYear>("-0044+05:30");
        assert_eq!((value.year(), value.timezone()), (-44, Some(Timezone::Offset(330))));
        assert_eq!(GYear::parse_xml(" 2010 "), GYear::new(2010, None));
        assert_eq!(reason::<GYear>("gYear", "0000"), "year 0000 is not allowed in XML Schema 1.0");
        assert_eq!(reason::<GYear>("gYear", "201"), "year must have at least four digits");
        assert_eq!(reason::<GYear>("gYear", "2010-06"), "expected ':', found end of value");
        assert_eq!(reason::<GYear>("gYear", "2010x"), "unexpected 'x'");
        assert_eq!(reason::<GYear>("gYear", ""), "empty value");
        assert_eq!(GYear::new(0, None).unwrap_err().found, "0000");
    }

    #[test]
    fn g_year_month() {
        for text in ["2010-06", "2010-06Z", "2010-12-14:00", "-0001-01"] {
            round_trip::<GYearMonth>(text);
        }
        let value = GYearMonth::new(2010, 6, Some(Timezone::Z)).unwrap();
        assert_eq!((value.year(), value.month(), value.timezone()), (2010, 6, Some(Timezone::Z)));
        assert_eq!(reason::<GYearMonth>("gYearMonth", "2010-13"), "month 13 is out of range");
        assert_eq!(reason::<GYearMonth>("gYearMonth", "2010-00"), "month 0 is out of range");
        assert_eq!(reason::<GYearMonth>("gYearMonth", "2010"), "expected '-', found end of value");
        assert_eq!(reason::<GYearMonth>("gYearMonth", "2010-06-22"), "expected ':', found end of value");
        assert_eq!(GYearMonth::new(2010, 13, None).unwrap_err().found, "2010-13");
    }

    #[test]
    fn g_month() {
        for month in 1..=12u8 {
            let text = format!("--{month:02}");
            assert_eq!(round_trip::<GMonth>(&text).month(), month);
            round_trip::<GMonth>(&format!("{text}Z"));
            round_trip::<GMonth>(&format!("{text}-05:00"));
        }
        assert_eq!(reason::<GMonth>("gMonth", "--13"), "month 13 is out of range");
        assert_eq!(reason::<GMonth>("gMonth", "--06--"), "timezone hour must have two digits");
        assert_eq!(reason::<GMonth>("gMonth", "-06"), "expected '-', found '0'");
        assert_eq!(reason::<GMonth>("gMonth", "--6"), "month must have two digits");
        assert_eq!(GMonth::new(6, Some(Timezone::Offset(-60))).unwrap().to_string(), "--06-01:00");
        assert!(GMonth::new(0, None).is_err());
    }

    #[test]
    fn g_day() {
        for day in 1..=31u8 {
            let text = format!("---{day:02}");
            assert_eq!(round_trip::<GDay>(&text).day(), day);
            assert_eq!(GDay::new(day, None).unwrap().to_string(), text);
        }
        round_trip::<GDay>("---22+14:00");
        assert_eq!(reason::<GDay>("gDay", "---32"), "day 32 is out of range");
        assert_eq!(reason::<GDay>("gDay", "---00"), "day 0 is out of range");
        assert_eq!(reason::<GDay>("gDay", "--22"), "expected '-', found '2'");
        assert_eq!(
            GDay::new(32, None).unwrap_err().reason.as_deref(),
            Some("day 32 is out of range for month 01")
        );
    }

    #[test]
    fn g_month_day() {
        let mut count = 0;
        for month in 1..=12u8 {
            for day in 1..=31u8 {
                let text = format!("--{month:02}-{day:02}");
                match GMonthDay::parse_xml(&text) {
                    Ok(value) => {
                        count += 1;
                        assert_eq!((value.month(), value.day()), (month, day));
                        round_trip::<GMonthDay>(&text);
                        assert_eq!(GMonthDay::new(month, day, None), Ok(value));
                    }
                    Err(err) => {
                        let expected = format!("day {day} is out of range for month {month:02}");
                        assert_eq!(err.reason, Some(expected));
                        assert!(GMonthDay::new(month, day, None).is_err());
                    }
                }
            }
        }
        assert_eq!(count, 366);
        round_trip::<GMonthDay>("--02-29Z");
        assert_eq!(reason::<GMonthDay>("gMonthDay", "--13-01"), "month 13 is out of range");
        assert_eq!(reason::<GMonthDay>("gMonthDay", "--04-31"), "day 31 is out of range for month 04");
        assert_eq!(reason::<GMonthDay>("gMonthDay", "--0431"), "month must have two digits");
        assert_eq!(
            reason::<GMonthDay>("gMonthDay", "--04-30+15:00"),
            "timezone offset +15:00 is out of range"
        );
        assert!(GMonthDay::new(2, 29, Some(Timezone::Z)).unwrap().timezone().unwrap().is_z());
    }
}
