//! Why a request was refused. A refused request changes nothing: every check runs before anything
//! is applied.

use std::fmt;

/// A publication's key: category name, instance id and container id (facts §2: republishing the
/// same triple modifies it).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct InstanceKey {
    /// The category name (`note`, `state`, …).
    pub category: String,
    /// The instance id.
    pub instance: u32,
    /// The container id.
    pub container: u32,
}

impl InstanceKey {
    /// The key of `category` instance `instance` in `container`.
    pub fn new(category: &str, instance: u32, container: u32) -> Self {
        InstanceKey { category: category.to_owned(), instance, container }
    }
}

impl fmt::Display for InstanceKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} instance {} in container {}", self.category, self.instance, self.container)
    }
}

/// Why a `<publish>` request was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublishError {
    /// `publications/@uri` is not the user of the publishing endpoint: users publish only their own
    /// presence (the crate's choice; the SERVICE request goes to the user's own URI).
    WrongPublisher {
        /// The endpoint's user.
        endpoint_user: String,
        /// What `publications/@uri` said.
        publisher: String,
    },
    /// The category name is not registered (facts §2: the server rejects the request).
    UnknownCategory {
        /// The publication that named it.
        key: InstanceKey,
    },
    /// The container id is outside 0–32767 (facts §1).
    ContainerOutOfRange {
        /// The publication.
        key: InstanceKey,
    },
    /// The version sent is older than the stored one: another endpoint changed the instance since
    /// this client last saw it.
    StaleVersion {
        /// The instance.
        key: InstanceKey,
        /// The version the request carried.
        sent: u32,
        /// The version the store holds.
        current: u32,
    },
    /// Only the server publishes this category or instance (mwi; contactCard 0, the directory
    /// identity).
    ServerOnly {
        /// The publication.
        key: InstanceKey,
    },
    /// A publication that is not a removal (`expires="0"`) has no value.
    MissingValue {
        /// The publication.
        key: InstanceKey,
    },
    /// `expireType="time"` without `expires`.
    MissingExpires {
        /// The publication.
        key: InstanceKey,
    },
    /// An `expireType` other than endpoint, user, static and time (the docs leave `custom`
    /// undefined).
    UnsupportedExpireType {
        /// The publication.
        key: InstanceKey,
        /// The expireType as written.
        expire_type: String,
    },
}

impl PublishError {
    /// The instance the error is about, if it is about one.
    pub fn key(&self) -> Option<&InstanceKey> {
        match self {
            PublishError::WrongPublisher { .. } => None,
            PublishError::UnknownCategory { key }
            | PublishError::ContainerOutOfRange { key }
            | PublishError::StaleVersion { key, .. }
            | PublishError::ServerOnly { key }
            | PublishError::MissingValue { key }
            | PublishError::MissingExpires { key }
            | PublishError::UnsupportedExpireType { key, .. } => Some(key),
        }
    }
}

impl fmt::Display for PublishError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PublishError::WrongPublisher { endpoint_user, publisher } => {
                write!(f, "an endpoint of {endpoint_user} cannot publish for {publisher}")
            }
            PublishError::UnknownCategory { key } => write!(f, "unknown category name: {key}"),
            PublishError::ContainerOutOfRange { key } => write!(f, "container id above 32767: {key}"),
            PublishError::StaleVersion { key, sent, current } => {
                write!(f, "stale version {sent} for {key} (current version {current})")
            }
            PublishError::ServerOnly { key } => write!(f, "only the server publishes {key}"),
            PublishError::MissingValue { key } => write!(f, "no value for {key}"),
            PublishError::MissingExpires { key } => {
                write!(f, "expireType=\"time\" without expires for {key}")
            }
            PublishError::UnsupportedExpireType { key, expire_type } => {
                write!(f, "unsupported expireType {expire_type:?} for {key}")
            }
        }
    }
}

impl std::error::Error for PublishError {}

/// Why a `<setContainerMembers>` request was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MembershipError {
    /// The container id is outside 0–32767.
    ContainerOutOfRange {
        /// The container id.
        container: u32,
    },
    /// Containers 0 (fixed ACL), 1 (Self), 2 and 3 (aggregation) take no members.
    Fixed {
        /// The container id.
        container: u32,
    },
    /// The version sent is older than the container's membership version.
    StaleVersion {
        /// The container id.
        container: u32,
        /// The version the request carried.
        sent: u32,
        /// The current membership version.
        current: u32,
    },
    /// An action other than `add` and `remove`.
    UnknownAction {
        /// The container id.
        container: u32,
        /// The action as written.
        action: String,
    },
    /// A member type other than the six documented ones.
    UnknownMemberType {
        /// The container id.
        container: u32,
        /// The type as written.
        member_type: String,
    },
    /// A `user` or `domain` member without a value.
    MissingValue {
        /// The container id.
        container: u32,
        /// `user` or `domain`.
        member_type: String,
    },
}

impl fmt::Display for MembershipError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MembershipError::ContainerOutOfRange { container } => {
                write!(f, "container id {container} is above 32767")
            }
            MembershipError::Fixed { container } => {
                write!(f, "container {container} has a fixed membership")
            }
            MembershipError::StaleVersion { container, sent, current } => {
                write!(f, "stale version {sent} for container {container} (current version {current})")
            }
            MembershipError::UnknownAction { container, action } => {
                write!(f, "unknown member action {action:?} for container {container}")
            }
            MembershipError::UnknownMemberType { container, member_type } => {
                write!(f, "unknown member type {member_type:?} for container {container}")
            }
            MembershipError::MissingValue { container, member_type } => {
                write!(f, "{member_type} member without a value for container {container}")
            }
        }
    }
}

impl std::error::Error for MembershipError {}

/// Why a `<batchSub>` request was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchError {
    /// `batchSub/@uri` is not the subscribing watcher.
    WrongSubscriber {
        /// The watcher.
        watcher: String,
        /// What `batchSub/@uri` said.
        uri: String,
    },
    /// An action other than `subscribe` and `unsubscribe`.
    UnknownAction {
        /// The action's id.
        id: String,
        /// The action name as written.
        name: String,
    },
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BatchError::WrongSubscriber { watcher, uri } => {
                write!(f, "batch subscription for {uri} sent by {watcher}")
            }
            BatchError::UnknownAction { id, name } => write!(f, "unknown batch action {name:?} (id {id})"),
        }
    }
}

impl std::error::Error for BatchError {}
