//! Simple types: an enumeration becomes a value enum, a union an enum over its members, a list an
//! alias of a `Vec`, and a restriction an alias of its base or, with facets, a newtype checking them.

use std::collections::BTreeSet;

use super::build::Builder;
use super::naming::{type_name, value_name, Namer};
use super::type_names::{xml_name, NameKind};
use super::values::{verdict, Verdict};
use super::*;
use crate::model::{self, RestrictionEnd, SchemaSet, SimpleVariety, TypeDef, WhiteSpace};

/// The item for simple type `qname`.
pub fn simple_item(b: &mut Builder<'_>, qname: &QName, st: &model::SimpleType) {
    let Some(id) = b.names.id(NameKind::Type, qname) else { return };
    let name = b.names.name(id).to_owned();
    let item = match &st.variety {
        SimpleVariety::Restriction { base, facets }
            if !facets.enumeration.is_empty() && !enumeration_is_a_check(b.set, qname) =>
        {
            let mut namer = Namer::default();
            let values = facets
                .enumeration
                .iter()
                .map(|(v, doc)| (namer.unique(&value_name(v), ""), v.clone(), doc.clone()))
                .collect();
            Item::Enum(ValueEnum {
                name,
                doc: st.doc.clone(),
                values,
                members: Vec::new(),
                other: None,
                other_any: false,
                names: Vec::new(),
                xml_name: xml_name(b.set, qname),
                eq: true,
                by_value: compared_as(b.set, base),
                kept_white_space: BTreeMap::new(),
                tried_first: BTreeMap::new(),
            })
        }
        SimpleVariety::Restriction { base, facets } => {
            // Facets of the whole restriction chain are checked against the innermost type.
            // Enumerations in the chain are checks here, or the chain would have ended at them.
            let (as_check, of_qnames) = (enumeration_is_a_check(b.set, qname), is_qname(b.set, qname));
            let mut checks = facet_checks(facets, of_qnames);
            let mut base = base.clone();
            for _ in 0..32 {
                match b.set.types.get(&base) {
                    Some(TypeDef::Simple(model::SimpleType {
                        variety: SimpleVariety::Restriction { base: inner, facets },
                        ..
                    })) if facets.enumeration.is_empty() || as_check => {
                        checks.extend(facet_checks(facets, of_qnames));
                        base = inner.clone();
                    }
                    _ => break,
                }
            }
            let ty = b.ty(&base);
            let length = match length_unit(b.set, &base) {
                LengthUnit::Value
                    if is_string(&ty) && b.set.white_space(qname) == Some(WhiteSpace::Collapse) =>
                {
                    LengthUnit::CollapsedText
                }
                unit => unit,
            };
            if checks.is_empty() {
                Item::Alias(Alias { name, doc: st.doc.clone(), ty })
            } else {
                Item::Restricted(Restricted {
                    name,
                    doc: st.doc.clone(),
                    ty,
                    checks,
                    length,
                    xml_name: xml_name(b.set, qname),
                    eq: true,
                    // A union's members each have their own; its patterns see the text collapsed,
                    // as its members but strings do.
                    white_space: b.set.white_space(qname).unwrap_or(WhiteSpace::Collapse),
                })
            }
        }
        SimpleVariety::List { item } => {
            Item::Alias(Alias { name, doc: st.doc.clone(), ty: Ty::List(Box::new(b.ty(item))) })
        }
        SimpleVariety::Union { members } => {
            let mut e = ValueEnum {
                name,
                doc: st.doc.clone(),
                values: Vec::new(),
                members: Vec::new(),
                other: None,
                other_any: false,
                names: Vec::new(),
                xml_name: xml_name(b.set, qname),
                eq: true,
                by_value: None,
                kept_white_space: BTreeMap::new(),
                tried_first: BTreeMap::new(),
            };
            let mut namer = Namer::default();
            let uses = union_members(b, members, &mut e, &mut namer);
            b.union_member_uses.absorbed.extend(uses.absorbed);
            b.union_member_uses.typed.extend(uses.typed);
            Item::Enum(e)
        }
    };
    b.push(id, item);
}

