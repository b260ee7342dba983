//! Writing a member value of a union so that the union reads it back as the same member.
//!
//! A union reads text as its first member type that accepts it. A later member's value, written in
//! its canonical form, can fall to an earlier member: `1.000` in a union of `xs:boolean` and
//! `xs:float` reads as the float 1, whose canonical form `1` reads as the boolean `true`. The
//! document would come back with another type and, for the union, another value. Writing the value
//! in another lexical form of its own type (`1.0`) keeps it the member it was.

use crate::value::XmlValue;

/// Appends `value`, the member value held by `union`, in its canonical form when `U` reads that
/// form as the same member (variant) again; otherwise in the first other lexical form of the same
/// value that it does read so (a decimal point or an exponent added, a leading zero, the other
/// spelling of a boolean). When there is none (an earlier member takes every form of the value,
/// as `xs:string` does), the canonical form stays: the text then means what it means to a
/// validator.
pub fn write_union_member<U: XmlValue, T: XmlValue + PartialEq>(out: &mut String, union: &U, value: &T) {
    let same_member = |text: &str| {
        U::parse_xml(text).is_ok_and(|u| std::mem::discriminant(&u) == std::mem::discriminant(union))
    };
    let start = out.len();
    value.write_xml(out);
    if same_member(&out[start..]) {
        return;
    }
    let canonical = out[start..].to_owned();
    let same_value = |text: &str| T::parse_xml(text).is_ok_and(|v| v == *value);
    let other = alternatives(&canonical).find(|t| same_member(t) && same_value(t));
    if let Some(other) = other {
        out.truncate(start);
        out.push_str(&other);
    }
}

/// Other lexical forms that the built-in types read as the same value as `canonical`, most natural
/// first: a decimal point or an exponent added to a number, a leading zero or plus sign, and the
/// other spelling of a boolean. Candidates only: the caller checks that the member type reads each
/// as its value.
fn alternatives(canonical: &str) -> impl Iterator<Item = String> + '_ {
    let (sign, digits) = canonical.strip_prefix('-').map_or(("", canonical), |rest| ("-", rest));
    let numeric = digits.starts_with(|c: char| c.is_ascii_digit());
    let integral = numeric && digits.bytes().all(|b| b.is_ascii_digit());
    let exponent = digits.contains(['e', 'E']);
    let numbers = [
        // 3 → 3.0 (decimal, float, not integer); 1.5 → 1.50 (not an enumerated 1.5).
        integral.then(|| format!("{canonical}.0")),
        (numeric && !integral && !exponent).then(|| format!("{canonical}0")),
        // 100000 → 100000e0 (float and double only).
        (numeric && !exponent).then(|| format!("{canonical}e0")),
        // 1 → 01 (every number type, not boolean).
        numeric.then(|| format!("{sign}0{digits}")),
        // 5 → +5 (every number type; no name starts with `+`).
        (numeric && sign.is_empty()).then(|| format!("+{canonical}")),
    ];
    let boolean = match canonical {
        "true" => Some("1"),
        "false" => Some("0"),
        "1" => Some("true"),
        "0" => Some("false"),
        _ => None,
    };
    numbers.into_iter().flatten().chain(boolean.map(str::to_owned))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::ValueError;
    use crate::xs::{Decimal, Integer};

    /// A union of the given members, read as XSD reads a union (the first member that accepts the
    /// text) and written through `write_union_member`.
    macro_rules! union {
        ($name:ident { $($member:ident($ty:ty)),* }) => {
            #[derive(Debug, PartialEq)]
            enum $name { $($member($ty)),* }
            impl XmlValue for $name {
                fn parse_xml(text: &str) -> Result<Self, ValueError> {
                    $(if let Ok(x) = <$ty>::parse_xml(text) {
                        return Ok(Self::$member(x));
                    })*
                    Err(ValueError::new("union", text))
                }
                fn write_xml(&self, out: &mut String) {
                    match self { $(Self::$member(x) => write_union_member(out, self, x)),* }
                }
            }
        };
    }

    /// A member type with a single enumerated value, as a restricted `xs:token` is.
    #[derive(Debug, PartialEq)]
    struct Only<const TRUE: bool>;
    impl<const TRUE: bool> XmlValue for Only<TRUE> {
        fn parse_xml(text: &str) -> Result<Self, ValueError> {
            let only = if TRUE { "true" } else { "1" };
            if text == only {
                Ok(Only)
            } else {
                Err(ValueError::new("enumeration", text))
            }
        }
        fn write_xml(&self, out: &mut String) {
            out.push_str(if TRUE { "true" } else { "1" })
        }
    }

    union!(BoolFloat { B(bool), F(f32) });
    union!(BoolInteger { B(bool), I(Integer) });
    union!(IntDecimal { I(i32), D(Decimal) });
    union!(DecimalDouble { D(Decimal), F(f64) });
    union!(OneBool { One(Only<false>), B(bool) });
    union!(TrueBool { True(Only<true>), B(bool) });
    union!(StringInt { S(String), I(i32) });

    /// What `value` is written as, after other output (the form is chosen from the text it adds).
    fn write(value: &impl XmlValue) -> String {
        let mut out = String::from("<");
        value.write_xml(&mut out);
        out.split_off(1)
    }

    #[test]
    fn a_value_an_earlier_member_would_take_is_written_in_another_form_of_its_type() {
        let cases = [
            (write(&BoolFloat::F(1.0)), "1.0"),
            (write(&BoolFloat::F(0.0)), "0.0"),
            (write(&BoolFloat::F(2.0)), "2"),
            (write(&BoolFloat::B(true)), "true"),
            (write(&BoolInteger::I(Integer::from(1))), "01"),
            (write(&BoolInteger::I(Integer::from(-1))), "-1"),
            (write(&IntDecimal::D(Decimal::from(3))), "3.0"),
            (write(&IntDecimal::D("-3.25".parse().unwrap())), "-3.25"),
            (write(&DecimalDouble::F(1e5)), "100000e0"),
            (write(&DecimalDouble::F(-2.5)), "-2.5e0"),
            (write(&OneBool::B(true)), "true"),
            (write(&TrueBool::B(true)), "1"),
        ];
        for (written, expected) in cases {
            assert_eq!(written, expected);
        }
        // Each reads back as the member and value it was written from.
        assert_eq!(BoolFloat::parse_xml("1.0"), Ok(BoolFloat::F(1.0)));
        assert_eq!(DecimalDouble::parse_xml("100000e0"), Ok(DecimalDouble::F(1e5)));
        assert_eq!(TrueBool::parse_xml("1"), Ok(TrueBool::B(true)));
    }

    #[test]
    fn without_another_form_the_canonical_one_stays() {
        assert_eq!(write(&StringInt::I(5)), "5");
        assert_eq!(write(&BoolFloat::F(f32::INFINITY)), "INF");
    }
}
