//! Part 5: aggregation — each rule of `LyncAggregator`, and that the trait's outputs are routed to
//! the containers they name.

mod common;

use common::*;
use enhanced_presence::categories::Categories;
use enhanced_presence::state::{ActivityTokenEnumEx, StateType};
use enhanced_presence::CategoryValue;
use enhanced_presence_engine::aggregate::{Aggregator, Inputs, Output};
use enhanced_presence_engine::{InstanceKey, PresenceServer};

fn aggregate_in(
    server: &PresenceServer,
    container: u32,
) -> Option<(Option<u32>, Option<ActivityTokenEnumEx>, StateType)> {
    let p = server.store(&alice())?.get(&InstanceKey::new("state", 1, container))?;
    match &p.value {
        CategoryValue::State(s) => Some((
            s.0.availability(),
            match &s.0 {
                StateType::AggregateState(a) => a.activity.first().and_then(|a| a.token.clone()),
                _ => None,
            },
            s.0.clone(),
        )),
        _ => None,
    }
}

fn availability_in(server: &PresenceServer, container: u32) -> Option<u32> {
    aggregate_in(server, container).and_then(|a| a.0)
}

fn legacy_in(server: &PresenceServer, container: u32) -> Option<u32> {
    match &server.store(&alice())?.get(&InstanceKey::new("legacyInterop", 1, container))?.value {
        CategoryValue::LegacyInterop(l) => Some(l.0.availability),
        _ => None,
    }
}

fn machine(availability: u32, location: &str, device: &str) -> String {
    state(
        "machineState",
        availability,
        &format!("<endpointLocation>{location}</endpointLocation><timeZoneBias>480</timeZoneBias><device>{device}</device>"),
    )
}

#[test]
fn the_most_active_device_gives_the_availability_and_outputs_go_to_the_documented_containers() {
    let (mut server, _) = server();
    server
        .publish(
            &laptop(),
            &publish(&[publication(
                "state",
                0x3000_0001,
                2,
                0,
                ENDPOINT,
                &machine(15500, "Home", "computer"),
            )]),
        )
        .unwrap();
    server
        .publish(
            &phone(),
            &publish(&[publication(
                "state",
                0x3000_0002,
                2,
                0,
                ENDPOINT,
                &machine(3500, "Building 4", "computer"),
            )]),
        )
        .unwrap();
    for c in [2, 100, 200, 400, 3, 300] {
        assert_eq!(availability_in(&server, c), Some(3500), "container {c}");
    }
    assert_eq!(availability_in(&server, 32000), Some(18500));
    for (c, a) in [(100, 3500), (200, 3500), (300, 3500), (400, 3500), (32000, 18500)] {
        assert_eq!(legacy_in(&server, c), Some(a), "legacyInterop in {c}");
    }
    // 200 gets location, time zone and device; 100 the availability only
    let Some((_, _, StateType::AggregateState(full))) = aggregate_in(&server, 200) else { panic!() };
    assert_eq!(full.endpoint_location.as_ref().map(ToString::to_string).as_deref(), Some("Building 4"));
    assert_eq!(full.time_zone_bias, Some(480));
    let Some((_, _, StateType::AggregateState(external))) = aggregate_in(&server, 100) else { panic!() };
    assert_eq!(
        (external.endpoint_location.is_none(), external.time_zone_bias, external.device.is_none()),
        (true, None, true)
    );
    // aggregateMachineState in 2 names the most active endpoint
    let p = server.store(&alice()).unwrap().get(&InstanceKey::new("state", 0x1000_0000, 2)).unwrap();
    let CategoryValue::State(s) = &p.value else { panic!() };
    let StateType::AggregateMachineState(m) = &s.0 else { panic!() };
    assert_eq!((m.endpoint_id.as_str(), m.availability), ("phone-epid", Some(3500)));
    // services: empty for 32000
    assert!(server.store(&alice()).unwrap().get(&InstanceKey::new("services", 0, 32000)).is_some());
}

