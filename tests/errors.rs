//! Bad input gets a clear error with line, column and element path — never a panic.

use std::path::Path;

use enhanced_presence::note::Note;
use enhanced_presence::{Document, ErrorKind};

fn parse_file(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/note/invalid").join(name);
    let xml = std::fs::read_to_string(path).unwrap();
    enhanced_presence::from_str::<Document>(&xml).expect_err("must be rejected").to_string()
}

#[test]
fn invalid_instances_have_exact_messages() {
    let cases = [
        (
            "bad-start-time.xml",
            r#"3:3: /note/body: @startTime: expected dateTime, found "2010-13-40T25:00:00Z" (month 13 is out of range)"#,
        ),
        ("body-after-extension.xml", "5:3: /note/body[2]: unexpected element body, expected the end of note"),
        ("body-missing-type.xml", "3:3: /note/body: missing required attribute type"),
        (
            "lcid-negative.xml",
            r#"3:3: /note/body: @LCID: expected unsignedInt, found "-1" (out of range for unsignedInt)"#,
        ),
        (
            "lcid-not-number.xml",
            r#"3:3: /note/body: @LCID: expected unsignedInt, found "abc" (unexpected 'a')"#,
        ),
        ("malformed-unclosed-tag.xml", "4:1: /note/body: malformed XML: expected `</body>`, found `</note>`"),
        (
            "text-inside-delimiter.xml",
            r#"3:17: /note/ct:delimiter: unexpected text "v2" where only elements are allowed"#,
        ),
        (
            "text-inside-note.xml",
            r#"2:61: /note: unexpected text "Just text, no body" where only elements are allowed"#,
        ),
        ("two-end-markers.xml", "5:3: /note/ct:end[2]: unexpected element ct:end, expected the end of note"),
        (
            "unknown-element-without-delimiter.xml",
            "4:3: /note/mood: unexpected element mood, expected the end of note",
        ),
        ("unqualified-attribute-on-extension.xml", "3:3: /note/ct:extension: unexpected attribute kind"),
    ];
    for (file, expected) in cases {
        assert_eq!(parse_file(file), expected, "{file}");
    }
}

#[test]
fn wrong_root_namespace_names_what_was_expected() {
    let message = parse_file("wrong-root-namespace.xml");
    assert!(message.starts_with("2:1: /note: unexpected root element {https://schemas.microsoft.com/2006/09/sip/note}note, expected one of "), "{message}");
    assert!(message.contains("{http://schemas.microsoft.com/2006/09/sip/note}note"), "{message}");
}

#[test]
fn asking_for_a_note_and_getting_something_else() {
    let err = enhanced_presence::from_str::<Note>(
        "<noteHistory xmlns=\"http://schemas.microsoft.com/2006/09/sip/note\"/>",
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "1:1: /noteHistory: unexpected root element {http://schemas.microsoft.com/2006/09/sip/note}noteHistory, expected {http://schemas.microsoft.com/2006/09/sip/note}note"
    );
}

#[test]
fn errors_carry_position_and_path_separately() {
    let xml = "<note xmlns=\"http://schemas.microsoft.com/2006/09/sip/note\">\n  <body type=\"personal\"/>\n  <body type=\"OOF\" startTime=\"yesterday\"/>\n</note>";
    let err = enhanced_presence::from_str::<Note>(xml).unwrap_err();
    assert_eq!((err.line(), err.column(), err.path()), (3, 3, "/note/body[2]"));
    assert!(matches!(err.kind(), ErrorKind::InvalidValue { .. }));
    // Lines end as XML's do, however the document ends them; a byte-order mark is no column.
    for (ends, bom) in [("\r", ""), ("\r\n", ""), ("\n", "\u{feff}")] {
        let err =
            enhanced_presence::from_str::<Note>(&format!("{bom}{}", xml.replace('\n', ends))).unwrap_err();
        assert_eq!((err.line(), err.column(), err.path()), (3, 3, "/note/body[2]"), "{ends:?} {bom:?}");
    }
    let err = enhanced_presence::from_str::<Note>(&format!("\u{feff}{}", xml.replace('\n', ""))).unwrap_err();
    assert_eq!(err.column(), xml.replace('\n', "").find("<body type=\"OOF\"").unwrap() + 1);
}

#[test]
fn malformed_and_hostile_inputs_are_errors_not_panics() {
    let cases = [
        ("", "1:1: /: malformed XML: no root element"),
        ("<note", "1:1: /: malformed XML: tag not closed: `>` not found before the end of the input"),
        ("<n:note xmlns:n=\"http://schemas.microsoft.com/2006/09/sip/note\"><x:body/></n:note>", "1:65: /n:note/x:body: malformed XML: undeclared namespace prefix \"x\""),
        ("<!DOCTYPE note [<!ENTITY a \"aaaa\">]><note/>", "1:28: /: malformed XML: an entity with replacement text in a DOCTYPE is not supported: an internal subset may declare only notations and unparsed entities (other declarations would change the document, and are never read; entities are never expanded)"),
        ("<note xmlns=\"http://schemas.microsoft.com/2006/09/sip/note\"><body type=\"personal\">&bogus;</body></note>", "1:83: /note/body: malformed XML: unknown entity reference &bogus;"),
        ("<note xmlns=\"http://schemas.microsoft.com/2006/09/sip/note\"></note><note/>", "1:68: /note[2]: content after the end of the root element"),
        ("<note xmlns=\"http://schemas.microsoft.com/2006/09/sip/note\" a=\"1\" a=\"2\"/>", "1:1: /note: duplicate attribute a"),
    ];
    for (xml, expected) in cases {
        let err = enhanced_presence::from_str::<Document>(xml).expect_err(xml);
        assert_eq!(err.to_string(), expected, "{xml}");
    }
}

