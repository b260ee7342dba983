//! What a subscription body contains: the `<categories>` a watcher receives, and the owner's own
//! view with the operational attributes.
//!
//! Documented facts: a watcher's body lists one `category` per instance of the container it reads,
//! with name, instance, publishTime and value, and without the container (facts §3); private
//! categories never reach a watcher (facts §1); watchers never get calendarState or
//! aggregateMachineState (facts §2); the owner's self subscription shows containers.
//!
//! The crate's choices: instances are listed in category-name, then instance order; a watcher gets
//! no instance from any container but the one it reads (no fallback to container 0 when that
//! container lacks a category, which is what keeps blocked contacts blocked); local-only
//! categories are withheld from watchers like private ones; the self view lists every instance of
//! every container with container, version, expireType, expires (for time-bound instances) and
//! endpointId (for instances an endpoint published).

use std::collections::BTreeSet;

use enhanced_presence::categories::{Categories, CategoriesType, CategoryExpireTypeEnumEx, CategoryType};
use enhanced_presence::state::StateType;
use enhanced_presence::CategoryValue;

use crate::category::{CategoryNames, Reach};
use crate::clock::Timestamp;
use crate::store::{Expiry, Publication, Store};
use crate::watcher::UserUri;

/// A set of category names a subscription asks for; `None` in an API means every category.
pub type CategoryFilter = BTreeSet<String>;

/// Whether an instance of `category` with `value` may be delivered to a watcher (anyone but the
/// owner).
pub fn deliverable(category: &str, value: &CategoryValue) -> bool {
    if CategoryNames::reach(category) != Reach::Remote {
        return false;
    }
    match value {
        CategoryValue::State(state) => {
            !matches!(state.0, StateType::CalendarState(_) | StateType::AggregateMachineState(_))
        }
        _ => true,
    }
}

fn wanted(filter: Option<&CategoryFilter>, category: &str) -> bool {
    filter.map_or(true, |f| f.contains(category))
}

/// The body watcher of `container` receives.
pub fn watcher_body(
    publisher: &UserUri,
    store: &Store,
    container: u32,
    filter: Option<&CategoryFilter>,
    now: Timestamp,
) -> Categories {
    let category = store
        .in_container(container)
        .filter(|(name, _, p)| wanted(filter, name) && !p.expired(now) && deliverable(name, &p.value))
        .map(|(name, instance, p)| CategoryType {
            name: name.to_owned(),
            instance: Some(instance),
            publish_time: Some(p.publish_time.to_date_time()),
            value: Some(p.value.clone()),
            ..CategoryType::default()
        })
        .collect();
    body(publisher, category)
}

/// The owner's view: every live instance of every container, with its operational attributes.
pub fn self_body(
    publisher: &UserUri,
    store: &Store,
    filter: Option<&CategoryFilter>,
    now: Timestamp,
) -> Categories {
    let category = store
        .iter()
        .filter(|(key, p)| wanted(filter, &key.category) && !p.expired(now))
        .map(|(key, p)| self_category(key.category, key.instance, key.container, p))
        .collect();
    body(publisher, category)
}

fn self_category(name: String, instance: u32, container: u32, p: &Publication) -> CategoryType {
    let (expire_type, expires) = match p.expiry {
        Expiry::Static => (CategoryExpireTypeEnumEx::Static, None),
        Expiry::User => (CategoryExpireTypeEnumEx::User, None),
        Expiry::Endpoint => (CategoryExpireTypeEnumEx::Endpoint, None),
        Expiry::Time { seconds, .. } => (CategoryExpireTypeEnumEx::Time, Some(seconds)),
    };
    CategoryType {
        name,
        instance: Some(instance),
        publish_time: Some(p.publish_time.to_date_time()),
        container: Some(container),
        version: Some(p.version),
        expire_type: Some(expire_type),
        expires,
        endpoint_id: p.endpoint.clone(),
        value: Some(p.value.clone()),
        ..CategoryType::default()
    }
}

fn body(publisher: &UserUri, category: Vec<CategoryType>) -> Categories {
    Categories(CategoriesType { uri: Some(publisher.sip()), category, ..CategoriesType::default() })
}
