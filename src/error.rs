//! Read and write errors: what went wrong, where (line and column of the input) and in which
//! element (path).

use std::fmt;

use crate::value::ValueError;

/// What went wrong while reading a document.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is not well-formed XML (or uses a feature we refuse, such as entity declarations
    /// in a DOCTYPE's internal subset).
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
    /// Fewer repetitions of a repeated sequence or choice than the schema requires.
    TooFewRepetitions {
        /// The elements the group starts with.
        group: &'static str,
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
        /// `@` and the attribute's name for an attribute, the element's name (as written, with its
        /// prefix) for an element's content; the message shows only attribute names, since the path
        /// ends with the element's.
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
    /// Writing: a character XML has no form for, not even as a character reference. In XML 1.0
    /// those are the controls other than tab, line feed and carriage return (U+0000–U+001F), U+FFFE
    /// and U+FFFF; XML 1.1 (a document that declares it) allows references to all controls but
    /// U+0000. The reader never produces such strings; a value built by hand can hold them.
    UnwritableChar {
        /// The character.
        ch: char,
        /// The attribute whose value holds it (as written, with its prefix), or `None` for
        /// character data.
        attribute: Option<String>,
        /// Whether the document is XML 1.1.
        xml11: bool,
    },
    /// Writing: a name from a value (an [`AnyElement`](crate::AnyElement)'s or attribute's name or
    /// prefix, a declared prefix) that is not an XML name without a colon (`NCName`).
    UnwritableName {
        /// The name as given.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Writing: an XML declaration or DOCTYPE that cannot be written as given (a version that is
    /// not `1.` and digits, a root name that is not a name, an identifier XML cannot quote).
    UnwritableProlog {
        /// What is wrong.
        reason: String,
    },
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Syntax(msg) => write!(f, "malformed XML: {msg}"),
            ErrorKind::Encoding(msg) => write!(f, "invalid encoding: {msg}"),
            ErrorKind::UnexpectedRoot { found, expected } => {
                write!(f, "unexpected root element {found}, expected {}", capped(expected, found))
            }
            ErrorKind::UnexpectedElement { found, expected } => {
                write!(f, "unexpected element {found}, expected {}", capped(expected, found))
            }
            ErrorKind::UnexpectedText { text } => {
                write!(f, "unexpected text {text:?} where only elements are allowed")
            }
            ErrorKind::MissingElement { name } => write!(f, "missing required element {}", capped(name, "")),
            ErrorKind::TooFewElements { name, min, found } => {
                write!(f, "expected at least {min} {name} element(s), found {found}")
            }
            ErrorKind::TooFewRepetitions { group, min, found } => {
                write!(
                    f,
                    "expected at least {min} repetitions of the group starting with {group}, found {found}"
                )
            }
            ErrorKind::MissingAttribute { name } => write!(f, "missing required attribute {name}"),
            ErrorKind::UnexpectedAttribute { name } => write!(f, "unexpected attribute {name}"),
            ErrorKind::DuplicateAttribute { name } => write!(f, "duplicate attribute {name}"),
            ErrorKind::InvalidValue { name, error } if name.starts_with('@') => write!(f, "{name}: {error}"),
            ErrorKind::InvalidValue { error, .. } => write!(f, "{error}"),
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
            ErrorKind::UnwritableChar { ch, attribute, xml11 } => {
                let version = if *xml11 { "1.1" } else { "1.0" };
                let place = attribute.as_ref().map_or("character data".to_owned(), |a| format!("@{a}"));
                write!(
                    f,
                    "cannot write U+{:04X} in {place}: XML {version} has no form for it, not even a \
                     character reference",
                    u32::from(*ch)
                )
            }
            ErrorKind::UnwritableName { reason, .. } => write!(f, "cannot write the name: {reason}"),
            ErrorKind::UnwritableProlog { reason } => write!(f, "cannot write the prolog: {reason}"),
        }
    }
}

/// How many names a message lists of an "expected one of …" list.
const LISTED_NAMES: usize = 8;

