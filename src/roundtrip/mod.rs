//! The round-trip contract ("nothing lost"): for a document D,
//! 1. D parses with the generated types;
//! 2. writing the result gives a document infoset-equal to D ([`infoset`] says what "equal" means);
//! 3. writing is idempotent: parsing and writing the output again reproduces it byte for byte.

pub mod infoset;

use std::fmt;

use crate::error::Error;
use crate::XmlElement;

/// The outcome of [`check`].
#[derive(Debug, Clone)]
pub struct Report {
    /// Why D (or, with `stage` = 2, the first output) did not parse.
    pub error: Option<(Stage, String)>,
    /// How the output differs from D.
    pub differences: Vec<infoset::Difference>,
    /// The first output, when D parsed.
    pub output: Option<String>,
    /// Whether writing again reproduced the first output byte for byte.
    pub idempotent: bool,
    /// The paths of the elements of D that no generated or registered type read: content kept whole
    /// as `AnyElement` (a category payload whose type was never registered, extension content, a
    /// state of an unknown `xsi:type`). Not a failure: nothing of it is lost.
    pub untyped: Vec<String>,
}

/// Which step of the check failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Parsing the input with the generated types.
    Parse,
    /// Reading the input or the output as a plain infoset.
    Infoset,
    /// Parsing the first output again.
    Reparse,
}

impl Report {
    /// Whether D passed all three steps.
    pub fn is_ok(&self) -> bool {
        self.error.is_none() && self.differences.is_empty() && self.idempotent
    }

    /// One line: `ok`, or what failed first.
    pub fn summary(&self) -> String {
        if let Some((stage, message)) = &self.error {
            return match stage {
                Stage::Parse => format!("does not parse: {message}"),
                Stage::Infoset => format!("not well-formed: {message}"),
                Stage::Reparse => format!("output does not parse again: {message}"),
            };
        }
        if !self.differences.is_empty() {
            let shown: Vec<String> = self.differences.iter().take(3).map(ToString::to_string).collect();
            let more = self.differences.len().saturating_sub(3);
            let tail = if more > 0 { format!(" (and {more} more)") } else { String::new() };
            return format!("output differs: {}{tail}", shown.join("; "));
        }
        if !self.idempotent {
            return "writing is not idempotent: the second output differs from the first".into();
        }
        "ok".into()
    }

    /// For a document with untyped content, one line naming where (the first three paths):
    /// `kept untyped (no generated or registered type): /categories/category/mood`.
    pub fn untyped_summary(&self) -> Option<String> {
        if self.untyped.is_empty() {
            return None;
        }
        let shown = self.untyped.iter().take(3).map(String::as_str).collect::<Vec<_>>().join(", ");
        let more = self.untyped.len().saturating_sub(3);
        let tail = if more > 0 { format!(" (and {more} more)") } else { String::new() };
        Some(format!("kept untyped (no generated or registered type): {shown}{tail}"))
    }
}

/// `ok`, followed by where content stayed untyped if any; or what failed.
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (true, Some(untyped)) = (self.is_ok(), self.untyped_summary()) {
            write!(f, "ok; {untyped}")
        } else if self.differences.len() > 3 {
            write!(f, "output differs:\n{}", infoset::report(&self.differences))
        } else {
            f.write_str(&self.summary())
        }
    }
}

/// Checks D against every generated root element type.
pub fn check(xml: &str) -> Report {
    check_as::<crate::WithHints<crate::Document>>(xml)
}

/// Checks D as a document of type `T`.
pub fn check_as<T: XmlElement>(xml: &str) -> Report {
    check_with(xml, |xml| {
        let (value, untyped) = crate::document::from_str_untyped::<T>(xml)?;
        Ok((crate::to_string(&value)?, untyped))
    })
}

/// Checks D with `rewrite`, which parses a document and writes what it read (with the paths of the
/// elements no type read).
pub(crate) fn check_with(
    xml: &str,
    rewrite: impl Fn(&str) -> Result<(String, Vec<String>), Error>,
) -> Report {
    let failed = |stage: Stage, message: String, output: Option<String>| Report {
        error: Some((stage, message)),
        differences: Vec::new(),
        output,
        idempotent: false,
        untyped: Vec::new(),
    };
    let (output, untyped) = match rewrite(xml) {
        Ok(output) => output,
        Err(e) => return failed(Stage::Parse, e.to_string(), None),
    };
    let differences = match (infoset::parse(xml), infoset::parse(&output)) {
        (Ok(a), Ok(b)) => infoset::compare(&a, &b),
        (Err(e), _) => return failed(Stage::Infoset, e.to_string(), Some(output)),
        (_, Err(e)) => return failed(Stage::Infoset, format!("in the output: {e}"), Some(output)),
    };
    let idempotent = match rewrite(&output) {
        Ok((again, _)) => again == output,
        Err(e) => return failed(Stage::Reparse, e.to_string(), Some(output)),
    };
    Report { error: None, differences, output: Some(output), idempotent, untyped }
}
