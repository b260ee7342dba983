//! Part 2: containers and membership — member kinds, the highest-id rule, owner-only and fixed
//! containers, private categories, blocked contacts.

mod common;

use common::*;
use enhanced_presence::container_management::{MemberTypeEnumEx, SetContainerMembers};
use enhanced_presence_engine::containers::{self, Member, MembershipBuilder};
use enhanced_presence_engine::{MembershipError, Network, PresenceServer, UserUri, Watcher};

fn add(container: u32, member: Member) -> SetContainerMembers {
    MembershipBuilder::new().add(container, 0, member).build()
}

fn colleague() -> Watcher {
    Watcher::colleague("sip:bob@contoso.com")
}

/// Alice's note, a different text in each of 100, 200, 300, 400 and 32000.
fn notes_everywhere(server: &mut enhanced_presence_engine::PresenceServer) {
    let publications: Vec<String> = [100, 200, 300, 400, 32000]
        .iter()
        .map(|&c| publication("note", 0, c, 0, STATIC, &note(&format!("for {c}"))))
        .collect();
    server.publish(&laptop(), &publish(&publications)).unwrap();
}

#[test]
fn a_watcher_in_200_and_300_sees_300s_instances() {
    let (mut server, _) = server();
    notes_everywhere(&mut server);
    server.set_container_members(&alice(), &containers::lync_defaults()).unwrap();
    assert_eq!(seen(&server, &colleague()).1.as_deref(), Some("for 200"));
    server.set_container_members(&alice(), &add(300, Member::User(UserUri::new("bob@contoso.com")))).unwrap();
    assert_eq!(server.container_of(&alice(), &colleague()), Some(300));
    assert_eq!(seen(&server, &colleague()).1.as_deref(), Some("for 300"));
    // only 300's instances: one note, not one per container
    assert_eq!(names(&server, &colleague()), ["note/0"]);
}

#[test]
fn a_watcher_in_no_container_reads_container_0() {
    let (mut server, _) = server();
    notes_everywhere(&mut server);
    server.publish(&laptop(), &publish(&[publication("note", 0, 0, 0, STATIC, &note("for 0"))])).unwrap();
    let stranger = Watcher::public_cloud("sip:someone@example.net");
    assert_eq!(server.container_of(&alice(), &stranger), Some(0));
    assert_eq!(seen(&server, &stranger).1.as_deref(), Some("for 0"));
    // no fallback: a member of 400 whose container lacks a note gets none from 0
    let (mut server, _) = common::server();
    server.publish(&laptop(), &publish(&[publication("note", 0, 0, 0, STATIC, &note("for 0"))])).unwrap();
    server.set_container_members(&alice(), &add(400, Member::Everyone)).unwrap();
    assert_eq!(seen(&server, &stranger).1, None);
}

#[test]
fn members_by_user_domain_network_and_everyone() {
    let (mut server, _) = server();
    notes_everywhere(&mut server);
    let request = MembershipBuilder::new()
        .add(100, 0, Member::Network(Network::Federated))
        .add(200, 0, Member::Network(Network::SameEnterprise))
        .add(300, 0, Member::Domain("fabrikam.com".into()))
        .add(400, 0, Member::User(UserUri::new("sip:Carol@Contoso.com")))
        .build();
    server.set_container_members(&alice(), &request).unwrap();
    fn container(server: &PresenceServer, w: Watcher) -> u32 {
        server.container_of(&alice(), &w).unwrap()
    }
    assert_eq!(container(&server, Watcher::federated("sip:eve@litware.com")), 100);
    assert_eq!(container(&server, Watcher::colleague("sip:bob@contoso.com")), 200);
    assert_eq!(container(&server, Watcher::federated("sip:dan@fabrikam.com")), 300);
    assert_eq!(container(&server, Watcher::federated("sip:dan@sub.fabrikam.com")), 100, "no subdomains");
    assert_eq!(container(&server, Watcher::colleague("carol@contoso.com")), 400);
    assert_eq!(container(&server, Watcher::public_cloud("sip:pat@example.net")), 0);
    server
        .set_container_members(&alice(), &MembershipBuilder::new().add(150, 0, Member::Everyone).build())
        .unwrap();
    assert_eq!(container(&server, Watcher::public_cloud("sip:pat@example.net")), 150);
    assert_eq!(container(&server, Watcher::federated("sip:eve@litware.com")), 150);
    assert_eq!(container(&server, Watcher::colleague("sip:bob@contoso.com")), 200);
    // removing members (and members that are not there) in the reported membership
    let version = |id| {
        server.containers(&alice()).0.container.iter().find(|c| c.id == id).and_then(|c| c.version).unwrap()
    };
    let remove = MembershipBuilder::new()
        .remove(150, version(150), Member::Everyone)
        .remove(150, version(150), Member::User(UserUri::new("nobody@contoso.com")))
        .build();
    server.set_container_members(&alice(), &remove).unwrap();
    assert_eq!(container(&server, Watcher::public_cloud("sip:pat@example.net")), 0);
    let report = server.containers(&alice());
    let c400 = report.0.container.iter().find(|c| c.id == 400).unwrap();
    assert_eq!(c400.member[0].type_, MemberTypeEnumEx::User);
    assert_eq!(c400.member[0].value.as_deref(), Some("carol@contoso.com"));
}

