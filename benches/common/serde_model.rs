//! Hand-written serde structs for the benchmark documents, read and written with quick-xml's serde
//! support: as close to the documents as serde allows. Attributes are `@name`, text is `$text`, the
//! category payload is a `$value` enum chosen by element name. What serde cannot express is
//! approximated: the `xsi:type` dispatch of `<state>` is one struct holding the union of the three
//! state types' fields (the type is a plain string); namespaces are not checked (quick-xml's serde
//! support matches local names) and are kept as `@xmlns…` attributes so the output declares them;
//! the unknown extension content and the custom category are modelled by fixed structs rather than
//! captured generically; date-times stay strings.

use serde::{Deserialize, Serialize};

fn no<T>(v: &Option<T>) -> bool {
    v.is_none()
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename = "categories")]
pub struct Categories {
    #[serde(rename = "@xmlns")]
    pub xmlns: String,
    #[serde(rename = "@uri")]
    pub uri: String,
    #[serde(default)]
    pub category: Vec<Category>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Category {
    #[serde(rename = "@name")]
    pub name: String,
    #[serde(rename = "@instance")]
    pub instance: u32,
    #[serde(rename = "@publishTime")]
    pub publish_time: String,
    #[serde(rename = "$value")]
    pub value: Payload,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename = "publish")]
