//! `xs:string` and the whitespace facets of the string-derived types.
//!
//! `normalizedString`, `token`, `anyURI`, `ID`, `IDREF` and `ENTITY` map to [`String`] in generated
//! code, kept as written; [`replace_whitespace`] and [`collapse_whitespace`] give the value their
//! `whiteSpace` facet makes of the text where a comparison needs it. (The name types whose values are
//! only some texts have types of their own: [`NCName`](super::NCName) and the others.)

use std::borrow::Cow;

use super::is_xml_whitespace;
use crate::value::{ValueError, XmlValue};

/// `xs:string`: the text is kept exactly, with no whitespace processing (`whiteSpace="preserve"`).
impl XmlValue for String {
    fn parse_xml(text: &str) -> Result<Self, ValueError> {
        Ok(text.to_owned())
    }

    fn write_xml(&self, out: &mut String) {
        out.push_str(self);
    }
}

/// Applies `whiteSpace="replace"` (`xs:normalizedString`): each tab, carriage return and line feed
/// becomes a space. Borrows when there is nothing to replace, which is the common case.
pub fn replace_whitespace(s: &str) -> Cow<'_, str> {
    if !s.contains(['\t', '\n', '\r']) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| if is_xml_whitespace(c) { ' ' } else { c }).collect())
}

