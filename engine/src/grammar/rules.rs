//! The manifests read into rules the checks can apply: values checked and converted once, so a
//! check never meets an out-of-range number or an unknown token.

use std::fmt;

use enhanced_presence::container_manifest_schema as cm;
use enhanced_presence::publication_grammar_schema_for_new_publication_manifest as pm;
use enhanced_presence::xs::Integer;

use super::literal::{self, RuleData};
use super::MAX_CONTAINER_ID;
use crate::trim_xml;

/// The kind of a publication rule (`ruleType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    /// Applies to every publication of the category.
    Transformation,
    /// The publication a client makes the first time it signs in.
    Bootstrap,
    /// Names publications to remove; it does not allow publishing.
    Cleanup,
}

/// Which instances a publication rule covers (`instanceId`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstanceMatch {
    /// Every instance: no `instanceId`, or a `custom` one (the publisher picks the ID).
    Any,
    /// Only this instance (`type="constant"`).
    Constant(u32),
}

/// The lifetime a rule demands (`expireType`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExpireKind {
    /// A lifetime the publication must carry: `endpoint` (also when the rule has no
    /// `expireType`), `static`, `user`, `time`, or another token.
    Exactly(String),
    /// `custom`: left to the publisher, any lifetime is accepted.
    Custom,
}

/// One usable `publicationRule`.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicationRule {
    /// Its position among the manifest's `publicationRule` elements (0-based).
    pub index: usize,
    /// Its kind.
    pub kind: RuleKind,
    /// The category name it governs.
    pub category: String,
    /// The container it allows.
    pub container: u32,
    /// The instances it covers.
    pub instance: InstanceMatch,
    /// The lifetime it demands.
    pub expire: ExpireKind,
    /// What the published value must be.
    pub data: RuleData,
}

/// Manifest content a rule could not use; the rule (or the part named) does not apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManifestIssue {
    /// A `publicationRule` whose `containerId` is not a container ID (0–32767).
    ContainerIdOutOfRange {
        /// The rule's position among the `publicationRule` elements.
        rule: usize,
        /// The value as written.
        value: String,
    },
    /// A constant `instanceId` whose value is not an unsigned 32-bit instance ID.
    InstanceIdOutOfRange {
        /// The rule's position.
        rule: usize,
        /// The value as written.
        value: String,
    },
    /// A `ruleType` the crate does not know; the rule is left out.
    UnknownRuleType {
        /// The rule's position.
        rule: usize,
        /// The token.
        value: String,
    },
    /// An `instanceId` type other than `constant` and `custom`; the rule covers every instance.
    UnknownInstanceIdType {
        /// The rule's position.
        rule: usize,
        /// The token.
        value: String,
    },
    /// A `categoryData` that is neither a single element nor XML text; its value is not checked.
    UnreadableCategoryData {
        /// The rule's position.
        rule: usize,
        /// Why.
        reason: String,
    },
    /// A member rule token the crate does not know (`allowedContainers/@type`,
    /// `occurrenceConstraint/@type`); that part of the rule does not constrain.
    UnknownMemberToken {
        /// The member rule's position among the `member` elements.
        member: usize,
        /// Which attribute.
        attribute: &'static str,
        /// The token.
        value: String,
    },
    /// A container ID in the container manifest past 32767; it is left out.
    ManifestContainerOutOfRange {
        /// The member rule's position, or `None` for the `containers` list.
        member: Option<usize>,
        /// The ID.
        id: u32,
    },
}

