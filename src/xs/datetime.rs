//! `xs:dateTime`, `xs:date`, `xs:time` and the timezone they share, keeping the lexical form.
//!
//! Values keep what was written where the XSD value space would lose it: the exact digits of
//! fractional seconds (`.5` and `.500` both survive) and `Z` versus `+00:00` versus `-00:00`. Equality is therefore
//! structural (lexical identity); [`DateTime::same_instant`] compares as points in time.
//!
//! Years follow XSD 1.0: at least four digits, no leading zeros beyond four digits, negative years
//! allowed, year `0000` rejected. Leap years use the Gregorian rule on the year as written (as in
//! XSD 1.0 appendix E).
//!
//! The parsing helpers here (one for the date part, one for the time part, one for the timezone)
//! are shared with the `gYear`… types in the sibling `gregorian` module.

use std::cmp::Ordering;
use std::fmt;

use super::numbers::{digits_to_u128, push_decimal, push_two_digits};
use super::{impl_xml_value, split_digits, trim_xml, unexpected};
use crate::value::ValueError;

/// A timezone as written: `Z`, or an offset `±hh:mm` from UTC. `Z`, `+00:00` and `-00:00` denote
/// the same offset but stay distinct so that documents are written back as they were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Timezone {
    /// UTC written as `Z`.
    #[doc(alias = "Utc")]
    Z,
    /// An offset in minutes east of UTC written as `±hh:mm` (`Offset(0)` is `+00:00`), within
    /// ±14:00 ([`Timezone::MAX_OFFSET_MINUTES`]).
    Offset(i16),
    /// UTC written as `-00:00` (XSD allows either sign on a zero offset).
    NegativeZero,
}

impl Timezone {
    /// The largest offset XSD allows, 14:00, in minutes.
    pub const MAX_OFFSET_MINUTES: i16 = 14 * 60;

    /// An offset of `minutes` east of UTC; fails beyond ±14:00.
    pub fn offset(minutes: i16) -> Result<Self, ValueError> {
        let timezone = Timezone::Offset(minutes);
        timezone
            .check()
            .map_err(|reason| ValueError::with_reason("timezone", &timezone.to_string(), reason))?;
        Ok(timezone)
    }

    /// The offset from UTC in minutes (0 for `Z`).
    pub fn offset_minutes(self) -> i16 {
        match self {
            Timezone::Z | Timezone::NegativeZero => 0,
            Timezone::Offset(minutes) => minutes,
        }
    }

    /// Whether the timezone is written `Z` (as opposed to an offset, even `+00:00`).
    pub fn is_z(self) -> bool {
        self == Timezone::Z
    }

    fn check(self) -> Result<(), String> {
        if self.offset_minutes().unsigned_abs() > Self::MAX_OFFSET_MINUTES.unsigned_abs() {
            return Err(format!("timezone offset {self} is out of range"));
        }
        Ok(())
    }
}

impl fmt::Display for Timezone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Timezone::Z => f.write_str("Z"),
            Timezone::NegativeZero => f.write_str("-00:00"),
            Timezone::Offset(minutes) => {
                let sign = if minutes < 0 { '-' } else { '+' };
                let abs = minutes.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", abs / 60, abs % 60)
            }
        }
    }
}

/// The timezone `±hh:mm` with `total` minutes, keeping the sign of a zero offset.
fn signed_offset(negative: bool, total: i16) -> Timezone {
    match (negative, total) {
        (true, 0) => Timezone::NegativeZero,
        (true, _) => Timezone::Offset(-total),
        (false, _) => Timezone::Offset(total),
    }
}

/// Writes an optional timezone (nothing when absent).
pub(super) fn fmt_timezone(f: &mut fmt::Formatter<'_>, timezone: Option<Timezone>) -> fmt::Result {
    match timezone {
        Some(timezone) => write!(f, "{timezone}"),
        None => Ok(()),
    }
}

/// Checks an optional timezone.
pub(super) fn check_timezone(timezone: Option<Timezone>) -> Result<(), String> {
    timezone.map_or(Ok(()), Timezone::check)
}

/// Writes a year with at least four digits and a leading `-` when negative.
pub(super) fn fmt_year(f: &mut fmt::Formatter<'_>, year: i64) -> fmt::Result {
    if year < 0 {
        f.write_str("-")?;
    }
    write!(f, "{:04}", year.unsigned_abs())
}

/// Checks a year: XSD 1.0 has no year zero.
pub(super) fn check_year(year: i64) -> Result<(), String> {
    if year == 0 {
        return Err("year 0000 is not allowed in XML Schema 1.0".to_owned());
    }
    Ok(())
}

/// Checks a month number.
pub(super) fn check_month(month: u8) -> Result<(), String> {
    if !(1..=12).contains(&month) {
        return Err(format!("month {month} is out of range"));
    }
    Ok(())
}

/// Whether `year` (as written) is a Gregorian leap year.
fn is_leap_year(year: i64) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

/// Checks a day of the month; without a year (`gMonthDay`), February has 29 days.
pub(super) fn check_day(year: Option<i64>, month: u8, day: u8) -> Result<(), String> {
    let last = match month {
        2 if year.map_or(true, is_leap_year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if !(1..=last).contains(&day) {
        return Err(match year {
            Some(year) => format!("day {day} is out of range for {}-{month:02}", Year(year)),
            _ => format!("day {day} is out of range for month {month:02}"),
        });
    }
    Ok(())
}

/// Displays a year the way [`fmt_year`] writes it.
struct Year(i64);

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_year(f, self.0)
    }
}

/// Checks the digits of fractional seconds: one or more ASCII digits.
fn check_fraction(fraction: &str) -> Result<(), String> {
    if fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("fraction {fraction:?} must be one or more digits"));
    }
    Ok(())
}

