//! Entities a schema document declares in its DOCTYPE's internal subset, as MPEG-DASH's schema does
//! to build its patterns from named pieces (`<!ENTITY URN "urn:&NamespaceID;:&NamespaceSpecific;">`).
//! The parser skips the DOCTYPE and refuses their references as unknown, so before parsing each
//! reference to a declared entity is replaced by what XML 1.0 makes of it (§4.4):
//!
//! - in content, by the entity's replacement text, which is then read as content itself (it may
//!   hold markup and further references);
//! - in an attribute value, by the characters it stands for after attribute-value normalization
//!   (§3.3.3: a white-space character of the replacement text becomes a space, a character
//!   reference its character), escaped for the value.
//!
//! The replacement text is the declared literal with its character references replaced (§4.5); the
//! first declaration of a name binds. Predefined entities (`&lt;`…) and character references are
//! left to the parser, and so are references to names nothing declares, which it reports.
//! Parameter entities of the internal subset are expanded where they stand between declarations;
//! after one that cannot be read, later declarations are not processed (§5.1). A reference to an
//! external entity is an error: nothing is fetched or read. Attribute-list declarations are
//! ignored, so DTD attribute defaults are not applied. Where a replacement text spans lines, the
//! lines after it move in diagnostics.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashMap;

use crate::model::is_xml_space;

/// How far entities may nest in one another.
const MAX_DEPTH: usize = 64;

/// The most text expansion may add, beyond eight times the document's size, against references
/// that multiply (`&a;` standing for ten `&b;`, each for ten `&c;`…).
const MAX_GROWTH: usize = 4 << 20;

/// Why the entities of a document could not be expanded, and where: at the declaration or the
/// reference in the document that led there (a failure inside a replacement text is reported where
/// the document refers to the entity).
#[derive(Debug, PartialEq)]
pub struct Failure {
    pub offset: usize,
    pub message: String,
}

/// `text` with every reference to an entity its DOCTYPE declares replaced; unchanged (and not
/// copied) when it declares none. The DOCTYPE itself is kept, for the parser to skip.
pub fn expand(text: &str) -> Result<Cow<'_, str>, Failure> {
    let Some(subset) = internal_subset(text) else { return Ok(Cow::Borrowed(text)) };
    let mut entities = Entities {
        limit: 8 * text.len() + MAX_GROWTH,
        document: text.as_ptr() as usize,
        ..Entities::default()
    };
    let failed = |entities: &Entities, message| Failure { offset: entities.at.get(), message };
    let Some(body) = entities.declare(text, subset.start, 0).map_err(|m| failed(&entities, m))? else {
        return Ok(Cow::Borrowed(text)); // a subset that is not well-formed: the parser reports it
    };
    let close = text[body..]
        .strip_prefix(']')
        .and_then(|after| after.trim_start_matches(is_xml_space).strip_prefix('>'));
    let Some(close) = close else { return Ok(Cow::Borrowed(text)) };
    let body = text.len() - close.len();
    if entities.general.is_empty() {
        return Ok(Cow::Borrowed(text));
    }
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    out.push_str(&text[..body]);
    entities.content(&text[body..], &mut out, &mut Vec::new()).map_err(|m| failed(&entities, m))?;
    Ok(Cow::Owned(out))
}

/// The internal subset of the document's DOCTYPE: from just after its `[`.
fn internal_subset(text: &str) -> Option<std::ops::RangeFrom<usize>> {
    let mut rest = text.trim_start_matches('\u{feff}');
    // The prolog: white space, the XML declaration, comments and processing instructions.
    loop {
        rest = rest.trim_start_matches(is_xml_space);
        if let Some(pi) = rest.strip_prefix("<?") {
            rest = &pi[pi.find("?>")? + 2..];
        } else if let Some(comment) = rest.strip_prefix("<!--") {
            rest = &comment[comment.find("-->")? + 3..];
        } else {
            break;
        }
    }
    let mut quote = None;
    let declaration = rest.strip_prefix("<!DOCTYPE")?;
    for (i, c) in declaration.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '[') => return Some(text.len() - declaration.len() + i + 1..),
            (None, '>') => return None,
            _ => {}
        }
    }
    None
}

