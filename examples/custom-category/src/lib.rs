//! A custom Enhanced Presence category — the state of a meeting room — defined by its own XSD,
//! generated in `build.rs` with `enhanced-presence-codegen`, and registered so that it is typed inside
//! `<category>` and `<publication>` bodies like the built-in categories.
//!
//! ```
//! use custom_category_example::meeting_room::MeetingRoom;
//! use enhanced_presence::categories::Categories;
//! use enhanced_presence::CategoryValue;
//!
//! custom_category_example::register();
//! let notify = r#"<categories xmlns="http://schemas.microsoft.com/2006/09/sip/categories" uri="sip:room-4b@contoso.com">
//!   <category name="meetingRoom" instance="0">
//!     <meetingRoom xmlns="http://example.com/2026/presence/meetingRoom">
//!       <building>B4</building><capacity>12</capacity><occupied>true</occupied>
//!     </meetingRoom>
//!   </category>
//! </categories>"#;
//! let body: Categories = enhanced_presence::from_str(notify)?;
//! let Some(CategoryValue::Custom(value)) = &body.category[0].value else { panic!() };
//! let room = value.downcast_ref::<MeetingRoom>().unwrap();
//! assert_eq!((room.capacity, room.occupied), (12, true));
//! # Ok::<(), enhanced_presence::Error>(())
//! ```

// The runtime's document enum, beside the generated one (named `RoomDocument` in build.rs).
pub use enhanced_presence::Document;

include!(concat!(env!("OUT_DIR"), "/meeting_room.rs"));

/// Registers the category's root element with the runtime, so that `<meetingRoom>` payloads read as
/// `CategoryValue::Custom`. Call once at start-up.
pub fn register() {
    meeting_room::register();
}
