//! The grammar never panics: arbitrary manifests (schema-valid, so every token, number and payload
//! the types can hold) checked against arbitrary requests. Publications are pointed at the
//! manifest's own rules half of the time, so literal comparison, instance and lifetime checks run
//! on arbitrary values too. 500 cases per check by default; set `PROPERTY_CASES` for more.

use enhanced_presence::arbitrary_support::{any_element, seeded_bytes, value, Unstructured};
use enhanced_presence::container_management::{Containers, SetContainerMembers};
use enhanced_presence::container_manifest_schema::{
    ContainerManifestList, RoleTypeEnumEx, SourceNetworkTypeEnumEx,
};
use enhanced_presence::note::Note;
use enhanced_presence::publication_grammar_schema_for_new_publication_manifest::{
    CategoryDataType, CategoryPublicationManifest,
};
use enhanced_presence::rich_presence::Publish;
use enhanced_presence::{from_str, AnyElement, AnyNode, XmlValue};
use std::collections::BTreeSet;

use enhanced_presence_engine::grammar::{Contact, Grammar, InstanceMatch, Member, Memberships};

const NOTE_NS: &str = "http://schemas.microsoft.com/2006/09/sip/note";
const XSLT_NS: &str = "http://www.w3.org/1999/XSL/Transform";