#[test]
fn nesting_depth_is_limited_inside_unknown_content() {
    let depth = 10_000;
    let xml = format!(
        "<note xmlns=\"http://schemas.microsoft.com/2006/09/sip/note\"><extension xmlns=\"http://schemas.microsoft.com/2006/09/sip/commontypes\">{}{}</extension></note>",
        "<a>".repeat(depth),
        "</a>".repeat(depth)
    );
    let err = enhanced_presence::from_str::<Note>(&xml).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::DepthLimit { limit: 256 }), "{err}");
}

#[test]
fn invalid_utf8_is_an_encoding_error() {
    let err = enhanced_presence::from_slice::<Document>(b"<note>\xff</note>").unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Encoding(_)), "{err}");
    assert_eq!((err.line(), err.column()), (1, 7));
}

const STATE_NS: &str = r#"xmlns="http://schemas.microsoft.com/2006/09/sip/state" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#;

#[test]
fn invalid_simple_content_names_its_element() {
    let xml = format!(
        r#"<state {STATE_NS} xsi:type="userState">
  <availability>busy</availability>
</state>"#
    );
    let err = enhanced_presence::from_str::<Document>(&xml).unwrap_err();
    let ErrorKind::InvalidValue { name, .. } = err.kind() else { panic!("{err}") };
    assert_eq!(name, "availability");
    // The path ends with the element already, so the message does not say it twice.
    assert_eq!(
        err.to_string(),
        r#"2:3: /state/availability: expected unsignedInt, found "busy" (unexpected 'b')"#
    );
}

#[test]
fn long_element_paths_are_abbreviated_in_messages() {
    let depth = 10_000;
    let xml = format!(
        "<note xmlns=\"http://schemas.microsoft.com/2006/09/sip/note\"><extension xmlns=\"http://schemas.microsoft.com/2006/09/sip/commontypes\">{}{}</extension></note>",
        "<d>".repeat(depth),
        "</d>".repeat(depth)
    );
    let options = enhanced_presence::ReadOptions::new().max_depth(9_750);
    let err = enhanced_presence::from_str_with::<Note>(&xml, options).unwrap_err();
    // The path itself stays whole; the message shows its ends and counts the rest.
    assert_eq!(err.path().matches("/d").count(), 9_749);
    assert_eq!(
        err.to_string(),
        "1:29377: /note/extension/d/d/…(9,743 more)…/d/d/d/d: elements nested deeper than the limit of 9750"
    );
}

#[test]
fn long_lists_of_expected_names_are_capped() {
    let message = parse_file("wrong-root-namespace.xml");
    // 48 roots: the message names 8, the one with the same local name first, and counts the rest.
    let list = message.split("expected one of ").nth(1).unwrap();
    assert!(list.starts_with("{http://schemas.microsoft.com/2006/09/sip/note}note, "), "{message}");
    assert!(list.ends_with(" more"), "{message}");
    assert_eq!(list.matches(", ").count(), 7, "{message}");
    assert!(message.len() < 1000, "{} characters: {message}", message.len());
}

#[test]
fn foreign_element_after_a_delimiter_points_to_the_extension() {
    let xml = format!(
        r#"<state {STATE_NS} xmlns:ct="http://schemas.microsoft.com/2006/09/sip/commontypes" xmlns:acme="urn:acme" xsi:type="userState">
  <availability>3500</availability>
  <ct:delimiter/>
  <acme:mood>sunny</acme:mood>
</state>"#
    );
    let err = enhanced_presence::from_str::<Document>(&xml).unwrap_err();
    assert_eq!(
        err.to_string(),
        "4:3: /state/acme:mood: unexpected element acme:mood, expected the end of state (after ct:delimiter \
         only elements of the same namespace follow; extension content in other namespaces belongs in ct:extension)"
    );
    // Without a delimiter, or in the element's own namespace, there is no such hint.
    let no_delimiter = xml.replace("<ct:delimiter/>", "");
    let err = enhanced_presence::from_str::<Document>(&no_delimiter).unwrap_err();
    assert!(!err.to_string().contains("ct:extension"), "{err}");
    // Moved into ct:extension, the same element is kept.
    let moved = xml
        .replace("<acme:mood>sunny</acme:mood>", "<ct:extension><acme:mood>sunny</acme:mood></ct:extension>");
    assert!(enhanced_presence::roundtrip::check(&moved).is_ok());
}
