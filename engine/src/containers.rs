//! Containers and who belongs to them: `setContainerMembers` applied, the membership report of the
//! self subscription, and which container a watcher reads.
//!
//! Documented facts (facts §1): ids run 0–32767; naming an unknown id creates the container;
//! removing a member who is not there is ignored; members are users, domains or the network scopes
//! sameEnterprise, federated and publicCloud, or everyone; a watcher reads only the highest-id
//! container it belongs to, container 0 when none; containers 1–3 are owner-only and container 0's
//! membership is fixed.
//!
//! The crate's choices, where the docs are silent:
//! - a request naming container 0–3 is refused ([`MembershipError::Fixed`]) rather than ignored;
//! - user, domain and network matches count alike: any matching member makes the watcher belong;
//! - `everyone` covers every watcher, whatever its network;
//! - a domain member matches the watcher address's domain exactly (no subdomains);
//! - the membership version works like a publication version: a request carrying a version older
//!   than the container's is refused, nothing of it applied; each changed container's version
//!   becomes one more than the larger of the two;
//! - a new publisher has no members anywhere: the Lync defaults (federated and publicCloud in 100,
//!   sameEnterprise in 200) are something the client sets, built by [`lync_defaults`]; nothing
//!   is put in 32000 by default (the docs disagree on whether publicCloud is);
//! - the blocked container is container 32000, by its id: the manifest's `blocked` flag, which
//!   the docs call deprecated, changes nothing here. The highest-id rule applies to it like any
//!   other, so a watcher also in a custom container above 32000 reads that one (the docs infer
//!   the same). What blocked watchers see is what is published to 32000 (see [`crate::aggregate`]
//!   for the offline state and empty services).

use std::collections::{BTreeMap, BTreeSet};

use enhanced_presence::container_management::{
    ContainerListType, ContainerMemberType, ContainerMembershipType, ContainerUpdateType, Containers,
    MemberActionEnumEx, MemberTypeEnumEx, MemberUpdateType, SetContainerMembers, SetContainerMembersType,
};

use crate::error::MembershipError;
use crate::trim_xml;
use crate::watcher::{Network, UserUri, Watcher};

/// The highest container id (facts §1).
pub const MAX_CONTAINER: u32 = 32767;
/// Container 0: everyone in no other container.
pub const DEFAULT: u32 = 0;
/// Container 1: the owner's own settings.
pub const SELF: u32 = 1;
/// Container 2: aggregation inputs and outputs for the containers other than 300.
pub const AGGREGATION: u32 = 2;
/// Container 3: aggregation inputs and outputs for the workgroup container.
pub const AGGREGATION_WORKGROUP: u32 = 3;
/// Container 100: external contacts (federated and public users).
pub const EXTERNAL: u32 = 100;
/// Container 200: colleagues (the same enterprise).
pub const COLLEAGUES: u32 = 200;
/// Container 300: workgroup.
pub const WORKGROUP: u32 = 300;
/// Container 400: friends and family.
pub const FRIENDS_AND_FAMILY: u32 = 400;
/// Container 32000: blocked contacts.
pub const BLOCKED: u32 = 32000;

/// Whether watchers can ever read `container`: not 1–3, which stay owner-only, and not above
/// 32767.
pub fn is_watchable(container: u32) -> bool {
    container == DEFAULT || (container > AGGREGATION_WORKGROUP && container <= MAX_CONTAINER)
}

/// One member scope.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Member {
    /// One user.
    User(UserUri),
    /// Every user whose address is in this domain (lower case).
    Domain(String),
    /// Every watcher whose network is this one.
    Network(Network),
    /// Every watcher.
    Everyone,
}

impl Member {
    /// Whether `watcher` is covered by this member.
    pub fn covers(&self, watcher: &Watcher) -> bool {
        match self {
            Member::User(uri) => *uri == watcher.uri,
            Member::Domain(domain) => watcher.uri.domain() == domain,
            Member::Network(network) => *network == watcher.network,
            Member::Everyone => true,
        }
    }
}

/// One container's membership.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Container {
    /// The membership version.
    pub version: u32,
    users: BTreeSet<UserUri>,
    domains: BTreeSet<String>,
    networks: BTreeSet<Network>,
    everyone: bool,
}

