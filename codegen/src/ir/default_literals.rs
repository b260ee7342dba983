//! What an attribute's default is as Rust, where that can be written without parsing: a variant of
//! an enumeration, or a built-in's literal (through aliases). Its `…_or_default` accessor then
//! returns that rather than parsing the schema's text at run time. Code lists' defaults, such as
//! UN/CEFACT's `listAgencyID="6"`, are the common case.

use super::*;
use crate::model::WhiteSpace;

/// Records [`AttributeField::default_literal`] on every attribute with a checked default whose type
/// is, through aliases, a built-in or an enumeration listing the value. The lookup is the generated
/// reader's: the text as written, then collapsed.
pub fn mark_default_literals(krate: &mut Crate) {
    let found: Vec<(usize, usize, DefaultLiteral)> = krate
        .items
        .iter()
        .enumerate()
        .filter_map(|(i, entry)| match &entry.item {
            Item::Struct(s) => Some((i, s)),
            _ => None,
        })
        .flat_map(|(i, s)| {
            let krate = &*krate;
            s.attributes.iter().enumerate().filter_map(move |(a, attribute)| {
                let value = attribute.checked_default.as_deref()?;
                Some((i, a, literal_of(krate, &attribute.ty, value)?))
            })
        })
        .collect();
    for (i, a, literal) in found {
        if let Item::Struct(s) = &mut krate.items[i].item {
            s.attributes[a].default_literal = Some(literal);
        }
    }
}

/// `value` of `ty` as a literal: the built-in `ty` names, or the variant `value` reads as of the
/// generated enumeration `ty` names (not one the user maps to a type of their own).
fn literal_of(krate: &Crate, ty: &Ty, value: &str) -> Option<DefaultLiteral> {
    let mut ty = ty;
    // Aliases do not form cycles; the bound is cheap.
    for _ in 0..=krate.items.len() {
        let id = match ty {
            Ty::Builtin(b) => return Some(DefaultLiteral::Builtin(*b)),
            Ty::Named { id, .. } => id,
            _ => return None,
        };
        if krate.extern_path(*id).is_some() {
            return None;
        }
        match krate.item(*id) {
            Item::Alias(a) => ty = &a.ty,
            Item::Enum(e) => {
                let collapsed = WhiteSpace::Collapse.apply(value);
                let lookup = |text: &str| e.values.iter().find(|(_, lexical, _)| lexical == text);
                let (variant, _, _) = lookup(value).or_else(|| lookup(&collapsed))?;
                return Some(DefaultLiteral::Variant { variant: variant.clone(), copy: e.is_code_list() });
            }
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::test_schema::{build_xsd, find};
    use super::*;

    /// Each attribute's field and its default literal: a variant's name or a built-in's Rust type.
    fn defaults(krate: &Crate, name: &str) -> Vec<(String, Option<String>)> {
        let Item::Struct(s) = find(krate, name) else { panic!("{name} is no struct") };
        let literal = |a: &AttributeField| match a.default_literal.as_ref()? {
            DefaultLiteral::Variant { variant, copy: true } => Some(format!("{variant} (Copy)")),
            DefaultLiteral::Variant { variant, copy: false } => Some(variant.clone()),
            DefaultLiteral::Builtin(b) => Some(b.rust.to_owned()),
        };
        s.attributes.iter().map(|a| (a.field.clone(), literal(a))).collect()
    }

    #[test]
    fn defaults_are_the_variant_they_read_as_or_a_built_in() {
        let krate = build_xsd(
            r#"
            <xs:simpleType name="size">
              <xs:restriction base="xs:NMTOKEN">
                <xs:enumeration value="small"/><xs:enumeration value="large "/>
              </xs:restriction>
            </xs:simpleType>
            <xs:simpleType name="spacing">
              <xs:restriction base="xs:string">
                <xs:enumeration value="two  spaces"/><xs:enumeration value="two spaces"/>
              </xs:restriction>
            </xs:simpleType>
            <xs:simpleType name="sizeAlias"><xs:restriction base="size"/></xs:simpleType>
            <xs:simpleType name="count"><xs:restriction base="xs:short"/></xs:simpleType>
            <xs:simpleType name="sizeOrWord"><xs:union memberTypes="size xs:token"/></xs:simpleType>
            <xs:complexType name="box">
              <xs:attribute name="a" type="size" default="large"/>
              <xs:attribute name="b" type="size" default=" small "/>
              <xs:attribute name="c" type="spacing" default="two  spaces"/>
              <xs:attribute name="d" type="sizeAlias" default="small"/>
              <xs:attribute name="e" type="sizeOrWord" default="large"/>
              <xs:attribute name="f" type="sizeOrWord" default="medium"/>
              <xs:attribute name="g" type="xs:int" default="3"/>
              <xs:attribute name="h" type="size"/>
              <xs:attribute name="i" type="count" default="4"/>
            </xs:complexType>"#,
        );
        let some = |v: &str| Some(v.to_owned());
        assert_eq!(
            defaults(&krate, "Box"),
            [
                ("a".to_owned(), some("Large (Copy)")),
                ("b".to_owned(), some("Small (Copy)")),
                ("c".to_owned(), some("TwoSpaces (Copy)")),
                ("d".to_owned(), some("Small (Copy)")),
                ("e".to_owned(), some("Large")),
                // A member's value, not an enumerated one: parsed.
                ("f".to_owned(), None),
                ("g".to_owned(), some("i32")),
                ("h".to_owned(), None),
                ("i".to_owned(), some("i16")),
            ]
        );
    }
}
