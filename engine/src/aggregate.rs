//! Aggregation (MPOP): the server turns the states each endpoint publishes to containers 2 and 3
//! into the one state watchers see.
//!
//! The docs leave the server's aggregation script unspecified (facts §4), so it is a trait,
//! [`Aggregator`], fed with the instances in containers 2 and 3 each time one of them changes. Its
//! outputs are stored as server publications bound to the user and replace the previous outputs.
//!
//! [`LyncAggregator`] is one implementation. Its rules, each a documented fact or marked as the
//! crate's choice:
//!
//! 1. Inputs are the `state` instances of container 2 (for every container but 300) and of
//!    container 3 (for 300) (fact, aggregation-containers). *Choice:* when container 3 holds no
//!    state, container 2's states are used for 300 too.
//! 2. A `userState` with an availability is the user's own choice and wins (*choice*; the docs call
//!    it manual and leave precedence to the script); of several, the most recently published.
//! 3. In container 3, a user state of 9000–11999 (do not disturb) becomes 6900 with the activity
//!    `urgent-interruptions-only` (fact: the grammar's container-3 transformation, applied here too
//!    so a client that published the same state to 2 and 3 gets the documented result).
//! 4. Otherwise the most active device — the `machineState` with the lowest availability — gives
//!    the availability (fact: "most active device = lowest number"). *Choice:* ties go to the
//!    latest published.
//! 5. *Choice:* while that availability is below 12000 (the user is at a device), a `phoneState` or
//!    `calendarState` with a higher availability raises it and lends its activity (on the phone,
//!    in a meeting). States without an availability change nothing.
//! 6. Location appears only when the aggregate is below 12000 and the most active device is a
//!    computer with one (fact). *Choice:* a machine state without `device` counts as a computer.
//!    The time zone and device are read from a machine state's base children or, as Lync writes
//!    them, after its `ct:delimiter` (errata 1); the aggregate carries them as base children.
//! 7. Routing (facts §4 outputs): aggregateState instance 1 to 2, 200 and 400 with activity,
//!    location, time zone and device, and to 100 with the availability only (no activity); the container-3
//!    aggregate to 3 and 300; aggregateMachineState (instance 0x10000000, the most active device,
//!    with its endpoint id) to 2; legacyInterop instance 1 copying each container's availability
//!    to 100, 200, 300 and 400; for 32000, aggregateState instance 1 and legacyInterop 1 at 18500
//!    (offline) and an empty services instance 0.
//! 8. *Choice:* no state input at all gives no outputs: watchers then see no state, which clients
//!    show as offline. Services for 100–400 are not produced: the docs name no inputs for them.
//!    `lastActive` ("Away for N minutes") is not produced: the docs do not say which input sets
//!    it or when. For 32000 the aggregate state is instance 1 from the script (one page of the
//!    docs; another shows a static instance 0 from a bootstrap rule).

use enhanced_presence::categories::{LegacyInterop, LegacyInteropType};
use enhanced_presence::state::{
    ActivityTokenEnumEx, ActivityType, AggregateMachineState, AggregateState, DeviceTypeEnumEx, Element,
    MachineState, State, StateType,
};
use enhanced_presence::CategoryValue;

use crate::clock::Timestamp;
use crate::containers::{
    AGGREGATION, AGGREGATION_WORKGROUP, BLOCKED, COLLEAGUES, EXTERNAL, FRIENDS_AND_FAMILY, WORKGROUP,
};

/// Instance id of the user-bound aggregate state (facts §2).
pub const AGGREGATE_STATE_INSTANCE: u32 = 1;
/// Instance id of aggregateMachineState (facts §2: 0x10000000; the docs also print 0x100000000).
pub const AGGREGATE_MACHINE_STATE_INSTANCE: u32 = 0x1000_0000;
/// Instance id of legacyInterop (facts §2).
pub const LEGACY_INTEROP_INSTANCE: u32 = 1;
/// Instance id of services (facts §2).
pub const SERVICES_INSTANCE: u32 = 0;
/// Availability shown to blocked contacts, and of an offline user.
pub const OFFLINE: u32 = 18500;

/// One instance in container 2 or 3.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The category name.
    pub category: &'a str,
    /// The instance id.
    pub instance: u32,
    /// The publishing endpoint, `None` for server publications.
    pub endpoint: Option<&'a str>,
    /// When it was published.
    pub publish_time: Timestamp,
    /// The value.
    pub value: &'a CategoryValue,
}

/// What an aggregator reads.
#[derive(Debug, Clone, Default)]
pub struct Inputs<'a> {
    /// The live instances of container 2, except the aggregator's own outputs.
    pub container2: Vec<Input<'a>>,
    /// The live instances of container 3, except the aggregator's own outputs.
    pub container3: Vec<Input<'a>>,
}

