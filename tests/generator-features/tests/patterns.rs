//! Pattern facets on numbers, booleans and dates (`schemas/patterns.xsd`): a pattern constrains the
//! text, and such a value has more than one (`12.50` and `12.5` are one decimal), so a value keeps
//! the text it was read from and is written back in it. Patterns are checked as XSD's regular
//! expressions read (the `zoo`). Every document here is judged by libxml2.

mod common;

use enhanced_presence::{roundtrip, XmlValue};
use generator_features::pattern_types::patterns::{Amount, Code, Entry, SmallAmount, Version, Zoo};

const NS: &str = r#"xmlns="urn:example:patterns""#;

fn validate(xml: &str) -> Result<(), String> {
    common::validate("patterns.xsd", xml)
}

#[test]
fn values_are_written_back_in_the_form_their_pattern_accepts() {
    // Written from the values alone, these would be `1`, `12.5`, `0.1`, `99.9`, `42`, `true` and
    // `2026-12-05`: each refused by its type's pattern.
    let xml = format!(
        "<entry {NS} version=\"1.00\"><amount>12.50</amount><amount> 0.10 </amount>\
         <smallAmount>99.90</smallAmount><count>0042</count><flag>1</flag><day>2026-12-05Z</day>\
         <code>ABC</code></entry>"
    );
    validate(&xml).unwrap();
    let entry: Entry = enhanced_presence::from_str(&xml).unwrap();
    assert_eq!(entry.version.as_ref().map(|v| (*v.value(), v.as_str())), Some((1.0, "1.00")));
    let amounts: Vec<(String, &str)> =
        entry.amount.iter().map(|a| (a.value().to_string(), a.as_str())).collect();
    assert_eq!(amounts, [("12.5".to_owned(), "12.50"), ("0.1".to_owned(), "0.10")]);
    assert_eq!(entry.count.as_ref().map(|c| **c), Some(42));
    assert_eq!(entry.flag.as_ref().map(|f| (*f.value(), f.as_str())), Some((true, "1")));
    assert_eq!(entry.code, Some(Code("ABC".into())));

    let written = enhanced_presence::to_string(&entry).unwrap();
    assert_eq!(
        written,
        format!(
            "<entry {NS} version=\"1.00\"><amount>12.50</amount><amount>0.10</amount>\
             <smallAmount>99.90</smallAmount><count>0042</count><flag>1</flag><day>2026-12-05Z</day>\
             <code>ABC</code></entry>"
        )
    );
    validate(&written).unwrap();
    assert_eq!(enhanced_presence::from_str::<Entry>(&written).unwrap(), entry);
    let report = roundtrip::check_as::<Entry>(&xml);
    assert!(report.is_ok(), "{report}");
}

#[test]
fn facets_other_than_the_pattern_are_still_checked_on_the_value() {
    // `smallAmount` restricts `amount`: its own bound and its base's minimum are both checked.
    assert!(SmallAmount::parse_xml("99.99").is_ok());
    let err = SmallAmount::parse_xml("100.00").unwrap_err().to_string();
    assert!(err.contains("not less than 100.00"), "{err}");
    let err = Amount::parse_xml("-1.00").unwrap_err().to_string();
    assert!(err.contains("less than the minimum 0"), "{err}");
    assert!(Version::parse_xml("one").is_err());
}

#[test]
fn a_value_made_in_the_program_takes_the_text_its_type_writes_or_the_one_given() {
    let amount: Amount = "7.00".parse().unwrap();
    assert_eq!((amount.value().to_string(), amount.as_str()), ("7".to_owned(), "7.00"));
    let err = Amount::new(amount.value().clone()).unwrap_err().to_string();
    assert!(
        err.contains("found \"7\"") && err.contains("does not match the pattern `\\d+\\.\\d{2}`"),
        "{err}"
    );
    assert_eq!(amount.to_string(), "7.00");
    let version: Version = "1.50".parse().unwrap();
    assert_ne!(Version::parse_xml("1.5").ok(), Some(version), "one value, two texts: only one matches");
}

/// Each text of an element of the `zoo`, with XSD's verdict on it, which libxml2 and the reader
/// must both give: the pattern facet is checked on read, as XSD's regular expressions read.
#[test]
fn patterns_are_checked_on_read_as_xsd_reads_them() {
    let cases: &[(&str, &str, bool)] = &[
        ("iban", "DE44500105175407324931", true),
        ("iban", "de44500105175407324931", false),
        ("iban", "DE4", false),
        ("iban", " DE44500105175407324931", false),
        ("name", "_a-1.b", true),
        ("name", "1a", false),
        ("name", "a b", false),
        ("name", "é·", true),
        ("escapes", " x1ab!", true),
        ("escapes", "\u{a0}x1ab!", false),
        ("escapes", " x٣ab!", true),
        // `_` is punctuation, which XSD's `\w` leaves out.
        ("escapes", " x1a_!", false),
        ("anchorsArePlain", "^x$", true),
        ("anchorsArePlain", "x", false),
        ("anchorsArePlain", "^\n$", false),
        ("consonants", "bcd", true),
        ("consonants", "bad", false),
        ("noCapitalOrGreek", "abc-1", true),
        ("noCapitalOrGreek", "aBc", false),
        ("noCapitalOrGreek", "aλ", false),
        ("runs", "aaa", true),
        ("runs", "bb", true),
        ("runs", "ab", false),
        ("shortRuns", "aa", true),
        ("shortRuns", "aaa", false),
        ("shortRuns", "ab", false),
        ("tokenPair", "  x \t y ", true),
        ("tokenPair", "xy", false),
        ("stringPair", "x y", true),
        ("stringPair", " x y", false),
        ("noLeadingZero", " 42 ", true),
        ("noLeadingZero", "042", false),
        ("braces", "{}aa}", true),
        ("braces", "{}aaaa}", false),
        ("groups", "abcd", true),
        ("groups", "abc", false),
        ("basicLatin", "plain ASCII", true),
        ("basicLatin", "café", false),
        ("escapedInClass", "-[]\\|.", true),
        ("escapedInClass", "a", false),
        ("twoCodes", "ABC  DEF", true),
        ("twoCodes", "ABC", false),
        ("carriageReturn", "a&#13;b", true),
        ("carriageReturn", "ab", false),
    ];
    for &(element, text, valid) in cases {
        let xml = format!("<zoo {NS}><{element}>{text}</{element}></zoo>");
        assert_eq!(validate(&xml).is_ok(), valid, "libxml2 on {xml}");
        let read = enhanced_presence::from_str::<Zoo>(&xml);
        assert_eq!(read.is_ok(), valid, "{xml}: {read:?}");
        if let Err(e) = read {
            assert!(e.to_string().contains("pattern"), "{e}");
        }
    }
}
