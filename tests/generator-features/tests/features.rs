//! Each XSD construct in `schemas/features.xsd`, read, checked and written back.

use enhanced_presence::{roundtrip, AnyNode, ErrorKind, WithHints};
use generator_features::features::*;
use generator_features::Document;

mod common;

const NS: &str = r#"xmlns="urn:example:features" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#;

fn parse(body: &str) -> Everything {
    let xml = format!("<everything {NS}>{body}</everything>");
    let report = roundtrip::check_as::<Document>(&xml);
    assert!(report.is_ok(), "{xml}\n{report}");
    enhanced_presence::from_str(&xml).unwrap()
}

fn error(body: &str) -> String {
    let xml = format!("<everything {NS}>{body}</everything>");
    enhanced_presence::from_str::<Everything>(&xml).unwrap_err().to_string()
}

#[test]
fn abstract_types_are_read_by_xsi_type() {
    let e = parse(
        r#"<code>ab</code><shape xsi:type="circleType" id="1"><label>c</label><radius>2.5</radius></shape><shape xmlns:f="urn:example:features" xsi:type="f:polygonType"><label>p</label><corner>1</corner><corner>2</corner><corner>3</corner></shape><shape xsi:type="starType"><label>s</label><points>5</points></shape>"#,
    );
    let ShapeType::CircleType(circle) = &e.shape[0] else { panic!("{:?}", e.shape[0]) };
    assert_eq!((circle.id, circle.radius), (Some(1), 2.5));
    let ShapeType::PolygonType(polygon) = &e.shape[1] else { panic!("{:?}", e.shape[1]) };
    assert_eq!(polygon.corner, [1, 2, 3]);
    let ShapeType::Unknown(star) = &e.shape[2] else { panic!("{:?}", e.shape[2]) };
    assert_eq!(star.elements().nth(1).map(|p| p.text()), Some("5".to_owned()));
    let out = enhanced_presence::to_string(&e).unwrap();
    assert!(
        out.contains(r#"xsi:type="circleType" id="1"><label>c</label><radius>2.5</radius></shape>"#),
        "{out}"
    );
}

#[test]
fn concrete_base_types_keep_their_struct_and_accept_derived_ones() {
    let e = parse(
        r#"<code>ab</code><note><text>a</text></note><note xsi:type="signedNoteType" by="me" typed="false"><text>b</text></note>"#,
    );
    assert!(matches!(&e.note[0], NoteTypeKind::NoteType(n) if n.text == "a"));
    assert!(
        matches!(&e.note[1], NoteTypeKind::SignedNoteType(n) if n.by == "me" && n.text == "b" && n.typed == Some(false))
    );
}

#[test]
fn facets_are_checked_on_read() {
    assert_eq!(parse("<code>abcde</code><level>9</level>").level.as_ref().map(|l| l.0), Some(9));
    assert_eq!(
        error("<code>abcdef</code>"),
        r#"1:96: /everything/code: expected codeType, found "abcdef" (longer than the maximum length 5)"#
    );
    assert_eq!(
        error("<code>ab</code><level>10</level>"),
        r#"1:111: /everything/level: expected levelType, found "10" (not less than 10)"#
    );
    assert!(CodeType::new("x".into()).is_err());
    assert_eq!(CodeType::new("xyz".into()).map(|c| c.0), Ok("xyz".to_owned()));
}

#[test]
fn enumerations_unions_and_defaults() {
    let e = parse(r#"<code>ab</code>"#);
    assert_eq!(e.color, None);
    assert_eq!(e.color_or_default(), ColorEnumEx::Red);
    assert_eq!(e.count_or_default(), 3);

    let xml =
        format!(r#"<everything {NS} color="dark-green" flag="True" count="7"><code>ab</code></everything>"#);
    let e: Everything = enhanced_presence::from_str(&xml).unwrap();
    assert_eq!(e.color, Some(ColorEnumEx::DarkGreen));
    assert_eq!(e.flag, Some(FlagType::True));
    assert_eq!(e.count_or_default(), 7);

    let xml = format!(r#"<everything {NS} color="purple" flag="1"><code>ab</code></everything>"#);
    let e: Everything = enhanced_presence::from_str(&xml).unwrap();
    assert_eq!(e.color, Some(ColorEnumEx::Other("purple".into())));
    assert_eq!(e.flag, Some(FlagType::Boolean(true)));
    assert_eq!(e.color.as_ref().map(ColorEnumEx::as_str), Some("purple"));
}

#[test]
fn lists_simple_content_and_recursion() {
    let e = parse(
        r#"<code>ab</code><numbers> 1 2  3 </numbers><length unit="cm">0.50</length><tree name="a"><child name="b"><child name="c"/></child></tree>"#,
    );
    assert_eq!(e.numbers.as_deref(), Some(&[1, 2, 3][..]));
    let length = e.length.as_ref().unwrap();
    assert_eq!((length.value.to_string(), length.unit.as_deref()), ("0.5".to_owned(), Some("cm")));
    let tree = e.tree.as_ref().unwrap();
    assert_eq!(tree.child.as_ref().and_then(|b| b.child.as_ref()).map(|c| c.name.as_str()), Some("c"));
}

#[test]
fn choices_mixed_content_any_type_and_wildcards() {
    let e = parse(
        r#"<code>ab</code><red>r</red><blue>b</blue><shade>2</shade><blue>c</blue><rich>one <b>two</b> three</rich><blob x="1"><y/></blob><o:extra xmlns:o="urn:other">kept</o:extra>"#,
    );
    assert_eq!(e.red_or_blue.len(), 3);
    assert!(matches!(&e.red_or_blue[0], EverythingRedOrBlueChoice::Red(r) if r == "r"));
    let EverythingRedOrBlueChoice::BlueShade(b) = &e.red_or_blue[1] else { panic!() };
    assert_eq!((b.blue.as_str(), b.shade), ("b", Some(2)));
    let rich = e.rich.as_ref().unwrap();
    assert!(matches!(&rich.content[0], AnyNode::Text(t) if t == "one "));
    assert_eq!(e.blob.as_ref().map(|b| b.attributes.len()), Some(1));
    // `##other` lax: an element no schema here declares is kept whole.
    let generator_features::KnownElement::Unknown(extra) = &e.any[0] else { panic!("{:?}", e.any[0]) };
    assert_eq!(extra.name.namespace.as_deref(), Some("urn:other"));
}

#[test]
fn content_model_errors() {
    assert_eq!(error(""), "1:1: /everything: missing required element code");
    assert_eq!(
        error("<code>ab</code><shape xsi:type=\"polygonType\"><label>p</label><corner>1</corner></shape>"),
        "1:111: /everything/shape: expected at least 3 corner element(s), found 1"
    );
    assert_eq!(error("<code>ab</code><tree/>"), "1:111: /everything/tree: missing required attribute name");
    let e = enhanced_presence::from_str::<Everything>(&format!(
        "<everything {NS}><code>ab</code><extra/></everything>"
    ));
    assert!(matches!(e.unwrap_err().kind(), ErrorKind::UnexpectedElement { .. }));
}

#[test]
fn user_type_attributes_are_applied() {
    // build.rs adds `#[derive(Eq, Hash)]` to `MeasureType`, which the generator does not derive.
    fn needs_hash<T: Eq + std::hash::Hash>() {}
    needs_hash::<MeasureType>();
}

#[test]
fn all_groups_keep_their_order_and_check_each_element() {
    let ns = r#"xmlns="urn:example:features""#;
    let xml = format!("<address {ns}><zip>1000</zip><city>Here</city><street>Main</street></address>");
    let report = roundtrip::check_as::<Document>(&xml);
    assert!(report.is_ok(), "{report}");
    assert_eq!(report.output.as_deref(), Some(xml.as_str()));
    let Document::Address(address) = enhanced_presence::from_str(&xml).unwrap() else { panic!() };
    assert!(matches!(&address.0.choice[1], AddressTypeChoice::City(c) if c == "Here"));

    let error = |body: &str| {
        enhanced_presence::from_str::<Document>(&format!("<address {ns}>{body}</address>"))
            .unwrap_err()
            .to_string()
    };
    assert_eq!(error("<city>Here</city>"), "1:1: /address: missing required element street");
    assert_eq!(
        error("<city>A</city><street>S</street><city>B</city>"),
        "1:1: /address: unexpected element city, expected city at most 1 time(s) in its xs:all group"
    );
}

#[test]
fn simple_root_elements_colliding_names_and_float_unions() {
    let ns = r#"xmlns="urn:example:features""#;
    let percent: Percent = enhanced_presence::from_str(&format!("<percent {ns}>42</percent>")).unwrap();
    assert_eq!(percent.0 .0, 42);
    let err = enhanced_presence::from_str::<Percent>(&format!("<percent {ns}>142</percent>")).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::InvalidValue { .. }), "{err}");

    let xml = format!(
        "<locals {ns} a=\"7\" typed=\"true\"><r>x</r><start>2.5E0</start><parent>p</parent></locals>"
    );
    let report = roundtrip::check_as::<Document>(&xml);
    assert!(report.is_ok(), "{report}");
    let locals: Locals = enhanced_presence::from_str(&xml).unwrap();
    assert_eq!(
        (locals.a, locals.typed, locals.r.as_str(), locals.parent.as_str()),
        (Some(7), Some(true), "x", "p")
    );
    assert!(matches!(locals.start, Some(SizeType::Float(f)) if f == 2.5));
    let missing = format!("<locals {ns}><r>x</r></locals>");
    let err = enhanced_presence::from_str::<Locals>(&missing).unwrap_err();
    assert!(err.to_string().contains("parent"), "{err}");
}

#[test]
fn substitution_group_members_stand_in_for_the_head() {
    let ns = r#"xmlns="urn:example:features""#;
    let xml = format!("<garage {ns}><bike>bmx</bike><car>mini</car><bike>road</bike></garage>");
    let report = roundtrip::check_as::<Document>(&xml);
    assert!(report.is_ok(), "{report}");
    let garage: Garage = enhanced_presence::from_str(&xml).unwrap();
    assert_eq!(garage.bike_or_car.len(), 3);
    assert!(matches!(&garage.bike_or_car[1], GarageBikeOrCarChoice::Car(c) if c == "mini"));
    // The abstract head itself may not appear; a member's own type is checked.
    let err = enhanced_presence::from_str::<Garage>(&format!("<garage {ns}><vehicle>x</vehicle></garage>"));
    assert!(matches!(err.unwrap_err().kind(), ErrorKind::MissingElement { .. }));
    // Nor as a document (it was a `Document` variant, so `arbitrary` made invalid documents of it).
    let err = enhanced_presence::from_str::<Document>(&format!("<vehicle {ns}>x</vehicle>")).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::UnexpectedRoot { found, .. } if found.contains("vehicle")),
        "{err}"
    );
    let err =
        enhanced_presence::from_str::<Garage>(&format!("<garage {ns}><bike>toolongcode</bike></garage>"));
    assert!(matches!(err.unwrap_err().kind(), ErrorKind::InvalidValue { .. }));
}

