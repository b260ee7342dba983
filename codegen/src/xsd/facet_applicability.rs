//! Facets a simple type's values cannot have: `maxLength` on an `xs:int`, `totalDigits` on a
//! string, `enumeration` on a boolean. XSD makes such a schema invalid (Part 2, §4.1.5, the
//! applicable facets of each primitive type, of lists and of unions); generated, a length facet on
//! a number would not even compile, so the schema is refused, naming the facet and the type.

use super::positions::Positions;
use crate::error::Diagnostic;
use crate::ir::xml_name;
use crate::model::{Facets, Location, QName, RestrictionEnd, SchemaSet, SimpleType, SimpleVariety, TypeDef};

/// What a restriction's base is, as far as facets go.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// A primitive type, by its local name (`decimal` for `xs:int`, `string` for `xs:token`).
    Primitive(&'static str),
    List,
    Union,
}

/// Every facet of a restriction that its base's kind of values cannot have, one diagnostic each,
/// at the restricting type (an anonymous one at the global definition it is declared in).
pub fn check(set: &SchemaSet, positions: &Positions) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (name, def) in &set.types {
        let TypeDef::Simple(SimpleType {
            variety: SimpleVariety::Restriction { base, facets },
            location,
            ..
        }) = def
        else {
            continue;
        };
        let Some(kind) = kind_of(set, base) else { continue };
        for facet in present(facets) {
            if !applies(kind, facet) {
                let values = match kind {
                    Kind::Primitive(p) => format!("values of `xs:{p}`"),
                    Kind::List => "lists".to_owned(),
                    Kind::Union => "unions".to_owned(),
                };
                let message = format!(
                    "{}: the facet `{facet}` does not apply to {values} (the base `{}`), which XSD does not allow",
                    xml_name(set, name).doc("simple type"),
                    base.local
                );
                let location = match location.line {
                    0 => enclosing(positions, location, name).unwrap_or_else(|| location.clone()),
                    _ => location.clone(),
                };
                out.push(Diagnostic::new(location, message));
            }
        }
    }
    out
}

/// Where the global definition anonymous type `name` is declared in is (`#order/line` is declared
/// in element `order`, `#type(T)/@id` in type `T`), if the scan found it in the type's file.
fn enclosing(positions: &Positions, at: &Location, name: &QName) -> Option<Location> {
    let key = name.local.strip_prefix('#')?;
    let first = key.split('/').next()?;
    let first = first.split_once('~').map_or(first, |(name, _)| name);
    let (kinds, local): (&[&str], &str) = match first.split_once('(') {
        Some(("type", rest)) => (&["complexType", "simpleType"], rest.strip_suffix(')')?),
        Some(("group", rest)) => (&["group"], rest.strip_suffix(')')?),
        Some(("attributeGroup", rest)) => (&["attributeGroup"], rest.strip_suffix(')')?),
        Some(_) => return None,
        None => match first.strip_prefix('@') {
            Some(attribute) => (&["attribute"], attribute),
            None => (&["element"], first),
        },
    };
    kinds.iter().find_map(|kind| positions.definition(&at.file, kind, local))
}

/// The names of the facets `f` has.
fn present(f: &Facets) -> impl Iterator<Item = &'static str> {
    [
        ("enumeration", !f.enumeration.is_empty()),
        ("pattern", !f.pattern.is_empty()),
        ("length", f.length.is_some()),
        ("minLength", f.min_length.is_some()),
        ("maxLength", f.max_length.is_some()),
        ("minInclusive", f.min_inclusive.is_some()),
        ("maxInclusive", f.max_inclusive.is_some()),
        ("minExclusive", f.min_exclusive.is_some()),
        ("maxExclusive", f.max_exclusive.is_some()),
        ("totalDigits", f.total_digits.is_some()),
        ("fractionDigits", f.fraction_digits.is_some()),
        ("whiteSpace", f.white_space.is_some()),
    ]
    .into_iter()
    .filter_map(|(name, has)| has.then_some(name))
}