impl Container {
    /// Whether `watcher` belongs to this container.
    pub fn contains(&self, watcher: &Watcher) -> bool {
        self.everyone
            || self.networks.contains(&watcher.network)
            || self.users.contains(&watcher.uri)
            || (!self.domains.is_empty() && self.domains.contains(watcher.uri.domain()))
    }

    /// The members, users first, then domains, network scopes and everyone.
    pub fn members(&self) -> impl Iterator<Item = Member> + '_ {
        let users = self.users.iter().cloned().map(Member::User);
        let domains = self.domains.iter().cloned().map(Member::Domain);
        let networks = self.networks.iter().copied().map(Member::Network);
        users.chain(domains).chain(networks).chain(self.everyone.then_some(Member::Everyone))
    }

    fn apply(&mut self, add: bool, member: Member) {
        match member {
            Member::User(uri) => set(&mut self.users, uri, add),
            Member::Domain(domain) => set(&mut self.domains, domain, add),
            Member::Network(network) => set(&mut self.networks, network, add),
            Member::Everyone => self.everyone = add,
        }
    }
}

fn set<T: Ord>(set: &mut BTreeSet<T>, item: T, add: bool) {
    if add {
        set.insert(item);
    } else {
        set.remove(&item);
    }
}

/// A publisher's containers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Membership {
    containers: BTreeMap<u32, Container>,
}

impl Membership {
    /// The container `id`, if it exists (it exists once something named it).
    pub fn get(&self, id: u32) -> Option<&Container> {
        self.containers.get(&id)
    }

    /// Makes sure container `id` exists (publishing to an unknown id creates it, facts §1).
    pub fn touch(&mut self, id: u32) {
        self.containers.entry(id).or_default();
    }

    /// The container `watcher` reads: the highest id it belongs to among the watchable containers,
    /// 0 when none.
    pub fn container_of(&self, watcher: &Watcher) -> u32 {
        self.containers
            .range(AGGREGATION_WORKGROUP + 1..=MAX_CONTAINER)
            .rev()
            .find(|(_, c)| c.contains(watcher))
            .map_or(DEFAULT, |(&id, _)| id)
    }

    /// Applies a membership request: every change is checked first, then all are applied. Returns
    /// the ids of the containers whose membership changed.
    pub fn apply(&mut self, request: &SetContainerMembers) -> Result<Vec<u32>, MembershipError> {
        let mut changes = Vec::new();
        for update in &request.0.container {
            let current = self.containers.get(&update.id).map_or(0, |c| c.version);
            check(update, current)?;
            for member in &update.member {
                changes.push((update.id, parse_member(update.id, member)?));
            }
        }
        let mut changed = Vec::new();
        for update in &request.0.container {
            let container = self.containers.entry(update.id).or_default();
            if !changed.contains(&update.id) {
                container.version = container.version.max(update.version).saturating_add(1);
                changed.push(update.id);
            }
        }
        for (id, (add, member)) in changes {
            self.containers.entry(id).or_default().apply(add, member);
        }
        Ok(changed)
    }

    /// The membership as the self subscription reports it: every container with its version and
    /// members.
    pub fn report(&self) -> Containers {
        let container = self
            .containers
            .iter()
            .map(|(&id, c)| ContainerMembershipType {
                id,
                version: Some(c.version),
                member: c.members().map(|m| report_member(&m)).collect(),
                ..ContainerMembershipType::default()
            })
            .collect();
        Containers(ContainerListType { container, ..ContainerListType::default() })
    }
}

fn check(update: &ContainerUpdateType, current: u32) -> Result<(), MembershipError> {
    let container = update.id;
    if container > MAX_CONTAINER {
        return Err(MembershipError::ContainerOutOfRange { container });
    }
    if container <= AGGREGATION_WORKGROUP {
        return Err(MembershipError::Fixed { container });
    }
    if update.version < current {
        return Err(MembershipError::StaleVersion { container, sent: update.version, current });
    }
    Ok(())
}