/// Returns `value` if `check` accepts it, else an error naming `expected` with the value as
/// written: the one place where constructors turn a reason into a [`ValueError`].
pub(super) fn checked<T: fmt::Display>(
    value: T,
    expected: &'static str,
    check: impl FnOnce(&T) -> Result<(), String>,
) -> Result<T, ValueError> {
    match check(&value) {
        Ok(()) => Ok(value),
        Err(reason) => Err(ValueError::with_reason(expected, &value.to_string(), reason)),
    }
}

/// Where a date or time value lies, for XSD's equality of values: seconds from
/// 1970-01-01T00:00:00 and the significant fraction digits, on UTC for a value with a timezone and
/// on its own clock for one without. Two values are one value when their points are equal; one
/// with a timezone and one without never are (XSD 1.0 leaves them unordered unless far apart, and
/// libxml2 holds them different).
#[derive(PartialEq)]
pub(super) struct Point<'a> {
    zoned: bool,
    seconds: i128,
    fraction: &'a str,
}

impl<'a> Point<'a> {
    /// The point of the moment `seconds` after the start of the day `year-month-day`.
    pub(super) fn new(
        (year, month, day): (i64, u8, u8),
        seconds: i128,
        fraction: &'a str,
        timezone: Option<Timezone>,
    ) -> Self {
        let offset = timezone.map_or(0, |tz| i128::from(tz.offset_minutes()) * 60);
        let days = DatePart { year, month, day }.days_from_epoch();
        Point { zoned: timezone.is_some(), seconds: days * 86_400 + seconds - offset, fraction }
    }

    /// XSD's order of two points (XSD 1.0 Part 2 §3.2.7.3): a value without a timezone is some
    /// instant within 14 hours of its clock time either way, so it is ordered with one that has a
    /// timezone only when all of those instants are on the same side; `None` otherwise.
    pub(super) fn order(&self, other: &Point<'_>) -> Option<Ordering> {
        const FOURTEEN_HOURS: i128 = 14 * 3600;
        // Fraction digits without trailing zeros compare as texts.
        let cmp = |seconds: i128| self.seconds.cmp(&seconds).then_with(|| self.fraction.cmp(other.fraction));
        match (self.zoned, other.zoned) {
            (true, false) => {
                let (earliest, latest) =
                    (cmp(other.seconds - FOURTEEN_HOURS), cmp(other.seconds + FOURTEEN_HOURS));
                (earliest == latest).then_some(earliest)
            }
            (false, true) => other.order(self).map(Ordering::reverse),
            _ => Some(cmp(other.seconds)),
        }
    }
}

/// Year, month and day of a `date` or `dateTime`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct DatePart {
    year: i64,
    month: u8,
    day: u8,
}

impl DatePart {
    fn check(&self) -> Result<(), String> {
        check_year(self.year)?;
        check_month(self.month)?;
        check_day(Some(self.year), self.month, self.day)
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar, on the year as written.
    fn days_from_epoch(&self) -> i128 {
        days_from_epoch(i128::from(self.year), i128::from(self.month), i128::from(self.day))
    }
}

/// Days from 1970-01-01 to `year-month-day` (month 1 to 12) in the proleptic Gregorian calendar, on
/// the year as written (year 0 is the year before 1).
pub(super) fn days_from_epoch(year: i128, month: i128, day: i128) -> i128 {
    let year = year - i128::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

impl fmt::Display for DatePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_year(f, self.year)?;
        write!(f, "-{:02}-{:02}", self.month, self.day)
    }
}

/// The fraction digits of a time as written, without a heap allocation for up to
/// [`Digits::INLINE`] of them (Lync writes 3 or 7). Inline exactly when short enough, so the derived
/// equality and hash compare the digits.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Digits {
    Inline(u8, [u8; Digits::INLINE]),
    Heap(Box<str>),
}

impl Digits {
    const INLINE: usize = 22;

    fn new(digits: &str) -> Self {
        match digits.len() {
            len @ 0..=Self::INLINE => {
                let mut bytes = [0; Self::INLINE];
                bytes[..len].copy_from_slice(digits.as_bytes());
                Digits::Inline(len as u8, bytes)
            }
            _ => Digits::Heap(digits.into()),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            // Copied from a `&str` whole, so always valid UTF-8.
            Digits::Inline(len, bytes) => std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or(""),
            Digits::Heap(digits) => digits,
        }
    }
}

impl fmt::Debug for Digits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Hour, minute, second and the exact fraction digits of a `time` or `dateTime`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct TimePart {
    hour: u8,
    minute: u8,
    second: u8,
    /// The digits after the decimal point exactly as written.
    fraction: Option<Digits>,
}

impl TimePart {
    fn check(&self) -> Result<(), String> {
        if self.hour == 24 {
            if self.minute != 0 || self.second != 0 {
                return Err("hour 24 is only allowed in 24:00:00".to_owned());
            }
            if self.fraction.is_some() {
                return Err("24:00:00 cannot have fractional seconds".to_owned());
            }
        }
        if self.hour > 24 {
            return Err(format!("hour {} is out of range", self.hour));
        }
        if self.minute > 59 {
            return Err(format!("minute {} is out of range", self.minute));
        }
        if self.second > 59 {
            return Err(format!("second {} is out of range", self.second));
        }
        self.fraction.as_ref().map(Digits::as_str).map_or(Ok(()), check_fraction)
    }

    /// Seconds since midnight (86400 for 24:00:00).
    fn seconds(&self) -> i128 {
        i128::from(self.hour) * 3600 + i128::from(self.minute) * 60 + i128::from(self.second)
    }

    /// Fraction digits without trailing zeros, comparable as strings.
    fn significant_fraction(&self) -> &str {
        self.fraction.as_ref().map(Digits::as_str).unwrap_or("").trim_end_matches('0')
    }
}

impl fmt::Display for TimePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}:{:02}", self.hour, self.minute, self.second)?;
        if let Some(fraction) = &self.fraction {
            write!(f, ".{}", fraction.as_str())?;
        }
        Ok(())
    }
}

