//! The document type declaration: `<!DOCTYPE score-partwise PUBLIC "…" "…">`.
//!
//! MusicXML and other formats start their documents with one. Its name and external identifiers are
//! accepted, kept and written back: nothing is ever loaded from them. An internal subset (`[ … ]`)
//! is accepted only when it changes nothing in the document (comments, processing instructions,
//! notations and unparsed entities, which name files such as illustrations for attributes of type
//! `ENTITY`), and then kept as written. Other declarations would change it (default attributes,
//! entities with replacement text, and with them XML's expansion attacks), and they are never read.

use std::fmt;

use crate::reader::names::{check_name, check_ncname, pi_target};

/// A DOCTYPE, kept by [`crate::WithHints`] and written before the root.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Doctype {
    /// The root element's name as the declaration gives it (`score-partwise`).
    pub name: String,
    /// The `PUBLIC` identifier (`-//Recordare//DTD MusicXML 4.0 Partwise//EN`), if any.
    pub public_id: Option<String>,
    /// The `SYSTEM` identifier, a URI (`http://www.musicxml.org/dtds/partwise.dtd`), if any. A
    /// `PUBLIC` declaration always has one. The reader refuses one holding `<` or `>`; one holding
    /// both kinds of quote cannot be written.
    pub system_id: Option<String>,
    /// The internal subset between `[` and `]`, as written, when there is one: white space,
    /// comments, processing instructions, notation declarations and unparsed entities
    /// (`<!ENTITY pic SYSTEM "pic.jpg" NDATA jpeg>`) only. The reader refuses other declarations,
    /// and an unpaired `<` or `>` inside a comment, processing instruction or identifier there,
    /// which parsers that find the DOCTYPE's end by counting angle brackets would misread.
    pub internal_subset: Option<String>,
}

impl Doctype {
    /// Parses `<!DOCTYPE …>` at the start of `text`: the declaration and the length it takes, or
    /// the offset in `text` and text of an error.
    pub(crate) fn parse(text: &str) -> Result<(Doctype, usize), (usize, String)> {
        let mut p = Parser { text, at: "<!DOCTYPE".len() };
        p.space(true)?;
        let name = p.name()?;
        let mut doctype = Doctype { name, ..Doctype::default() };
        let spaced = p.space(false)?;
        if spaced && (p.text[p.at..].starts_with("SYSTEM") || p.text[p.at..].starts_with("PUBLIC")) {
            let (public_id, system_id) = p.external_id(false)?;
            (doctype.public_id, doctype.system_id) = (public_id, system_id);
            p.space(false)?;
        }
        if p.text.as_bytes().get(p.at) == Some(&b'[') {
            let from = p.at + 1;
            let len = internal_subset(&p.text[from..]).map_err(|(i, message)| (from + i, message))?;
            doctype.internal_subset = Some(p.text[from..from + len].to_owned());
            p.at = from + len + 1;
            p.space(false)?;
        }
        match p.text.as_bytes().get(p.at) {
            Some(b'>') => Ok((doctype, p.at + 1)),
            Some(_) => Err((p.at, "expected `>`, `[`, SYSTEM or PUBLIC in the DOCTYPE".into())),
            None => Err((p.at, "DOCTYPE not closed: expected `>`".into())),
        }
    }
}

