//! Arbitrary values that respect the schema (feature `arbitrary`): for property tests and fuzzing.
//! Generated types implement [`XmlArbitrary`] through these building blocks; every value they make
//! writes to XML that reads back equal.

use std::cell::Cell;

pub use arbitrary::{Error, Result, Unstructured};

use crate::any::{AnyAttribute, AnyElement, AnyNode, XmlName};
use crate::value::XmlValue;
use crate::xs;
use crate::{ReadOptions, XmlReader, XmlWrite, XmlWriter, XsiTypeAmong};

/// A value that can be made from unstructured bytes while staying valid for its XML type.
pub trait XmlArbitrary<'a>: Sized {
    /// Makes one value.
    fn xml_arbitrary(u: &mut Unstructured<'a>) -> Result<Self>;
}

thread_local! {
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// A reproducible byte stream to make values from (SplitMix64 seeded with `seed`): the same seed and
/// length give the same bytes, so a value made from them can be made again from its seed.
pub fn seeded_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(1);
    (0..len)
        .map(|_| {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            (z ^ (z >> 31)) as u8
        })
        .collect()
}

/// Bounds the nesting of generated values: choices may pick recursive branches even when the input
/// bytes are exhausted. Hold the guard while generating a value's content.
pub struct DepthGuard(());

/// Enters one level of nesting; fails past 24 levels.
pub fn enter() -> Result<DepthGuard> {
    DEPTH.with(|d| {
        if d.get() >= 24 {
            return Err(Error::NotEnoughData);
        }
        d.set(d.get() + 1);
        Ok(DepthGuard(()))
    })
}

