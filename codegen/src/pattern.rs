//! XSD regular expressions (XSD 1.0 Part 2, Appendix F), as the `pattern` facet writes them,
//! translated into the syntax of the `regex` crate, which the runtime matches with.
//!
//! The two languages differ where a translation must not copy: an XSD expression matches the
//! whole text (no anchors of its own, so `^` and `$` are plain characters); `.` is any character
//! but a line end; `\s`, `\i`, `\c`, `\w` and `\d` are XSD's sets; `\p{IsBasicLatin}` names a
//! Unicode block; `[a-z-[aeiou]]` subtracts a class; `(` always groups and never captures. An
//! expression XSD's grammar refuses is an error here, so that the schema is refused where it
//! stands rather than matched by a different reading of it.

mod blocks;

use std::fmt::Write;

/// How deep groups and subtracted classes may nest: far beyond any real pattern, and far below
/// what would overflow the stack of this recursive translation or the `regex` crate's parser.
const MAX_NESTING: usize = 100;

/// The size the `regex` crate may give one compiled pattern; the runtime uses the same, so a
/// pattern the generator finds too large is the one it cannot match. Ten times the crate's
/// default: counted repetitions of Unicode classes (`\p{L}{1,70}`) are large.
pub const SIZE_LIMIT: usize = 100 << 20;

/// One restriction step's patterns (a text is valid if it matches any of them), as one expression
/// of the `regex` crate that matches the whole text. Errors name the pattern and what is wrong.
pub fn translate_alternatives(patterns: &[String]) -> Result<String, String> {
    let translated = patterns.iter().map(|p| translate(p)).collect::<Result<Vec<_>, _>>()?;
    let alternatives = match translated.as_slice() {
        [one] => one.clone(),
        all => all.iter().map(|t| format!("(?:{t})")).collect::<Vec<_>>().join("|"),
    };
    Ok(format!(r"\A(?:{alternatives})\z"))
}

/// What the runtime matches for one restriction step's `patterns` (see [`translate_alternatives`]),
/// if the `regex` crate compiles it within [`SIZE_LIMIT`]. A pattern that does not translate was
/// refused with the schema (see `xsd::schema_document`).
pub fn runtime_regex(patterns: &[String]) -> Option<String> {
    let regex = translate_alternatives(patterns).ok()?;
    regex::RegexBuilder::new(&regex).size_limit(SIZE_LIMIT).build().ok()?;
    Some(regex)
}

/// `pattern`, an XSD regular expression, in the syntax of the `regex` crate (unanchored: see
/// [`translate_alternatives`]), or why it is no XSD regular expression.
pub fn translate(pattern: &str) -> Result<String, String> {
    let mut t = Translator { chars: pattern.chars().collect(), at: 0, out: String::new() };
    let result = t.reg_exp(0).and_then(|()| match t.peek() {
        // Only an unopened `)` stops the top-level expression early.
        Some(c) => Err(format!("`{c}` closes no group")),
        None => Ok(()),
    });
    match result {
        Ok(()) => Ok(t.out),
        Err(message) if t.at >= t.chars.len() => Err(format!("{message} (at the end of the pattern)")),
        Err(message) => Err(format!("{message} (at character {} of the pattern)", t.at + 1)),
    }
}

struct Translator {
    chars: Vec<char>,
    at: usize,
    out: String,
}