#[test]
fn containers_1_to_3_are_owner_only_and_0_to_3_take_no_members() {
    let (mut server, _) = server();
    let publications: Vec<String> =
        [1, 2, 3].iter().map(|&c| publication("note", 0, c, 0, STATIC, &note(&format!("for {c}")))).collect();
    server.publish(&laptop(), &publish(&publications)).unwrap();
    server.set_container_members(&alice(), &add(100, Member::Everyone)).unwrap();
    for watcher in
        [colleague(), Watcher::federated("sip:eve@litware.com"), Watcher::public_cloud("x@example.net")]
    {
        assert_eq!(seen(&server, &watcher).1, None);
    }
    for id in [0, 1, 2, 3] {
        let err = server.set_container_members(&alice(), &add(id, Member::Everyone)).unwrap_err();
        assert_eq!(err, MembershipError::Fixed { container: id });
    }
    // the owner sees them all
    assert_eq!(server.self_view(&alice()).0.category.len(), 3);
}

#[test]
fn membership_requests_are_atomic_and_versioned() {
    let (mut server, _) = server();
    server.set_container_members(&alice(), &add(200, Member::Network(Network::SameEnterprise))).unwrap();
    // container 200 is now at version 1: a request still at 0 is stale, and its 300 change is not applied
    let request =
        MembershipBuilder::new().add(300, 0, Member::Everyone).add(200, 0, Member::Everyone).build();
    let err = server.set_container_members(&alice(), &request).unwrap_err();
    assert_eq!(err, MembershipError::StaleVersion { container: 200, sent: 0, current: 1 });
    assert_eq!(server.container_of(&alice(), &Watcher::public_cloud("x@example.net")), Some(0));
    let err = server.set_container_members(&alice(), &add(40000, Member::Everyone)).unwrap_err();
    assert_eq!(err, MembershipError::ContainerOutOfRange { container: 40000 });
    let xml = r#"<setContainerMembers xmlns="http://schemas.microsoft.com/2006/09/sip/container-management"><container id="200" version="1"><member action="add" type="user"/></container></setContainerMembers>"#;
    let err = server.set_container_members(&alice(), &enhanced_presence::from_str(xml).unwrap()).unwrap_err();
    assert!(matches!(err, MembershipError::MissingValue { container: 200, .. }));
    let xml = r#"<setContainerMembers xmlns="http://schemas.microsoft.com/2006/09/sip/container-management"><container id="200" version="1"><member action="invite" type="everyone"/></container></setContainerMembers>"#;
    let err = server.set_container_members(&alice(), &enhanced_presence::from_str(xml).unwrap()).unwrap_err();
    assert!(matches!(err, MembershipError::UnknownAction { .. }));
}

#[test]
fn private_categories_never_reach_a_watcher() {
    let (mut server, _) = server();
    let legacy =
        r#"<legacyInterop xmlns="http://schemas.microsoft.com/2006/09/sip/categories" availability="3500"/>"#;
    let mut publications = Vec::new();
    for container in [0, 100, 200, 300, 400, 32000] {
        publications.push(publication("routing", 0, container, 0, STATIC, &routing()));
        publications.push(publication("dndState", 0, container, 0, STATIC, &dnd_state()));
        publications.push(publication("legacyInterop", 7, container, 0, STATIC, legacy));
        publications.push(publication("note", 0, container, 0, STATIC, &note("visible")));
    }
    server.publish(&laptop(), &publish(&publications)).unwrap();
    let buddies = MembershipBuilder::new()
        .add(100, 0, Member::Network(Network::Federated))
        .add(200, 0, Member::Network(Network::SameEnterprise))
        .build();
    server.set_container_members(&alice(), &buddies).unwrap();
    server
        .set_container_members(&alice(), &add(300, Member::User(UserUri::new("wendy@contoso.com"))))
        .unwrap();
    server
        .set_container_members(&alice(), &add(400, Member::User(UserUri::new("fran@contoso.com"))))
        .unwrap();
    server
        .set_container_members(&alice(), &add(32000, Member::User(UserUri::new("mallory@contoso.com"))))
        .unwrap();
    let watchers = [
        Watcher::public_cloud("sip:stranger@example.net"),
        Watcher::federated("sip:eve@litware.com"),
        colleague(),
        Watcher::colleague("sip:wendy@contoso.com"),
        Watcher::colleague("sip:fran@contoso.com"),
        Watcher::colleague("sip:mallory@contoso.com"),
    ];
    let containers: Vec<u32> = watchers.iter().map(|w| server.container_of(&alice(), w).unwrap()).collect();
    assert_eq!(containers, [0, 100, 200, 300, 400, 32000]);
    for watcher in &watchers {
        let subscribed = server.subscribe(&alice(), watcher, None);
        for body in [server.view(&alice(), watcher), (*subscribed).clone()] {
            let names: Vec<&str> = body.0.category.iter().map(|c| c.name.as_str()).collect();
            assert!(names.contains(&"note"), "{names:?}");
            for private in ["routing", "dndState", "legacyInterop"] {
                assert!(!names.contains(&private), "{private} reached {watcher:?}");
            }
        }
    }
    // and changing one notifies nobody
    let changes = server
        .publish(&laptop(), &publish(&[publication("routing", 0, 200, 1, STATIC, &routing())]))
        .unwrap();
    assert!(changes.notifications.is_empty(), "{changes:?}");
    // while the owner sees them in its self view
    assert!(server.self_view(&alice()).0.category.iter().any(|c| c.name == "routing"));
}