fn cases() -> u64 {
    std::env::var("PROPERTY_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(500)
}

#[test]
fn checking_arbitrary_publications_never_panics() {
    let (mut checked, mut seen) = (0, BTreeSet::new());
    let note: Note =
        from_str(&format!(r#"<note xmlns="{NOTE_NS}"><body type="personal">Back at 4</body></note>"#))
            .unwrap();
    for seed in 0..cases() * 4 {
        let data = seeded_bytes(seed, 64 + (seed % 2000) as usize);
        let mut u = Unstructured::new(&data);
        let (Ok(mut manifest), Ok(mut publish)) =
            (value::<CategoryPublicationManifest>(&mut u), value::<Publish>(&mut u))
        else {
            continue;
        };
        // Most rules get a real container and a literal or a stylesheet as payload.
        for (i, rule) in manifest.publication_list.publication_rule.iter_mut().enumerate() {
            let pick = seed as usize + i;
            if pick % 5 != 0 {
                rule.container_id = XmlValue::parse_xml(&(pick % 4 * 100).to_string()).unwrap();
            }
            let payload = match pick % 3 {
                0 => any_element(&mut u, Some(NOTE_NS)).ok(),
                1 => Some(AnyElement::new(Some(XSLT_NS), "stylesheet")),
                _ => None,
            };
            if let Some(element) = payload {
                rule.category_data = Some(CategoryDataType { content: vec![AnyNode::Element(element)] });
            }
        }
        let grammar = Grammar::new().with_publication_manifest(&manifest).strict(seed % 3 == 0);
        let rules = grammar.publication_rules();
        // Half of the publications are pointed at a rule (a quarter at its category only).
        for (i, p) in publish.publications.publication.iter_mut().enumerate() {
            let pick = seed as usize + i;
            if rules.is_empty() || pick % 2 == 0 {
                continue;
            }
            let rule = &rules[pick % rules.len()];
            p.category_name = rule.category.clone();
            p.container = if pick % 4 == 1 { rule.container } else { rule.container + 1 };
            if let InstanceMatch::Constant(instance) = rule.instance {
                p.instance = instance;
            }
            if p.expires == Some(0) {
                p.expires = None;
            }
            if p.value.is_none() || pick % 3 == 0 {
                p.value = Some(note.clone().into());
            }
        }
        let report = grammar.check_publish(&publish);
        seen.extend(report.violations.iter().map(|v| kind(&v.fault)));
        seen.extend(report.not_evaluated.iter().map(|n| format!("{:?}", n.reason)));
        for line in report
            .violations
            .iter()
            .map(ToString::to_string)
            .chain(report.not_evaluated.iter().map(ToString::to_string))
        {
            assert!(!line.is_empty());
        }
        checked += 1;
    }
    assert!(checked >= cases(), "only {checked} cases");
    // The cases reach every check, not only the early exits.
    for expected in ["ContainerNotAllowed", "ExpireTypeMismatch", "ValueDiffers", "Xslt", "NoRuleForCategory"]
    {
        assert!(seen.contains(expected), "no {expected} in {seen:?}");
    }
}

/// A fault's variant name.
fn kind(fault: &impl std::fmt::Debug) -> String {
    let text = format!("{fault:?}");
    text.split([' ', '(', '{']).next().unwrap_or_default().to_owned()
}

#[test]
fn checking_arbitrary_membership_changes_never_panics() {
    const IDS: [u32; 8] = [0, 2, 100, 200, 300, 400, 32000, 40000];
    let (mut checked, mut seen) = (0, BTreeSet::new());
    for seed in 0..cases() * 4 {
        let data = seeded_bytes(seed ^ 0x5A5A, 64 + (seed % 2000) as usize);
        let mut u = Unstructured::new(&data);
        let (Ok(manifest), Ok(mut change), Ok(list)) = (
            value::<ContainerManifestList>(&mut u),
            value::<SetContainerMembers>(&mut u),
            value::<Containers>(&mut u),
        ) else {
            continue;
        };
        for (i, c) in change.container.iter_mut().enumerate() {
            c.id = IDS[(c.id as usize + i) % IDS.len()];
        }
        // A directory that gives each member some network and roles.
        let directory = |m: &Member| {
            let h = m.address.as_deref().unwrap_or("").len() as u64 + seed;
            let network = [SourceNetworkTypeEnumEx::SameEnterprise, SourceNetworkTypeEnumEx::Federated]
                [h as usize % 2]
                .clone();
            let roles = match h % 4 {
                0 => vec![],
                1 => vec![RoleTypeEnumEx::Buddy],
                2 => vec![RoleTypeEnumEx::Delegate],
                _ => vec![RoleTypeEnumEx::Buddy, RoleTypeEnumEx::Delegate],
            };
            Contact { network: (h % 5 != 0).then_some(network), roles }
        };
        let grammar = Grammar::new().with_container_manifest(&manifest);
        let report = grammar.check_membership(&change, &Memberships::from_list(&list), &directory);
        for v in &report.violations {
            assert!(!v.to_string().is_empty());
        }
        seen.extend(report.violations.iter().map(|v| kind(&v.fault)));
        checked += 1;
    }
    assert!(checked >= cases(), "only {checked} cases");
    for expected in ["ContainerNotAllowed", "Occurrence", "FixedContainer", "UnknownAction"] {
        assert!(seen.contains(expected), "no {expected} in {seen:?}");
    }
}

#[test]
fn large_requests_are_checked_without_a_scan_per_item() {
    // 20,000 users of one domain added to a container that holds the domain and avoids redundant
    // members, and 20,000 publications against 2,000 rules: quadratic checks would take minutes.
    let manifest: ContainerManifestList = from_str(
        r#"<containerManifestList xmlns="http://schemas.microsoft.com/2008/09/sip/ContainerManifest"><containerManifest>
             <containers><container id="100"><visible>true</visible><avoidRedundantMembers>true</avoidRedundantMembers></container></containers>
             <members><member type="user"><allowedContainers type="visibleContainers"/><occurrenceConstraint type="one"/></member></members>
           </containerManifest></containerManifestList>"#,
    )
    .unwrap();
    let members: String = (0..20_000)
        .map(|i| format!(r#"<member action="add" type="user" value="u{i}@litware.example"/>"#))
        .collect();
    let change: SetContainerMembers = from_str(&format!(
        r#"<setContainerMembers xmlns="http://schemas.microsoft.com/2006/09/sip/container-management">
             <container id="100" version="1"><member action="add" type="domain" value="litware.example"/>{members}</container>
           </setContainerMembers>"#
    ))
    .unwrap();
    let started = std::time::Instant::now();
    let report =
        Grammar::new().with_container_manifest(&manifest).check_membership(&change, &Memberships::new(), &());
    assert_eq!(report.violations.len(), 20_000);
    eprintln!("membership: 20,001 members in {:?}", started.elapsed());

    let rules: String = (0..2_000)
        .map(|i| {
            format!(r#"<publicationRule ruleType="transformation" categoryName="c{i}" containerId="200"/>"#)
        })
        .collect();
    let manifest: CategoryPublicationManifest = from_str(&format!(
        r#"<categoryPublicationManifest xmlns="http://schemas.microsoft.com/2008/09/sip/categoryPublicationManifest"><publicationList>{rules}</publicationList></categoryPublicationManifest>"#
    ))
    .unwrap();
    let publications: String = (0..20_000)
        .map(|i| format!(r#"<publication categoryName="c{}" instance="{i}" container="200" version="0" expireType="endpoint"/>"#, i % 2_000))
        .collect();
    let publish: Publish = from_str(&format!(
        r#"<publish xmlns="http://schemas.microsoft.com/2006/09/sip/rich-presence"><publications uri="sip:a@b">{publications}</publications></publish>"#
    ))
    .unwrap();
    let started = std::time::Instant::now();
    let report = Grammar::new().with_publication_manifest(&manifest).check_publish(&publish);
    assert!(report.is_ok() && report.not_evaluated.is_empty());
    eprintln!("publish: 20,000 publications, 2,000 rules in {:?}", started.elapsed());
}