#[derive(Default)]
struct Entities {
    general: HashMap<String, Entity>,
    parameter: HashMap<String, Entity>,
    /// Set once a parameter entity could not be read: later declarations are not processed.
    stopped: bool,
    /// The most text expansion may produce (and an eighth of it, the most references it may
    /// replace), and how much parameter entities have produced.
    limit: usize,
    declared: usize,
    /// References to general entities replaced so far: empty entities that multiply produce no
    /// text but would still take forever.
    replaced: Cell<usize>,
    /// The address of the document's text, and the offset in it of the declaration or reference
    /// being processed: where a failure is reported.
    document: usize,
    at: Cell<usize>,
}

enum Entity {
    /// The replacement text.
    Internal(String),
    /// The system identifier.
    External(String),
}

impl Entities {
    /// Reads the declarations of `text` from `at` up to the `]` that ends the internal subset (or
    /// the end of a parameter entity's text) and returns the offset of that `]` (or of the end);
    /// `None` if the declarations are not well-formed.
    fn declare(&mut self, text: &str, mut at: usize, depth: usize) -> Result<Option<usize>, String> {
        if depth > MAX_DEPTH {
            return Err(format!("parameter entities nest deeper than {MAX_DEPTH}"));
        }
        loop {
            let rest = &text[at..];
            let trimmed = rest.trim_start_matches(is_xml_space);
            at += rest.len() - trimmed.len();
            if trimmed.is_empty() || trimmed.starts_with(']') {
                return Ok(Some(at));
            }
            if depth == 0 {
                self.at.set(at);
            }
            let end = if let Some(comment) = trimmed.strip_prefix("<!--") {
                comment.find("-->").map(|i| 4 + i + 3)
            } else if let Some(pi) = trimmed.strip_prefix("<?") {
                pi.find("?>").map(|i| 2 + i + 2)
            } else if let Some(declaration) = trimmed.strip_prefix("<!ENTITY") {
                let end = declaration_end(declaration).map(|i| 8 + i + 1);
                if let (Some(end), false) = (end, self.stopped) {
                    self.entity(&trimmed[8..end - 1])?;
                }
                end
            } else if trimmed.starts_with("<!") {
                declaration_end(trimmed).map(|i| i + 1)
            } else if let Some(reference) = trimmed.strip_prefix('%') {
                let Some((name, after)) = reference.split_once(';') else { return Ok(None) };
                match self.parameter.get(name) {
                    Some(Entity::Internal(replacement)) if !self.stopped => {
                        let replacement = replacement.clone();
                        self.declared += replacement.len();
                        if self.declared > self.limit {
                            return Err(format!(
                                "parameter entity references expand to more than {} bytes",
                                self.limit
                            ));
                        }
                        self.declare(&replacement, 0, depth + 1)?;
                    }
                    _ => self.stopped = true,
                }
                Some(trimmed.len() - after.len())
            } else {
                None
            };
            match end {
                Some(end) => at += end,
                None => return Ok(None),
            }
        }
    }

    /// One entity declaration, between `<!ENTITY` and its `>`.
    fn entity(&mut self, declaration: &str) -> Result<(), String> {
        let mut rest = declaration.trim_start_matches(is_xml_space);
        let parameter = match rest.strip_prefix('%') {
            Some(after) if after.starts_with(is_xml_space) => {
                rest = after.trim_start_matches(is_xml_space);
                true
            }
            _ => false,
        };
        let name_end = rest.find(is_xml_space).unwrap_or(rest.len());
        let (name, definition) = (&rest[..name_end], rest[name_end..].trim_start_matches(is_xml_space));
        let entity = if let Some(quote) = definition.chars().next().filter(|c| matches!(c, '"' | '\'')) {
            // Not terminated: not a declaration (the parser reports the DOCTYPE).
            let Some((value, _)) = definition[1..].split_once(quote) else { return Ok(()) };
            Entity::Internal(replacement_text(name, value)?)
        } else {
            // `SYSTEM "uri"` or `PUBLIC "id" "uri"`: the last literal is the system identifier.
            let system = definition.rsplit(['"', '\'']).nth(1).unwrap_or_default();
            Entity::External(system.to_owned())
        };
        let entities = if parameter { &mut self.parameter } else { &mut self.general };
        entities.entry(name.to_owned()).or_insert(entity);
        Ok(())
    }

