//! The protocol layer: publish bodies built in code, NOTIFY bodies read with every payload typed.

use std::path::Path;

use enhanced_presence::categories::Categories;
use enhanced_presence::presence::{summarize, Availability, ContactSummary, PublishBuilder};
use enhanced_presence::rich_presence::Publish;
use enhanced_presence::state::{ActivityTokenEnumEx, State, StateType};
use enhanced_presence::{roundtrip, CategoryValue};

fn data(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(path)).unwrap()
}

#[test]
fn publish_a_note_and_a_user_state_to_containers() {
    let xml = PublishBuilder::new("sip:alice@contoso.com")
        .note("In the lab", &[200, 300], 3)
        .user_state(6500, None, &[2], 7)
        .remove("note", 0, 400, 2)
        .to_xml()
        .unwrap();
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
    assert_eq!(enhanced_presence::to_string(&after).unwrap(), xml);

    // Changed in place, or taken out by value; the wrong type gives the value back unchanged.
    let mut after = after;
    let Some(CategoryValue::Custom(value)) = after.category[0].value.take() else { unreachable!() };
    let mut value = value.downcast::<enhanced_presence::AnyElement>().unwrap_err();
    value.downcast_mut::<custom::Mood>().unwrap().0.children =
        vec![enhanced_presence::AnyNode::Text("keen".into())];
    assert!(value.downcast_mut::<String>().is_none());
    let mood: custom::Mood = value.downcast().unwrap();
    assert_eq!(mood.0.text(), "keen");
}

#[test]
fn a_state_of_an_unknown_type_still_gives_its_availability_and_activity() {
    let xml = r#"<categories xmlns="http://schemas.microsoft.com/2006/09/sip/categories" uri="sip:carol@contoso.com">
  <category name="state" instance="1" publishTime="2013-01-01T10:00:00Z">
    <state xmlns="http://schemas.microsoft.com/2006/09/sip/state" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="futureState">
      <availability> 6500 </availability>
      <activity token="on-the-phone"/>
    </state>
  </category>
</categories>"#;
    let categories: Categories = enhanced_presence::from_str(xml).unwrap();
    let Some(CategoryValue::State(state)) = &categories.category[0].value else { panic!() };
    assert!(matches!(state.0, StateType::Unknown(_)));
    let carol = summarize(&categories);
    assert_eq!(carol.availability, Some(6500));
    assert_eq!(carol.activity.as_deref(), Some("on-the-phone"));
    assert_eq!(carol.availability_band(), Some(Availability::Busy));
    // An element of another namespace that happens to be called availability is not the state's.
    let foreign = xml.replace(
        "<availability> 6500 </availability>",
        r#"<availability xmlns="urn:other">6500</availability>"#,
    );
    assert_eq!(summarize(&enhanced_presence::from_str(&foreign).unwrap()).availability, None);
}

#[test]
fn availability_bands_and_published_values() {
    let published: Vec<(Availability, u32)> = Availability::ALL.iter().map(|a| (*a, a.value())).collect();
    assert_eq!(
        published,
        [
            (Availability::Available, 3500),
            (Availability::AvailableIdle, 4500),
            (Availability::Busy, 6500),
            (Availability::BusyIdle, 7500),
            (Availability::DoNotDisturb, 9500),
            (Availability::BeRightBack, 12500),
            (Availability::Away, 15500),
            (Availability::Offline, 18500),
        ]
    );
    let bands: Vec<Option<Availability>> = [
        0,
        2999,
        3000,
        4499,
        4500,
        5000,
        6000,
        6900,
        7000,
        7500,
        8999,
        9000,
        11999,
        12000,
        15000,
        18000,
        u32::MAX,
    ]
    .into_iter()
    .map(Availability::from_number)
    .collect();
    use Availability::*;
    assert_eq!(
        bands,
        [
            None,
            None,
            Some(Available),
            Some(Available),
            Some(AvailableIdle),
            Some(AvailableIdle),
            Some(Busy),
            Some(Busy),
            Some(Busy),
            Some(BusyIdle),
            Some(BusyIdle),
            Some(DoNotDisturb),
            Some(DoNotDisturb),
            Some(BeRightBack),
            Some(Away),
            Some(Offline),
            Some(Offline),
        ]
    );
    assert_eq!(DoNotDisturb.to_string(), "Do Not Disturb");
}

#[test]
fn a_user_state_with_an_activity_token() {
    let token = ActivityTokenEnumEx::UrgentInterruptionsOnly;
    let xml = PublishBuilder::new("sip:alice@contoso.com")
        .user_state(6900, Some(token), &[2], 8)
        .user_state(
            Availability::Away.value(),
            Some(ActivityTokenEnumEx::Other("gone-fishing".into())),
            &[3],
            9,
        )
        .to_xml()
        .unwrap();
    assert!(
        xml.contains(
            r#"<availability>6900</availability><activity token="urgent-interruptions-only"/></state>"#
        ),
        "{xml}"
    );
    let read: Publish = enhanced_presence::from_str(&xml).unwrap();
    let tokens: Vec<Option<String>> = read
        .publications
        .publication
        .iter()
        .map(|p| match &p.value {
            Some(CategoryValue::State(state)) => state.0.activity(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(tokens, [Some("urgent-interruptions-only".into()), Some("gone-fishing".into())]);
    let _: &State = match &read.publications.publication[1].value {
        Some(CategoryValue::State(state)) => state,
        _ => unreachable!(),
    };
    assert!(roundtrip::check(&xml).is_ok());
}

#[test]
fn a_payload_of_a_type_never_registered_is_reported_untyped() {
    let xml = r#"<categories xmlns="http://schemas.microsoft.com/2006/09/sip/categories"><category name="parkingSpot"><parkingSpot xmlns="urn:example:never-registered"><level>2</level></parkingSpot></category><category name="note"><note xmlns="http://schemas.microsoft.com/2006/09/sip/note"><body type="personal" uri="">Hi</body></note></category></categories>"#;
    let report = roundtrip::check(xml);
    assert!(report.is_ok(), "{report}");
    // Only the outermost element kept whole is named; the typed note is not.
    assert_eq!(report.untyped, ["/categories/category/parkingSpot"]);
    assert_eq!(
        report.to_string(),
        "ok; kept untyped (no generated or registered type): /categories/category/parkingSpot"
    );
    let typed = roundtrip::check(&data("rich-presence/valid/publish-note-and-user-state.xml"));
    assert!(typed.is_ok() && typed.untyped.is_empty(), "{typed}");
}