impl Translator {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.at + ahead).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.peek() == Some(c);
        self.at += usize::from(found);
        found
    }

    /// regExp ::= branch ( '|' branch )*
    fn reg_exp(&mut self, depth: usize) -> Result<(), String> {
        self.branch(depth)?;
        while self.eat('|') {
            self.out.push('|');
            self.branch(depth)?;
        }
        Ok(())
    }

    /// branch ::= piece*; piece ::= atom quantifier?
    fn branch(&mut self, depth: usize) -> Result<(), String> {
        while let Some(c) = self.peek() {
            if matches!(c, '|' | ')') {
                break;
            }
            self.atom(depth)?;
            self.quantifier()?;
        }
        Ok(())
    }

    /// atom ::= Char | charClass | '(' regExp ')'
    fn atom(&mut self, depth: usize) -> Result<(), String> {
        let Some(c) = self.next() else { return Err("the pattern ends inside an expression".into()) };
        match c {
            '(' => {
                if depth >= MAX_NESTING {
                    return Err(format!("groups nest deeper than {MAX_NESTING}"));
                }
                self.out.push_str("(?:");
                self.reg_exp(depth + 1)?;
                if !self.eat(')') {
                    return Err("a group `(` is not closed".into());
                }
                self.out.push(')');
            }
            '[' => {
                let class = self.class_expr(depth)?;
                self.out.push_str(&class);
            }
            '.' => self.out.push_str(r"[^\n\r]"),
            '\\' => {
                let class = self.escape()?;
                self.out.push_str(&class);
            }
            '?' | '*' | '+' => {
                self.at -= 1;
                return Err(format!("`{c}` repeats nothing"));
            }
            ']' => {
                self.at -= 1;
                return Err("`]` outside a character class must be escaped (`\\]`)".into());
            }
            c => self.out.push_str(&literal(c)),
        }
        Ok(())
    }

    /// quantifier ::= [?*+] | '{' quantity '}'
    fn quantifier(&mut self) -> Result<(), String> {
        match self.peek() {
            Some(c @ ('?' | '*' | '+')) => {
                self.at += 1;
                self.out.push(c);
            }
            Some('{') => {
                let start = self.at;
                let counted = self.counted();
                if counted.is_err() {
                    self.at = start;
                }
                counted?;
            }
            _ => {}
        }
        Ok(())
    }

    /// '{' quantity '}', placing an error at the `{`.
    fn counted(&mut self) -> Result<(), String> {
        self.at += 1;
        let min = self.number()?;
        let max = if self.eat(',') {
            (self.peek() != Some('}')).then(|| self.number()).transpose()?
        } else {
            Some(min)
        };
        if !self.eat('}') {
            return Err("a quantifier `{` is not closed by `}`".into());
        }
        match max {
            Some(max) if max < min => {
                return Err(format!("the quantifier `{{{min},{max}}}` has its bounds in the wrong order"))
            }
            Some(max) if max == min => write!(self.out, "{{{min}}}").unwrap(),
            Some(max) => write!(self.out, "{{{min},{max}}}").unwrap(),
            None => write!(self.out, "{{{min},}}").unwrap(),
        }
        Ok(())
    }

    /// QuantExact ::= [0-9]+
    fn number(&mut self) -> Result<u32, String> {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        let digits: String = self.chars[start..self.at].iter().collect();
        if digits.is_empty() {
            return Err("a quantifier `{` needs a number".into());
        }
        digits.parse().map_err(|_| format!("the quantifier bound {digits} is too large"))
    }

    /// After a `\` outside a class: a single character or a class, in the `regex` crate's syntax.
    fn escape(&mut self) -> Result<String, String> {
        match self.class_escape()? {
            Escaped::Char(c) => Ok(literal(c)),
            Escaped::Class(class) => Ok(class),
        }
    }

    /// charClassEsc, the `\` taken: SingleCharEsc | MultiCharEsc | catEsc | complEsc. An error is
    /// placed at the `\`.
    fn class_escape(&mut self) -> Result<Escaped, String> {
        let start = self.at - 1;
        let escaped = self.class_escape_body();
        if escaped.is_err() {
            self.at = start;
        }
        escaped
    }

    fn class_escape_body(&mut self) -> Result<Escaped, String> {
        let Some(c) = self.next() else { return Err("the pattern ends after `\\`".into()) };
        let class = match c {
            'n' => return Ok(Escaped::Char('\n')),
            'r' => return Ok(Escaped::Char('\r')),
            't' => return Ok(Escaped::Char('\t')),
            '\\' | '|' | '.' | '?' | '*' | '+' | '(' | ')' | '{' | '}' | '-' | '[' | ']' | '^' => {
                return Ok(Escaped::Char(c))
            }
            's' => r"[ \t\n\r]".to_owned(),
            'S' => r"[^ \t\n\r]".to_owned(),
            'd' => r"\p{Nd}".to_owned(),
            'D' => r"\P{Nd}".to_owned(),
            // Everything but punctuation, separators and "other" characters.
            'w' => r"[^\p{P}\p{Z}\p{C}]".to_owned(),
            'W' => r"[\p{P}\p{Z}\p{C}]".to_owned(),
            'i' => format!("[{NAME_START}]"),
            'I' => format!("[^{NAME_START}]"),
            'c' => format!("[{NAME_START}{NAME_REST}]"),
            'C' => format!("[^{NAME_START}{NAME_REST}]"),
            'p' | 'P' => self.property(c == 'P')?,
            // Escaped as Rust escapes it: a diagnostic stays on one line whatever the pattern holds.
            c => return Err(format!("`\\{}` is no XSD escape", c.escape_debug())),
        };
        Ok(Escaped::Class(class))
    }

    /// catEsc / complEsc after `\p` or `\P`: `{` charProp `}`.
    fn property(&mut self, complement: bool) -> Result<String, String> {
        if !self.eat('{') {
            return Err("`\\p` and `\\P` need a property in braces (`\\p{L}`)".into());
        }
        let start = self.at;
        while self.peek().is_some_and(|c| c != '}') {
            self.at += 1;
        }
        let name: String = self.chars[start..self.at].iter().collect();
        // Messages quote the name escaped, so that one holding a line end stays on one line.
        let shown = name.escape_debug();
        if !self.eat('}') {
            return Err(format!("the property `{{{shown}` is not closed by `}}`"));
        }
        let not = if complement { "^" } else { "" };
        if let Some(block) = name.strip_prefix("Is") {
            let Some(ranges) = blocks::ranges(block) else {
                return Err(format!("`{shown}` names no Unicode block (`IsBasicLatin`, `IsGreek`, …)"));
            };
            // Surrogate code points are no characters of a text: their blocks match nothing.
            let ranges: Vec<String> = ranges
                .iter()
                .filter(|(first, _)| !(0xD800..=0xDFFF).contains(first))
                .map(|&(first, last)| format!(r"\x{{{first:X}}}-\x{{{last:X}}}"))
                .collect();
            if ranges.is_empty() {
                return Ok(if complement { r"[\x{0}-\x{10FFFF}]" } else { r"[^\x{0}-\x{10FFFF}]" }.to_owned());
            }
            return Ok(format!("[{not}{}]", ranges.concat()));
        }
        if !CATEGORIES.contains(&name.as_str()) {
            return Err(format!(
                "`{shown}` is no Unicode category XSD names (`L`, `Lu`, `Nd`, …) or block (`Is…`)"
            ));
        }
        Ok(format!(r"[{not}\p{{{name}}}]"))
    }

    /// charClassExpr ::= '[' charGroup ']', the `[` taken; charGroup ::= posCharGroup |
    /// negCharGroup | charClassSub.
    fn class_expr(&mut self, depth: usize) -> Result<String, String> {
        if depth >= MAX_NESTING {
            return Err(format!("character classes nest deeper than {MAX_NESTING}"));
        }
        let negated = self.eat('^');
        let mut items = String::new();
        let mut empty = true;
        loop {
            let Some(c) = self.peek() else {
                return Err("a character class `[` is not closed by `]`".into());
            };
            match c {
                ']' if !empty => {
                    self.at += 1;
                    return Ok(format!("[{}{items}]", if negated { "^" } else { "" }));
                }
                ']' => return Err("a character class is empty".into()),
                '-' if !empty && self.peek_at(1) == Some('[') => {
                    // charClassSub: what comes before, less the class after `-`.
                    self.at += 2;
                    let subtracted = self.class_expr(depth + 1)?;
                    if !self.eat(']') {
                        return Err(
                            "a subtracted class must end its character class (`[a-z-[aeiou]]`)".into()
                        );
                    }
                    let not = if negated { "^" } else { "" };
                    return Ok(format!("[[{not}{items}]--{subtracted}]"));
                }
                '-' if empty || self.peek_at(1) == Some(']') => {
                    self.at += 1;
                    items.push_str(r"\-");
                }
                '-' if self.peek_at(1).is_none() => {
                    self.at += 1;
                    return Err("a character class `[` is not closed by `]`".into());
                }
                '-' => {
                    return Err("`-` in a character class must be escaped unless it is first or last".into())
                }
                '[' => return Err("`[` in a character class must be escaped (`\\[`)".into()),
                _ => {
                    self.at += 1;
                    let first = match c {
                        '\\' => self.class_escape()?,
                        c => Escaped::Char(c),
                    };
                    match first {
                        Escaped::Class(class) => items.push_str(&class),
                        Escaped::Char(first) => {
                            // seRange ::= charOrEsc '-' charOrEsc, unless the `-` ends the class or
                            // starts a subtraction.
                            if self.peek() == Some('-') && !matches!(self.peek_at(1), Some(']' | '[') | None)
                            {
                                self.at += 1;
                                let last = self.range_end()?;
                                if last < first {
                                    return Err(format!(
                                        "the range `{}-{}` has its ends in the wrong order",
                                        first.escape_debug(),
                                        last.escape_debug()
                                    ));
                                }
                                write!(items, "{}-{}", literal(first), literal(last)).unwrap();
                            } else {
                                items.push_str(&literal(first));
                            }
                        }
                    }
                }
            }
            empty = false;
        }
    }

    /// The end of a range after its `-`: a character (not `-`, `[` or `]`) or a single-character
    /// escape.
    fn range_end(&mut self) -> Result<char, String> {
        match self.next() {
            Some('\\') => match self.class_escape()? {
                Escaped::Char(c) => Ok(c),
                Escaped::Class(_) => Err("a range cannot end in a class escape".into()),
            },
            // `[+--]`: a range that ends in `-` where the class ends, as libxml2 reads it.
            Some('-') if self.peek() == Some(']') => Ok('-'),
            Some(c @ ('-' | '[')) => Err(format!("`{c}` cannot end a range unless escaped")),
            Some(c) => Ok(c),
            None => Err("a character class `[` is not closed by `]`".into()),
        }
    }
}

