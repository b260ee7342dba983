//! Checking a publish request against the publication rules.

use std::collections::HashMap;
use std::fmt;

use enhanced_presence::rich_presence::{PublicationType, PublishType};

use super::literal::{self, RuleData};
use super::rules::{ExpireKind, InstanceMatch, PublicationRule, RuleKind};
use super::{Grammar, MAX_CONTAINER_ID};
use crate::trim_xml;

/// The publication a finding is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicationRef {
    /// Its position among the request's `publication` elements (0-based).
    pub index: usize,
    /// Its category name.
    pub category: String,
    /// Its instance ID.
    pub instance: u32,
    /// Its container ID.
    pub container: u32,
}

impl PublicationRef {
    fn of(index: usize, p: &PublicationType) -> Self {
        PublicationRef {
            index,
            category: p.category_name.clone(),
            instance: p.instance,
            container: p.container,
        }
    }
}

impl fmt::Display for PublicationRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} instance {} in container {}", self.category, self.instance, self.container)
    }
}

/// A publication the grammar does not allow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicationViolation {
    /// The publication.
    pub publication: PublicationRef,
    /// The rule broken (its position among the `publicationRule` elements), when one rule is.
    pub rule: Option<usize>,
    /// What is wrong.
    pub fault: PublicationFault,
}

/// What is wrong with a publication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublicationFault {
    /// The container ID is past 32767, the highest the server accepts.
    ContainerOutOfRange,
    /// No rule names the category (reported only by a [`Grammar::strict`] grammar).
    NoRuleForCategory,
    /// No rule for the category allows this container.
    ContainerNotAllowed {
        /// The containers the category's rules allow, ascending.
        allowed: Vec<u32>,
    },
    /// Rules for the category and container exist, but each covers other constant instances.
    InstanceNotAllowed {
        /// The instances they cover, ascending.
        allowed: Vec<u32>,
    },
    /// The publication's `expireType` is not the one the rule demands.
    ExpireTypeMismatch {
        /// The rule's (`endpoint` when the rule has none).
        expected: String,
        /// The publication's.
        found: String,
    },
    /// The value is not the rule's literal `categoryData`.
    ValueDiffers {
        /// How it differs, one line each (paths and values).
        differences: Vec<String>,
    },
    /// The rule's literal `categoryData` demands a value and the publication carries none.
    MissingValue,
}

impl fmt::Display for PublicationViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = &self.publication;
        write!(f, "{p}: ")?;
        match &self.fault {
            PublicationFault::ContainerOutOfRange => write!(f, "container IDs run 0-{MAX_CONTAINER_ID}")?,
            PublicationFault::NoRuleForCategory => {
                write!(f, "no publication rule names category {}", p.category)?
            }
            PublicationFault::ContainerNotAllowed { allowed } => write!(
                f,
                "no rule for {} allows container {} (allowed: {})",
                p.category,
                p.container,
                list(allowed)
            )?,
            PublicationFault::InstanceNotAllowed { allowed } => {
                write!(f, "the rules for this container cover only instance {}", list(allowed))?
            }
            PublicationFault::ExpireTypeMismatch { expected, found } => {
                write!(f, "expireType {found}, the rule demands {expected}")?
            }
            PublicationFault::ValueDiffers { differences } => {
                write!(f, "the value is not the rule's literal")?;
                if let Some(first) = differences.first() {
                    write!(f, ": {first}")?;
                }
                if differences.len() > 1 {
                    write!(f, " (and {} more)", differences.len() - 1)?;
                }
            }
            PublicationFault::MissingValue => write!(f, "no value, the rule's literal demands one")?,
        }
        match self.rule {
            Some(rule) => write!(f, " [publicationRule {rule}]"),
            None => Ok(()),
        }
    }
}

fn list(ids: &[u32]) -> String {
    if ids.is_empty() {
        return "none".to_owned();
    }
    ids.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
}

/// A part of a publication the check did not evaluate, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotEvaluated {
    /// The publication.
    pub publication: PublicationRef,
    /// The rule concerned, if any.
    pub rule: Option<usize>,
    /// Why.
    pub reason: NotEvaluatedReason,
}

/// Why a publication (or its value) was not evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotEvaluatedReason {
    /// The rule's value is an XSLT transformation, which the crate does not run: the value is
    /// unchecked (container, instance and lifetime were checked).
    Xslt,
    /// The rule's `categoryData` could not be read (see [`Grammar::issues`]): the value is
    /// unchecked.
    UnreadableCategoryData,
    /// No rule names the category, so the grammar says nothing about it.
    NoRuleForCategory,
    /// No `categoryPublicationManifest` is loaded (privacy mode has a container manifest only):
    /// nothing governs publications, even with [`Grammar::strict`](super::Grammar::strict).
    NoPublicationManifest,
}