    /// Copies `text` (content) to `out`, with references to declared entities replaced by their
    /// replacement text, itself read as content. `open` holds the entities being replaced.
    fn content(&self, text: &str, out: &mut String, open: &mut Vec<String>) -> Result<(), String> {
        let mut rest = text;
        while let Some(i) = rest.find(['<', '&']) {
            out.push_str(&rest[..i]);
            rest = &rest[i..];
            self.mark(rest, open);
            if rest.starts_with('&') {
                let (name, after) = reference(rest);
                match name.and_then(|name| Some((name, self.general.get(name)?))) {
                    Some((name, Entity::Internal(replacement))) => {
                        self.enter(name, open, out.len())?;
                        self.content(replacement, out, open)?;
                        open.pop();
                        rest = after;
                    }
                    Some((name, Entity::External(system))) => return Err(external(name, system)),
                    None => {
                        out.push('&');
                        rest = &rest[1..];
                    }
                }
                continue;
            }
            let Some(end) = markup_end(rest) else { break };
            let markup = &rest[..end];
            if markup.starts_with("<!") || markup.starts_with("<?") {
                out.push_str(markup);
            } else {
                self.tag(markup, out, open)?;
            }
            rest = &rest[end..];
        }
        out.push_str(rest);
        Ok(())
    }

    /// Copies a start or end tag, with references to declared entities in its attribute values
    /// replaced.
    fn tag(&self, markup: &str, out: &mut String, open: &mut Vec<String>) -> Result<(), String> {
        let mut rest = markup;
        while let Some(i) = rest.find(['"', '\'']) {
            let quote = &rest[i..i + 1];
            let Some(len) = rest[i + 1..].find(quote) else { break };
            out.push_str(&rest[..=i]);
            self.attribute_value(&rest[i + 1..i + 1 + len], quote, out, open)?;
            out.push_str(quote);
            rest = &rest[i + 2 + len..];
        }
        out.push_str(rest);
        Ok(())
    }

    fn attribute_value(
        &self,
        value: &str,
        quote: &str,
        out: &mut String,
        open: &mut Vec<String>,
    ) -> Result<(), String> {
        let mut rest = value;
        while let Some(i) = rest.find('&') {
            out.push_str(&rest[..i]);
            self.mark(&rest[i..], open);
            let (name, after) = reference(&rest[i..]);
            match name.and_then(|name| Some((name, self.general.get(name)?))) {
                Some((name, Entity::Internal(_))) => {
                    let mut chars = String::new();
                    self.normalized(name, &mut chars, open)?;
                    escape(&chars, quote, out);
                    rest = after;
                }
                Some((name, Entity::External(system))) => return Err(external(name, system)),
                None => {
                    out.push('&');
                    rest = &rest[i + 1..];
                }
            }
        }
        out.push_str(rest);
        Ok(())
    }

    /// Appends to `chars` the characters a reference to entity `name` adds to an attribute value.
    fn normalized(&self, name: &str, chars: &mut String, open: &mut Vec<String>) -> Result<(), String> {
        let Some(Entity::Internal(replacement)) = self.general.get(name) else {
            return Err(match self.general.get(name) {
                Some(Entity::External(system)) => external(name, system),
                _ => format!(
                    "entity `{}` refers to `{name}`, which is not declared",
                    open.last().map_or("", |s| s)
                ),
            });
        };
        self.enter(name, open, chars.len())?;
        let mut rest = replacement.as_str();
        while let Some(c) = rest.chars().next() {
            match c {
                '&' => {
                    let (reference, after) = reference(rest);
                    let reference = reference
                        .ok_or_else(|| format!("entity `{name}` holds a `&` that starts no reference"))?;
                    match predefined(reference) {
                        Some(c) => chars.push(c),
                        None if reference.starts_with('#') => {
                            chars.push(character(reference).ok_or_else(|| not_a_character(name, reference))?)
                        }
                        None => self.normalized(reference, chars, open)?,
                    }
                    rest = after;
                    continue;
                }
                '<' => return Err(format!("entity `{name}` holds `<`, which an attribute value cannot")),
                ' ' | '\t' | '\n' | '\r' => chars.push(' '),
                c => chars.push(c),
            }
            rest = &rest[c.len_utf8()..];
        }
        open.pop();
        Ok(())
    }