/// What an escape stands for: one character (which may start or end a range) or a class.
enum Escaped {
    Char(char),
    Class(String),
}

/// `c` as a literal of the `regex` crate, in or out of a class.
fn literal(c: char) -> String {
    match c {
        '\n' => r"\n".to_owned(),
        '\r' => r"\r".to_owned(),
        '\t' => r"\t".to_owned(),
        ' ' => r"\x20".to_owned(),
        c => regex::escape(c.encode_utf8(&mut [0; 4])),
    }
}

/// The general categories XSD 1.0 names (`\p{Lu}`), all of which the `regex` crate knows.
const CATEGORIES: &[&str] = &[
    "L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Ps",
    "Pe", "Pi", "Pf", "Po", "Z", "Zs", "Zl", "Zp", "S", "Sm", "Sc", "Sk", "So", "C", "Cc", "Cf", "Co", "Cn",
];

/// `\i`: the characters that may start an XML name (XML 1.0 fifth edition's NameStartChar, of
/// which the earlier editions' Letter, `_` and `:` that XSD 1.0 cites are a part).
const NAME_START: &str = concat!(
    r":A-Z_a-z\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{2FF}\x{370}-\x{37D}\x{37F}-\x{1FFF}",
    r"\x{200C}-\x{200D}\x{2070}-\x{218F}\x{2C00}-\x{2FEF}\x{3001}-\x{D7FF}\x{F900}-\x{FDCF}",
    r"\x{FDF0}-\x{FFFD}\x{10000}-\x{EFFFF}",
);