impl fmt::Display for ManifestIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ContainerIdOutOfRange { rule, value } => {
                write!(
                    f,
                    "publicationRule {rule}: containerId {value} is not 0-{MAX_CONTAINER_ID}; rule ignored"
                )
            }
            Self::InstanceIdOutOfRange { rule, value } => {
                write!(
                    f,
                    "publicationRule {rule}: instanceId {value} is not a 32-bit instance ID; rule ignored"
                )
            }
            Self::UnknownRuleType { rule, value } => {
                write!(f, "publicationRule {rule}: unknown ruleType {value:?}; rule ignored")
            }
            Self::UnknownInstanceIdType { rule, value } => {
                write!(f, "publicationRule {rule}: unknown instanceId type {value:?}; any instance matches")
            }
            Self::UnreadableCategoryData { rule, reason } => {
                write!(f, "publicationRule {rule}: categoryData not used: {reason}")
            }
            Self::UnknownMemberToken { member, attribute, value } => {
                write!(f, "member {member}: unknown {attribute} {value:?}; not constraining")
            }
            Self::ManifestContainerOutOfRange { member: Some(m), id } => {
                write!(f, "member {m}: container {id} is not 0-{MAX_CONTAINER_ID}; left out")
            }
            Self::ManifestContainerOutOfRange { member: None, id } => {
                write!(f, "containers: container {id} is not 0-{MAX_CONTAINER_ID}; left out")
            }
        }
    }
}

/// Reads the rules of a publication manifest; `offset` numbers them after rules loaded before.
pub(super) fn publication_rules(
    manifest: &pm::CategoryPublicationManifestType,
    offset: usize,
) -> (Vec<PublicationRule>, Vec<ManifestIssue>) {
    let mut issues = Vec::new();
    let rules = manifest
        .publication_list
        .publication_rule
        .iter()
        .enumerate()
        .filter_map(|(i, rule)| publication_rule(offset + i, rule, &mut issues))
        .collect();
    (rules, issues)
}

fn publication_rule(
    index: usize,
    rule: &pm::PublicationRuleType,
    issues: &mut Vec<ManifestIssue>,
) -> Option<PublicationRule> {
    let kind = match &rule.rule_type {
        pm::RuleTypeEnumEx::Transformation => RuleKind::Transformation,
        pm::RuleTypeEnumEx::Bootstrap => RuleKind::Bootstrap,
        pm::RuleTypeEnumEx::Cleanup => RuleKind::Cleanup,
        pm::RuleTypeEnumEx::Other(token) => {
            issues.push(ManifestIssue::UnknownRuleType { rule: index, value: token.clone() });
            return None;
        }
    };
    let Some(container) = container_id(&rule.container_id) else {
        let value = integer_text(&rule.container_id);
        issues.push(ManifestIssue::ContainerIdOutOfRange { rule: index, value });
        return None;
    };
    let instance = match &rule.instance_id {
        None => InstanceMatch::Any,
        Some(id) => match &id.type_ {
            pm::InstanceIdValuesEnumEx::Constant => {
                match id.value.to_u64().and_then(|v| u32::try_from(v).ok()) {
                    Some(v) => InstanceMatch::Constant(v),
                    None => {
                        let value = integer_text(&id.value);
                        issues.push(ManifestIssue::InstanceIdOutOfRange { rule: index, value });
                        return None;
                    }
                }
            }
            pm::InstanceIdValuesEnumEx::Custom => InstanceMatch::Any,
            pm::InstanceIdValuesEnumEx::Other(token) => {
                issues.push(ManifestIssue::UnknownInstanceIdType { rule: index, value: token.clone() });
                InstanceMatch::Any
            }
        },
    };
    let expire = match rule.expire_type.as_ref().map(|e| &e.type_) {
        None => ExpireKind::Exactly("endpoint".to_owned()),
        Some(pm::ExpireTypeValuesEnumEx::Custom) => ExpireKind::Custom,
        Some(other) => ExpireKind::Exactly(trim_xml(other.as_str()).to_owned()),
    };
    let data = match &rule.category_data {
        None => RuleData::Unchanged,
        Some(data) => literal::classify(data),
    };
    if let RuleData::Unreadable(reason) = &data {
        issues.push(ManifestIssue::UnreadableCategoryData { rule: index, reason: reason.clone() });
    }
    Some(PublicationRule {
        index,
        kind,
        category: rule.category_name.clone(),
        container,
        instance,
        expire,
        data,
    })
}

/// An `xs:integer` as a container ID, if it is one.
fn container_id(value: &Integer) -> Option<u32> {
    value.to_u64().and_then(|v| u32::try_from(v).ok()).filter(|&v| v <= MAX_CONTAINER_ID)
}

