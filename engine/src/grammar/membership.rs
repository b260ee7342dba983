//! Checking a membership change (`setContainerMembers`) against the container manifest.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;

use enhanced_presence::container_management::{
    ContainerListType, MemberActionEnumEx, MemberUpdateType, SetContainerMembersType,
};
use enhanced_presence::container_manifest_schema::{RoleTypeEnumEx, SourceNetworkTypeEnumEx};

use super::rules::{AllowedContainers, MemberRule, Occurrence, Resolution};
use super::{Grammar, MAX_CONTAINER_ID};
use crate::trim_xml;

/// A member of a container: a kind (`user`, `domain`, `sameEnterprise`, `federated`,
/// `publicCloud`, `everyone`, or another token) and, for users and domains, an address.
/// Addresses are kept without a `sip:` scheme and in lower case, so equal addresses compare equal.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Member {
    /// The member type, as written.
    pub kind: String,
    /// The user's address or the domain, normalised; `None` for the other kinds.
    pub address: Option<String>,
}

impl Member {
    /// A member of `kind` with an optional address (normalised here).
    pub fn new(kind: &str, address: Option<&str>) -> Self {
        let address = address.map(normalize_address).filter(|a| !a.is_empty());
        Member { kind: trim_xml(kind).to_owned(), address }
    }

    /// A user, by SIP address (with or without `sip:`).
    pub fn user(address: &str) -> Self {
        Member::new("user", Some(address))
    }

    /// A domain.
    pub fn domain(domain: &str) -> Self {
        Member::new("domain", Some(domain))
    }

    fn of_update(m: &MemberUpdateType) -> Self {
        Member::new(m.type_.as_str(), m.value.as_deref())
    }

    /// The domain of a user's address (after its last `@`).
    fn user_domain(&self) -> Option<&str> {
        match (self.kind.as_str(), &self.address) {
            ("user", Some(address)) => address.rsplit_once('@').map(|(_, domain)| domain),
            _ => None,
        }
    }

    /// The network a scope member stands for; users and domains have none of their own.
    fn scope_network(&self) -> Option<&str> {
        matches!(self.kind.as_str(), "sameEnterprise" | "federated" | "publicCloud")
            .then_some(self.kind.as_str())
    }
}

impl fmt::Display for Member {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.address {
            Some(address) => write!(f, "{} {address}", self.kind),
            None => f.write_str(&self.kind),
        }
    }
}

/// An address without its `sip:` scheme, trimmed and in ASCII lower case.
pub(super) fn normalize_address(address: &str) -> String {
    let address = trim_xml(address);
    let bare = match address.get(..4) {
        Some(scheme) if scheme.eq_ignore_ascii_case("sip:") => &address[4..],
        _ => address,
    };
    bare.to_ascii_lowercase()
}

/// The owner's containers and their members.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Memberships {
    containers: BTreeMap<u32, BTreeSet<Member>>,
    /// The same pairs by member, so a member's containers are found without a scan.
    by_member: BTreeMap<Member, BTreeSet<u32>>,
}

impl Memberships {
    /// No container has members.
    pub fn new() -> Self {
        Memberships::default()
    }

    /// The memberships a self subscription reports (`containers` in the container-management
    /// namespace).
    pub fn from_list(list: &ContainerListType) -> Self {
        let mut memberships = Memberships::new();
        for container in &list.container {
            for m in &container.member {
                memberships.add(container.id, Member::new(m.type_.as_str(), m.value.as_deref()));
            }
        }
        memberships
    }

    /// Puts `member` in `container`.
    pub fn add(&mut self, container: u32, member: Member) {
        self.by_member.entry(member.clone()).or_default().insert(container);
        self.containers.entry(container).or_default().insert(member);
    }

    /// Takes `member` out of `container` (nothing happens when it is not there).
    pub fn remove(&mut self, container: u32, member: &Member) {
        if let Some(members) = self.containers.get_mut(&container) {
            members.remove(member);
            if members.is_empty() {
                self.containers.remove(&container);
            }
        }
        if let Some(containers) = self.by_member.get_mut(member) {
            containers.remove(&container);
            if containers.is_empty() {
                self.by_member.remove(member);
            }
        }
    }

    /// Whether `member` is in `container`.
    pub fn contains(&self, container: u32, member: &Member) -> bool {
        self.containers.get(&container).is_some_and(|members| members.contains(member))
    }

    /// The containers `member` is in, ascending.
    pub fn containers_of(&self, member: &Member) -> Vec<u32> {
        self.by_member.get(member).map(|ids| ids.iter().copied().collect()).unwrap_or_default()
    }

    /// The members of `container`.
    pub fn members(&self, container: u32) -> impl Iterator<Item = &Member> {
        self.containers.get(&container).into_iter().flatten()
    }
}

/// What the owner's client knows about a user or domain: the network it comes from and the
/// roles it has for the owner (`buddy`: in the contact list; `delegate`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    /// Its source network, when known.
    pub network: Option<SourceNetworkTypeEnumEx>,
    /// Its roles.
    pub roles: Vec<RoleTypeEnumEx>,
}

