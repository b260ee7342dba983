//! What the generator can tell about a schema's literal values (defaults, fixed values) without the
//! runtime: whether a lexical form is certainly a value of a simple type, certainly not, or either
//! as far as it knows. An attribute's accessor returns a default that is certainly valid
//! ([`default_is_valid`]); a default that is certainly not makes the schema invalid
//! (`xsd::value_constraints`).

use std::collections::BTreeMap;

use super::builtin::{builtin, is_builtin_type};
use super::simple::{names_of, same_values};
use crate::model::{trim_xml, xml_items, Facets, QName, SchemaSet, SimpleVariety, TypeDef, WhiteSpace};

/// Whether a lexical form is a value of a type, as far as the generator can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Valid,
    Invalid,
    /// The generator does not check this type's values (dates, patterns, bounds…), or the type is
    /// not a simple type it knows.
    Unknown,
}

/// Whether `lexical` is certainly a valid value of `ty`, as far as the generator can tell without
/// the runtime: primitives it can parse, and enumeration values.
pub fn default_is_valid(set: &SchemaSet, ty: &QName, lexical: &str) -> bool {
    verdict(set, ty, lexical) == Verdict::Valid
}

/// Whether `lexical` is a value of simple type `ty`. Certain in both directions for the
/// primitives the generator parses (booleans, numbers, names, any text); a value an enumeration
/// lists is valid; a value its base refuses is refused by every restriction, list and union built
/// on it, and so is one a restriction's patterns do not match. What depends on other facets (bounds,
/// lengths) or other primitives is [`Verdict::Unknown`] unless an enumeration lists it.
pub fn verdict(set: &SchemaSet, ty: &QName, lexical: &str) -> Verdict {
    verdict_of(set, ty, trim_xml(lexical), lexical, &mut BTreeMap::new())
}

/// `verdict` of `v` (trimmed; `lexical` is as written, for patterns), each type's kept in `known`
/// (`None` while it is being found). Types can be shared (a union of unions of the same member need
/// not be looked at again) and, in a schema the loader reports, circular: a type met again on its
/// own way tells nothing.
fn verdict_of<'a>(
    set: &'a SchemaSet,
    ty: &'a QName,
    v: &str,
    lexical: &str,
    known: &mut BTreeMap<&'a QName, Option<Verdict>>,
) -> Verdict {
    if is_builtin_type(ty) {
        return builtin_verdict(&ty.local, v);
    }
    match known.get(ty) {
        Some(verdict) => return verdict.unwrap_or(Verdict::Unknown),
        None => known.insert(ty, None),
    };
    let Some(TypeDef::Simple(st)) = set.types.get(ty) else { return Verdict::Unknown };
    let verdict = match &st.variety {
        SimpleVariety::Restriction { facets, .. } if facets.enumeration.iter().any(|(e, _)| e == v) => {
            Verdict::Valid
        }
        SimpleVariety::Restriction { base, facets } => {
            let patterns = pattern_verdict(set, ty, &facets.pattern, lexical);
            match verdict_of(set, base, v, lexical, known) {
                Verdict::Invalid => Verdict::Invalid,
                _ if patterns == Verdict::Invalid => Verdict::Invalid,
                // A new name for its base (no facets of its own but patterns that match): the
                // base's values.
                base_verdict
                    if patterns == Verdict::Valid
                        && same_values(&Facets { pattern: Vec::new(), ..(**facets).clone() }) =>
                {
                    base_verdict
                }
                _ => Verdict::Unknown,
            }
        }
        SimpleVariety::Union { members } => {
            let verdicts: Vec<Verdict> =
                members.iter().map(|m| verdict_of(set, m, v, lexical, known)).collect();
            if verdicts.contains(&Verdict::Valid) {
                Verdict::Valid
            } else if !verdicts.is_empty() && verdicts.iter().all(|&m| m == Verdict::Invalid) {
                Verdict::Invalid
            } else {
                Verdict::Unknown
            }
        }
        // Valid only if every item is, which a list's own facets may still refuse: the generator
        // says only when an item is no value of the item type.
        SimpleVariety::List { item } => {
            if xml_items(v).any(|i| verdict(set, item, i) == Verdict::Invalid) {
                Verdict::Invalid
            } else {
                Verdict::Unknown
            }
        }
    };
    known.insert(ty, Some(verdict));
    verdict
}