/// What `\c` adds to `\i`: the characters an XML name may continue with (NameChar).
const NAME_REST: &str = r"\-.0-9\x{B7}\x{300}-\x{36F}\x{203F}-\x{2040}";

#[cfg(test)]
mod tests {
    use super::{translate, translate_alternatives, SIZE_LIMIT};

    /// Whether `text` matches XSD pattern `pattern` (all of the text).
    fn matches(pattern: &str, text: &str) -> bool {
        let regex =
            translate_alternatives(&[pattern.to_owned()]).unwrap_or_else(|e| panic!("{pattern}: {e}"));
        regex::RegexBuilder::new(&regex)
            .size_limit(SIZE_LIMIT)
            .build()
            .unwrap_or_else(|e| panic!("{pattern} as {regex}: {e}"))
            .is_match(text)
    }

    #[test]
    fn a_pattern_matches_the_whole_text() {
        assert!(matches("[A-Z]{2}", "DE"));
        assert!(!matches("[A-Z]{2}", "DEU"));
        assert!(!matches("[A-Z]{2}", "xDE"));
        assert!(matches("a|b", "b"));
        assert!(!matches("a|b", "ab"));
        assert!(matches("", ""));
        assert!(!matches("", "a"));
        assert!(matches("a|", ""));
    }