/// One instance the aggregator publishes, to each of `containers`.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// The category name.
    pub category: String,
    /// The instance id.
    pub instance: u32,
    /// The containers it goes to.
    pub containers: Vec<u32>,
    /// The value.
    pub value: CategoryValue,
}

/// Computes the published aggregate from the aggregation containers.
pub trait Aggregator: Send + Sync {
    /// The complete set of outputs for `inputs`; instances published by an earlier run and missing
    /// from this one are removed.
    fn aggregate(&self, inputs: &Inputs<'_>) -> Vec<Output>;
}

/// An aggregator that publishes nothing (for publishers that run their own script, or tests that
/// look at the raw store).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoAggregation;

impl Aggregator for NoAggregation {
    fn aggregate(&self, _: &Inputs<'_>) -> Vec<Output> {
        Vec::new()
    }
}

/// The rules in this module's documentation.
#[derive(Debug, Clone, Copy, Default)]
pub struct LyncAggregator;

/// The aggregate of one container's inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct Aggregate {
    /// The availability.
    pub availability: u32,
    /// The activity token, if one applies.
    pub activity: Option<ActivityTokenEnumEx>,
    /// The most active device's state and endpoint, if there is a device; its time zone and device
    /// are in the base fields, also when it was published with them after a `ct:delimiter`.
    pub device: Option<(Box<MachineState>, Option<String>)>,
}

