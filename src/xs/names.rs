//! The built-in name types: `xs:Name`, `xs:NCName`, `xs:NMTOKEN` and `xs:language`, strings whose
//! values are only some texts. Each is a `String` that holds a valid value, so that a document
//! holding `a b` where a name belongs is an error where it stands rather than a value the writer
//! would put back as an invalid document, and a value built in code is checked once, when it is made.
//!
//! `ID`, `IDREF` and `ENTITY` stay [`String`]s: what makes their values valid is mostly the rest of
//! the document (an `ID` unique in it, an `IDREF` naming one), which a reader of one value cannot see.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use super::{impl_xml_value, trim_xml};
use crate::reader::names::{check_name, check_ncname, is_name_char};
use crate::value::ValueError;

/// Defines a name type: a checked `String` with its `XmlValue`, conversions and comparisons.
macro_rules! name_type {
    ($(#[$doc:meta])* $ty:ident, $xsd:literal, $check:path) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $ty(String);

        impl $ty {
            /// The value `value`, if it is one of the type: exactly as given (surrounding white
            /// space is an error here; [`parse`](str::parse) and the reader remove it, as XSD does).
            pub fn new(value: impl Into<String>) -> Result<Self, ValueError> {
                let value = value.into();
                match $check(&value) {
                    Ok(()) => Ok($ty(value)),
                    Err(reason) => Err(ValueError::with_reason($xsd, &value, reason)),
                }
            }

            /// The value as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The value as a `String`.
            pub fn into_string(self) -> String {
                self.0
            }

            /// The text read: the value with the white space around it removed (the type's
            /// `whiteSpace` is `collapse`, and no value holds white space).
            fn parse(text: &str) -> Result<Self, ValueError> {
                let value = trim_xml(text);
                match $check(value) {
                    Ok(()) => Ok($ty(value.to_owned())),
                    Err(reason) => Err(ValueError::with_reason($xsd, text, reason)),
                }
            }
        }

        impl_xml_value!($ty, $ty::parse, |value: &$ty, out: &mut String| out.push_str(&value.0));

        // Characters, as of every string type.
        impl super::FacetLength for $ty {
            fn facet_length(&self) -> usize {
                self.0.chars().count()
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Deref for $ty {
            type Target = str;

            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $ty {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $ty {
            type Error = ValueError;

            fn try_from(value: String) -> Result<Self, ValueError> {
                $ty::new(value)
            }
        }

        impl TryFrom<&str> for $ty {
            type Error = ValueError;

            fn try_from(value: &str) -> Result<Self, ValueError> {
                $ty::new(value)
            }
        }

        impl From<$ty> for String {
            fn from(value: $ty) -> String {
                value.0
            }
        }

        impl PartialEq<str> for $ty {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $ty {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

name_type!(
    /// An `xs:Name`: XML 1.0's `Name`, colons anywhere (`a:b:c`, `:a`).
    Name,
    "Name",
    name
);

name_type!(
    /// An `xs:NCName`: a name without a colon, as element and attribute names are under
    /// Namespaces in XML (`state`, `_x.1`).
    NCName,
    "NCName",
    ncname
);

name_type!(
    /// An `xs:NMTOKEN`: one or more name characters, in any order (`01`, `-x`, `a:b`).
    NMToken,
    "NMTOKEN",
    nmtoken
);

name_type!(
    /// An `xs:language`: a language tag as XSD 1.0 has it, letters and digits in parts of one to eight
    /// joined by hyphens, the first part letters only (`en`, `de-CH`, `zh-Hant-TW`, `x-klingon`).
    Language,
    "language",
    language
);

fn name(value: &str) -> Result<(), String> {
    check_name(value).map_err(|e| e.message(value))
}

fn ncname(value: &str) -> Result<(), String> {
    check_ncname(value).map_err(|e| e.message(value))
}

fn nmtoken(value: &str) -> Result<(), String> {
    match value.chars().find(|&c| !(c == ':' || is_name_char(c))) {
        _ if value.is_empty() => Err("an NMTOKEN cannot be empty".to_owned()),
        Some(c) => Err(format!("{c:?} is not a name character")),
        None => Ok(()),
    }
}

fn language(value: &str) -> Result<(), String> {
    for (i, part) in value.split('-').enumerate() {
        let allowed = |c: u8| if i == 0 { c.is_ascii_alphabetic() } else { c.is_ascii_alphanumeric() };
        if let Some(c) = part.chars().find(|&c| !u8::try_from(c).is_ok_and(allowed)) {
            return Err(match i {
                0 => format!("{c:?} in the first part, which holds only letters a-z and A-Z"),
                _ => format!("{c:?} in the part {part:?}, which holds only letters a-z, A-Z and digits"),
            });
        }
        match (i, part.len()) {
            (0, 0) => return Err("a language tag starts with one to eight letters".to_owned()),
            (_, 0) => return Err("a hyphen must be followed by one to eight letters or digits".to_owned()),
            (_, 9..) => return Err(format!("the part {part:?} is longer than eight characters")),
            _ => {}
        }
    }
    Ok(())
}

/// Whether `text`, its white space collapsed as these types do, is a value of the built-in name type
/// `xs:{xsd}`: `NMTOKEN`, `Name`, `NCName` (and so `ID`, `IDREF`, `ENTITY`) or `language`; `false`
/// for other names. Names are XML 1.0's (fifth edition). Generated unions call it to read text as a
/// member of names, as XSD reads a union.
pub fn is_name_of_type(xsd: &str, text: &str) -> bool {
    let text = trim_xml(text);
    match xsd {
        // The reader's checks, without the message a refusal would carry.
        "Name" => check_name(text).is_ok(),
        "NCName" => check_ncname(text).is_ok(),
        "NMTOKEN" => nmtoken(text).is_ok(),
        "language" => language(text).is_ok(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::XmlValue;

    #[test]
    fn values_are_read_without_the_white_space_around_them() {
        assert_eq!(NCName::parse_xml(" state\n").unwrap().as_str(), "state");
        assert_eq!(Name::parse_xml("a:b:c").unwrap(), "a:b:c");
        assert_eq!(NMToken::parse_xml("\t01").unwrap().to_string(), "01");
        assert_eq!(Language::parse_xml(" zh-Hant-TW ").unwrap().into_string(), "zh-Hant-TW");
        let mut out = String::new();
        NCName::parse_xml(" a\u{B7}b ").unwrap().write_xml(&mut out);
        assert_eq!(out, "a\u{B7}b");
    }

    #[test]
    fn new_takes_the_value_exactly() {
        assert!(NCName::new("state").is_ok());
        assert!(NCName::new(" state").is_err());
        assert_eq!(NCName::try_from("x_1").map(String::from), Ok("x_1".to_owned()));
    }

    #[test]
    fn each_type_refuses_what_is_no_value_of_it() {
        let refused = |parse: fn(&str) -> Result<(), ValueError>, text: &str| parse(text).unwrap_err();
        let name = |t: &str| Name::parse_xml(t).map(drop);
        let ncname = |t: &str| NCName::parse_xml(t).map(drop);
        let nmtoken = |t: &str| NMToken::parse_xml(t).map(drop);
        let language = |t: &str| Language::parse_xml(t).map(drop);
        for text in ["", "  ", "a b", "1a", "-a", "\u{B7}a", "a\u{D7}", "\u{10FFFF}"] {
            assert_eq!(refused(name, text).expected, "Name", "{text:?}");
        }
        for text in ["a:b", ":a", "a b", "1a"] {
            assert_eq!(refused(ncname, text).expected, "NCName", "{text:?}");
        }
        for text in ["", "a b", "a\u{D7}b", "a,b"] {
            assert_eq!(refused(nmtoken, text).expected, "NMTOKEN", "{text:?}");
        }
        for text in ["", "de_CH", "de-", "-de", "1de", "toolongtag", "de-toolongpart", "dé", "de--CH"] {
            assert_eq!(refused(language, text).expected, "language", "{text:?}");
        }
        let e = NCName::parse_xml("a b").unwrap_err();
        assert_eq!(
            e.to_string(),
            r#"expected NCName, found "a b" ("a b" is not a name: ' ' is not allowed in a name)"#
        );
        let e = Language::parse_xml("de_CH").unwrap_err();
        assert!(e.to_string().contains("'_' in the first part"), "{e}");
    }

    #[test]
    fn each_type_takes_its_values() {
        for text in ["a", "_", "a:b:c", ":a", "é\u{B7}1", "\u{10000}"] {
            assert!(Name::parse_xml(text).is_ok(), "{text:?}");
            assert!(is_name_of_type("Name", text));
        }
        for text in ["a", "_1", "a.b-c", "\u{10000}"] {
            assert!(NCName::parse_xml(text).is_ok(), "{text:?}");
        }
        for text in ["01", "-", ".a", "a:b", "\u{B7}"] {
            assert!(NMToken::parse_xml(text).is_ok(), "{text:?}");
        }
        for text in ["en", "de-CH", "x-klingon", "i-a1b2c3", "ABCDEFGH-12345678"] {
            assert!(Language::parse_xml(text).is_ok(), "{text:?}");
        }
        assert!(!is_name_of_type("NCName", "a:b") && !is_name_of_type("token", "a"));
    }

    #[test]
    fn names_follow_their_type() {
        for (xsd, yes, no) in [
            // Beyond ASCII, XML 1.0's classes: `·` continues a name but cannot start one, `×` and
            // U+10FFFF are in none.
            (
                "NMTOKEN",
                &["05", "a:b", ".x", " é-1 ", "\u{B7}日本"][..],
                &["", "a b", "a/b", "a\u{D7}b", "\u{10FFFF}"][..],
            ),
            ("Name", &[":a", "_1", "a:b", "é\u{B7}"], &["1a", "-a", "a b", "\u{B7}a"]),
            ("NCName", &["a", "_1", "x.y-z", "\u{10000}"], &["a:b", "1a", "", "a\u{2000}"]),
            ("language", &["en", "en-US", "x-a1b2c3"], &["", "en_US", "toolonglang", "en-"]),
        ] {
            for text in yes {
                assert!(is_name_of_type(xsd, text), "{xsd} {text:?}");
            }
            for text in no {
                assert!(!is_name_of_type(xsd, text), "not {xsd} {text:?}");
            }
        }
        assert!(!is_name_of_type("string", "a"));
    }
}