/// Where the check learns about the users and domains a change names. Any
/// `Fn(&Member) -> Contact` is one; `()` knows nothing.
pub trait Directory {
    /// What is known about `member` (a user or a domain).
    fn contact(&self, member: &Member) -> Contact;
}

impl<F: Fn(&Member) -> Contact> Directory for F {
    fn contact(&self, member: &Member) -> Contact {
        self(member)
    }
}

impl Directory for () {
    fn contact(&self, _: &Member) -> Contact {
        Contact::default()
    }
}

/// A membership the container manifest does not allow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembershipViolation {
    /// The container concerned (for an occurrence fault, the last one the change touched).
    pub container: u32,
    /// The member.
    pub member: Member,
    /// The member rule that applied (its position among the `member` elements), if any.
    pub rule: Option<usize>,
    /// The role whose rule applied, when a role decided (see `rolePrecedence`).
    pub role: Option<String>,
    /// What is wrong.
    pub fault: MembershipFault,
    /// What the rule says a client should do about it.
    pub resolutions: Vec<Resolution>,
}

/// What is wrong with a membership.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MembershipFault {
    /// The container ID is past 32767. The member is not added.
    ContainerOutOfRange,
    /// Container 0's membership is fixed (everyone in no other container). The member is not added.
    FixedContainer,
    /// Containers 1-3 belong to the owner alone. The member is not added.
    OwnerOnlyContainer,
    /// The member's rule does not allow this container.
    ContainerNotAllowed {
        /// The containers it allows, ascending.
        allowed: Vec<u32>,
    },
    /// After the change the member is in a number of containers its rule does not allow.
    Occurrence {
        /// The rule's constraint.
        constraint: Occurrence,
        /// The containers it is in after the change.
        containers: Vec<u32>,
    },
    /// The container avoids redundant members, and holds this user together with the user's domain.
    RedundantMember {
        /// The domain.
        domain: String,
    },
    /// A member action other than `add` and `remove`; nothing is applied.
    UnknownAction {
        /// The token.
        action: String,
    },
}

impl fmt::Display for MembershipViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} in container {}: ", self.member, self.container)?;
        match &self.fault {
            MembershipFault::ContainerOutOfRange => write!(f, "container IDs run 0-{MAX_CONTAINER_ID}")?,
            MembershipFault::FixedContainer => f.write_str("container 0's membership is fixed")?,
            MembershipFault::OwnerOnlyContainer => f.write_str("containers 1-3 are the owner's alone")?,
            MembershipFault::ContainerNotAllowed { allowed } => {
                let allowed: Vec<String> = allowed.iter().map(u32::to_string).collect();
                write!(f, "the member's rule allows only containers [{}]", allowed.join(", "))?
            }
            MembershipFault::Occurrence { constraint, containers } => {
                let ids: Vec<String> = containers.iter().map(u32::to_string).collect();
                write!(f, "occurrence {} broken: in [{}]", constraint.as_str(), ids.join(", "))?
            }
            MembershipFault::RedundantMember { domain } => {
                write!(f, "the container also holds domain {domain} and avoids redundant members")?
            }
            MembershipFault::UnknownAction { action } => write!(f, "unknown member action {action:?}")?,
        }
        if let Some(rule) = self.rule {
            write!(f, " [member rule {rule}")?;
            if let Some(role) = &self.role {
                write!(f, ", role {role}")?;
            }
            f.write_str("]")?;
        }
        Ok(())
    }
}

/// What [`Grammar::check_membership`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MembershipReport {
    /// Memberships the manifest does not allow.
    pub violations: Vec<MembershipViolation>,
    /// The memberships once the change is applied (members refused outright, in containers 0-3
    /// or past 32767, are left out).
    pub after: Memberships,
}

impl MembershipReport {
    /// Whether no violation was found.
    pub fn is_ok(&self) -> bool {
        self.violations.is_empty()
    }
}

/// The rule that governs `member`, and the role that chose it. See the module docs for the order.
fn rule_for<'g>(
    grammar: &'g Grammar,
    member: &Member,
    contact: &Contact,
) -> Option<(&'g MemberRule, Option<String>)> {
    let network = member.scope_network().or(contact.network.as_ref().map(|n| trim_xml(n.as_str())));
    let fits_network = |r: &MemberRule| match (&r.networks, network) {
        (Some(listed), Some(n)) => listed.iter().any(|l| l == n),
        _ => true,
    };
    let of_kind = |r: &MemberRule, kind: &str| r.member_type.as_deref().map_or(true, |t| t == kind);
    let rules = &grammar.member_rules;

    if let Some(address) = &member.address {
        let named =
            |r: &&MemberRule| r.uri.as_ref() == Some(address) && of_kind(r, &member.kind) && fits_network(r);
        if let Some(rule) = rules.iter().find(named) {
            return Some((rule, rule.role.clone()));
        }
    }
    if member.kind == "user" {
        let has = |role: &str| contact.roles.iter().any(|r| trim_xml(r.as_str()) == role);
        for role in grammar.role_order.iter().filter(|role| has(role)) {
            let by_role = |r: &&MemberRule| {
                r.role.as_ref() == Some(role) && r.uri.is_none() && of_kind(r, "user") && fits_network(r)
            };
            if let Some(rule) = rules.iter().find(by_role) {
                return Some((rule, Some(role.clone())));
            }
        }
    }
    let by_type = |r: &&MemberRule| {
        r.role.is_none() && r.uri.is_none() && r.member_type.as_ref() == Some(&member.kind) && fits_network(r)
    };
    rules.iter().find(by_type).map(|rule| (rule, None))
}