impl fmt::Display for NotEvaluated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match self.reason {
            NotEvaluatedReason::Xslt => {
                "value not evaluated: the rule's categoryData is an XSLT transformation"
            }
            NotEvaluatedReason::UnreadableCategoryData => {
                "value not evaluated: the rule's categoryData is unreadable"
            }
            NotEvaluatedReason::NoRuleForCategory => "not evaluated: no publication rule names this category",
            NotEvaluatedReason::NoPublicationManifest => "not evaluated: no publication manifest is loaded",
        };
        write!(f, "{}: {why}", self.publication)?;
        match self.rule {
            Some(rule) => write!(f, " [publicationRule {rule}]"),
            None => Ok(()),
        }
    }
}

/// What [`Grammar::check_publish`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublishReport {
    /// Publications the grammar does not allow, in request order.
    pub violations: Vec<PublicationViolation>,
    /// What was left unchecked, in request order.
    pub not_evaluated: Vec<NotEvaluated>,
}

impl PublishReport {
    /// Whether no violation was found (some parts may still be [`Self::not_evaluated`]).
    pub fn is_ok(&self) -> bool {
        self.violations.is_empty()
    }
}

pub(super) fn check(grammar: &Grammar, publish: &PublishType) -> PublishReport {
    // The rules that allow publishing, by category, so a large request is not a scan per publication.
    let mut by_category: HashMap<&str, Vec<&PublicationRule>> = HashMap::new();
    for rule in grammar.publication_rules.iter().filter(|r| r.kind != RuleKind::Cleanup) {
        by_category.entry(rule.category.as_str()).or_default().push(rule);
    }
    let mut report = PublishReport::default();
    for (index, p) in publish.publications.publication.iter().enumerate() {
        let rules = by_category.get(p.category_name.as_str()).map(Vec::as_slice).unwrap_or_default();
        check_one(grammar, rules, PublicationRef::of(index, p), p, &mut report);
    }
    report
}

/// Checks one publication against `for_category`, the publishing rules for its category.
fn check_one(
    grammar: &Grammar,
    for_category: &[&PublicationRule],
    at: PublicationRef,
    p: &PublicationType,
    report: &mut PublishReport,
) {
    let violation =
        |rule: Option<usize>, fault| PublicationViolation { publication: at.clone(), rule, fault };
    if p.container > MAX_CONTAINER_ID {
        report.violations.push(violation(None, PublicationFault::ContainerOutOfRange));
        return;
    }
    if p.expires == Some(0) {
        return; // A deletion publishes nothing.
    }
    if for_category.is_empty() {
        if grammar.strict && grammar.has_publication_manifest {
            report.violations.push(violation(None, PublicationFault::NoRuleForCategory));
        } else {
            let reason = if grammar.has_publication_manifest {
                NotEvaluatedReason::NoRuleForCategory
            } else {
                NotEvaluatedReason::NoPublicationManifest
            };
            report.not_evaluated.push(NotEvaluated { publication: at.clone(), rule: None, reason });
        }
        return;
    }
    let in_container: Vec<&PublicationRule> =
        for_category.iter().copied().filter(|r| r.container == p.container).collect();
    if in_container.is_empty() {
        let allowed = sorted(for_category.iter().map(|r| r.container));
        report.violations.push(violation(None, PublicationFault::ContainerNotAllowed { allowed }));
        return;
    }
    // The most specific rule decides: a constant instance before one covering every instance.
    let exact = in_container.iter().find(|r| r.instance == InstanceMatch::Constant(p.instance));
    let Some(rule) = exact.or_else(|| in_container.iter().find(|r| r.instance == InstanceMatch::Any)) else {
        let constants = in_container.iter().filter_map(|r| match r.instance {
            InstanceMatch::Constant(v) => Some(v),
            InstanceMatch::Any => None,
        });
        let allowed = sorted(constants);
        report.violations.push(violation(None, PublicationFault::InstanceNotAllowed { allowed }));
        return;
    };
    let rule_index = Some(rule.index);

    if let ExpireKind::Exactly(expected) = &rule.expire {
        let found = trim_xml(p.expire_type.as_str());
        if found != expected {
            let fault =
                PublicationFault::ExpireTypeMismatch { expected: expected.clone(), found: found.to_owned() };
            report.violations.push(violation(rule_index, fault));
        }
    }
    let not_evaluated = |reason| NotEvaluated { publication: at.clone(), rule: rule_index, reason };
    match (&rule.data, &p.value) {
        (RuleData::Unchanged, _) => {}
        (RuleData::Literal(_), None) => {
            report.violations.push(violation(rule_index, PublicationFault::MissingValue))
        }
        (RuleData::Literal(expected), Some(value)) => {
            let differences = literal::differences(expected, value);
            if !differences.is_empty() {
                report.violations.push(violation(rule_index, PublicationFault::ValueDiffers { differences }));
            }
        }
        (RuleData::Xslt, _) => report.not_evaluated.push(not_evaluated(NotEvaluatedReason::Xslt)),
        (RuleData::Unreadable(_), _) => {
            report.not_evaluated.push(not_evaluated(NotEvaluatedReason::UnreadableCategoryData))
        }
    }
}

fn sorted(ids: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut ids: Vec<u32> = ids.collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}