/// Whether one of a restriction step's `patterns` matches `lexical`, once the white space of `ty` is
/// normalized: valid where there are none, unknown where the runtime could not match them either.
fn pattern_verdict(set: &SchemaSet, ty: &QName, patterns: &[String], lexical: &str) -> Verdict {
    if patterns.is_empty() {
        return Verdict::Valid;
    }
    let compiled = crate::pattern::runtime_regex(patterns).and_then(|regex| {
        regex::RegexBuilder::new(&regex).size_limit(crate::pattern::SIZE_LIMIT).build().ok()
    });
    let Some(regex) = compiled else { return Verdict::Unknown };
    let text = set.white_space(ty).unwrap_or(WhiteSpace::Collapse).apply(lexical).into_owned();
    if regex.is_match(&text) {
        Verdict::Valid
    } else {
        Verdict::Invalid
    }
}

/// Whether `v` (trimmed) is a value of built-in `local`.
fn builtin_verdict(local: &str, v: &str) -> Verdict {
    let Some(b) = builtin(local) else { return Verdict::Unknown };
    let valid = match b.rust {
        "bool" => matches!(v, "true" | "false" | "1" | "0"),
        rust @ ("i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64") => {
            crate::emit::fits_integer(rust, v)
        }
        "f32" | "f64" => v.parse::<f64>().is_ok() || matches!(v, "INF" | "-INF" | "NaN"),
        "Decimal" => is_decimal(v),
        "Integer" => is_decimal(v) && !v.contains('.'),
        _ => match (names_of(local), b.list_item) {
            (Some(xsd), _) => is_name_of_type(xsd, v),
            // `NMTOKENS`, `IDREFS`, `ENTITIES`: one name or more.
            (None, Some(item)) => {
                xml_items(v).next().is_some() && xml_items(v).all(|i| is_name_of_type(item, i))
            }
            (None, None) if b.accepts_any_text => true,
            (None, None) => return Verdict::Unknown,
        },
    };
    if valid {
        Verdict::Valid
    } else {
        Verdict::Invalid
    }
}

/// The lexical form of `xs:decimal`: a sign, digits, and a fraction (`-1.5`, `+.5`, `2.`).
fn is_decimal(v: &str) -> bool {
    let digits = v.strip_prefix(['+', '-']).unwrap_or(v);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    !(whole.is_empty() && fraction.is_empty())
        && whole.bytes().chain(fraction.bytes()).all(|c| c.is_ascii_digit())
}

