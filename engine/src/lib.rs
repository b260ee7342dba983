//! The behaviour Enhanced Presence documents drive, in memory: which watcher sees which category
//! instance, how publications are keyed, versioned and expire, and what the publication grammar allows.
//!
//! A [`PresenceServer`] takes the typed request bodies of the root crate — `<publish>`,
//! `<setContainerMembers>`, `<batchSub>` — and answers with the `<categories>` bodies each watcher
//! receives, so clients and bots can be tested without a Lync or Skype for Business server.
//!
//! ```
//! use enhanced_presence::presence::{summarize, PublishBuilder};
//! use enhanced_presence_engine::{containers, Endpoint, ManualClock, PresenceServer, Timestamp, UserUri, Watcher};
//!
//! let mut server = PresenceServer::new(ManualClock::new(Timestamp(1_357_034_400)));
//! let alice = UserUri::new("sip:alice@contoso.com");
//! let laptop = Endpoint::new("sip:alice@contoso.com", "laptop");
//! // federated and public users in 100, the same enterprise in 200 (Lync's default buddies)
//! server.set_container_members(&alice, &containers::lync_defaults())?;
//!
//! let bob = Watcher::colleague("sip:bob@contoso.com"); // reads container 200
//! let eve = Watcher::federated("sip:eve@fabrikam.com"); // reads container 100
//! server.subscribe(&alice, &bob, None);
//!
//! let request = PublishBuilder::new("sip:alice@contoso.com").note("In the lab until 4", &[200], 0).build();
//! let changes = server.publish(&laptop, &request)?; // refused whole, with a typed error, or applied whole
//! let body = changes.body_for(&alice, &bob).expect("bob is notified"); // the NOTIFY body to send
//! assert_eq!(summarize(body).note.as_deref(), Some("In the lab until 4"));
//! assert_eq!(summarize(&server.view(&alice, &eve)).note, None);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Modules: [`store`] (publications, versions, expiry), [`containers`] (membership and which
//! container a watcher reads), [`view`] (the bodies), [`aggregate`] (the MPOP aggregate),
//! [`server`] (all of it together, with subscriptions and change sets), [`grammar`] (the
//! publication grammar). Each module's documentation lists the documented facts it implements
//! and the choices that are the crate's own.

#![deny(missing_docs)]

pub mod aggregate;
pub mod category;
pub mod clock;
pub mod containers;
pub mod error;
pub mod grammar;
pub mod server;
pub mod store;
pub mod view;
pub mod watcher;

pub use aggregate::{Aggregator, LyncAggregator, NoAggregation};
pub use clock::{Clock, ManualClock, SystemClock, Timestamp};
pub use error::{BatchError, InstanceKey, MembershipError, PublishError};
pub use server::{BatchAnswer, ChangeSet, Notification, PresenceServer};
pub use watcher::{Endpoint, Network, UserUri, Watcher};

/// `text` without leading and trailing XML white space (space, tab, line feed, carriage return):
/// addresses, types and roles in documents are compared so, not with `str::trim`, which also takes
/// Unicode spaces such as U+2002 that are data to XML.
pub(crate) fn trim_xml(text: &str) -> &str {
    text.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
}