/// `expected` as a message shows it: a list `one of a, b, …` longer than [`LISTED_NAMES`] shows that
/// many names, those with the local name of `found` first (a root in the wrong namespace then shows
/// the right one), and how many more there are. The error keeps the whole list.
fn capped<'e>(expected: &'e str, found: &str) -> std::borrow::Cow<'e, str> {
    let Some(list) = expected.strip_prefix("one of ") else { return expected.into() };
    let names: Vec<&str> = list.split(", ").collect();
    // Names never hold a space: anything else is not a plain list.
    if names.len() <= LISTED_NAMES || names.iter().any(|n| n.contains(' ')) {
        return expected.into();
    }
    let local = |name: &str| -> String {
        let name = name.rsplit('}').next().unwrap_or(name);
        name.rsplit(':').next().unwrap_or(name).to_owned()
    };
    let wanted = local(found);
    let (mut shown, rest): (Vec<&str>, Vec<&str>) = names.iter().partition(|n| local(n) == wanted);
    shown.extend(rest);
    let more = names.len() - LISTED_NAMES;
    format!("one of {} and {more} more", shown[..LISTED_NAMES].join(", ")).into()
}

/// How many steps of an element path a message shows at each end; the steps between are counted.
const PATH_ENDS: usize = 4;

/// `path` as a message shows it: a path of more than `3 * PATH_ENDS` steps keeps its first and last
/// [`PATH_ENDS`] steps and says how many are left out (`/d/d/d/d/…(9,740 more)…/d/d/d/d`).
fn abbreviated(path: &str) -> std::borrow::Cow<'_, str> {
    let steps: Vec<&str> = path.split('/').skip(1).collect();
    if steps.len() <= 3 * PATH_ENDS {
        return path.into();
    }
    let head = steps[..PATH_ENDS].join("/");
    let tail = steps[steps.len() - PATH_ENDS..].join("/");
    let left_out = steps.len() - 2 * PATH_ENDS;
    format!("/{head}/…({} more)…/{tail}", thousands(left_out)).into()
}

/// `n` with a comma between groups of three digits.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A read error with its position: 1-based line and column (in characters) and the path of the
/// element it happened in, such as `/categories/category[2]/state/availability`; or a write error
/// ([`ErrorKind::UnwritableChar`] and the other `Unwritable…` kinds) with the path of the element
/// being written and no position (line 0).
///
/// Displays as `line:column: path: message`, or `path: message` without a position (a very long path abbreviated, a long list of expected
/// names cut short; [`Error::path`] and the kind keep them whole), and `{:?}` (what `?` in `main` prints) reads the same;
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
        // Write errors, and read errors that are not about a place in the input, have no position.
        if self.0.line != 0 {
            write!(f, "{}:{}: ", self.0.line, self.0.column)?;
        }
        write!(f, "{}: {}", abbreviated(&self.0.path), self.0.kind)
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
    fn long_paths_keep_their_ends_and_count_the_rest() {
        let path = "/d".repeat(9_748);
        assert_eq!(abbreviated(&path), "/d/d/d/d/…(9,740 more)…/d/d/d/d");
        assert_eq!(abbreviated("/a/b/c"), "/a/b/c");
        assert_eq!(abbreviated("/"), "/");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn long_lists_of_expected_names_are_cut_short_same_local_name_first() {
        let names: Vec<String> = (0..20).map(|i| format!("{{urn:x}}e{i}")).collect();
        let expected = format!("one of {}", names.join(", "));
        let shown = capped(&expected, "{urn:y}e15");
        assert_eq!(
            shown,
            "one of {urn:x}e15, {urn:x}e0, {urn:x}e1, {urn:x}e2, {urn:x}e3, {urn:x}e4, {urn:x}e5, {urn:x}e6 and 12 more"
        );
        assert_eq!(capped("one of a, b", "c"), "one of a, b");
        assert_eq!(capped("the end of note", "c"), "the end of note");
    }

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
