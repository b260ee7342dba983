//! The round-trip contract (docs/roundtrip-contract.md) on every valid instance, and what the typed model exposes.

use std::path::{Path, PathBuf};

use enhanced_presence::common::{DelimiterType, EndType, ExtensionType};
use enhanced_presence::note::{BodyType, Note, NoteHistory, NoteType, NoteTypeEnumEx};
use enhanced_presence::xs::{DateTime, Timezone};
use enhanced_presence::{roundtrip, AnyNode, Document};

fn valid_instances() -> Vec<PathBuf> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut files = Vec::new();
    for category in std::fs::read_dir(data).unwrap() {
        let valid = category.unwrap().path().join("valid");
        if let Ok(entries) = std::fs::read_dir(&valid) {
            files.extend(
                entries.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "xml")),
            );
        }
    }
    files.sort();
    files
}

fn read(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/note/valid").join(name);
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn every_valid_instance_round_trips() {
    let files = valid_instances();
    assert!(files.len() >= 20, "expected the note corpus, found {} files", files.len());
    let failures: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let report = roundtrip::check(&std::fs::read_to_string(f).unwrap());
            (!report.is_ok()).then(|| format!("{}: {report}", f.display()))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn acceptance_document_keeps_foreign_attribute_extension_element_and_application_extension() {
    let note: Note = enhanced_presence::from_str(&read("acceptance.xml")).unwrap();
    assert_eq!(note.any_attributes.get(Some("urn:example:x"), "y"), Some("z"));

    let tail = note.delimiter_end.as_ref().expect("schema-extension tail");
    let versions = &tail.delimiter_any;
    assert_eq!(versions.len(), 1);
    // The note namespace does not declare `mood`, so the lax wildcard keeps it whole.
    let enhanced_presence::note::Element::Other(mood) = &versions[0].any[0] else {
        panic!("{:?}", versions[0])
    };
    assert!(mood.name.is(Some("http://schemas.microsoft.com/2006/09/sip/note"), "mood"));
    assert_eq!(mood.text(), "calm");
    assert!(tail.end.is_some());

    let extension = note.extension.as_ref().expect("ct:extension");
    let foo = extension
        .content
        .iter()
        .find_map(|n| match n {
            AnyNode::Element(e) => Some(e),
            AnyNode::Text(_) => None,
        })
        .unwrap();
    assert!(foo.name.is(Some("urn:x"), "foo"));
    assert_eq!(foo.attributes[0].value, "1");
    assert_eq!(foo.text(), "t");

    let out = enhanced_presence::to_string(&note).unwrap();
    assert_eq!(
        out,
        concat!(
            r#"<note xmlns="http://schemas.microsoft.com/2006/09/sip/note" xmlns:x="urn:example:x" x:y="z">"#,
            r#"<body type="personal" uri="">Ship it</body>"#,
            r#"<delimiter xmlns="http://schemas.microsoft.com/2006/09/sip/commontypes"/><mood>calm</mood>"#,
            r#"<end xmlns="http://schemas.microsoft.com/2006/09/sip/commontypes"/>"#,
            r#"<extension xmlns="http://schemas.microsoft.com/2006/09/sip/commontypes"><foo xmlns="urn:x" a="1">t</foo></extension>"#,
            r#"</note>"#
        )
    );
}

#[test]
fn oof_note_attributes_are_typed_and_keep_their_lexical_form() {
    let note: Note = enhanced_presence::from_str(&read("oof-with-times.xml")).unwrap();
    let body = &note.body[0];
    assert_eq!(body.type_, NoteTypeEnumEx::Oof);
    assert!(body.lcid.is_some());
    let start = body.start_time.as_ref().unwrap();
    assert_eq!(start.timezone(), Some(Timezone::Z));
    let out = enhanced_presence::to_string(&note).unwrap();
    assert!(out.contains(&format!("startTime=\"{start}\"")), "{out}");
}

#[test]
fn unknown_note_type_is_kept_as_other() {
    let xml =
        r#"<note xmlns="http://schemas.microsoft.com/2006/09/sip/note"><body type="status">x</body></note>"#;
    let note: Note = enhanced_presence::from_str(xml).unwrap();
    assert_eq!(note.body[0].type_, NoteTypeEnumEx::Other("status".into()));
    assert_eq!(enhanced_presence::to_string(&note).unwrap(), xml);
}

#[test]
fn note_history_is_its_own_root() {
    let doc: Document = enhanced_presence::from_str(&read("note-history.xml")).unwrap();
    let Document::NoteHistory(history) = &doc else { panic!("parsed as {doc:?}") };
    assert!(history.body.len() > 1);
    assert!(enhanced_presence::to_string(&doc).unwrap().starts_with("<noteHistory xmlns="));
}

#[test]
fn a_note_built_in_code_is_written_in_lync_form() {
    let mut note = NoteType::default();
    note.body.push(BodyType {
        type_: NoteTypeEnumEx::Oof,
        lcid: Some(1033),
        uri: Some("someone@example.com".into()),
        start_time: Some("2010-06-22T19:00:00Z".parse::<DateTime>().unwrap()),
        end_time: None,
        any_attributes: Default::default(),
        value: "Out until Monday & back <soon>".into(),
    });
    note.extension = Some(ExtensionType::default());
    let history = NoteHistory(note.clone());
    assert_eq!(
        enhanced_presence::to_string(&Note(note)).unwrap(),
        concat!(
            r#"<note xmlns="http://schemas.microsoft.com/2006/09/sip/note">"#,
            r#"<body type="OOF" LCID="1033" uri="someone@example.com" startTime="2010-06-22T19:00:00Z">"#,
            r#"Out until Monday &amp; back &lt;soon&gt;</body>"#,
            r#"<extension xmlns="http://schemas.microsoft.com/2006/09/sip/commontypes"/></note>"#
        )
    );
    let pretty = enhanced_presence::to_string_pretty(&history).unwrap();
    assert!(pretty.contains("\n  <body type=\"OOF\""), "{pretty}");
}

#[test]
fn lync_wire_delimiter_with_whitespace_and_extra_declaration_parses() {
    let xml = "<note xmlns=\"http://schemas.microsoft.com/2006/09/sip/note\"><body type=\"personal\" uri=\"\">a</body>\
        <delimiter xmlns:auto-ns1=\"http://schemas.microsoft.com/2006/09/sip/note\" \
        xmlns=\"http://schemas.microsoft.com/2006/09/sip/commontypes\">\n  </delimiter></note>";
    let note: Note = enhanced_presence::from_str(xml).unwrap();
    let tail = note.delimiter_end.as_ref().unwrap();
    assert_eq!(tail.delimiter_any[0].delimiter, DelimiterType::default());
    assert_eq!(tail.end, None::<EndType>);
    assert!(roundtrip::check(xml).is_ok());
}

#[test]
fn text_survives_exactly() {
    let xml = "<note xmlns=\"http://schemas.microsoft.com/2006/09/sip/note\"><body type=\"personal\">  a\r\n\tb &#233; <![CDATA[<x>]]>  </body></note>";
    let note: Note = enhanced_presence::from_str(xml).unwrap();
    // Line ends are normalised by XML itself; everything else is kept.
    assert_eq!(note.body[0].value, "  a\n\tb é <x>  ");
    let again: Note = enhanced_presence::from_str(&enhanced_presence::to_string(&note).unwrap()).unwrap();
    assert_eq!(again, note);
}

#[test]
fn schema_location_hints_are_kept_by_with_hints_and_refused_without() {
    let xml = r#"<note xmlns="http://schemas.microsoft.com/2006/09/sip/note" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://schemas.microsoft.com/2006/09/sip/note note.xsd" xsi:noNamespaceSchemaLocation="n.xsd"><body type="personal">Hi</body></note>"#;
    let doc: enhanced_presence::WithHints<Note> = enhanced_presence::from_str(xml).unwrap();
    assert_eq!(
        doc.schema_location.as_deref(),
        Some("http://schemas.microsoft.com/2006/09/sip/note note.xsd")
    );
    assert_eq!(doc.no_namespace_schema_location.as_deref(), Some("n.xsd"));
    assert_eq!(doc.root.0.body.len(), 1);
    let out = enhanced_presence::to_string(&doc).unwrap();
    assert!(
        out.contains(r#"xsi:schemaLocation="http://schemas.microsoft.com/2006/09/sip/note note.xsd""#),
        "{out}"
    );
    assert!(out.contains(r#"xsi:noNamespaceSchemaLocation="n.xsd""#), "{out}");
    assert!(roundtrip::check(xml).is_ok(), "{}", roundtrip::check(xml));

    // A root type that declares no attribute wildcard refuses them rather than dropping them.
    let routing = r#"<routing xmlns="http://schemas.microsoft.com/02/2006/sip/routing" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" name="rtcdefault" version="2" minSupportedClientVersion="4.0.0.0" xsi:noNamespaceSchemaLocation="r.xsd"><preamble/></routing>"#;
    let err = enhanced_presence::from_str::<enhanced_presence::routing::Routing>(routing).unwrap_err();
    assert_eq!(
        err.to_string(),
        "1:1: /routing: unexpected attribute xsi:noNamespaceSchemaLocation (a document's schema-location hints are kept by `WithHints`)"
    );
    assert!(roundtrip::check(routing).is_ok(), "{}", roundtrip::check(routing));
}

/// XSD allows the hints on any element (a MARC collection carries them on each record). Where the
/// element's type has no attribute wildcard to keep them (routing's do not), `WithHints` keeps them
/// by position and writes them back there; reading the root's type alone refuses them, as on the
/// root.
#[test]
fn schema_location_hints_below_the_root_are_kept_by_with_hints() {
    use enhanced_presence::routing::Routing;
    use enhanced_presence::{Document, ElementHint, HintAttribute, WithHints};
    let ns = "http://schemas.microsoft.com/02/2006/sip/routing";
    let xml = format!(
        r#"<routing xmlns="{ns}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" name="rtcdefault"><preamble xsi:schemaLocation="{ns} routing.xsd"><list name="team"><target uri="sip:a@x"/><target uri="sip:b@x" xsi:noNamespaceSchemaLocation="t.xsd"/></list></preamble></routing>"#
    );
    let doc: WithHints<Routing> = enhanced_presence::from_str(&xml).unwrap();
    let hint = |element, local: &str, attribute, value: &str| ElementHint {
        element,
        name: (ns.to_owned(), local.to_owned()),
        attribute,
        value: value.to_owned(),
    };
    assert_eq!(
        doc.element_hints,
        [
            hint(2, "preamble", HintAttribute::SchemaLocation, &format!("{ns} routing.xsd")),
            hint(5, "target", HintAttribute::NoNamespaceSchemaLocation, "t.xsd"),
        ]
    );
    let out = enhanced_presence::to_string(&doc).unwrap();
    // The `xsi` prefix stays declared where the document declared it, on the root.
    let start = format!(r#"<routing xmlns="{ns}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" "#);
    assert!(out.starts_with(&start), "{out}");
    assert!(out.contains(&format!(r#"<preamble xsi:schemaLocation="{ns} routing.xsd">"#)), "{out}");
    assert!(
        out.contains(
            r#"<target uri="sip:a@x"/><target xsi:noNamespaceSchemaLocation="t.xsd" uri="sip:b@x"/>"#
        ),
        "{out}"
    );
    let report = roundtrip::check_as::<WithHints<Routing>>(&xml);
    assert!(report.is_ok(), "{report}");
    assert!(roundtrip::check(&xml).is_ok(), "{}", roundtrip::check(&xml));

    let err = enhanced_presence::from_str::<Routing>(&xml).unwrap_err().to_string();
    assert!(err.contains("/routing/preamble: unexpected attribute xsi:schemaLocation"), "{err}");
    assert!(enhanced_presence::from_str::<Document>(&xml).is_err());

    // Listed out of order (by hand), they still go where they belong.
    let mut reversed = doc.clone();
    reversed.element_hints.reverse();
    assert_eq!(enhanced_presence::to_string(&reversed).unwrap(), enhanced_presence::to_string(&doc).unwrap());

    // A tree changed before a hint's element loses the hint rather than moving it elsewhere.
    let mut changed = doc.clone();
    let enhanced_presence::routing::PreambleTypeChoice::List(list) = &mut changed.root.0.preamble.choice[0]
    else {
        panic!()
    };
    list.target.remove(0);
    let out = enhanced_presence::to_string(&changed).unwrap();
    assert!(out.contains(r#"<list name="team"><target uri="sip:b@x"/></list>"#), "{out}");
}

#[test]
fn xsi_type_prefixes_declared_on_an_ancestor_of_unknown_content_still_resolve() {
    let xml = r#"<note xmlns="http://schemas.microsoft.com/2006/09/sip/note" xmlns:ct="http://schemas.microsoft.com/2006/09/sip/commontypes" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:t="urn:types"><body type="personal">x</body><ct:extension><v xmlns="urn:x" xsi:type="t:count">3</v></ct:extension></note>"#;
    let report = roundtrip::check(xml);
    assert!(report.is_ok(), "{report}");
    let out = report.output.unwrap();
    assert!(out.contains(r#"xmlns:t="urn:types""#), "{out}");
}