/// Describes what was found at the start of `rest` for an "expected …" reason.
fn found(rest: &str) -> String {
    match rest.chars().next() {
        None => "end of value".to_owned(),
        Some(c) if super::is_xml_whitespace(c) => "whitespace".to_owned(),
        Some(c) => format!("{c:?}"),
    }
}

/// A cursor over a trimmed date/time lexical form; every error carries the original text.
pub(super) struct Lexer<'a> {
    text: &'a str,
    rest: &'a str,
    expected: &'static str,
}

impl<'a> Lexer<'a> {
    /// Starts reading `text` (surrounding whitespace collapsed) as an `expected` value.
    pub(super) fn new(text: &'a str, expected: &'static str) -> Result<Self, ValueError> {
        let rest = trim_xml(text);
        if rest.is_empty() {
            return Err(ValueError::with_reason(expected, text, "empty value"));
        }
        Ok(Lexer { text, rest, expected })
    }

    /// An error for the whole text with `reason`.
    pub(super) fn error(&self, reason: impl Into<String>) -> ValueError {
        ValueError::with_reason(self.expected, self.text, reason)
    }

    /// Turns a check's reason into an error.
    pub(super) fn check(&self, result: Result<(), String>) -> Result<(), ValueError> {
        result.map_err(|reason| self.error(reason))
    }

    /// Consumes the character `c`.
    pub(super) fn literal(&mut self, c: char) -> Result<(), ValueError> {
        match self.rest.strip_prefix(c) {
            Some(rest) => {
                self.rest = rest;
                Ok(())
            }
            None => Err(self.error(format!("expected {c:?}, found {}", found(self.rest)))),
        }
    }

    /// Consumes exactly two digits (the `what` of the value, for the error reason).
    pub(super) fn two_digits(&mut self, what: &str) -> Result<u8, ValueError> {
        let (digits, rest) = split_digits(self.rest);
        match digits.as_bytes() {
            &[tens, ones] => {
                self.rest = rest;
                Ok((tens - b'0') * 10 + (ones - b'0'))
            }
            _ => Err(self.error(format!("{what} must have two digits"))),
        }
    }

    /// Consumes a year: optional `-`, at least four digits, no leading zero beyond four digits.
    pub(super) fn year(&mut self) -> Result<i64, ValueError> {
        let negative = self.rest.starts_with('-');
        let (digits, rest) = split_digits(self.rest.get(usize::from(negative)..).unwrap_or(""));
        if digits.len() < 4 {
            return Err(self.error("year must have at least four digits"));
        }
        if digits.len() > 4 && digits.starts_with('0') {
            return Err(self.error("a year of more than four digits cannot start with 0"));
        }
        let magnitude = digits_to_u128(digits)
            .and_then(|v| i64::try_from(v).ok())
            .ok_or_else(|| self.error("year is out of range"))?;
        let year = if negative { -magnitude } else { magnitude };
        self.check(check_year(year))?;
        self.rest = rest;
        Ok(year)
    }

    /// Consumes and checks a date part `yyyy-mm-dd`.
    fn date(&mut self) -> Result<DatePart, ValueError> {
        let year = self.year()?;
        self.literal('-')?;
        let month = self.two_digits("month")?;
        self.literal('-')?;
        let day = self.two_digits("day")?;
        let date = DatePart { year, month, day };
        self.check(date.check())?;
        Ok(date)
    }

    /// Consumes and checks a time part `hh:mm:ss(.s+)?`.
    fn time(&mut self) -> Result<TimePart, ValueError> {
        let hour = self.two_digits("hour")?;
        self.literal(':')?;
        let minute = self.two_digits("minute")?;
        self.literal(':')?;
        let second = self.two_digits("second")?;
        let fraction = match self.rest.strip_prefix('.') {
            Some(after_point) => {
                let (digits, rest) = split_digits(after_point);
                if digits.is_empty() {
                    return Err(self.error("'.' must be followed by digits"));
                }
                self.rest = rest;
                Some(Digits::new(digits))
            }
            None => None,
        };
        let time = TimePart { hour, minute, second, fraction };
        self.check(time.check())?;
        Ok(time)
    }

    /// Consumes an optional timezone `Z` or `±hh:mm`.
    pub(super) fn timezone(&mut self) -> Result<Option<Timezone>, ValueError> {
        if let Some(rest) = self.rest.strip_prefix('Z') {
            self.rest = rest;
            return Ok(Some(Timezone::Z));
        }
        let negative = match self.rest.chars().next() {
            Some('+') => false,
            Some('-') => true,
            _ => return Ok(None),
        };
        self.rest = self.rest.get(1..).unwrap_or("");
        let hours = self.two_digits("timezone hour")?;
        self.literal(':')?;
        let minutes = self.two_digits("timezone minute")?;
        if minutes > 59 {
            return Err(self.error(format!("timezone minute {minutes} is out of range")));
        }
        let total = i16::from(hours) * 60 + i16::from(minutes);
        let timezone = signed_offset(negative, total);
        self.check(timezone.check())?;
        Ok(Some(timezone))
    }

    /// Fails unless the whole text was consumed.
    pub(super) fn finish(&self) -> Result<(), ValueError> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(self.error(unexpected(self.rest)))
        }
    }
}

/// `xs:dateTime`, e.g. `2010-06-22T19:00:00Z`, kept exactly as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DateTime {
    date: DatePart,
    time: TimePart,
    timezone: Option<Timezone>,
}

impl DateTime {
    /// A date and time without fractional seconds; checks every field (month 1–12, day within the
    /// month, hour 0–23 or 24:00:00, minute and second 0–59, year not 0, offset within ±14:00).
    pub fn new(
        year: i64,
        month: u8,
        day: u8,
        hour: u8,
        minute: u8,
        second: u8,
        timezone: Option<Timezone>,
    ) -> Result<Self, ValueError> {
        let date = DatePart { year, month, day };
        let time = TimePart { hour, minute, second, fraction: None };
        checked(DateTime { date, time, timezone }, "dateTime", DateTime::check)
    }

