//! The XML declaration, `<?xml version="1.0" encoding="…" standalone="…"?>`, held to its grammar
//! (XML 1.0 §2.8 [23]–[27], [32]; §4.3.3 [80]–[81]): `version` first, then `encoding` and
//! `standalone` if present, in that order, each once, with values of their forms. A declaration
//! otherwise is no declaration at all, and its pseudo-attributes must not be looked up by search
//! (`captureversion="1.1"` declares no version).

/// What an XML declaration declares.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct XmlDeclaration<'a> {
    /// `1.0`, `1.1` or another `1.x`.
    pub version: &'a str,
    pub encoding: Option<&'a str>,
}

/// The declaration whose text after `<?xml` (and before `?>`) is `body`, or why it is malformed.
pub(crate) fn parse(body: &str) -> Result<XmlDeclaration<'_>, String> {
    const NAMES: [&str; 3] = ["version", "encoding", "standalone"];
    let space = |c: char| matches!(c, ' ' | '\t' | '\r' | '\n');
    let (mut version, mut encoding) = (None, None);
    let mut next = 0; // index in NAMES of the first name still allowed
    let mut rest = body;
    loop {
        let item = rest.trim_start_matches(space);
        if item.is_empty() {
            break;
        }
        if item.len() == rest.len() {
            return Err(format!("expected white space before {:?}", first_word(item)));
        }
        let name = &item[..item.find(|c: char| c == '=' || space(c)).unwrap_or(item.len())];
        if next == 0 && name != "version" {
            return Err(format!("the XML declaration must start with version, not {:?}", first_word(item)));
        }
        let Some(at) = NAMES[next..].iter().position(|n| *n == name) else {
            return Err(match NAMES.iter().position(|n| *n == name) {
                Some(_) => format!(
                    "{name} is out of place (version, encoding, standalone, in this order, each once)"
                ),
                None => {
                    format!("unexpected {:?} (version, encoding, standalone are allowed)", first_word(item))
                }
            });
        };
        next += at + 1;
        let value = item[name.len()..].trim_start_matches(space);
        let value = value.strip_prefix('=').ok_or_else(|| format!("expected '=' after {name}"))?;
        let value = value.trim_start_matches(space);
        let quote = value.chars().next().filter(|&q| q == '"' || q == '\'');
        let quote = quote.ok_or_else(|| format!("expected a quoted value for {name}"))?;
        let end = value[1..].find(quote).ok_or_else(|| format!("unclosed value of {name}"))?;
        let text = &value[1..1 + end];
        rest = &value[end + 2..];
        let valid = match name {
            "version" => text
                .strip_prefix("1.")
                .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())),
            "encoding" => {
                text.starts_with(|c: char| c.is_ascii_alphabetic())
                    && text.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
            }
            _ => matches!(text, "yes" | "no"),
        };
        if !valid {
            return Err(format!("{text:?} is not a valid {name}"));
        }
        match name {
            "version" => version = Some(text),
            "encoding" => encoding = Some(text),
            _ => {}
        }
    }
    let version = version.ok_or("the XML declaration must start with version")?;
    Ok(XmlDeclaration { version, encoding })
}

/// The start of `text` up to white space or `=`, at most 40 characters, for messages.
fn first_word(text: &str) -> &str {
    let end = text.find(['=', ' ', '\t', '\r', '\n']).unwrap_or(text.len());
    let end = text.char_indices().nth(40).map_or(end, |(at, _)| at.min(end));
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_declaration_follows_its_grammar() {
        let ok = |body| parse(body).unwrap();
        assert_eq!(ok(" version=\"1.0\""), XmlDeclaration { version: "1.0", encoding: None });
        assert_eq!(
            ok(" version = '1.1'\n encoding=\"UTF-8\" standalone='yes' "),
            XmlDeclaration { version: "1.1", encoding: Some("UTF-8") }
        );
        for (body, message) in [
            (
                " captureversion=\"1.1\"",
                "the XML declaration must start with version, not \"captureversion\"",
            ),
            (" encoding=\"UTF-8\"", "the XML declaration must start with version, not \"encoding\""),
            (" version=\"1.0\" xencoding=\"UTF-8\"", "unexpected \"xencoding\""),
            (" version=\"1.0\" standalone=\"no\" encoding=\"UTF-8\"", "encoding is out of place"),
            (" version=\"1.0\" version=\"1.0\"", "version is out of place"),
            (" version=\"1.0\"encoding=\"UTF-8\"", "expected white space before \"encoding\""),
            (" version=\"2.0\"", "\"2.0\" is not a valid version"),
            (" version=\"1.0\" encoding=\"8bit\"", "\"8bit\" is not a valid encoding"),
            (" version=\"1.0\" standalone=\"maybe\"", "\"maybe\" is not a valid standalone"),
            (" version=1.0", "expected a quoted value for version"),
            (" version=\"1.0", "unclosed value of version"),
            (" version", "expected '=' after version"),
            ("", "the XML declaration must start with version"),
            // A long name of characters wider than a byte is cut at a character boundary.
            (&format!(" {}=\"1\"", "€".repeat(50)), "the XML declaration must start with version, not \"€€€"),
        ] {
            let error = parse(body).unwrap_err();
            assert!(error.starts_with(message), "{body:?}: {error}");
        }
    }
}
