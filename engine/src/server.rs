//! The presence server: every publisher's store, containers, endpoints and subscribers, and the
//! change set each request causes.
//!
//! Every request that changes something returns a [`ChangeSet`]: which watchers get which new
//! `<categories>` body, so a caller can send the NOTIFYs. A body is the watcher's complete current
//! view (the crate's choice: it carries removals without a removal syntax, which the docs never
//! show); a watcher whose view did not change gets nothing.
//!
//! The crate's choices about time and endpoints: a time-bound instance whose time has passed is
//! out of every view at once, and is removed (and its removal notified) by the next accepted
//! request of its publisher or by [`PresenceServer::tick`], which does it for every publisher; a
//! refused request changes nothing, expiry included; a publication from an endpoint signs that
//! endpoint in; the aggregator runs after any change in container 2 or 3 while the user has a
//! signed-in endpoint, and its outputs go away with the user's last endpoint (they are
//! user-bound). An aggregate computed from a time-bound input is recomputed when that input is
//! removed, so between its expiry and the next request or `tick` watchers still see the
//! aggregate it gave (a server drives `tick` from a timer; views never change the store).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use enhanced_presence::adrl::Adhoclist;
use enhanced_presence::batch_subscribe::{ActionNameEnumEx, BatchSub};
use enhanced_presence::categories::Categories;
use enhanced_presence::contact_card::ContactCard;
use enhanced_presence::container_management::{Containers, SetContainerMembers};
use enhanced_presence::rich_presence::Publish;
use enhanced_presence::roaming_self::{RoamingData, RoamingDataType};
use enhanced_presence::CategoryValue;

use crate::aggregate::{Aggregator, Input, Inputs, LyncAggregator};
use crate::category::CategoryNames;
use crate::clock::{Clock, Timestamp};
use crate::containers::{
    Membership, AGGREGATION, AGGREGATION_WORKGROUP, BLOCKED, COLLEAGUES, DEFAULT, EXTERNAL,
    FRIENDS_AND_FAMILY, MAX_CONTAINER, WORKGROUP,
};
use crate::error::{BatchError, InstanceKey, MembershipError, PublishError};
use crate::store::{Changed, Expiry, Store};
use crate::view::{self, CategoryFilter};
use crate::watcher::{Endpoint, UserUri, Watcher};

/// The container number a subscription of the owner to itself reads: the self view.
const OWNER: u32 = u32::MAX;

/// One NOTIFY to send: `body` to each of `watchers`.
#[derive(Debug, Clone, PartialEq)]
pub struct Notification {
    /// Whose presence.
    pub publisher: UserUri,
    /// Who gets it.
    pub watchers: Vec<Watcher>,
    /// The body: the watcher's complete view.
    pub body: Arc<Categories>,
}

/// What a request caused.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChangeSet {
    /// The notifications to send, one per distinct body.
    pub notifications: Vec<Notification>,
    /// Publishers whose self view (instances or container membership) changed: their own
    /// endpoints' self subscriptions need a new [`PresenceServer::roaming`] body.
    pub self_changed: BTreeSet<UserUri>,
}

impl ChangeSet {
    /// The body `watcher` is sent for `publisher`'s presence, if it is sent one.
    pub fn body_for(&self, publisher: &UserUri, watcher: &Watcher) -> Option<&Categories> {
        self.notifications
            .iter()
            .find(|n| n.publisher == *publisher && n.watchers.contains(watcher))
            .map(|n| &*n.body)
    }

    /// How many watchers are notified in all.
    pub fn watcher_count(&self) -> usize {
        self.notifications.iter().map(|n| n.watchers.len()).sum()
    }

    fn merge(&mut self, other: ChangeSet) {
        self.notifications.extend(other.notifications);
        self.self_changed.extend(other.self_changed);
    }
}

/// The answer to one resource of a batch subscription.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchAnswer {
    /// The action's id (empty for an `adhoclist`, which has no actions).
    pub action_id: String,
    /// The resource (publisher).
    pub publisher: UserUri,
    /// The first body of a subscription; `None` for an unsubscription.
    pub body: Option<Arc<Categories>>,
}

#[derive(Debug)]
struct Subscription {
    watcher: Watcher,
    filter: Option<Arc<CategoryFilter>>,
    container: u32,
    last: Arc<Categories>,
}