/// Why a member can never be put in `container`, whatever the manifest says.
fn refused(container: u32) -> Option<MembershipFault> {
    match container {
        0 => Some(MembershipFault::FixedContainer),
        1..=3 => Some(MembershipFault::OwnerOnlyContainer),
        id if id > MAX_CONTAINER_ID => Some(MembershipFault::ContainerOutOfRange),
        _ => None,
    }
}

pub(super) fn check(
    grammar: &Grammar,
    change: &SetContainerMembersType,
    current: &Memberships,
    directory: &dyn Directory,
) -> MembershipReport {
    let mut after = current.clone();
    let mut violations = Vec::new();
    // Members the change touched (in first-touch order, with the last container it touched them
    // in), and what it added.
    let mut touched: Vec<(Member, u32)> = Vec::new();
    let mut touched_at: HashMap<Member, usize> = HashMap::new();
    let mut added: HashSet<(u32, Member)> = HashSet::new();

    let governed = |member: &Member| {
        let contact = directory.contact(member);
        rule_for(grammar, member, &contact)
    };
    let violation = |container: u32, member: &Member, rule: Option<&(&MemberRule, Option<String>)>, fault| {
        MembershipViolation {
            container,
            member: member.clone(),
            rule: rule.map(|(r, _)| r.index),
            role: rule.and_then(|(_, role)| role.clone()),
            fault,
            resolutions: rule.map(|(r, _)| r.resolutions.clone()).unwrap_or_default(),
        }
    };

    for update in &change.container {
        for m in &update.member {
            let member = Member::of_update(m);
            let id = update.id;
            match &m.action {
                MemberActionEnumEx::Add => {
                    let rule = governed(&member);
                    if let Some(fault) = refused(id) {
                        violations.push(violation(id, &member, rule.as_ref(), fault));
                        continue;
                    }
                    if let Some(allowed) = rule.as_ref().and_then(|(r, _)| allowed_list(grammar, &r.allowed))
                    {
                        if !allowed.contains(&id) {
                            let fault = MembershipFault::ContainerNotAllowed { allowed };
                            violations.push(violation(id, &member, rule.as_ref(), fault));
                        }
                    }
                    after.add(id, member.clone());
                    added.insert((id, member.clone()));
                }
                MemberActionEnumEx::Remove => after.remove(id, &member),
                MemberActionEnumEx::Other(action) => {
                    let fault = MembershipFault::UnknownAction { action: action.clone() };
                    violations.push(violation(id, &member, None, fault));
                    continue;
                }
            }
            match touched_at.get(&member) {
                Some(&at) => touched[at].1 = id,
                None => {
                    touched_at.insert(member.clone(), touched.len());
                    touched.push((member, id));
                }
            }
        }
    }

    for (member, container) in &touched {
        let rule = governed(member);
        if let Some(constraint) = rule.as_ref().and_then(|(r, _)| r.occurrence) {
            let containers = after.containers_of(member);
            if !constraint.allows(containers.len()) {
                let fault = MembershipFault::Occurrence { constraint, containers };
                violations.push(violation(*container, member, rule.as_ref(), fault));
            }
        }
    }

    // A user together with the user's domain, in a container that avoids it, where the change
    // added either of them.
    let containers: BTreeSet<u32> = added.iter().map(|(id, _)| *id).collect();
    for container in containers.into_iter().filter(|&id| grammar.containers.avoids_redundant_members(id)) {
        let domains: BTreeSet<&str> = after
            .members(container)
            .filter(|m| m.kind == "domain")
            .filter_map(|m| m.address.as_deref())
            .collect();
        for user in after.members(container) {
            let Some(domain) = user.user_domain().filter(|d| domains.contains(d)) else { continue };
            let domain_member = Member::domain(domain);
            if added.contains(&(container, user.clone())) || added.contains(&(container, domain_member)) {
                let rule = governed(user);
                let fault = MembershipFault::RedundantMember { domain: domain.to_owned() };
                violations.push(violation(container, user, rule.as_ref(), fault));
            }
        }
    }

    MembershipReport { violations, after }
}

/// The containers a rule allows, ascending; `None` when it allows any.
fn allowed_list(grammar: &Grammar, allowed: &AllowedContainers) -> Option<Vec<u32>> {
    let mut ids = match allowed {
        AllowedContainers::Any => return None,
        AllowedContainers::Visible => grammar.containers.visible().to_vec(),
        AllowedContainers::Listed(ids) => ids.clone(),
    };
    ids.sort_unstable();
    ids.dedup();
    Some(ids)
}
