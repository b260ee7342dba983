//! Simple values: the lexical forms of attribute values and simple element content.

use std::fmt;

/// A value with an XML lexical form: every attribute value and every simple-content element maps to a
/// Rust type implementing this trait.
pub trait XmlValue: Sized {
    /// Parses the lexical form as it appears in the document (entity references already replaced).
    /// Implementations apply their type's whitespace facet themselves (`xs:string` keeps the text
    /// exactly, most other types collapse surrounding whitespace).
    fn parse_xml(text: &str) -> Result<Self, ValueError>;

    /// Appends the lexical form to `out`. Writing then parsing must give back an equal value.
    fn write_xml(&self, out: &mut String);

    /// Whether `self` and `other` are one value of the type's value space, as XSD compares a
    /// document's value with a declaration's `fixed` one. By default, whether they write the same
    /// text, which is right for a type that writes each value one way; the types that keep a value
    /// as written (dates and times, durations, `hexBinary`'s letter case) and floats (`NaN`, `-0`)
    /// compare their values.
    fn same_value(&self, other: &Self) -> bool {
        let (mut a, mut b) = (String::new(), String::new());
        self.write_xml(&mut a);
        other.write_xml(&mut b);
        a == b
    }

    /// The first prefix of a QName in the value that `declared` says is not declared: a QName's
    /// prefix must be in scope where the value stands, which the reader knows and the text does
    /// not, so it asks each value it reads. `None` but for `xs:QName` values and the lists,
    /// restrictions and unions that hold them.
    fn undeclared_prefix(&self, declared: &dyn Fn(&str) -> bool) -> Option<&str> {
        let _ = declared;
        None
    }
}

/// Why a lexical form was rejected; the reader adds line, column and element path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    /// The XSD type that was expected, e.g. `unsignedInt` or `dateTime`.
    pub expected: &'static str,
    /// The text that was found.
    pub found: String,
    /// A more specific reason, when there is one (e.g. "month 13 is out of range").
    pub reason: Option<String>,
}

impl ValueError {
    /// A value that is not of the expected type.
    pub fn new(expected: &'static str, found: &str) -> Self {
        ValueError { expected, found: found.to_owned(), reason: None }
    }

    /// A value that is not of the expected type, with a specific reason.
    pub fn with_reason(expected: &'static str, found: &str, reason: impl Into<String>) -> Self {
        ValueError { expected, found: found.to_owned(), reason: Some(reason.into()) }
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected {}, found {:?}", self.expected, self.found)?;
        if let Some(reason) = &self.reason {
            write!(f, " ({reason})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValueError {}

/// `xs:list`: whitespace-separated items.
impl<T: XmlValue> XmlValue for Vec<T> {
    fn parse_xml(text: &str) -> Result<Self, ValueError> {
        text.split([' ', '\t', '\r', '\n']).filter(|s| !s.is_empty()).map(T::parse_xml).collect()
    }

    fn write_xml(&self, out: &mut String) {
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            item.write_xml(out);
        }
    }

    fn same_value(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a.same_value(b))
    }

    fn undeclared_prefix(&self, declared: &dyn Fn(&str) -> bool) -> Option<&str> {
        self.iter().find_map(|item| item.undeclared_prefix(declared))
    }
}
