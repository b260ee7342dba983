//! Hints that make an error say what to do, found by reading the input again on the error path
//! (like the element path: nothing is tracked while reading).

use super::tokenizer::{Token, Tokenizer};

/// The namespace of the Enhanced Presence schema-extension elements (`ct:delimiter`, `ct:end`,
/// `ct:extension`).
pub(crate) const COMMONTYPES: &str = "http://schemas.microsoft.com/2006/09/sip/commontypes";

/// The hint for an element in another namespace refused where its parent's content ends, if the
/// parent has a `ct:delimiter` before it: after a delimiter only elements of the parent's own
/// namespace may follow (a later version of its schema), and extension content in other namespaces
/// belongs in `ct:extension`.
pub(crate) const AFTER_DELIMITER: &str =
    " (after ct:delimiter only elements of the same namespace follow; extension content in other \
     namespaces belongs in ct:extension)";

/// The qualified names (as written) of the children of the element whose start tag is at byte
/// `parent` of `input`, up to byte `before`, with the text of their start tags.
pub(crate) fn children_before(input: &str, parent: usize, before: usize) -> Vec<(&str, &str)> {
    let mut tokens = Tokenizer::new(&input[parent..]);
    let mut scratch = Vec::new();
    let mut depth = 0usize;
    let mut children = Vec::new();
    while parent + tokens.position() < before {
        match tokens.next(&mut scratch, usize::MAX) {
            Ok(Token::Start(tag)) => {
                if depth == 1 {
                    children.push((&tag.content[..tag.name_len], tag.content));
                }
                if !tag.empty {
                    depth += 1;
                }
            }
            Ok(Token::End) => depth = depth.saturating_sub(1),
            Ok(Token::Eof) | Err(_) => break,
            Ok(_) => {}
        }
        if depth == 0 {
            break;
        }
    }
    children
}
