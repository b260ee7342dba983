//! No panics on any input: arbitrary (schema-respecting) publish, membership and batch requests,
//! nudged towards names and numbers the server accepts, applied in sequence with sign-outs and
//! clock jumps. A refused request must leave the publisher's self view and membership as they were.

mod common;

use common::*;
use enhanced_presence::arbitrary_support::{seeded_bytes, Unstructured, XmlArbitrary};
use enhanced_presence::batch_subscribe::BatchSub;
use enhanced_presence::container_management::SetContainerMembers;
use enhanced_presence::rich_presence::{ExpireTypeEnumEx, Publish};
use enhanced_presence::CategoryValue;
use enhanced_presence_engine::category::BUILT_IN;
use enhanced_presence_engine::{Endpoint, Network, Watcher};

const CONTAINERS: [u32; 10] = [0, 1, 2, 3, 100, 200, 300, 400, 32000, 40000];

fn nudge_publish(mut p: Publish, pick: u8) -> Publish {
    p.0.publications.uri = "sip:alice@contoso.com".into();
    for (i, publication) in p.0.publications.publication.iter_mut().enumerate() {
        let k = usize::from(pick) + i;
        if k % 7 != 0 {
            publication.category_name = BUILT_IN[k % BUILT_IN.len()].to_owned();
            publication.expire_type =
                [ExpireTypeEnumEx::Static, ExpireTypeEnumEx::Endpoint, ExpireTypeEnumEx::User][k % 3].clone();
            publication.container = CONTAINERS[k % CONTAINERS.len()];
            publication.version %= 4;
            publication.instance %= 3;
            if publication.value.is_none() && k % 11 != 0 {
                publication.value = Some(CategoryValue::Note(Box::default()));
            }
        }
    }
    p
}

fn nudge_members(mut m: SetContainerMembers) -> SetContainerMembers {
    for (i, c) in m.0.container.iter_mut().enumerate() {
        if (i + 1) % 3 != 0 {
            c.id = CONTAINERS[(c.id as usize + i) % CONTAINERS.len()];
            c.version %= 3;
        }
    }
    m
}

#[test]
fn arbitrary_requests_never_panic_and_refusals_change_nothing() {
    let (mut server, clock) = server();
    let watchers = [
        Watcher::colleague("sip:bob@contoso.com"),
        Watcher::federated("sip:eve@litware.com"),
        Watcher::new("sip:pat@example.net", Network::PublicCloud),
    ];
    for w in &watchers {
        server.subscribe(&alice(), w, None);
    }
    let endpoints = [laptop(), phone(), Endpoint::new("sip:alice@contoso.com", "")];
    let (mut applied, mut refused) = (0, 0);
    for seed in 0..3000u64 {
        let data = seeded_bytes(seed, 64 + (seed % 700) as usize);
        let mut u = Unstructured::new(&data);
        let pick = data[0];
        let before = (server.self_view(&alice()), server.containers(&alice()));
        let outcome = match pick % 8 {
            0..=3 => match Publish::xml_arbitrary(&mut u) {
                Ok(p) => {
                    let endpoint = &endpoints[usize::from(pick) % endpoints.len()];
                    Some(
                        server
                            .publish(endpoint, &nudge_publish(p, pick))
                            .map(drop)
                            .map_err(|e| e.to_string()),
                    )
                }
                Err(_) => None,
            },
            4 => match SetContainerMembers::xml_arbitrary(&mut u) {
                Ok(m) => Some(
                    server
                        .set_container_members(&alice(), &nudge_members(m))
                        .map(drop)
                        .map_err(|e| e.to_string()),
                ),
                Err(_) => None,
            },
            5 => match BatchSub::xml_arbitrary(&mut u) {
                Ok(mut b) => {
                    b.0.uri = "sip:bob@contoso.com".into();
                    if let Some(r) = b.0.action.first_mut().and_then(|a| a.adhoc_list.resource.first_mut()) {
                        r.uri = "sip:alice@contoso.com".into();
                    }
                    let _ = server.batch_subscribe(&watchers[0], &b);
                    None
                }
                Err(_) => None,
            },
            6 => {
                clock.advance(u64::from(pick) * 97);
                server.tick();
                None
            }
            _ => {
                server.sign_out_endpoint(&endpoints[usize::from(pick / 8) % endpoints.len()]);
                None
            }
        };
        match outcome {
            Some(Ok(())) => applied += 1,
            Some(Err(e)) => {
                refused += 1;
                if std::env::var_os("SHOW_REFUSALS").is_some() {
                    eprintln!("{e}");
                }
                assert_eq!(
                    (server.self_view(&alice()), server.containers(&alice())),
                    before,
                    "seed {seed}: {e}"
                );
            }
            None => {}
        }
        for w in &watchers {
            let _ = server.view(&alice(), w);
        }
    }
    assert!(applied > 200 && refused > 200, "applied {applied}, refused {refused}");
}