/// A head's `block` keeps members out: `sealed` blocks substitution, `label` members whose type is a
/// restriction of its own (`tag`, of type `shortType`). libxml2 judges each document the same way.
#[test]
fn blocked_substitutions_are_refused() {
    let ns = r#"xmlns="urn:example:features""#;
    let cases = [
        ("<sealed>s</sealed><caption>c</caption><label>l</label>", true),
        ("<forged>f</forged><label>l</label>", false),
        ("<tag>t</tag>", false),
    ];
    for (body, valid) in cases {
        let xml = format!("<labels {ns}>{body}</labels>");
        assert_eq!(common::validate("features.xsd", &xml).is_ok(), valid, "libxml2 on {xml}");
        match enhanced_presence::from_str::<Labels>(&xml) {
            Ok(labels) => {
                assert!(valid, "read {labels:?} from {xml}");
                assert!(roundtrip::check_as::<Document>(&xml).is_ok());
            }
            Err(e) => {
                assert!(!valid, "{xml}: {e}");
                let kind = e.kind();
                assert!(
                    matches!(kind, ErrorKind::UnexpectedElement { .. } | ErrorKind::MissingElement { .. }),
                    "{xml}: {e}"
                );
            }
        }
    }
}

#[test]
fn nillable_elements_are_a_value_or_nil() {
    let ns = r#"xmlns="urn:example:features" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#;
    let xml = format!(
        r#"<readings {ns}><reading>1</reading><reading xsi:nil="true"/><reading xsi:nil="1"></reading></readings>"#
    );
    let report = roundtrip::check_as::<Document>(&xml);
    assert!(report.is_ok(), "{report}");
    let readings: Readings = enhanced_presence::from_str(&xml).unwrap();
    let values: Vec<Option<i32>> = readings.reading.iter().map(|r| r.value().copied()).collect();
    assert_eq!(values, [Some(1), None, None]);

    let maybe = format!(r#"<maybe {ns} xsi:nil="true" xmlns:o="urn:o" o:why="unknown"/>"#);
    let report = roundtrip::check_as::<Document>(&maybe);
    assert!(report.is_ok(), "{report}");
    let Document::Maybe(m) = enhanced_presence::from_str(&maybe).unwrap() else { panic!() };
    assert!(m.0.is_nil());
    let note = format!(r#"<maybe {ns}><text>t</text></maybe>"#);
    assert!(roundtrip::check_as::<Document>(&note).is_ok());

    // `xsi:nil="false"` is a value, and is written back (a simple and a complex type, and a root).
    let xml = format!(
        r#"<readings {ns}><reading xsi:nil="false">2</reading><reading xsi:nil="0">3</reading></readings>"#
    );
    let report = roundtrip::check_as::<Document>(&xml);
    assert!(report.is_ok(), "{report}");
    let readings: Readings = enhanced_presence::from_str(&xml).unwrap();
    assert!(matches!(readings.reading[0], enhanced_presence::xs::Nillable::NotNil(2)));
    assert_eq!(readings.reading[1].value(), Some(&3));
    let maybe = format!(r#"<maybe {ns} xsi:nil="false"><text>t</text></maybe>"#);
    let report = roundtrip::check_as::<Document>(&maybe);
    assert!(report.is_ok(), "{report}");
    let Document::Maybe(m) = enhanced_presence::from_str(&maybe).unwrap() else { panic!() };
    assert!(!m.0.is_nil());
    let out = enhanced_presence::to_string(&m).unwrap();
    assert!(out.contains(r#"xsi:nil="false""#), "{out}");

    // Nil means empty.
    let err = enhanced_presence::from_str::<Readings>(&format!(
        r#"<readings {ns}><reading xsi:nil="true">5</reading></readings>"#
    ));
    assert!(err.is_err());

    // An element of a simple type has no attributes, nil or not; a complex type's nil element keeps
    // what it has (`maybe`'s type takes attributes of other namespaces).
    for attribute in [r#"a="1""#, r#"xsi:nxsi="1""#, r#"xmlns:o="urn:o" o:why="unknown""#] {
        for (nil, value) in [(r#" xsi:nil="true""#, ""), ("", "7")] {
            let xml = format!(r#"<readings {ns}><reading{nil} {attribute}>{value}</reading></readings>"#);
            assert!(common::validate("features.xsd", &xml).is_err(), "{xml}");
            let err = enhanced_presence::from_str::<Readings>(&xml).unwrap_err();
            assert!(matches!(err.kind(), ErrorKind::UnexpectedAttribute { .. }), "{xml}: {err}");
            assert_eq!(err.path(), "/readings/reading", "{err}");
        }
    }

    // `xsi:nil` is an `xs:boolean`: surrounding whitespace is fine, any other word an error (it was
    // read as "false" and written back as `false`: the `features` fuzz target's first finding).
    let padded = format!(r#"<maybe {ns} xsi:nil=" true "/>"#);
    let Document::Maybe(m) = enhanced_presence::from_str(&padded).unwrap() else { panic!() };
    assert!(m.0.is_nil());
    for word in ["fal opaque=se", "yes", ""] {
        let bad = format!(r#"<maybe {ns} xsi:nil="{word}"><text>t</text></maybe>"#);
        let err = enhanced_presence::from_str::<Document>(&bad).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::InvalidValue { name, .. } if name == "@xsi:nil"),
            "{word:?}: {err}"
        );
    }
}

#[test]
fn a_doctype_named_by_a_colon_found_by_the_features_fuzz_target_is_written_back() {
    // The reader took `<!DOCTYPE : >` (XML's `Name` allows it) and the writer refused it as no
    // qualified name: a value the reader made could not be written.
    let path =
        concat!(env!("CARGO_MANIFEST_DIR"), "/../data/fuzz-regressions/features-doctype-name-a-colon.xml");
    let xml = std::fs::read_to_string(path).unwrap();
    let doc: WithHints<Document> = enhanced_presence::from_str(&xml).unwrap();
    let written = enhanced_presence::to_string(&doc).unwrap();
    assert!(written.starts_with("<!DOCTYPE :>"), "{written}");
    assert_eq!(enhanced_presence::from_str::<WithHints<Document>>(&written).unwrap(), doc);
}

#[test]
fn an_invalid_xsi_nil_found_by_the_features_fuzz_target_is_refused() {
    // The input the target minimised (in `tests/data/fuzz-regressions/` beside the others): the
    // `maybe` was read as not nil and written back with `xsi:nil="false"`, losing what it said.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/fuzz-regressions/features-invalid-xsi-nil.xml");
    let xml = std::fs::read_to_string(path).unwrap();
    let err = enhanced_presence::from_str::<Document>(&xml).unwrap_err();
    assert_eq!((err.line(), err.column(), err.path()), (1, 1, "/maybe"), "{err}");
    assert!(matches!(err.kind(), ErrorKind::InvalidValue { name, .. } if name == "@xsi:nil"), "{err}");
}
