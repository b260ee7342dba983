//! Part 3: views, change sets and batch subscriptions.

mod common;

use std::collections::BTreeSet;

use common::*;
use enhanced_presence::batch_subscribe::BatchSub;
use enhanced_presence::categories::Categories;
use enhanced_presence::CategoryValue;
use enhanced_presence_engine::containers::{self, Member, MembershipBuilder};
use enhanced_presence_engine::{BatchError, NoAggregation, PresenceServer, UserUri, Watcher};

fn setup() -> (PresenceServer, Watcher, Watcher, Watcher) {
    let (mut server, _) = server();
    server.set_container_members(&alice(), &containers::lync_defaults()).unwrap();
    let bob = Watcher::colleague("sip:bob@contoso.com");
    let eve = Watcher::federated("sip:eve@litware.com");
    let wendy = Watcher::colleague("sip:wendy@contoso.com");
    server
        .set_container_members(
            &alice(),
            &MembershipBuilder::new().add(300, 0, Member::User(UserUri::new("wendy@contoso.com"))).build(),
        )
        .unwrap();
    (server, bob, eve, wendy)
}

#[test]
fn the_watcher_body_withholds_containers_and_operational_attributes() {
    let (mut server, bob, _, _) = setup();
    server.publish(&laptop(), &publish(&[publication("note", 0, 200, 0, STATIC, &note("hello"))])).unwrap();
    let body = server.view(&alice(), &bob);
    assert_eq!(body.0.uri.as_deref(), Some("sip:alice@contoso.com"));
    let note = &body.0.category[0];
    assert_eq!((note.name.as_str(), note.instance), ("note", Some(0)));
    assert!(note.publish_time.is_some());
    assert_eq!((note.container, note.version, note.expires, &note.endpoint_id), (None, None, None, &None));
    assert!(note.expire_type.is_none());
    // it is a document: it writes and reads back
    let xml = enhanced_presence::to_string(&body).unwrap();
    assert!(!xml.contains("container="), "{xml}");
    let back: Categories = enhanced_presence::from_str(&xml).unwrap();
    assert_eq!(back, body);
}

#[test]
fn watchers_never_get_calendar_state_or_aggregate_machine_state() {
    let (server, bob, _, _) = setup();
    let server = &mut server.with_aggregator(NoAggregation);
    let calendar = r#"<state xmlns="http://schemas.microsoft.com/2006/09/sip/state" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="calendarState" uri="alice@contoso.com"><availability>6500</availability><activity token="in-a-meeting" minAvailability="6500" maxAvailability="8999"/></state>"#;
    let machine = r#"<state xmlns="http://schemas.microsoft.com/2006/09/sip/state" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="aggregateMachineState" endpointId="e1"><availability>3500</availability></state>"#;
    server
        .publish(
            &laptop(),
            &publish(&[
                publication("state", 0x4000_0001, 200, 0, STATIC, calendar),
                publication("state", 0x1000_0000, 200, 0, STATIC, machine),
                publication("state", 1, 200, 0, STATIC, &state("aggregateState", 3500, "")),
            ]),
        )
        .unwrap();
    let body = server.view(&alice(), &bob);
    assert_eq!(body.0.category.iter().map(|c| c.instance.unwrap()).collect::<Vec<_>>(), [1]);
}

