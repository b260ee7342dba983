//! Splits the input into markup and character data: the reader's only pass over the bytes of a
//! document (after the whole-input character check).
//!
//! A start tag's attributes are scanned in the same pass that finds the tag's end, into the
//! reader's attribute cache, so no byte of a tag is looked at twice on the common path. Tags with
//! unusual attribute syntax (`a = "1"`, more attributes than the limit, a stray character) are only
//! delimited here and left to the general attribute parser, which reports their errors exactly.
//!
//! Everything is a slice of the input: nothing is copied or allocated per token, and end tags are
//! checked against the open start tags' names by offset.

use memchr::memmem;

use super::attributes::{name_end, scan, RawAttr, Scan, CLASS, SPACE};
use super::names::pi_target;

/// A piece of the document. Positions are kept by the tokenizer (see [`Tokenizer::position`]).
#[derive(Debug)]
pub(super) enum Token<'a> {
    /// A start tag or an empty-element tag.
    Start(Tag<'a>),
    /// An end tag, already matched against the innermost open start tag.
    End,
    /// Character data as written: references not yet replaced, line ends not yet normalised.
    Text(&'a str),
    /// Character data of only spaces, tabs and line feeds (nothing to replace or normalise).
    Space(&'a str),
    /// The content of a CDATA section.
    CData(&'a str),
    /// The XML declaration (`<?xml …?>`): what follows `xml` in it.
    Decl(&'a str),
    /// A document type declaration, whose internal subset changes nothing (boxed: it is rare, and
    /// tokens are returned by value on the hot path).
    Doctype(Box<crate::doctype::Doctype>),
    /// A comment or a processing instruction.
    Skip,
    Eof,
}

/// A start tag: `content` runs from after `<` to before `>` or `/>`.
#[derive(Debug)]
pub(super) struct Tag<'a> {
    pub content: &'a str,
    pub name_len: usize,
    pub empty: bool,
    /// The attributes are in the caller's list; otherwise it must parse `content` itself.
    pub scanned: bool,
}

/// A well-formedness error at byte offset `at`.
#[derive(Debug)]
pub(super) struct SyntaxError {
    pub at: usize,
    pub message: String,
}

pub(super) struct Tokenizer<'a> {
    input: &'a str,
    pos: usize,
    /// Where the document proper starts (after a byte order mark): the only place for a declaration.
    first: usize,
    /// Spans of the names of the open start tags, innermost last.
    open: Vec<(usize, usize)>,
}

impl<'a> Tokenizer<'a> {
    pub fn new(input: &'a str) -> Self {
        let first = if input.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
        Tokenizer { input, pos: first, first, open: Vec::new() }
    }

    /// Byte offset of the next token.
    #[inline]
    pub fn position(&self) -> usize {
        self.pos
    }

    /// The next token. A start tag's attributes are scanned into `attrs` (cleared first), at most
    /// `limit + 1` of them.
    #[inline]
    pub fn next(&mut self, attrs: &mut Vec<RawAttr>, limit: usize) -> Result<Token<'a>, SyntaxError> {
        let bytes = self.input.as_bytes();
        let at = self.pos;
        match bytes.get(at) {
            None => Ok(Token::Eof),
            Some(b'<') => match bytes.get(at + 1) {
                Some(b'/') => self.end_tag(at),
                Some(b'!') => self.bang(at),
                Some(b'?') => self.processing_instruction(at),
                _ => self.start_tag(at, attrs, limit),
            },
            Some(_) => {
                // Indentation between tags is the most common text: a short run, not worth a search.
                let mut end = at;
                while let Some(b' ' | b'\n' | b'\t') = bytes.get(end) {
                    end += 1;
                }
                if end == bytes.len() || bytes[end] == b'<' {
                    self.pos = end;
                    return Ok(Token::Space(&self.input[at..end]));
                }
                let end = memchr::memchr(b'<', &bytes[end..]).map_or(bytes.len(), |i| end + i);
                self.pos = end;
                Ok(Token::Text(&self.input[at..end]))
            }
        }
    }

    fn start_tag(
        &mut self,
        at: usize,
        attrs: &mut Vec<RawAttr>,
        limit: usize,
    ) -> Result<Token<'a>, SyntaxError> {
        let bytes = self.input.as_bytes();
        let from = at + 1;
        let i = name_end(bytes, from);
        let name_len = i - from;
        match bytes.get(i) {
            _ if name_len == 0 => return Err(self.bad_name(at, from)),
            _ if matches!(bytes[from], b'0'..=b'9' | b'-' | b'.') => return Err(self.bad_name(at, from)),
            None => return Err(unclosed(at, "tag", ">")),
            Some(&b) if b == b'>' || b == b'/' || CLASS[b as usize] & SPACE != 0 => {}
            Some(_) => return Err(self.bad_name(at, i)),
        }
        attrs.clear();
        let (close, empty, scanned) = match scan(bytes, i, from, limit, attrs) {
            Scan::Done { close, empty } => (close, empty, true),
            Scan::Unseparated => {
                return Err(SyntaxError { at, message: "attributes must be separated by whitespace".into() })
            }
            Scan::General => {
                let close = self.tag_end(at, i)?;
                let empty = close > i && bytes[close - 1] == b'/';
                (close - usize::from(empty), empty, false)
            }
        };
        self.pos = close + if empty { 2 } else { 1 };
        if !empty {
            self.open.push((from, i));
        }
        Ok(Token::Start(Tag { content: &self.input[from..close], name_len, empty, scanned }))
    }

    /// The offset of the `>` that ends the tag at `at`, scanning quotes from `from`; `<` is refused
    /// anywhere in a tag.
    fn tag_end(&self, at: usize, from: usize) -> Result<usize, SyntaxError> {
        let bytes = self.input.as_bytes();
        let mut quote = None;
        for (i, &b) in bytes.iter().enumerate().skip(from) {
            match (b, quote) {
                (b'<', _) => {
                    let message = match quote {
                        Some(_) => "`<` is not allowed in an attribute value",
                        None => "`<` is not allowed inside a tag",
                    };
                    return Err(SyntaxError { at, message: message.into() });
                }
                (b'"' | b'\'', None) => quote = Some(b),
                (b, Some(q)) if b == q => quote = None,
                (b'>', None) => return Ok(i),
                _ => {}
            }
        }
        Err(unclosed(at, "tag", ">"))
    }

    fn end_tag(&mut self, at: usize) -> Result<Token<'a>, SyntaxError> {
        let bytes = self.input.as_bytes();
        let from = at + 2;
        let name_end = bytes[from..]
            .iter()
            .position(|&b| b == b'>' || CLASS[b as usize] & SPACE != 0)
            .map_or(bytes.len(), |i| from + i);
        let mut i = name_end;
        while i < bytes.len() && CLASS[bytes[i] as usize] & SPACE != 0 {
            i += 1;
        }
        match bytes.get(i) {
            Some(b'>') => {}
            None => return Err(unclosed(at, "end tag", ">")),
            Some(_) => {
                let message =
                    format!("unexpected {:?} in the end tag `</{}`", self.char_at(i), &self.input[from..i]);
                return Err(SyntaxError { at, message });
            }
        }
        let name = &self.input[from..name_end];
        match self.open.pop() {
            Some((start, end)) if &self.input[start..end] == name => {
                self.pos = i + 1;
                Ok(Token::End)
            }
            Some((start, end)) => {
                let open = &self.input[start..end];
                let message = format!("expected `</{open}>`, found `</{name}>`");
                Err(SyntaxError { at, message })
            }
            None => Err(SyntaxError { at, message: format!("`</{name}>` closes no open element") }),
        }
    }

    /// `<!--`, `<![CDATA[` or `<!DOCTYPE`.
    fn bang(&mut self, at: usize) -> Result<Token<'a>, SyntaxError> {
        let rest = &self.input.as_bytes()[at..];
        if rest.starts_with(b"<!--") {
            // The first `--` must be the one that ends the comment.
            let from = at + 4;
            let Some(i) = memmem::find(&rest[4..], b"--") else {
                return Err(unclosed(at, "comment", "-->"));
            };
            return match rest.get(4 + i + 2) {
                Some(b'>') => {
                    self.pos = from + i + 3;
                    Ok(Token::Skip)
                }
                Some(_) => {
                    Err(SyntaxError { at: from + i, message: "`--` is not allowed inside a comment".into() })
                }
                None => Err(unclosed(at, "comment", "-->")),
            };
        }
        if rest.starts_with(b"<![CDATA[") {
            let from = at + 9;
            let Some(i) = memmem::find(&rest[9..], b"]]>") else {
                return Err(unclosed(at, "CDATA section", "]]>"));
            };
            self.pos = from + i + 3;
            return Ok(Token::CData(&self.input[from..from + i]));
        }
        if rest.starts_with(b"<!DOCTYPE") {
            // Its name and identifiers, and an internal subset only when it changes nothing in the
            // document (parsed entities are where XML's expansion attacks live).
            return match crate::doctype::Doctype::parse(&self.input[at..]) {
                Ok((doctype, len)) => {
                    self.pos = at + len;
                    Ok(Token::Doctype(Box::new(doctype)))
                }
                Err((i, message)) => Err(SyntaxError { at: at + i, message }),
            };
        }
        // A document cut short inside the opening delimiter.
        if b"<![CDATA[".starts_with(rest) {
            return Err(unclosed(at, "CDATA section", "]]>"));
        }
        if b"<!--".starts_with(rest) {
            return Err(unclosed(at, "comment", "-->"));
        }
        Err(SyntaxError {
            at,
            message: "`<!` starts neither a comment, a CDATA section nor a DOCTYPE".into(),
        })
    }

    /// `<?target …?>`: the XML declaration when the target is `xml`, else skipped.
    fn processing_instruction(&mut self, at: usize) -> Result<Token<'a>, SyntaxError> {
        let bytes = self.input.as_bytes();
        let from = at + 2;
        let Some(i) = memmem::find(&bytes[from..], b"?>") else {
            return Err(unclosed(at, "processing instruction", "?>"));
        };
        let body = &self.input[from..from + i];
        let target = pi_target(body).map_err(|message| SyntaxError { at, message })?;
        self.pos = from + i + 2;
        match target {
            "xml" if at == self.first => Ok(Token::Decl(&body[3..])),
            "xml" => Err(SyntaxError { at, message: "the XML declaration must be at the very start".into() }),
            t if t.eq_ignore_ascii_case("xml") => Err(SyntaxError {
                at,
                message: format!("the processing instruction target {t:?} is reserved"),
            }),
            _ => Ok(Token::Skip),
        }
    }

    #[cold]
    fn bad_name(&self, at: usize, i: usize) -> SyntaxError {
        if i >= self.input.len() {
            return unclosed(at, "tag", ">");
        }
        let place = if i == at + 1 { "to start" } else { "in" };
        SyntaxError { at, message: format!("{:?} is not allowed {place} a tag's name", self.char_at(i)) }
    }

    fn char_at(&self, i: usize) -> char {
        self.input.get(i..).and_then(|s| s.chars().next()).unwrap_or('\u{fffd}')
    }
}