#[test]
fn location_only_below_12000() {
    let (mut server, _) = server();
    server
        .publish(
            &laptop(),
            &publish(&[publication(
                "state",
                0x3000_0001,
                2,
                0,
                ENDPOINT,
                &machine(15500, "Home", "computer"),
            )]),
        )
        .unwrap();
    let Some((Some(15500), _, StateType::AggregateState(away))) = aggregate_in(&server, 200) else {
        panic!()
    };
    assert!(away.endpoint_location.is_none());
}

/// A machine state as Lync writes it (errata 1): time zone and device after a `ct:delimiter`.
fn machine_on_the_wire(availability: u32, location: &str, device: &str) -> String {
    state(
        "machineState",
        availability,
        &format!(
            r#"<endpointLocation>{location}</endpointLocation><delimiter xmlns="http://schemas.microsoft.com/2006/09/sip/commontypes"/><timeZoneBias>-60</timeZoneBias><timeZoneName>W. Europe Standard Time</timeZoneName><device>{device}</device><end xmlns="http://schemas.microsoft.com/2006/09/sip/commontypes"/>"#
        ),
    )
}

#[test]
fn time_zone_and_device_after_the_delimiter_count_as_in_the_base() {
    for (device, location) in [("deskphone", None), ("computer", Some("7/North Tower"))] {
        let (mut server, _) = server();
        let wire = machine_on_the_wire(3500, "7/North Tower", device);
        server
            .publish(&laptop(), &publish(&[publication("state", 0x3000_0001, 2, 0, ENDPOINT, &wire)]))
            .unwrap();
        let Some((Some(3500), _, StateType::AggregateState(aggregate))) = aggregate_in(&server, 200) else {
            panic!("{device}: no aggregate in 200")
        };
        // A deskphone is not a computer: its location stays out even below 12000.
        assert_eq!(aggregate.endpoint_location.as_ref().map(|l| l.as_str()), location, "{device}");
        assert_eq!(aggregate.device.as_ref().map(|d| d.as_str()), Some(device));
        assert_eq!(aggregate.time_zone_bias, Some(-60));
        assert_eq!(aggregate.time_zone_name.as_deref(), Some("W. Europe Standard Time"));
    }
}

#[test]
fn a_manual_state_wins_and_becomes_6900_in_the_workgroup_container() {
    let (mut server, _) = server();
    server
        .publish(
            &laptop(),
            &publish(&[publication(
                "state",
                0x3000_0001,
                2,
                0,
                ENDPOINT,
                &machine(3500, "Office", "computer"),
            )]),
        )
        .unwrap();
    server
        .publish(
            &laptop(),
            &publish(&[
                publication("state", 0x2000_0000, 2, 0, STATIC, &user_state(9500)),
                publication("state", 0x2000_0000, 3, 0, STATIC, &user_state(9500)),
            ]),
        )
        .unwrap();
    assert_eq!(availability_in(&server, 200), Some(9500));
    assert_eq!(legacy_in(&server, 200), Some(9500));
    let (availability, token, _) = aggregate_in(&server, 300).unwrap();
    assert_eq!((availability, token), (Some(6900), Some(ActivityTokenEnumEx::UrgentInterruptionsOnly)));
    assert_eq!(availability_in(&server, 3), Some(6900));
    assert_eq!(legacy_in(&server, 300), Some(6900));
    // a busy manual state is not transformed
    server
        .publish(
            &laptop(),
            &publish(&[
                publication("state", 0x2000_0000, 2, 1, STATIC, &user_state(6500)),
                publication("state", 0x2000_0000, 3, 1, STATIC, &user_state(6500)),
            ]),
        )
        .unwrap();
    assert_eq!((availability_in(&server, 200), availability_in(&server, 300)), (Some(6500), Some(6500)));
}