/// What the length facets of a restriction measure, `base` being the innermost type of its chain:
/// the value, or, where that is a code list (an enumeration that is no QName), the text of its value
/// in the unit of the type the enumeration restricts.
fn length_unit(set: &SchemaSet, base: &QName) -> LengthUnit {
    if is_qname(set, base) {
        return LengthUnit::None;
    }
    let code_list = matches!(
        set.types.get(base),
        Some(TypeDef::Simple(model::SimpleType { variety: SimpleVariety::Restriction { facets, .. }, .. }))
            if !facets.enumeration.is_empty()
    );
    if !code_list {
        return LengthUnit::Value;
    }
    match set.restriction_end(base) {
        Some(RestrictionEnd::List { .. }) => LengthUnit::TextItems,
        Some(RestrictionEnd::Builtin("hexBinary" | "base64Binary")) => LengthUnit::Octets,
        _ => LengthUnit::Text,
    }
}

/// The type an enumeration restricting `base` compares its values as, when its values are not its
/// texts: any built-in but the string types (whose text, white space applied, is the value) and
/// `xs:QName` (whose enumerations are checks, not enums), and lists of those, item by item (`01 2`
/// is the list `1 2` of integers), but for items that keep their text (dates, durations,
/// `xs:hexBinary`), whose lists are checks ([`enumeration_is_a_check`]).
fn compared_as(set: &SchemaSet, base: &QName) -> Option<Ty> {
    let by_value = |local: &str| {
        let b = builtin(local)?;
        (!is_text(&Ty::Builtin(b)) && b.rust != "QNameValue").then_some(b)
    };
    match set.restriction_end(base)? {
        RestrictionEnd::Builtin(local) => by_value(local).map(Ty::Builtin),
        RestrictionEnd::List { item } => match set.restriction_end(item)? {
            RestrictionEnd::Builtin(local) if !keeps_its_text(local) => {
                by_value(local).map(|b| Ty::List(Box::new(Ty::Builtin(b))))
            }
            _ => None,
        },
        RestrictionEnd::Union => None,
    }
}

/// Whether values of `ty` are a `String` as read (the built-in string types).
pub(super) fn is_string(ty: &Ty) -> bool {
    matches!(ty, Ty::Builtin(b) if b.rust == "::std::string::String")
}

/// Whether a value of `ty` is its text, once its white space is applied: the built-in string types
/// and name types.
pub(super) fn is_text(ty: &Ty) -> bool {
    is_string(ty) || matches!(ty, Ty::Builtin(b) if b.name_type.is_some())
}

/// Whether a simple type is `xs:QName` or `xs:NOTATION`, or restricts one of them.
fn is_qname(set: &SchemaSet, name: &QName) -> bool {
    restricted_builtin(set, name).is_some_and(|b| matches!(b, "QName" | "NOTATION"))
}

/// Whether an enumeration restricting `name` (or `name` itself) is a facet its newtype checks
/// rather than an enum: for QNames, and for the types whose values keep the text they were read
/// from (dates and times, durations, `xs:hexBinary`), since a value that is not written as the
/// schema lists it (`2020-01-01+00:00` for `2020-01-01Z`, `0a0b` for `0A0B`) is valid, and an
/// enum would write it as listed, a different text. The same for lists of those, compared item by
/// item.
fn enumeration_is_a_check(set: &SchemaSet, name: &QName) -> bool {
    match set.restriction_end(name) {
        Some(RestrictionEnd::Builtin(b)) => matches!(b, "QName" | "NOTATION") || keeps_its_text(b),
        Some(RestrictionEnd::List { item }) => {
            matches!(set.restriction_end(item), Some(RestrictionEnd::Builtin(b)) if keeps_its_text(b))
        }
        _ => false,
    }
}

/// Whether values of built-in `xs:{local}` keep the text they were read from (`XmlValue::same_value`
/// compares them as values).
fn keeps_its_text(local: &str) -> bool {
    matches!(
        local,
        "dateTime"
            | "date"
            | "time"
            | "gYear"
            | "gYearMonth"
            | "gMonth"
            | "gDay"
            | "gMonthDay"
            | "duration"
            | "hexBinary"
    )
}