impl Drop for DepthGuard {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

/// Characters that survive a write/read cycle anywhere (XML `Char`, including tab, LF and CR).
const CHARS: &[char] = &[
    'a', 'b', 'z', 'A', 'Z', '0', '9', ' ', '\t', '\n', '\r', '&', '<', '>', '"', '\'', ']', ':', '-', 'é',
    '€', '中', '😀',
];

/// Free text (an `xs:string` value).
pub fn text(u: &mut Unstructured<'_>) -> Result<String> {
    let len = u.int_in_range(0..=12)?;
    text_of_len(u, len, len)
}

/// Text of `min..=max` characters.
pub fn text_of_len(u: &mut Unstructured<'_>, min: usize, max: usize) -> Result<String> {
    let len = u.int_in_range(min..=max.max(min))?;
    (0..len).map(|_| u.choose(CHARS).copied()).collect()
}

/// The text of a value of the built-in type `xs:{xsd}`, one of those whose values are not any text
/// (`normalizedString`, `token`, `language`, `Name`, `NCName`, `NMTOKEN`, `anyURI`): the reader
/// takes any text for the string types among them, but a document holding other text is not valid.
pub fn builtin_string(u: &mut Unstructured<'_>, xsd: &str) -> Result<String> {
    const START: &[char] = &['a', 'b', 'z', 'A', 'Z', '_', 'é', '中'];
    const NAME: &[char] = &['a', 'b', 'z', 'A', 'Z', '_', 'é', '中', '0', '9', '-', '.'];
    fn word(u: &mut Unstructured<'_>, first: &[char], rest: &[char]) -> Result<String> {
        let mut out = String::from(*u.choose(first)?);
        for _ in 0..u.int_in_range(0..=8)? {
            out.push(*u.choose(rest)?);
        }
        Ok(out)
    }
    Ok(match xsd {
        "normalizedString" => text(u)?.replace(['\t', '\n', '\r'], " "),
        "token" => {
            text(u)?.split(xs::is_xml_whitespace).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
        }
        "language" => {
            let primary = u.choose(&["en", "de", "fr", "zh", "tlh", "x"])?;
            let sub = u.choose(&["", "-US", "-CH", "-Hant", "-a1b2c3"])?;
            format!("{primary}{sub}")
        }
        "Name" | "NCName" => word(u, START, NAME)?,
        "NMTOKEN" => word(u, NAME, NAME)?,
        "anyURI" => {
            let path = word(u, &['a', 'z', '0'], &['a', 'z', '0', '9', '-', '.', '_', '~'])?;
            let form = u.choose(&["urn:example:", "http://example.com/", "../", ""])?;
            format!("{form}{path}")
        }
        _ => text(u)?,
    })
}

/// A [`builtin_string`] of `min..=max` characters (a restriction's length facets): cut, or padded
/// with `a`, in ways that keep it a value of `xs:{xsd}` (a cut token or language tag loses what
/// would end it in a space or a hyphen).
pub fn builtin_string_of_len(u: &mut Unstructured<'_>, xsd: &str, min: usize, max: usize) -> Result<String> {
    let mut s: String = builtin_string(u, xsd)?.chars().take(max.max(min)).collect();
    if xsd == "language" {
        s.truncate(s.trim_end_matches('-').len());
    } else if xsd == "token" {
        s.truncate(s.trim_end_matches(xs::is_xml_whitespace).len());
    }
    // A name or token cannot start with whatever follows; `a` can follow anything.
    if s.is_empty() && min > 0 && xsd == "language" {
        s.push_str("en");
    }
    let len = s.chars().count();
    s.extend(std::iter::repeat('a').take(min.saturating_sub(len)));
    Ok(s)
}

/// An optional [`builtin_string`]: absent or present, as the input decides.
pub fn optional_builtin_string(u: &mut Unstructured<'_>, xsd: &str) -> Result<Option<String>> {
    Ok(if u.arbitrary::<bool>()? { Some(builtin_string(u, xsd)?) } else { None })
}

/// A token that no enumeration of `taken` holds: a union's `Other` value.
pub fn other_token(u: &mut Unstructured<'_>, taken: &[&str]) -> Result<String> {
    let n: u16 = u.arbitrary()?;
    let mut token = format!("other{n}");
    while taken.contains(&token.as_str()) {
        token.push('x');
    }
    Ok(token)
}

/// One of `values`, by its lexical form, parsed as `T`.
pub fn from_lexical<T: XmlValue>(text: &str) -> Result<T> {
    T::parse_xml(text).map_err(|_| Error::IncorrectFormat)
}

/// Keeps `value` only if it reads back equal from what it writes (a union member whose lexical form
/// an earlier member would claim fails this).
pub fn stable<T: XmlValue + PartialEq>(value: T) -> Result<T> {
    match T::parse_xml(&lexical(&value)) {
        Ok(back) if back == value => Ok(value),
        _ => Err(Error::IncorrectFormat),
    }
}

/// An element for a wildcard that allows namespace `ns` (`None`: no namespace), outside any schema.
pub fn any_element(u: &mut Unstructured<'_>, ns: Option<&str>) -> Result<AnyElement> {
    let n: u8 = u.arbitrary()?;
    let mut element = AnyElement::new(ns, &format!("arbitrary{n}"));
    // Names in the XML namespace, sometimes with the (legal, needless) declaration of its prefix:
    // the writer must use `xml` and declare nothing for them.
    if u.arbitrary()? {
        let xml = crate::writer::XML_NAMESPACE;
        let name = XmlName { namespace: Some(xml.into()), prefix: Some("xml".into()), local: "lang".into() };
        element.attributes.push(AnyAttribute { name, value: "en".into() });
        if u.arbitrary()? {
            element.namespaces.push((Some("xml".into()), xml.into()));
        }
    }
    let content = text(u)?;
    if !crate::xs::trim_xml(&content).is_empty() {
        element.children.push(AnyNode::Text(content));
    }
    if u.arbitrary()? {
        element.children.push(AnyNode::Element(AnyElement::new(Some("urn:example:arbitrary"), "child")));
    }
    Ok(element)
}

/// Mixed content: at most one text node that is not only whitespace.
pub fn mixed(u: &mut Unstructured<'_>) -> Result<Vec<AnyNode>> {
    let content = text(u)?;
    Ok(if crate::xs::trim_xml(&content).is_empty() { Vec::new() } else { vec![AnyNode::Text(content)] })
}

/// How many items a particle with `min..max` occurrences gets (at most three beyond the minimum).
pub fn count(u: &mut Unstructured<'_>, min: usize, max: Option<usize>) -> Result<usize> {
    let cap = max.unwrap_or(usize::MAX).min(min.saturating_add(3));
    u.int_in_range(min..=cap.max(min))
}

/// One value of any type with generated `XmlArbitrary` support (the type is usually inferred from
/// the field or variant it fills).
#[inline]
pub fn value<'a, T: XmlArbitrary<'a>>(u: &mut Unstructured<'a>) -> Result<T> {
    T::xml_arbitrary(u)
}

/// The value of an element declared with a `fixed` value: that value, written as an empty element
/// (which takes it). Fails if the declared text is not a `T` (the schema is then wrong).
pub fn fixed<T: XmlValue>(lexical: &str) -> Result<xs::Defaulted<T>> {
    fixed_value(lexical).map(xs::Defaulted::Default)
}

/// The value of an element declared with a `default`: the declared value (an empty element), or
/// another whose text is not empty (an empty text would read back as the default).
pub fn defaulted<'a, T: XmlArbitrary<'a> + XmlValue>(
    u: &mut Unstructured<'a>,
    default: &str,
) -> Result<xs::Defaulted<T>> {
    if !u.ratio(1, 4)? {
        let value = T::xml_arbitrary(u)?;
        if !lexical(&value).is_empty() {
            return Ok(xs::Defaulted::Value(value));
        }
    }
    fixed(default)
}

/// The value of an element of a complex type with simple or mixed content, declared with a
/// `default` (or with `fixed`: then always the declared value): a value `T` makes whose content is
/// not empty (an empty element would read back as the declared value), or such a value with its
/// content emptied, as the element that took the declared value reads. That one is made by reading:
/// only the type's reader knows which field holds the text.
pub fn defaulted_content<'a, T>(
    u: &mut Unstructured<'a>,
    declared: &'static str,
    fixed: bool,
) -> Result<xs::Defaulted<T>>
where
    T: XmlArbitrary<'a> + crate::XmlRead + crate::XmlWrite,
{
    use crate::writer::DeclaredText;
    let value = T::xml_arbitrary(u)?;
    let write = |text| {
        let mut w = crate::XmlWriter::new();
        w.set_declared_text(text);
        value.write_xml(&mut w, None, "x");
        w.finish().map_err(|_| Error::IncorrectFormat)
    };
    let empty = write(DeclaredText::Omitted)?;
    if !fixed && !u.ratio(1, 4)? && write(DeclaredText::NotEmpty)? != empty {
        return Ok(xs::Defaulted::Value(value));
    }
    let mut r = crate::XmlReader::new(&empty, crate::ReadOptions::default());
    let start = r.root().map_err(|_| Error::IncorrectFormat)?;
    xs::Defaulted::read_content(&mut r, start, declared).map_err(|_| Error::IncorrectFormat)
}

