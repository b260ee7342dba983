//! `xs:boolean`.

use super::trim_xml;
use crate::value::{ValueError, XmlValue};

/// `xs:boolean`: reads `true`, `false`, `1` and `0` (surrounding whitespace collapsed) and writes
/// the canonical `true` / `false`.
impl XmlValue for bool {
    fn parse_xml(text: &str) -> Result<Self, ValueError> {
        match trim_xml(text) {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            "" => Err(ValueError::with_reason("boolean", text, "empty value")),
            _ => Err(ValueError::with_reason("boolean", text, "must be one of true, false, 1, 0")),
        }
    }

    fn write_xml(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid() {
        for (text, value) in
            [("true", true), ("false", false), ("1", true), ("0", false), (" true\n", true), ("\t0 ", false)]
        {
            assert_eq!(bool::parse_xml(text), Ok(value), "{text:?}");
        }
    }

    #[test]
    fn invalid() {
        for text in ["TRUE", "True", "yes", "01", "t", "tr ue", "-0", "+1"] {
            let err = bool::parse_xml(text).unwrap_err();
            assert_eq!(err.expected, "boolean");
            assert_eq!(err.found, text);
            assert_eq!(err.reason.as_deref(), Some("must be one of true, false, 1, 0"));
        }
        for text in ["", "  "] {
            let err = bool::parse_xml(text).unwrap_err();
            assert_eq!(err.reason.as_deref(), Some("empty value"));
        }
    }

    #[test]
    fn round_trip() {
        for value in [true, false] {
            let mut out = String::new();
            value.write_xml(&mut out);
            assert_eq!(out, value.to_string());
            assert_eq!(bool::parse_xml(&out), Ok(value));
        }
    }
}
