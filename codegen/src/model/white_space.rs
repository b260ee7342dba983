//! The `whiteSpace` facet (XSD Part 2 §4.3.6) as it bears on the schema itself: the values of an
//! `enumeration` facet are values of the type it restricts, so white space that type's facet
//! normalizes away is not part of them. OJP's `FareClassEnumeration` (a restriction of `NMTOKEN`)
//! lists `secondClass ` with a trailing space; a document's `secondClass` is that value, and the
//! generated code compares collapsed text.

use std::borrow::Cow;

use super::{QName, SchemaSet, SimpleVariety, TypeDef};

/// What a simple type's text goes through before it is a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhiteSpace {
    Preserve,
    /// Each tab, line feed and carriage return becomes a space.
    Replace,
    /// As `Replace`, then runs of spaces become one and leading and trailing ones go.
    Collapse,
}

impl WhiteSpace {
    fn from_facet(value: &str) -> Option<WhiteSpace> {
        match trim_xml(value) {
            "preserve" => Some(WhiteSpace::Preserve),
            "replace" => Some(WhiteSpace::Replace),
            "collapse" => Some(WhiteSpace::Collapse),
            _ => None,
        }
    }

    /// The built-in type `local`'s: only `string` (and the ur-types) keep white space.
    fn of_builtin(local: &str) -> WhiteSpace {
        match local {
            "string" | "anySimpleType" | "anyType" => WhiteSpace::Preserve,
            "normalizedString" => WhiteSpace::Replace,
            _ => WhiteSpace::Collapse,
        }
    }

    pub fn apply(self, text: &str) -> Cow<'_, str> {
        match self {
            WhiteSpace::Preserve => Cow::Borrowed(text),
            WhiteSpace::Replace if !text.contains(['\t', '\n', '\r']) => Cow::Borrowed(text),
            WhiteSpace::Replace => Cow::Owned(text.replace(['\t', '\n', '\r'], " ")),
            WhiteSpace::Collapse => {
                let collapsed =
                    text.split(is_xml_space).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
                if collapsed == text {
                    Cow::Borrowed(text)
                } else {
                    Cow::Owned(collapsed)
                }
            }
        }
    }
}

/// XML's white space: space, tab, line feed and carriage return. Other Unicode spaces (U+2002 and
/// the like) are data to XML, although `char::is_whitespace` and `str::trim` take them.
pub fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// `text` without leading and trailing XML white space: a schema's numbers, names and flags are read
/// so, as the types they belong to collapse white space.
pub fn trim_xml(text: &str) -> &str {
    text.trim_matches(is_xml_space)
}

/// The items of a list value: what lies between runs of XML white space.
pub fn xml_items(text: &str) -> impl Iterator<Item = &str> {
    text.split(is_xml_space).filter(|item| !item.is_empty())
}

impl SchemaSet {
    /// The white-space handling of simple type `name`; `None` for a union (each member has its
    /// own) or a type the set does not define.
    pub fn white_space(&self, name: &QName) -> Option<WhiteSpace> {
        let mut name = name;
        // Restriction chains end at a built-in type; the bound only guards against a cycle.
        for _ in 0..64 {
            if name.is_builtin() {
                return Some(WhiteSpace::of_builtin(&name.local));
            }
            match self.types.get(name)? {
                TypeDef::Simple(st) => match &st.variety {
                    SimpleVariety::Restriction { base, facets } => {
                        if let Some(ws) = facets.white_space.as_deref().and_then(WhiteSpace::from_facet) {
                            return Some(ws);
                        }
                        name = base;
                    }
                    SimpleVariety::List { .. } => return Some(WhiteSpace::Collapse),
                    SimpleVariety::Union { .. } => return None,
                },
                TypeDef::Complex(_) => return None,
            }
        }
        None
    }

    /// Writes each enumeration value as the value it stands for, with the white space of the
    /// restricted type normalized.
    pub fn normalize_enumerations(&mut self) {
        let mut normalized = Vec::new();
        for (name, ty) in &self.types {
            let TypeDef::Simple(st) = ty else { continue };
            let SimpleVariety::Restriction { facets, .. } = &st.variety else { continue };
            if facets.enumeration.is_empty() {
                continue;
            }
            let Some(ws) = self.white_space(name) else { continue };
            let values: Vec<String> =
                facets.enumeration.iter().map(|(v, _)| ws.apply(v).into_owned()).collect();
            if values.iter().zip(&facets.enumeration).any(|(n, (v, _))| n != v) {
                normalized.push((name.clone(), values));
            }
        }
        for (name, values) in normalized {
            if let Some(TypeDef::Simple(st)) = self.types.get_mut(&name) {
                if let SimpleVariety::Restriction { facets, .. } = &mut st.variety {
                    for ((value, _), normalized) in facets.enumeration.iter_mut().zip(values) {
                        *value = normalized;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_mode_normalizes_as_the_facet_says() {
        let text = " a\tb \n c  ";
        assert_eq!(WhiteSpace::Preserve.apply(text), text);
        assert_eq!(WhiteSpace::Replace.apply(text), " a b   c  ");
        assert_eq!(WhiteSpace::Collapse.apply(text), "a b c");
        assert!(matches!(WhiteSpace::Collapse.apply("a b"), Cow::Borrowed(_)));
        // U+00A0 and U+2002 are data, not white space, to XML.
        assert_eq!(WhiteSpace::Collapse.apply("\u{a0}a \u{2002}b"), "\u{a0}a \u{2002}b");
    }

    #[test]
    fn trimming_and_splitting_take_xml_white_space_only() {
        assert_eq!(trim_xml(" \t7\r\n"), "7");
        assert_eq!(trim_xml("\u{2002}7\u{a0}"), "\u{2002}7\u{a0}");
        assert_eq!(xml_items(" a\tb\n\nc ").collect::<Vec<_>>(), ["a", "b", "c"]);
        assert_eq!(xml_items("a\u{2002}b\u{c}c").collect::<Vec<_>>(), ["a\u{2002}b\u{c}c"]);
        assert_eq!(xml_items(" \t ").count(), 0);
        assert_eq!(WhiteSpace::from_facet(" collapse\n"), Some(WhiteSpace::Collapse));
        assert_eq!(WhiteSpace::from_facet("collapse\u{2002}"), None);
    }
}