/// The value of an attribute declared with a `fixed` value: that value. Fails if the declared text
/// is not a `T`.
pub fn fixed_value<T: XmlValue>(lexical: &str) -> Result<T> {
    T::parse_xml(lexical).map_err(|_| Error::IncorrectFormat)
}

/// The `xsi:type` of an element whose type is kept (`xs::Typed`): none, or the element's declared
/// type `{ns}local`, which is valid for any value of it.
pub fn declared_type(
    u: &mut Unstructured<'_>,
    ns: Option<&str>,
    local: &str,
) -> Result<Option<(Option<String>, String)>> {
    Ok(if u.arbitrary::<bool>()? { Some((ns.map(str::to_owned), local.to_owned())) } else { None })
}

/// A value wrapped by `wrap` (an enum variant), made in this function's frame rather than the
/// caller's: generated `arbitrary_root` calls it from one `match` arm per root.
#[inline(never)]
pub fn variant<'a, T: XmlArbitrary<'a>, E>(u: &mut Unstructured<'a>, wrap: impl FnOnce(T) -> E) -> Result<E> {
    T::xml_arbitrary(u).map(wrap)
}

/// The value of a nillable element: nil, or a value `value` makes, with or without
/// `xsi:nil="false"` (generated code passes the maker of a default or fixed value).
pub fn nillable<'a, T>(
    u: &mut Unstructured<'a>,
    value: impl FnOnce(&mut Unstructured<'a>) -> Result<T>,
) -> Result<xs::Nillable<T>> {
    Ok(match u.int_in_range(0..=2u8)? {
        0 => xs::Nillable::default(),
        1 => xs::Nillable::Value(value(u)?),
        _ => xs::Nillable::NotNil(value(u)?),
    })
}