    /// The same value with fractional seconds written as `digits` (e.g. `"500"` for `.500`).
    pub fn with_fraction(self, digits: &str) -> Result<Self, ValueError> {
        let time = TimePart { fraction: Some(Digits::new(digits)), ..self.time };
        checked(DateTime { time, ..self }, "dateTime", DateTime::check)
    }

    /// The same value with another timezone (the fields are kept, not converted).
    pub fn with_timezone(self, timezone: Option<Timezone>) -> Result<Self, ValueError> {
        checked(DateTime { timezone, ..self }, "dateTime", DateTime::check)
    }

    fn check(&self) -> Result<(), String> {
        self.date.check()?;
        self.time.check()?;
        check_timezone(self.timezone)
    }

    /// The year (negative before year 1; never 0).
    pub fn year(&self) -> i64 {
        self.date.year
    }

    /// The month, 1–12.
    pub fn month(&self) -> u8 {
        self.date.month
    }

    /// The day of the month, from 1.
    pub fn day(&self) -> u8 {
        self.date.day
    }

    /// The hour, 0–23, or 24 for the end-of-day form `24:00:00`.
    pub fn hour(&self) -> u8 {
        self.time.hour
    }

    /// The minute, 0–59.
    pub fn minute(&self) -> u8 {
        self.time.minute
    }

    /// The whole second, 0–59.
    pub fn second(&self) -> u8 {
        self.time.second
    }

    /// The digits of the fractional seconds exactly as written (`"1234567"` for `.1234567`).
    pub fn fraction(&self) -> Option<&str> {
        self.time.fraction.as_ref().map(Digits::as_str)
    }

    /// The timezone as written, if any.
    pub fn timezone(&self) -> Option<Timezone> {
        self.timezone
    }

    /// The date part with this value's timezone.
    pub fn date(&self) -> Date {
        Date { date: self.date, timezone: self.timezone }
    }

    /// The time part with this value's timezone.
    pub fn time(&self) -> Time {
        Time { time: self.time.clone(), timezone: self.timezone }
    }

    /// Orders two values as instants, or `None` when either has no timezone (XSD leaves such
    /// comparisons indeterminate).
    pub fn compare_instant(&self, other: &DateTime) -> Option<Ordering> {
        let (a, b) = (self.instant()?, other.instant()?);
        Some(a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
    }

    /// Whether two values denote the same instant (`…T19:00:00Z` and `…T21:00:00+02:00` do), or
    /// `None` when either has no timezone.
    pub fn same_instant(&self, other: &DateTime) -> Option<bool> {
        self.compare_instant(other).map(Ordering::is_eq)
    }

    pub(super) fn point(&self) -> Point<'_> {
        let DatePart { year, month, day } = self.date;
        Point::new((year, month, day), self.time.seconds(), self.time.significant_fraction(), self.timezone)
    }

    /// Whole seconds since 1970-01-01T00:00:00Z and the significant fraction digits.
    fn instant(&self) -> Option<(i128, &str)> {
        let point = self.point();
        point.zoned.then_some((point.seconds, point.fraction))
    }

    fn parse(text: &str) -> Result<Self, ValueError> {
        match Self::parse_common(text.as_bytes()) {
            Some(value) => Ok(value),
            None => Self::parse_lexed(text),
        }
    }

    fn parse_lexed(text: &str) -> Result<Self, ValueError> {
        let mut lexer = Lexer::new(text, "dateTime")?;
        let date = lexer.date()?;
        lexer.literal('T')?;
        let time = lexer.time()?;
        let timezone = lexer.timezone()?;
        lexer.finish()?;
        Ok(DateTime { date, time, timezone })
    }
}

impl DateTime {
    /// The form nearly every document uses, `yyyy-mm-ddThh:mm:ss`, optional fraction digits and an
    /// optional `Z` or `±hh:mm`, with a four-digit year and no surrounding whitespace, read at fixed
    /// offsets. `None` for anything else, valid or not: the general lexer reads it and words the
    /// errors.
    fn parse_common(b: &[u8]) -> Option<Self> {
        if b.len() < 19 || [b[4], b[7], b[10], b[13], b[16]] != *b"--T::" {
            return None;
        }
        let two = |at: usize| {
            let (tens, ones) = (b[at].wrapping_sub(b'0'), b[at + 1].wrapping_sub(b'0'));
            // Lazily: with a non-digit the product would overflow.
            (tens < 10 && ones < 10).then(|| tens * 10 + ones)
        };
        let year = i64::from(two(0)?) * 100 + i64::from(two(2)?);
        let date = DatePart { year, month: two(5)?, day: two(8)? };
        let (hour, minute, second) = (two(11)?, two(14)?, two(17)?);
        let mut rest = &b[19..];
        let mut fraction = None;
        if let [b'.', after @ ..] = rest {
            let digits = after.iter().take_while(|c| c.is_ascii_digit()).count();
            // ASCII digits, so the conversion cannot fail.
            fraction =
                Some(Digits::new(std::str::from_utf8(&after[..digits]).ok().filter(|f| !f.is_empty())?));
            rest = &after[digits..];
        }
        let timezone = match *rest {
            [] => None,
            [b'Z'] => Some(Timezone::Z),
            [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
                let at = b.len() - 5;
                let (hours, minutes) = (two(at)?, two(at + 3)?);
                if minutes > 59 {
                    return None;
                }
                let total = i16::from(hours) * 60 + i16::from(minutes);
                Some(signed_offset(sign == b'-', total))
            }
            _ => return None,
        };
        let value = DateTime { date, time: TimePart { hour, minute, second, fraction }, timezone };
        value.check().is_ok().then_some(value)
    }
}

impl_xml_value!(DateTime, DateTime::parse, DateTime::write_to, same_value: |a, b| a.point() == b.point());