/// Whether `facet` applies to values of `kind` (XSD 1.0 Part 2, §4.1.5).
fn applies(kind: Kind, facet: &str) -> bool {
    const LENGTHS: &[&str] = &["length", "minLength", "maxLength", "pattern", "enumeration", "whiteSpace"];
    const ORDERED: &[&str] = &[
        "pattern",
        "enumeration",
        "whiteSpace",
        "maxInclusive",
        "maxExclusive",
        "minInclusive",
        "minExclusive",
    ];
    match kind {
        Kind::List => LENGTHS.contains(&facet),
        Kind::Union => matches!(facet, "pattern" | "enumeration"),
        Kind::Primitive("string" | "anyURI" | "QName" | "NOTATION" | "hexBinary" | "base64Binary") => {
            LENGTHS.contains(&facet)
        }
        Kind::Primitive("boolean") => matches!(facet, "pattern" | "whiteSpace"),
        Kind::Primitive("decimal") => {
            ORDERED.contains(&facet) || matches!(facet, "totalDigits" | "fractionDigits")
        }
        Kind::Primitive(_) => ORDERED.contains(&facet),
    }
}

/// The kind of values `name` has: the primitive a chain of restrictions ends at, a list or a
/// union; `None` where that is not known (a missing type, `xs:anySimpleType`, a cycle), which
/// other checks report.
fn kind_of(set: &SchemaSet, name: &QName) -> Option<Kind> {
    match set.restriction_end(name)? {
        RestrictionEnd::Builtin(local) => builtin_kind(local),
        RestrictionEnd::List { .. } => Some(Kind::List),
        RestrictionEnd::Union => Some(Kind::Union),
    }
}

/// The kind of values of built-in type `xs:{local}`.
fn builtin_kind(local: &str) -> Option<Kind> {
    let primitive = match local {
        "string" | "normalizedString" | "token" | "language" | "Name" | "NCName" | "ID" | "IDREF"
        | "ENTITY" | "NMTOKEN" => "string",
        "IDREFS" | "ENTITIES" | "NMTOKENS" => return Some(Kind::List),
        "decimal" | "integer" | "nonPositiveInteger" | "negativeInteger" | "long" | "int" | "short"
        | "byte" | "nonNegativeInteger" | "unsignedLong" | "unsignedInt" | "unsignedShort"
        | "unsignedByte" | "positiveInteger" => "decimal",
        "anyURI" => "anyURI",
        "QName" => "QName",
        "NOTATION" => "NOTATION",
        "hexBinary" => "hexBinary",
        "base64Binary" => "base64Binary",
        "boolean" => "boolean",
        "float" => "float",
        "double" => "double",
        "duration" => "duration",
        "dateTime" => "dateTime",
        "time" => "time",
        "date" => "date",
        "gYearMonth" => "gYearMonth",
        "gYear" => "gYear",
        "gMonthDay" => "gMonthDay",
        "gDay" => "gDay",
        "gMonth" => "gMonth",
        _ => return None,
    };
    Some(Kind::Primitive(primitive))
}

#[cfg(test)]
mod tests {
    use crate::ir::test_schema::schema;

    #[test]
    // The refused ones: `codegen/tests/diagnostics.rs`, where they are reported.
    fn the_facets_each_kind_of_value_has_are_kept() {
        let set = schema(
            r#"<xs:simpleType name="a"><xs:restriction base="xs:int"><xs:totalDigits value="3"/><xs:fractionDigits value="0"/><xs:minInclusive value="1"/><xs:pattern value="\d+"/><xs:enumeration value="1"/><xs:whiteSpace value="collapse"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="b"><xs:restriction base="xs:hexBinary"><xs:length value="2"/><xs:enumeration value="0A0B"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="c"><xs:restriction base="xs:date"><xs:maxExclusive value="2020-01-01"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="d"><xs:restriction base="xs:boolean"><xs:pattern value="true|false"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="e"><xs:restriction base="xs:NMTOKENS"><xs:minLength value="1"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="f"><xs:restriction base="t:a"><xs:maxInclusive value="9"/></xs:restriction></xs:simpleType>"#,
        );
        let positions = crate::xsd::positions::Positions::default();
        assert!(super::check(&set, &positions).is_empty(), "{:?}", super::check(&set, &positions));
    }
}