/// The local name of the built-in type a chain of restrictions ends at (`name` itself if built in).
fn restricted_builtin<'s>(set: &'s SchemaSet, name: &'s QName) -> Option<&'s str> {
    match set.restriction_end(name)? {
        RestrictionEnd::Builtin(local) => Some(local),
        _ => None,
    }
}

/// Flattens a union's members: enumerations contribute their values, built-in string types become
/// the `Other` variant, the rest become typed variants.
///
/// XSD reads a union's text as its first member type that accepts it, while the generated reader
/// tries the enumerated values, then the typed members, then `Other`. So that both agree, what an
/// earlier member takes is never left to a later one: everything after a member that accepts any
/// text is dropped, an enumerated value an earlier member certainly accepts is dropped (one it may
/// accept, as its facets decide, is read as that member when it does: `ValueEnum::tried_first`),
/// and a member of names (`NMTOKEN`, `NCName`, …) before typed members is a check in their midst
/// (`ValueEnum::names`).
fn union_members(b: &Builder<'_>, members: &[QName], e: &mut ValueEnum, namer: &mut Namer) -> MemberUses {
    let mut scan = UnionScan { e, namer, earlier: Vec::new(), closed: false, uses: MemberUses::default() };
    scan.members(b, members, 0);
    let UnionScan { e, namer, uses, closed, .. } = scan;
    // With a member that takes any text, a check after the last typed member changes nothing:
    // `Other` is what is left. Without one, those checks are all that `Other` takes.
    e.other_any = closed;
    if closed {
        let typed = e.members.len();
        e.names.retain(|(at, _)| *at < typed);
    }
    if let Some(other) = &e.other {
        namer.reserve(other);
    }
    uses
}

/// How unions use the anonymous simple types declared as their members. Such a type is declared
/// nowhere else, so unless some union has a variant of it (`typed`), nothing refers to it: its
/// values became the union's own, or it comes after a member that takes any text.
#[derive(Debug, Default)]
pub(super) struct MemberUses {
    /// Anonymous members whose values a union took, or that it never reads.
    pub absorbed: BTreeSet<QName>,
    /// Anonymous members some union has a variant of.
    pub typed: BTreeSet<QName>,
}

impl MemberUses {
    /// The anonymous member types nothing refers to.
    pub fn unused(&self) -> impl Iterator<Item = &QName> {
        self.absorbed.difference(&self.typed)
    }
}

/// Takes the anonymous union members nothing refers to out of their modules: they are built like
/// every type, but not generated.
pub(super) fn drop_unused_members(krate: &mut Crate, unused: &[TypeId]) {
    for m in krate.modules.values_mut() {
        m.items.retain(|id| !unused.contains(id));
    }
}

/// A union's members so far, in the order XSD tries them.
struct UnionScan<'e> {
    e: &'e mut ValueEnum,
    namer: &'e mut Namer,
    /// The member types before the one looked at, by name, with their positions in `members` if
    /// typed.
    earlier: Vec<(QName, Option<usize>)>,
    /// A member accepting any text was met: no later member is ever read.
    closed: bool,
    uses: MemberUses,
}

