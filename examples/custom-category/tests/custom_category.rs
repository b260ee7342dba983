//! The custom category round-trips, reuses the built-in commontypes types, validates with libxml2 and
//! dispatches inside protocol bodies once registered.

use std::path::Path;

use custom_category_example::meeting_room::{EquipmentEnumEx, MeetingRoom};
use enhanced_presence::categories::Categories;
use enhanced_presence::presence::PublishBuilder;
use enhanced_presence::rich_presence::{ExpireTypeEnumEx, Publish};
use enhanced_presence::{roundtrip, CategoryValue};

fn instances() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

#[test]
fn instances_round_trip() {
    for file in instances() {
        let xml = std::fs::read_to_string(&file).unwrap();
        let report = roundtrip::check_as::<MeetingRoom>(&xml);
        assert!(report.is_ok(), "{}: {report}", file.display());
    }
}

#[test]
fn instances_go_through_json_without_loss() {
    custom_category_example::register();
    for file in instances() {
        let xml = std::fs::read_to_string(&file).unwrap();
        let room: MeetingRoom = enhanced_presence::from_str(&xml).unwrap();
        let json = serde_json::to_string(&room).unwrap();
        let back: MeetingRoom = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}\n{json}"));
        assert_eq!(back, room, "{}: {json}", file.display());
        assert_eq!(
            enhanced_presence::to_string(&back).unwrap(),
            enhanced_presence::to_string(&room).unwrap()
        );
        // Inside a NOTIFY body the registered category is typed, and JSON keeps it so.
        let body = format!(
            r#"<categories xmlns="http://schemas.microsoft.com/2006/09/sip/categories" uri="sip:room@contoso.com"><category name="meetingRoom" instance="0">{}</category></categories>"#,
            enhanced_presence::to_string(&room).unwrap()
        );
        let notify: Categories = enhanced_presence::from_str(&body).unwrap();
        assert!(matches!(notify.category[0].value, Some(CategoryValue::Custom(_))));
        let json = serde_json::to_string(&notify).unwrap();
        let back: Categories = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}\n{json}"));
        assert_eq!(back, notify, "{}: {json}", file.display());
    }
}

#[test]
fn instances_validate_with_libxml2() {
    let xsd = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/meetingRoom.xsd");
    let schema =
        xsd_validator::Schema::from_file(&xsd).unwrap_or_else(|d| panic!("{}: {d:#?}", xsd.display()));
    for file in instances() {
        if let Err(diagnostics) = schema.validate_file(&file) {
            panic!("{}: {}", file.display(), diagnostics[0]);
        }
    }
}

#[test]
fn typed_fields_and_reused_commontypes() {
    let xml =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/room-booked-v2.xml"))
            .unwrap();
    let room: MeetingRoom = enhanced_presence::from_str(&xml).unwrap();
    assert_eq!((room.building.as_str(), room.capacity, room.occupied), ("B4", 12, true));
    assert_eq!(
        room.equipment.as_deref(),
        Some(&[EquipmentEnumEx::Projector, EquipmentEnumEx::VideoConference][..])
    );
    assert_eq!(room.any_attributes.get(Some("urn:example:facilities"), "assetTag"), Some("MR-0042"));
    // The commontypes elements are the crate's own types, not copies: this only compiles if so.
    let extension: &enhanced_presence::common::ExtensionType = room.extension.as_ref().unwrap();
    assert_eq!(extension.content.len(), 1);
    let _: &enhanced_presence::common::DelimiterType =
        &room.delimiter_end.as_ref().unwrap().delimiter_any[0].delimiter;
}