/// Fails if `value`, an element's value of a type family, names one of `refused` as its
/// `xsi:type`: types derived from the element's type in a way its declaration's `block` forbids,
/// which the reader refuses. Asks the reader itself, of the element as written.
pub fn typed_as_none_of<T: XmlWrite>(value: Option<&T>, refused: &[(&str, &str)]) -> Result<()> {
    let Some(value) = value else { return Ok(()) };
    let mut w = XmlWriter::new();
    value.write_xml(&mut w, None, "e");
    let xml = w.finish().map_err(|_| Error::IncorrectFormat)?;
    let mut r = XmlReader::new(&xml, ReadOptions::default());
    match r.root().and_then(|start| r.xsi_type_among(&start, refused)) {
        Ok(XsiTypeAmong::Listed(_)) | Err(_) => Err(Error::IncorrectFormat),
        Ok(_) => Ok(()),
    }
}

/// An optional value: absent or present, as the input decides.
pub fn optional<'a, T: XmlArbitrary<'a>>(u: &mut Unstructured<'a>) -> Result<Option<T>> {
    Ok(if u.arbitrary::<bool>()? { Some(T::xml_arbitrary(u)?) } else { None })
}

/// A list value (`xs:list`): up to four items, each kept only if its lexical form is one token that
/// reads back as the same item (a string item holding a space would come back as two).
pub fn list<'a, T>(u: &mut Unstructured<'a>) -> Result<Vec<T>>
where
    T: XmlArbitrary<'a> + XmlValue + PartialEq,
{
    let n = count(u, 0, Some(4))?;
    let mut items = Vec::with_capacity(n);
    for _ in 0..n {
        let item = T::xml_arbitrary(u)?;
        let text = lexical(&item);
        let one_token = !text.is_empty() && !text.contains(xs::is_xml_whitespace);
        if one_token && T::parse_xml(&text).is_ok_and(|back| back == item) {
            items.push(item);
        }
    }
    Ok(items)
}

/// The items of a built-in list of names (`NMTOKENS`, `IDREFS`, `ENTITIES`): one to four (their
/// `minLength` is 1) values of the built-in type `item` (`NMTOKEN`, `NCName`), which hold no
/// whitespace, as `T` (`xs::NMToken`, `String`).
pub fn name_list<T: XmlValue>(u: &mut Unstructured<'_>, item: &str) -> Result<Vec<T>> {
    let n = count(u, 1, Some(4))?;
    (0..n).map(|_| from_lexical(&builtin_string(u, item)?)).collect()
}

/// The occurrences of a repeated particle with `min..max` occurrences (see [`count`]).
pub fn repeated<'a, T: XmlArbitrary<'a>>(
    u: &mut Unstructured<'a>,
    min: usize,
    max: Option<usize>,
) -> Result<Vec<T>> {
    groups(u, min, max, |_| false)
}

/// The occurrences of a repeated group. A group value that writes nothing (`is_empty`) would not be
/// read back as an occurrence, so it is dropped unless the minimum still needs it.
pub fn groups<'a, T: XmlArbitrary<'a>>(
    u: &mut Unstructured<'a>,
    min: usize,
    max: Option<usize>,
    is_empty: impl Fn(&T) -> bool,
) -> Result<Vec<T>> {
    let n = count(u, min, max)?;
    let mut items = Vec::with_capacity(n);
    for _ in 0..n {
        // Past the minimum, an occurrence that cannot be made (a choice whose alternative would
        // write nothing) is one occurrence fewer.
        let item = match T::xml_arbitrary(u) {
            Err(Error::IncorrectFormat) if items.len() >= min => continue,
            item => item?,
        };
        if !is_empty(&item) || items.len() < min {
            items.push(item);
        }
    }
    Ok(items)
}

/// An optional group: absent when the value made for it writes nothing (`is_empty`), since it would
/// read back as absent, or when none can be made (a choice whose alternative would write nothing).
pub fn optional_group<'a, T: XmlArbitrary<'a>>(
    u: &mut Unstructured<'a>,
    is_empty: impl Fn(&T) -> bool,
) -> Result<Option<T>> {
    Ok(match T::xml_arbitrary(u) {
        Ok(item) if !is_empty(&item) => Some(item),
        Ok(_) | Err(Error::IncorrectFormat) => None,
        Err(e) => return Err(e),
    })
}