/// Whether `v` is a value of the built-in name type `xsd` (see `names_of`), by the rules the
/// runtime's `xs::is_name_of_type` applies to documents: XML 1.0's (fifth edition) names. (The
/// generator does not depend on the runtime, so the rules are written twice.)
fn is_name_of_type(xsd: &str, v: &str) -> bool {
    let start = |c: char| {
        matches!(c,
            ':' | 'A'..='Z' | '_' | 'a'..='z'
            | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
            | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
            | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
            | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
    };
    let name_char = |c: char| {
        start(c)
            || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
    };
    let mut chars = v.chars();
    let Some(first) = chars.next() else { return false };
    match xsd {
        "NMTOKEN" => v.chars().all(name_char),
        "Name" => start(first) && chars.all(name_char),
        "NCName" => start(first) && !v.contains(':') && chars.all(name_char),
        "language" => v.split('-').enumerate().all(|(i, part)| {
            (1..=8).contains(&part.len())
                && part
                    .bytes()
                    .all(|c| if i == 0 { c.is_ascii_alphabetic() } else { c.is_ascii_alphanumeric() })
        }),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_schema::{schema, NS};
    use super::*;

    fn q(local: &str) -> QName {
        QName { ns: Some(NS.into()), local: local.into() }
    }

    fn xs(local: &str) -> QName {
        QName { ns: Some(crate::model::XS.into()), local: local.into() }
    }

    #[test]
    fn names_and_decimals_are_checked_as_their_type_does() {
        assert!(is_name_of_type("NMTOKEN", "01") && !is_name_of_type("NCName", "01"));
        assert!(is_name_of_type("Name", "a:b") && !is_name_of_type("NCName", "a:b"));
        assert!(is_name_of_type("language", "de-CH") && !is_name_of_type("language", "de_CH"));
        // As the runtime checks them: `·` continues a name, `×` is no name character.
        assert!(is_name_of_type("NCName", "a\u{B7}") && !is_name_of_type("NCName", "\u{B7}a"));
        assert!(!is_name_of_type("NMTOKEN", "a\u{D7}b") && !is_name_of_type("NMTOKEN", "\u{10FFFF}"));
        assert!(
            is_decimal("-1.5")
                && is_decimal("+.5")
                && is_decimal("2.")
                && !is_decimal(".")
                && !is_decimal("1e5")
        );
    }

    #[test]
    fn defaults_are_valid_only_when_the_generator_can_tell() {
        let set = schema(
            r#"<xs:simpleType name="kind"><xs:restriction base="xs:string"><xs:enumeration value="a"/></xs:restriction></xs:simpleType>"#,
        );
        assert!(default_is_valid(&set, &xs("boolean"), " 1 "));
        assert!(!default_is_valid(&set, &xs("byte"), "300"));
        assert!(default_is_valid(&set, &xs("double"), "-INF"));
        assert!(default_is_valid(&set, &q("kind"), "a"));
        assert!(!default_is_valid(&set, &q("kind"), "b"));
        // Only XML's white space is trimmed: the runtime refuses `7` followed by U+2002.
        assert!(default_is_valid(&set, &xs("int"), "\t7\n"));
        assert!(!default_is_valid(&set, &xs("int"), "7\u{2002}"));
        assert!(!default_is_valid(&set, &xs("boolean"), "\u{a0}true"));
    }

    #[test]
    fn a_value_its_base_refuses_is_refused_by_what_is_built_on_it() {
        let set = schema(
            r#"<xs:simpleType name="small"><xs:restriction base="xs:int"><xs:maxInclusive value="5"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="smalls"><xs:list itemType="small"/></xs:simpleType>
               <xs:simpleType name="either"><xs:union memberTypes="small xs:boolean"/></xs:simpleType>
               <xs:simpleType name="dates"><xs:union memberTypes="xs:date small"/></xs:simpleType>"#,
        );
        assert_eq!(verdict(&set, &q("small"), "abc"), Verdict::Invalid);
        // The bound is the runtime's to check.
        assert_eq!(verdict(&set, &q("small"), "7"), Verdict::Unknown);
        assert_eq!(verdict(&set, &q("smalls"), " 1 2\tx "), Verdict::Invalid);
        assert_eq!(verdict(&set, &q("smalls"), "1 2"), Verdict::Unknown);
        assert_eq!(verdict(&set, &q("either"), "true"), Verdict::Valid);
        assert_eq!(verdict(&set, &q("either"), "maybe"), Verdict::Invalid);
        // Dates are not checked here: no member is certain to refuse.
        assert_eq!(verdict(&set, &q("dates"), "maybe"), Verdict::Unknown);
        assert_eq!(verdict(&set, &xs("dateTime"), "maybe"), Verdict::Unknown);
        assert_eq!(verdict(&set, &xs("NCName"), "a:b"), Verdict::Invalid);
        assert_eq!(verdict(&set, &xs("NMTOKENS"), " a\t01 "), Verdict::Valid);
        assert_eq!(verdict(&set, &xs("NMTOKENS"), "a b,c"), Verdict::Invalid);
        assert_eq!(verdict(&set, &xs("NMTOKENS"), " "), Verdict::Invalid);
        assert_eq!(verdict(&set, &xs("IDREFS"), "a 1"), Verdict::Invalid);
        assert_eq!(verdict(&set, &xs("string"), " a:b "), Verdict::Valid);
    }

    #[test]
    fn a_value_no_pattern_of_its_restriction_matches_is_refused() {
        let set = schema(
            r#"<xs:simpleType name="code"><xs:restriction base="xs:string"><xs:pattern value="[A-Z]{2}"/><xs:pattern value="x"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="shortCode"><xs:restriction base="code"><xs:maxLength value="1"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="padded"><xs:restriction base="xs:string"><xs:pattern value=" a"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="count"><xs:restriction base="xs:int"><xs:pattern value="\d{2}"/></xs:restriction></xs:simpleType>"#,
        );
        assert_eq!(verdict(&set, &q("code"), "DE"), Verdict::Valid);
        assert_eq!(verdict(&set, &q("code"), "x"), Verdict::Valid);
        assert_eq!(verdict(&set, &q("code"), "de"), Verdict::Invalid);
        assert_eq!(verdict(&set, &q("shortCode"), "de"), Verdict::Invalid, "its base's pattern");
        // A string's white space is its own; a number's is collapsed.
        assert_eq!(verdict(&set, &q("shortCode"), "DE"), Verdict::Unknown, "its length is the runtime's");
        assert_eq!(verdict(&set, &q("padded"), " a"), Verdict::Valid);
        assert_eq!(verdict(&set, &q("padded"), "a"), Verdict::Invalid);
        assert_eq!(verdict(&set, &q("count"), " 42\n"), Verdict::Valid);
        assert_eq!(verdict(&set, &q("count"), "042"), Verdict::Invalid);
    }
}
