//! Shared test helpers: a server on a manual clock, and `<publish>` requests written as XML the
//! way clients send them, read with the root crate.
#![allow(dead_code)]

use enhanced_presence::presence::summarize;
use enhanced_presence::rich_presence::Publish;
use enhanced_presence_engine::{Endpoint, ManualClock, PresenceServer, Timestamp, UserUri, Watcher};

pub const T0: Timestamp = Timestamp(1_357_034_400); // 2013-01-01T10:00:00Z

pub const NOTE_NS: &str = "http://schemas.microsoft.com/2006/09/sip/note";

pub fn server() -> (PresenceServer, ManualClock) {
    let clock = ManualClock::new(T0);
    (PresenceServer::new(clock.clone()), clock)
}

pub fn alice() -> UserUri {
    UserUri::new("sip:alice@contoso.com")
}

pub fn laptop() -> Endpoint {
    Endpoint::new("sip:alice@contoso.com", "laptop-epid")
}

pub fn phone() -> Endpoint {
    Endpoint::new("sip:alice@contoso.com", "phone-epid")
}

/// One `<publication>` element.
pub fn publication(
    category: &str,
    instance: u32,
    container: u32,
    version: u32,
    expire: &str,
    value: &str,
) -> String {
    format!(
        r#"<publication categoryName="{category}" instance="{instance}" container="{container}" version="{version}" {expire}>{value}</publication>"#
    )
}

/// A `<publish>` request of alice with `publications`.
pub fn publish(publications: &[String]) -> Publish {
    publish_for("sip:alice@contoso.com", publications)
}

pub fn publish_for(uri: &str, publications: &[String]) -> Publish {
    let xml = format!(
        r#"<publish xmlns="http://schemas.microsoft.com/2006/09/sip/rich-presence"><publications uri="{uri}">{}</publications></publish>"#,
        publications.concat()
    );
    enhanced_presence::from_str(&xml).expect("test request reads")
}

pub fn note(text: &str) -> String {
    format!(r#"<note xmlns="{NOTE_NS}"><body type="personal" uri="">{text}</body></note>"#)
}

pub fn empty_note() -> String {
    format!(r#"<note xmlns="{NOTE_NS}"></note>"#)
}

pub fn state(xsi_type: &str, availability: u32, extra: &str) -> String {
    format!(
        r#"<state xmlns="http://schemas.microsoft.com/2006/09/sip/state" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="{xsi_type}"><availability>{availability}</availability>{extra}</state>"#
    )
}

pub fn user_state(availability: u32) -> String {
    format!(
        r#"<state xmlns="http://schemas.microsoft.com/2006/09/sip/state" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="userState" manual="true"><availability>{availability}</availability></state>"#
    )
}

pub fn routing() -> String {
    r#"<routing xmlns="http://schemas.microsoft.com/02/2006/sip/routing" version="1" minSupportedClientVersion="2.0.0.0"><preamble><flags name="clientflags" value="0"/></preamble></routing>"#.to_owned()
}

pub fn dnd_state() -> String {
    r#"<state xmlns="http://schemas.microsoft.com/2006/09/sip/state" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="userState" manual="true"><availability>9500</availability></state>"#.to_owned()
}

pub const STATIC: &str = r#"expireType="static""#;
pub const ENDPOINT: &str = r#"expireType="endpoint""#;
pub const USER: &str = r#"expireType="user""#;

/// (availability, note) as a watcher sees them.
pub fn seen(server: &PresenceServer, watcher: &Watcher) -> (Option<u32>, Option<String>) {
    let summary = summarize(&server.view(&alice(), watcher));
    (summary.availability, summary.note)
}

/// The category names (name/instance) in a watcher's body.
pub fn names(server: &PresenceServer, watcher: &Watcher) -> Vec<String> {
    server
        .view(&alice(), watcher)
        .0
        .category
        .iter()
        .map(|c| format!("{}/{}", c.name, c.instance.unwrap_or(0)))
        .collect()
}