    #[test]
    fn characters_the_regex_crate_reads_as_syntax_are_plain_in_xsd() {
        assert!(matches("^a$", "^a$"));
        assert!(!matches("^a$", "a"));
        assert!(matches("{b}a}", "{b}a}"));
        assert!(matches("#&~ ", "#&~ "));
        assert!(matches("[#&~^]+", "~^&#"));
        assert!(matches("(a)", "a"), "a group does not capture, and is no syntax of its own");
    }

    #[test]
    fn xsd_escapes_are_xsd_sets() {
        assert!(matches(r"\s", "\t") && !matches(r"\s", "\u{a0}") && !matches(r"\s", "\u{b}"));
        assert!(matches(r"\S", "\u{a0}"));
        assert!(matches(r"\d", "٣") && !matches(r"\d", "²"));
        assert!(matches(r"\w", "é") && !matches(r"\w", "-") && !matches(r"\w", " "));
        assert!(matches(r"\i\c*", "_a-1.b") && !matches(r"\i", "1") && !matches(r"\c", " "));
        assert!(matches(r"\I", "1") && matches(r"\C", " "));
        assert!(matches(".", "é") && !matches(".", "\n") && !matches(".", "\r"));
        assert!(matches(r"\.\\\|\-\^\{\}\[\]\(\)\?\*\+", r".\|-^{}[]()?*+"));
        assert!(matches(r"\n\r\t", "\n\r\t"));
    }

    #[test]
    fn categories_and_blocks() {
        assert!(matches(r"\p{Lu}", "É") && !matches(r"\p{Lu}", "é"));
        assert!(matches(r"\P{L}", "1"));
        assert!(matches(r"\p{IsBasicLatin}+", "abc") && !matches(r"\p{IsBasicLatin}", "é"));
        assert!(matches(r"\p{IsGreek}", "λ") && matches(r"\P{IsGreek}", "l"));
        assert!(matches(r"[\p{IsSpecials}]", "\u{feff}") && matches(r"\p{IsSpecials}", "\u{fffd}"));
        assert!(!matches(r"\p{IsHighSurrogates}", "a") && matches(r"\P{IsLowSurrogates}", "a"));
        assert!(matches(r"[\p{IsLatin-1Supplement}\d]+", "é1"));
    }

    #[test]
    fn classes_ranges_negation_and_subtraction() {
        assert!(matches("[a-c]", "b") && !matches("[a-c]", "d"));
        assert!(matches("[^a-c]", "d") && !matches("[^a-c]", "a"));
        assert!(matches("[-a]", "-") && matches("[a-]", "-") && matches("[^-]", "a"));
        assert!(matches("[a-z-[aeiou]]", "b") && !matches("[a-z-[aeiou]]", "e"));
        assert!(matches("[^a-z-[0-9]]", "A") && !matches("[^a-z-[0-9]]", "5"));
        assert!(matches("[a-z-[b-y-[c]]]", "c") && !matches("[a-z-[b-y-[c]]]", "d"));
        assert!(matches(r"[\d-[5]]", "4") && !matches(r"[\d-[5]]", "5"));
        assert!(matches(r"[\s\d]", " ") && matches(r"[\-\[\]\\]", "["));
        assert!(matches(r"[+\-]", "-") && matches(r"[\n-\r]", "\u{b}"));
        assert!(matches("[+--]", ",") && !matches("[+--]", "."));
    }

