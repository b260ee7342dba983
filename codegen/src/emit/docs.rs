//! Rustdoc from schema documentation: paragraphs as the schema gives them, each line wrapped at the
//! width hand-written code keeps, then a line of XML facts.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// Characters of text on a documentation line: with `/// ` and the indentation of a field in an
/// inline module, a line stays within the 110 columns of this repository's own code.
const WIDTH: usize = 96;

/// Rustdoc attributes from documentation paragraphs plus a line of XML facts.
pub(crate) fn doc_attrs(doc: &[String], facts: Option<String>) -> TokenStream {
    let mut lines: Vec<String> = Vec::new();
    for (i, paragraph) in doc.iter().enumerate() {
        if i > 0 {
            lines.push(String::new());
        }
        for line in paragraph.lines() {
            lines.extend(wrap(line.trim(), WIDTH).into_iter().map(|l| format!(" {l}")));
        }
    }
    if let Some(facts) = facts {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(wrap(&facts, WIDTH).into_iter().map(|l| format!(" {l}")));
    }
    let lines = lines.iter().map(|l| doc_literal(l));
    quote! { #(#[doc = #lines])* }
}

/// Rustdoc attributes for one sentence of the generator's own.
pub(crate) fn doc_text(text: &str) -> TokenStream {
    doc_attrs(&[], Some(text.to_owned()))
}

/// `line` broken at single spaces into lines of at most `width` characters; a longer word (a URL)
/// runs over. No line but the first starts with what Markdown would read as the start of a block
/// (a list item, heading, quote, table row, code fence, HTML or a thematic break): a break that would
/// do so is made at an earlier space, or not at all.
pub(crate) fn wrap(line: &str, width: usize) -> Vec<String> {
    // Byte offsets of the spaces a line may break at: single spaces, so runs of them (inside
    // code spans) are kept as written.
    let bytes = line.as_bytes();
    let breaks: Vec<usize> = (1..bytes.len().saturating_sub(1))
        .filter(|&i| bytes[i] == b' ' && bytes[i - 1] != b' ' && bytes[i + 1] != b' ')
        .filter(|&i| !starts_block(&line[i + 1..]))
        .collect();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut candidates = breaks.into_iter().peekable();
    while line[start..].chars().count() > width {
        // The last break that keeps this line within the width, else the first one after it.
        let mut chosen = None;
        while let Some(&b) = candidates.peek() {
            if chosen.is_some() && line[start..b].chars().count() > width {
                break;
            }
            chosen = Some(b);
            candidates.next();
            if line[start..b].chars().count() > width {
                break;
            }
        }
        let Some(b) = chosen else { break };
        lines.push(line[start..b].to_owned());
        start = b + 1;
    }
    lines.push(line[start..].to_owned());
    lines
}

/// Whether a line starting with `text` would start a Markdown block instead of continuing a
/// paragraph.
fn starts_block(text: &str) -> bool {
    let first = text.chars().next().unwrap_or(' ');
    if matches!(first, '-' | '+' | '*' | '#' | '>' | '|' | '<' | '=' | '`' | '~' | '_') {
        return true;
    }
    // An ordered list item: up to nine digits, then `.` or `)`, then a space or nothing.
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    (1..=9).contains(&digits)
        && matches!(text.as_bytes().get(digits), Some(b'.' | b')'))
        && matches!(text.as_bytes().get(digits + 1), None | Some(b' '))
}

/// A documentation line as a raw string literal (`r"…"`, `r#"…"#` if it holds a quote). The printer
/// writes a doc attribute's value as a `///` line, so the spelling of the literal does not show; but a
/// raw literal is copied where an ordinary one is escaped and unescaped character by character, by
/// `Literal::string` and each time the formatter reads it.
fn doc_literal(text: &str) -> Literal {
    let mut hashes = String::new();
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    // A bare carriage return cannot be in a raw literal (and never is in a doc line).
    let raw = (!text.contains('\r')).then(|| format!("r{hashes}\"{text}\"{hashes}").parse().ok()).flatten();
    raw.unwrap_or_else(|| Literal::string(text))
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn lines_break_at_spaces_within_the_width() {
        assert_eq!(wrap("one two three four", 9), ["one two", "three", "four"]);
        assert_eq!(wrap("short", 9), ["short"]);
        assert_eq!(wrap("", 9), [""]);
        // A word longer than the width runs over; runs of spaces are never broken.
        assert_eq!(
            wrap("see https://example.com/a/long/path here", 12),
            ["see", "https://example.com/a/long/path", "here"]
        );
        assert_eq!(wrap("`a   b` and c", 5), ["`a   b`", "and c"]);
        // Widths count characters, not bytes.
        assert_eq!(wrap("ééé ééé ééé", 7), ["ééé ééé", "ééé"]);
    }

    #[test]
    fn no_line_starts_a_markdown_block() {
        for word in
            ["- x", "+ x", "* x", "# x", "> x", "| x", "<p>", "= x", "```", "~~~", "___", "12. x", "3) x"]
        {
            let line = format!("aaaa bbbb {word} cccc");
            let wrapped = wrap(&line, 9);
            assert!(wrapped[1..].iter().all(|l| !super::starts_block(l)), "{line:?}: {wrapped:?}");
            assert_eq!(wrapped.join(" "), line);
        }
        // Numbers start a list item only with a `.` or `)` and a space after them.
        assert!(!super::starts_block("2024 edition") && !super::starts_block("1.5 times"));
        assert!(super::starts_block("2024. Then") && super::starts_block("7)"));
    }
}
