//! Part 1: the store of publications — keys, versions, atomic requests, expiry, removal, category
//! names, custom categories.

mod common;

use common::*;
use enhanced_presence::rich_presence::Publish;
use enhanced_presence::CategoryValue;
use enhanced_presence_engine::store::Expiry;
use enhanced_presence_engine::{
    containers, InstanceKey, NoAggregation, PresenceServer, PublishError, Watcher,
};

fn key(category: &str, instance: u32, container: u32) -> InstanceKey {
    InstanceKey::new(category, instance, container)
}

fn stored_note(server: &PresenceServer, container: u32) -> Option<String> {
    let p = server.store(&alice())?.get(&key("note", 0, container))?;
    match &p.value {
        CategoryValue::Note(n) => n.body.first().map(|b| b.value.clone()),
        _ => None,
    }
}

#[test]
fn the_key_is_category_instance_and_container() {
    let (mut server, _) = server();
    server.publish(&laptop(), &publish(&[publication("note", 0, 200, 0, STATIC, &note("a"))])).unwrap();
    server.publish(&laptop(), &publish(&[publication("note", 0, 300, 0, STATIC, &note("b"))])).unwrap();
    // same triple: modified, not added
    server.publish(&laptop(), &publish(&[publication("note", 0, 200, 1, STATIC, &note("c"))])).unwrap();
    assert_eq!(stored_note(&server, 200).as_deref(), Some("c"));
    assert_eq!(stored_note(&server, 300).as_deref(), Some("b"));
    assert_eq!(server.store(&alice()).unwrap().iter().filter(|(k, _)| k.category == "note").count(), 2);
    // the server increments the version
    assert_eq!(server.store(&alice()).unwrap().get(&key("note", 0, 200)).unwrap().version, 2);
}

#[test]
fn a_stale_version_changes_nothing_and_names_the_instance() {
    let (mut server, _) = server();
    server.publish(&laptop(), &publish(&[publication("note", 0, 200, 0, STATIC, &note("first"))])).unwrap();
    server.publish(&laptop(), &publish(&[publication("note", 0, 200, 1, STATIC, &note("second"))])).unwrap();
    let before = server.self_view(&alice());
    // the phone still has version 1: stale; the other publication of the request is not applied
    let request = publish(&[
        publication("note", 0, 300, 0, STATIC, &note("for 300")),
        publication("note", 0, 200, 1, STATIC, &note("stale")),
    ]);
    let err = server.publish(&phone(), &request).unwrap_err();
    assert_eq!(err, PublishError::StaleVersion { key: key("note", 0, 200), sent: 1, current: 2 });
    assert!(err.to_string().contains("note instance 0 in container 200"), "{err}");
    assert_eq!(server.self_view(&alice()), before);
    assert_eq!(stored_note(&server, 200).as_deref(), Some("second"));
    assert_eq!(stored_note(&server, 300), None);
    // the current version (or a higher one) is accepted
    server.publish(&phone(), &publish(&[publication("note", 0, 200, 2, STATIC, &note("third"))])).unwrap();
    server.publish(&phone(), &publish(&[publication("note", 0, 200, 9, STATIC, &note("fourth"))])).unwrap();
    assert_eq!(server.store(&alice()).unwrap().get(&key("note", 0, 200)).unwrap().version, 10);
}

#[test]
fn unknown_category_names_reject_the_whole_request() {
    let (mut server, _) = server();
    let request = publish(&[
        publication("note", 0, 200, 0, STATIC, &note("kept out")),
        publication("mood", 0, 200, 0, STATIC, &note("happy")),
    ]);
    let err = server.publish(&laptop(), &request).unwrap_err();
    assert_eq!(err, PublishError::UnknownCategory { key: key("mood", 0, 200) });
    assert_eq!(stored_note(&server, 200), None);
    // names are case-sensitive
    let err = server
        .publish(&laptop(), &publish(&[publication("Note", 0, 200, 0, STATIC, &note("x"))]))
        .unwrap_err();
    assert!(matches!(err, PublishError::UnknownCategory { .. }));
}