fn integer_text(value: &Integer) -> String {
    let sign = if value.is_negative() { "-" } else { "" };
    format!("{sign}{}", value.magnitude_digits())
}

/// Where a member may be put (`allowedContainers`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllowedContainers {
    /// No `allowedContainers` (or an unknown type): anywhere.
    Any,
    /// `visibleContainers`: every container of the manifest whose `visible` flag is true.
    Visible,
    /// `custom`: the listed containers only.
    Listed(Vec<u32>),
}

/// How many containers a member may be in at once (`occurrenceConstraint`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occurrence {
    /// In none.
    Zero,
    /// In exactly one.
    One,
    /// In at most one.
    ZeroOrOne,
}

impl Occurrence {
    /// Whether being in `count` containers satisfies the constraint.
    pub fn allows(self, count: usize) -> bool {
        match self {
            Occurrence::Zero => count == 0,
            Occurrence::One => count == 1,
            Occurrence::ZeroOrOne => count <= 1,
        }
    }

    /// The token as written in the manifest.
    pub fn as_str(self) -> &'static str {
        match self {
            Occurrence::Zero => "zero",
            Occurrence::One => "one",
            Occurrence::ZeroOrOne => "zeroOrOne",
        }
    }
}

/// What the manifest says a client should do when a member breaks its rule (`resolutionRule`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Take the member out of the container.
    RemoveFromContainer,
    /// Move the member to the rule's default container (when the rule names one).
    MoveToDefaultContainer(Option<u32>),
    /// Treat the member as having this role.
    ForceRole(Option<String>),
    /// A resolution the crate does not know.
    Other(String),
}

/// One `member` rule of the container manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRule {
    /// Its position among the `member` elements (0-based).
    pub index: usize,
    /// The member type it selects (`user`, `domain`, `sameEnterprise`, …), if any.
    pub member_type: Option<String>,
    /// The role it selects (`buddy`, `delegate`), if any.
    pub role: Option<String>,
    /// The one user or domain it selects, without `sip:` and in lower case, if any.
    pub uri: Option<String>,
    /// The source networks it is limited to, if any.
    pub networks: Option<Vec<String>>,
    /// Where the member may be put.
    pub allowed: AllowedContainers,
    /// Its default container.
    pub default_container: Option<u32>,
    /// How many containers the member may be in.
    pub occurrence: Option<Occurrence>,
    /// What to do when the rule is broken.
    pub resolutions: Vec<Resolution>,
}

/// The containers a manifest declares, with the flags the checks use.
#[derive(Debug, Clone, Default)]
pub(super) struct ContainerTable {
    visible: Vec<u32>,
    avoid_redundant: Vec<u32>,
}

impl ContainerTable {
    pub(super) fn visible(&self) -> &[u32] {
        &self.visible
    }

    pub(super) fn avoids_redundant_members(&self, id: u32) -> bool {
        self.avoid_redundant.contains(&id)
    }
}

/// What [`container_manifest`] reads.
pub(super) struct ContainerManifest {
    pub containers: ContainerTable,
    pub members: Vec<MemberRule>,
    pub role_order: Vec<String>,
    pub issues: Vec<ManifestIssue>,
}

pub(super) fn container_manifest(list: &cm::ContainerManifestListType) -> ContainerManifest {
    let manifest = &list.container_manifest;
    let mut issues = Vec::new();
    let mut containers = ContainerTable::default();
    for c in manifest.containers.iter().flat_map(|c| &c.container) {
        if c.id > MAX_CONTAINER_ID {
            issues.push(ManifestIssue::ManifestContainerOutOfRange { member: None, id: c.id });
            continue;
        }
        if c.visible == Some(true) {
            containers.visible.push(c.id);
        }
        if c.avoid_redundant_members == Some(true) {
            containers.avoid_redundant.push(c.id);
        }
    }
    let members: Vec<MemberRule> = manifest
        .members
        .iter()
        .flat_map(|m| &m.member)
        .enumerate()
        .map(|(i, m)| member_rule(i, m, &mut issues))
        .collect();

    // Role precedence may sit in the base content or in the first extension version (wire form).
    let extension =
        manifest.delimiter_end.as_ref().and_then(|d| d.delimiter_block_rules_role_precedence.as_ref());
    let precedence = manifest.role_precedence.as_ref().or(extension.and_then(|e| e.role_precedence.as_ref()));
    let mut role_order: Vec<String> = Vec::new();
    let listed = precedence.iter().flat_map(|p| &p.role_precedence_entry).map(|e| trim_xml(e.type_.as_str()));
    let mentioned = members.iter().filter_map(|m| m.role.as_deref());
    for role in listed.chain(mentioned) {
        if !role_order.iter().any(|r| r == role) {
            role_order.push(role.to_owned());
        }
    }
    ContainerManifest { containers, members, role_order, issues }
}

