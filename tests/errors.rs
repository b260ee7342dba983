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
}

#[test]
fn malformed_and_hostile_inputs_are_errors_not_panics() {
    let cases = [
        ("", "1:1: /: malformed XML: no root element"),
        ("<note", "1:1: /: malformed XML: tag not closed: `>` not found before the end of the input"),
        ("<n:note xmlns:n=\"http://schemas.microsoft.com/2006/09/sip/note\"><x:body/></n:note>", "1:65: /n:note/x:body: malformed XML: undeclared namespace prefix \"x\""),
        ("<!DOCTYPE note [<!ENTITY a \"aaaa\">]><note/>", "1:16: /: malformed XML: a DOCTYPE with an internal subset is not supported (its declarations are never read, and entities never expanded)"),
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
