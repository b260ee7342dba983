//! Category names: which the server accepts, and which never leave the owner.

use std::collections::BTreeSet;

/// The category names Lync registers (the docs' category pages and container pages). A publication
/// naming anything else is refused unless it was registered as a custom category.
pub const BUILT_IN: &[&str] = &[
    "alerts",
    "calendarData",
    "contactCard",
    "device",
    "dndState",
    "legacyInterop",
    "mwi",
    "note",
    "noteHistory",
    "otherOptions",
    "rccOptions",
    "routing",
    "services",
    "state",
    "userInformation",
    "userProperties",
    "workingHours",
];

/// Categories that sit in containers watchers can belong to, yet are never delivered to them:
/// routing, dndState and legacyInterop (facts §1, container-for-remote-access and the legacyInterop
/// page). The server reads them itself (call routing, DND blocking, legacy clients).
pub const PRIVATE: &[&str] = &["routing", "dndState", "legacyInterop"];

/// Categories the docs list as local-only (facts §2, local-access-only-category-instances): the Self
/// categories and device. Delivering them to a watcher even when a client publishes them to a
/// container with members is the crate's choice not to do.
pub const LOCAL_ONLY: &[&str] = &[
    "alerts",
    "device",
    "mwi",
    "otherOptions",
    "rccOptions",
    "userInformation",
    "userProperties",
    "workingHours",
];

/// Categories only the server publishes: a client publication of them is refused (mwi: "clients
/// can't publish", the mwi page).
pub const SERVER_ONLY: &[&str] = &["mwi"];

/// How far a category's instances travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Delivered to the watchers of the container the instance is in.
    Remote,
    /// Stored in remote containers but only ever read by the server and the owner.
    Private,
    /// Only the owner's own endpoints see it.
    LocalOnly,
}

/// The set of category names the server accepts: the built-in ones plus registered custom
/// categories.
#[derive(Debug, Clone, Default)]
pub struct CategoryNames {
    custom: BTreeSet<String>,
}

impl CategoryNames {
    /// Registers a custom category name. Custom categories are remote: their instances reach the
    /// watchers of the container they are published to.
    pub fn register(&mut self, name: &str) {
        if !BUILT_IN.contains(&name) {
            self.custom.insert(name.to_owned());
        }
    }

    /// Whether the server accepts publications of `name` (names are case-sensitive, as in XML).
    pub fn is_known(&self, name: &str) -> bool {
        BUILT_IN.contains(&name) || self.custom.contains(name)
    }

    /// How far instances of `name` travel.
    pub fn reach(name: &str) -> Reach {
        if PRIVATE.contains(&name) {
            Reach::Private
        } else if LOCAL_ONLY.contains(&name) {
            Reach::LocalOnly
        } else {
            Reach::Remote
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_exact() {
        let mut names = CategoryNames::default();
        assert!(names.is_known("note"));
        assert!(!names.is_known("Note"));
        assert!(!names.is_known("meetingRoom"));
        names.register("meetingRoom");
        assert!(names.is_known("meetingRoom"));
        assert_eq!(CategoryNames::reach("routing"), Reach::Private);
        assert_eq!(CategoryNames::reach("device"), Reach::LocalOnly);
        assert_eq!(CategoryNames::reach("meetingRoom"), Reach::Remote);
    }
}