    /// Notes where `rest` starts as the place to report a failure, if it is text of the document
    /// itself (no entity is open) rather than a replacement text.
    fn mark(&self, rest: &str, open: &[String]) {
        if open.is_empty() {
            self.at.set((rest.as_ptr() as usize).saturating_sub(self.document));
        }
    }

    /// Marks entity `name` as being replaced, refusing a cycle, deep nesting and runaway growth.
    fn enter(&self, name: &str, open: &mut Vec<String>, produced: usize) -> Result<(), String> {
        if open.iter().any(|o| o == name) {
            return Err(format!("entity `{name}` refers to itself (through {})", open.join(", ")));
        }
        if open.len() >= MAX_DEPTH {
            return Err(format!("entities nest deeper than {MAX_DEPTH} (through `{name}`)"));
        }
        self.replaced.set(self.replaced.get() + 1);
        if produced > self.limit || self.replaced.get() > self.limit / 8 {
            return Err(format!(
                "entity references expand the document to more than {} bytes or {} references",
                self.limit,
                self.limit / 8
            ));
        }
        open.push(name.to_owned());
        Ok(())
    }
}

/// The replacement text of an entity declared with literal `value`: character references replaced,
/// other references kept (they are replaced where the entity is used).
fn replacement_text(name: &str, value: &str) -> Result<String, String> {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(i) = rest.find("&#") {
        out.push_str(&rest[..i]);
        let (reference, after) = reference(&rest[i..]);
        let reference =
            reference.ok_or_else(|| format!("entity `{name}` holds an unterminated character reference"))?;
        out.push(character(reference).ok_or_else(|| not_a_character(name, reference))?);
        rest = after;
    }
    out.push_str(rest);
    Ok(out)
}

/// The name between `&` and `;` at the start of `text` (`None` if there is no `;` before the next
/// markup or white space), and what follows the `;`.
fn reference(text: &str) -> (Option<&str>, &str) {
    let body = &text[1..];
    match body.find(|c: char| c == ';' || c == '&' || c == '<' || is_xml_space(c)) {
        Some(end) if body[end..].starts_with(';') && end > 0 => (Some(&body[..end]), &body[end + 1..]),
        _ => (None, text),
    }
}

pub(super) fn predefined(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => None,
    }
}

/// The character of a character reference's name (`#65`, `#x41`).
pub(super) fn character(reference: &str) -> Option<char> {
    let code = match reference.strip_prefix("#x") {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => reference.strip_prefix('#')?.parse().ok()?,
    };
    char::from_u32(code).filter(|&c| c != '\0')
}