#[test]
fn dispatches_in_category_and_publication_bodies() {
    custom_category_example::register();
    let room_xml =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/room-free.xml"))
            .unwrap();
    let room: MeetingRoom = enhanced_presence::from_str(&room_xml).unwrap();

    // The generated `From<MeetingRoom> for CategoryValue` makes the room a category value as it is.
    let publish = PublishBuilder::new("sip:room-harbour@contoso.com")
        .publish("meetingRoom", 0, &[200], 1, ExpireTypeEnumEx::Static, room.clone())
        .to_xml()
        .unwrap();
    let read: Publish = enhanced_presence::from_str(&publish).unwrap();
    let Some(CategoryValue::Custom(value)) = &read.publications.publication[0].value else {
        panic!("{read:?}")
    };
    assert_eq!(value.downcast_ref::<MeetingRoom>(), Some(&room));
    assert!(roundtrip::check(&publish).is_ok());

    let notify = format!(
        r#"<categories xmlns="http://schemas.microsoft.com/2006/09/sip/categories" uri="sip:room-harbour@contoso.com"><category name="meetingRoom" instance="0">{room_xml}</category></categories>"#
    );
    let body: Categories = enhanced_presence::from_str(&notify).unwrap();
    assert!(
        matches!(&body.category[0].value, Some(CategoryValue::Custom(v)) if v.downcast_ref::<MeetingRoom>().is_some())
    );
    let report = roundtrip::check(&notify);
    assert!(report.is_ok() && report.untyped.is_empty(), "{report}");
}

#[test]
fn the_generated_document_enum_does_not_collide_with_the_runtimes() {
    // Both at the crate root: the generated one under the name build.rs gave it.
    let xml = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/room-free.xml"))
        .unwrap();
    let custom_category_example::RoomDocument::MeetingRoom(room) = enhanced_presence::from_str(&xml).unwrap();
    assert_eq!(room.capacity, 8);
    assert!(enhanced_presence::from_str::<custom_category_example::Document>(&xml).is_err());
}

#[test]
fn an_unregistered_category_is_reported_untyped() {
    // A payload of a namespace nobody registered (the meeting room is registered by other tests of
    // this file: the registry is per process).
    let notify = r#"<categories xmlns="http://schemas.microsoft.com/2006/09/sip/categories"><category name="parkingSpot" instance="0"><parkingSpot xmlns="http://example.com/2026/presence/parkingSpot"><level>2</level></parkingSpot></category></categories>"#;
    let report = roundtrip::check(notify);
    assert!(report.is_ok(), "{report}");
    assert_eq!(report.untyped, ["/categories/category/parkingSpot"]);
}

/// The README's recipe: commontypes imported as the README shows it, generated as build.rs does.
#[test]
fn the_readme_recipe_generates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("../../README.md")).unwrap();
    let section = readme.split("## Custom categories").nth(1).unwrap().split("\n## ").next().unwrap();
    let import = section
        .lines()
        .map(|l| l.trim_matches(char::is_whitespace))
        .find(|l| {
            l.starts_with("<xs:import namespace=\"http://schemas.microsoft.com/2006/09/sip/commontypes\"")
        })
        .expect("the README shows how the custom category imports commontypes");
    let schema = std::fs::read_to_string(root.join("schemas/meetingRoom.xsd")).unwrap();
    let start = schema.find("<xs:import").unwrap();
    let end = start + schema[start..].find("/>").unwrap() + 2;
    let dir = std::env::temp_dir().join(format!("readme-recipe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("meetingRoom.xsd"), format!("{}{import}{}", &schema[..start], &schema[end..]))
        .unwrap();
    let generated = enhanced_presence_codegen::Config::new()
        .schema(dir.join("meetingRoom.xsd"))
        .extern_namespace(
            "http://schemas.microsoft.com/2006/09/sip/commontypes",
            "::enhanced_presence::common",
        )
        .single_file("meeting_room.rs")
        .document_name("RoomDocument")
        .registration(true)
        // serde derives behind this crate's `serde` feature
        .serde_feature("serde")
        .generate();
    std::fs::remove_dir_all(&dir).ok();
    let text = &generated.unwrap_or_else(|e| panic!("{e}")).files[0].text;
    // The same code as build.rs generated from the example's own import (its header aside).
    let built = std::fs::read_to_string(concat!(env!("OUT_DIR"), "/meeting_room.rs")).unwrap();
    let body = |t: &str| t.split_once('\n').map(|(_, rest)| rest.to_owned()).unwrap();
    assert_eq!(body(text), body(&built));
}