#[derive(Debug, Default)]
struct Presentity {
    store: Store,
    membership: Membership,
    endpoints: BTreeSet<String>,
    aggregated: BTreeSet<InstanceKey>,
    subscriptions: Vec<Subscription>,
    index: HashMap<Watcher, usize>,
    filters: BTreeMap<CategoryFilter, Arc<CategoryFilter>>,
}

impl Presentity {
    fn container_of(&self, uri: &UserUri, watcher: &Watcher) -> u32 {
        if watcher.uri == *uri {
            OWNER
        } else {
            self.membership.container_of(watcher)
        }
    }
}

fn body_of(
    uri: &UserUri,
    store: &Store,
    container: u32,
    filter: Option<&CategoryFilter>,
    now: Timestamp,
) -> Categories {
    if container == OWNER {
        view::self_body(uri, store, filter, now)
    } else {
        view::watcher_body(uri, store, container, filter, now)
    }
}

/// The in-memory presence server.
pub struct PresenceServer {
    clock: Box<dyn Clock>,
    aggregator: Box<dyn Aggregator>,
    names: CategoryNames,
    presentities: HashMap<UserUri, Presentity>,
}

impl std::fmt::Debug for PresenceServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PresenceServer")
            .field("now", &self.clock.now())
            .field("names", &self.names)
            .field("publishers", &self.presentities.len())
            .finish()
    }
}

impl PresenceServer {
    /// A server reading the time from `clock`, aggregating with [`LyncAggregator`].
    pub fn new(clock: impl Clock + 'static) -> Self {
        PresenceServer {
            clock: Box::new(clock),
            aggregator: Box::new(LyncAggregator),
            names: CategoryNames::default(),
            presentities: HashMap::new(),
        }
    }

    /// The same server with another aggregator.
    pub fn with_aggregator(mut self, aggregator: impl Aggregator + 'static) -> Self {
        self.aggregator = Box::new(aggregator);
        self
    }

    /// Accepts publications of the custom category `name` from now on (its values are stored as
    /// the runtime reads them: typed when the element type is registered with
    /// `enhanced_presence::registry::register`).
    pub fn register_category(&mut self, name: &str) {
        self.names.register(name);
    }

    /// The current time of the server's clock.
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// The instances `publisher` has stored (expired time-bound ones included until the next
    /// request or [`PresenceServer::tick`]).
    pub fn store(&self, publisher: &UserUri) -> Option<&Store> {
        self.presentities.get(publisher).map(|p| &p.store)
    }

    /// Signs `endpoint` in (publishing from it does so too).
    pub fn sign_in(&mut self, endpoint: &Endpoint) {
        self.presentities.entry(endpoint.user.clone()).or_default().endpoints.insert(endpoint.id.clone());
    }

    /// Applies a `<publish>` request sent from `endpoint`: all of it or, with an error naming the
    /// offending instance, none of it.
    pub fn publish(&mut self, endpoint: &Endpoint, request: &Publish) -> Result<ChangeSet, PublishError> {
        let publisher = UserUri::new(&request.0.publications.uri);
        if publisher != endpoint.user {
            return Err(PublishError::WrongPublisher {
                endpoint_user: endpoint.user.to_string(),
                publisher: request.0.publications.uri.clone(),
            });
        }
        let now = self.clock.now();
        let p = self.presentities.entry(publisher.clone()).or_default();
        let applied = p.store.apply(request, &endpoint.id, &self.names, now)?;
        let mut changed = p.store.expire(now);
        changed.extend(applied);
        p.endpoints.insert(endpoint.id.clone());
        for key in &changed.keys {
            p.membership.touch(key.container);
        }
        Ok(self.settle(&publisher, changed, false, now))
    }

    /// Applies a `setContainerMembers` request of `owner`: all of it or none of it.
    pub fn set_container_members(
        &mut self,
        owner: &UserUri,
        request: &SetContainerMembers,
    ) -> Result<ChangeSet, MembershipError> {
        let now = self.clock.now();
        let p = self.presentities.entry(owner.clone()).or_default();
        let containers = p.membership.apply(request)?;
        let changed = p.store.expire(now);
        Ok(self.settle(owner, changed, !containers.is_empty(), now))
    }