fn parse_member(container: u32, member: &MemberUpdateType) -> Result<(bool, Member), MembershipError> {
    let add = match &member.action {
        MemberActionEnumEx::Add => true,
        MemberActionEnumEx::Remove => false,
        MemberActionEnumEx::Other(action) => {
            return Err(MembershipError::UnknownAction { container, action: action.clone() })
        }
    };
    let value = || {
        member.value.as_deref().map(trim_xml).filter(|v| !v.is_empty()).ok_or_else(|| {
            MembershipError::MissingValue { container, member_type: member.type_.as_str().to_owned() }
        })
    };
    let scope = match &member.type_ {
        MemberTypeEnumEx::User => Member::User(UserUri::new(value()?)),
        MemberTypeEnumEx::Domain => Member::Domain(value()?.to_ascii_lowercase()),
        MemberTypeEnumEx::SameEnterprise => Member::Network(Network::SameEnterprise),
        MemberTypeEnumEx::Federated => Member::Network(Network::Federated),
        MemberTypeEnumEx::PublicCloud => Member::Network(Network::PublicCloud),
        MemberTypeEnumEx::Everyone => Member::Everyone,
        MemberTypeEnumEx::Other(other) => {
            return Err(MembershipError::UnknownMemberType { container, member_type: other.clone() })
        }
    };
    Ok((add, scope))
}

fn report_member(member: &Member) -> ContainerMemberType {
    let (type_, value) = member_type(member);
    ContainerMemberType { type_, value, any_attributes: Default::default() }
}

fn member_type(member: &Member) -> (MemberTypeEnumEx, Option<String>) {
    match member {
        Member::User(uri) => (MemberTypeEnumEx::User, Some(uri.bare().to_owned())),
        Member::Domain(domain) => (MemberTypeEnumEx::Domain, Some(domain.clone())),
        Member::Network(Network::SameEnterprise) => (MemberTypeEnumEx::SameEnterprise, None),
        Member::Network(Network::Federated) => (MemberTypeEnumEx::Federated, None),
        Member::Network(Network::PublicCloud) => (MemberTypeEnumEx::PublicCloud, None),
        Member::Everyone => (MemberTypeEnumEx::Everyone, None),
    }
}

/// Builds `setContainerMembers` requests.
#[derive(Debug, Clone, Default)]
pub struct MembershipBuilder {
    containers: Vec<ContainerUpdateType>,
}

impl MembershipBuilder {
    /// An empty request.
    pub fn new() -> Self {
        MembershipBuilder::default()
    }

    fn push(&mut self, container: u32, version: u32, add: bool, member: &Member) -> &mut Self {
        let (type_, value) = member_type(member);
        let action = if add { MemberActionEnumEx::Add } else { MemberActionEnumEx::Remove };
        let change = MemberUpdateType { action, type_, value, any_attributes: Default::default() };
        match self.containers.iter_mut().find(|c| c.id == container) {
            Some(c) => c.member.push(change),
            None => self.containers.push(ContainerUpdateType {
                id: container,
                version,
                any_attributes: Default::default(),
                member: vec![change],
                any: Vec::new(),
            }),
        }
        self
    }

    /// Adds `member` to `container`, whose membership version the client last saw is `version`.
    pub fn add(&mut self, container: u32, version: u32, member: Member) -> &mut Self {
        self.push(container, version, true, &member)
    }

    /// Removes `member` from `container`.
    pub fn remove(&mut self, container: u32, version: u32, member: Member) -> &mut Self {
        self.push(container, version, false, &member)
    }

    /// The request.
    pub fn build(&self) -> SetContainerMembers {
        SetContainerMembers(SetContainerMembersType {
            container: self.containers.clone(),
            ..Default::default()
        })
    }
}

/// The membership Lync's container manifest gives buddies by default (facts §5): federated and
/// public-cloud users in 100, users of the same enterprise in 200, for containers at version 0.
pub fn lync_defaults() -> SetContainerMembers {
    MembershipBuilder::new()
        .add(EXTERNAL, 0, Member::Network(Network::Federated))
        .add(EXTERNAL, 0, Member::Network(Network::PublicCloud))
        .add(COLLEAGUES, 0, Member::Network(Network::SameEnterprise))
        .build()
}