impl UnionScan<'_> {
    fn members(&mut self, b: &Builder<'_>, members: &[QName], depth: usize) {
        for member in members {
            let anonymous = member.local.starts_with('#');
            if self.closed {
                if anonymous {
                    self.uses.absorbed.insert(member.clone());
                }
                continue;
            }
            match b.set.types.get(member) {
                Some(TypeDef::Simple(st)) if depth < 16 => match &st.variety {
                    // The values of an enumeration of texts become the union's; one of other values
                    // (numbers, dates, QNames…) is a typed member, which compares them as values.
                    SimpleVariety::Restriction { facets, .. }
                        if !facets.enumeration.is_empty()
                            && compared_as(b.set, member).is_none()
                            && !is_qname(b.set, member) =>
                    {
                        if anonymous {
                            self.uses.absorbed.insert(member.clone());
                        }
                        let kept = b.set.white_space(member).filter(|ws| *ws != WhiteSpace::Collapse);
                        for (v, doc) in &facets.enumeration {
                            if self.e.values.iter().any(|(_, existing, _)| existing == v) {
                                continue;
                            }
                            // What an earlier member certainly takes is never this value; what it
                            // may take, its facets decide when the text is read.
                            let mut tried_first = Vec::new();
                            let mut taken = false;
                            for (m, at) in &self.earlier {
                                match verdict(b.set, m, v) {
                                    Verdict::Valid => taken = true,
                                    Verdict::Unknown => tried_first.extend(*at),
                                    Verdict::Invalid => {}
                                }
                            }
                            if taken {
                                continue;
                            }
                            self.e.values.push((
                                self.namer.unique(&value_name(v), ""),
                                v.clone(),
                                doc.clone(),
                            ));
                            if let Some(ws) = kept {
                                self.e.kept_white_space.insert(v.clone(), ws);
                            }
                            if !tried_first.is_empty() {
                                self.e.tried_first.insert(v.clone(), tried_first);
                            }
                        }
                        self.earlier.push((member.clone(), None));
                    }
                    SimpleVariety::Union { members } => {
                        if anonymous {
                            self.uses.absorbed.insert(member.clone());
                        }
                        self.members(b, members, depth + 1)
                    }
                    _ => self.member(b, member),
                },
                _ => self.member(b, member),
            }
        }
    }

    fn member(&mut self, b: &Builder<'_>, member: &QName) {
        let typed = match string_builtin(b.set, member) {
            Some(builtin) => {
                if self.e.other.is_none() {
                    self.e.other = Some(self.namer.unique("Other", ""));
                }
                match names_of(builtin) {
                    Some(xsd) => self.e.names.push((self.e.members.len(), xsd)),
                    None => self.closed = true,
                }
                None
            }
            None => {
                let ty = b.ty(member);
                self.e.members.push((self.namer.unique(&type_name(&member.local), ""), ty));
                if member.local.starts_with('#') {
                    self.uses.typed.insert(member.clone());
                }
                Some(self.e.members.len() - 1)
            }
        };
        self.earlier.push((member.clone(), typed));
    }
}

/// For a built-in type whose value is its text (any text, or a name), or a restriction of one with
/// no facet but `whiteSpace`: that built-in's name.
fn string_builtin<'s>(set: &'s SchemaSet, ty: &'s QName) -> Option<&'s str> {
    let mut name = ty;
    // Restriction chains end at a built-in type; the bound only guards against a cycle.
    for _ in 0..64 {
        if is_builtin_type(name) {
            let text = builtin(&name.local).is_some_and(|b| b.accepts_any_text || b.name_type.is_some());
            return text.then_some(name.local.as_str());
        }
        match set.types.get(name)? {
            TypeDef::Simple(model::SimpleType {
                variety: SimpleVariety::Restriction { base, facets },
                ..
            }) if same_values(facets) => name = base,
            _ => return None,
        }
    }
    None
}

/// Whether a restriction with these facets has its base's values: it has no facet but `whiteSpace`,
/// which changes the text read, not which texts are values.
pub(super) fn same_values(facets: &model::Facets) -> bool {
    model::Facets { white_space: None, ..facets.clone() } == model::Facets::default()
}

/// For a built-in string type whose values are names: the name type it checks (`NCName` for `ID`,
/// `IDREF` and `ENTITY`). `None` for the string types whose values are any text (once their white
/// space is normalised).
pub(super) fn names_of(builtin: &str) -> Option<&'static str> {
    match builtin {
        "NCName" | "ID" | "IDREF" | "ENTITY" => Some("NCName"),
        "Name" => Some("Name"),
        "NMTOKEN" => Some("NMTOKEN"),
        "language" => Some("language"),
        _ => None,
    }
}