    /// Publishes `card` as the directory identity (contactCard instance 0, static, read-only for
    /// clients) to containers 0, 100, 200, 300, 400 and 32000, as the server does (facts §1; for
    /// 32000 the blocked-contacts page's identity, not the empty card another page shows).
    pub fn publish_identity(&mut self, user: &UserUri, card: ContactCard) -> ChangeSet {
        let now = self.clock.now();
        let p = self.presentities.entry(user.clone()).or_default();
        let mut changed = p.store.expire(now);
        let value = CategoryValue::ContactCard(Box::new(card));
        for container in [DEFAULT, EXTERNAL, COLLEAGUES, WORKGROUP, FRIENDS_AND_FAMILY, BLOCKED] {
            let key = InstanceKey::new("contactCard", 0, container);
            if p.store.put_server(&key, value.clone(), Expiry::Static, now) {
                p.membership.touch(container);
                changed.keys.insert(key);
            }
        }
        self.settle(user, changed, false, now)
    }

    /// `endpoint` signed out: its endpoint-bound instances end, and with the user's last endpoint
    /// the user-bound ones.
    pub fn sign_out_endpoint(&mut self, endpoint: &Endpoint) -> ChangeSet {
        let now = self.clock.now();
        let Some(p) = self.presentities.get_mut(&endpoint.user) else {
            return ChangeSet::default();
        };
        let mut changed = p.store.expire(now);
        p.endpoints.remove(&endpoint.id);
        let last = p.endpoints.is_empty();
        changed.extend(p.store.remove_where(|pb| match pb.expiry {
            Expiry::Endpoint => pb.endpoint.as_deref() == Some(endpoint.id.as_str()),
            Expiry::User => last,
            _ => false,
        }));
        self.settle(&endpoint.user.clone(), changed, false, now)
    }

    /// Every endpoint of `user` signed out.
    pub fn sign_out_user(&mut self, user: &UserUri) -> ChangeSet {
        let now = self.clock.now();
        let Some(p) = self.presentities.get_mut(user) else {
            return ChangeSet::default();
        };
        let mut changed = p.store.expire(now);
        p.endpoints.clear();
        changed.extend(p.store.remove_where(|pb| matches!(pb.expiry, Expiry::Endpoint | Expiry::User)));
        self.settle(user, changed, false, now)
    }

    /// Removes every time-bound instance whose time has passed, for every publisher.
    pub fn tick(&mut self) -> ChangeSet {
        let now = self.clock.now();
        let due: Vec<UserUri> = self
            .presentities
            .iter()
            .filter(|(_, p)| p.store.next_expiry().is_some_and(|at| at <= now))
            .map(|(uri, _)| uri.clone())
            .collect();
        let mut changes = ChangeSet::default();
        for uri in due {
            if let Some(p) = self.presentities.get_mut(&uri) {
                let changed = p.store.expire(now);
                changes.merge(self.settle(&uri, changed, false, now));
            }
        }
        changes
    }

    /// The `<categories>` body `watcher` receives for `publisher` (a query, or the first NOTIFY of a
    /// subscription). For the publisher itself, its self view.
    pub fn view(&self, publisher: &UserUri, watcher: &Watcher) -> Categories {
        let now = self.clock.now();
        match self.presentities.get(publisher) {
            Some(p) => body_of(publisher, &p.store, p.container_of(publisher, watcher), None, now),
            None => view::watcher_body(publisher, &Store::default(), DEFAULT, None, now),
        }
    }

    /// The container whose instances `watcher` reads (0 when it is in no other; the owner reads
    /// all and gets `None`).
    pub fn container_of(&self, publisher: &UserUri, watcher: &Watcher) -> Option<u32> {
        if watcher.uri == *publisher {
            return None;
        }
        Some(self.presentities.get(publisher).map_or(DEFAULT, |p| p.membership.container_of(watcher)))
    }

    /// The owner's own view of its instances: every container, with container ids, versions and
    /// expiry.
    pub fn self_view(&self, owner: &UserUri) -> Categories {
        let store = self.presentities.get(owner).map(|p| &p.store);
        view::self_body(owner, store.unwrap_or(&Store::default()), None, self.clock.now())
    }

    /// The owner's container membership, as the self subscription reports it.
    pub fn containers(&self, owner: &UserUri) -> Containers {
        self.presentities.get(owner).map(|p| p.membership.report()).unwrap_or_default()
    }

    /// The body of a self-subscription NOTIFY: the self view and the container membership.
    pub fn roaming(&self, owner: &UserUri) -> RoamingData {
        RoamingData(RoamingDataType {
            any: vec![
                CategoryValue::Categories(Box::new(self.self_view(owner))),
                CategoryValue::Containers(Box::new(self.containers(owner))),
            ],
            ..RoamingDataType::default()
        })
    }

