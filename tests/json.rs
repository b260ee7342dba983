//! The serde bridge (feature `serde`): every valid instance goes XML → typed → JSON → typed → XML
//! without loss, and the runtime's types have the JSON forms `serde_support` documents.

use std::path::{Path, PathBuf};

use enhanced_presence::note::Note;
use enhanced_presence::serde_support::MAX_DEPTH;
use enhanced_presence::xs::{DateTime, Defaulted, Nillable, Typed};
use enhanced_presence::{AnyElement, AnyNode, CategoryValue, Document, WithHints};

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

#[test]
fn every_valid_instance_goes_through_json_without_loss() {
    let files = valid_instances();
    assert!(files.len() >= 300, "expected the instance corpus, found {} files", files.len());
    for file in &files {
        let xml = std::fs::read_to_string(file).unwrap();
        let typed: WithHints<Document> = enhanced_presence::from_str(&xml).unwrap();
        let json = serde_json::to_string(&typed).unwrap();
        let back: WithHints<Document> =
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("{}: {e}\n{json}", file.display()));
        assert_eq!(back, typed, "{}", file.display());
        assert_eq!(
            enhanced_presence::to_string(&back).unwrap(),
            enhanced_presence::to_string(&typed).unwrap(),
            "{}",
            file.display()
        );
    }
}