/// The length of an internal subset that changes nothing in the document, up to its closing `]`
/// (which `text`, starting after the `[`, must hold), or the offset in `text` and text of an error.
fn internal_subset(text: &str) -> Result<usize, (usize, String)> {
    let mut at = 0;
    loop {
        let rest = &text[at..];
        let (delimiter, end, what) = if rest.starts_with(']') {
            return Ok(at);
        } else if rest.starts_with([' ', '\t', '\r', '\n']) {
            at += 1;
            continue;
        } else if rest.starts_with("<!--") {
            ("<!--", "-->", "comment")
        } else if rest.starts_with("<?") {
            ("<?", "?>", "processing instruction")
        } else if rest.starts_with('%') {
            return Err((at, refused("a parameter-entity reference")));
        } else if rest.starts_with("<!NOTATION") || rest.starts_with("<!ENTITY") {
            at = notation_or_unparsed_entity(text, at)?;
            continue;
        } else if rest.is_empty() {
            return Err((at, "DOCTYPE not closed: expected `]` after the internal subset".into()));
        } else {
            return Err((at, refused("a declaration of elements or attributes")));
        };
        let body_at = at + delimiter.len();
        let Some(len) = text[body_at..].find(end) else {
            return Err((at, format!("a {what} in the DOCTYPE is not closed: expected `{end}`")));
        };
        let body = &text[body_at..body_at + len];
        if let Some(i) = unpaired_angle_bracket(body) {
            let c = &body[i..i + 1];
            return Err((
                body_at + i,
                format!("an unpaired `{c}` in a {what} in a DOCTYPE is not supported"),
            ));
        }
        // `--` only ends a comment: inside it, or as `--->`, it is an error where it stands.
        if let Some(i) =
            body.find("--").or(body.ends_with('-').then(|| body.len() - 1)).filter(|_| what == "comment")
        {
            return Err((body_at + i, "`--` is not allowed inside a comment".into()));
        }
        if what == "processing instruction" {
            let target = pi_target(body).map_err(|message| (at, message))?;
            if target.eq_ignore_ascii_case("xml") {
                return Err((at, format!("the processing instruction target {target:?} is reserved")));
            }
        }
        at = body_at + len + end.len();
    }
}

/// The error for what an internal subset may not declare.
fn refused(what: &str) -> String {
    format!(
        "{what} in a DOCTYPE is not supported: an internal subset may declare only notations and \
         unparsed entities (other declarations would change the document, and are never read; \
         entities are never expanded)"
    )
}

/// A notation declaration or an unparsed entity's (`<!ENTITY pic SYSTEM "pic.jpg" NDATA jpeg>`)
/// at `text[at..]`: where it ends. Both only name files beside the document, for attributes of type
/// `ENTITY` to refer to: they change nothing in its content.
fn notation_or_unparsed_entity(text: &str, at: usize) -> Result<usize, (usize, String)> {
    let notation = text[at..].starts_with("<!NOTATION");
    let mut p = Parser { text, at: at + if notation { "<!NOTATION".len() } else { "<!ENTITY".len() } };
    p.space(true)?;
    if !notation && text[p.at..].starts_with('%') {
        return Err((p.at, refused("a parameter entity")));
    }
    // Namespaces in XML: no colon in an entity's or a notation's name.
    let name_at = p.at;
    let name = p.name()?;
    check_ncname(&name).map_err(|e| (name_at, format!("DOCTYPE: {}", e.message(&name))))?;
    p.space(true)?;
    if !notation && matches!(text.as_bytes().get(p.at), Some(b'"' | b'\'')) {
        return Err((p.at, refused("an entity with replacement text")));
    }
    p.external_id(notation)?;
    let spaced = p.space(false)?;
    if !notation {
        if !(spaced && p.keyword("NDATA")) {
            return Err((at, refused("an external parsed entity")));
        }
        p.space(true)?;
        let notation_at = p.at;
        let notation = p.name()?;
        check_ncname(&notation).map_err(|e| (notation_at, format!("DOCTYPE: {}", e.message(&notation))))?;
        p.space(false)?;
    }
    match text.as_bytes().get(p.at) {
        Some(b'>') => Ok(p.at + 1),
        Some(_) => Err((p.at, "expected `>` to end the declaration in the DOCTYPE".into())),
        None => Err((p.at, "DOCTYPE not closed: expected `>` to end a declaration".into())),
    }
}

/// Where `text` has a `>` closing no earlier `<`, or a `<` no later `>` closes. Parsers that find a
/// DOCTYPE's end by counting angle brackets (quick-xml among them) read a comment holding a
/// commented-out declaration (`<!-- <!ENTITY a "b"> -->`) right, but would end the DOCTYPE early
/// or late at an unpaired one.
fn unpaired_angle_bracket(text: &str) -> Option<usize> {
    // How many `<` are open, and where the first of them is.
    let (mut open, mut first) = (0usize, 0);
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'<' if open == 0 => (open, first) = (1, i),
            b'<' => open += 1,
            b'>' if open == 0 => return Some(i),
            b'>' => open -= 1,
            _ => {}
        }
    }
    (open > 0).then_some(first)
}