fn member_rule(index: usize, m: &cm::MemberType, issues: &mut Vec<ManifestIssue>) -> MemberRule {
    let extension =
        m.delimiter_end.as_ref().and_then(|d| d.delimiter_source_networks_resolution_rules.as_ref());
    let networks = m.source_networks.as_ref().or(extension.and_then(|e| e.source_networks.as_ref()));
    let resolution_rules =
        m.resolution_rules.as_ref().or(extension.and_then(|e| e.resolution_rules.as_ref()));
    let default_container = m.default_container.as_ref().map(|c| c.id);

    let allowed = match &m.allowed_containers {
        None => AllowedContainers::Any,
        Some(a) => match &a.type_ {
            cm::AllowedContainersTypeEnumEx::VisibleContainers => AllowedContainers::Visible,
            cm::AllowedContainersTypeEnumEx::Custom => {
                let mut ids = Vec::new();
                for c in &a.container {
                    if c.id > MAX_CONTAINER_ID {
                        issues.push(ManifestIssue::ManifestContainerOutOfRange {
                            member: Some(index),
                            id: c.id,
                        });
                    } else {
                        ids.push(c.id);
                    }
                }
                AllowedContainers::Listed(ids)
            }
            cm::AllowedContainersTypeEnumEx::Other(token) => {
                let (attribute, value) = ("allowedContainers type", token.clone());
                issues.push(ManifestIssue::UnknownMemberToken { member: index, attribute, value });
                AllowedContainers::Any
            }
        },
    };
    let occurrence = m.occurrence_constraint.as_ref().and_then(|o| match &o.type_ {
        cm::OccurrenceConstraintTypeEnumEx::Zero => Some(Occurrence::Zero),
        cm::OccurrenceConstraintTypeEnumEx::One => Some(Occurrence::One),
        cm::OccurrenceConstraintTypeEnumEx::ZeroOrOne => Some(Occurrence::ZeroOrOne),
        cm::OccurrenceConstraintTypeEnumEx::Other(token) => {
            let (attribute, value) = ("occurrenceConstraint type", token.clone());
            issues.push(ManifestIssue::UnknownMemberToken { member: index, attribute, value });
            None
        }
    });
    let resolutions = resolution_rules
        .iter()
        .flat_map(|r| &r.resolution_rule)
        .map(|r| match &r.type_ {
            cm::ResolutionRuleTypeEnumEx::RemoveFromContainer => Resolution::RemoveFromContainer,
            cm::ResolutionRuleTypeEnumEx::MoveToDefaultContainer => {
                Resolution::MoveToDefaultContainer(default_container)
            }
            cm::ResolutionRuleTypeEnumEx::ForceRole => {
                Resolution::ForceRole(r.role.as_ref().map(|role| trim_xml(role.as_str()).to_owned()))
            }
            cm::ResolutionRuleTypeEnumEx::Other(token) => Resolution::Other(token.clone()),
        })
        .collect();
    MemberRule {
        index,
        member_type: m.type_.as_ref().map(|t| trim_xml(t.as_str()).to_owned()),
        role: m.role.as_ref().map(|r| trim_xml(r.as_str()).to_owned()),
        uri: m.uri.as_deref().map(super::membership::normalize_address),
        networks: networks
            .map(|n| n.source_network.iter().map(|s| trim_xml(s.type_.as_str()).to_owned()).collect()),
        allowed,
        default_container,
        occurrence,
        resolutions,
    }
}
