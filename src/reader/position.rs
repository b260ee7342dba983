//! Where an error is: line and column, and the path of the open elements, recomputed from the input
//! only when an error is reported (the reader itself keeps byte offsets only).

use super::attributes::name_end;
use super::tokenizer::{Token, Tokenizer};

/// 1-based line and column (in characters) of byte offset `pos` of UTF-8 `input` (an offset inside
/// a character is that character's). Lines end as XML's do, at a line feed, a carriage return or
/// both together (XML 1.0 §2.11), and a byte-order mark is no column, as editors count them.
pub(crate) fn line_column(input: &[u8], pos: usize) -> (usize, usize) {
    let mut end = pos.min(input.len());
    while end > 0 && end < input.len() && input[end] & 0xC0 == 0x80 {
        end -= 1;
    }
    let before = &input[..end];
    let before = before.strip_prefix("\u{feff}".as_bytes()).unwrap_or(before);
    let (mut line, mut line_start) = (1, 0);
    for (i, &b) in before.iter().enumerate() {
        match b {
            b'\n' if i > 0 && before[i - 1] == b'\r' => line_start = i + 1,
            b'\n' | b'\r' => (line, line_start) = (line + 1, i + 1),
            _ => {}
        }
    }
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line, column)
}

/// The path of the element open at byte offset `pos`, e.g. `/categories/category[2]/state`, found by
/// tokenizing the input again (only done when an error is reported). An error inside a start tag is
/// in the element that tag opens.
pub(crate) fn element_path(input: &str, pos: usize) -> String {
    let mut tokens = Tokenizer::new(input);
    let mut scratch = Vec::new();
    let mut path = PathBuilder::default();
    loop {
        let before = tokens.position();
        if before > pos {
            break;
        }
        match tokens.next(&mut scratch, usize::MAX) {
            Ok(Token::Start(tag)) => {
                path.enter(&tag.content[..tag.name_len]);
                if tag.empty && tokens.position() <= pos {
                    path.leave();
                }
            }
            Ok(Token::End) if before < pos => path.leave(),
            Ok(Token::End | Token::Eof) => break,
            Err(_) => {
                let name = match input[before..].starts_with('<') {
                    true => &input[before + 1..name_end(input.as_bytes(), before + 1)],
                    false => "",
                };
                // Unless the input ends inside the name (which is then incomplete).
                if !name.is_empty() && before + 1 + name.len() < input.len() {
                    path.enter(name);
                }
                break;
            }
            Ok(_) => {}
        }
        if tokens.position() == before {
            break;
        }
    }
    path.finish()
}

/// The paths of the elements whose start tags are at byte offsets `starts` (in increasing order),
/// in one pass over the input.
pub(crate) fn element_paths(input: &str, starts: &[usize]) -> Vec<String> {
    let mut tokens = Tokenizer::new(input);
    let mut scratch = Vec::new();
    let mut path = PathBuilder::default();
    let mut paths = Vec::with_capacity(starts.len());
    let mut wanted = starts.iter().copied().peekable();
    loop {
        let before = tokens.position();
        // Offsets already passed (not a start tag's: never recorded by the reader) are skipped.
        while wanted.peek().is_some_and(|&p| p < before) {
            wanted.next();
        }
        let Some(&next) = wanted.peek() else { break };
        match tokens.next(&mut scratch, usize::MAX) {
            Ok(Token::Start(tag)) => {
                path.enter(&tag.content[..tag.name_len]);
                if before == next {
                    paths.push(path.to_string());
                    wanted.next();
                }
                if tag.empty {
                    path.leave();
                }
            }
            Ok(Token::End) => path.leave(),
            Ok(Token::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    paths
}

/// The open elements of [`element_path`], each with its index among same-named siblings.
struct PathBuilder<'a> {
    open: Vec<(&'a str, usize)>,
    /// For each level (the document first), the names of the children seen so far and their counts.
    children: Vec<Vec<(&'a str, usize)>>,
}

impl Default for PathBuilder<'_> {
    fn default() -> Self {
        PathBuilder { open: Vec::new(), children: vec![Vec::new()] }
    }
}

impl<'a> PathBuilder<'a> {
    fn enter(&mut self, name: &'a str) {
        let index = match self.children.last_mut() {
            Some(siblings) => match siblings.iter_mut().find(|(n, _)| *n == name) {
                Some((_, count)) => {
                    *count += 1;
                    *count
                }
                None => {
                    siblings.push((name, 1));
                    1
                }
            },
            None => 1,
        };
        self.open.push((name, index));
        self.children.push(Vec::new());
    }

    fn leave(&mut self) {
        self.open.pop();
        self.children.pop();
    }

    fn finish(self) -> String {
        self.to_string()
    }
}

impl std::fmt::Display for PathBuilder<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.open.is_empty() {
            return f.write_str("/");
        }
        for (name, index) in &self.open {
            write!(f, "/{name}")?;
            if *index > 1 {
                write!(f, "[{index}]")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_counts_same_named_siblings() {
        let xml = "<a><b/><c><d/></c><c><d/><d>x</d></c></a>";
        let pos = xml.rfind("<d>x").unwrap();
        assert_eq!(element_path(xml, pos), "/a/c[2]/d[2]");
        assert_eq!(element_path(xml, 0), "/a");
    }

    #[test]
    fn paths_of_several_elements_in_one_pass() {
        let xml = "<a><b/><c><d/></c><c><d/><d>x</d></c></a>";
        let starts = [xml.find("<b").unwrap(), xml.rfind("<d/>").unwrap(), xml.rfind("<d>x").unwrap()];
        assert_eq!(element_paths(xml, &starts), ["/a/b", "/a/c[2]/d", "/a/c[2]/d[2]"]);
    }

    #[test]
    fn line_and_column_count_characters() {
        assert_eq!(line_column("ab\ncé<".as_bytes(), 6), (2, 3));
        assert_eq!(line_column(b"x", 0), (1, 1));
        assert_eq!(line_column(b"ab", 100), (1, 3));
        // Inside `é`: at `é`.
        assert_eq!(line_column("é".as_bytes(), 1), (1, 1));
    }

    #[test]
    fn lines_end_as_xml_s_do_and_a_byte_order_mark_is_no_column() {
        assert_eq!(line_column(b"ab\r\ncd\ref", 8), (3, 2));
        assert_eq!(line_column(b"a\r\rb", 3), (3, 1));
        assert_eq!(line_column(b"a\n\rb", 3), (3, 1));
        let bom = "\u{feff}<a>x";
        assert_eq!(line_column(bom.as_bytes(), bom.find('x').unwrap()), (1, 4));
        assert_eq!(line_column(bom.as_bytes(), 0), (1, 1));
    }
}
