//! Simple content in the forms real schemas use (`schemas/simple-content.xsd`).

mod common;

use enhanced_presence::{roundtrip, WithHints};
use generator_features::simple_content_types::simple_content::*;

fn settings(body: &str) -> String {
    format!(r#"<t:settings xmlns:t="urn:example:simple">{body}</t:settings>"#)
}

/// Reads `body` in `settings`, checking the round trip. As a `WithHints`: `kind` is a QName whose
/// prefix is declared for the element names, which a `Settings` alone writes in the default namespace.
fn read(body: &str) -> Settings {
    let xml = settings(body);
    let report = roundtrip::check_as::<WithHints<Settings>>(&xml);
    assert!(report.is_ok(), "{xml}\n{report}");
    enhanced_presence::from_str(&xml).unwrap()
}

const REST: &str = "<t:issued>2026-12-03</t:issued><t:kind>t:circle</t:kind>";

#[test]
fn an_attribute_called_value_is_a_field_of_its_own() {
    let s = read(&format!(r#"<t:setting value="loud">ON</t:setting>{REST}"#));
    assert_eq!(s.setting[0].value, SwitchType::On);
    assert_eq!(s.setting[0].value_2.as_deref(), Some("loud"));
}

#[test]
fn a_restriction_of_a_mixed_base_has_the_simple_content_it_states() {
    let s = read(r#"<t:setting>OFF</t:setting><t:issued>2026</t:issued><t:kind>t:square</t:kind>"#);
    assert!(matches!(s.issued.value, DateLiteralTypeValue::GYear(_)), "{:?}", s.issued.value);
    // `lang` is prohibited in the restriction: not a field, and refused on read.
    let xml =
        settings(r#"<t:setting>OFF</t:setting><t:issued lang="en">2026</t:issued><t:kind>t:square</t:kind>"#);
    let err = enhanced_presence::from_str::<Settings>(&xml).unwrap_err().to_string();
    assert!(err.contains("/t:settings/t:issued") && err.contains("lang"), "{err}");
}

#[test]
fn qname_enumerations_accept_any_prefix_bound_to_the_namespace() {
    let xml = r#"<settings xmlns="urn:example:simple" xmlns:other="urn:example:simple"><setting>ON</setting><issued>2026-12-03</issued><kind>other:circle</kind></settings>"#;
    let report = roundtrip::check_as::<WithHints<Settings>>(xml);
    assert!(report.is_ok(), "{report}");
    let s: Settings = enhanced_presence::from_str(xml).unwrap();
    assert_eq!(s.kind.0.to_string(), "other:circle");
}

#[test]
fn types_that_derive_without_adding_are_their_base_s_struct_and_xsi_type_still_tells_them_apart() {
    let xml = r#"<parties xmlns="urn:example:simple" xmlns:s="urn:example:simple"
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
      <partyID schemeID="duns">P1</partyID><taxID>T1</taxID><shortID>S1</shortID>
      <anyID>A0</anyID><anyID xsi:type="s:taxIDType" schemeID="vat">A1</anyID>
      <anyID xsi:type="s:shortIDType">A2</anyID><anyID xsi:type="s:schemeIDType" version="2">A3</anyID>
    </parties>"#;
    let report = roundtrip::check_as::<Parties>(xml);
    assert!(report.is_ok(), "{report}");
    let p: Parties = enhanced_presence::from_str(xml).unwrap();
    // One struct: an extension adding nothing and a chain of them; a restriction by facets has a
    // struct of its own, whose value checks them.
    let same: [&IdentifierType; 1] = [&p.tax_id];
    assert_eq!(same.map(|id| id.value.as_str()), ["T1"]);
    let ShortIdTypeKind::ShortIdType(short) = &p.short_id else { panic!("{:?}", p.short_id) };
    assert_eq!(short.value.as_str(), "S1");
    let PartyIdTypeKind::PartyIdType(party) = &p.party_id else { panic!("{:?}", p.party_id) };
    assert_eq!((party.value.as_str(), party.scheme_id.as_deref()), ("P1", Some("duns")));
    // The variant is the XSD type `xsi:type` named; one that adds an attribute has a struct of its own.
    assert!(matches!(&p.any_id[0], IdentifierTypeKind::IdentifierType(id) if id.value == "A0"));
    assert!(
        matches!(&p.any_id[1], IdentifierTypeKind::TaxIdType(id) if id.scheme_id.as_deref() == Some("vat"))
    );
    assert!(matches!(&p.any_id[2], IdentifierTypeKind::ShortIdType(id) if id.value.as_str() == "A2"));
    assert!(
        matches!(&p.any_id[3], IdentifierTypeKind::SchemeIdType(id) if id.version.as_deref() == Some("2"))
    );
    let written = enhanced_presence::to_string(&p).unwrap();
    assert!(
        written.contains(r#"xsi:type="taxIDType""#) && written.contains(r#"xsi:type="shortIDType""#),
        "{written}"
    );
}

/// Facets of a simple-content restriction are checked on read, as libxml2 checks them: lengths of
/// a token's collapsed text, an enumeration, and a restriction of such a restriction, whose facets
/// and its base's all hold.
#[test]
fn facets_of_a_simple_content_restriction_are_checked() {
    const CASES: &[(&str, bool)] = &[
        ("<shortID>12345678</shortID>", true),
        ("<shortID> 12345678\n</shortID>", true),
        ("<shortID>123456789</shortID>", false),
        ("<shortID>S1</shortID><grade>A</grade>", true),
        ("<shortID>S1</shortID><grade> B </grade>", true),
        ("<shortID>S1</shortID><grade>C</grade>", false),
        ("<shortID>S1</shortID><tinyID>X12</tinyID>", true),
        ("<shortID>S1</shortID><tinyID>X</tinyID>", false),
        ("<shortID>S1</shortID><tinyID>x12</tinyID>", false),
        ("<shortID>S1</shortID><tinyID>X123456789</tinyID>", false),
        ("<shortID>S1</shortID><anyID xsi:type=\"s:shortIDType\">A2</anyID>", true),
        ("<shortID>S1</shortID><anyID xsi:type=\"s:shortIDType\">A23456789</anyID>", false),
        // `sealedIDType` blocks extension: `xsi:type` may name its restrictions only.
        ("<shortID>S1</shortID><sealedID>X</sealedID><sealedID xsi:type=\"s:shortSealedIDType\">Y</sealedID>", true),
        ("<shortID>S1</shortID><sealedID xsi:type=\"s:shortSealedIDType\">YYYY</sealedID>", false),
        ("<shortID>S1</shortID><sealedID xsi:type=\"s:stampedIDType\" by=\"me\">Y</sealedID>", false),
        ("<shortID>S1</shortID><sealedID xsi:type=\"s:shortStampedIDType\">Y</sealedID>", false),
        // The declarations' own `block`: `plainID` takes no restriction of its type, `openID` no
        // extension, whatever the type allows.
        ("<shortID>S1</shortID><plainID>A</plainID><plainID xsi:type=\"s:partyIDType\">P</plainID><plainID xsi:type=\"s:taxIDType\">T</plainID>", true),
        ("<shortID>S1</shortID><plainID xsi:type=\"s:shortIDType\">S</plainID>", false),
        ("<shortID>S1</shortID><plainID xsi:type=\"s:tinyIDType\">X12</plainID>", false),
        ("<shortID>S1</shortID><openID>A</openID><openID xsi:type=\"s:shortIDType\">S</openID><openID xsi:type=\"s:gradeType\">A</openID>", true),
        ("<shortID>S1</shortID><openID xsi:type=\"s:schemeIDType\" version=\"1\">S</openID>", false),
        ("<shortID>S1</shortID><openID xsi:type=\"s:taxIDType\">T</openID>", false),
    ];
    for (body, allowed) in CASES {
        let (ids, rest) = body.split_at(body.find("</shortID>").unwrap() + 10);
        let (any, rest) = match rest.strip_prefix("<anyID") {
            Some(_) => (rest, ""),
            None => ("<anyID>A0</anyID>", rest),
        };
        let xml = format!(
            r#"<parties xmlns="urn:example:simple" xmlns:s="urn:example:simple" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><partyID>P1</partyID><taxID>T1</taxID>{ids}{any}{rest}</parties>"#
        );
        let libxml2 = common::validate("simple-content.xsd", &xml);
        assert_eq!(libxml2.is_ok(), *allowed, "libxml2 on {xml}: {libxml2:?}");
        let read = enhanced_presence::from_str::<Parties>(&xml);
        assert_eq!(read.is_ok(), *allowed, "{xml}: {:?}", read.map(|_| ()));
        if *allowed {
            let report = roundtrip::check_as::<Parties>(&xml);
            assert!(report.is_ok(), "{report}");
        }
    }
    let error = enhanced_presence::from_str::<Parties>(
        r#"<parties xmlns="urn:example:simple"><partyID>P1</partyID><taxID>T1</taxID><shortID>123456789</shortID><anyID>A0</anyID></parties>"#,
    )
    .unwrap_err();
    assert!(error.to_string().contains("longer than the maximum length 8"), "{error}");
    let error = enhanced_presence::from_str::<Parties>(
        r#"<parties xmlns="urn:example:simple" xmlns:s="urn:example:simple" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><partyID>P1</partyID><taxID>T1</taxID><shortID>S1</shortID><anyID>A0</anyID><sealedID xsi:type="s:stampedIDType" by="me">Y</sealedID></parties>"#,
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "1:196: /parties/sealedID: @xsi:type: expected sealedIDType, found \"stampedIDType\" (a type derived from `sealedIDType` in a way its `block` forbids)"
    );
    let error = enhanced_presence::from_str::<Parties>(
        r#"<parties xmlns="urn:example:simple" xmlns:s="urn:example:simple" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><partyID>P1</partyID><taxID>T1</taxID><shortID>S1</shortID><anyID>A0</anyID><plainID xsi:type="s:shortIDType">S</plainID></parties>"#,
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "1:196: /parties/plainID: @xsi:type: expected identifierType, found \"shortIDType\" (a type derived from `identifierType` in a way the element's `block` forbids)"
    );
    // As the root too.
    let root = r#"<openID xmlns="urn:example:simple" xmlns:s="urn:example:simple" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="s:partyIDType">P</openID>"#;
    assert!(common::validate("simple-content.xsd", root).is_err());
    let error = enhanced_presence::from_str::<OpenId>(root).unwrap_err();
    assert!(error.to_string().contains("in a way the element's `block` forbids"), "{error}");
    let root = root.replace("s:partyIDType", "s:shortIDType");
    common::validate("simple-content.xsd", &root).unwrap();
    let read: OpenId = enhanced_presence::from_str(&root).unwrap();
    assert!(matches!(read.0, IdentifierTypeKind::ShortIdType(_)), "{read:?}");
}

#[test]
fn values_without_letters_are_named_for_their_characters() {
    let xml = r#"<readings xmlns="urn:example:simple"><sign>+</sign><sign>-</sign><sign>%</sign><sign/><count>3</count><count></count></readings>"#;
    let report = roundtrip::check_as::<Readings>(xml);
    assert!(report.is_ok(), "{report}");
    let r: Readings = enhanced_presence::from_str(xml).unwrap();
    assert_eq!(r.sign, [SignType::Plus, SignType::Minus, SignType::Percent, SignType::Empty]);
    assert!(matches!(r.count[..], [CountOrEmptyType::PositiveInteger(_), CountOrEmptyType::Empty]), "{r:?}");
    let out = enhanced_presence::to_string(&r).unwrap();
    assert!(
        out.contains("<sign>+</sign><sign>-</sign><sign>%</sign><sign/><count>3</count><count/>"),
        "{out}"
    );
}