impl DateTime {
    /// The canonical form, as `Display` writes it, without going through `core::fmt` in the
    /// usual case (a four-digit year, two-digit fields).
    fn write_to(&self, out: &mut String) {
        let (date, time) = (&self.date, &self.time);
        let offset = match self.timezone {
            Some(Timezone::Offset(minutes)) => minutes.unsigned_abs(),
            _ => 0,
        };
        let two_digits = [date.month, date.day, time.hour, time.minute, time.second].iter().all(|&n| n < 100);
        if !(1000..=9999).contains(&date.year) || !two_digits || offset >= 100 * 60 {
            use std::fmt::Write as _;
            // Writing into a `String` cannot fail.
            let _ = write!(out, "{self}");
            return;
        }
        push_decimal(out, date.year.unsigned_abs());
        for (sep, n) in
            [('-', date.month), ('-', date.day), ('T', time.hour), (':', time.minute), (':', time.second)]
        {
            out.push(sep);
            push_two_digits(out, n);
        }
        if let Some(fraction) = &time.fraction {
            out.push('.');
            out.push_str(fraction.as_str());
        }
        match self.timezone {
            None => {}
            Some(Timezone::Z) => out.push('Z'),
            Some(Timezone::NegativeZero) => out.push_str("-00:00"),
            Some(Timezone::Offset(minutes)) => {
                out.push(if minutes < 0 { '-' } else { '+' });
                push_two_digits(out, (offset / 60) as u8);
                out.push(':');
                push_two_digits(out, (offset % 60) as u8);
            }
        }
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}T{}", self.date, self.time)?;
        fmt_timezone(f, self.timezone)
    }
}

/// `xs:date`, e.g. `2010-06-22` or `2010-06-22-07:00`, kept exactly as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Date {
    date: DatePart,
    timezone: Option<Timezone>,
}

impl Date {
    /// A date; checks that the year is not 0, the month is 1–12, the day exists in that month and
    /// the offset is within ±14:00.
    pub fn new(year: i64, month: u8, day: u8, timezone: Option<Timezone>) -> Result<Self, ValueError> {
        checked(Date { date: DatePart { year, month, day }, timezone }, "date", |d| {
            d.date.check()?;
            check_timezone(d.timezone)
        })
    }

    /// The year (negative before year 1; never 0).
    pub fn year(&self) -> i64 {
        self.date.year
    }

    /// The month, 1–12.
    pub fn month(&self) -> u8 {
        self.date.month
    }

    /// The day of the month, from 1.
    pub fn day(&self) -> u8 {
        self.date.day
    }

    /// The timezone as written, if any.
    pub fn timezone(&self) -> Option<Timezone> {
        self.timezone
    }

    pub(super) fn point(&self) -> Point<'_> {
        let DatePart { year, month, day } = self.date;
        Point::new((year, month, day), 0, "", self.timezone)
    }

    fn parse(text: &str) -> Result<Self, ValueError> {
        let mut lexer = Lexer::new(text, "date")?;
        let date = lexer.date()?;
        let timezone = lexer.timezone()?;
        lexer.finish()?;
        Ok(Date { date, timezone })
    }
}

impl_xml_value!(Date, Date::parse, same_value: |a, b| a.point() == b.point());

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.date)?;
        fmt_timezone(f, self.timezone)
    }
}

/// `xs:time`, e.g. `19:00:00.5Z`, kept exactly as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Time {
    time: TimePart,
    timezone: Option<Timezone>,
}

impl Time {
    /// A time without fractional seconds; checks hour 0–23 (or 24:00:00), minute and second 0–59
    /// and the offset within ±14:00.
    pub fn new(hour: u8, minute: u8, second: u8, timezone: Option<Timezone>) -> Result<Self, ValueError> {
        let time = TimePart { hour, minute, second, fraction: None };
        checked(Time { time, timezone }, "time", Time::check)
    }

    /// The same value with fractional seconds written as `digits` (e.g. `"500"` for `.500`).
    pub fn with_fraction(self, digits: &str) -> Result<Self, ValueError> {
        let time = TimePart { fraction: Some(Digits::new(digits)), ..self.time };
        checked(Time { time, ..self }, "time", Time::check)
    }

    fn check(&self) -> Result<(), String> {
        self.time.check()?;
        check_timezone(self.timezone)
    }

    /// The hour, 0–23, or 24 for the end-of-day form `24:00:00`.
    pub fn hour(&self) -> u8 {
        self.time.hour
    }

    /// The minute, 0–59.
    pub fn minute(&self) -> u8 {
        self.time.minute
    }

    /// The whole second, 0–59.
    pub fn second(&self) -> u8 {
        self.time.second
    }

    /// The digits of the fractional seconds exactly as written.
    pub fn fraction(&self) -> Option<&str> {
        self.time.fraction.as_ref().map(Digits::as_str)
    }

    /// The timezone as written, if any.
    pub fn timezone(&self) -> Option<Timezone> {
        self.timezone
    }

    /// The point within a day (`24:00:00` is `00:00:00`, and `01:00:00+02:00` is `23:00:00Z`).
    pub(super) fn point(&self) -> Point<'_> {
        let on_day =
            Point::new((1970, 1, 1), self.time.seconds(), self.time.significant_fraction(), self.timezone);
        Point { seconds: on_day.seconds.rem_euclid(86_400), ..on_day }
    }

    fn parse(text: &str) -> Result<Self, ValueError> {
        let mut lexer = Lexer::new(text, "time")?;
        let time = lexer.time()?;
        let timezone = lexer.timezone()?;
        lexer.finish()?;
        Ok(Time { time, timezone })
    }
}

