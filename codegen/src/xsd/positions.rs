//! A light second pass over the schema files that maps definitions and references to
//! file:line:column — the parsed schema tree carries no positions, and diagnostics need them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use quick_xml::events::Event;
use quick_xml::Reader;

use super::well_formed::tag_offset;
use crate::model::{xml_items, Location};

/// Attributes whose values name other schema components.
const REFERENCE_ATTRIBUTES: &[&[u8]] =
    &[b"type", b"ref", b"base", b"itemType", b"memberTypes", b"substitutionGroup"];

#[derive(Debug, Default)]
pub struct Positions {
    /// (file, component kind, name) → where it is defined.
    definitions: BTreeMap<(PathBuf, String, String), Location>,
    /// file → (referenced name as written, where), in document order.
    references: BTreeMap<PathBuf, Vec<(String, Location)>>,
    /// file → the `default` and `fixed` values of its element and attribute declarations, in
    /// document order.
    value_constraints: BTreeMap<PathBuf, Vec<ValueConstraint>>,
    /// file → its includes, imports, redefines and overrides, in document order.
    pub links: BTreeMap<PathBuf, Vec<Link>>,
    /// file → the `targetNamespace` its root declares.
    pub target_namespaces: BTreeMap<PathBuf, Option<String>>,
}

/// A `default` or `fixed` value as a declaration gives it.
#[derive(Debug)]
struct ValueConstraint {
    /// The declaration's `name`.
    declaration: String,
    /// `default` or `fixed`.
    attribute: String,
    /// The value, unescaped.
    value: String,
    /// Where the value starts.
    at: Location,
}

/// An `include`, `import`, `redefine` or `override` of a schema document.
#[derive(Debug, Clone)]
pub struct Link {
    pub kind: String,
    pub location: Option<String>,
    pub namespace: Option<String>,
    pub at: Location,
}

