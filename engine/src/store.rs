//! One publisher's category instances: a `<publish>` request checked and applied, versions, expiry
//! and removal.
//!
//! Documented facts (facts §2): an instance is keyed by category name + instance id + container id,
//! and republishing the key modifies it; the server keeps the version and increments it; an
//! unregistered category name gets the whole request rejected; values are not schema-checked;
//! `expireType` endpoint (the default) ends with the publishing endpoint, user with the user's
//! sign-out, static never, time after `expires`; a publication with `expires="0"` and no value
//! removes the instance.
//!
//! The crate's choices, where the docs are silent:
//! - the request is atomic: every publication is checked against the store as it was before the
//!   request, and only then is anything applied (a later publication of the same key in one
//!   request wins);
//! - a version is *stale* when it is lower than the stored one; an equal version (the client
//!   presents the current version) or a higher one (UCMA adds 1 itself) is accepted, and the stored
//!   version becomes one more than the larger of the two. A new key accepts any version;
//! - `expires="0"` removes whatever the `expireType` (the docs show both time and user); removing
//!   an instance that is not there is accepted and changes nothing; a removed key forgets its
//!   version;
//! - `expires` counts seconds (the docs state no unit; UCMA speaks of ticks);
//! - `expireType` values other than the four, and `time` without `expires`, are refused;
//! - user-bound instances end when the user's last endpoint signs out;
//! - clients cannot publish mwi or contactCard instance 0 (both server-published and read-only).

use std::collections::{BTreeMap, BTreeSet};

use enhanced_presence::rich_presence::{ExpireTypeEnumEx, Publish};
use enhanced_presence::CategoryValue;

use crate::category::{CategoryNames, SERVER_ONLY};
use crate::clock::Timestamp;
use crate::containers::MAX_CONTAINER;
use crate::error::{InstanceKey, PublishError};

/// How long an instance lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiry {
    /// Until removed.
    Static,
    /// Until the user's last endpoint signs out.
    User,
    /// Until the publishing endpoint signs out.
    Endpoint,
    /// For `seconds` after it was published.
    Time {
        /// The `expires` value.
        seconds: u32,
        /// When it ends.
        at: Timestamp,
    },
}

impl Expiry {
    /// The `expireType` this expiry is written as.
    pub fn expire_type(&self) -> ExpireTypeEnumEx {
        match self {
            Expiry::Static => ExpireTypeEnumEx::Static,
            Expiry::User => ExpireTypeEnumEx::User,
            Expiry::Endpoint => ExpireTypeEnumEx::Endpoint,
            Expiry::Time { .. } => ExpireTypeEnumEx::Time,
        }
    }
}

/// One stored category instance.
#[derive(Debug, Clone, PartialEq)]
pub struct Publication {
    /// The version the store holds (what the self subscription reports).
    pub version: u32,
    /// How long it lives.
    pub expiry: Expiry,
    /// When it was last published.
    pub publish_time: Timestamp,
    /// The publishing endpoint's id; `None` for instances the server publishes itself.
    pub endpoint: Option<String>,
    /// The value, typed as the runtime read it (registered custom categories included).
    pub value: CategoryValue,
}

impl Publication {
    /// Whether it has expired at `now`.
    pub fn expired(&self, now: Timestamp) -> bool {
        matches!(self.expiry, Expiry::Time { at, .. } if at <= now)
    }
}

/// The store's key order: container first, so one container's instances are one range.
pub(crate) type SlotKey = (u32, String, u32);

pub(crate) fn slot(key: &InstanceKey) -> SlotKey {
    (key.container, key.category.clone(), key.instance)
}

pub(crate) fn instance_key(slot: &SlotKey) -> InstanceKey {
    InstanceKey { container: slot.0, category: slot.1.clone(), instance: slot.2 }
}

/// A publisher's instances.
#[derive(Debug, Clone, Default)]
pub struct Store {
    pub(crate) slots: BTreeMap<SlotKey, Publication>,
}

/// What a change did: the keys it added, modified or removed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changed {
    /// Every key whose instance changed or disappeared.
    pub keys: BTreeSet<InstanceKey>,
}

impl Changed {
    /// The containers the changed keys are in.
    pub fn containers(&self) -> BTreeSet<u32> {
        self.keys.iter().map(|k| k.container).collect()
    }

    /// Merges `other` into this.
    pub fn extend(&mut self, other: Changed) {
        self.keys.extend(other.keys);
    }
}

/// One publication of a request, checked.
enum Step {
    Put(InstanceKey, Publication),
    Remove(InstanceKey),
}

impl Store {
    /// The instance stored under `key`, expired or not.
    pub fn get(&self, key: &InstanceKey) -> Option<&Publication> {
        self.slots.get(&slot(key))
    }

    /// Every instance, in container, category, instance order.
    pub fn iter(&self) -> impl Iterator<Item = (InstanceKey, &Publication)> {
        self.slots.iter().map(|(k, p)| (instance_key(k), p))
    }