/// The facets a restricted simple type checks on read (`whiteSpace` is not a check); `qname` is
/// [`is_qname`] of its type.
fn facet_checks(f: &model::Facets, qname: bool) -> Vec<FacetCheck> {
    let mut out = Vec::new();
    if !f.enumeration.is_empty() {
        // Only restrictions whose enumerations are checks come here with one (others become enums).
        let values = f.enumeration.iter().map(|(v, _)| v.clone()).collect();
        out.push(if qname { FacetCheck::QNameEnumeration(values) } else { FacetCheck::Enumeration(values) });
    }
    out.extend(f.length.map(FacetCheck::Length));
    out.extend(f.min_length.map(FacetCheck::MinLength));
    out.extend(f.max_length.map(FacetCheck::MaxLength));
    out.extend(f.min_inclusive.clone().map(FacetCheck::MinInclusive));
    out.extend(f.max_inclusive.clone().map(FacetCheck::MaxInclusive));
    out.extend(f.min_exclusive.clone().map(FacetCheck::MinExclusive));
    out.extend(f.max_exclusive.clone().map(FacetCheck::MaxExclusive));
    out.extend(f.total_digits.map(FacetCheck::TotalDigits));
    out.extend(f.fraction_digits.map(FacetCheck::FractionDigits));
    if !f.pattern.is_empty() {
        out.push(FacetCheck::Pattern {
            written: f.pattern.clone(),
            regex: crate::pattern::runtime_regex(&f.pattern),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_schema::{build_xsd, find};
    use super::*;

    #[test]
    fn anonymous_union_members_nothing_refers_to_are_not_generated() {
        // `countOrEmpty` takes its anonymous member's value (MusicXML's positive-integer-or-empty);
        // `bounded` has a variant of its anonymous member; `open` never reads the one after
        // `xs:string`. Only the anonymous type `bounded` refers to is generated.
        let krate = build_xsd(
            r#"<xs:simpleType name="countOrEmpty"><xs:union memberTypes="xs:positiveInteger">
                 <xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value=""/></xs:restriction></xs:simpleType>
               </xs:union></xs:simpleType>
               <xs:simpleType name="bounded"><xs:union>
                 <xs:simpleType><xs:restriction base="xs:int"><xs:minInclusive value="1"/></xs:restriction></xs:simpleType>
               </xs:union></xs:simpleType>
               <xs:simpleType name="open"><xs:union memberTypes="xs:string">
                 <xs:simpleType><xs:restriction base="xs:int"><xs:maxInclusive value="9"/></xs:restriction></xs:simpleType>
               </xs:union></xs:simpleType>"#,
        );
        let listed: Vec<&str> =
            krate.modules.values().flat_map(|m| krate.items_of(m)).map(Item::name).collect();
        let Item::Enum(bounded) = find(&krate, "Bounded") else { panic!() };
        let member = bounded.members.iter().map(|(_, ty)| ty).find_map(|ty| match ty {
            Ty::Named { id, .. } => Some(krate.item(*id).name()),
            _ => None,
        });
        assert_eq!(listed.len(), 4, "{listed:?}");
        assert!(["CountOrEmpty", "Bounded", "Open"].iter().all(|n| listed.contains(n)), "{listed:?}");
        assert!(member.is_some_and(|m| listed.contains(&m)), "{listed:?} {member:?}");
        let Item::Enum(count) = find(&krate, "CountOrEmpty") else { panic!() };
        assert_eq!(count.values[0].0, "Empty");
    }

    #[test]
    fn an_enumeration_is_a_value_enum_with_unique_variants() {
        let krate = build_xsd(
            r#"<xs:simpleType name="kind"><xs:restriction base="xs:string">
                 <xs:enumeration value="a-b"/><xs:enumeration value="A_B"/><xs:enumeration value="2"/>
               </xs:restriction></xs:simpleType>"#,
        );
        let Item::Enum(e) = find(&krate, "Kind") else { panic!() };
        let variants: Vec<(&str, &str)> = e.values.iter().map(|(v, x, _)| (v.as_str(), x.as_str())).collect();
        assert_eq!(variants, [("AB", "a-b"), ("AB2", "A_B"), ("V2", "2")]);
    }

    #[test]
    fn enumeration_values_are_values_of_the_restricted_type_with_its_white_space() {
        // OJP lists `secondClass ` on an NMTOKEN; a string keeps its spaces unless a facet says
        // otherwise, here or further up the chain.
        let krate = build_xsd(
            r#"<xs:simpleType name="fareClass"><xs:restriction base="xs:NMTOKEN">
                 <xs:enumeration value="firstClass"/><xs:enumeration value="secondClass "/>
               </xs:restriction></xs:simpleType>
               <xs:simpleType name="spaced"><xs:restriction base="xs:string"><xs:enumeration value=" a  b"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="tidy"><xs:restriction base="xs:string"><xs:whiteSpace value="collapse"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="tidyCode"><xs:restriction base="t:tidy"><xs:enumeration value=" a  b"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="line"><xs:restriction base="xs:normalizedString"><xs:enumeration value="a&#9;b "/></xs:restriction></xs:simpleType>"#,
        );
        let texts = |name| match find(&krate, name) {
            Item::Enum(e) => e.values.iter().map(|(_, x, _)| x.clone()).collect::<Vec<_>>(),
            other => panic!("{name}: {other:?}"),
        };
        assert_eq!(texts("FareClass"), ["firstClass", "secondClass"]);
        assert_eq!(texts("Spaced"), [" a  b"]);
        assert_eq!(texts("TidyCode"), ["a b"]);
        assert_eq!(texts("Line"), ["a b "]);
    }

    #[test]
    fn facets_of_a_restriction_chain_are_checked_against_the_innermost_type() {
        let krate = build_xsd(
            r#"<xs:simpleType name="short"><xs:restriction base="xs:string"><xs:maxLength value="9"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="shorter"><xs:restriction base="t:short"><xs:minLength value="2"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="same"><xs:restriction base="xs:int"/></xs:simpleType>"#,
        );
        let Item::Restricted(r) = find(&krate, "Shorter") else { panic!() };
        assert_eq!(r.checks, [FacetCheck::MinLength(2), FacetCheck::MaxLength(9)]);
        assert!(matches!(&r.ty, Ty::Builtin(b) if b.accepts_any_text));
        assert!(matches!(find(&krate, "Same"), Item::Alias(a) if matches!(a.ty, Ty::Builtin(_))));
    }

    #[test]
    fn length_facets_on_a_code_list_measure_its_text_in_the_unit_of_its_base() {
        let krate = build_xsd(
            r#"<xs:simpleType name="code"><xs:restriction base="xs:token"><xs:enumeration value="ab"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="pair"><xs:restriction base="t:code"><xs:length value="2"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="words"><xs:list itemType="xs:string"/></xs:simpleType>
               <xs:simpleType name="sizes"><xs:restriction base="t:words"><xs:enumeration value="s m"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="fewSizes"><xs:restriction base="t:sizes"><xs:maxLength value="2"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="bytes"><xs:restriction base="xs:base64Binary"><xs:enumeration value="AQI="/></xs:restriction></xs:simpleType>
               <xs:simpleType name="twoBytes"><xs:restriction base="t:bytes"><xs:length value="2"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="fewWords"><xs:restriction base="t:words"><xs:maxLength value="2"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="name"><xs:restriction base="xs:QName"><xs:maxLength value="2"/></xs:restriction></xs:simpleType>"#,
        );
        let unit = |name| match find(&krate, name) {
            Item::Restricted(r) => r.length,
            other => panic!("{name}: {other:?}"),
        };
        assert_eq!(unit("Pair"), LengthUnit::Text);
        assert_eq!(unit("FewSizes"), LengthUnit::TextItems);
        assert_eq!(unit("TwoBytes"), LengthUnit::Octets);
        assert_eq!(unit("FewWords"), LengthUnit::Value);
        assert_eq!(unit("Name"), LengthUnit::None);
    }

    #[test]
    fn a_qname_enumeration_is_kept_as_a_check_not_an_enum() {
        let krate = build_xsd(
            r#"<xs:simpleType name="code"><xs:restriction base="xs:QName"><xs:enumeration value="t:a"/></xs:restriction></xs:simpleType>"#,
        );
        let Item::Restricted(r) = find(&krate, "Code") else { panic!() };
        assert_eq!(r.checks, [FacetCheck::QNameEnumeration(vec!["t:a".into()])]);
    }

    #[test]
    fn qnames_are_held_by_their_lists_restrictions_and_unions() {
        let krate = build_xsd(
            r#"<xs:simpleType name="names"><xs:list itemType="xs:QName"/></xs:simpleType>
               <xs:simpleType name="prefixed"><xs:restriction base="xs:QName"><xs:pattern value="\i\c*:\i\c*"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="nameOrInt"><xs:union memberTypes="xs:int t:prefixed"/></xs:simpleType>
               <xs:simpleType name="wrapped"><xs:restriction base="t:nameOrInt"><xs:pattern value="[a-z:]+"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="ints"><xs:list itemType="xs:int"/></xs:simpleType>
               <xs:simpleType name="intOrToken"><xs:union memberTypes="xs:int xs:token"/></xs:simpleType>"#,
        );
        for (name, holds) in [
            ("Names", true),
            ("Prefixed", true),
            ("NameOrInt", true),
            ("Wrapped", true),
            ("Ints", false),
            ("IntOrToken", false),
        ] {
            assert_eq!(krate.holds_qnames(find(&krate, name)), holds, "{name}");
        }
    }

    #[test]
    fn an_enumeration_of_values_that_keep_their_text_is_a_check_not_an_enum() {
        let krate = build_xsd(
            r#"<xs:simpleType name="day"><xs:restriction base="xs:date"><xs:enumeration value="2020-01-01Z"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="firstDay"><xs:restriction base="t:day"><xs:minInclusive value="2020-01-01Z"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="octets"><xs:restriction base="xs:hexBinary"><xs:enumeration value="0A"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="blob"><xs:restriction base="xs:base64Binary"><xs:enumeration value="AQID"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="ratio"><xs:restriction base="xs:double"><xs:enumeration value="0.5"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="ints"><xs:list itemType="xs:int"/></xs:simpleType>
               <xs:simpleType name="pair"><xs:restriction base="t:ints"><xs:enumeration value="1 2"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="dates"><xs:list itemType="xs:date"/></xs:simpleType>
               <xs:simpleType name="days"><xs:restriction base="t:dates"><xs:enumeration value="2020-01-01"/></xs:restriction></xs:simpleType>"#,
        );
        let Item::Restricted(day) = find(&krate, "Day") else { panic!() };
        assert_eq!(day.checks, [FacetCheck::Enumeration(vec!["2020-01-01Z".into()])]);
        let Item::Restricted(first) = find(&krate, "FirstDay") else { panic!() };
        assert_eq!(
            first.checks,
            [
                FacetCheck::MinInclusive("2020-01-01Z".into()),
                FacetCheck::Enumeration(vec!["2020-01-01Z".into()])
            ]
        );
        assert!(matches!(find(&krate, "Octets"), Item::Restricted(r) if r.length == LengthUnit::Value));
        // Values written one way stay enums, compared as values of their type.
        let by_value = |name| match find(&krate, name) {
            Item::Enum(e) => match &e.by_value {
                Some(Ty::Builtin(b)) => b.rust.to_owned(),
                Some(Ty::List(item)) => match &**item {
                    Ty::Builtin(b) => format!("list of {}", b.rust),
                    other => panic!("{other:?}"),
                },
                other => panic!("{name}: {other:?}"),
            },
            other => panic!("{name}: {other:?}"),
        };
        assert_eq!(by_value("Blob"), "Base64Binary");
        assert_eq!(by_value("Ratio"), "f64");
        assert_eq!(by_value("Pair"), "list of i32");
        // A list of values that keep their text is a check too, compared item by item.
        let Item::Restricted(days) = find(&krate, "Days") else { panic!() };
        assert_eq!(days.checks, [FacetCheck::Enumeration(vec!["2020-01-01".into()])]);
    }

    #[test]
    fn a_union_flattens_enumerations_and_ends_with_other_for_free_text() {
        // The float after the string is never read: the string takes every text first.
        let krate = build_xsd(
            r#"<xs:simpleType name="size"><xs:restriction base="xs:string"><xs:enumeration value="big"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="either"><xs:union memberTypes="t:size xs:int xs:string xs:float"/></xs:simpleType>
               <xs:simpleType name="list"><xs:list itemType="xs:int"/></xs:simpleType>"#,
        );
        let Item::Enum(e) = find(&krate, "Either") else { panic!() };
        assert_eq!(e.values.iter().map(|v| v.0.as_str()).collect::<Vec<_>>(), ["Big"]);
        assert_eq!(e.members.iter().map(|m| m.0.as_str()).collect::<Vec<_>>(), ["Int"]);
        assert_eq!(e.other.as_deref(), Some("Other"));
        assert!(e.names.is_empty());
        assert!(matches!(find(&krate, "List"), Item::Alias(a) if matches!(a.ty, Ty::List(_))));
    }

    #[test]
    fn a_union_tries_an_earlier_member_that_may_take_a_value_before_the_value() {
        // Whether `5` is a `small` its bound decides, and whether `01` is a `level` its listed
        // values compared as ints; `n/a` is no int, `7` an int whatever the bound.
        let krate = build_xsd(
            r#"<xs:simpleType name="small"><xs:restriction base="xs:int"><xs:maxInclusive value="10"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="level"><xs:restriction base="xs:int"><xs:enumeration value="1"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="label"><xs:restriction base="xs:token">
                 <xs:enumeration value="5"/><xs:enumeration value="01"/><xs:enumeration value="n/a"/>
               </xs:restriction></xs:simpleType>
               <xs:simpleType name="either"><xs:union memberTypes="small level label"/></xs:simpleType>
               <xs:simpleType name="plain"><xs:union memberTypes="xs:int label"/></xs:simpleType>"#,
        );
        let Item::Enum(e) = find(&krate, "Either") else { panic!() };
        assert_eq!(e.values.iter().map(|v| v.1.as_str()).collect::<Vec<_>>(), ["5", "01", "n/a"]);
        assert_eq!(e.tried_first.get("5"), Some(&vec![0, 1]));
        assert_eq!(e.tried_first.get("01"), Some(&vec![0, 1]));
        assert_eq!(e.tried_first.get("n/a"), None);
        // An int member certainly takes `5` and `01`: they are no values of `plain`.
        let Item::Enum(e) = find(&krate, "Plain") else { panic!() };
        assert_eq!(e.values.iter().map(|v| v.1.as_str()).collect::<Vec<_>>(), ["n/a"]);
        assert!(e.tried_first.is_empty());
    }

    #[test]
    fn a_union_leaves_no_text_an_earlier_member_takes_to_a_later_one() {
        let krate = build_xsd(
            r#"<xs:simpleType name="code"><xs:restriction base="xs:token">
                 <xs:enumeration value="01"/><xs:enumeration value="x"/><xs:enumeration value="-"/><xs:enumeration value="2.50"/>
               </xs:restriction></xs:simpleType>
               <xs:simpleType name="id"><xs:restriction base="xs:ID"><xs:whiteSpace value="collapse"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="mixed"><xs:union memberTypes="xs:decimal t:id xs:int t:code xs:boolean xs:token xs:float"/></xs:simpleType>
               <xs:simpleType name="trailing"><xs:union memberTypes="xs:int xs:NMTOKEN"/></xs:simpleType>"#,
        );
        let Item::Enum(e) = find(&krate, "Mixed") else { panic!() };
        // `01` and `2.50` are decimals, `x` an ID; `-` is neither.
        assert_eq!(e.values.iter().map(|v| v.1.as_str()).collect::<Vec<_>>(), ["-"]);
        // IDs are names, checked before the int; nothing after the token is read.
        assert_eq!(e.members.iter().map(|m| m.0.as_str()).collect::<Vec<_>>(), ["Decimal", "Int", "Boolean"]);
        assert_eq!(e.names, [(1, "NCName")]);
        assert_eq!(e.other.as_deref(), Some("Other"));
        assert!(e.other_any);
        // Names after the last typed member, with no member of any text, are all `Other` takes.
        let Item::Enum(e) = find(&krate, "Trailing") else { panic!() };
        assert_eq!(e.names, [(1, "NMTOKEN")]);
        assert_eq!(e.members.len(), 1);
        assert!(!e.other_any);
    }
}