impl Positions {
    /// Scans one schema file, which is well-formed ([`well_formed`](super::well_formed)).
    pub fn scan(&mut self, file: &Path, text: &str) {
        let mut reader = Reader::from_str(text);
        let mut depth = 0usize;
        // Inside `xs:redefine` or `xs:override`, whose children are definitions too.
        let mut redefining = false;
        let mut lines = LineCounter::default();
        // Collected here and stored once: a map entry per reference compared whole paths each time.
        let mut references = Vec::new();
        let mut value_constraints = Vec::new();
        loop {
            let at = reader.buffer_position() as usize;
            let (tag, empty) = match reader.read_event() {
                Ok(Event::Start(tag)) => (tag, false),
                Ok(Event::Empty(tag)) => (tag, true),
                Ok(Event::End(_)) => {
                    depth = depth.saturating_sub(1);
                    redefining &= depth > 1;
                    continue;
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => continue,
            };
            let location = lines.location(file, text, at);
            let kind = String::from_utf8_lossy(tag.local_name().into_inner()).into_owned();
            let is_link =
                depth == 1 && matches!(kind.as_str(), "include" | "import" | "redefine" | "override");
            let mut link = Link { kind: kind.clone(), location: None, namespace: None, at: location.clone() };
            let declares = matches!(kind.as_str(), "element" | "attribute");
            let (mut declaration, first_value) = (None, value_constraints.len());
            for attr in tag.attributes().flatten() {
                let key = attr.key.into_inner();
                let value = String::from_utf8_lossy(&attr.value).into_owned();
                if declares && matches!(key, b"default" | b"fixed") {
                    let offset = tag_offset(&tag, &attr.value).map_or(at, |o| at + 1 + o);
                    value_constraints.push(ValueConstraint {
                        declaration: String::new(),
                        attribute: String::from_utf8_lossy(key).into_owned(),
                        value: attribute_value(&value),
                        at: lines.location(file, text, offset),
                    });
                    continue;
                }
                if declares && key == b"name" {
                    declaration = Some(value.clone());
                }
                if depth == 0 && key == b"targetNamespace" {
                    self.target_namespaces.insert(file.to_owned(), Some(value));
                } else if key == b"name" && (depth == 1 || depth == 2 && redefining) {
                    self.definitions.insert((file.to_owned(), kind.clone(), value), location.clone());
                } else if is_link && key == b"schemaLocation" {
                    link.location = Some(attribute_value(&value));
                } else if is_link && key == b"namespace" {
                    link.namespace = Some(attribute_value(&value));
                } else if REFERENCE_ATTRIBUTES.contains(&key) {
                    for name in xml_items(&value) {
                        references.push((name.to_owned(), location.clone()));
                    }
                }
            }
            // The name may follow the values in the tag.
            for constraint in &mut value_constraints[first_value..] {
                constraint.declaration = declaration.clone().unwrap_or_default();
            }
            if depth == 0 {
                self.target_namespaces.entry(file.to_owned()).or_insert(None);
            }
            if is_link {
                self.links.entry(file.to_owned()).or_default().push(link);
                redefining = !empty && matches!(kind.as_str(), "redefine" | "override");
            }
            if !empty {
                depth += 1;
            }
        }
        if !references.is_empty() {
            self.references.entry(file.to_owned()).or_default().extend(references);
        }
        if !value_constraints.is_empty() {
            self.value_constraints.entry(file.to_owned()).or_default().extend(value_constraints);
        }
    }

    /// Whether any scanned file refers to a component by an `xml:` name (`ref="xml:lang"`): the XML
    /// namespace is then loaded even without an import, as the prefix is bound in every document.
    pub fn uses_xml_namespace(&self) -> bool {
        self.references.values().flatten().any(|(name, _)| name.starts_with("xml:"))
    }

    /// Where `kind` (e.g. `complexType`) `name` is defined in `file`.
    pub fn definition(&self, file: &Path, kind: &str, name: &str) -> Option<Location> {
        self.definitions.get(&(file.to_owned(), kind.to_owned(), name.to_owned())).cloned()
    }

    /// Where `file` first gives a declaration of `name` (local) `attribute` (`default` or `fixed`)
    /// `value`.
    pub fn value_constraint(
        &self,
        file: &Path,
        name: &str,
        attribute: &str,
        value: &str,
    ) -> Option<Location> {
        let values = self.value_constraints.get(file)?;
        values
            .iter()
            .find(|c| c.declaration == name && c.attribute == attribute && c.value == value)
            .map(|c| c.at.clone())
    }

    /// Where `file` first refers to `name` (as written, or by its local part).
    pub fn reference(&self, file: &Path, name: &str) -> Option<Location> {
        let refs = self.references.get(file)?;
        refs.iter()
            .find(|(n, _)| n == name)
            .or_else(|| refs.iter().find(|(n, _)| n.rsplit(':').next() == Some(name)))
            .map(|(_, l)| l.clone())
    }
}

/// The value of an attribute as written `raw`, as XML gives it (§3.3.3): white space written as
/// such is a space, references are what they refer to (`a&amp;b.xsd` is `a&b.xsd`). A reference
/// that does not resolve is left as written, for the parser to report.
fn attribute_value(raw: &str) -> String {
    let spaced = raw.replace(['\t', '\n', '\r'], " ");
    match quick_xml::escape::unescape(&spaced) {
        Ok(value) => value.into_owned(),
        Err(_) => spaced,
    }
}

/// The line and column of byte `offset` of `text`, the text of `file`.
pub fn location_at(file: &Path, text: &str, offset: usize) -> Location {
    LineCounter::default().location(file, text, offset)
}

/// Line and column of byte offsets that only move forward: counting from the previous offset
/// keeps a scan linear in the file's length. Lines end as XML's do, at a line feed, a carriage
/// return or both together, and a byte-order mark is no column, as editors count them.
#[derive(Default)]
struct LineCounter {
    /// Offset counted up to, the number of line ends before it, and where its line starts.
    at: usize,
    line_ends: usize,
    line_start: usize,
}

impl LineCounter {
    fn location(&mut self, file: &Path, text: &str, at: usize) -> Location {
        let bytes = text.as_bytes();
        let at = at.min(bytes.len()).max(self.at);
        for i in self.at..at {
            match bytes[i] {
                b'\n' if i > 0 && bytes[i - 1] == b'\r' => self.line_start = i + 1,
                b'\n' | b'\r' => (self.line_ends, self.line_start) = (self.line_ends + 1, i + 1),
                _ => {}
            }
        }
        self.at = at;
        let start = match self.line_start {
            0 if text.starts_with('\u{feff}') => '\u{feff}'.len_utf8().min(at),
            start => start,
        };
        let column = String::from_utf8_lossy(&bytes[start..at]).chars().count() + 1;
        Location { file: file.to_owned(), line: self.line_ends + 1, column }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_as_xml_s_do_and_a_byte_order_mark_is_no_column() {
        let at = |text: &str, offset| {
            let l = location_at(Path::new("a.xsd"), text, offset);
            (l.line, l.column)
        };
        assert_eq!(at("ab\r\ncd\ref", 8), (3, 2));
        assert_eq!(at("a\r\rb", 3), (3, 1));
        assert_eq!(at("a\n\rb", 3), (3, 1));
        assert_eq!(at("\u{feff}<a>x", 6), (1, 4));
        assert_eq!(at("\u{feff}<a>x", 0), (1, 1));
        // Counting on from an offset between `\r` and `\n` sees them as one line end.
        let (file, text) = (Path::new("a.xsd"), "a\r\nb");
        let mut lines = LineCounter::default();
        let first = lines.location(file, text, 2);
        let second = lines.location(file, text, 4);
        assert_eq!([(first.line, first.column), (second.line, second.column)], [(2, 1), (2, 2)]);
    }
}