#[cold]
fn unclosed(at: usize, what: &str, end: &str) -> SyntaxError {
    SyntaxError { at, message: format!("{what} not closed: `{end}` not found before the end of the input") }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokens of `input` in a compact notation, or the first error as `at: message`.
    fn tokens(input: &str) -> Result<String, String> {
        let mut t = Tokenizer::new(input);
        let mut attrs = Vec::new();
        let mut out = Vec::new();
        loop {
            let token = t.next(&mut attrs, 8).map_err(|e| format!("{}: {}", e.at, e.message))?;
            out.push(match token {
                Token::Start(tag) => {
                    let (name, rest) = tag.content.split_at(tag.name_len);
                    let kind = if tag.empty { "empty" } else { "start" };
                    let attrs = if tag.scanned { attrs.len().to_string() } else { "?".into() };
                    format!("{kind} {name}{rest:?}@{attrs}")
                }
                Token::End => "end".into(),
                Token::Text(s) => format!("text {s:?}"),
                Token::Space(s) => format!("space {s:?}"),
                Token::CData(s) => format!("cdata {s:?}"),
                Token::Decl(_) => "decl".into(),
                Token::Doctype(d) => d.to_string(),
                Token::Skip => "skip".into(),
                Token::Eof => return Ok(out.join(", ")),
            });
        }
    }

    #[test]
    fn splits_every_construct() {
        let doc =
            "\u{feff}<?xml version=\"1.0\"?><!----><?pi x?><a b='x>y' c=\"2\">t&amp;<![CDATA[<c>]]><d/></a >";
        assert_eq!(
            tokens(doc).unwrap(),
            "decl, skip, skip, start a\" b='x>y' c=\\\"2\\\"\"@2, text \"t&amp;\", cdata \"<c>\", \
             empty d\"\"@0, end"
        );
        assert_eq!(
            tokens("<a>\n  <b/>\n\t x\r\n</a>").unwrap(),
            "start a\"\"@0, space \"\\n  \", empty b\"\"@0, text \"\\n\\t x\\r\\n\", end"
        );
        // Whitespace around `=` is XML, but left to the general parser.
        assert_eq!(tokens("<a b = '1'/>").unwrap(), "empty a\" b = '1'\"@?");
        // A `[` inside an identifier opens no internal subset; a `>` there is refused (a URI has
        // no place for it, and bracket-counting parsers would misread the output).
        assert_eq!(
            tokens("<!DOCTYPE a SYSTEM 'x['><a/>").unwrap(),
            "<!DOCTYPE a SYSTEM \"x[\">, empty a\"\"@0"
        );
        assert_eq!(
            tokens("<!DOCTYPE a SYSTEM 'x>'><a/>").unwrap_err(),
            "21: `>` in a DOCTYPE's system identifier is not supported"
        );
        assert_eq!(tokens("<a\n\tb='1'\n/>").unwrap(), "empty a\"\\n\\tb='1'\\n\"@1");
        // Past the attribute limit the scan stops; the reader reports the limit.
        let many: String = (0..20).map(|i| format!(" a{i}='v'")).collect();
        assert_eq!(tokens(&format!("<e{many}/>")).unwrap(), format!("empty e{many:?}@?"));
    }

    #[test]
    fn refuses_what_is_not_well_formed() {
        let cases = [
            ("<a></b>", "3: expected `</a>`, found `</b>`"),
            ("<a/></a>", "4: `</a>` closes no open element"),
            ("<a></a b>", "3: unexpected 'b' in the end tag `</a `"),
            ("<a></a", "3: end tag not closed: `>` not found before the end of the input"),
            ("<1a/>", "0: '1' is not allowed to start a tag's name"),
            ("< a/>", "0: ' ' is not allowed to start a tag's name"),
            ("<a\"b/>", "0: '\"' is not allowed in a tag's name"),
            ("<a b=\"<\"/>", "0: `<` is not allowed in an attribute value"),
            ("<a b=\"1\"<c/>", "0: `<` is not allowed inside a tag"),
            ("<a b=\"1\"c=\"2\"/>", "0: attributes must be separated by whitespace"),
            ("<a b=\"1", "0: tag not closed: `>` not found before the end of the input"),
            ("<a", "0: tag not closed: `>` not found before the end of the input"),
            ("<!-- a -- b -->", "7: `--` is not allowed inside a comment"),
            ("<!--->", "0: comment not closed: `-->` not found before the end of the input"),
            ("<!-- x", "0: comment not closed: `-->` not found before the end of the input"),
            ("<!-", "0: comment not closed: `-->` not found before the end of the input"),
            ("<![CDATA[x", "0: CDATA section not closed: `]]>` not found before the end of the input"),
            ("<![CDA", "0: CDATA section not closed: `]]>` not found before the end of the input"),
            ("<!DOCTYPE a [<!ENTITY b 'c'>]>", "24: an entity with replacement text in a DOCTYPE is not supported: an internal subset may declare only notations and unparsed entities (other declarations would change the document, and are never read; entities are never expanded)"),
            ("<!ELEMENT a>", "0: `<!` starts neither a comment, a CDATA section nor a DOCTYPE"),
            ("<a/><?xml version='1.0'?>", "4: the XML declaration must be at the very start"),
            ("<?XML x?><a/>", "0: the processing instruction target \"XML\" is reserved"),
            ("<? x?><a/>", "0: a processing instruction needs a target name"),
            ("<?p:i x?><a/>", "0: processing instruction target: \"p:i\" is not a name without a colon, as Namespaces in XML requires here"),
            ("<?a)b?><a/>", "0: processing instruction target: \"a)b\" is not a name: ')' is not allowed in a name"),
            ("<?pi", "0: processing instruction not closed: `?>` not found before the end of the input"),
        ];
        for (input, expected) in cases {
            assert_eq!(tokens(input).unwrap_err(), expected, "{input}");
        }
    }
}
