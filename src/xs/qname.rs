//! The lexical form of `xs:QName`: `prefix:local` or `local`.

use std::fmt;

use super::{is_xml_whitespace, trim_xml};
use crate::value::{ValueError, XmlValue};

/// An `xs:QName` as written, e.g. `rtc:state` (`prefix: Some("rtc")`, `local: "state"`).
///
/// Only the lexical form is checked here; the prefix's namespace is in the namespace declarations in
/// scope where the value stands, which the reader has and this value does not. The reader refuses a
/// prefix none of them declares ([`XmlValue::undeclared_prefix`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QNameValue {
    /// The prefix before the colon, if any.
    pub prefix: Option<String>,
    /// The local part after the colon (or the whole name when there is no prefix).
    pub local: String,
}

/// Checks that a part of the name (`what`: prefix or local name) is an `NCName`.
fn check_ncname(name: &str, what: &str) -> Result<(), String> {
    use crate::reader::names::{is_name_char, is_name_start};
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return Err(format!("empty {what}"));
    };
    match std::iter::once(first).chain(chars).find(|&c| !is_name_char(c)) {
        Some(c) if is_xml_whitespace(c) => Err("unexpected whitespace".to_owned()),
        Some(':') => Err("more than one ':'".to_owned()),
        Some(c) => Err(format!("{c:?} is not allowed in a {what}")),
        None if !is_name_start(first) => Err(format!("{what} cannot start with {first:?}")),
        None => Ok(()),
    }
}

impl QNameValue {
    /// A qualified name with an optional prefix; checks both parts as NCNames.
    pub fn new(prefix: Option<&str>, local: &str) -> Result<Self, ValueError> {
        let value = QNameValue { prefix: prefix.map(str::to_owned), local: local.to_owned() };
        value.check().map_err(|reason| ValueError::with_reason("QName", &value.to_string(), reason))?;
        Ok(value)
    }

    /// A name without prefix (in the default namespace, if one is declared).
    pub fn unprefixed(local: &str) -> Result<Self, ValueError> {
        QNameValue::new(None, local)
    }

    fn check(&self) -> Result<(), String> {
        if let Some(prefix) = &self.prefix {
            check_ncname(prefix, "prefix")?;
        }
        check_ncname(&self.local, "local name")
    }

    fn parse(text: &str) -> Result<Self, ValueError> {
        let trimmed = trim_xml(text);
        if trimmed.is_empty() {
            return Err(ValueError::with_reason("QName", text, "empty value"));
        }
        let value = match trimmed.split_once(':') {
            Some((prefix, local)) => QNameValue { prefix: Some(prefix.to_owned()), local: local.to_owned() },
            None => QNameValue { prefix: None, local: trimmed.to_owned() },
        };
        value.check().map_err(|reason| ValueError::with_reason("QName", text, reason))?;
        Ok(value)
    }
}

// A QName's value is a namespace and a local name; the namespace a prefix stands for is the
// reader's to know, not the value's, so two values are taken as one when their local names are.
impl XmlValue for QNameValue {
    fn parse_xml(text: &str) -> Result<Self, ValueError> {
        QNameValue::parse(text)
    }

    fn write_xml(&self, out: &mut String) {
        use std::fmt::Write as _;
        // Writing into a `String` cannot fail.
        let _ = write!(out, "{self}");
    }

    fn same_value(&self, other: &Self) -> bool {
        self.local == other.local
    }

    fn undeclared_prefix(&self, declared: &dyn Fn(&str) -> bool) -> Option<&str> {
        self.prefix.as_deref().filter(|prefix| !declared(prefix))
    }
}

impl std::str::FromStr for QNameValue {
    type Err = ValueError;

    fn from_str(text: &str) -> Result<Self, ValueError> {
        QNameValue::parse(text)
    }
}

impl fmt::Display for QNameValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(prefix) = &self.prefix {
            write!(f, "{prefix}:")?;
        }
        f.write_str(&self.local)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid() {
        for (text, prefix, local) in [
            ("rtc:state", Some("rtc"), "state"),
            ("state", None, "state"),
            ("xs:string", Some("xs"), "string"),
            ("_a.b-c1", None, "_a.b-c1"),
            ("ns1:a_b", Some("ns1"), "a_b"),
            ("é:ü", Some("é"), "ü"),
            ("a\u{B7}b", None, "a\u{B7}b"),
        ] {
            let value = QNameValue::parse_xml(text).unwrap();
            assert_eq!(value.prefix.as_deref(), prefix);
            assert_eq!(value.local, local);
            let mut out = String::new();
            value.write_xml(&mut out);
            assert_eq!(out, text);
            assert_eq!(text.parse::<QNameValue>(), Ok(value.clone()));
            assert_eq!(QNameValue::new(prefix, local), Ok(value));
        }
        assert_eq!(QNameValue::parse_xml("\n rtc:state \t").unwrap().to_string(), "rtc:state");
        assert_eq!(QNameValue::unprefixed("state").unwrap().prefix, None);
    }

    #[test]
    fn rejections() {
        let cases: &[(&str, &str)] = &[
            ("", "empty value"),
            ("  ", "empty value"),
            (":state", "empty prefix"),
            ("rtc:", "empty local name"),
            (":", "empty prefix"),
            ("a:b:c", "more than one ':'"),
            ("a::b", "more than one ':'"),
            ("a b", "unexpected whitespace"),
            ("a: b", "unexpected whitespace"),
            ("rtc :state", "unexpected whitespace"),
            ("1abc", "local name cannot start with '1'"),
            ("-a:b", "prefix cannot start with '-'"),
            ("p:.b", "local name cannot start with '.'"),
            ("a<b", "'<' is not allowed in a local name"),
            ("a&b:c", "'&' is not allowed in a prefix"),
            ("{urn:x}b", "'{' is not allowed in a prefix"),
            // Beyond ASCII, XML 1.0's name characters.
            ("a\u{D7}b", "'×' is not allowed in a local name"),
            ("\u{10FFFF}", "'\\u{10ffff}' is not allowed in a local name"),
            ("p:\u{B7}a", "local name cannot start with '·'"),
        ];
        for (text, reason) in cases {
            let err = QNameValue::parse_xml(text).unwrap_err();
            assert_eq!(err.expected, "QName");
            assert_eq!(err.found, *text);
            assert_eq!(err.reason.as_deref(), Some(*reason), "{text:?}");
        }
        let err = QNameValue::new(Some(""), "state").unwrap_err();
        assert_eq!((err.found.as_str(), err.reason.as_deref()), (":state", Some("empty prefix")));
        assert!(QNameValue::new(Some("a:b"), "c").is_err());
        assert!(QNameValue::unprefixed("a:b").is_err());
        assert!(QNameValue::unprefixed("").is_err());
    }
}