#[test]
fn a_publication_notifies_exactly_the_watchers_whose_view_changed() {
    let (mut server, bob, eve, wendy) = setup();
    let carol = Watcher::colleague("sip:carol@contoso.com");
    for w in [&bob, &eve, &wendy] {
        server.subscribe(&alice(), w, None);
    }
    // Carol only asks for contactCard
    server.subscribe(&alice(), &carol, Some(BTreeSet::from(["contactCard".to_owned()])));
    let changes = server
        .publish(&laptop(), &publish(&[publication("note", 0, 200, 0, STATIC, &note("colleagues only"))]))
        .unwrap();
    assert_eq!(changes.notifications.len(), 1);
    assert_eq!(changes.notifications[0].watchers, std::slice::from_ref(&bob));
    assert!(changes.self_changed.contains(&alice()));
    // two containers change: two bodies
    let changes = server
        .publish(
            &laptop(),
            &publish(&[
                publication("note", 0, 100, 0, STATIC, &note("external")),
                publication("note", 0, 300, 0, STATIC, &note("team")),
            ]),
        )
        .unwrap();
    assert_eq!(changes.watcher_count(), 2);
    let text = |b: &Categories| enhanced_presence::presence::summarize(b).note;
    assert_eq!(text(changes.body_for(&alice(), &eve).unwrap()).as_deref(), Some("external"));
    assert_eq!(text(changes.body_for(&alice(), &wendy).unwrap()).as_deref(), Some("team"));
    assert!(changes.body_for(&alice(), &bob).is_none());
    // the body is the complete view, so a removal is a body without the instance
    let changes = server
        .publish(
            &laptop(),
            &publish(&[publication("note", 0, 200, 1, r#"expireType="time" expires="0""#, "")]),
        )
        .unwrap();
    assert_eq!(changes.body_for(&alice(), &bob).unwrap().0.category.len(), 0);
    // after unsubscribing, nothing
    assert!(server.unsubscribe(&alice(), &bob));
    let changes = server
        .publish(&laptop(), &publish(&[publication("note", 0, 200, 0, STATIC, &note("again"))]))
        .unwrap();
    assert!(changes.notifications.is_empty());
}

#[test]
fn a_membership_change_notifies_the_watchers_it_moves() {
    let (mut server, bob, eve, _) = setup();
    server
        .publish(
            &laptop(),
            &publish(&[
                publication("note", 0, 200, 0, STATIC, &note("colleagues")),
                publication("note", 0, 32000, 0, STATIC, &empty_note()),
            ]),
        )
        .unwrap();
    server.subscribe(&alice(), &bob, None);
    server.subscribe(&alice(), &eve, None);
    let block = MembershipBuilder::new().add(32000, 0, Member::User(UserUri::new("bob@contoso.com"))).build();
    let changes = server.set_container_members(&alice(), &block).unwrap();
    assert_eq!(changes.watcher_count(), 1);
    let body = changes.body_for(&alice(), &bob).unwrap();
    assert_eq!(enhanced_presence::presence::summarize(body).note.as_deref(), None);
    assert_eq!(server.container_of(&alice(), &bob), Some(32000));
}

#[test]
fn the_owner_sees_its_self_view_and_the_roaming_body() {
    let (mut server, _, _, _) = setup();
    server.publish(&laptop(), &publish(&[publication("routing", 0, 200, 0, STATIC, &routing())])).unwrap();
    let owner = Watcher::colleague("sip:alice@contoso.com");
    let body = server.view(&alice(), &owner);
    assert_eq!(body, server.self_view(&alice()));
    assert_eq!(body.0.category[0].container, Some(200));
    let roaming = server.roaming(&alice());
    let [CategoryValue::Categories(categories), CategoryValue::Containers(list)] = &roaming.0.any[..] else {
        panic!("{roaming:?}")
    };
    assert_eq!(**categories, body);
    assert_eq!(list.0.container.iter().map(|c| c.id).collect::<Vec<_>>(), [100, 200, 300]);
    // and it writes as one document
    let xml = enhanced_presence::to_string(&roaming).unwrap();
    assert!(xml.contains("<containers"), "{xml}");
}

const BATCH: &str = r#"<batchSub xmlns="http://schemas.microsoft.com/2006/01/sip/batch-subscribe" uri="sip:bob@contoso.com" name="">
  <action name="subscribe" id="63792024">
    <adhocList>
      <resource uri="sip:alice@contoso.com"><context/></resource>
      <resource uri="sip:nobody@contoso.com"/>
    </adhocList>
    <categoryList xmlns="http://schemas.microsoft.com/2006/09/sip/categorylist">
      <category name="note"/>
      <category name="state"/>
    </categoryList>
  </action>
</batchSub>"#;

#[test]
fn batch_subscriptions_are_answered_from_the_same_views() {
    let (mut server, bob, _, _) = setup();
    server
        .publish(
            &laptop(),
            &publish(&[
                publication("note", 0, 200, 0, STATIC, &note("hi")),
                publication(
                    "calendarData",
                    0,
                    200,
                    0,
                    STATIC,
                    r#"<calendarData xmlns="http://schemas.microsoft.com/2006/09/sip/calendarData"/>"#,
                ),
                publication("state", 0x2000_0000, 2, 0, STATIC, &user_state(6500)),
            ]),
        )
        .unwrap();
    let request: BatchSub = enhanced_presence::from_str(BATCH).unwrap();
    let answers = server.batch_subscribe(&bob, &request).unwrap();
    assert_eq!(answers.len(), 2);
    assert_eq!(answers[0].action_id, "63792024");
    let body = answers[0].body.as_ref().unwrap();
    let names: Vec<&str> = body.0.category.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["note", "state"], "calendarData was not asked for");
    let view = server.view(&alice(), &bob);
    assert!(view.0.category.iter().any(|c| c.name == "calendarData"));
    // the categories asked for are as in a single view
    let filtered: Vec<_> = view.0.category.iter().filter(|c| c.name != "calendarData").cloned().collect();
    assert_eq!(body.0.category, filtered);
    // an unknown publisher: an empty body
    assert_eq!(answers[1].body.as_ref().unwrap().0.category.len(), 0);
    // the batch subscription is live: a change notifies bob with the filtered body
    let changes =
        server.publish(&laptop(), &publish(&[publication("note", 0, 200, 1, STATIC, &note("bye"))])).unwrap();
    let body = changes.body_for(&alice(), &bob).unwrap();
    assert!(body.0.category.iter().all(|c| c.name != "calendarData"));
    // and a calendar change does not
    let changes = server
        .publish(
            &laptop(),
            &publish(&[publication(
                "calendarData",
                0,
                200,
                1,
                STATIC,
                r#"<calendarData xmlns="http://schemas.microsoft.com/2006/09/sip/calendarData"/>"#,
            )]),
        )
        .unwrap();
    assert!(changes.body_for(&alice(), &bob).is_none());
    // unsubscribe
    let unsubscribe: BatchSub =
        enhanced_presence::from_str(&BATCH.replace(r#"name="subscribe""#, r#"name="unsubscribe""#)).unwrap();
    let answers = server.batch_subscribe(&bob, &unsubscribe).unwrap();
    assert!(answers.iter().all(|a| a.body.is_none()));
    assert!(!server.unsubscribe(&alice(), &bob));
    // someone else's batch
    let err = server.batch_subscribe(&Watcher::colleague("sip:eve@contoso.com"), &request).unwrap_err();
    assert!(matches!(err, BatchError::WrongSubscriber { .. }));
}

#[test]
fn the_owners_own_subscription_is_notified_of_every_change() {
    let (mut server, bob, _, _) = setup();
    let owner = Watcher::colleague("sip:alice@contoso.com");
    server.subscribe(&alice(), &owner, None);
    server.subscribe(&alice(), &bob, None);
    // a private category: the owner hears of it, bob does not
    let changes = server
        .publish(&laptop(), &publish(&[publication("routing", 0, 200, 0, STATIC, &routing())]))
        .unwrap();
    assert_eq!(changes.watcher_count(), 1);
    let body = changes.body_for(&alice(), &owner).unwrap();
    assert_eq!(body.0.category[0].container, Some(200));
}

#[test]
fn an_adhoc_list_subscribes_like_a_batch_subscription() {
    let (mut server, bob, eve, _) = setup();
    server
        .publish(
            &laptop(),
            &publish(&[
                publication("note", 0, 200, 0, STATIC, &note("hi")),
                publication("state", 0x2000_0000, 2, 0, STATIC, &user_state(6500)),
            ]),
        )
        .unwrap();
    let list = |uri: &str, categories: &str| -> enhanced_presence::adrl::Adhoclist {
        enhanced_presence::from_str(&format!(
            r#"<adhoclist xmlns="urn:ietf:params:xml:ns:adrl" uri="{uri}" name="{uri}"><create xmlns=""><resource uri="sip:alice@contoso.com"/></create>{categories}</adhoclist>"#
        ))
        .unwrap()
    };
    // With a categoryList beside create: only those categories, as in the single view.
    let only_notes = list(
        "sip:bob@contoso.com",
        r#"<categoryList xmlns="http://schemas.microsoft.com/2006/09/sip/categorylist"><category name="note"/></categoryList>"#,
    );
    let answers = server.subscribe_adhoc_list(&bob, &only_notes).unwrap();
    let [answer] = answers.as_slice() else { panic!("{answers:?}") };
    assert_eq!((answer.action_id.as_str(), &answer.publisher), ("", &alice()));
    let body = answer.body.as_ref().unwrap();
    let view = server.view(&alice(), &bob);
    let notes: Vec<_> = view.0.category.iter().filter(|c| c.name == "note").cloned().collect();
    assert_eq!(body.0.category, notes);
    // Without one: the whole view, and the subscription is live.
    let answers = server.subscribe_adhoc_list(&eve, &list("sip:eve@litware.com", "")).unwrap();
    assert_eq!(*answers[0].body.as_ref().unwrap().as_ref(), server.view(&alice(), &eve));
    let changes = server
        .publish(&laptop(), &publish(&[publication("state", 0x2000_0000, 2, 1, STATIC, &user_state(3500))]))
        .unwrap();
    assert!(changes.body_for(&alice(), &eve).is_some());
    // Somebody else's list is refused.
    assert!(matches!(
        server.subscribe_adhoc_list(&bob, &list("sip:eve@litware.com", "")),
        Err(BatchError::WrongSubscriber { .. })
    ));
}
