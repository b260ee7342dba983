//! The protocol layer: publish bodies built in code, NOTIFY bodies read with every payload typed.

use std::path::Path;

use enhanced_presence::categories::Categories;
use enhanced_presence::presence::{summarize, ContactSummary, PublishBuilder};
use enhanced_presence::rich_presence::Publish;
use enhanced_presence::state::StateType;
use enhanced_presence::{roundtrip, CategoryValue};

fn data(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(path)).unwrap()
}

#[test]
fn publish_a_note_and_a_user_state_to_containers() {
    let xml = PublishBuilder::new("sip:alice@contoso.com")
        .note("In the lab", &[200, 300], 3)
        .user_state(6500, &[2], 7)
        .remove("note", 0, 400, 2)
        .to_xml();
    assert_eq!(
        xml,
        concat!(
            r#"<publish xmlns="http://schemas.microsoft.com/2006/09/sip/rich-presence"><publications uri="sip:alice@contoso.com">"#,
            r#"<publication categoryName="note" instance="0" container="200" version="3" expireType="static">"#,
            r#"<note xmlns="http://schemas.microsoft.com/2006/09/sip/note"><body type="personal" uri="">In the lab</body></note></publication>"#,
            r#"<publication categoryName="note" instance="0" container="300" version="3" expireType="static">"#,
            r#"<note xmlns="http://schemas.microsoft.com/2006/09/sip/note"><body type="personal" uri="">In the lab</body></note></publication>"#,
            r#"<publication categoryName="state" instance="536870912" container="2" version="7" expireType="static">"#,
            r#"<state xmlns="http://schemas.microsoft.com/2006/09/sip/state" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="userState" manual="true">"#,
            r#"<availability>6500</availability></state></publication>"#,
            r#"<publication categoryName="note" instance="0" container="400" version="2" expireType="time" expires="0"/>"#,
            r#"</publications></publish>"#
        )
    );
    // What we build is what we read back.
    let again: Publish = enhanced_presence::from_str(&xml).unwrap();
    assert_eq!(again.publications.publication.len(), 4);
    assert!(roundtrip::check(&xml).is_ok());
}

#[test]
fn every_payload_of_a_notify_is_typed() {
    let categories: Categories =
        enhanced_presence::from_str(&data("categories/valid/notify-one-contact-all-typed-categories.xml"))
            .unwrap();
    let kinds: Vec<&str> = categories
        .category
        .iter()
        .map(|c| match &c.value {
            Some(CategoryValue::State(_)) => "state",
            Some(CategoryValue::Note(_)) => "note",
            Some(CategoryValue::ContactCard(_)) => "contactCard",
            Some(CategoryValue::CalendarData(_)) => "calendarData",
            Some(CategoryValue::Device(_)) => "device",
            Some(CategoryValue::Services(_)) => "services",
            Some(CategoryValue::Unknown(_)) => "unknown",
            Some(_) => "other",
            None => "empty",
        })
        .collect();
    assert_eq!(&kinds[..6], ["state", "note", "contactCard", "calendarData", "device", "services"]);
    assert!(kinds.contains(&"unknown"), "{kinds:?}");
    let Some(CategoryValue::State(state)) = &categories.category[0].value else { unreachable!() };
    assert!(matches!(state.0, StateType::AggregateState(_)));
}

#[test]
fn a_notify_summarized() {
    let categories: Categories =
        enhanced_presence::from_str(&data("categories/valid/notify-one-contact-all-typed-categories.xml"))
            .unwrap();
    assert_eq!(
        summarize(&categories),
        ContactSummary {
            uri: Some("sip:amara.okafor@fabrikam.com".into()),
            availability: Some(6500),
            activity: Some("in-a-meeting".into()),
            note: Some("Quarter close this week, replies may be slow".into()),
            display_name: Some("Amara Okafor".into()),
        }
    );
}

#[test]
fn each_contact_of_a_batch_notify() {
    let summaries: Vec<ContactSummary> = (1..=3)
        .map(|i| {
            let part = data(&format!("categories/valid/notify-batch-part-contact-{i}.xml"));
            summarize(&enhanced_presence::from_str::<Categories>(&part).unwrap())
        })
        .collect();
    assert!(summaries.iter().all(|s| s.uri.is_some()), "{summaries:#?}");
    assert!(summaries.iter().any(|s| s.availability.is_some()), "{summaries:#?}");
}

/// A custom category generated elsewhere (here: written by hand to the same traits) dispatches once
/// registered.
mod custom {
    use enhanced_presence::{AnyElement, Error, Start, XmlElement, XmlRead, XmlReader, XmlWriter};

    #[derive(Debug, Clone, PartialEq)]
    pub struct Mood(pub AnyElement);

    impl XmlElement for Mood {
        fn matches(ns: &[u8], local: &[u8]) -> bool {
            ns == b"urn:example:mood" && local == b"mood"
        }
        fn expected() -> &'static str {
            "{urn:example:mood}mood"
        }
        fn read_element(r: &mut XmlReader<'_>, start: Start<'_>) -> Result<Self, Error> {
            Ok(Mood(AnyElement::read_xml(r, start)?))
        }
        fn write_element(&self, w: &mut XmlWriter) {
            self.0.write(w)
        }
    }
}

#[test]
fn registered_custom_categories_dispatch() {
    let xml = r#"<categories xmlns="http://schemas.microsoft.com/2006/09/sip/categories"><category name="mood"><mood xmlns="urn:example:mood">calm</mood></category></categories>"#;
    let before: Categories = enhanced_presence::from_str(xml).unwrap();
    assert!(matches!(before.category[0].value, Some(CategoryValue::Unknown(_))));

    enhanced_presence::registry::register::<custom::Mood>();
    let after: Categories = enhanced_presence::from_str(xml).unwrap();
    let Some(CategoryValue::Custom(value)) = &after.category[0].value else { panic!("{after:?}") };
    assert_eq!(value.downcast_ref::<custom::Mood>().map(|m| m.0.text()), Some("calm".to_owned()));
    assert_eq!(enhanced_presence::to_string(&after), xml);
}
