//! Diagnostics a schema author can act on: file, line, column and what is wrong.

use std::fmt;

use crate::model::Location;

/// One problem found in the schemas, with where it is, so that a schema author can go and fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, line and column of the definition at fault. Line 0 when the position is not known:
    /// a file that cannot be read names only the file, a bad [`Config`](crate::Config) setting nothing.
    pub location: Location,
    /// What is wrong, in a sentence naming the construct.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic at `location`.
    pub fn new(location: Location, message: impl Into<String>) -> Self {
        Diagnostic { location, message: message.into() }
    }
}

/// What a schema file holds, quoted in a message: at most 40 characters (then `…`), with line
/// breaks and other control characters escaped, so that a diagnostic stays one line however
/// broken the file is.
pub(crate) fn excerpt(text: &str) -> String {
    const MAX: usize = 40;
    let mut short: String = text.chars().take(MAX).collect::<String>().escape_debug().collect();
    if text.chars().nth(MAX).is_some() {
        short.push('…');
    }
    short
}

/// `text` on one line: its control characters (a line end a schema location held) escaped, the
/// rest as it is (a path's backslashes too).
pub(crate) fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { c.escape_debug().to_string() } else { c.to_string() }).collect()
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.file.as_os_str().is_empty() {
            // About the configuration, not a schema file.
            f.write_str(&self.message)
        } else if self.location.line == 0 {
            write!(f, "{}: {}", self.location.file.display(), self.message)
        } else {
            write!(f, "{}: {}", self.location, self.message)
        }
    }
}

/// Why generation failed: every diagnostic found, or an I/O problem writing the output. More
/// variants may be added, so a `match` needs a catch-all arm.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The schemas cannot be generated from: every problem found (not only the first), in file order.
    Schema(Vec<Diagnostic>),
    /// Writing the generated files failed.
    Io(std::io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Schema(diagnostics) => {
                for (i, d) in diagnostics.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{d}")?;
                }
                Ok(())
            }
            Error::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io(e) => Some(e),
            Error::Schema(_) => None,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error::Schema(vec![d])
    }
}