#[test]
fn a_blocked_watcher_sees_availability_18500_and_an_emptied_note() {
    let (mut server, _) = server();
    server.set_container_members(&alice(), &containers::lync_defaults()).unwrap();
    // Mallory is a colleague (200) and blocked (32000)
    server
        .set_container_members(&alice(), &add(32000, Member::User(UserUri::new("sip:mallory@contoso.com"))))
        .unwrap();
    let mut publications = vec![
        publication("state", 0x2000_0000, 2, 0, STATIC, &user_state(3500)),
        publication("state", 0x2000_0000, 3, 0, STATIC, &user_state(3500)),
        publication("note", 0, 32000, 0, STATIC, &empty_note()),
    ];
    publications
        .extend([200, 300, 400].map(|c| publication("note", 0, c, 0, STATIC, &note("At the offsite"))));
    server.publish(&laptop(), &publish(&publications)).unwrap();
    let mallory = Watcher::colleague("sip:mallory@contoso.com");
    assert_eq!(seen(&server, &colleague()), (Some(3500), Some("At the offsite".into())));
    let body = server.view(&alice(), &mallory);
    let summary = enhanced_presence::presence::summarize(&body);
    assert_eq!(summary.availability, Some(18500));
    let note = body.0.category.iter().find(|c| c.name == "note").expect("an emptied note, not none");
    let Some(enhanced_presence::CategoryValue::Note(note)) = &note.value else { panic!() };
    assert!(note.body.is_empty());
}

#[test]
fn a_custom_container_above_32000_outranks_the_blocked_one() {
    // Facts §1 infer it: the highest id wins, and 32000 is not special to that rule.
    let (mut server, _) = server();
    server
        .publish(&laptop(), &publish(&[publication("note", 0, 32500, 0, STATIC, &note("for 32500"))]))
        .unwrap();
    let mallory = || Member::User(UserUri::new("sip:mallory@contoso.com"));
    server.set_container_members(&alice(), &add(32000, mallory())).unwrap();
    let watcher = Watcher::colleague("sip:mallory@contoso.com");
    assert_eq!(server.container_of(&alice(), &watcher), Some(32000));
    server.set_container_members(&alice(), &add(32500, mallory())).unwrap();
    assert_eq!(server.container_of(&alice(), &watcher), Some(32500));
    assert_eq!(seen(&server, &watcher).1.as_deref(), Some("for 32500"));
}

#[test]
fn the_directory_identity_reaches_every_watcher_container_and_outlives_sign_out() {
    let (mut server, _) = server();
    let card: enhanced_presence::contact_card::ContactCard = enhanced_presence::from_str(
        r#"<contactCard xmlns="http://schemas.microsoft.com/2006/09/sip/contactcard"><identity><name><displayName>Alice Smith</displayName></name></identity></contactCard>"#,
    )
    .unwrap();
    server.set_container_members(&alice(), &containers::lync_defaults()).unwrap();
    server.publish(&laptop(), &publish(&[publication("note", 0, 200, 0, ENDPOINT, &note("hi"))])).unwrap();
    server.publish_identity(&alice(), card.clone());
    let in_store = |server: &PresenceServer, container| {
        server
            .store(&alice())
            .and_then(|s| s.get(&enhanced_presence_engine::InstanceKey::new("contactCard", 0, container)))
            .map(|p| p.value.clone())
    };
    for container in [0, 100, 200, 300, 400, 32000] {
        assert_eq!(
            in_store(&server, container),
            Some(enhanced_presence::CategoryValue::ContactCard(Box::new(card.clone()))),
            "container {container}"
        );
    }
    for container in [1, 2, 3] {
        assert_eq!(in_store(&server, container), None, "owner-only container {container}");
    }
    // A watcher in 0 and a blocked one both get the identity.
    let blocked = Watcher::colleague("sip:mallory@contoso.com");
    server
        .set_container_members(&alice(), &add(32000, Member::User(UserUri::new("sip:mallory@contoso.com"))))
        .unwrap();
    for watcher in [Watcher::public_cloud("sip:someone@example.net"), blocked] {
        assert!(names(&server, &watcher).contains(&"contactCard/0".to_owned()), "{watcher:?}");
    }
    // Static: signing out ends the endpoint's note, not the identity.
    assert!(names(&server, &colleague()).contains(&"note/0".to_owned()));
    server.sign_out_user(&alice());
    assert!(in_store(&server, 200).is_some());
    assert_eq!(names(&server, &colleague()), ["contactCard/0"]);
}