    /// Subscribes `watcher` to `publisher`'s categories in `filter` (all when `None`), replacing an
    /// earlier subscription of the same watcher; returns the first body.
    pub fn subscribe(
        &mut self,
        publisher: &UserUri,
        watcher: &Watcher,
        filter: Option<CategoryFilter>,
    ) -> Arc<Categories> {
        let now = self.clock.now();
        let p = self.presentities.entry(publisher.clone()).or_default();
        let filter = filter.map(|f| p.filters.entry(f.clone()).or_insert_with(|| Arc::new(f)).clone());
        let container = p.container_of(publisher, watcher);
        let last = Arc::new(body_of(publisher, &p.store, container, filter.as_deref(), now));
        let subscription = Subscription { watcher: watcher.clone(), filter, container, last: last.clone() };
        match p.index.get(watcher) {
            Some(&i) => p.subscriptions[i] = subscription,
            None => {
                p.index.insert(watcher.clone(), p.subscriptions.len());
                p.subscriptions.push(subscription);
            }
        }
        last
    }

    /// Ends `watcher`'s subscription to `publisher`; returns whether there was one.
    pub fn unsubscribe(&mut self, publisher: &UserUri, watcher: &Watcher) -> bool {
        let Some(p) = self.presentities.get_mut(publisher) else {
            return false;
        };
        let Some(i) = p.index.remove(watcher) else {
            return false;
        };
        p.subscriptions.swap_remove(i);
        if let Some(moved) = p.subscriptions.get(i) {
            p.index.insert(moved.watcher.clone(), i);
        }
        true
    }

    /// Applies a batch subscription (`batchSub`) of `watcher`: each `subscribe` action subscribes
    /// to every resource with the action's category list, each `unsubscribe` action ends them. The
    /// answers come from the same views as single subscriptions. Every action is checked before
    /// any is applied.
    pub fn batch_subscribe(
        &mut self,
        watcher: &Watcher,
        request: &BatchSub,
    ) -> Result<Vec<BatchAnswer>, BatchError> {
        own_list(watcher, &request.0.uri)?;
        if let Some(action) = request.0.action.iter().find(|a| matches!(a.name, ActionNameEnumEx::Other(_))) {
            return Err(BatchError::UnknownAction {
                id: action.id.clone(),
                name: action.name.as_str().to_owned(),
            });
        }
        let mut answers = Vec::new();
        for action in &request.0.action {
            let filter: Option<CategoryFilter> =
                action.category_list.as_ref().map(|l| l.category.iter().map(|c| c.name.clone()).collect());
            for resource in &action.adhoc_list.resource {
                let publisher = UserUri::new(&resource.uri);
                let body = match action.name {
                    ActionNameEnumEx::Subscribe => Some(self.subscribe(&publisher, watcher, filter.clone())),
                    _ => {
                        self.unsubscribe(&publisher, watcher);
                        None
                    }
                };
                answers.push(BatchAnswer { action_id: action.id.clone(), publisher, body });
            }
        }
        Ok(answers)
    }

    /// Applies an ad-hoc resource list subscription (`adhoclist`, `urn:ietf:params:xml:ns:adrl`, the
    /// other batch form a client may send): subscribes `watcher` to every resource it creates, with
    /// the category names of a `categoryList` carried beside `create` (all categories without one).
    /// The answers' `action_id` is empty: the form has no actions. The crate's choice, as for
    /// `batchSub`, since the docs show the form but not the server's answer.
    pub fn subscribe_adhoc_list(
        &mut self,
        watcher: &Watcher,
        request: &Adhoclist,
    ) -> Result<Vec<BatchAnswer>, BatchError> {
        own_list(watcher, &request.0.uri)?;
        let filter: Option<CategoryFilter> = request.0.any.iter().find_map(|value| match value {
            CategoryValue::CategoryList(list) => Some(list.category.iter().map(|c| c.name.clone()).collect()),
            _ => None,
        });
        let answers = request
            .0
            .create
            .resource
            .iter()
            .map(|resource| {
                let publisher = UserUri::new(&resource.uri);
                let body = Some(self.subscribe(&publisher, watcher, filter.clone()));
                BatchAnswer { action_id: String::new(), publisher, body }
            })
            .collect();
        Ok(answers)
    }

    /// After `changed` (and a membership change when `membership`): aggregation, then the
    /// notifications.
    fn settle(&mut self, uri: &UserUri, mut changed: Changed, membership: bool, now: Timestamp) -> ChangeSet {
        let Some(p) = self.presentities.get_mut(uri) else {
            return ChangeSet::default();
        };
        let inputs_changed = changed
            .keys
            .iter()
            .any(|k| matches!(k.container, AGGREGATION | AGGREGATION_WORKGROUP) && !p.aggregated.contains(k));
        if inputs_changed || (p.endpoints.is_empty() && !p.aggregated.is_empty()) {
            changed.extend(aggregate(p, &*self.aggregator, now));
        }
        notify(uri, p, &changed, membership, now)
    }
}