/// One of `values` (an enumeration's), kept if it reads back equal (see [`stable`]).
pub fn one_of<T: XmlValue + PartialEq + Clone>(u: &mut Unstructured<'_>, values: &[T]) -> Result<T> {
    stable(u.choose(values)?.clone())
}

/// One of `values`, or (as likely as each of them) `other` of a token none of them writes: for an
/// enumeration that also takes any other token.
pub fn one_of_or_other<T: XmlValue + PartialEq + Clone>(
    u: &mut Unstructured<'_>,
    values: &[T],
    other: impl FnOnce(String) -> T,
) -> Result<T> {
    let index = u.choose_index(values.len() + 1)?;
    if let Some(value) = values.get(index) {
        return stable(value.clone());
    }
    let taken: Vec<String> = values.iter().map(lexical).collect();
    let taken: Vec<&str> = taken.iter().map(String::as_str).collect();
    stable(other(other_token(u, &taken)?))
}

/// How `value` is written.
pub(crate) fn lexical<T: XmlValue>(value: &T) -> String {
    let mut text = String::new();
    value.write_xml(&mut text);
    text
}

impl<'a> XmlArbitrary<'a> for String {
    fn xml_arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        text(u)
    }
}

macro_rules! plain {
    ($($t:ty),*) => {$(
        impl<'a> XmlArbitrary<'a> for $t {
            fn xml_arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
                u.arbitrary()
            }
        }
    )*};
}
plain!(bool, u8, u16, u32, u64, i8, i16, i32, i64);

macro_rules! finite {
    ($($t:ty),*) => {$(
        impl<'a> XmlArbitrary<'a> for $t {
            // NaN never equals itself, so it cannot be checked by a round trip.
            fn xml_arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
                let v: $t = u.arbitrary()?;
                Ok(if v.is_finite() { v } else { 0.0 })
            }
        }
    )*};
}
finite!(f32, f64);

impl<'a, T: XmlArbitrary<'a>> XmlArbitrary<'a> for Box<T> {
    fn xml_arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        T::xml_arbitrary(u).map(Box::new)
    }
}

impl<'a, T: XmlArbitrary<'a>> XmlArbitrary<'a> for Vec<T> {
    fn xml_arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let n = count(u, 0, Some(4))?;
        (0..n).map(|_| T::xml_arbitrary(u)).collect()
    }
}

fn digits(u: &mut Unstructured<'_>, max: usize) -> Result<String> {
    let len = u.int_in_range(1..=max)?;
    (0..len).map(|_| Ok(char::from(b'0' + u.int_in_range(0..=9)?))).collect()
}

/// The text of a decimal number with at most `total` digits in all and `fraction` after the point
/// (the `totalDigits` and `fractionDigits` facets), counted as written: zeros it starts or ends
/// with only make the value's digits fewer.
pub fn decimal_text(
    u: &mut Unstructured<'_>,
    total: Option<usize>,
    fraction: Option<usize>,
) -> Result<String> {
    let total = total.unwrap_or(18).clamp(1, 30);
    let fraction = u.int_in_range(0..=fraction.unwrap_or(6).min(total))?;
    let integer = u.int_in_range(usize::from(fraction == 0)..=total - fraction)?;
    let mut text = String::from(if u.arbitrary()? { "-" } else { "" });
    for _ in 0..integer {
        text.push(char::from(b'0' + u.int_in_range(0..=9)?));
    }
    if integer == 0 {
        text.push('0');
    }
    if fraction > 0 {
        text.push('.');
        for _ in 0..fraction {
            text.push(char::from(b'0' + u.int_in_range(0..=9)?));
        }
    }
    Ok(text)
}

fn timezone(u: &mut Unstructured<'_>) -> Result<String> {
    Ok(match u.int_in_range(0..=2)? {
        0 => String::new(),
        1 => "Z".to_owned(),
        _ => {
            let minutes: i16 = u.int_in_range(-14 * 60..=14 * 60)?;
            let sign = if minutes < 0 { '-' } else { '+' };
            format!("{sign}{:02}:{:02}", minutes.abs() / 60, minutes.abs() % 60)
        }
    })
}