/// Applies `whiteSpace="collapse"` (`xs:token` and everything derived from it): whitespace is
/// replaced by spaces, runs of spaces become one, and leading and trailing spaces are removed.
/// Borrows when the text is already collapsed, which is the common case.
pub fn collapse_whitespace(s: &str) -> Cow<'_, str> {
    if is_collapsed(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split(is_xml_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

/// Where the value `text` is in an enumeration's `values`, for generated enums: `by_text` holds the
/// positions of `values` sorted by their text, so that a code list of thousands of values is a
/// binary search here rather than a string `match` compiled per enum. The text as written is looked
/// up first (a value of a string type may have spaces its type keeps: `two  spaces`), then with its
/// whitespace collapsed (as most types' values are written, and the generator writes their values).
pub fn enumeration_index(values: &[&str], by_text: &[u16], text: &str) -> Option<usize> {
    let find = |text: &str| {
        let at = by_text.binary_search_by(|&i| values[usize::from(i)].cmp(text)).ok()?;
        Some(usize::from(by_text[at]))
    };
    find(text).or_else(|| match collapse_whitespace(text) {
        Cow::Owned(collapsed) => find(&collapsed),
        Cow::Borrowed(_) => None,
    })
}

/// Where the value `text` stands for is in an enumeration of values of `T`, its `values` compared as
/// XSD compares them ([`XmlValue::same_value`]): `01` and `+1` are the `1` an enumeration of
/// `xs:int` lists, `1.50` the `1.5` of one of `xs:decimal`, `01 2` the `1 2` of one of lists of
/// integers. Generated enums call it when [`enumeration_index`] finds no value with the text, so
/// text as the schema lists it costs nothing more.
pub fn enumeration_value_index<T: XmlValue>(values: &[&str], text: &str) -> Option<usize> {
    let value = T::parse_xml(text).ok()?;
    values.iter().position(|v| T::parse_xml(v).is_ok_and(|v| v.same_value(&value)))
}

/// Whether `value` is one of the values an enumeration lists as `values`, compared as XSD compares
/// them ([`XmlValue::same_value`]): `2020-01-01+00:00` is the `2020-01-01Z` of an enumeration of
/// `xs:date`. Generated newtypes check it where the value keeps its own text (dates and times,
/// durations, `xs:hexBinary`), so that a value written otherwise than listed is written back as read.
pub fn is_enumerated<T: XmlValue>(values: &[&str], value: &T) -> bool {
    values.iter().any(|v| T::parse_xml(v).is_ok_and(|v| v.same_value(value)))
}

/// Whether `s` is unchanged by [`collapse_whitespace`].
fn is_collapsed(s: &str) -> bool {
    let mut previous_space = true; // a leading space is not collapsed
    for c in s.chars() {
        match c {
            '\t' | '\n' | '\r' => return false,
            ' ' if previous_space => return false,
            _ => previous_space = c == ' ',
        }
    }
    !previous_space || s.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_is_kept_exactly() {
        for text in ["", " ", "  a \t b\r\n ", "Lync & <presence>", "é\u{a0}"] {
            let value = String::parse_xml(text).unwrap();
            assert_eq!(value, text);
            let mut out = String::from("prefix:");
            value.write_xml(&mut out);
            assert_eq!(out, format!("prefix:{text}"));
        }
    }

    #[test]
    fn numbers_of_an_enumeration_compare_as_numbers() {
        let values = ["1", "20", "-3"];
        assert_eq!(enumeration_value_index::<i32>(&values, "01"), Some(0));
        assert_eq!(enumeration_value_index::<i32>(&values, " +20\n"), Some(1));
        assert_eq!(enumeration_value_index::<i32>(&values, "-03"), Some(2));
        assert_eq!(enumeration_value_index::<i32>(&values, "2"), None);
        assert_eq!(enumeration_value_index::<i32>(&values, "x"), None);
        let decimals = ["1.5", "10"];
        assert_eq!(enumeration_value_index::<crate::xs::Decimal>(&decimals, "01.50"), Some(0));
        assert_eq!(enumeration_value_index::<crate::xs::Decimal>(&decimals, "10.000"), Some(1));
        assert_eq!(enumeration_value_index::<crate::xs::Decimal>(&decimals, "1.55"), None);
    }

    #[test]
    fn other_values_of_an_enumeration_compare_as_values() {
        let octets = ["0A0B", "FF"];
        assert_eq!(enumeration_value_index::<crate::xs::HexBinary>(&octets, " ff "), Some(1));
        assert_eq!(enumeration_value_index::<crate::xs::HexBinary>(&octets, "0a0B"), Some(0));
        assert_eq!(enumeration_value_index::<crate::xs::HexBinary>(&octets, "0A"), None);
        let periods = ["PT1H", "P1M"];
        assert_eq!(enumeration_value_index::<crate::xs::Duration>(&periods, "PT60M"), Some(0));
        assert_eq!(enumeration_value_index::<crate::xs::Duration>(&periods, "P30D"), None);
        let floats = ["NaN", "0"];
        assert_eq!(enumeration_value_index::<f64>(&floats, " NaN"), Some(0));
        assert_eq!(enumeration_value_index::<f64>(&floats, "-0"), Some(1));
    }

    #[test]
    fn replace() {
        assert!(matches!(replace_whitespace("a b"), Cow::Borrowed("a b")));
        assert_eq!(replace_whitespace("\ta\r\nb "), " a  b ");
        assert_eq!(replace_whitespace(""), "");
        // Only the four XML whitespace characters are replaced.
        assert_eq!(replace_whitespace("a\u{a0}b"), "a\u{a0}b");
    }

    #[test]
    fn collapse() {
        assert!(matches!(collapse_whitespace("a b"), Cow::Borrowed("a b")));
        assert!(matches!(collapse_whitespace(""), Cow::Borrowed("")));
        assert!(matches!(collapse_whitespace("abc"), Cow::Borrowed("abc")));
        assert_eq!(collapse_whitespace(" a"), "a");
        assert_eq!(collapse_whitespace("a "), "a");
        assert_eq!(collapse_whitespace("a  b"), "a b");
        assert_eq!(collapse_whitespace("a\tb"), "a b");
        assert_eq!(collapse_whitespace("  \t\r\n "), "");
        assert_eq!(collapse_whitespace(" \n en-US \t x\r\n"), "en-US x");
        assert_eq!(collapse_whitespace("a\u{a0} b"), "a\u{a0} b");
    }

    #[test]
    fn collapse_is_idempotent_and_agrees_with_is_collapsed() {
        let alphabet = [' ', '\t', '\n', '\r', 'a', 'b'];
        // Every string of up to 4 characters over the alphabet.
        for len in 0..=4u32 {
            for n in 0..alphabet.len().pow(len) {
                let mut k = n;
                let s: String = (0..len)
                    .map(|_| {
                        let c = alphabet[k % alphabet.len()];
                        k /= alphabet.len();
                        c
                    })
                    .collect();
                let once = collapse_whitespace(&s).into_owned();
                assert!(matches!(collapse_whitespace(&once), Cow::Borrowed(_)), "{s:?}");
                assert!(!once.starts_with(' ') && !once.ends_with(' ') && !once.contains("  "));
                assert_eq!(is_collapsed(&s), once == s, "{s:?}");
                let replaced = replace_whitespace(&s);
                assert_eq!(replaced.chars().count(), s.chars().count());
                assert!(!replaced.contains(['\t', '\n', '\r']));
            }
        }
    }
}

#[cfg(test)]
mod enumeration_tests {
    use super::enumeration_index;

    #[test]
    fn finds_each_value_by_its_collapsed_text() {
        let values = ["off-work", "away", "in-a-meeting"];
        let by_text = [1, 2, 0];
        assert_eq!(enumeration_index(&values, &by_text, "away"), Some(1));
        assert_eq!(enumeration_index(&values, &by_text, " off-work\n"), Some(0));
        assert_eq!(enumeration_index(&values, &by_text, "in-a-meeting"), Some(2));
        assert_eq!(enumeration_index(&values, &by_text, "busy"), None);
        assert_eq!(enumeration_index(&values, &by_text, ""), None);
        // A value with spaces a string type keeps reads as written, and not collapsed.
        let values = ["a b", "a  b"];
        let by_text = [1u16, 0];
        assert_eq!(enumeration_index(&values, &by_text, "a  b"), Some(1));
        assert_eq!(enumeration_index(&values, &by_text, " a\tb "), Some(0));
    }
}