impl Doctype {
    /// Whether the declaration can be written as well-formed XML, and if not, why: its name must be a
    /// name (XML's `Name`, as the reader requires), a public identifier may hold only `PubidChar`s, a system identifier
    /// cannot hold both kinds of quote (nor, as the reader requires, `<` or `>`), and an internal
    /// subset must be one the reader takes (changing nothing in the document, up to the `]` that ends
    /// it). No character may be one the document's XML version does not allow literally (`xml11`: in a
    /// 1.1 document, U+007F–U+009F but NEL), as these literals cannot hold references.
    pub(crate) fn check_writable(&self, xml11: bool) -> Result<(), String> {
        let unwritable =
            |c: char| !crate::reader::is_xml_char(c) || (xml11 && crate::reader::is_xml11_restricted(c));
        check_name(&self.name).map_err(|e| format!("DOCTYPE: {}", e.message(&self.name)))?;
        if let Some(c) = self.public_id.as_deref().and_then(|id| id.chars().find(|&c| !is_pubid_char(c))) {
            return Err(format!("DOCTYPE: {c:?} is not allowed in a public identifier"));
        }
        if let Some(id) = &self.system_id {
            if id.contains('"') && id.contains('\'') {
                return Err(
                    "DOCTYPE: a system identifier holding both kinds of quote cannot be quoted".into()
                );
            }
            if let Some(c) = id.chars().find(|&c| matches!(c, '<' | '>') || unwritable(c)) {
                return Err(format!("DOCTYPE: {c:?} in a system identifier cannot be written"));
            }
        }
        if let Some(subset) = &self.internal_subset {
            if let Some(c) = subset.chars().find(|&c| unwritable(c)) {
                return Err(format!("DOCTYPE: {c:?} in the internal subset cannot be written"));
            }
            match internal_subset(&format!("{subset}]")) {
                Ok(len) if len == subset.len() => {}
                Ok(_) => return Err("DOCTYPE: `]` ends the internal subset early".into()),
                Err((_, message)) => return Err(format!("DOCTYPE: {message}")),
            }
        }
        Ok(())
    }
}

/// Writes the declaration, each literal in double quotes (single when it holds a double quote).
impl fmt::Display for Doctype {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let quoted = |s: &str| if s.contains('"') { format!("'{s}'") } else { format!("\"{s}\"") };
        write!(f, "<!DOCTYPE {}", self.name)?;
        match (&self.public_id, &self.system_id) {
            (Some(public), system) => {
                write!(f, " PUBLIC {} {}", quoted(public), quoted(system.as_deref().unwrap_or_default()))?
            }
            (None, Some(system)) => write!(f, " SYSTEM {}", quoted(system))?,
            (None, None) => {}
        }
        if let Some(subset) = &self.internal_subset {
            write!(f, " [{subset}]")?;
        }
        f.write_str(">")
    }
}

/// The `PubidChar` production of XML 1.0.
fn is_pubid_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || " \r\n-'()+,./:=?;!*#@$_%".contains(c)
}

struct Parser<'a> {
    text: &'a str,
    at: usize,
}