#[test]
fn refused_requests() {
    let (mut server, _) = server();
    let one = |p: String| publish(&[p]);
    type Case = (Publish, fn(&PublishError) -> bool);
    let cases: Vec<Case> = vec![
        (one(publication("note", 0, 32768, 0, STATIC, &note("x"))), |e| {
            matches!(e, PublishError::ContainerOutOfRange { .. })
        }),
        (
            one(publication(
                "mwi",
                0,
                1,
                0,
                STATIC,
                r#"<mwi xmlns="http://schemas.microsoft.com/2006/09/sip/mwi" messageWaiting="true"/>"#,
            )),
            |e| matches!(e, PublishError::ServerOnly { .. }),
        ),
        (
            one(publication(
                "contactCard",
                0,
                200,
                0,
                STATIC,
                r#"<contactCard xmlns="http://schemas.microsoft.com/2006/09/sip/contactcard"/>"#,
            )),
            |e| matches!(e, PublishError::ServerOnly { .. }),
        ),
        (one(publication("note", 0, 200, 0, STATIC, "")), |e| matches!(e, PublishError::MissingValue { .. })),
        (one(publication("note", 0, 200, 0, r#"expireType="time""#, &note("x"))), |e| {
            matches!(e, PublishError::MissingExpires { .. })
        }),
        (one(publication("note", 0, 200, 0, r#"expireType="custom""#, &note("x"))), |e| {
            matches!(e, PublishError::UnsupportedExpireType { .. })
        }),
        (
            publish_for("sip:mallory@contoso.com", &[publication("note", 0, 200, 0, STATIC, &note("x"))]),
            |e| matches!(e, PublishError::WrongPublisher { .. }),
        ),
    ];
    for (request, expected) in cases {
        let err = server.publish(&laptop(), &request).unwrap_err();
        assert!(expected(&err), "{err:?}");
    }
    assert!(server.store(&alice()).map_or(true, |s| s.iter().next().is_none()));
}

#[test]
fn a_time_bound_publication_disappears_when_the_clock_passes_it() {
    let (mut server, clock) = server();
    server.set_container_members(&alice(), &containers::lync_defaults()).unwrap();
    let bob = Watcher::colleague("sip:bob@contoso.com");
    server.subscribe(&alice(), &bob, None);
    server
        .publish(
            &laptop(),
            &publish(&[publication("note", 0, 200, 0, r#"expireType="time" expires="3600""#, &note("brb"))]),
        )
        .unwrap();
    assert_eq!(seen(&server, &bob).1.as_deref(), Some("brb"));
    clock.advance(3599);
    assert_eq!(seen(&server, &bob).1.as_deref(), Some("brb"));
    assert!(server.tick().notifications.is_empty());
    clock.advance(1);
    // gone from views at once, and tick tells the subscribers
    assert_eq!(seen(&server, &bob).1, None);
    let changes = server.tick();
    let body = changes.body_for(&alice(), &bob).expect("bob is notified");
    assert!(body.0.category.iter().all(|c| c.name != "note"));
    assert!(server.store(&alice()).unwrap().get(&key("note", 0, 200)).is_none());
}

#[test]
fn expires_zero_removes_and_removing_nothing_is_accepted() {
    let (mut server, _) = server();
    server.publish(&laptop(), &publish(&[publication("note", 0, 200, 0, STATIC, &note("x"))])).unwrap();
    // the docs' deletion: expireType time, expires 0, no value
    server
        .publish(
            &laptop(),
            &publish(&[publication("note", 0, 200, 1, r#"expireType="time" expires="0""#, "")]),
        )
        .unwrap();
    assert_eq!(stored_note(&server, 200), None);
    // the other documented form (expireType user) removes too; a missing instance is no error
    server
        .publish(
            &laptop(),
            &publish(&[publication("note", 0, 300, 0, r#"expireType="user" expires="0""#, "")]),
        )
        .unwrap();
    // a removal with a stale version is refused like any publication
    server.publish(&laptop(), &publish(&[publication("note", 0, 400, 5, STATIC, &note("y"))])).unwrap();
    let err = server
        .publish(
            &laptop(),
            &publish(&[publication("note", 0, 400, 2, r#"expireType="time" expires="0""#, "")]),
        )
        .unwrap_err();
    assert!(matches!(err, PublishError::StaleVersion { current: 6, .. }));
}

#[test]
fn endpoint_and_user_bound_publications_end_with_sign_out() {
    let (mut server, _) = server();
    server
        .publish(&laptop(), &publish(&[publication("note", 0, 200, 0, ENDPOINT, &note("laptop"))]))
        .unwrap();
    server.publish(&phone(), &publish(&[publication("note", 0, 300, 0, ENDPOINT, &note("phone"))])).unwrap();
    server.publish(&phone(), &publish(&[publication("note", 0, 400, 0, USER, &note("user"))])).unwrap();
    server.publish(&phone(), &publish(&[publication("note", 0, 100, 0, STATIC, &note("static"))])).unwrap();
    server.sign_out_endpoint(&laptop());
    assert_eq!(stored_note(&server, 200), None, "the laptop's endpoint-bound note ends with it");
    assert_eq!(stored_note(&server, 300).as_deref(), Some("phone"));
    assert_eq!(stored_note(&server, 400).as_deref(), Some("user"), "the user still has the phone");
    server.sign_out_endpoint(&phone());
    assert_eq!(stored_note(&server, 300), None);
    assert_eq!(stored_note(&server, 400), None, "user-bound ends with the last endpoint");
    assert_eq!(stored_note(&server, 100).as_deref(), Some("static"));
    // sign_out_user ends both kinds at once
    server.publish(&laptop(), &publish(&[publication("note", 0, 200, 0, ENDPOINT, &note("a"))])).unwrap();
    server.publish(&phone(), &publish(&[publication("note", 0, 400, 0, USER, &note("b"))])).unwrap();
    server.sign_out_user(&alice());
    assert_eq!((stored_note(&server, 200), stored_note(&server, 400)), (None, None));
    assert_eq!(stored_note(&server, 100).as_deref(), Some("static"));
}

#[test]
fn custom_categories_are_refused_until_registered_then_stored_typed() {
    use custom_category_example::meeting_room::MeetingRoom;
    custom_category_example::register();
    let room = r#"<meetingRoom xmlns="http://example.com/2026/presence/meetingRoom"><building>B4</building><capacity>12</capacity><occupied>true</occupied></meetingRoom>"#;
    let request = publish(&[publication("meetingRoom", 0, 200, 0, STATIC, room)]);
    let (server, _) = server();
    let server = &mut server.with_aggregator(NoAggregation);
    assert!(matches!(server.publish(&laptop(), &request), Err(PublishError::UnknownCategory { .. })));
    server.register_category("meetingRoom");
    server.publish(&laptop(), &request).unwrap();
    let stored = server.store(&alice()).unwrap().get(&key("meetingRoom", 0, 200)).unwrap();
    let CategoryValue::Custom(custom) = &stored.value else { panic!("not typed: {:?}", stored.value) };
    assert_eq!(custom.downcast_ref::<MeetingRoom>().map(|r| r.capacity), Some(12));
    assert_eq!(stored.expiry, Expiry::Static);
}

#[test]
fn the_self_view_carries_the_operational_attributes() {
    let (mut server, _) = server();
    server
        .publish(
            &laptop(),
            &publish(&[publication("note", 0, 200, 0, r#"expireType="time" expires="60""#, &note("x"))]),
        )
        .unwrap();
    let view = server.self_view(&alice());
    let note = view.0.category.iter().find(|c| c.name == "note").unwrap();
    assert_eq!((note.container, note.version, note.expires), (Some(200), Some(1), Some(60)));
    assert_eq!(note.expire_type.as_ref().map(|e| e.as_str()), Some("time"));
    assert_eq!(note.endpoint_id.as_deref(), Some("laptop-epid"));
    assert_eq!(note.publish_time.as_ref().map(ToString::to_string).as_deref(), Some("2013-01-01T10:00:00Z"));
}

#[test]
fn an_expired_instance_is_gone_for_versions_too() {
    let (mut server, clock) = server();
    let timed = publication("note", 0, 200, 5, r#"expireType="time" expires="10""#, &note("soon gone"));
    server.publish(&laptop(), &publish(&[timed])).unwrap();
    clock.advance(10);
    // not purged yet (no tick), but a fresh publication at version 0 is not stale
    server.publish(&laptop(), &publish(&[publication("note", 0, 200, 0, STATIC, &note("new"))])).unwrap();
    assert_eq!(stored_note(&server, 200).as_deref(), Some("new"));
    assert_eq!(server.store(&alice()).unwrap().get(&key("note", 0, 200)).unwrap().version, 1);
}