pub struct Publish {
    #[serde(rename = "@xmlns")]
    pub xmlns: String,
    pub publications: Publications,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Publications {
    #[serde(rename = "@uri")]
    pub uri: String,
    pub publication: Vec<Publication>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Publication {
    #[serde(rename = "@categoryName")]
    pub category_name: String,
    #[serde(rename = "@instance")]
    pub instance: u32,
    #[serde(rename = "@container")]
    pub container: u32,
    #[serde(rename = "@version")]
    pub version: u32,
    #[serde(rename = "@expireType")]
    pub expire_type: String,
    #[serde(rename = "$value")]
    pub value: Payload,
}

/// The category payload, chosen by element name.
#[derive(Debug, Serialize, Deserialize)]
pub enum Payload {
    #[serde(rename = "state")]
    State(State),
    #[serde(rename = "note")]
    Note(Note),
    #[serde(rename = "contactCard")]
    ContactCard(ContactCard),
    #[serde(rename = "calendarData")]
    CalendarData(CalendarData),
    #[serde(rename = "device")]
    Device(Device),
    #[serde(rename = "services")]
    Services(Services),
    #[serde(rename = "deskLocation")]
    DeskLocation(DeskLocation),
}

/// `userState`, `machineState` and `aggregateState` in one struct.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename = "state")]
pub struct State {
    #[serde(rename = "@xmlns")]
    pub xmlns: String,
    #[serde(rename = "@xmlns:xsi")]
    pub xmlns_xsi: String,
    #[serde(rename = "@xmlns:x", default, skip_serializing_if = "no")]
    pub xmlns_x: Option<String>,
    #[serde(rename(serialize = "@xsi:type", deserialize = "@type"))]
    pub xsi_type: String,
    #[serde(rename = "@manual", default, skip_serializing_if = "no")]
    pub manual: Option<bool>,
    #[serde(rename = "@lastActive", default, skip_serializing_if = "no")]
    pub last_active: Option<String>,
    #[serde(rename(serialize = "@x:source", deserialize = "@source"), default, skip_serializing_if = "no")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "no")]
    pub availability: Option<u32>,
    #[serde(default)]
    pub activity: Vec<Activity>,
    #[serde(rename = "endpointLocation", default, skip_serializing_if = "no")]
    pub endpoint_location: Option<String>,
    #[serde(default, skip_serializing_if = "no")]
    pub delimiter: Option<Marker>,
    #[serde(rename = "timeZoneBias", default, skip_serializing_if = "no")]
    pub time_zone_bias: Option<i32>,
    #[serde(rename = "timeZoneName", default, skip_serializing_if = "no")]
    pub time_zone_name: Option<String>,
    #[serde(rename = "timeZoneAbbreviation", default, skip_serializing_if = "no")]
    pub time_zone_abbreviation: Option<String>,
    #[serde(default, skip_serializing_if = "no")]
    pub device: Option<String>,
    #[serde(default, skip_serializing_if = "no")]
    pub end: Option<Marker>,
    #[serde(
        rename(serialize = "ct:extension", deserialize = "extension"),
        default,
        skip_serializing_if = "no"
    )]
    pub extension: Option<StateExtension>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Activity {
    #[serde(rename = "@token")]
    pub token: String,
    #[serde(rename = "@startTime", default, skip_serializing_if = "no")]
    pub start_time: Option<String>,
    #[serde(rename = "@endTime", default, skip_serializing_if = "no")]
    pub end_time: Option<String>,
}

/// `ct:delimiter` / `ct:end`.
#[derive(Debug, Serialize, Deserialize)]
pub struct Marker {
    #[serde(rename = "@xmlns", default, skip_serializing_if = "no")]
    pub xmlns: Option<String>,
    #[serde(rename = "@xmlns:auto-ns1", default, skip_serializing_if = "no")]
    pub auto_ns1: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct StateExtension {
    #[serde(rename = "@xmlns:ct")]
    pub xmlns_ct: String,
    #[serde(rename(serialize = "x:meetingRef", deserialize = "meetingRef"))]
    pub meeting_ref: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Note {
    #[serde(rename = "@xmlns")]
    pub xmlns: String,
    pub body: Body,
    #[serde(default, skip_serializing_if = "no")]
    pub delimiter: Option<Marker>,
    #[serde(default, skip_serializing_if = "no")]
    pub mood: Option<String>,
    #[serde(default, skip_serializing_if = "no")]
    pub end: Option<Marker>,
    #[serde(default, skip_serializing_if = "no")]
    pub extension: Option<NoteExtension>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Body {
    #[serde(rename = "@type")]
    pub type_: String,
    #[serde(rename = "@uri")]
    pub uri: String,
    #[serde(rename = "@LCID", default, skip_serializing_if = "no")]
    pub lcid: Option<u32>,
    #[serde(rename = "$text", default)]
    pub text: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct NoteExtension {
    #[serde(rename = "@xmlns")]
    pub xmlns: String,
    pub ticket: Ticket,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Ticket {
    #[serde(rename = "@xmlns")]
    pub xmlns: String,
    #[serde(rename = "@id")]
    pub id: String,
    #[serde(rename = "$text")]
    pub text: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ContactCard {
    #[serde(rename = "@xmlns")]
    pub xmlns: String,
    pub identity: Identity,
    pub company: String,
    pub title: String,
    pub office: String,
    pub phone: Phone,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Identity {
    pub name: Name,
    pub email: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Name {
    #[serde(rename = "displayName")]
    pub display_name: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Phone {
    #[serde(rename = "@type")]
    pub type_: String,
    pub uri: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct CalendarData {
    #[serde(rename = "@xmlns")]
    pub xmlns: String,
    #[serde(rename = "@mailboxID")]
    pub mailbox_id: String,
    #[serde(rename = "freeBusy")]
    pub free_busy: FreeBusy,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct FreeBusy {
    #[serde(rename = "@startTime")]
    pub start_time: String,
    #[serde(rename = "@granularity")]
    pub granularity: String,
    #[serde(rename = "@encodingVersion")]
    pub encoding_version: u32,
    #[serde(rename = "$text")]
    pub text: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Device {
    #[serde(rename = "@xmlns")]
    pub xmlns: String,
    #[serde(rename = "@endpointId")]
    pub endpoint_id: String,
    pub capabilities: DeviceCapabilities,
    pub timezone: String,
    #[serde(rename = "machineName")]
    pub machine_name: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct DeviceCapabilities {
    #[serde(rename = "@preferred")]
    pub preferred: bool,
    #[serde(rename = "@uri")]
    pub uri: String,
    pub text: Capability,
    pub voice: Capability,
    pub video: Capability,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Capability {
    #[serde(rename = "@render")]
    pub render: bool,
    #[serde(rename = "@capture")]
    pub capture: bool,
    #[serde(rename = "@publish")]
    pub publish: bool,
    #[serde(rename = "@preferredEndpointId", default, skip_serializing_if = "no")]
    pub preferred_endpoint_id: Option<String>,
    #[serde(rename = "@deviceAvailability", default, skip_serializing_if = "no")]
    pub device_availability: Option<u32>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Services {
    #[serde(rename = "@xmlns")]
    pub xmlns: String,
    pub service: Vec<Service>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Service {
    #[serde(rename = "@uri")]
    pub uri: String,
    pub capabilities: ServiceCapabilities,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ServiceCapabilities {
    pub text: Capability,
    pub voice: Capability,
    #[serde(rename = "applicationSharing")]
    pub application_sharing: Capability,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct DeskLocation {
    #[serde(rename = "@xmlns")]
    pub xmlns: String,
    #[serde(rename = "@building")]
    pub building: String,
    #[serde(rename = "@floor")]
    pub floor: u32,
    pub desk: String,
}