#[test]
fn values_are_their_lexical_form_and_are_checked_on_the_way_in() {
    let xml = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/note/valid/oof-with-times.xml"),
    )
    .unwrap();
    let note: Note = enhanced_presence::from_str(&xml).unwrap();
    let json = serde_json::to_value(&note).unwrap();
    let body = &json["body"][0];
    // Enumerations and dateTimes are strings as XML writes them.
    assert_eq!(body["type_"], "OOF");
    let start = note.body[0].start_time.as_ref().unwrap().to_string();
    assert_eq!(body["start_time"], start.as_str());

    // `+00:00` stays distinct from `Z`, as it does through XML.
    let offset: DateTime = serde_json::from_str(r#""2010-06-22T19:00:00.1230+00:00""#).unwrap();
    assert_eq!(serde_json::to_string(&offset).unwrap(), r#""2010-06-22T19:00:00.1230+00:00""#);
    // A value XML would refuse, JSON refuses with the same reason.
    let err = serde_json::from_str::<DateTime>(r#""2010-13-40T25:00:00Z""#).unwrap_err();
    assert!(err.to_string().contains("month 13 is out of range"), "{err}");
    // So does a restriction's facet (presence availability is an unsigned int; containers' `version`
    // a restricted type), and an enumeration without `Other` refuses unknown tokens.
    let mut bad = json.clone();
    bad["body"][0]["start_time"] = "yesterday".into();
    let err = serde_json::from_value::<Note>(bad).unwrap_err();
    assert!(err.to_string().contains("expected dateTime, found \"yesterday\""), "{err}");
}

#[test]
fn wrappers_have_their_documented_forms() {
    let nil: Nillable<u32> = Nillable::Nil(Default::default());
    assert_eq!(serde_json::to_string(&nil).unwrap(), r#"{"Nil":[]}"#);
    assert_eq!(serde_json::to_string(&Nillable::NotNil(3u32)).unwrap(), r#"{"NotNil":3}"#);
    assert_eq!(serde_json::to_string(&Defaulted::Default(0.5f32)).unwrap(), r#"{"Default":0.5}"#);
    let typed = Typed::with_type(7i32, Some("http://www.w3.org/2001/XMLSchema"), "int");
    let json = serde_json::to_string(&typed).unwrap();
    assert_eq!(json, r#"{"xsi_type":["http://www.w3.org/2001/XMLSchema","int"],"value":7}"#);
    assert_eq!(serde_json::from_str::<Typed<i32>>(&json).unwrap(), typed);
}

#[test]
fn unknown_elements_read_as_they_look() {
    let xml = r#"<note xmlns="http://schemas.microsoft.com/2006/09/sip/note" xmlns:ct="http://schemas.microsoft.com/2006/09/sip/commontypes"><body type="personal">x</body><ct:extension><p:foo xmlns:p="urn:x" a="1">t<bar/></p:foo></ct:extension></note>"#;
    let note: Note = enhanced_presence::from_str(xml).unwrap();
    let json = serde_json::to_value(&note).unwrap();
    let foo = &json["extension"]["content"][0];
    assert_eq!(
        foo,
        &serde_json::json!({
            "name": {"namespace": "urn:x", "prefix": "p", "local": "foo"},
            "namespaces": [["p", "urn:x"]],
            "attributes": [{"name": {"namespace": null, "prefix": null, "local": "a"}, "value": "1"}],
            "children": ["t", {
                "name": {"namespace": "http://schemas.microsoft.com/2006/09/sip/note", "prefix": null, "local": "bar"},
                "namespaces": [],
                "attributes": [],
                "children": []
            }]
        })
    );
    let back: Note = serde_json::from_value(json).unwrap();
    assert_eq!(back, note);
    assert_eq!(enhanced_presence::to_string(&back).unwrap(), enhanced_presence::to_string(&note).unwrap());

    // Hand-written JSON may leave out what is empty; the name is required.
    let e: AnyElement = serde_json::from_str(r#"{"name": {"local": "x"}, "children": ["hi"]}"#).unwrap();
    assert_eq!((e.name.local.as_str(), e.text()), ("x", "hi".to_owned()));
    let err = serde_json::from_str::<AnyElement>(r#"{"children": []}"#).unwrap_err();
    assert!(err.to_string().contains("missing field `name`"), "{err}");
    let err = serde_json::from_str::<AnyNode>("3").unwrap_err();
    assert!(err.to_string().contains("text (a string) or an element (an object)"), "{err}");
}

/// An element `depth` elements deep.
fn nested(depth: usize) -> AnyElement {
    let mut element = AnyElement::new(None, "d");
    for _ in 1..depth {
        let mut parent = AnyElement::new(None, "d");
        parent.children.push(AnyNode::Element(element));
        element = parent;
    }
    element
}

#[test]
fn deep_unknown_content_is_an_error_not_a_stack_overflow() {
    // On a thread with the default stack of spawned threads, 2 MiB.
    std::thread::spawn(|| {
        let value = serde_json::to_value(nested(MAX_DEPTH)).unwrap();
        let back: AnyElement = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(back, nested(MAX_DEPTH));

        let err = serde_json::to_string(&nested(MAX_DEPTH + 1)).unwrap_err();
        assert_eq!(err.to_string(), format!("AnyElement content nested deeper than {MAX_DEPTH} elements"));
        // `serde_json::Value` sets no limit of its own.
        let deeper = serde_json::json!({"name": {"local": "d"}, "children": [value]});
        let err = serde_json::from_value::<AnyElement>(deeper).unwrap_err();
        assert_eq!(err.to_string(), format!("AnyElement content nested deeper than {MAX_DEPTH} elements"));
        // serde_json's reader stops at 128 nested arrays and objects, two per element.
        let text = serde_json::to_string(&nested(64)).unwrap();
        let err = serde_json::from_str::<AnyElement>(&text).unwrap_err();
        assert!(err.to_string().contains("recursion limit exceeded"), "{err}");
    })
    .join()
    .unwrap();
}

#[test]
fn custom_elements_are_their_xml_and_need_their_type_registered() {
    let note: Note = enhanced_presence::from_str(
        r#"<note xmlns="http://schemas.microsoft.com/2006/09/sip/note"><body type="personal">Hi</body></note>"#,
    )
    .unwrap();
    let value = CategoryValue::custom(note.clone());
    let json = serde_json::to_string(&value).unwrap();
    assert_eq!(
        json,
        r#"{"Custom":"<note xmlns=\"http://schemas.microsoft.com/2006/09/sip/note\"><body type=\"personal\">Hi</body></note>"}"#
    );
    let state = r#"{"Custom":"<state xmlns=\"http://schemas.microsoft.com/2006/09/sip/state\"/>"}"#;
    let err = serde_json::from_str::<CategoryValue>(state).unwrap_err();
    assert!(err.to_string().contains("expected an element of a registered custom type"), "{err}");

    enhanced_presence::registry::register::<Note>();
    let back: CategoryValue = serde_json::from_str(&json).unwrap();
    assert_eq!(back, value);
    let CategoryValue::Custom(custom) = &back else { panic!("{back:?}") };
    assert_eq!(custom.downcast_ref::<Note>(), Some(&note));
}
