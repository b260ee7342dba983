//! The publication grammar: checking a publish request and a membership change against a
//! `categoryPublicationManifest` and a `containerManifestList`, as a Lync client does before it
//! sends them (the server stores the grammars but leaves enforcing them to clients).
//!
//! ```
//! use enhanced_presence::{from_str, rich_presence::Publish};
//! use enhanced_presence::publication_grammar_schema_for_new_publication_manifest::CategoryPublicationManifest;
//! use enhanced_presence_engine::grammar::{Grammar, PublicationFault};
//!
//! let manifest: CategoryPublicationManifest = from_str(
//!     r#"<categoryPublicationManifest xmlns="http://schemas.microsoft.com/2008/09/sip/categoryPublicationManifest">
//!          <publicationList>
//!            <publicationRule ruleType="transformation" categoryName="note" containerId="200"/>
//!          </publicationList>
//!        </categoryPublicationManifest>"#,
//! )?;
//! let publish: Publish = from_str(
//!     r#"<publish xmlns="http://schemas.microsoft.com/2006/09/sip/rich-presence">
//!          <publications uri="sip:ines@fabrikam.com">
//!            <publication categoryName="note" instance="0" container="1" version="0" expireType="endpoint">
//!              <note xmlns="http://schemas.microsoft.com/2006/09/sip/note"><body type="personal">Hi</body></note>
//!            </publication>
//!          </publications>
//!        </publish>"#,
//! )?;
//! let grammar = Grammar::new().with_publication_manifest(&manifest);
//! let report = grammar.check_publish(&publish);
//! assert!(matches!(report.violations[0].fault, PublicationFault::ContainerNotAllowed { .. }));
//! println!("{}", report.violations[0]); // note instance 0 in container 1: no rule for note allows container 1 (allowed: 200)
//! # Ok::<(), enhanced_presence::Error>(())
//! ```
//!
//! # What is checked
//!
//! Publications ([`Grammar::check_publish`]), each against the rules for its category name:
//! - the container: a rule for the category names it (facts: `categoryName` and `containerId`
//!   are a rule's key); container IDs run 0–32767;
//! - the instance: a rule with a `constant` `instanceId` covers only that instance, one without
//!   `instanceId` (or with a `custom` one) covers every instance;
//! - the lifetime: the publication's `expireType` equals the rule's, and a rule without
//!   `expireType` means `endpoint` (the documented default);
//! - the value: a rule whose `categoryData` is a literal category instance demands exactly that
//!   value (compared as XML infosets: names, attributes, text; not prefixes or layout). A rule
//!   without `categoryData` copies the source value unchanged, which a single publication does
//!   not show, so there is nothing to compare.
//!
//! Membership changes ([`Grammar::check_membership`]), each added or removed member against the
//! container manifest's member rules: the container is one the rule allows (`visibleContainers`
//! = every container whose `visible` flag is true, or the `custom` list), the member's
//! `occurrenceConstraint` (`zero`, `one`, `zeroOrOne`) holds once the whole change is applied,
//! a user with several roles is judged by the rule of the role `rolePrecedence` lists first, a
//! container flagged `avoidRedundantMembers` does not hold a domain and a user of that domain,
//! container 0's membership is fixed and containers 1–3 are the owner's alone.
//!
//! # Not evaluated: XSLT
//!
//! A `categoryData` that is an XSLT stylesheet (`xsl:stylesheet`, `xsl:transform`, or a literal
//! result element carrying `xsl:version`) is reported in [`PublishReport::not_evaluated`] with
//! [`NotEvaluatedReason::Xslt`]: the crate does not run stylesheets. No Rust XSLT 1.0 processor
//! is both small and well kept today (the candidates are large and still changing, or thin
//! wrappers of a C library that a library user would then have to install), and the documented
//! stylesheets are the only ones Lync is known to send. Container, instance and lifetime are
//! still checked for those publications.
//!
//! # The crate's own choices (the docs are silent)
//!
//! - **Deletions** (`expires="0"`) are checked only for the container range: removing an
//!   instance never publishes anything, and a grammar that changed must not prevent cleaning up
//!   what an older one allowed.
//! - **Categories without any rule** are reported as not evaluated
//!   ([`NotEvaluatedReason::NoRuleForCategory`]), because the documented grammar excerpts do not
//!   cover the Self container's categories and a strict check would reject real Lync traffic.
//!   [`Grammar::strict`] turns them into violations.
//! - **Cleanup rules** name publications to remove; they do not allow publishing. Rules with a
//!   rule type the crate does not know are left out and listed in [`Grammar::issues`], as a
//!   client skips what it does not understand.
//! - **Most specific rule first**: a rule whose constant instance matches beats one that covers
//!   every instance; among equals the first in document order decides.
//! - **`expireTime`** is not compared with `expires`: the docs give no unit for it.
//! - **`custom` expireType** in a rule accepts any lifetime (the docs leave it undefined).
//! - **Member rules** are tried from the most specific: a rule naming the user's (or domain's)
//!   URI, then role rules in `rolePrecedence` order (roles it does not list come after, in the
//!   order the manifest first mentions them), then rules by member type. A rule with
//!   `sourceNetworks` applies when the member's network is listed, or when the network is not
//!   known. A member no rule matches is not constrained.
//! - **Occurrence** counts every container the member is in after the change; removing a member
//!   that is not in a container changes nothing (documented server behaviour).
//! - **Addresses** compare without a `sip:` scheme and without regard to ASCII case.
//! - **Resolution rules** (`moveToDefaultContainer`, `removeFromContainer`, `forceRole`) are
//!   not applied: each violation carries the resolution its rule prescribes, for the caller.
//!
//! Nothing here panics: every manifest and request the generated types can hold is checked, and
//! manifest values the crate cannot use (a container ID past 32767, an unknown token) make the
//! rule inapplicable and are listed in [`Grammar::issues`].