    /// The instances in `container`, in category, instance order.
    pub fn in_container(&self, container: u32) -> impl Iterator<Item = (&str, u32, &Publication)> {
        let from = (container, String::new(), 0);
        let range = match container.checked_add(1) {
            Some(next) => self.slots.range(from..(next, String::new(), 0)),
            None => self.slots.range(from..),
        };
        range.map(|((_, category, instance), p)| (category.as_str(), *instance, p))
    }

    /// Checks every publication of `request`, sent from endpoint `endpoint`, then applies them all
    /// (or none).
    pub fn apply(
        &mut self,
        request: &Publish,
        endpoint: &str,
        names: &CategoryNames,
        now: Timestamp,
    ) -> Result<Changed, PublishError> {
        let mut steps = Vec::with_capacity(request.0.publications.publication.len());
        for p in &request.0.publications.publication {
            let key = InstanceKey::new(&p.category_name, p.instance, p.container);
            if !names.is_known(&key.category) {
                return Err(PublishError::UnknownCategory { key });
            }
            if key.container > MAX_CONTAINER {
                return Err(PublishError::ContainerOutOfRange { key });
            }
            if SERVER_ONLY.contains(&key.category.as_str())
                || (key.category == "contactCard" && key.instance == 0)
            {
                return Err(PublishError::ServerOnly { key });
            }
            // an expired instance is gone, whether or not it has been purged yet
            let current = self.get(&key).filter(|p| !p.expired(now)).map(|p| p.version);
            if let Some(current) = current.filter(|&c| p.version < c) {
                return Err(PublishError::StaleVersion { key, sent: p.version, current });
            }
            if p.expires == Some(0) {
                steps.push(Step::Remove(key));
                continue;
            }
            let expiry = match &p.expire_type {
                ExpireTypeEnumEx::Static => Expiry::Static,
                ExpireTypeEnumEx::User => Expiry::User,
                ExpireTypeEnumEx::Endpoint => Expiry::Endpoint,
                ExpireTypeEnumEx::Time => match p.expires {
                    Some(seconds) => Expiry::Time { seconds, at: now.plus(u64::from(seconds)) },
                    None => return Err(PublishError::MissingExpires { key }),
                },
                ExpireTypeEnumEx::Other(other) => {
                    return Err(PublishError::UnsupportedExpireType { key, expire_type: other.clone() })
                }
            };
            let Some(value) = p.value.clone() else {
                return Err(PublishError::MissingValue { key });
            };
            let version = p.version.max(current.unwrap_or(0)).saturating_add(1);
            let publication = Publication {
                version,
                expiry,
                publish_time: now,
                endpoint: Some(endpoint.to_owned()),
                value,
            };
            steps.push(Step::Put(key, publication));
        }
        let mut changed = Changed::default();
        for step in steps {
            match step {
                Step::Put(key, publication) => {
                    self.slots.insert(slot(&key), publication);
                    changed.keys.insert(key);
                }
                Step::Remove(key) => {
                    if self.slots.remove(&slot(&key)).is_some() {
                        changed.keys.insert(key);
                    }
                }
            }
        }
        Ok(changed)
    }

    /// Stores an instance the server publishes itself (no endpoint, version incremented). Returns
    /// whether anything changed: an equal value with the same expiry is left as it is, so its
    /// publish time and version stay.
    pub fn put_server(
        &mut self,
        key: &InstanceKey,
        value: CategoryValue,
        expiry: Expiry,
        now: Timestamp,
    ) -> bool {
        let slot = slot(key);
        if let Some(old) = self.slots.get(&slot) {
            if old.value == value && old.expiry == expiry && old.endpoint.is_none() {
                return false;
            }
        }
        let version = self.slots.get(&slot).map_or(1, |p| p.version.saturating_add(1));
        self.slots.insert(slot, Publication { version, expiry, publish_time: now, endpoint: None, value });
        true
    }

    /// Removes `key`; returns whether it was there.
    pub fn remove(&mut self, key: &InstanceKey) -> bool {
        self.slots.remove(&slot(key)).is_some()
    }

    /// Removes every instance `dies` picks.
    pub fn remove_where(&mut self, mut dies: impl FnMut(&Publication) -> bool) -> Changed {
        let mut changed = Changed::default();
        self.slots.retain(|k, p| {
            let keep = !dies(p);
            if !keep {
                changed.keys.insert(instance_key(k));
            }
            keep
        });
        changed
    }

    /// Removes the time-bound instances that have expired at `now`.
    pub fn expire(&mut self, now: Timestamp) -> Changed {
        self.remove_where(|p| p.expired(now))
    }

    /// The earliest time a stored instance expires, if any does.
    pub fn next_expiry(&self) -> Option<Timestamp> {
        self.slots
            .values()
            .filter_map(|p| match p.expiry {
                Expiry::Time { at, .. } => Some(at),
                _ => None,
            })
            .min()
    }
}