impl LyncAggregator {
    /// The aggregate of `inputs` (rules 2–5), `workgroup` for container 3's rule 3; `None` without
    /// any state.
    pub fn combine(inputs: &[Input<'_>], workgroup: bool) -> Option<Aggregate> {
        let states = || {
            inputs.iter().filter(|i| i.category == "state").filter_map(|i| match i.value {
                CategoryValue::State(s) => Some((i, &s.0)),
                _ => None,
            })
        };
        let latest =
            |a: &&Input<'_>, b: &&Input<'_>| (a.publish_time, a.instance).cmp(&(b.publish_time, b.instance));
        let manual = states()
            .filter_map(|(i, s)| match s {
                StateType::UserState(u) => u.availability.map(|a| (i, a, first_token(&u.activity))),
                _ => None,
            })
            .max_by(|a, b| latest(&a.0, &b.0));
        let device = states()
            .filter_map(|(i, s)| match s {
                StateType::MachineState(m) => m.availability.map(|a| (i, a, m)),
                _ => None,
            })
            // lowest availability; among equals the latest published
            .min_by(|a, b| a.1.cmp(&b.1).then_with(|| latest(&b.0, &a.0)))
            .map(|(i, a, m)| (a, (Box::new(with_tail_in_base(m)), i.endpoint.map(str::to_owned))));
        let activities: Vec<(u32, Option<ActivityTokenEnumEx>)> = states()
            .filter_map(|(_, s)| match s {
                StateType::PhoneState(p) => p.availability.map(|a| (a, first_token(&p.activity))),
                StateType::CalendarState(c) => c.availability.map(|a| (a, first_token(&c.activity))),
                _ => None,
            })
            .collect();
        // the busiest activity; among equals the first published
        let busiest = |above: u32| {
            activities.iter().filter(|(a, _)| *a > above).fold(
                None,
                |best: Option<&(u32, _)>, x| match best {
                    Some(b) if b.0 >= x.0 => Some(b),
                    _ => Some(x),
                },
            )
        };
        let (mut availability, mut activity) = match (&manual, &device) {
            (Some((_, a, token)), _) => (*a, token.clone()),
            (None, Some((a, _))) => (*a, None),
            (None, None) => busiest(0).or(activities.first()).cloned()?,
        };
        if manual.is_none() && availability < 12000 {
            if let Some((a, token)) = busiest(availability).cloned() {
                (availability, activity) = (a, token);
            }
        }
        if workgroup && manual.is_some() && (9000..12000).contains(&availability) {
            (availability, activity) = (6900, Some(ActivityTokenEnumEx::UrgentInterruptionsOnly));
        }
        Some(Aggregate { availability, activity, device: device.map(|(_, d)| d) })
    }

    fn aggregate_state(aggregate: &Aggregate, full: bool) -> CategoryValue {
        let mut state = AggregateState {
            availability: Some(aggregate.availability),
            activity: aggregate
                .activity
                .iter()
                .filter(|_| full)
                .map(|t| ActivityType { token: Some(t.clone()), ..ActivityType::default() })
                .collect(),
            ..AggregateState::default()
        };
        if full {
            if let Some((machine, _)) = &aggregate.device {
                let computer = matches!(machine.device, None | Some(DeviceTypeEnumEx::Computer));
                if aggregate.availability < 12000 && computer {
                    state.endpoint_location = machine.endpoint_location.clone();
                }
                state.time_zone_bias = machine.time_zone_bias;
                state.time_zone_name = machine.time_zone_name.clone();
                state.time_zone_abbreviation = machine.time_zone_abbreviation.clone();
                state.device = machine.device.clone();
            }
        }
        state_value(StateType::AggregateState(Box::new(state)))
    }
}

/// `machine` with the time zone and device it carries after a `ct:delimiter` (where Lync writes
/// them, errata 1) moved into the base fields, so rules read one place; a base child wins over a
/// later one.
fn with_tail_in_base(machine: &MachineState) -> MachineState {
    let mut machine = machine.clone();
    let tail = machine.delimiter_end.iter().flat_map(|t| &t.delimiter_any).flat_map(|d| &d.any);
    for element in tail {
        match element {
            Element::TimeZoneBias(bias) => _ = machine.time_zone_bias.get_or_insert(bias.0),
            Element::TimeZoneName(name) => _ = machine.time_zone_name.get_or_insert_with(|| name.0.clone()),
            Element::TimeZoneAbbreviation(abbreviation) => {
                _ = machine.time_zone_abbreviation.get_or_insert_with(|| abbreviation.0.clone())
            }
            Element::Device(device) => _ = machine.device.get_or_insert_with(|| device.0.clone()),
            Element::State(_) | Element::Other(_) => {}
        }
    }
    machine
}

fn first_token(activities: &[ActivityType]) -> Option<ActivityTokenEnumEx> {
    activities.iter().find_map(|a| a.token.clone())
}

fn state_value(state: StateType) -> CategoryValue {
    CategoryValue::State(Box::new(State(state)))
}

fn legacy(availability: u32, token: Option<&ActivityTokenEnumEx>) -> CategoryValue {
    CategoryValue::LegacyInterop(Box::new(LegacyInterop(LegacyInteropType {
        availability,
        token: token.map(|t| t.as_str().to_owned()),
        any_attributes: Default::default(),
    })))
}

fn output(category: &str, instance: u32, containers: &[u32], value: CategoryValue) -> Output {
    Output { category: category.to_owned(), instance, containers: containers.to_vec(), value }
}

impl Aggregator for LyncAggregator {
    fn aggregate(&self, inputs: &Inputs<'_>) -> Vec<Output> {
        let Some(main) = Self::combine(&inputs.container2, false) else {
            return Vec::new();
        };
        let has_workgroup_states = inputs.container3.iter().any(|i| i.category == "state");
        let workgroup_inputs = if has_workgroup_states { &inputs.container3 } else { &inputs.container2 };
        let workgroup = Self::combine(workgroup_inputs, true).unwrap_or_else(|| main.clone());
        let mut outputs = vec![
            output(
                "state",
                AGGREGATE_STATE_INSTANCE,
                &[AGGREGATION, COLLEAGUES, FRIENDS_AND_FAMILY],
                Self::aggregate_state(&main, true),
            ),
            output("state", AGGREGATE_STATE_INSTANCE, &[EXTERNAL], Self::aggregate_state(&main, false)),
            output(
                "state",
                AGGREGATE_STATE_INSTANCE,
                &[AGGREGATION_WORKGROUP, WORKGROUP],
                Self::aggregate_state(&workgroup, true),
            ),
            output(
                "legacyInterop",
                LEGACY_INTEROP_INSTANCE,
                &[EXTERNAL, COLLEAGUES, FRIENDS_AND_FAMILY],
                legacy(main.availability, main.activity.as_ref()),
            ),
            output(
                "legacyInterop",
                LEGACY_INTEROP_INSTANCE,
                &[WORKGROUP],
                legacy(workgroup.availability, workgroup.activity.as_ref()),
            ),
            output(
                "state",
                AGGREGATE_STATE_INSTANCE,
                &[BLOCKED],
                state_value(StateType::AggregateState(Box::new(AggregateState {
                    availability: Some(OFFLINE),
                    ..AggregateState::default()
                }))),
            ),
            output("legacyInterop", LEGACY_INTEROP_INSTANCE, &[BLOCKED], legacy(OFFLINE, None)),
            output("services", SERVICES_INSTANCE, &[BLOCKED], CategoryValue::Services(Box::default())),
        ];
        if let Some((machine, endpoint)) = &main.device {
            let state = AggregateMachineState {
                endpoint_id: endpoint.clone().unwrap_or_default(),
                availability: machine.availability,
                activity: machine.activity.clone(),
                ..AggregateMachineState::default()
            };
            outputs.push(output(
                "state",
                AGGREGATE_MACHINE_STATE_INSTANCE,
                &[AGGREGATION],
                state_value(StateType::AggregateMachineState(Box::new(state))),
            ));
        }
        outputs
    }
}