impl Parser<'_> {
    /// Skips whitespace; `required` makes its absence an error. Whether there was any.
    fn space(&mut self, required: bool) -> Result<bool, (usize, String)> {
        let from = self.at;
        while let Some(b' ' | b'\t' | b'\r' | b'\n') = self.text.as_bytes().get(self.at) {
            self.at += 1;
        }
        match self.at > from {
            false if required && self.at >= self.text.len() => {
                Err((self.at, "DOCTYPE not closed: expected `>`".into()))
            }
            false if required => Err((self.at, "expected whitespace in the DOCTYPE".into())),
            spaced => Ok(spaced),
        }
    }

    fn name(&mut self) -> Result<String, (usize, String)> {
        let rest = &self.text[self.at..];
        let end = rest.find([' ', '\t', '\r', '\n', '>', '[', '"', '\'', '<']).unwrap_or(rest.len());
        let name = &rest[..end];
        if name.is_empty() {
            return Err((self.at, "expected the root element's name after `<!DOCTYPE`".into()));
        }
        if let Err(e) = check_name(name) {
            return Err((self.at, format!("DOCTYPE: {}", e.message(name))));
        }
        self.at += end;
        Ok(name.to_owned())
    }

    fn keyword(&mut self, word: &str) -> bool {
        let found = self.text[self.at..].starts_with(word);
        if found {
            self.at += word.len();
        }
        found
    }

    /// `SYSTEM "uri"` or `PUBLIC "id" "uri"` (the URI optional after `PUBLIC` when `public_alone`,
    /// as in a notation): the public and system identifiers.
    #[allow(clippy::type_complexity)]
    fn external_id(
        &mut self,
        public_alone: bool,
    ) -> Result<(Option<String>, Option<String>), (usize, String)> {
        let public = self.keyword("PUBLIC");
        if !public && !self.keyword("SYSTEM") {
            return Err((self.at, "expected SYSTEM or PUBLIC in the DOCTYPE".into()));
        }
        self.space(true)?;
        let mut public_id = None;
        if public {
            let id = self.literal()?;
            if let Some(i) = id.find(|c: char| !is_pubid_char(c)) {
                let c = id[i..].chars().next().unwrap_or_default();
                return Err((self.at, format!("{c:?} is not allowed in a public identifier")));
            }
            public_id = Some(id);
            let next_is_literal = |p: &Self| {
                matches!(
                    p.text[p.at..].trim_start_matches(crate::xs::is_xml_whitespace).as_bytes().first(),
                    Some(b'"' | b'\'')
                )
            };
            if public_alone && !next_is_literal(self) {
                return Ok((public_id, None));
            }
            self.space(true)?;
        }
        let at = self.at;
        let id = self.literal()?;
        // XML allows any character but the quote here, but the identifier is a URI, where `<` and `>`
        // have no place, and parsers that find the DOCTYPE's end by counting angle brackets
        // (quick-xml among them) would misread what the writer gives back.
        if let Some(i) = id.find(['<', '>']) {
            let c = &id[i..i + 1];
            return Err((at + 1 + i, format!("`{c}` in a DOCTYPE's system identifier is not supported")));
        }
        Ok((public_id, Some(id)))
    }

    /// A quoted literal; its text.
    fn literal(&mut self) -> Result<String, (usize, String)> {
        let quote = match self.text.as_bytes().get(self.at) {
            Some(&q @ (b'"' | b'\'')) => q as char,
            Some(_) => return Err((self.at, "expected a quoted identifier in the DOCTYPE".into())),
            None => return Err((self.at, "DOCTYPE not closed: expected `>`".into())),
        };
        let from = self.at + 1;
        let Some(len) = self.text[from..].find(quote) else {
            return Err((self.at, "DOCTYPE not closed: an identifier's quote is not closed".into()));
        };
        self.at = from + len + 1;
        Ok(self.text[from..from + len].to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_identifiers_are_read_and_written_back() {
        let cases = [
            ("<!DOCTYPE note>", "note", None, None),
            ("<!DOCTYPE note >", "note", None, None),
            ("<!DOCTYPE a:b SYSTEM 'x.dtd'>", "a:b", None, Some("x.dtd")),
            // XML's `Name`: colons anywhere (Namespaces in XML constrains element names, not this).
            ("<!DOCTYPE : >", ":", None, None),
            ("<!DOCTYPE _:a:b.-9·>", "_:a:b.-9·", None, None),
            (
                "<!DOCTYPE score-partwise PUBLIC \"-//Recordare//DTD MusicXML 4.0 Partwise//EN\"\n  \"http://www.musicxml.org/dtds/partwise.dtd\">",
                "score-partwise",
                Some("-//Recordare//DTD MusicXML 4.0 Partwise//EN"),
                Some("http://www.musicxml.org/dtds/partwise.dtd"),
            ),
            ("<!DOCTYPE x SYSTEM 'a\"b'>", "x", None, Some("a\"b")),
        ];
        for (text, name, public, system) in cases {
            let (d, len) = Doctype::parse(&format!("{text}<x/>")).unwrap();
            assert_eq!(
                (d.name.as_str(), d.public_id.as_deref(), d.system_id.as_deref()),
                (name, public, system)
            );
            assert_eq!(len, text.len());
            let written = d.to_string();
            assert_eq!(Doctype::parse(&written).unwrap().0, d, "{written}");
        }
        let d = Doctype::parse("<!DOCTYPE s PUBLIC '-//X//EN' 'u'>").unwrap().0;
        assert_eq!(d.to_string(), "<!DOCTYPE s PUBLIC \"-//X//EN\" \"u\">");
    }

    #[test]
    fn internal_subsets_that_declare_nothing_are_kept_as_written() {
        let cases = [
            ("<!DOCTYPE note []>", ""),
            ("<!DOCTYPE note SYSTEM 'x'[]>", ""),
            ("<!DOCTYPE note PUBLIC 'p' 's' [ ] >", " "),
            (
                "<!DOCTYPE a [\n  <!-- no declarations: ]] ' \" -->\n  <?app keep this?>\n]>",
                "\n  <!-- no declarations: ]] ' \" -->\n  <?app keep this?>\n",
            ),
            ("<!DOCTYPE a [<!---->]>", "<!---->"),
            // Notations and unparsed entities (data modules naming their illustrations).
            (
                "<!DOCTYPE dmodule [<!NOTATION JPEG SYSTEM 'Joint Photographic Experts Group'>\n<!ENTITY ICN-1 SYSTEM  'ICN-1.jpg' NDATA JPEG>\n]>",
                "<!NOTATION JPEG SYSTEM 'Joint Photographic Experts Group'>\n<!ENTITY ICN-1 SYSTEM  'ICN-1.jpg' NDATA JPEG>\n",
            ),
            ("<!DOCTYPE a [<!NOTATION n PUBLIC '-//X//EN'><!NOTATION m PUBLIC \"p\" 's' ><!ENTITY e PUBLIC 'p' \"s\" NDATA n >]>", "<!NOTATION n PUBLIC '-//X//EN'><!NOTATION m PUBLIC \"p\" 's' ><!ENTITY e PUBLIC 'p' \"s\" NDATA n >"),
            // A commented-out declaration: its brackets pair up.
            (
                "<!DOCTYPE a [\n<!--<!ENTITY e SYSTEM \"e.xml\">-->\n]>",
                "\n<!--<!ENTITY e SYSTEM \"e.xml\">-->\n",
            ),
            ("<!DOCTYPE a [<?p <<a>> <b>?>]>", "<?p <<a>> <b>?>"),
        ];
        for (text, subset) in cases {
            let (d, len) = Doctype::parse(&format!("{text}<a/>")).unwrap();
            assert_eq!(d.internal_subset.as_deref(), Some(subset), "{text}");
            assert_eq!(len, text.len());
            d.check_writable(false).unwrap();
            let written = d.to_string();
            assert_eq!(Doctype::parse(&written).unwrap().0, d, "{written}");
            assert!(written.ends_with(&format!("[{subset}]>")), "{written}");
        }
    }

    #[test]
    fn internal_subsets_and_malformed_declarations_are_refused() {
        let cases = [
            (
                "<!DOCTYPE note [<!ENTITY a 'b'>]>",
                27,
                "an entity with replacement text in a DOCTYPE is not supported",
            ),
            (
                "<!DOCTYPE note [ <!-- c --> <!ATTLIST note a CDATA 'x'>]>",
                28,
                "a declaration of elements or attributes",
            ),
            ("<!DOCTYPE note [<!ELEMENT note ANY>]>", 16, "a declaration of elements or attributes"),
            ("<!DOCTYPE note [%pe;]>", 16, "a parameter-entity reference"),
            ("<!DOCTYPE note [<!ENTITY % pe SYSTEM 'x'>]>", 25, "a parameter entity"),
            ("<!DOCTYPE note [<!ENTITY e SYSTEM 'e.xml'>]>", 16, "an external parsed entity"),
            ("<!DOCTYPE note [<!ENTITY e SYSTEM 'e.xml'NDATA n>]>", 16, "an external parsed entity"),
            ("<!DOCTYPE note [<!ENTITY a:b SYSTEM 'x' NDATA n>]>", 25, "colon"),
            ("<!DOCTYPE note [<!ENTITY e SYSTEM 'x' NDATA n:m>]>", 44, "colon"),
            (
                "<!DOCTYPE note [<!ENTITY e SYSTEM 'a>b' NDATA n>]>",
                36,
                "`>` in a DOCTYPE's system identifier",
            ),
            ("<!DOCTYPE note [<!NOTATION n>]>", 28, "expected whitespace"),
            ("<!DOCTYPE note [<!NOTATION n OTHER 'x'>]>", 29, "expected SYSTEM or PUBLIC"),
            ("<!DOCTYPE note [<!NOTATION n SYSTEM 'x' 'y'>]>", 40, "expected `>` to end the declaration"),
            ("<!DOCTYPE note [<!NOTATION n SYSTEM 'x'", 39, "not closed"),
            ("<!DOCTYPE note [<!-- a > b -->]>", 23, "an unpaired `>` in a comment in a DOCTYPE"),
            ("<!DOCTYPE note [<!-- <a> > -->]>", 25, "an unpaired `>`"),
            ("<!DOCTYPE note [<?p <x?>]>", 20, "an unpaired `<` in a processing instruction"),
            ("<!DOCTYPE note [<?p <<x>?>]>", 20, "an unpaired `<`"),
            ("<!DOCTYPE note [<!-- a -- b -->]>", 23, "`--` is not allowed"),
            ("<!DOCTYPE note [<!-- a --->]>", 23, "`--` is not allowed"),
            ("<!DOCTYPE note [<?xml version='1.0'?>]>", 16, "reserved"),
            ("<!DOCTYPE note [<?Xml?>]>", 16, "reserved"),
            ("<!DOCTYPE note [<? x?>]>", 16, "needs a target"),
            // Namespaces in XML: no colon in a processing instruction's target, here as anywhere.
            ("<!DOCTYPE note [<?a:b x?>]>", 16, "processing instruction target"),
            ("<!DOCTYPE note [<!-- x", 16, "comment in the DOCTYPE is not closed"),
            ("<!DOCTYPE note [ ", 17, "expected `]`"),
            ("<!DOCTYPE note [] x>", 18, "expected `>`"),
            ("<!DOCTYPE>", 9, "expected whitespace"),
            ("<!DOCTYPE 1a>", 10, "'1' cannot start a name"),
            // Fuzz finding: any text up to the next space was taken for the name, and the writer
            // (which checks names) then could not write what the reader had read.
            ("<!DOCTYPE a&b>", 10, "\"a&b\" is not a name: '&' is not allowed in a name"),
            ("<!DOCTYPE a)>", 10, "')' is not allowed"),
            ("<!DOCTYPE é×>", 10, "'×' is not allowed"),
            ("<!DOCTYPE note", 14, "not closed"),
            ("<!DOCTYPE note SYSTEM>", 21, "expected whitespace"),
            ("<!DOCTYPE note SYSTEM 'x", 22, "quote is not closed"),
            ("<!DOCTYPE note PUBLIC 'a{b' 'x'>", 27, "'{' is not allowed in a public identifier"),
            ("<!DOCTYPE note PUBLIC 'p'>", 25, "expected whitespace"),
            ("<!DOCTYPE note OTHER>", 15, "expected `>`"),
            ("<!DOCTYPE e PUBLIC '' \"<2<\">", 23, "`<` in a DOCTYPE's system identifier is not supported"),
            ("<!DOCTYPE e SYSTEM 'a>b'>", 21, "`>` in a DOCTYPE's system identifier"),
        ];
        for (text, at, message) in cases {
            let (found_at, found) = Doctype::parse(text).unwrap_err();
            assert!(found.contains(message), "{text}: {found}");
            assert_eq!(found_at, at, "{text}: {found}");
        }
    }
}
