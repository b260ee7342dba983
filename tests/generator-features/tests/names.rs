//! `schemas/strings.xsd`: the built-in name types (`Name`, `NCName`, `NMTOKEN`, `language`, the
//! items of `NMTOKENS`) are checked strings of the runtime (`xs::NCName`…): text that is no value of
//! the type is an error where it stands, as libxml2 has it, and a value is the text without the white
//! space around it. Each document's verdict is libxml2's.

mod common;

use enhanced_presence::xs::{Language, NCName, NMToken, Name};
use enhanced_presence::XmlElement;
use generator_features::string_types::strings::*;

const NS: &str = r#"xmlns="urn:example:strings""#;

/// A `labels` document with `lang` as its language and `body` after its required `token`.
fn labels(lang: &str, body: &str) -> String {
    format!(r#"<labels {NS} version="1.5" lang="{lang}"><token>t</token>{body}<link>l</link></labels>"#)
}

/// A `lists` document with `attributes` on the root (`requiredTokens` given unless they hold it).
fn lists(attributes: &str, body: &str) -> String {
    let required = if attributes.contains("requiredTokens") { "" } else { r#"requiredTokens="a""# };
    format!(r#"<lists {NS} {required} {attributes}><someWords>w</someWords>{body}</lists>"#)
}

#[test]
fn names_are_read_as_libxml2_judges_them() {
    // (document, whether the schema allows it)
    let cases = [
        (
            labels(
                "en",
                "<name>a:b:c</name><ncname>_x.1</ncname><ncname> é\u{B7}2 </ncname><nmtoken>01</nmtoken>",
            ),
            true,
        ),
        (labels("en", "<language>\n  de-CH </language><nmtoken>-a:b.</nmtoken>"), true),
        (labels(" zh-Hant-TW ", ""), true),
        (labels("en", "<name>1a</name>"), false),
        (labels("en", "<name>a b</name>"), false),
        (labels("en", "<name></name>"), false),
        (labels("en", "<ncname>a:b</ncname>"), false),
        (labels("en", "<ncname>ok</ncname><ncname>-a</ncname>"), false),
        (labels("en", "<nmtoken>a b</nmtoken>"), false),
        (labels("en", "<nmtoken>a,b</nmtoken>"), false),
        (labels("en", "<nmtoken/>"), false),
        (labels("en", "<language>de_CH</language>"), false),
        (labels("en", "<language>toolongtag</language>"), false),
        (labels("en", "<language>de-</language>"), false),
        (labels("", ""), false),
        (lists(r#"tokens=" a  01 -b ""#, "<tokens>x\ny</tokens>"), true),
        (lists(r#"tokens="a b,c""#, ""), false),
        (lists("", "<tokens>a &#xD7;</tokens>"), false),
        // An empty list is none of `NMTOKENS` (its `minLength` is 1), but libxml2 takes it, and so
        // does the reader (the built-in lists' own `minLength` is not checked).
        (lists(r#"requiredTokens="""#, ""), true),
    ];
    for (xml, allowed) in &cases {
        if xml.starts_with("<labels") {
            judged::<Labels>(xml, *allowed);
        } else {
            judged::<Lists>(xml, *allowed);
        }
    }
}

/// Asserts that libxml2 and the reader of `D` both allow `xml`, or both refuse it, as `allowed` says.
fn judged<D: XmlElement>(xml: &str, allowed: bool) {
    let libxml2 = common::validate("strings.xsd", xml);
    assert_eq!(libxml2.is_ok(), allowed, "libxml2 on {xml}: {libxml2:?}");
    let read = enhanced_presence::from_str::<D>(xml).map(drop);
    assert_eq!(read.is_ok(), allowed, "{xml}: {read:?}");
}

/// A `named` document with `attributes` on the root and `body` as its content.
fn named(attributes: &str, body: &str) -> String {
    format!(r#"<named {NS} {attributes}>{body}</named>"#)
}

#[test]
fn defaults_lists_patterns_and_unions_of_names_as_libxml2_judges_them() {
    let cases = [
        (
            named(
                r#"lang="de" tokens="x""#,
                "<id/><kind>fixed-1</kind><names> a b\tc </names><code>AB</code><code>12</code>",
            ),
            true,
        ),
        (named("", "<id>x</id><kind/><names/>"), true),
        (named("", "<id>1x</id>"), false),
        (named("", "<kind>fixed-2</kind>"), false),
        (named("", "<names>a b:c</names>"), false),
        (named("", "<code>ab</code>"), false),
        (named("", "<code>A:B</code>"), false),
        (named(r#"lang="d e""#, ""), false),
        (named(r#"tokens="a,b""#, ""), false),
    ];
    for (xml, allowed) in &cases {
        judged::<Named>(xml, *allowed);
    }
    let read: Named = enhanced_presence::from_str(&cases[0].0).unwrap();
    assert_eq!(read.id.as_ref().map(|id| id.get().as_str()), Some("none"));
    assert_eq!(read.names.as_deref(), Some(&["a", "b", "c"].map(|n| NCName::new(n).unwrap())[..]));
    assert_eq!(
        read.code,
        [CodeOrNumber::UpperCode(UpperCode::new("AB".parse().unwrap()).unwrap()), CodeOrNumber::Int(12)]
    );
    let empty: Named = enhanced_presence::from_str(&named("", "")).unwrap();
    assert_eq!(empty.lang_or_default(), "en");
    assert_eq!(empty.tokens_or_default(), ["a", "b"].map(|t| NMToken::new(t).unwrap()));
}

#[test]
fn a_name_is_its_text_without_the_white_space_around_it() {
    let xml = labels(" de-CH ", "<name> a:b </name><ncname>\n x </ncname><nmtoken>\t01</nmtoken>");
    let read: Labels = enhanced_presence::from_str(&xml).unwrap();
    assert_eq!(read.lang, "de-CH");
    assert_eq!(read.name.as_deref(), Some("a:b"));
    assert_eq!(read.ncname, ["x"]);
    assert_eq!(read.nmtoken.as_ref().map(NMToken::as_str), Some("01"));
    let written = enhanced_presence::to_string(&read).unwrap();
    assert!(written.contains(r#"lang="de-CH""#), "{written}");
    assert!(written.contains("<name>a:b</name><ncname>x</ncname><nmtoken>01</nmtoken>"), "{written}");
    let report = enhanced_presence::roundtrip::check_as::<Labels>(&xml);
    assert!(report.is_ok(), "{report}");
}

#[test]
fn errors_say_what_is_wrong_and_where() {
    let xml = labels("en", "<ncname>ok</ncname>\n<ncname>a:b</ncname>");
    let error = enhanced_presence::from_str::<Labels>(&xml).unwrap_err().to_string();
    assert!(error.starts_with(r#"2:1: /labels/ncname[2]: expected NCName, found "a:b""#), "{error}");
    let xml = lists(r#"tokens="a b,c""#, "");
    let error = enhanced_presence::from_str::<Lists>(&xml).unwrap_err().to_string();
    assert!(error.contains("@tokens") && error.contains(r#"found "b,c""#), "{error}");
}

/// A value built in code is checked once, when it is made, so what is written reads back.
#[test]
fn values_built_in_code_are_checked() {
    assert!(NCName::new("a:b").is_err());
    assert!(Name::new("a:b").is_ok());
    assert!(Language::new("en-GB").is_ok() && Language::new("en_GB").is_err());
    let mut read: Lists = enhanced_presence::from_str(&lists("", "")).unwrap();
    read.required_tokens = vec!["x".parse().unwrap(), NMToken::new("-1").unwrap()];
    let written = enhanced_presence::to_string(&read).unwrap();
    assert!(written.contains(r#"requiredTokens="x -1""#), "{written}");
    assert_eq!(enhanced_presence::from_str::<Lists>(&written).unwrap(), read);
}