fn fraction(u: &mut Unstructured<'_>) -> Result<String> {
    Ok(if u.arbitrary()? { format!(".{}", digits(u, 7)?) } else { String::new() })
}

fn date(u: &mut Unstructured<'_>) -> Result<String> {
    let year: u16 = u.int_in_range(1..=9999)?;
    let month: u8 = u.int_in_range(1..=12)?;
    let day: u8 = u.int_in_range(1..=28)?;
    Ok(format!("{year:04}-{month:02}-{day:02}"))
}

fn time(u: &mut Unstructured<'_>) -> Result<String> {
    let (h, m, s): (u8, u8, u8) = (u.int_in_range(0..=23)?, u.int_in_range(0..=59)?, u.int_in_range(0..=59)?);
    Ok(format!("{h:02}:{m:02}:{s:02}{}", fraction(u)?))
}

macro_rules! lexical {
    ($($t:ty => |$u:ident| $body:expr;)*) => {$(
        impl<'a> XmlArbitrary<'a> for $t {
            fn xml_arbitrary($u: &mut Unstructured<'a>) -> Result<Self> {
                let text: String = $body;
                from_lexical(&text)
            }
        }
    )*};
}

lexical! {
    xs::DateTime => |u| format!("{}T{}{}", date(u)?, time(u)?, timezone(u)?);
    xs::Date => |u| format!("{}{}", date(u)?, timezone(u)?);
    xs::Time => |u| format!("{}{}", time(u)?, timezone(u)?);
    xs::GYear => |u| format!("{:04}{}", u.int_in_range(1..=9999u16)?, timezone(u)?);
    xs::GYearMonth => |u| format!("{:04}-{:02}{}", u.int_in_range(1..=9999u16)?, u.int_in_range(1..=12u8)?, timezone(u)?);
    xs::GMonth => |u| format!("--{:02}{}", u.int_in_range(1..=12u8)?, timezone(u)?);
    xs::GDay => |u| format!("---{:02}{}", u.int_in_range(1..=28u8)?, timezone(u)?);
    xs::GMonthDay => |u| format!("--{:02}-{:02}{}", u.int_in_range(1..=12u8)?, u.int_in_range(1..=28u8)?, timezone(u)?);
    xs::Duration => |u| format!("{}P{}DT{}H{}M{}S", if u.arbitrary()? { "-" } else { "" }, digits(u, 3)?, digits(u, 2)?, digits(u, 2)?, digits(u, 2)?);
    xs::Decimal => |u| format!("{}{}{}", if u.arbitrary()? { "-" } else { "" }, digits(u, 12)?, fraction(u)?);
    xs::Integer => |u| format!("{}{}", if u.arbitrary()? { "-" } else { "" }, digits(u, 24)?);
    xs::NonNegativeInteger => |u| digits(u, 24)?;
    xs::PositiveInteger => |u| format!("1{}", digits(u, 20)?);
    xs::NonPositiveInteger => |u| format!("-{}", digits(u, 24)?);
    xs::NegativeInteger => |u| format!("-1{}", digits(u, 20)?);
    // A prefix must be declared where the value is, and the value does not say where that is:
    // unprefixed, or `xml`, which is bound everywhere.
    xs::QNameValue => |u| format!("{}l{}", if u.arbitrary()? { "xml:" } else { "" }, u.int_in_range(0..=99u8)?);
    xs::Name => |u| builtin_string(u, "Name")?;
    xs::NCName => |u| builtin_string(u, "NCName")?;
    xs::NMToken => |u| builtin_string(u, "NMTOKEN")?;
    xs::Language => |u| builtin_string(u, "language")?;
}

impl<'a> XmlArbitrary<'a> for xs::Base64Binary {
    fn xml_arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        Ok(xs::Base64Binary(u.arbitrary()?))
    }
}

impl<'a, T: XmlArbitrary<'a>> XmlArbitrary<'a> for xs::Nillable<T> {
    fn xml_arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        nillable(u, T::xml_arbitrary)
    }
}

