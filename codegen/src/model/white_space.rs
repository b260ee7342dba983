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
        match value.trim() {
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
        let is_xml_space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
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
    }
}