#[test]
fn a_call_raises_an_available_user_to_busy() {
    let (mut server, _) = server();
    let call = r#"<state xmlns="http://schemas.microsoft.com/2006/09/sip/state" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="phoneState"><availability>6500</availability><activity token="on-the-phone" minAvailability="6500" maxAvailability="8999"/></state>"#;
    server
        .publish(
            &laptop(),
            &publish(&[
                publication("state", 0x3000_0001, 2, 0, ENDPOINT, &machine(3500, "Office", "computer")),
                publication("state", 0x8000_0001, 2, 0, ENDPOINT, call),
            ]),
        )
        .unwrap();
    let (availability, token, _) = aggregate_in(&server, 200).unwrap();
    assert_eq!((availability, token), (Some(6500), Some(ActivityTokenEnumEx::OnThePhone)));
    // external contacts get the availability only
    let (availability, token, _) = aggregate_in(&server, 100).unwrap();
    assert_eq!((availability, token), (Some(6500), None));
    // the call ends: back to available, and watchers are told
    let bob = enhanced_presence_engine::Watcher::colleague("sip:bob@contoso.com");
    server.set_container_members(&alice(), &enhanced_presence_engine::containers::lync_defaults()).unwrap();
    server.subscribe(&alice(), &bob, None);
    let changes = server
        .publish(
            &laptop(),
            &publish(&[publication("state", 0x8000_0001, 2, 1, r#"expireType="time" expires="0""#, "")]),
        )
        .unwrap();
    let body: &Categories = changes.body_for(&alice(), &bob).unwrap();
    assert_eq!(enhanced_presence::presence::summarize(body).availability, Some(3500));
}

#[test]
fn outputs_end_with_the_last_endpoint() {
    let (mut server, _) = server();
    server
        .publish(&laptop(), &publish(&[publication("state", 0x2000_0000, 2, 0, STATIC, &user_state(3500))]))
        .unwrap();
    assert_eq!(availability_in(&server, 200), Some(3500));
    server.sign_out_endpoint(&laptop());
    assert_eq!(availability_in(&server, 200), None);
    assert_eq!(availability_in(&server, 32000), None);
    // the static manual state itself is kept for the next sign-in
    assert!(server.store(&alice()).unwrap().get(&InstanceKey::new("state", 0x2000_0000, 2)).is_some());
    server.sign_in(&laptop());
    server
        .publish(
            &laptop(),
            &publish(&[publication(
                "state",
                0x3000_0001,
                2,
                0,
                ENDPOINT,
                &machine(3500, "Office", "computer"),
            )]),
        )
        .unwrap();
    assert_eq!(availability_in(&server, 200), Some(3500));
}

/// A custom aggregator: its outputs land where it says, and old outputs are withdrawn.
struct EchoCount;

impl Aggregator for EchoCount {
    fn aggregate(&self, inputs: &Inputs<'_>) -> Vec<Output> {
        let n = inputs.container2.len() as u32;
        vec![Output {
            category: "state".into(),
            instance: 1 + n,
            containers: vec![200, 40000],
            value: CategoryValue::State(Box::new(enhanced_presence::state::State(
                StateType::AggregateState(Box::default()),
            ))),
        }]
    }
}

#[test]
fn a_custom_aggregator_is_routed_and_replaced() {
    let (server, _) = server();
    let mut server = server.with_aggregator(EchoCount);
    server
        .publish(&laptop(), &publish(&[publication("state", 0x2000_0000, 2, 0, STATIC, &user_state(3500))]))
        .unwrap();
    let store = server.store(&alice()).unwrap();
    assert!(store.get(&InstanceKey::new("state", 2, 200)).is_some());
    assert!(store.get(&InstanceKey::new("state", 2, 40000)).is_none(), "out of range containers are skipped");
    server
        .publish(&laptop(), &publish(&[publication("state", 0x2000_0001, 2, 0, STATIC, &user_state(3500))]))
        .unwrap();
    let store = server.store(&alice()).unwrap();
    assert!(store.get(&InstanceKey::new("state", 2, 200)).is_none());
    assert!(store.get(&InstanceKey::new("state", 3, 200)).is_some());
}
