//! `cargo bench -p enhanced-presence-engine`: one publisher with 10,000 subscribed watchers spread
//! over containers 100, 200, 300 and 32000 (2,500 each; 300 and 32000 by user member).
//!
//! - `publish+notify/10000`: apply a `<publish>` of a machine state to containers 2 and 3 whose
//!   availability alternates, so the aggregate changes in every container and every watcher gets a
//!   new body: store, aggregation and the change set for all 10,000 watchers;
//! - `view/10000`: `view(publisher, watcher)` for each of the 10,000 watchers, one at a time.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use enhanced_presence::rich_presence::Publish;
use enhanced_presence_engine::containers::{self, Member, MembershipBuilder};
use enhanced_presence_engine::{Endpoint, ManualClock, PresenceServer, Timestamp, UserUri, Watcher};

const WATCHERS: usize = 10_000;

fn machine_state(version: u32, availability: u32) -> Publish {
    let state = format!(
        r#"<state xmlns="http://schemas.microsoft.com/2006/09/sip/state" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="machineState"><availability>{availability}</availability><endpointLocation>Office</endpointLocation><device>computer</device></state>"#
    );
    let publications: String = [2, 3]
        .iter()
        .map(|c| {
            format!(
                r#"<publication categoryName="state" instance="805306369" container="{c}" version="{version}" expireType="endpoint">{state}</publication>"#
            )
        })
        .collect();
    let xml = format!(
        r#"<publish xmlns="http://schemas.microsoft.com/2006/09/sip/rich-presence"><publications uri="sip:alice@contoso.com">{publications}</publications></publish>"#
    );
    enhanced_presence::from_str(&xml).expect("bench request reads")
}

fn setup() -> (PresenceServer, UserUri, Endpoint, Vec<Watcher>) {
    let mut server = PresenceServer::new(ManualClock::new(Timestamp(1_357_034_400)));
    let alice = UserUri::new("sip:alice@contoso.com");
    let laptop = Endpoint::new("sip:alice@contoso.com", "laptop");
    server.set_container_members(&alice, &containers::lync_defaults()).expect("defaults apply");
    let mut members = MembershipBuilder::new();
    let watchers: Vec<Watcher> = (0..WATCHERS)
        .map(|i| {
            let uri = format!("sip:user{i}@contoso.com");
            match i % 4 {
                0 => Watcher::colleague(&uri),
                1 => Watcher::federated(&format!("sip:user{i}@litware.com")),
                2 => {
                    members.add(containers::WORKGROUP, 0, Member::User(UserUri::new(&uri)));
                    Watcher::colleague(&uri)
                }
                _ => {
                    members.add(containers::BLOCKED, 0, Member::User(UserUri::new(&uri)));
                    Watcher::colleague(&uri)
                }
            }
        })
        .collect();
    server.set_container_members(&alice, &members.build()).expect("members apply");
    server.publish(&laptop, &machine_state(0, 3500)).expect("first publish applies");
    for w in &watchers {
        server.subscribe(&alice, w, None);
    }
    (server, alice, laptop, watchers)
}

fn bench(c: &mut Criterion) {
    let (mut server, alice, laptop, watchers) = setup();
    let mut g = c.benchmark_group("engine");
    g.sample_size(20).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
    let requests = [machine_state(0, 3500), machine_state(0, 6500)];
    let mut version = 1u32;
    g.bench_function("publish+notify/10000", |b| {
        b.iter(|| {
            let mut request = requests[version as usize % 2].clone();
            for p in &mut request.0.publications.publication {
                p.version = version;
            }
            version += 1;
            let changes = server.publish(&laptop, &request).expect("publish applies");
            assert_eq!(changes.watcher_count(), WATCHERS - WATCHERS / 4, "all but the blocked are told");
            black_box(changes)
        })
    });
    g.bench_function("view/10000", |b| {
        b.iter(|| {
            for w in &watchers {
                black_box(server.view(&alice, w));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
