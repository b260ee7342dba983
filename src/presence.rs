//! The protocol layer: short ways to do the common jobs with the generated types — publish a note and
//! a user state to some containers, or read what a NOTIFY body says about a contact.
//!
//! ```
//! use enhanced_presence::presence::{summarize, Availability, PublishBuilder};
//!
//! // A SERVICE request body: a note for containers 200 and 300, "busy" everywhere it matters.
//! let body = PublishBuilder::new("sip:alice@contoso.com")
//!     .note("In the lab until 4", &[200, 300], 3)
//!     .user_state(Availability::Busy.value(), None, &[2, 3, 200, 300], 7)
//!     .to_xml()?;
//! assert!(body.starts_with(r#"<publish xmlns="http://schemas.microsoft.com/2006/09/sip/rich-presence">"#));
//!
//! // A NOTIFY body: one call to parse, one to summarize.
//! let notify = r#"<categories xmlns="http://schemas.microsoft.com/2006/09/sip/categories" uri="sip:bob@contoso.com">
//!   <category name="state" instance="0" publishTime="2013-01-01T10:00:00Z">
//!     <state xmlns="http://schemas.microsoft.com/2006/09/sip/state" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="aggregateState">
//!       <availability>3500</availability>
//!     </state>
//!   </category>
//!   <category name="note" instance="0">
//!     <note xmlns="http://schemas.microsoft.com/2006/09/sip/note"><body type="personal" uri="">Out at lunch</body></note>
//!   </category>
//! </categories>"#;
//! let categories: enhanced_presence::categories::Categories = enhanced_presence::from_str(notify)?;
//! let bob = summarize(&categories);
//! assert_eq!(bob.uri.as_deref(), Some("sip:bob@contoso.com"));
//! assert_eq!(bob.availability, Some(3500));
//! assert_eq!(bob.availability_band(), Some(Availability::Available));
//! assert_eq!(bob.note.as_deref(), Some("Out at lunch"));
//! # Ok::<(), enhanced_presence::Error>(())
//! ```

mod availability;

pub use availability::Availability;

use crate::categories::Categories;
use crate::note::{BodyType, Note, NoteType, NoteTypeEnumEx};
use crate::rich_presence::{ExpireTypeEnumEx, PublicationType, PublicationsType, Publish, PublishType};
use crate::state::{ActivityTokenEnumEx, ActivityType, State, StateType, UserState};
use crate::{AnyElement, CategoryValue, XmlValue};

/// Instance id of the personal note (Lync's "presence data source and category instance id" table).
pub const PERSONAL_NOTE_INSTANCE: u32 = 0;
/// Instance id of the static (manually set) user state.
pub const STATIC_USER_STATE_INSTANCE: u32 = 0x2000_0000;

/// Builds a `<publish>` request (the body of a SIP SERVICE with content type
/// `application/msrtc-category-publish+xml`). Each category instance is published once per container.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishBuilder {
    publications: PublicationsType,
}

impl PublishBuilder {
    /// A request for the publisher `uri` (`sip:…`).
    pub fn new(uri: impl Into<String>) -> Self {
        PublishBuilder {
            publications: PublicationsType {
                uri: uri.into(),
                any_attributes: Default::default(),
                publication: Vec::new(),
                any: Vec::new(),
            },
        }
    }

    /// Publishes `value` as instance `instance` of category `category` to every container in
    /// `containers`, at the current `version` of the instance (the server increments it).
    pub fn publish(
        &mut self,
        category: &str,
        instance: u32,
        containers: &[u32],
        version: u32,
        expire_type: ExpireTypeEnumEx,
        value: impl Into<CategoryValue>,
    ) -> &mut Self {
        let value = value.into();
        for &container in containers {
            self.publications.publication.push(PublicationType {
                category_name: category.to_owned(),
                instance,
                container,
                version,
                expire_type: expire_type.clone(),
                expires: None,
                any_attributes: Default::default(),
                value: Some(value.clone()),
            });
        }
        self
    }

    /// Publishes a personal note (instance 0, static) with `text`.
    pub fn note(&mut self, text: &str, containers: &[u32], version: u32) -> &mut Self {
        let body = BodyType {
            type_: NoteTypeEnumEx::Personal,
            lcid: None,
            uri: Some(String::new()),
            start_time: None,
            end_time: None,
            any_attributes: Default::default(),
            value: text.to_owned(),
        };
        let note = Note(NoteType { body: vec![body], ..NoteType::default() });
        self.publish("note", PERSONAL_NOTE_INSTANCE, containers, version, ExpireTypeEnumEx::Static, note)
    }

    /// Publishes a manual user state (`<state xsi:type="userState" manual="true">`), static instance:
    /// `availability` (an [`Availability`]'s value, or a number such as 6900) and optionally an activity
    /// token (`on-the-phone`, `urgent-interruptions-only`, …; any other token is
    /// `ActivityTokenEnumEx::Other`).
    pub fn user_state(
        &mut self,
        availability: u32,
        activity: Option<ActivityTokenEnumEx>,
        containers: &[u32],
        version: u32,
    ) -> &mut Self {
        let activity = activity.map(|token| ActivityType { token: Some(token), ..ActivityType::default() });
        let state = UserState {
            manual: Some(true),
            availability: Some(availability),
            activity: activity.into_iter().collect(),
            ..UserState::default()
        };
        let state = State(StateType::UserState(Box::new(state)));
        self.publish(
            "state",
            STATIC_USER_STATE_INSTANCE,
            containers,
            version,
            ExpireTypeEnumEx::Static,
            state,
        )
    }