#![deny(missing_docs)]

mod literal;
mod membership;
mod publish;
mod rules;

use enhanced_presence::container_management::SetContainerMembersType;
use enhanced_presence::container_manifest_schema::ContainerManifestListType;
use enhanced_presence::provisiongrouplist_notification::ProvisionGroupType;
use enhanced_presence::publication_grammar_schema_for_new_publication_manifest::CategoryPublicationManifestType;
use enhanced_presence::rich_presence::PublishType;
use enhanced_presence::CategoryValue;

pub use literal::RuleData;
pub use membership::{
    Contact, Directory, Member, MembershipFault, MembershipReport, MembershipViolation, Memberships,
};
pub use publish::{
    NotEvaluated, NotEvaluatedReason, PublicationFault, PublicationRef, PublicationViolation, PublishReport,
};
pub use rules::{
    AllowedContainers, ExpireKind, InstanceMatch, ManifestIssue, MemberRule, Occurrence, PublicationRule,
    Resolution, RuleKind,
};

/// The highest container ID the server accepts.
pub const MAX_CONTAINER_ID: u32 = 32767;

/// A loaded publication grammar: the rules of a `categoryPublicationManifest` and of a
/// `containerManifestList`, ready to check requests against. Either part may be missing (privacy
/// mode has a container manifest only).
#[derive(Debug, Clone, Default)]
pub struct Grammar {
    publication_rules: Vec<PublicationRule>,
    has_publication_manifest: bool,
    containers: rules::ContainerTable,
    member_rules: Vec<MemberRule>,
    role_order: Vec<String>,
    issues: Vec<ManifestIssue>,
    strict: bool,
}

impl Grammar {
    /// A grammar with no rules: every publication is ungoverned, every membership unconstrained.
    pub fn new() -> Self {
        Grammar::default()
    }

    /// Adds the publication rules of a `categoryPublicationManifest` (after any already loaded).
    pub fn with_publication_manifest(mut self, manifest: &CategoryPublicationManifestType) -> Self {
        let offset = self.publication_rules.len();
        let (rules, issues) = rules::publication_rules(manifest, offset);
        self.publication_rules.extend(rules);
        self.issues.extend(issues);
        self.has_publication_manifest = true;
        self
    }

    /// Uses the containers, member rules and role precedence of a `containerManifestList`
    /// (replacing any loaded before).
    pub fn with_container_manifest(mut self, manifest: &ContainerManifestListType) -> Self {
        let loaded = rules::container_manifest(manifest);
        self.containers = loaded.containers;
        self.member_rules = loaded.members;
        self.role_order = loaded.role_order;
        self.issues.extend(loaded.issues);
        self
    }

    /// Loads both manifests from a `provisionGroup` (`publicationGrammar` carries both,
    /// `privacyPublicationGrammar` the container manifest only); other content is ignored.
    pub fn from_provision_group(group: &ProvisionGroupType) -> Self {
        group.any.iter().fold(Grammar::new(), |grammar, value| match value {
            CategoryValue::CategoryPublicationManifest(m) => grammar.with_publication_manifest(m),
            CategoryValue::ContainerManifestList(m) => grammar.with_container_manifest(m),
            _ => grammar,
        })
    }

    /// Whether a publication of a category that no rule names is a violation
    /// ([`PublicationFault::NoRuleForCategory`]) rather than not evaluated. Off by default. Without
    /// a publication manifest (privacy mode) nothing governs publications, strict or not: they are
    /// reported as not evaluated ([`NotEvaluatedReason::NoPublicationManifest`]).
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// The publication rules, in manifest order.
    pub fn publication_rules(&self) -> &[PublicationRule] {
        &self.publication_rules
    }

    /// The member rules of the container manifest, in manifest order.
    pub fn member_rules(&self) -> &[MemberRule] {
        &self.member_rules
    }

    /// Manifest content the grammar could not use (the rule it belongs to does not apply).
    pub fn issues(&self) -> &[ManifestIssue] {
        &self.issues
    }

    /// Checks every publication of a publish request. See the module docs for what is checked.
    pub fn check_publish(&self, publish: &PublishType) -> PublishReport {
        publish::check(self, publish)
    }

    /// Checks a membership change against the container manifest, given the owner's current
    /// memberships and what the client knows about the users it names (network and roles).
    pub fn check_membership(
        &self,
        change: &SetContainerMembersType,
        current: &Memberships,
        directory: &dyn Directory,
    ) -> MembershipReport {
        membership::check(self, change, current, directory)
    }
}