/// Runs the aggregator over `p`'s containers 2 and 3 and replaces its earlier outputs.
fn aggregate(p: &mut Presentity, aggregator: &dyn Aggregator, now: Timestamp) -> Changed {
    let outputs = if p.endpoints.is_empty() {
        Vec::new()
    } else {
        let inputs_of = |container| {
            p.store
                .in_container(container)
                .filter(|(category, instance, pb)| {
                    !pb.expired(now)
                        && !p.aggregated.contains(&InstanceKey::new(category, *instance, container))
                })
                .map(|(category, instance, pb)| Input {
                    category,
                    instance,
                    endpoint: pb.endpoint.as_deref(),
                    publish_time: pb.publish_time,
                    value: &pb.value,
                })
                .collect()
        };
        let inputs =
            Inputs { container2: inputs_of(AGGREGATION), container3: inputs_of(AGGREGATION_WORKGROUP) };
        aggregator.aggregate(&inputs)
    };
    let mut changed = Changed::default();
    let mut produced = BTreeSet::new();
    for output in outputs {
        for &container in output.containers.iter().filter(|&&c| c <= MAX_CONTAINER) {
            let key = InstanceKey::new(&output.category, output.instance, container);
            if p.store.put_server(&key, output.value.clone(), Expiry::User, now) {
                p.membership.touch(container);
                changed.keys.insert(key.clone());
            }
            produced.insert(key);
        }
    }
    for old in std::mem::take(&mut p.aggregated) {
        if !produced.contains(&old) && p.store.remove(&old) {
            changed.keys.insert(old);
        }
    }
    p.aggregated = produced;
    changed
}

/// The notifications `changed` causes among `p`'s subscribers: bodies computed once per container
/// and category filter, compared with what each subscriber was last sent.
fn notify(
    uri: &UserUri,
    p: &mut Presentity,
    changed: &Changed,
    membership: bool,
    now: Timestamp,
) -> ChangeSet {
    let mut changes = ChangeSet::default();
    if changed.keys.is_empty() && !membership {
        return changes;
    }
    changes.self_changed.insert(uri.clone());
    let touched = changed.containers();
    let Presentity { store, membership: members, subscriptions, .. } = p;
    let mut bodies: HashMap<(u32, usize), Arc<Categories>> = HashMap::new();
    let mut differs: HashMap<(usize, usize), bool> = HashMap::new();
    let mut by_body: HashMap<usize, usize> = HashMap::new();
    let mut retired = Vec::new();
    for s in subscriptions.iter_mut() {
        if membership && s.container != OWNER {
            s.container = members.container_of(&s.watcher);
        }
        if !(membership || s.container == OWNER || touched.contains(&s.container)) {
            continue;
        }
        let filter_id = s.filter.as_ref().map_or(0, |f| Arc::as_ptr(f) as usize);
        let body = bodies
            .entry((s.container, filter_id))
            .or_insert_with(|| Arc::new(body_of(uri, store, s.container, s.filter.as_deref(), now)))
            .clone();
        let pair = (Arc::as_ptr(&s.last) as usize, Arc::as_ptr(&body) as usize);
        if pair.0 == pair.1 || !*differs.entry(pair).or_insert_with(|| *s.last != *body) {
            continue;
        }
        // the old body stays alive until the end, so no new body can take its address in `differs`
        retired.push(std::mem::replace(&mut s.last, body.clone()));
        let slot = *by_body.entry(pair.1).or_insert_with(|| {
            changes.notifications.push(Notification { publisher: uri.clone(), watchers: Vec::new(), body });
            changes.notifications.len() - 1
        });
        if let Some(n) = changes.notifications.get_mut(slot) {
            n.watchers.push(s.watcher.clone());
        }
    }
    drop(retired);
    changes
}

/// A batch form names its subscriber: it must be the watcher sending it.
fn own_list(watcher: &Watcher, uri: &str) -> Result<(), BatchError> {
    if UserUri::new(uri) == watcher.uri {
        return Ok(());
    }
    Err(BatchError::WrongSubscriber { watcher: watcher.uri.to_string(), uri: uri.to_owned() })
}