/// Appends `chars` to an attribute value delimited by `quote`, escaped so that the parser reads
/// them back as they are (white space included, which it would otherwise normalize).
fn escape(chars: &str, quote: &str, out: &mut String) {
    for c in chars.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' if quote == "\"" => out.push_str("&quot;"),
            '\'' if quote == "'" => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

/// The offset just past the `>` that ends a markup declaration starting in `text` (quoted literals
/// may hold `>`).
fn declaration_end(text: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// The offset just past the markup at the start of `text`: a comment, CDATA section, processing
/// instruction, or tag (whose quoted attribute values may hold `>`).
fn markup_end(text: &str) -> Option<usize> {
    for (open, close) in [("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", "?>")] {
        if let Some(rest) = text.strip_prefix(open) {
            return rest.find(close).map(|i| open.len() + i + close.len());
        }
    }
    declaration_end(text).map(|i| i + 1)
}

fn external(name: &str, system: &str) -> String {
    format!("entity `{name}` is external (`{system}`); the generator reads no external entity")
}

fn not_a_character(name: &str, reference: &str) -> String {
    format!("entity `{name}` holds `&{reference};`, which is not a character XML allows")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expanded(text: &str) -> String {
        expand(text).unwrap().into_owned()
    }

    #[test]
    fn a_document_without_entity_declarations_is_not_copied() {
        for text in [
            "<xs:schema/>",
            "<?xml version=\"1.0\"?><!DOCTYPE xs:schema SYSTEM \"XMLSchema.dtd\"><xs:schema a=\"&amp;\"/>",
            "<!DOCTYPE xs:schema [ <!ATTLIST xs:schema id ID #IMPLIED> ]><xs:schema/>",
            "<!-- <!DOCTYPE s [<!ENTITY a 'b'>]> --><s>&a;</s>",
        ] {
            assert!(matches!(expand(text), Ok(Cow::Borrowed(_))), "{text}");
        }
    }

    #[test]
    fn in_attribute_values_references_become_their_normalized_characters() {
        // As in MPEG-DASH's schema: patterns built from pieces, `quot` declared again, an entity
        // whose value holds `&amp;` (replaced where it is used) and one holding a `>`.
        let text = r#"<?xml version="1.0"?>
<!DOCTYPE schema [
  <!ENTITY tab "&#x09;">
  <!ENTITY quot "&#x22;">
  <!ENTITY digit "0-9">
  <!ENTITY hex "[&digit;A-F]">
  <!ENTITY reserved ";/?&amp;">
  <!ENTITY brackets "<>">
  <!ENTITY doubled "&#38;#9;">
]>
<schema><pattern value="&hex;{2}&quot;&reserved;&tab;|&doubled;" other='&quot;'/></schema>"#;
        let out = expanded(text);
        assert!(out.starts_with(&text[..text.find("<schema>").unwrap()]), "the DOCTYPE is kept");
        assert!(
            out.ends_with(r#"<schema><pattern value="[0-9A-F]{2}&quot;;/?&amp; |&#9;" other='"'/></schema>"#),
            "{out}"
        );
        // `<` may not reach an attribute value.
        let text = text.replace("&tab;", "&brackets;");
        let e = expand(&text).unwrap_err();
        assert!(e.message.contains("`brackets` holds `<`"), "{e:?}");
        assert_eq!(&text[e.offset..e.offset + 10], "&brackets;", "reported where the value refers to it");
    }

    #[test]
    fn in_content_the_replacement_text_is_read_as_content() {
        let text =
            "<!DOCTYPE s [\n<!ENTITY id '<attribute name=\"id\" type=\"&t;\"/>'>\n<!ENTITY t \"ID\">\n\
                    <!ENTITY % decl '<!ENTITY late \"x&#38;#38;#60;y\">'>\n%decl;\n<!ENTITY t 'ignored'>\n]>\
                    <s><type>&id;<!-- &id; --><![CDATA[&t;]]> &late; &lt; &#65; &undeclared;</type></s>";
        let out = expanded(text);
        assert!(
            out.ends_with(
                "]><s><type><attribute name=\"id\" type=\"ID\"/><!-- &id; --><![CDATA[&t;]]> x&#60;y &lt; &#65; &undeclared;</type></s>"
            ),
            "{out}"
        );
    }

    #[test]
    fn cycles_external_entities_and_runaway_growth_are_errors() {
        let expand = |text: &str| expand(text).map(|_| ()).map_err(|f| f.message);
        let e = expand("<!DOCTYPE s [<!ENTITY a '&b;'><!ENTITY b '&a;'>]><s>&a;</s>").unwrap_err();
        assert!(e.contains("`a` refers to itself (through a, b)"), "{e}");
        let e = expand("<!DOCTYPE s [<!ENTITY a '&b;'><!ENTITY b '&a;'>]><s x='&b;'/>").unwrap_err();
        assert!(e.contains("`b` refers to itself"), "{e}");
        let e = expand("<!DOCTYPE s [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><s>&e;</s>").unwrap_err();
        assert!(e.contains("`e` is external (`file:///etc/passwd`)"), "{e}");
        let mut laughs = String::from("<!DOCTYPE s [<!ENTITY l0 'lol'>");
        for i in 1..12 {
            let previous = format!("&l{};", i - 1);
            laughs += &format!("<!ENTITY l{i} '{}'>", previous.repeat(10));
        }
        let e = expand(&(laughs + "]><s>&l11;</s>")).unwrap_err();
        assert!(e.contains("expand the document to more than"), "{e}");
        let mut deep = String::from("<!DOCTYPE s [<!ENTITY e0 'x'>");
        for i in 1..100 {
            deep += &format!("<!ENTITY e{i} '&e{};'>", i - 1);
        }
        let e = expand(&(deep + "]><s>&e99;</s>")).unwrap_err();
        assert!(e.contains("nest deeper than 64"), "{e}");
        // Parameter entities that multiply, and one that refers to itself.
        let mut doubling = String::from("<!DOCTYPE s [<!ENTITY % p0 '<!-- x -->'>");
        for i in 1..40 {
            doubling += &format!("<!ENTITY % p{i} '%p{};%p{};'>", i - 1, i - 1);
        }
        let e = expand(&(doubling + "%p39;]><s/>")).unwrap_err();
        assert!(e.contains("parameter entity references expand to more than"), "{e}");
        let mut empty = String::from("<!DOCTYPE s [<!ENTITY e0 ''>");
        for i in 1..40 {
            empty += &format!("<!ENTITY e{i} '&e{};&e{};'>", i - 1, i - 1);
        }
        let e = expand(&(empty.clone() + "]><s>&e39;</s>")).unwrap_err();
        assert!(e.contains("references expand the document"), "{e}");
        let e = expand(&(empty + "]><s a='&e39;'/>")).unwrap_err();
        assert!(e.contains("references expand the document"), "{e}");
        let e = expand("<!DOCTYPE s [<!ENTITY % p '%p;'>%p;]><s/>").unwrap_err();
        assert!(e.contains("parameter entities nest deeper than 64"), "{e}");
    }

    /// A failure is reported at the reference in the document, or at the declaration in its
    /// DOCTYPE, that led to it, however deep in replacement texts it happened.
    #[test]
    fn failures_are_reported_where_the_document_led_to_them() {
        let at = |text: &str| {
            let failure = expand(text).unwrap_err();
            text[failure.offset..].chars().take(6).collect::<String>()
        };
        let cycle = "<!DOCTYPE s [<!ENTITY a '&b;'><!ENTITY b '&a;'>]>\n<s>\n  <t>&amp;</t><u>&a;</u>\n</s>";
        assert_eq!(at(cycle), "&a;</u");
        assert_eq!(
            at("<!DOCTYPE s [<!ENTITY a '&b;'><!ENTITY b '&a;'>]><s><t x='1' y='&a;'/></s>"),
            "&a;'/>"
        );
        assert_eq!(at("<!DOCTYPE s [<!ENTITY % p '%p;'> %p;]><s/>"), "%p;]><");
        assert_eq!(at("<!DOCTYPE s [<!ENTITY a 'x'>\n <!ENTITY b '&#0;'>]><s/>"), "<!ENTI");
    }

    /// Mutations of a document that uses every construct: `expand` returns, whatever the input.
    #[test]
    fn mangled_declarations_and_references_never_panic() {
        let base = "<?xml version='1.0'?><!-- c --><!DOCTYPE s [<!ENTITY % p '<!ENTITY q \"Q&#38;#38;\">'>%p;\
                    <!ENTITY a \"&#x41;&b;\"><!ENTITY b 'é<i x=\"&q;\"/>'><!ENTITY e SYSTEM 'x'><!ATTLIST s a CDATA '>'>]>\
                    <s v=\"&a;&q;&lt;\">&b;<![CDATA[&a;]]><?pi &a;?>&unknown;&#65;</s>";
        let alphabet: Vec<char> = "<>&;%\"'[]!#x09az é-/?=".chars().collect();
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for _ in 0..4000 {
            let mut chars: Vec<char> = base.chars().collect();
            for _ in 0..1 + next(4) {
                let at = next(chars.len());
                match next(3) {
                    0 => drop(chars.remove(at)),
                    1 => chars.insert(at, alphabet[next(alphabet.len())]),
                    _ => chars[at] = alphabet[next(alphabet.len())],
                }
            }
            let _ = expand(&chars.into_iter().collect::<String>());
        }
    }

    #[test]
    fn after_a_parameter_entity_that_is_not_read_declarations_are_not_processed() {
        let text =
            "<!DOCTYPE s [<!ENTITY a 'A'><!ENTITY % ext SYSTEM 'ext.dtd'>%ext;<!ENTITY b 'B'>]><s>&a;&b;</s>";
        assert!(expanded(text).ends_with("<s>A&b;</s>"));
    }
}
