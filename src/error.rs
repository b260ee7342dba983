//! Read errors: what went wrong, where (line and column) and in which element (path).

use std::fmt;

use crate::value::ValueError;

/// What went wrong while reading a document.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is not well-formed XML (or uses a feature we refuse, such as a DOCTYPE's internal subset).
    Syntax(String),
    /// The input is not UTF-8.
    Encoding(String),
    /// The document's root element is not one the caller asked for.
    UnexpectedRoot {
        /// The root element's name as written (`prefix:local`).
        found: String,
        /// The names the type accepts ([`XmlElement::expected`](crate::XmlElement::expected)).
        expected: &'static str,
    },
    /// A child element the content model does not allow here.
    UnexpectedElement {
        /// The element's name as written.
        found: String,
        /// What the content model allows at this point, e.g. `one of a, b` or `the end of note`.
        expected: String,
    },
    /// Character data where the content model allows only elements.
    UnexpectedText {
        /// The text, as found.
        text: String,
    },
    /// A required child element is missing.
    MissingElement {
        /// The element (or choice of elements) expected.
        name: &'static str,
    },
    /// Fewer occurrences of a child element than the schema requires.
    TooFewElements {
        /// The element's name.
        name: &'static str,
        /// The schema's `minOccurs`.
        min: usize,
        /// How many there were.
        found: usize,
    },
    /// A required attribute is missing.
    MissingAttribute {
        /// The attribute's name.
        name: &'static str,
    },
    /// An attribute the type does not declare (and has no attribute wildcard for).
    UnexpectedAttribute {
        /// The attribute's name as written.
        name: String,
    },
    /// The same attribute twice on one element.
    DuplicateAttribute {
        /// The attribute's name as written.
        name: String,
    },
    /// An attribute value or simple content that is not of its type.
    InvalidValue {
        /// The attribute (`@name`) or element whose value it is; empty when the path names it.
        name: String,
        /// What the value should have been; also [`Error`]'s `source()`.
        error: ValueError,
    },
    /// An element of an abstract type without an `xsi:type` naming a concrete one.
    AbstractType {
        /// The abstract type's name.
        name: String,
    },
    /// Elements nested deeper than the configured limit.
    DepthLimit {
        /// [`ReadOptions::max_depth`](crate::ReadOptions::max_depth).
        limit: usize,
    },
    /// The document exceeds the configured size limit.
    SizeLimit {
        /// [`ReadOptions::max_size`](crate::ReadOptions::max_size), in bytes.
        limit: usize,
    },
    /// An element with more attributes (namespace declarations included) than the configured limit.
    AttributeLimit {
        /// [`ReadOptions::max_attributes`](crate::ReadOptions::max_attributes).
        limit: usize,
    },
    /// Content after the root element's end.
    TrailingContent,
    /// The document ended before the root element did.
    UnexpectedEof,
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Syntax(msg) => write!(f, "malformed XML: {msg}"),
            ErrorKind::Encoding(msg) => write!(f, "invalid encoding: {msg}"),
            ErrorKind::UnexpectedRoot { found, expected } => {
                write!(f, "unexpected root element {found}, expected {expected}")
            }
            ErrorKind::UnexpectedElement { found, expected } => {
                write!(f, "unexpected element {found}, expected {expected}")
            }
            ErrorKind::UnexpectedText { text } => {
                write!(f, "unexpected text {text:?} where only elements are allowed")
            }
            ErrorKind::MissingElement { name } => write!(f, "missing required element {name}"),
            ErrorKind::TooFewElements { name, min, found } => {
                write!(f, "expected at least {min} {name} element(s), found {found}")
            }
            ErrorKind::MissingAttribute { name } => write!(f, "missing required attribute {name}"),
            ErrorKind::UnexpectedAttribute { name } => write!(f, "unexpected attribute {name}"),
            ErrorKind::DuplicateAttribute { name } => write!(f, "duplicate attribute {name}"),
            ErrorKind::InvalidValue { name, error } if name.is_empty() => write!(f, "{error}"),
            ErrorKind::InvalidValue { name, error } => write!(f, "{name}: {error}"),
            ErrorKind::AbstractType { name } => {
                write!(f, "type {name} is abstract: the element needs an xsi:type naming a derived type")
            }
            ErrorKind::DepthLimit { limit } => {
                write!(f, "elements nested deeper than the limit of {limit}")
            }
            ErrorKind::SizeLimit { limit } => {
                write!(f, "document larger than the limit of {limit} bytes")
            }
            ErrorKind::AttributeLimit { limit } => {
                write!(f, "more attributes on one element than the limit of {limit}")
            }
            ErrorKind::TrailingContent => write!(f, "content after the end of the root element"),
            ErrorKind::UnexpectedEof => {
                write!(f, "document ended before the root element was closed")
            }
        }
    }
}

