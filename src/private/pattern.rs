//! The `pattern` facet: generated code holds one [`Pattern`] per restriction step with patterns,
//! the generator's translation of them into the `regex` crate's syntax (anchored at both ends, the
//! step's patterns as alternatives), compiled the first time a text is checked.

#[cfg(all(feature = "patterns", not(fuzzing)))]
use std::sync::OnceLock;

use super::WhiteSpace;
use crate::xs::{collapse_whitespace, replace_whitespace};

/// The size the generator allowed when it compiled the expression; the same here, so that what it
/// compiled compiles.
#[cfg(all(feature = "patterns", not(fuzzing)))]
const SIZE_LIMIT: usize = 100 << 20;

/// One restriction step's patterns.
pub struct Pattern {
    #[cfg_attr(any(not(feature = "patterns"), fuzzing), allow(dead_code))]
    regex: &'static str,
    white_space: WhiteSpace,
    #[cfg(all(feature = "patterns", not(fuzzing)))]
    compiled: OnceLock<Option<regex::Regex>>,
}

impl Pattern {
    /// `regex` (an expression the generator compiled) for a type whose white space is
    /// `white_space`.
    pub const fn new(regex: &'static str, white_space: WhiteSpace) -> Self {
        Pattern {
            regex,
            white_space,
            #[cfg(all(feature = "patterns", not(fuzzing)))]
            compiled: OnceLock::new(),
        }
    }

    /// Whether `text`, as a document has it, matches once the type's white space is normalized.
    /// Always true without the `patterns` feature, and for an expression this build of the
    /// `regex` crate does not compile (which the generator's did): a pattern that cannot be
    /// checked refuses nothing.
    pub fn matches(&self, text: &str) -> bool {
        let text = match self.white_space {
            WhiteSpace::Preserve => std::borrow::Cow::Borrowed(text),
            WhiteSpace::Replace => replace_whitespace(text),
            WhiteSpace::Collapse => collapse_whitespace(text),
        };
        self.is_match(&text)
    }

    // Not in fuzzing builds: with the `regex` crate matching, the fuzz targets covered different
    // code on the same inputs from run to run (by one to five edges, on inputs that reach a
    // pattern; the cause inside the crate is not found yet), and the fuzz smoke requires coverage
    // that depends on the input alone. Patterns are tested by the generator-features tests and
    // the W3C suite instead.
    #[cfg(all(feature = "patterns", not(fuzzing)))]
    fn is_match(&self, text: &str) -> bool {
        let compiled = self
            .compiled
            .get_or_init(|| regex::RegexBuilder::new(self.regex).size_limit(SIZE_LIMIT).build().ok());
        compiled.as_ref().map_or(true, |regex| regex.is_match(text))
    }

    #[cfg(any(not(feature = "patterns"), fuzzing))]
    fn is_match(&self, _: &str) -> bool {
        true
    }
}

#[cfg(all(test, feature = "patterns", not(fuzzing)))]
mod tests {
    use super::*;

    #[test]
    fn the_text_matches_after_the_white_space_of_its_type() {
        let preserved = Pattern::new(r"\A(?:(?:[a-z]+))\z", WhiteSpace::Preserve);
        assert!(preserved.matches("abc") && !preserved.matches(" abc"));
        let collapsed = Pattern::new(r"\A(?:(?:[a-z]+ [a-z]+))\z", WhiteSpace::Collapse);
        assert!(collapsed.matches("\n ab \t cd "));
        let replaced = Pattern::new(r"\A(?:(?: x))\z", WhiteSpace::Replace);
        assert!(replaced.matches("\tx"));
    }

    #[test]
    fn an_expression_that_does_not_compile_refuses_nothing() {
        assert!(Pattern::new("(", WhiteSpace::Preserve).matches("anything"));
    }
}
