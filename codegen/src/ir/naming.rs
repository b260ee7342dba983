//! Rust names for XML names: case conversion, keywords, and deterministic collision resolution.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust's keywords, strict and reserved (2024 edition), and `_`: not identifiers as they are. Field
/// and module names take a `_` after one; the emitter writes any other name that is one as `r#name`.
const KEYWORDS: &[&str] = &[
    "_", "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "self",
    "static", "struct", "super", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Whether `name` is a Rust keyword (see [`KEYWORDS`]).
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// The prelude's values that generated code writes bare (`Ok(…)`, `None`). A newtype of that name
/// (a global element's wrapper, a simple type with facets) would shadow one in its module, so no
/// item of a module takes these names: types become `OkType`, elements `OkElement`.
pub fn shadows_prelude(name: &str) -> bool {
    matches!(name, "Some" | "None" | "Ok" | "Err")
}

/// Only ASCII letters, digits and `_` survive; everything else separates words.
fn words(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect()
}

/// A type or variant name: `noteType` → `NoteType`, `OOF` → `Oof`, `02` → `V02`.
pub fn type_name(name: &str) -> String {
    let mut out = words(name).to_upper_camel_case();
    if out.is_empty() {
        out.push_str("Value");
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    if out == "Self" {
        out.push('_');
    }
    out
}

/// A variant name for an enumerated value: [`type_name`], but a value without ASCII letters or
/// digits, which that would name `Value`, is spelled out: `+` → `Plus`, `-` → `Minus`, `%` →
/// `Percent`, `é` → `U00E9`, the empty string → `Empty`.
pub fn value_name(lexical: &str) -> String {
    if lexical.chars().any(|c| c.is_ascii_alphanumeric()) {
        return type_name(lexical);
    }
    let spelled: String = lexical.chars().filter(|c| !c.is_whitespace()).map(symbol_name).collect();
    match spelled.is_empty() {
        true => "Empty".to_owned(),
        false => spelled,
    }
}

/// The name of a character that cannot be part of an identifier.
fn symbol_name(c: char) -> String {
    let name = match c {
        '+' => "Plus",
        '-' => "Minus",
        '*' => "Asterisk",
        '/' => "Slash",
        '\\' => "Backslash",
        '%' => "Percent",
        '.' => "Period",
        ',' => "Comma",
        ':' => "Colon",
        ';' => "Semicolon",
        '!' => "Exclamation",
        '?' => "Question",
        '#' => "Hash",
        '$' => "Dollar",
        '&' => "Ampersand",
        '@' => "At",
        '=' => "Equals",
        '<' => "Less",
        '>' => "Greater",
        '(' => "OpenParen",
        ')' => "CloseParen",
        '[' => "OpenBracket",
        ']' => "CloseBracket",
        '{' => "OpenBrace",
        '}' => "CloseBrace",
        '^' => "Caret",
        '~' => "Tilde",
        '|' => "Bar",
        '\'' => "Apostrophe",
        '"' => "Quote",
        '`' => "Backtick",
        '_' => "Underscore",
        _ => return format!("U{:04X}", u32::from(c)),
    };
    name.to_owned()
}

/// A field or module name: `majorVersion` → `major_version`, `type` → `type_`. It ends in `_` only
/// after a keyword, which the generated readers rely on: their own locals end in `_`.
pub fn field_name(name: &str) -> String {
    let mut out = words(name).to_snake_case();
    if out.is_empty() {
        out.push_str("value");
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    if is_keyword(&out) {
        out.push('_');
    }
    out
}

/// Hands out names unique within one scope (a module's items, a struct's fields): the second
/// `body` becomes `body_2`, and so on, in the order asked — callers ask in a deterministic order.
#[derive(Debug, Default)]
pub struct Namer {
    taken: BTreeSet<String>,
}

impl Namer {
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_owned());
    }

    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    pub fn unique(&mut self, base: &str, separator: &str) -> String {
        if self.taken.insert(base.to_owned()) {
            return base.to_owned();
        }
        (2..)
            .map(|i| format!("{base}{separator}{i}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(type_name("noteType"), "NoteType");
        assert_eq!(type_name("OOF"), "Oof");
        assert_eq!(type_name("routing-type"), "RoutingType");
        assert_eq!(type_name("2"), "V2");
        assert_eq!(value_name("+"), "Plus");
        assert_eq!(value_name("- "), "Minus");
        assert_eq!(value_name("_-."), "UnderscoreMinusPeriod");
        assert_eq!(value_name("°"), "U00B0");
        assert_eq!(value_name(""), "Empty");
        assert_eq!(value_name(" "), "Empty");
        assert_eq!(value_name("°C"), "C");
        assert_eq!(value_name("m/s"), "MS");
        assert_eq!(field_name("majorVersion"), "major_version");
        assert_eq!(field_name("LCID"), "lcid");
        assert_eq!(field_name("type"), "type_");
        assert_eq!(field_name("startTime"), "start_time");
        assert_eq!(field_name("start"), "start");
        assert_eq!(field_name("start_"), "start");
        let mut namer = Namer::default();
        assert_eq!(namer.unique("body", "_"), "body");
        assert_eq!(namer.unique("body", "_"), "body_2");
    }

    #[test]
    fn field_names_end_in_an_underscore_only_after_a_keyword() {
        let names =
            ["r_", "a_", "start_", "parent_", "typed_", "R", "_start", "start__", "a-", "typed-", "2_", "_"];
        for name in names {
            let field = field_name(name);
            let stem = field.strip_suffix('_');
            assert!(stem.is_none_or(is_keyword), "{name} → {field}");
        }
        let mut namer = Namer::default();
        namer.reserve("type_");
        assert!(!namer.unique("type_", "_").ends_with('_'));
    }
}
