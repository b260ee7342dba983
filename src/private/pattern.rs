//! The `pattern` facet: generated code holds one [`Pattern`] per restriction step with patterns,
//! the generator's translation of them into the `regex` crate's syntax (anchored at both ends, the
//! step's patterns as alternatives), compiled the first time a text is checked.

#[cfg(feature = "patterns")]
use std::sync::OnceLock;

#[cfg(feature = "patterns")]
use regex_automata::{meta, nfa::thompson::WhichCaptures};

use super::WhiteSpace;
use crate::xs::{collapse_whitespace, replace_whitespace};

/// The size the generator allowed when it compiled the expression; the same here, so that what it
/// compiled compiles.
#[cfg(feature = "patterns")]
const SIZE_LIMIT: usize = 100 << 20;

/// One restriction step's patterns.
pub struct Pattern {
    #[cfg_attr(not(feature = "patterns"), allow(dead_code))]
    regex: &'static str,
    white_space: WhiteSpace,
    #[cfg(feature = "patterns")]
    compiled: OnceLock<Option<meta::Regex>>,
}

impl Pattern {
    /// `regex` (an expression the generator compiled) for a type whose white space is
    /// `white_space`.
    pub const fn new(regex: &'static str, white_space: WhiteSpace) -> Self {
        Pattern {
            regex,
            white_space,
            #[cfg(feature = "patterns")]
            compiled: OnceLock::new(),
        }
    }

    /// Whether `text`, as a document has it, matches once the type's white space is normalized.
    /// Always true without the `patterns` feature, and for an expression this build of the
    /// regex engine does not compile (which the generator's did): a pattern that cannot be
    /// checked refuses nothing.
    pub fn matches(&self, text: &str) -> bool {
        let text = match self.white_space {
            WhiteSpace::Preserve => std::borrow::Cow::Borrowed(text),
            WhiteSpace::Replace => replace_whitespace(text),
            WhiteSpace::Collapse => collapse_whitespace(text),
        };
        self.is_match(&text)
    }

    #[cfg(feature = "patterns")]
    fn is_match(&self, text: &str) -> bool {
        let compiled = self.compiled.get_or_init(|| {
            // As the `regex` crate's `RegexBuilder` with this size limit would build it, but
            // with no capture groups (only whether it matches is asked), and in fuzzing builds
            // without the lazy DFA: it keeps its states in a std `HashMap`, whose keys are
            // random per process, so the code a search covered varied from run to run on the
            // same input, and fuzzing needs coverage that depends on the input alone (as
            // `crate::hash` does for the reader's own maps). The other engines give the same
            // answers.
            let config = meta::Config::new()
                .nfa_size_limit(Some(SIZE_LIMIT))
                .which_captures(WhichCaptures::Implicit)
                .hybrid(!cfg!(fuzzing));
            meta::Regex::builder().configure(config).build(self.regex).ok()
        });
        compiled.as_ref().map_or(true, |regex| regex.is_match(text))
    }

    #[cfg(not(feature = "patterns"))]
    fn is_match(&self, _: &str) -> bool {
        true
    }
}

#[cfg(all(test, feature = "patterns"))]
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