/// A read error with its position: 1-based line and column (in characters) and the path of the
/// element it happened in, such as `/categories/category[2]/state/availability`.
///
/// Displays as `line:column: path: message`, and `{:?}` (what `?` in `main` prints) reads the same;
/// `{:#?}` shows the fields. Boxed, so `Result`s stay small on the happy path.
#[derive(Clone, PartialEq, Eq)]
pub struct Error(Box<ErrorData>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct ErrorData {
    kind: ErrorKind,
    line: usize,
    column: usize,
    path: String,
}

impl Error {
    /// An error at `line`:`column` (1-based; 0 when there is no position) in element `path`.
    pub fn new(kind: ErrorKind, line: usize, column: usize, path: impl Into<String>) -> Self {
        Error(Box::new(ErrorData { kind, line, column, path: path.into() }))
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// 1-based line of the offending input (0 when there is no input position).
    pub fn line(&self) -> usize {
        self.0.line
    }

    /// 1-based column, in characters.
    pub fn column(&self) -> usize {
        self.0.column
    }

    /// The element path, e.g. `/note/body[2]`; `/` for the document itself.
    pub fn path(&self) -> &str {
        &self.0.path
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}: {}", self.0.line, self.0.column, self.0.path, self.0.kind)
    }
}

/// Readable first: `Error(3:3: /note/body: …)`; with `{:#?}`, the kind, position and path as fields.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            f.debug_struct("Error")
                .field("kind", &self.0.kind)
                .field("line", &self.0.line)
                .field("column", &self.0.column)
                .field("path", &self.0.path)
                .finish()
        } else {
            write!(f, "Error({self})")
        }
    }
}

/// The source of an [`ErrorKind::InvalidValue`] is its [`ValueError`], for callers that walk the
/// chain; the message already includes it, since most callers print only the top error.
impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.0.kind {
            ErrorKind::InvalidValue { error, .. } => Some(error),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_reads_like_display_and_alternate_shows_the_fields() {
        let e = Error::new(ErrorKind::Syntax("tag not closed".into()), 3, 7, "/note/body");
        assert_eq!(e.to_string(), "3:7: /note/body: malformed XML: tag not closed");
        assert_eq!(format!("{e:?}"), "Error(3:7: /note/body: malformed XML: tag not closed)");
        let full = format!("{e:#?}");
        assert!(
            full.contains("kind: Syntax(")
                && full.contains("line: 3,")
                && full.contains("path: \"/note/body\""),
            "{full}"
        );
    }

    #[test]
    fn the_source_of_an_invalid_value_is_its_value_error() {
        use std::error::Error as _;
        let error = ValueError::with_reason("dateTime", "2010-13-40", "month 13 is out of range");
        let e = Error::new(
            ErrorKind::InvalidValue { name: "@startTime".into(), error: error.clone() },
            3,
            3,
            "/note",
        );
        let source = e.source().and_then(|s| s.downcast_ref::<ValueError>());
        assert_eq!(source, Some(&error));
        assert!(Error::new(ErrorKind::TrailingContent, 1, 9, "/").source().is_none());
    }
}
