//! XML names: the `Name` production of XML 1.0 (fifth edition) restricted by Namespaces in XML 1.0
//! to qualified names (`NCName` or `NCName:NCName`). The tokenizer's byte classes find where a name
//! ends; this decides whether what it found is a name, so that `<a c?d="1"/>` or `xmlns:p)="…"` is an
//! error rather than content that the writer would put back as XML that is not well-formed.

/// Why a string is not a qualified name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameError {
    Empty,
    /// The character at this byte offset cannot start a name (or the local part after the colon).
    Start(usize, char),
    /// The character at this byte offset cannot appear in a name.
    Char(usize, char),
    /// A colon at either end, or more than one.
    Colons,
    /// A colon in a name that may have none (`NCName`).
    Colon,
}

impl NameError {
    /// A message naming `name` and what is wrong with it.
    pub(crate) fn message(self, name: &str) -> String {
        match self {
            NameError::Empty => "a name cannot be empty".into(),
            NameError::Start(_, c) => format!("{name:?} is not a name: {c:?} cannot start a name"),
            NameError::Char(_, c) => format!("{name:?} is not a name: {c:?} is not allowed in a name"),
            NameError::Colons => format!("{name:?} is not a qualified name (prefix:local)"),
            NameError::Colon => {
                format!("{name:?} is not a name without a colon, as Namespaces in XML requires here")
            }
        }
    }
}

/// Checks that `name` is a qualified name: one or two `NCName`s joined by a colon.
#[inline]
pub(crate) fn check_qname(name: &str) -> Result<(), NameError> {
    let bytes = name.as_bytes();
    if bytes.is_empty() {
        return Err(NameError::Empty);
    }
    let mut part_start = true;
    let mut colons = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            let class = ASCII[b as usize];
            if b == b':' {
                colons += 1;
                if part_start || colons > 1 || i + 1 == bytes.len() {
                    return Err(NameError::Colons);
                }
                part_start = true;
            } else if class == START || (class == CHAR && !part_start) {
                part_start = false;
            } else if class == CHAR {
                return Err(NameError::Start(i, char::from(b)));
            } else {
                return Err(NameError::Char(i, char::from(b)));
            }
            i += 1;
        } else {
            let c = name[i..].chars().next().unwrap_or('\u{FFFD}');
            let ok = if part_start { is_name_start(c) } else { is_name_char(c) };
            if !ok {
                return Err(if part_start && is_name_char(c) {
                    NameError::Start(i, c)
                } else {
                    NameError::Char(i, c)
                });
            }
            part_start = false;
            i += c.len_utf8();
        }
    }
    Ok(())
}

/// Checks that `name` matches XML 1.0's `Name` production, where a colon may stand anywhere: what a
/// DOCTYPE's root element name is (Namespaces in XML constrains element and attribute names, not it).
pub(crate) fn check_name(name: &str) -> Result<(), NameError> {
    let mut chars = name.char_indices();
    match chars.next() {
        None => return Err(NameError::Empty),
        Some((_, c)) if !(c == ':' || is_name_start(c)) => {
            return Err(if is_name_char(c) { NameError::Start(0, c) } else { NameError::Char(0, c) })
        }
        Some(_) => {}
    }
    match chars.find(|&(_, c)| !(c == ':' || is_name_char(c))) {
        Some((i, c)) => Err(NameError::Char(i, c)),
        None => Ok(()),
    }
}

/// The target of a processing instruction whose text after `<?` is `body`: a name without a colon,
/// as Namespaces in XML requires of every processing instruction target.
pub(crate) fn pi_target(body: &str) -> Result<&str, String> {
    let target = body.split([' ', '\t', '\r', '\n']).next().unwrap_or("");
    if target.is_empty() {
        return Err("a processing instruction needs a target name".into());
    }
    check_ncname(target).map_err(|e| format!("processing instruction target: {}", e.message(target)))?;
    Ok(target)
}

/// Checks that `name` is an `NCName` (a name without a colon).
pub(crate) fn check_ncname(name: &str) -> Result<(), NameError> {
    match name.find(':') {
        Some(_) => Err(NameError::Colon),
        None => check_qname(name),
    }
}

/// ASCII classes: what may start a name, what may only continue one.
const START: u8 = 1;
const CHAR: u8 = 2;

static ASCII: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphabetic() || c == b'_' {
            START
        } else if c.is_ascii_digit() || c == b'-' || c == b'.' {
            CHAR
        } else {
            0
        };
        b += 1;
    }
    table
};

/// `NameStartChar` without the colon.
pub(crate) fn is_name_start(c: char) -> bool {
    matches!(c,
        'A'..='Z' | '_' | 'a'..='z'
        | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

/// `NameChar` without the colon.
pub(crate) fn is_name_char(c: char) -> bool {
    is_name_start(c)
        || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualified_names() {
        for ok in ["a", "a:b", "xmlns:p", "_a.b-c9", "é", "p:日本", "a\u{300}", "x\u{B7}y", "\u{10000}"] {
            assert_eq!(check_qname(ok), Ok(()), "{ok}");
        }
        let cases = [
            ("", NameError::Empty),
            ("1a", NameError::Start(0, '1')),
            ("-a", NameError::Start(0, '-')),
            ("a:1b", NameError::Start(2, '1')),
            ("xs)", NameError::Char(2, ')')),
            ("c?d", NameError::Char(1, '?')),
            ("a/b", NameError::Char(1, '/')),
            ("a b", NameError::Char(1, ' ')),
            ("\u{300}a", NameError::Start(0, '\u{300}')),
            ("a\u{D7}", NameError::Char(1, '\u{D7}')),
            ("a\u{F0000}", NameError::Char(1, '\u{F0000}')),
            (":a", NameError::Colons),
            ("a:", NameError::Colons),
            ("a:b:c", NameError::Colons),
            (":", NameError::Colons),
        ];
        for (name, error) in cases {
            assert_eq!(check_qname(name), Err(error), "{name}");
        }
        assert_eq!(check_ncname("a:b"), Err(NameError::Colon));
        assert_eq!(check_ncname("ab"), Ok(()));
    }

    #[test]
    fn messages_name_the_character() {
        assert_eq!(
            check_qname("xs)").unwrap_err().message("xs)"),
            "\"xs)\" is not a name: ')' is not allowed in a name"
        );
        assert_eq!(
            check_qname("1").unwrap_err().message("1"),
            "\"1\" is not a name: '1' cannot start a name"
        );
    }
}
