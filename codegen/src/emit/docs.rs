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
        for line in markdown_text(paragraph).lines() {
            lines.extend(
                wrap(line.trim_matches(char::is_whitespace), WIDTH).into_iter().map(|l| format!(" {l}")),
            );
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

/// Schema documentation as Markdown that shows it as written, with nothing for rustdoc to warn
/// about: outside code spans, `<`, `[` and `]` are escaped (they would open HTML tags and intra-doc
/// links), a bare URL becomes an autolink, and a line that would open a code block (which rustdoc
/// compiles as a doctest) or a quote has its first characters escaped. Code spans stay as written: the
/// schemas of this crate put markup and URLs in them.
fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    let mut line_start = true;
    while let Some(c) = text[at..].chars().next() {
        let rest = &text[at..];
        if line_start {
            let content = rest.trim_start_matches([' ', '\t']);
            out.push_str(&rest[..rest.len() - content.len()]);
            at += rest.len() - content.len();
            // A fence's every character is escaped: `\``` would still leave a run of two.
            let fence = fence_len(content);
            for c in content[..fence].chars() {
                out.push('\\');
                out.push(c);
            }
            at += fence;
            if content.starts_with('>') {
                out.push('\\');
            }
            line_start = false;
            continue;
        }
        // The autolink or bare URL starting here, if any (0 if none).
        let autolink = if c == '<' { autolink_len(rest) } else { 0 };
        let url = match c == 'h' && !out.ends_with(|p: char| p.is_alphanumeric()) {
            true => bare_url_len(rest),
            false => 0,
        };
        let taken = match c {
            '`' => {
                let run = rest.bytes().take_while(|&b| b == b'`').count();
                let span = closing_run(&rest[run..], run).map_or(run, |end| run + end + run);
                out.push_str(&rest[..span]);
                span
            }
            '<' if autolink > 0 => {
                out.push_str(&rest[..autolink]);
                autolink
            }
            '<' | '[' | ']' => {
                out.push('\\');
                out.push(c);
                1
            }
            'h' if url > 0 => {
                out.push('<');
                out.push_str(&rest[..url]);
                out.push('>');
                url
            }
            _ => {
                line_start = c == '\n';
                out.push(c);
                c.len_utf8()
            }
        };
        at += taken;
    }
    out
}

/// Where in `text` a run of exactly `n` backticks starts (the end of a code span opened by such a
/// run), if anywhere. A fence at the start of a later line closes nothing: Markdown reads lines
/// into blocks before it reads code spans, so it would open a code block there.
fn closing_run(text: &str, n: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
        let starts_line =
            || text[..i].rfind('\n').is_some_and(|nl| text[nl + 1..i].chars().all(char::is_whitespace));
        match run {
            0 => i += 1,
            _ if run == n && !(run >= 3 && starts_line()) => return Some(i),
            _ => i += run,
        }
    }
    None
}

/// The length of the code fence (three or more backticks or tildes) `line` starts with, or 0.
fn fence_len(line: &str) -> usize {
    let Some(c @ ('`' | '~')) = line.chars().next() else { return 0 };
    let run = line.chars().take_while(|&x| x == c).count();
    if run >= 3 {
        run
    } else {
        0
    }
}

/// The length of the autolink (`<https://…>`) `text` starts with (0 if none).
fn autolink_len(text: &str) -> usize {
    let Some(inner) = text.strip_prefix('<') else { return 0 };
    match inner.find(|c: char| c == '>' || c == '<' || c.is_whitespace()) {
        Some(end) if end > 0 && inner[end..].starts_with('>') && bare_url_len(inner) == end => end + 2,
        _ => 0,
    }
}

/// The length of the `http://` or `https://` URL `text` starts with (0 if none): up to white space
/// or a character that cannot be in it here, without trailing punctuation (and without closing
/// parentheses the URL did not open).
fn bare_url_len(text: &str) -> usize {
    if !(text.starts_with("http://") || text.starts_with("https://")) {
        return 0;
    }
    let end = text.find(|c: char| c.is_whitespace() || "<>\"`[]".contains(c)).unwrap_or(text.len());
    let mut url = &text[..end];
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'']);
        let unbalanced = trimmed.matches(')').count() > trimmed.matches('(').count();
        let trimmed = match trimmed.strip_suffix(')') {
            Some(t) if unbalanced => t,
            _ => trimmed,
        };
        if trimmed.len() == url.len() {
            break;
        }
        url = trimmed;
    }
    match url.split_once("://") {
        Some((_, host)) if !host.is_empty() => url.len(),
        _ => 0,
    }
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
    use super::{markdown_text, wrap};

    #[test]
    fn schema_text_is_escaped_for_markdown_outside_code_spans() {
        assert_eq!(markdown_text("see <b>bold</b> and [1]"), "see \\<b>bold\\</b> and \\[1\\]");
        // Code spans are kept, of any length, and an unclosed run is text.
        assert_eq!(markdown_text("`<a>` ``x`<b>`` ` [c]"), "`<a>` ``x`<b>`` ` \\[c\\]");
        // Bare URLs become autolinks, without the punctuation after them; autolinks stay.
        assert_eq!(
            markdown_text("at http://example.com/a.txt, (see https://x.org/p_(q)) or <https://y.org>."),
            "at <http://example.com/a.txt>, (see <https://x.org/p_(q)>) or <https://y.org>."
        );
        assert_eq!(markdown_text("https:// alone, xhttp://a.b"), "https:// alone, xhttp://a.b");
        // Lines that would open a code block or a quote, but not in the middle of a line.
        assert_eq!(markdown_text("a\n  ```\n> q\n~~~ and > b"), "a\n  \\`\\`\\`\n\\> q\n\\~\\~\\~ and > b");
        // A fence at the start of a line closes no code span: it is escaped, and so is what follows.
        assert_eq!(markdown_text("x ```\n```\n<a>"), "x ```\n\\`\\`\\`\n\\<a>");
        assert_eq!(markdown_text("`a\nb` ``c\n ``"), "`a\nb` ``c\n ``");
        assert_eq!(markdown_text("é `ü` ß"), "é `ü` ß");
    }

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