    #[test]
    fn quantifiers() {
        assert!(matches("a{2,3}", "aaa") && !matches("a{2,3}", "a"));
        assert!(matches("a{2,}", "aaaaa") && matches("a{0}", ""));
        assert!(matches("(ab)?c*d+", "abccd") && !matches("(ab)?c*d+", "ab"));
    }

    #[test]
    fn what_xsd_refuses_is_an_error_that_says_where() {
        for (pattern, message) in [
            ("[a-", "a character class `[` is not closed by `]` (at the end of the pattern)"),
            ("(a", "a group `(` is not closed (at the end of the pattern)"),
            ("a)", "`)` closes no group (at character 2 of the pattern)"),
            ("*a", "`*` repeats nothing (at character 1 of the pattern)"),
            ("a**", "`*` repeats nothing (at character 3 of the pattern)"),
            ("a]", "`]` outside a character class must be escaped (`\\]`) (at character 2 of the pattern)"),
            ("[]", "a character class is empty (at character 2 of the pattern)"),
            ("[^]", "a character class is empty (at character 3 of the pattern)"),
            ("[z-a]", "the range `z-a` has its ends in the wrong order (at character 5 of the pattern)"),
            ("[a-c-e]", "`-` in a character class must be escaped unless it is first or last (at character 5 of the pattern)"),
            ("[a[b]]", "`[` in a character class must be escaped (`\\[`) (at character 3 of the pattern)"),
            (r"\a", "`\\a` is no XSD escape (at character 1 of the pattern)"),
            ("\\\n", "`\\\\n` is no XSD escape (at character 1 of the pattern)"),
            ("\\p{\r\n}", "`\\r\\n` is no Unicode category XSD names (`L`, `Lu`, `Nd`, …) or block (`Is…`) (at character 1 of the pattern)"),
            ("\\p{Is\n", "the property `{Is\\n` is not closed by `}` (at character 1 of the pattern)"),
            (r"\p{IsKlingon}", "`IsKlingon` names no Unicode block (`IsBasicLatin`, `IsGreek`, …) (at character 1 of the pattern)"),
            (r"\p{Xx}", "`Xx` is no Unicode category XSD names (`L`, `Lu`, `Nd`, …) or block (`Is…`) (at character 1 of the pattern)"),
            (r"\pL", "`\\p` and `\\P` need a property in braces (`\\p{L}`) (at character 1 of the pattern)"),
            ("a{3,2}", "the quantifier `{3,2}` has its bounds in the wrong order (at character 2 of the pattern)"),
            ("a{x}", "a quantifier `{` needs a number (at character 2 of the pattern)"),
            ("a{99999999999}", "the quantifier bound 99999999999 is too large (at character 2 of the pattern)"),
            ("[a-z-[b]c]", "a subtracted class must end its character class (`[a-z-[aeiou]]`) (at character 9 of the pattern)"),
            (r"[\d-z]", "`-` in a character class must be escaped unless it is first or last (at character 4 of the pattern)"),
        ] {
            assert_eq!(translate(pattern).unwrap_err(), message, "{pattern}");
        }
    }

    #[test]
    fn nesting_is_bounded_without_overflowing_the_stack() {
        let deep = format!("{}a{}", "(".repeat(100_000), ")".repeat(100_000));
        assert!(translate(&deep).unwrap_err().starts_with("groups nest deeper than 100"));
        let deep = format!("{}[a]{}", "[a-".repeat(100_000), "]".repeat(100_000));
        let message = translate(&deep).unwrap_err();
        assert!(message.starts_with("character classes nest deeper than 100"), "{message}");
        assert!(matches(&format!("{}a{}", "(".repeat(99), ")".repeat(99)), "a"));
    }

    #[test]
    fn several_patterns_of_one_step_are_alternatives() {
        let regex = translate_alternatives(&["a+".into(), "b".into()]).unwrap();
        let regex = regex::Regex::new(&regex).unwrap();
        assert!(regex.is_match("aa") && regex.is_match("b") && !regex.is_match("ab"));
    }
}
