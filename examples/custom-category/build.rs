//! Generates the meeting-room category. The schema imports commontypes.xsd; its types already exist in
//! `enhanced_presence::common`, so they are reused rather than generated again.

fn main() {
    enhanced_presence_codegen::Config::new()
        .schema("schemas/meetingRoom.xsd")
        .extern_namespace(
            "http://schemas.microsoft.com/2006/09/sip/commontypes",
            "::enhanced_presence::common",
        )
        .single_file("meeting_room.rs")
        // Included at the crate root next to `use enhanced_presence::Document`: a name of its own.
        .document_name("RoomDocument")
        // `register()` and `From<MeetingRoom> for CategoryValue`
        .registration(true)
        // serde derives behind this crate's `serde` feature
        .serde_feature("serde")
        .compile()
        .unwrap_or_else(|e| panic!("{e}"));
}
