//! The built-in integer types XSD derives from `xs:integer` by sign: arbitrary precision, with the
//! sign checked on read.

use std::fmt;
use std::str::FromStr;

use super::Integer;
use crate::value::{ValueError, XmlValue};

macro_rules! signed_integer {
    ($(#[$doc:meta])* $name:ident, $xsd:literal, $ok:expr, $reason:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Integer);

        impl $name {
            /// Wraps `value` if its sign is allowed.
            pub fn new(value: Integer) -> Result<Self, ValueError> {
                let ok: fn(&Integer) -> bool = $ok;
                if ok(&value) {
                    Ok($name(value))
                } else {
                    Err(ValueError::with_reason($xsd, &value.to_string(), $reason))
                }
            }

            /// The value.
            pub fn get(&self) -> &Integer {
                &self.0
            }
        }

        impl XmlValue for $name {
            fn parse_xml(text: &str) -> Result<Self, ValueError> {
                let value = Integer::parse_xml(text)
                    .map_err(|e| ValueError { expected: $xsd, found: e.found, reason: e.reason })?;
                $name::new(value).map_err(|e| ValueError { found: text.to_owned(), ..e })
            }

            fn write_xml(&self, out: &mut String) {
                self.0.write_xml(out)
            }
        }

        impl FromStr for $name {
            type Err = ValueError;
            fn from_str(text: &str) -> Result<Self, ValueError> {
                Self::parse_xml(text)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }
    };
}

signed_integer!(
    /// `xs:nonNegativeInteger`: 0, 1, 2, …
    NonNegativeInteger, "nonNegativeInteger", |v| !v.is_negative(), "must not be negative"
);
signed_integer!(
    /// `xs:positiveInteger`: 1, 2, …
    PositiveInteger, "positiveInteger", |v| !v.is_negative() && !v.is_zero(), "must be greater than 0"
);
signed_integer!(
    /// `xs:nonPositiveInteger`: 0, -1, -2, …
    NonPositiveInteger, "nonPositiveInteger", |v| v.is_negative() || v.is_zero(), "must not be positive"
);
signed_integer!(
    /// `xs:negativeInteger`: -1, -2, …
    NegativeInteger, "negativeInteger", |v| v.is_negative(), "must be less than 0"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_are_checked() {
        assert_eq!(NonNegativeInteger::parse_xml("0").map(|v| v.to_string()), Ok("0".into()));
        assert_eq!(NonNegativeInteger::parse_xml(" +007 ").map(|v| v.to_string()), Ok("7".into()));
        let e = NonNegativeInteger::parse_xml("-1").unwrap_err();
        assert_eq!(e.to_string(), r#"expected nonNegativeInteger, found "-1" (must not be negative)"#);
        assert!(PositiveInteger::parse_xml("0").is_err());
        assert!(NonPositiveInteger::parse_xml("1").is_err());
        assert!(NegativeInteger::parse_xml("0").is_err());
        assert!(NegativeInteger::parse_xml("-99999999999999999999999").is_ok());
        assert_eq!(NonNegativeInteger::parse_xml("x").unwrap_err().expected, "nonNegativeInteger");
    }
}
