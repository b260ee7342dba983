//! The publication grammar on publish requests: rules matched by category, container and constant
//! instance; expireType; literal values; XSLT reported as not evaluated.

use enhanced_presence::container_manifest_schema::ContainerManifestList;
use enhanced_presence::from_str;
use enhanced_presence::provisiongrouplist_notification::ProvisionGroupList;
use enhanced_presence::publication_grammar_schema_for_new_publication_manifest::CategoryPublicationManifest;
use enhanced_presence::rich_presence::Publish;
use enhanced_presence_engine::grammar::{
    Grammar, ManifestIssue, NotEvaluatedReason, PublicationFault, RuleData, RuleKind,
};

const MANIFEST_NS: &str = "http://schemas.microsoft.com/2008/09/sip/categoryPublicationManifest";

/// A document of the repository's test corpus (documented examples retold in our own values).
fn corpus(path: &str) -> String {
    let full = format!("{}/../tests/data/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn manifest(rules: &str) -> CategoryPublicationManifest {
    let xml = format!(
        r#"<categoryPublicationManifest xmlns="{MANIFEST_NS}"><publicationList>{rules}</publicationList></categoryPublicationManifest>"#
    );
    from_str(&xml).expect("test manifest parses")
}

fn publish(publications: &str) -> Publish {
    let xml = format!(
        r#"<publish xmlns="http://schemas.microsoft.com/2006/09/sip/rich-presence"><publications uri="sip:mara.voss@northwind.example">{publications}</publications></publish>"#
    );
    from_str(&xml).expect("test request parses")
}

/// The documented note rules: the text unchanged for colleagues, workgroup and friends (200, 300,
/// 400); external (100) and blocked (32000) watchers get it through a stylesheet that empties it.
const NOTE_RULES: &str = r#"
  <publicationRule ruleType="transformation" categoryName="note" containerId="100">
    <categoryData>
      <xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="1.0"
                      xmlns:n="http://schemas.microsoft.com/2006/09/sip/note">
        <xsl:template match="/"><xsl:apply-templates select="//n:note"/></xsl:template>
        <xsl:template match="n:note"><xsl:copy/></xsl:template>
      </xsl:stylesheet>
    </categoryData>
  </publicationRule>
  <publicationRule ruleType="transformation" categoryName="note" containerId="200"/>
  <publicationRule ruleType="transformation" categoryName="note" containerId="300"/>
  <publicationRule ruleType="transformation" categoryName="note" containerId="400"/>
  <publicationRule ruleType="transformation" categoryName="note" containerId="32000">
    <categoryData>
      <xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="1.0"
                      xmlns:n="http://schemas.microsoft.com/2006/09/sip/note">
        <xsl:template match="n:note"><xsl:copy/></xsl:template>
      </xsl:stylesheet>
    </categoryData>
  </publicationRule>"#;

/// The documented bootstrap rule: a static aggregate state 18500 in the blocked container.
const BOOTSTRAP_RULE: &str = r#"
  <publicationRule ruleType="bootstrap" categoryName="state" containerId="32000">
    <instanceId type="constant" value="0"/>
    <expireType type="static"/>
    <categoryData>
      <state xmlns="http://schemas.microsoft.com/2006/09/sip/state"
             xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
             manual="false" xsi:type="aggregateState">
        <availability>18500</availability>
      </state>
    </categoryData>
  </publicationRule>"#;

fn note(container: u32, expire: &str) -> String {
    format!(
        r#"<publication categoryName="note" instance="0" container="{container}" version="2" expireType="{expire}">
             <note xmlns="http://schemas.microsoft.com/2006/09/sip/note"><body type="personal" uri="">On the late shift</body></note>
           </publication>"#
    )
}

fn blocked_state(instance: u32, expire: &str, availability: u32) -> String {
    format!(
        r#"<publication categoryName="state" instance="{instance}" container="32000" version="0" expireType="{expire}">
             <st:state xmlns:st="http://schemas.microsoft.com/2006/09/sip/state"
                       xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:type="st:aggregateState" manual="false">
               <st:availability>{availability}</st:availability>
             </st:state>
           </publication>"#
    )
}

#[test]
fn a_note_published_to_a_container_its_rules_do_not_allow_is_flagged() {
    let grammar = Grammar::new().with_publication_manifest(&manifest(NOTE_RULES));
    let report =
        grammar.check_publish(&publish(&format!("{}{}", note(1, "endpoint"), note(200, "endpoint"))));

    assert_eq!(report.violations.len(), 1, "{:#?}", report.violations);
    let v = &report.violations[0];
    assert_eq!((v.publication.index, v.publication.category.as_str()), (0, "note"));
    assert_eq!((v.publication.instance, v.publication.container), (0, 1));
    assert_eq!(v.fault, PublicationFault::ContainerNotAllowed { allowed: vec![100, 200, 300, 400, 32000] });
    assert_eq!(
        v.to_string(),
        "note instance 0 in container 1: no rule for note allows container 1 (allowed: 100, 200, 300, 400, 32000)"
    );
}

#[test]
fn the_documented_publications_are_accepted() {
    // The documented rules: state to 2 unchanged and to 3 through the DND stylesheet, the note
    // rules, and the bootstrap rule.
    let state = from_str::<CategoryPublicationManifest>(&corpus(
        "PublicationGrammarSchemaForNewPublicationManifest/valid/categorypublicationmanifest-element-state-transformation.xml",
    ))
    .unwrap();
    let notes: CategoryPublicationManifest = from_str(&corpus(
        "PublicationGrammarSchemaForNewPublicationManifest/valid/publicationrule-element.xml",
    ))
    .unwrap();
    let grammar = Grammar::new()
        .with_publication_manifest(&state)
        .with_publication_manifest(&notes)
        .with_publication_manifest(&manifest(BOOTSTRAP_RULE))
        .strict(true);
    assert!(grammar.issues().is_empty(), "{:?}", grammar.issues());

    for example in [
        "rich-presence/valid/creating-enhanced-presence-category-instances.xml",
        "rich-presence/valid/deleting-an-existing-publication.xml",
        "rich-presence/valid/enhanced-presence-category-instances.xml",
    ] {
        let request: Publish = from_str(&corpus(example)).unwrap();
        let report = grammar.check_publish(&request);
        assert!(report.is_ok(), "{example}: {:#?}", report.violations);
    }
    // The bootstrap publication itself, written with other prefixes and layout.
    let report = grammar.check_publish(&publish(&blocked_state(0, "static", 18500)));
    assert!(report.is_ok() && report.not_evaluated.is_empty(), "{report:#?}");
}

#[test]
fn a_stylesheet_rule_is_reported_as_not_evaluated_and_the_rest_is_still_checked() {
    let grammar = Grammar::new().with_publication_manifest(&manifest(NOTE_RULES));
    assert!(matches!(grammar.publication_rules()[0].data, RuleData::Xslt));
    assert!(matches!(grammar.publication_rules()[1].data, RuleData::Unchanged));

    let report =
        grammar.check_publish(&publish(&format!("{}{}", note(100, "endpoint"), note(32000, "static"))));
    let reasons: Vec<_> = report.not_evaluated.iter().map(|n| (n.publication.container, n.reason)).collect();
    assert_eq!(reasons, [(100, NotEvaluatedReason::Xslt), (32000, NotEvaluatedReason::Xslt)]);
    assert_eq!(report.not_evaluated[0].rule, Some(0));
    assert!(report.not_evaluated[0].to_string().contains("not evaluated"));
    // The lifetime of the 32000 copy is still checked.
    assert_eq!(report.violations.len(), 1, "{:#?}", report.violations);
    assert_eq!(report.violations[0].publication.container, 32000);
    assert!(matches!(report.violations[0].fault, PublicationFault::ExpireTypeMismatch { .. }));
}

#[test]
fn expire_type_must_match_the_rule_and_defaults_to_endpoint() {
    let grammar =
        Grammar::new().with_publication_manifest(&manifest(&format!("{NOTE_RULES}{BOOTSTRAP_RULE}")));

    // The bootstrap rule says static.
    let report = grammar.check_publish(&publish(&blocked_state(0, "user", 18500)));
    assert_eq!(report.violations.len(), 1, "{:#?}", report.violations);
    let v = &report.violations[0];
    assert_eq!(
        v.fault,
        PublicationFault::ExpireTypeMismatch { expected: "static".into(), found: "user".into() }
    );
    assert_eq!(v.rule, Some(5));

    // A rule without expireType means endpoint-bound.
    let report = grammar.check_publish(&publish(&note(300, "static")));
    assert_eq!(
        report.violations.iter().map(|v| &v.fault).collect::<Vec<_>>(),
        [&PublicationFault::ExpireTypeMismatch { expected: "endpoint".into(), found: "static".into() }]
    );
    assert!(grammar.check_publish(&publish(&note(300, "endpoint"))).is_ok());
}

#[test]
fn a_literal_rule_demands_its_value_and_its_constant_instance() {
    let grammar = Grammar::new().with_publication_manifest(&manifest(BOOTSTRAP_RULE));

    let report = grammar.check_publish(&publish(&blocked_state(0, "static", 3500)));
    let [v] = report.violations.as_slice() else { panic!("{report:#?}") };
    let PublicationFault::ValueDiffers { differences } = &v.fault else { panic!("{v:?}") };
    assert!(differences[0].contains("18500") && differences[0].contains("3500"), "{differences:?}");

    let report = grammar.check_publish(&publish(&blocked_state(1, "static", 18500)));
    assert_eq!(report.violations[0].fault, PublicationFault::InstanceNotAllowed { allowed: vec![0] });

    let empty = r#"<publication categoryName="state" instance="0" container="32000" version="0" expireType="static"/>"#;
    let report = grammar.check_publish(&publish(empty));
    assert_eq!(report.violations[0].fault, PublicationFault::MissingValue);
}

#[test]
fn a_literal_given_as_escaped_text_is_read_as_xml() {
    let manifest: CategoryPublicationManifest = from_str(&corpus(
        "PublicationGrammarSchemaForNewPublicationManifest/valid/escaped-string-category-data.xml",
    ))
    .unwrap();
    let grammar = Grammar::new().with_publication_manifest(&manifest);
    assert!(
        matches!(&grammar.publication_rules()[0].data, RuleData::Literal(xml) if xml.starts_with("<note"))
    );
    assert_eq!(grammar.publication_rules()[1].kind, RuleKind::Cleanup);

    let welcome = |text: &str| {
        publish(&format!(
            r#"<publication categoryName="note" instance="4026531841" container="400" version="0" expireType="time" expires="3600">
                 <note xmlns="http://schemas.microsoft.com/2006/09/sip/note"><body type="personal" uri="">{text}</body></note>
               </publication>"#
        ))
    };
    assert!(grammar.check_publish(&welcome("Welcome aboard")).is_ok());
    assert!(!grammar.check_publish(&welcome("Welcome back")).is_ok());
}

#[test]
fn cleanup_rules_do_not_allow_publishing_and_deletions_are_not_governed() {
    let grammar = Grammar::new().with_publication_manifest(&manifest(
        r#"<publicationRule ruleType="cleanup" categoryName="calendarData" containerId="300"/>
           <publicationRule ruleType="transformation" categoryName="calendarData" containerId="200"/>"#,
    ));
    let calendar = |container: u32, expires: &str| {
        publish(&format!(
            r#"<publication categoryName="calendarData" instance="0" container="{container}" version="1" expireType="endpoint" {expires}/>"#
        ))
    };
    let report = grammar.check_publish(&calendar(300, ""));
    assert_eq!(report.violations[0].fault, PublicationFault::ContainerNotAllowed { allowed: vec![200] });
    assert!(grammar.check_publish(&calendar(300, r#"expires="0""#)).is_ok());
    assert!(grammar.check_publish(&calendar(7, r#"expires="0""#)).is_ok());
    // The container range holds for deletions too.
    let report = grammar.check_publish(&calendar(40000, r#"expires="0""#));
    assert_eq!(report.violations[0].fault, PublicationFault::ContainerOutOfRange);
}

#[test]
fn a_category_without_rules_is_not_evaluated_unless_the_grammar_is_strict() {
    let grammar = Grammar::new().with_publication_manifest(&manifest(NOTE_RULES));
    let alerts = publish(
        r#"<publication categoryName="alerts" instance="0" container="1" version="0" expireType="static">
             <alerts xmlns="http://schemas.microsoft.com/2006/09/sip/options/alerts"/>
           </publication>"#,
    );
    let report = grammar.check_publish(&alerts);
    assert!(report.is_ok());
    assert_eq!(report.not_evaluated[0].reason, NotEvaluatedReason::NoRuleForCategory);

    let report = grammar.strict(true).check_publish(&alerts);
    assert_eq!(report.violations[0].fault, PublicationFault::NoRuleForCategory);
}

#[test]
fn without_a_publication_manifest_nothing_governs_publications_even_when_strict() {
    // Privacy mode: the provisioning group carries a container manifest only.
    let privacy: ContainerManifestList =
        from_str(&corpus("ContainerManifestSchema/valid/publishing-presence-in-privacy-mode.xml")).unwrap();
    let grammar = Grammar::new().with_container_manifest(&privacy).strict(true);
    let report = grammar.check_publish(&publish(&note(1, "static")));
    assert!(report.is_ok(), "{:#?}", report.violations);
    assert_eq!(report.not_evaluated[0].reason, NotEvaluatedReason::NoPublicationManifest);
    assert!(report.not_evaluated[0]
        .to_string()
        .ends_with("not evaluated: no publication manifest is loaded"));
}

#[test]
fn both_manifests_load_from_a_provision_group() {
    let list: ProvisionGroupList = from_str(&corpus(
        "provisiongrouplist-notification/valid/interoperating-with-lync-with-publication-grammars.xml",
    ))
    .unwrap();
    let grammar = Grammar::from_provision_group(&list.provision_group[0]);
    assert_eq!(grammar.publication_rules().len(), 1);
    assert_eq!(grammar.member_rules().len(), 1);
    let report = grammar.check_publish(&publish(&note(200, "static")));
    assert_eq!(report.violations[0].fault, PublicationFault::ContainerNotAllowed { allowed: vec![150] });
}

#[test]
fn unusable_manifest_values_are_listed_and_never_panic() {
    let grammar = Grammar::new().with_publication_manifest(&manifest(
        r#"<publicationRule ruleType="transformation" categoryName="note" containerId="-4"/>
           <publicationRule ruleType="transformation" categoryName="note" containerId="99999999999999999999999"/>
           <publicationRule ruleType="migration" categoryName="note" containerId="200"/>
           <publicationRule ruleType="bootstrap" categoryName="note" containerId="200">
             <instanceId type="constant" value="4294967296"/>
           </publicationRule>
           <publicationRule ruleType="bootstrap" categoryName="note" containerId="300">
             <instanceId type="perEndpoint" value="1"/>
             <categoryData>&lt;note</categoryData>
           </publicationRule>
           <publicationRule ruleType="bootstrap" categoryName="note" containerId="400">
             <categoryData><a/><b/></categoryData>
           </publicationRule>
           <publicationRule ruleType="bootstrap" categoryName="note" containerId="100"><categoryData> </categoryData></publicationRule>"#,
    ));
    let kinds: Vec<_> = grammar
        .issues()
        .iter()
        .map(|i| match i {
            ManifestIssue::ContainerIdOutOfRange { rule, .. } => format!("container {rule}"),
            ManifestIssue::UnknownRuleType { rule, .. } => format!("ruleType {rule}"),
            ManifestIssue::InstanceIdOutOfRange { rule, .. } => format!("instance {rule}"),
            ManifestIssue::UnknownInstanceIdType { rule, .. } => format!("instanceType {rule}"),
            ManifestIssue::UnreadableCategoryData { rule, .. } => format!("data {rule}"),
            other => format!("{other}"),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "container 0",
            "container 1",
            "ruleType 2",
            "instance 3",
            "instanceType 4",
            "data 4",
            "data 5",
            "data 6"
        ]
    );
    for issue in grammar.issues() {
        assert!(!issue.to_string().is_empty());
    }
    let report = grammar.check_publish(&publish(&format!(
        "{}{}{}",
        note(300, "endpoint"),
        note(400, "endpoint"),
        note(200, "endpoint")
    )));
    let reasons: Vec<_> = report.not_evaluated.iter().map(|n| n.reason).collect();
    assert_eq!(
        reasons,
        [NotEvaluatedReason::UnreadableCategoryData, NotEvaluatedReason::UnreadableCategoryData]
    );
    // The rules for 200 were unusable, so 200 is not allowed.
    assert!(matches!(report.violations[0].fault, PublicationFault::ContainerNotAllowed { .. }));

    // Every manifest and request of the corpus can be checked.
    for dir in ["PublicationGrammarSchemaForNewPublicationManifest/valid", "rich-presence/valid"] {
        let full = format!("{}/../tests/data/{dir}", env!("CARGO_MANIFEST_DIR"));
        for entry in std::fs::read_dir(&full).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            if let Ok(m) = from_str::<CategoryPublicationManifest>(&text) {
                let _ = Grammar::new()
                    .with_publication_manifest(&m)
                    .check_publish(&publish(&note(200, "endpoint")));
            }
            if let Ok(p) = from_str::<Publish>(&text) {
                let _ = Grammar::new().with_publication_manifest(&manifest(NOTE_RULES)).check_publish(&p);
            }
        }
    }
}