    /// Removes a published instance from `container`: an empty publication with `expires="0"`.
    pub fn remove(&mut self, category: &str, instance: u32, container: u32, version: u32) -> &mut Self {
        self.publications.publication.push(PublicationType {
            category_name: category.to_owned(),
            instance,
            container,
            version,
            expire_type: ExpireTypeEnumEx::Time,
            expires: Some(0),
            any_attributes: Default::default(),
            value: None,
        });
        self
    }

    /// The request.
    pub fn build(&self) -> Publish {
        Publish(PublishType {
            any_attributes: Default::default(),
            publications: self.publications.clone(),
            any: Vec::new(),
        })
    }

    /// The request as XML; fails as [`crate::to_string`] does, on characters or names XML cannot hold.
    pub fn to_xml(&self) -> Result<String, crate::Error> {
        crate::to_string(&self.build())
    }
}

impl StateType {
    /// The availability number, whatever the kind of state; for a state of a type this crate does
    /// not know (`Unknown`), the number its `availability` child carries.
    pub fn availability(&self) -> Option<u32> {
        match self {
            StateType::AggregateMachineState(s) => s.availability,
            StateType::AggregateState(s) => s.availability,
            StateType::CalendarState(s) => s.availability,
            StateType::MachineState(s) => s.availability,
            StateType::PhoneState(s) => s.availability,
            StateType::UserState(s) => s.availability,
            StateType::Unknown(e) => {
                own_child(e, "availability").and_then(|a| u32::parse_xml(&a.text()).ok())
            }
        }
    }

    /// The first activity token (`in-a-meeting`, `on-the-phone`, …), whatever the kind of state
    /// (for an `Unknown` one, the `token` of its first `activity` child that has one).
    pub fn activity(&self) -> Option<String> {
        let activities = match self {
            StateType::AggregateMachineState(s) => &s.activity,
            StateType::AggregateState(s) => &s.activity,
            StateType::CalendarState(s) => &s.activity,
            StateType::MachineState(s) => &s.activity,
            StateType::PhoneState(s) => &s.activity,
            StateType::UserState(s) => &s.activity,
            StateType::Unknown(e) => {
                return own_children(e, "activity")
                    .find_map(|a| a.attributes.iter().find(|x| x.name.is(None, "token")))
                    .map(|token| token.value.clone())
            }
        };
        activities.iter().find_map(|a| a.token.as_ref().map(ToString::to_string))
    }
}

/// The children of `e` named `local` in `e`'s own namespace (a state's base elements, whatever its
/// `xsi:type`).
fn own_children<'e>(e: &'e AnyElement, local: &'e str) -> impl Iterator<Item = &'e AnyElement> {
    e.elements().filter(move |c| c.name.is(e.name.namespace.as_deref(), local))
}

/// The first of [`own_children`].
fn own_child<'e>(e: &'e AnyElement, local: &'e str) -> Option<&'e AnyElement> {
    own_children(e, local).next()
}

/// What a `<categories>` body (one contact's part of a NOTIFY) says, for the categories a contact list
/// shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ContactSummary {
    /// The publisher (`categories/@uri`).
    pub uri: Option<String>,
    /// Availability of the aggregate state when there is one, else of the first state with one.
    pub availability: Option<u32>,
    /// The first activity token of that state.
    pub activity: Option<String>,
    /// The text of the note's first body.
    pub note: Option<String>,
    /// The contact card's first display name.
    pub display_name: Option<String>,
}

impl ContactSummary {
    /// The band the availability number falls in (`Busy` for 6900), if there is one.
    pub fn availability_band(&self) -> Option<Availability> {
        self.availability.and_then(Availability::from_number)
    }
}

/// Summarizes one contact's `<categories>` body.
pub fn summarize(categories: &Categories) -> ContactSummary {
    let mut summary = ContactSummary { uri: categories.uri.clone(), ..ContactSummary::default() };
    let mut aggregate = false;
    for category in &categories.category {
        match &category.value {
            Some(CategoryValue::State(state)) => {
                let is_aggregate =
                    matches!(state.0, StateType::AggregateState(_) | StateType::AggregateMachineState(_));
                if let Some(availability) = state.0.availability() {
                    if summary.availability.is_none() || (is_aggregate && !aggregate) {
                        summary.availability = Some(availability);
                        summary.activity = state.0.activity();
                        aggregate |= is_aggregate;
                    }
                }
            }
            Some(CategoryValue::Note(note)) if category.name == "note" && summary.note.is_none() => {
                summary.note = note.body.first().map(|b| b.value.clone());
            }
            Some(CategoryValue::ContactCard(card)) if summary.display_name.is_none() => {
                summary.display_name = card
                    .identity
                    .iter()
                    .filter_map(|i| i.name.as_ref())
                    .flat_map(|n| n.display_name.iter())
                    .map(|d| d.value.clone())
                    .next();
            }
            _ => {}
        }
    }
    summary
}