impl_xml_value!(Time, Time::parse, same_value: |a, b| a.point() == b.point());

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.time)?;
        fmt_timezone(f, self.timezone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::XmlValue;

    fn write<T: XmlValue>(value: &T) -> String {
        let mut out = String::new();
        value.write_xml(&mut out);
        out
    }

    #[test]
    fn date_time_writer_agrees_with_display() {
        for text in [
            "2013-06-10T13:14:27.867",
            "2013-06-23T03:13:55Z",
            "0999-01-02T24:00:00-14:00",
            "-12345-12-31T23:59:59.000100+05:30",
            "2010-06-22T05:07:09+00:00",
        ] {
            let value = DateTime::parse(text).unwrap();
            assert_eq!(write(&value), value.to_string(), "{text}");
        }
    }

    fn dt(text: &str) -> DateTime {
        DateTime::parse_xml(text).unwrap_or_else(|e| panic!("{e}"))
    }

    fn reason<T: XmlValue + fmt::Debug>(text: &str) -> String {
        T::parse_xml(text).unwrap_err().reason.unwrap_or_default()
    }

    #[test]
    fn lync_forms_round_trip_exactly() {
        for text in [
            "2010-06-22T19:00:00Z",
            "2010-06-22T19:00:00.1234567Z",
            "2010-06-22T19:00:00-07:00",
            "2010-06-22T19:00:00",
            "2013-01-02T03:04:05.120+01:00",
            "2010-06-22T19:00:00+00:00",
            "2010-06-22T19:00:00.5Z",
            "2010-06-22T19:00:00.500Z",
            "2010-06-22T24:00:00Z",
            "-0044-03-15T12:00:00",
            "12345-01-01T00:00:00+14:00",
            "2000-02-29T23:59:59.0-14:00",
        ] {
            let value = dt(text);
            assert_eq!(write(&value), text);
            assert_eq!(value.to_string(), text);
            assert_eq!(text.parse::<DateTime>(), Ok(value));
        }
    }

    #[test]
    fn accessors() {
        let value = dt(" 2013-01-02T03:04:05.120+01:30\n");
        assert_eq!(
            (value.year(), value.month(), value.day(), value.hour(), value.minute(), value.second()),
            (2013, 1, 2, 3, 4, 5)
        );
        assert_eq!(value.fraction(), Some("120"));
        assert_eq!(value.timezone(), Some(Timezone::Offset(90)));
        assert_eq!(value.date().to_string(), "2013-01-02+01:30");
        assert_eq!(value.time().to_string(), "03:04:05.120+01:30");
        assert_eq!(dt("2010-06-22T19:00:00").timezone(), None);
        assert_eq!(dt("2010-06-22T19:00:00Z").timezone(), Some(Timezone::Z));
        assert_eq!(dt("-0001-01-01T00:00:00").year(), -1);
    }

    #[test]
    fn z_and_zero_offset_stay_distinct() {
        let z = dt("2010-06-22T19:00:00Z");
        let zero = dt("2010-06-22T19:00:00+00:00");
        assert_ne!(z, zero);
        assert_eq!(zero.timezone(), Some(Timezone::Offset(0)));
        assert!(z.timezone().unwrap().is_z());
        assert!(!zero.timezone().unwrap().is_z());
        assert_eq!(z.same_instant(&zero), Some(true));
        // `-00:00` is the same offset, written back as it was read (the contract fuzz target found
        // it written as `+00:00`, by every date and time type).
        let negative_zero = dt("2010-06-22T19:00:00-00:00");
        assert_eq!(negative_zero.timezone(), Some(Timezone::NegativeZero));
        assert_eq!(negative_zero.same_instant(&zero), Some(true));
        assert_eq!(negative_zero.to_string(), "2010-06-22T19:00:00-00:00");
        let mut written = String::new();
        crate::XmlValue::write_xml(&negative_zero, &mut written);
        assert_eq!(written, "2010-06-22T19:00:00-00:00");
        assert_eq!(DateTime::parse_lexed("2010-06-22T19:00:00-00:00"), Ok(negative_zero));
        assert_eq!("2010-06-22-00:00".parse::<Date>().unwrap().to_string(), "2010-06-22-00:00");
        assert_eq!("19:00:00-00:00".parse::<Time>().unwrap().to_string(), "19:00:00-00:00");
    }

    #[test]
    fn the_fixed_offset_reader_agrees_with_the_lexer() {
        let mut accepted = 0;
        for date in ["2010-06-22", "2012-02-29", "2011-02-29", "0000-01-01", "2010-13-01", "2010-6-22"] {
            for time in ["19:00:00", "24:00:00", "24:00:01", "23:60:00", "07:05:09", "7:05:09"] {
                for fraction in ["", ".5", ".500", ".", ".12x"] {
                    for zone in
                        ["", "Z", "+00:00", "-07:00", "+14:00", "+14:01", "-03:60", "+1:00", "ZZ", " "]
                    {
                        let text = format!("{date}T{time}{fraction}{zone}");
                        let lexed = DateTime::parse_lexed(&text);
                        if let Some(fast) = DateTime::parse_common(text.as_bytes()) {
                            assert_eq!(Ok(fast), lexed, "{text}");
                            accepted += 1;
                        }
                        assert_eq!(DateTime::parse(&text), lexed, "{text}");
                    }
                }
            }
        }
        // Every valid combination takes the fast path: 2 dates × (2 times × 3 fractions + 24:00:00
        // without one) × 5 zones.
        assert_eq!(accepted, 70);
    }

    #[test]
    fn fraction_digits_are_kept() {
        let a = dt("2010-06-22T19:00:00.5Z");
        let b = dt("2010-06-22T19:00:00.500Z");
        assert_ne!(a, b);
        assert_eq!(a.fraction(), Some("5"));
        assert_eq!(b.fraction(), Some("500"));
        assert_eq!(a.same_instant(&b), Some(true));
        // Beyond the inline capacity the digits are kept just the same.
        for digits in ["1234567890123456789012", "12345678901234567890123", "5".repeat(40).as_str()] {
            let text = format!("2010-06-22T19:00:00.{digits}Z");
            let value = dt(&text);
            assert_eq!((value.fraction(), value.to_string()), (Some(digits), text.clone()));
            assert_eq!(value, dt(&text));
        }
    }

    #[test]
    fn instants() {
        let base = dt("2010-06-22T19:00:00Z");
        assert_eq!(base.same_instant(&dt("2010-06-22T12:00:00-07:00")), Some(true));
        assert_eq!(base.same_instant(&dt("2010-06-23T04:00:00+09:00")), Some(true));
        assert_eq!(base.same_instant(&dt("2010-06-22T19:00:00")), None);
        assert_eq!(base.compare_instant(&dt("2010-06-22T19:00:00.0001Z")), Some(Ordering::Less));
        assert_eq!(base.compare_instant(&dt("2010-06-22T18:59:59.9999Z")), Some(Ordering::Greater));
        assert_eq!(dt("2010-06-22T24:00:00Z").same_instant(&dt("2010-06-23T00:00:00Z")), Some(true));
        assert_eq!(dt("1970-01-01T00:00:00Z").instant(), Some((0, "")));
        assert_eq!(dt("2000-03-01T00:00:00Z").instant(), Some((951_868_800, "")));
        assert_eq!(dt("1900-01-01T00:00:00Z").instant(), Some((-2_208_988_800, "")));
        // Consecutive days over leap and non-leap years are 86400 seconds apart.
        let mut previous: Option<DateTime> = None;
        for year in [1899, 1900, 1999, 2000, 2001, 2004] {
            for month in 1..=12 {
                for day in 1..=31 {
                    if let Ok(value) = DateTime::new(year, month, day, 0, 0, 0, Some(Timezone::Z)) {
                        if let Some(p) = &previous {
                            if p.year() == year || (p.year() + 1 == year && month == 1 && day == 1) {
                                let gap = value.instant().unwrap().0 - p.instant().unwrap().0;
                                assert_eq!(gap, 86_400, "{p} {value}");
                            }
                        }
                        previous = Some(value);
                    }
                }
            }
        }
    }

    #[test]
    fn leap_years() {
        assert!(DateTime::parse_xml("2000-02-29T00:00:00").is_ok());
        assert!(DateTime::parse_xml("2004-02-29T00:00:00").is_ok());
        assert!(DateTime::parse_xml("-0004-02-29T00:00:00").is_ok());
        assert!(Date::parse_xml("2400-02-29").is_ok());
        assert_eq!(reason::<DateTime>("1900-02-29T00:00:00"), "day 29 is out of range for 1900-02");
        assert_eq!(reason::<Date>("2001-02-29"), "day 29 is out of range for 2001-02");
        assert_eq!(reason::<Date>("2000-02-30"), "day 30 is out of range for 2000-02");
        assert_eq!(reason::<Date>("-0001-02-29"), "day 29 is out of range for -0001-02");
        let mut days_per_year = std::collections::BTreeMap::new();
        for year in 1896..=2104 {
            for month in 1..=12u8 {
                for day in 1..=32u8 {
                    let text = format!("{year}-{month:02}-{day:02}");
                    if let Ok(date) = Date::parse_xml(&text) {
                        assert_eq!(write(&date), text);
                        *days_per_year.entry(year).or_insert(0) += 1;
                    }
                }
            }
        }
        for (year, days) in days_per_year {
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            assert_eq!(days, if leap { 366 } else { 365 }, "{year}");
        }
    }

    #[test]
    fn rejections() {
        let cases: &[(&str, &str)] = &[
            ("", "empty value"),
            (" \n", "empty value"),
            ("2010-13-22T19:00:00", "month 13 is out of range"),
            ("2010-00-22T19:00:00", "month 0 is out of range"),
            ("2010-06-31T19:00:00", "day 31 is out of range for 2010-06"),
            ("2010-06-00T19:00:00", "day 0 is out of range for 2010-06"),
            ("2010-06-22T25:00:00", "hour 25 is out of range"),
            ("2010-06-22T24:00:01", "hour 24 is only allowed in 24:00:00"),
            ("2010-06-22T24:30:00", "hour 24 is only allowed in 24:00:00"),
            ("2010-06-22T24:00:00.0", "24:00:00 cannot have fractional seconds"),
            ("2010-06-22T19:60:00", "minute 60 is out of range"),
            ("2010-06-22T19:00:60", "second 60 is out of range"),
            ("2010-06-22T19:00:00.", "'.' must be followed by digits"),
            ("2010-06-22T19:00:00.Z", "'.' must be followed by digits"),
            ("2010-06-22T19:00:00+14:01", "timezone offset +14:01 is out of range"),
            ("2010-06-22T19:00:00-15:00", "timezone offset -15:00 is out of range"),
            ("2010-06-22T19:00:00+01:60", "timezone minute 60 is out of range"),
            ("2010-06-22T19:00:00+1:00", "timezone hour must have two digits"),
            ("2010-06-22T19:00:00+01", "expected ':', found end of value"),
            ("2010-06-22T19:00:00+0100", "timezone hour must have two digits"),
            ("2010-06-22T19:00:00z", "unexpected 'z'"),
            ("2010-06-22T19:00:00 Z", "unexpected whitespace"),
            ("2010-06-22T19:00:00ZZ", "unexpected 'Z'"),
            ("2010-06-22 19:00:00", "expected 'T', found whitespace"),
            ("2010-06-22t19:00:00", "expected 'T', found 't'"),
            ("2010-06-22", "expected 'T', found end of value"),
            ("2010-6-22T19:00:00", "month must have two digits"),
            ("2010-06-2T19:00:00", "day must have two digits"),
            ("2010-06-22T9:00:00", "hour must have two digits"),
            ("2010-06-22T19:0:00", "minute must have two digits"),
            ("2010-06-22T19:00:0", "second must have two digits"),
            ("2010-06-22T19:00", "expected ':', found end of value"),
            ("2010-06-22T19.00.00", "expected ':', found '.'"),
            ("210-06-22T19:00:00", "year must have at least four digits"),
            ("02010-06-22T19:00:00", "a year of more than four digits cannot start with 0"),
            ("+2010-06-22T19:00:00", "year must have at least four digits"),
            ("0000-01-01T00:00:00", "year 0000 is not allowed in XML Schema 1.0"),
            ("-0000-01-01T00:00:00", "year 0000 is not allowed in XML Schema 1.0"),
            ("99999999999999999999-01-01T00:00:00", "year is out of range"),
            ("2010/06/22T19:00:00", "expected '-', found '/'"),
            ("２０１０-06-22T19:00:00", "year must have at least four digits"),
        ];
        for (text, expected_reason) in cases {
            let err = DateTime::parse_xml(text).unwrap_err();
            assert_eq!(err.expected, "dateTime");
            assert_eq!(err.found, *text);
            assert_eq!(err.reason.as_deref(), Some(*expected_reason), "{text:?}");
        }
    }

    #[test]
    fn date_and_time() {
        for text in ["2010-06-22", "2010-06-22Z", "2010-06-22-07:00", "-0001-12-31+14:00", "10000-01-01"] {
            assert_eq!(write(&Date::parse_xml(text).unwrap()), text);
        }
        for text in ["19:00:00", "19:00:00Z", "00:00:00.000-07:00", "24:00:00", "23:59:59.999999999+05:30"] {
            assert_eq!(write(&Time::parse_xml(text).unwrap()), text);
        }
        assert_eq!(
            Date::parse_xml("2010-06-22T00:00:00").unwrap_err().reason.as_deref(),
            Some("unexpected 'T'")
        );
        assert_eq!(Date::parse_xml("2010-06-22x").unwrap_err().expected, "date");
        assert_eq!(reason::<Time>("19:00"), "expected ':', found end of value");
        assert_eq!(reason::<Time>("19:00:00+14:30"), "timezone offset +14:30 is out of range");
        assert_eq!(Time::parse_xml("7:00:00").unwrap_err().expected, "time");
        let time = Time::parse_xml("03:04:05.6Z").unwrap();
        assert_eq!((time.hour(), time.minute(), time.second(), time.fraction()), (3, 4, 5, Some("6")));
        assert_eq!(time.timezone(), Some(Timezone::Z));
        let date = Date::parse_xml("2010-06-22-07:00").unwrap();
        assert_eq!((date.year(), date.month(), date.day()), (2010, 6, 22));
        assert_eq!(date.timezone(), Some(Timezone::Offset(-420)));
    }

    #[test]
    fn constructors() {
        let value = DateTime::new(2010, 6, 22, 19, 0, 0, Some(Timezone::Z)).unwrap();
        assert_eq!(value.to_string(), "2010-06-22T19:00:00Z");
        let value = value.with_fraction("1234567").unwrap();
        assert_eq!(value.to_string(), "2010-06-22T19:00:00.1234567Z");
        let value = value.with_timezone(Some(Timezone::offset(-420).unwrap())).unwrap();
        assert_eq!(value.to_string(), "2010-06-22T19:00:00.1234567-07:00");
        assert_eq!(value.clone().with_timezone(None).unwrap().to_string(), "2010-06-22T19:00:00.1234567");

        let err = DateTime::new(2010, 13, 1, 0, 0, 0, None).unwrap_err();
        assert_eq!(err.expected, "dateTime");
        assert_eq!(err.found, "2010-13-01T00:00:00");
        assert_eq!(err.reason.as_deref(), Some("month 13 is out of range"));
        let err = value.clone().with_fraction("").unwrap_err();
        assert_eq!(err.reason.as_deref(), Some("fraction \"\" must be one or more digits"));
        assert!(value.clone().with_fraction("12a").is_err());
        assert!(value.with_timezone(Some(Timezone::Offset(900))).is_err());
        assert!(DateTime::new(0, 1, 1, 0, 0, 0, None).is_err());
        assert!(DateTime::new(2010, 1, 1, 24, 0, 0, None).is_ok());
        assert!(DateTime::new(2010, 1, 1, 24, 0, 0, None).unwrap().with_fraction("0").is_err());
        assert!(DateTime::new(i64::MIN, 1, 1, 0, 0, 0, None).is_ok());

        let err = Timezone::offset(841).unwrap_err();
        assert_eq!((err.expected, err.found.as_str()), ("timezone", "+14:01"));
        assert_eq!(Timezone::offset(-840), Ok(Timezone::Offset(-840)));
        assert_eq!(Timezone::Offset(i16::MIN).to_string(), "-546:08");
        assert!(Timezone::offset(i16::MIN).is_err());
        assert_eq!(Timezone::Z.offset_minutes(), 0);

        assert_eq!(Date::new(2000, 2, 29, None).unwrap().to_string(), "2000-02-29");
        assert_eq!(
            Date::new(1900, 2, 29, None).unwrap_err().reason.as_deref(),
            Some("day 29 is out of range for 1900-02")
        );
        assert_eq!(
            Time::new(23, 59, 59, Some(Timezone::Z)).unwrap().with_fraction("50").unwrap().to_string(),
            "23:59:59.50Z"
        );
        assert_eq!(Time::new(23, 60, 0, None).unwrap_err().found, "23:60:00");
    }

    #[test]
    fn round_trip_over_generated_values() {
        let mut seed = 11u64;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for _ in 0..5_000 {
            let year = next(20_000) as i64 - 9_999;
            let year = if year == 0 { 1 } else { year };
            let month = next(12) as u8 + 1;
            let day = next(28) as u8 + 1;
            let timezone = match next(3) {
                0 => None,
                1 => Some(Timezone::Z),
                _ => Some(Timezone::Offset(next(1681) as i16 - 840)),
            };
            let mut value =
                DateTime::new(year, month, day, next(24) as u8, next(60) as u8, next(60) as u8, timezone)
                    .unwrap();
            if next(2) == 0 {
                let digits = format!("{:0width$}", next(1_000_000), width = next(7) as usize + 1);
                value = value.with_fraction(&digits).unwrap();
            }
            let text = write(&value);
            let back = DateTime::parse_xml(&text).unwrap();
            assert_eq!(back, value);
            assert_eq!(write(&back), text);
            if timezone.is_some() {
                assert_eq!(back.same_instant(&value), Some(true));
            }
        }
    }
}