impl<'a> XmlArbitrary<'a> for xs::HexBinary {
    fn xml_arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let bytes: Vec<u8> = u.arbitrary()?;
        // Lower case reads back as lower case only when some digit is a letter.
        let letters = bytes.iter().any(|b| b >> 4 > 9 || b & 15 > 9);
        let case = if letters && u.arbitrary()? { xs::LetterCase::Lower } else { xs::LetterCase::Upper };
        Ok(xs::HexBinary(bytes, case))
    }
}

impl<'a> XmlArbitrary<'a> for AnyElement {
    fn xml_arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        any_element(u, Some("urn:example:arbitrary"))
    }
}

/// Text that `regex` (a pattern as the generator translates it: see `__private::Pattern`)
/// matches, made by walking the expression: a branch of each alternation, a count within each
/// repetition's bounds (at most a few beyond its minimum), a character of each class that XML can
/// hold. An expression that does not parse, or a class with no such character, fails.
///
/// A class's character is one of Latin-1 where the class has any, else one Unicode 4.0 had
/// assigned where it has any: `\d` and `\p{L}` take the digits and letters of the Unicode version
/// the `regex` crate has, and `\i` and `\c` the name characters of XML's fifth edition, while
/// other validators take older ones (libxml2's tables are Unicode 4.0.1's, its names the fourth
/// edition's), and a value meant to be valid everywhere should hold only what they agree on.
pub fn pattern_text(u: &mut Unstructured<'_>, regex: &str) -> Result<String> {
    let hir = regex_syntax::parse(regex).map_err(|_| Error::IncorrectFormat)?;
    let mut out = String::new();
    matching_text(u, &hir, &mut out)?;
    Ok(out)
}

/// Latin-1, and the characters Unicode 4.0 assigned: where validators of every age agree.
fn agreed() -> &'static [regex_syntax::hir::ClassUnicode; 2] {
    static CLASSES: std::sync::OnceLock<[regex_syntax::hir::ClassUnicode; 2]> = std::sync::OnceLock::new();
    CLASSES.get_or_init(|| {
        [r"[\x{0}-\x{FF}]", r"\p{Age=V4_0}"].map(|class| {
            match regex_syntax::parse(class).map(|hir| hir.into_kind()) {
                Ok(regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class))) => class,
                _ => regex_syntax::hir::ClassUnicode::empty(),
            }
        })
    })
}

fn matching_text(u: &mut Unstructured<'_>, hir: &regex_syntax::hir::Hir, out: &mut String) -> Result<()> {
    use regex_syntax::hir::{Class, HirKind};
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(literal) => {
            out.push_str(std::str::from_utf8(&literal.0).map_err(|_| Error::IncorrectFormat)?)
        }
        HirKind::Class(Class::Unicode(class)) => {
            let narrowed = agreed().iter().map(|agreed| {
                let mut narrowed = class.clone();
                narrowed.intersect(agreed);
                narrowed
            });
            let chosen = narrowed.chain([class.clone()]).find(|c| !c.ranges().is_empty());
            let chosen = chosen.unwrap_or_else(|| class.clone());
            let ranges = chosen.ranges();
            if ranges.is_empty() {
                return Err(Error::IncorrectFormat);
            }
            let range = u.choose(ranges)?;
            let (start, end) = (u32::from(range.start()), u32::from(range.end()));
            let chosen = u.int_in_range(start..=end)?;
            // The first character from the chosen one on that a document can hold.
            let c = (chosen..=end)
                .take(0x1_0000)
                .filter_map(char::from_u32)
                .find(|&c| crate::reader::is_xml_char(c))
                .ok_or(Error::IncorrectFormat)?;
            out.push(c);
        }
        HirKind::Class(Class::Bytes(_)) => return Err(Error::IncorrectFormat),
        HirKind::Repetition(repetition) => {
            let max = repetition.max.unwrap_or(u32::MAX).min(repetition.min.saturating_add(4));
            for _ in 0..u.int_in_range(repetition.min..=max)? {
                matching_text(u, &repetition.sub, out)?;
            }
        }
        HirKind::Capture(capture) => matching_text(u, &capture.sub, out)?,
        HirKind::Concat(parts) => {
            for part in parts {
                matching_text(u, part, out)?;
            }
        }
        HirKind::Alternation(branches) => {
            let branch = u.choose(branches)?;
            matching_text(u, branch, out)?
        }
    }
    Ok(())
}
