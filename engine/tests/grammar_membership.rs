//! The container manifest on membership changes (`setContainerMembers`): allowed containers,
//! occurrence constraints, role precedence, redundant members, the fixed containers.

use enhanced_presence::container_management::{Containers, SetContainerMembers};
use enhanced_presence::container_manifest_schema::{
    ContainerManifestList, RoleTypeEnumEx, SourceNetworkTypeEnumEx,
};
use enhanced_presence::from_str;
use enhanced_presence_engine::grammar::{
    AllowedContainers, Contact, Grammar, Member, MembershipFault, Memberships, Occurrence, Resolution,
};

/// A document of the repository's test corpus.
fn corpus(path: &str) -> String {
    let full = format!("{}/../tests/data/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// An open-mode manifest built from the documented facts: buddies from federated or public
/// networks default to 100, colleagues to 200, each in exactly one visible container; delegates
/// only in 300; a listed rival domain in none; a user who is no contact may only be blocked;
/// delegate takes precedence over buddy. 100 and 200 avoid redundant members.
const OPEN_MANIFEST: &str = r#"
<containerManifestList xmlns="http://schemas.microsoft.com/2008/09/sip/ContainerManifest"
                       xmlns:ct="http://schemas.microsoft.com/2006/09/sip/commontypes" minSupportedClientVersion="2.0.0.0">
  <containerManifest>
    <containers>
      <container id="0"><visible>false</visible></container>
      <container id="100"><visible>true</visible><avoidRedundantMembers>true</avoidRedundantMembers></container>
      <container id="200"><visible>true</visible><avoidRedundantMembers>true</avoidRedundantMembers></container>
      <container id="300"><visible>true</visible><avoidRedundantMembers>false</avoidRedundantMembers></container>
      <container id="400"><visible>true</visible></container>
      <container id="32000"><visible>true</visible><blocked>true</blocked></container>
    </containers>
    <members>
      <member role="buddy">
        <allowedContainers type="visibleContainers"/>
        <defaultContainer id="100"/>
        <occurrenceConstraint type="one"/>
        <ct:delimiter/>
        <sourceNetworks><sourceNetwork type="federated"/><sourceNetwork type="publicCloud"/></sourceNetworks>
        <resolutionRules><resolutionRule type="moveToDefaultContainer"/></resolutionRules>
        <ct:end/>
      </member>
      <member role="buddy">
        <allowedContainers type="visibleContainers"/>
        <defaultContainer id="200"/>
        <occurrenceConstraint type="one"/>
        <ct:delimiter/>
        <sourceNetworks><sourceNetwork type="sameEnterprise"/></sourceNetworks>
        <resolutionRules><resolutionRule type="moveToDefaultContainer"/></resolutionRules>
        <ct:end/>
      </member>
      <member type="sameEnterprise">
        <allowedContainers type="visibleContainers"/>
        <defaultContainer id="200"/>
        <occurrenceConstraint type="one"/>
      </member>
      <member type="federated">
        <allowedContainers type="visibleContainers"/>
        <occurrenceConstraint type="zeroOrOne"/>
      </member>
      <member role="delegate">
        <allowedContainers type="custom"><container id="300"/></allowedContainers>
        <defaultContainer id="300"/>
        <occurrenceConstraint type="one"/>
        <ct:delimiter/>
        <resolutionRules><resolutionRule type="moveToDefaultContainer"/></resolutionRules>
        <ct:end/>
      </member>
      <member type="domain" uri="rivals.example">
        <occurrenceConstraint type="zero"/>
        <ct:delimiter/>
        <resolutionRules><resolutionRule type="removeFromContainer"/></resolutionRules>
        <ct:end/>
      </member>
      <member type="user">
        <allowedContainers type="custom"><container id="32000"/></allowedContainers>
        <ct:delimiter/>
        <resolutionRules><resolutionRule type="forceRole" role="buddy"/></resolutionRules>
        <ct:end/>
      </member>
    </members>
    <ct:delimiter/>
    <rolePrecedence>
      <rolePrecedenceEntry type="delegate"/>
      <rolePrecedenceEntry type="buddy"/>
    </rolePrecedence>
    <ct:end/>
  </containerManifest>
</containerManifestList>"#;

fn grammar(manifest: &str) -> Grammar {
    let list: ContainerManifestList = from_str(manifest).expect("test manifest parses");
    let grammar = Grammar::new().with_container_manifest(&list);
    assert!(grammar.issues().is_empty(), "{:?}", grammar.issues());
    grammar
}

/// `(action, container, member type, value)` changes, one container element each.
fn change(members: &[(&str, u32, &str, &str)]) -> SetContainerMembers {
    let containers: String = members
        .iter()
        .map(|(action, id, kind, value)| {
            let value = if value.is_empty() { String::new() } else { format!(r#" value="{value}""#) };
            format!(r#"<container id="{id}" version="1"><member action="{action}" type="{kind}"{value}/></container>"#)
        })
        .collect();
    from_str(&format!(
        r#"<setContainerMembers xmlns="http://schemas.microsoft.com/2006/09/sip/container-management">{containers}</setContainerMembers>"#
    ))
    .expect("test change parses")
}

/// Who is who for the owner.
fn directory(member: &Member) -> Contact {
    use RoleTypeEnumEx::{Buddy, Delegate};
    use SourceNetworkTypeEnumEx::{Federated, SameEnterprise};
    let (network, roles) = match member.address.as_deref() {
        Some("kai.lund@northwind.example") => (SameEnterprise, vec![Buddy]),
        Some("noor.haddad@northwind.example") => (SameEnterprise, vec![Delegate]),
        Some("ida.berg@northwind.example") => (SameEnterprise, vec![Buddy, Delegate]),
        Some("ana.ruiz@litware.example") => (Federated, vec![Buddy]),
        _ => return Contact::default(),
    };
    Contact { network: Some(network), roles }
}

fn current(entries: &[(u32, Member)]) -> Memberships {
    let mut memberships = Memberships::new();
    for (id, member) in entries {
        memberships.add(*id, member.clone());
    }
    memberships
}

#[test]
fn a_buddy_in_two_containers_breaks_its_occurrence_constraint() {
    let grammar = grammar(OPEN_MANIFEST);
    let kai = Member::user("sip:Kai.Lund@northwind.example");
    let before = current(&[(200, kai.clone())]);

    let report = grammar.check_membership(
        &change(&[("add", 300, "user", "kai.lund@northwind.example")]),
        &before,
        &directory,
    );
    let [v] = report.violations.as_slice() else { panic!("{:#?}", report.violations) };
    assert_eq!(
        v.fault,
        MembershipFault::Occurrence { constraint: Occurrence::One, containers: vec![200, 300] }
    );
    assert_eq!((v.container, &v.member), (300, &kai));
    assert_eq!((v.rule, v.role.as_deref()), (Some(1), Some("buddy")));
    assert_eq!(v.resolutions, [Resolution::MoveToDefaultContainer(Some(200))]);
    assert_eq!(
        v.to_string(),
        "user kai.lund@northwind.example in container 300: occurrence one broken: in [200, 300] [member rule 1, role buddy]"
    );

    // Moving them (remove, then add, in one request) keeps exactly one.
    let moved = change(&[
        ("remove", 200, "user", "kai.lund@northwind.example"),
        ("add", 300, "user", "kai.lund@northwind.example"),
    ]);
    let report = grammar.check_membership(&moved, &before, &directory);
    assert!(report.is_ok(), "{:#?}", report.violations);
    assert_eq!(report.after.containers_of(&kai), [300]);
}

#[test]
fn a_member_goes_only_to_the_containers_its_rule_allows() {
    let grammar = grammar(OPEN_MANIFEST);
    let report = grammar.check_membership(
        &change(&[("add", 200, "user", "noor.haddad@northwind.example")]),
        &Memberships::new(),
        &directory,
    );
    let [v] = report.violations.as_slice() else { panic!("{:#?}", report.violations) };
    assert_eq!(v.fault, MembershipFault::ContainerNotAllowed { allowed: vec![300] });
    assert_eq!((v.rule, v.role.as_deref()), (Some(4), Some("delegate")));

    let ok = change(&[("add", 300, "user", "noor.haddad@northwind.example")]);
    assert!(grammar.check_membership(&ok, &Memberships::new(), &directory).is_ok());

    // visibleContainers: every container whose visible flag is true (not 0).
    assert_eq!(grammar.member_rules()[2].allowed, AllowedContainers::Visible);
    let scope =
        grammar.check_membership(&change(&[("add", 400, "sameEnterprise", "")]), &Memberships::new(), &());
    assert!(scope.is_ok(), "{:#?}", scope.violations);
    // A user who is no contact may only be blocked.
    let stranger = change(&[("add", 200, "user", "x@fabrikam.example")]);
    let report = grammar.check_membership(&stranger, &Memberships::new(), &directory);
    assert_eq!(report.violations[0].fault, MembershipFault::ContainerNotAllowed { allowed: vec![32000] });
    assert_eq!(report.violations[0].resolutions, [Resolution::ForceRole(Some("buddy".into()))]);
    let blocked = change(&[("add", 32000, "user", "x@fabrikam.example")]);
    assert!(grammar.check_membership(&blocked, &Memberships::new(), &directory).is_ok());
}

#[test]
fn role_precedence_decides_which_rule_a_user_with_two_roles_follows() {
    // Ida is both a buddy and a delegate; the manifest lists delegate first.
    let to_400 = change(&[("add", 400, "user", "ida.berg@northwind.example")]);
    let report = grammar(OPEN_MANIFEST).check_membership(&to_400, &Memberships::new(), &directory);
    let [v] = report.violations.as_slice() else { panic!("{:#?}", report.violations) };
    assert_eq!(v.role.as_deref(), Some("delegate"));
    assert_eq!(v.fault, MembershipFault::ContainerNotAllowed { allowed: vec![300] });

    // The same change under a manifest that ranks buddy first is allowed.
    let buddy_first = OPEN_MANIFEST.replace(
        r#"<rolePrecedenceEntry type="delegate"/>
      <rolePrecedenceEntry type="buddy"/>"#,
        r#"<rolePrecedenceEntry type="buddy"/>
      <rolePrecedenceEntry type="delegate"/>"#,
    );
    assert_ne!(buddy_first, OPEN_MANIFEST);
    let report = grammar(&buddy_first).check_membership(&to_400, &Memberships::new(), &directory);
    assert!(report.is_ok(), "{:#?}", report.violations);
}

#[test]
fn rules_written_as_base_children_work_as_those_after_a_delimiter() {
    // Errata 12: rolePrecedence, sourceNetworks and resolutionRules appear both as plain base
    // children (the docs' syntax) and after ct:delimiter (the wire).
    let base_form = OPEN_MANIFEST.replace("<ct:delimiter/>", "").replace("<ct:end/>", "");
    assert_ne!(base_form, OPEN_MANIFEST);
    let (wire, base) = (grammar(OPEN_MANIFEST), grammar(&base_form));
    assert_eq!(format!("{:?}", base.member_rules()), format!("{:?}", wire.member_rules()));
    let changes = [
        change(&[("add", 400, "user", "ida.berg@northwind.example")]),
        change(&[("add", 100, "user", "kai.lund@northwind.example")]),
        change(&[("add", 400, "user", "ana.ruiz@litware.example")]),
        change(&[("add", 32000, "domain", "rivals.example")]),
    ];
    for change in &changes {
        let expected = wire.check_membership(change, &Memberships::new(), &directory);
        let report = base.check_membership(change, &Memberships::new(), &directory);
        assert_eq!(format!("{report:?}"), format!("{expected:?}"));
    }
    // Role precedence was read from the base form: delegate first, so Ida may not go to 400.
    let report = base.check_membership(&changes[0], &Memberships::new(), &directory);
    assert_eq!(report.violations[0].role.as_deref(), Some("delegate"));
}

#[test]
fn occurrence_zero_and_one_hold_after_the_whole_change() {
    let grammar = grammar(OPEN_MANIFEST);
    // A domain the manifest keeps out of every container.
    let report = grammar.check_membership(
        &change(&[("add", 32000, "domain", "Rivals.Example")]),
        &Memberships::new(),
        &(),
    );
    let [v] = report.violations.as_slice() else { panic!("{:#?}", report.violations) };
    assert_eq!(
        v.fault,
        MembershipFault::Occurrence { constraint: Occurrence::Zero, containers: vec![32000] }
    );
    assert_eq!(v.resolutions, [Resolution::RemoveFromContainer]);

    // The enterprise scope must stay in exactly one container: removing it alone breaks that,
    // moving it does not.
    let before = current(&[(200, Member::new("sameEnterprise", None))]);
    let report = grammar.check_membership(&change(&[("remove", 200, "sameEnterprise", "")]), &before, &());
    assert_eq!(
        report.violations.iter().map(|v| &v.fault).collect::<Vec<_>>(),
        [&MembershipFault::Occurrence { constraint: Occurrence::One, containers: vec![] }]
    );
    let moved = change(&[("remove", 200, "sameEnterprise", ""), ("add", 400, "sameEnterprise", "")]);
    assert!(grammar.check_membership(&moved, &before, &()).is_ok());

    // zeroOrOne: the federated scope in two containers.
    let before = current(&[(100, Member::new("federated", None))]);
    let report = grammar.check_membership(&change(&[("add", 400, "federated", "")]), &before, &());
    assert_eq!(
        report.violations[0].fault,
        MembershipFault::Occurrence { constraint: Occurrence::ZeroOrOne, containers: vec![100, 400] }
    );
}

#[test]
fn containers_0_to_3_never_take_members() {
    let grammar = grammar(OPEN_MANIFEST);
    let report = grammar.check_membership(
        &change(&[
            ("add", 0, "everyone", ""),
            ("add", 2, "federated", ""),
            ("add", 40000, "publicCloud", ""),
        ]),
        &Memberships::new(),
        &(),
    );
    let faults: Vec<_> = report.violations.iter().map(|v| (v.container, v.fault.clone())).collect();
    assert_eq!(
        faults,
        [
            (0, MembershipFault::FixedContainer),
            (2, MembershipFault::OwnerOnlyContainer),
            (40000, MembershipFault::ContainerOutOfRange)
        ]
    );
    assert_eq!(report.after, Memberships::new());
}

#[test]
fn a_container_avoiding_redundant_members_does_not_hold_a_domain_and_its_user() {
    let grammar = grammar(OPEN_MANIFEST);
    let before = current(&[(100, Member::domain("litware.example"))]);
    let ana = change(&[("add", 100, "user", "ana.ruiz@litware.example")]);
    let report = grammar.check_membership(&ana, &before, &directory);
    let [v] = report.violations.as_slice() else { panic!("{:#?}", report.violations) };
    assert_eq!(v.fault, MembershipFault::RedundantMember { domain: "litware.example".into() });
    assert_eq!(v.member, Member::user("ana.ruiz@litware.example"));

    // The other way round: the domain added to a container that holds the user.
    let before = current(&[(100, Member::user("ana.ruiz@litware.example"))]);
    let report =
        grammar.check_membership(&change(&[("add", 100, "domain", "litware.example")]), &before, &directory);
    assert_eq!(report.violations.len(), 1, "{:#?}", report.violations);
    assert!(matches!(report.violations[0].fault, MembershipFault::RedundantMember { .. }));

    // 300 does not avoid them.
    let before = current(&[(300, Member::domain("litware.example"))]);
    let report = grammar.check_membership(
        &change(&[("add", 300, "user", "ana.ruiz@litware.example")]),
        &before,
        &directory,
    );
    assert!(report.is_ok(), "{:#?}", report.violations);
}

#[test]
fn documented_manifests_and_changes() {
    // The documented open-mode manifest, the memberships a self subscription reports, and a
    // documented change: a workgroup member added to 300 (already there: still one container).
    let manifest: ContainerManifestList =
        from_str(&corpus("ContainerManifestSchema/valid/containermanifestlist-element.xml")).unwrap();
    let grammar = Grammar::new().with_container_manifest(&manifest);
    assert_eq!(grammar.member_rules().len(), 6);
    let list: Containers =
        from_str(&corpus("container-management/valid/self-subscription-container-list.xml")).unwrap();
    let before = Memberships::from_list(&list);
    assert_eq!(before.containers_of(&Member::user("li.wen@fabrikam.com")), [300]);
    let add: SetContainerMembers =
        from_str(&corpus("container-management/valid/set-container-members-add-user.xml")).unwrap();
    let colleague = |_: &Member| Contact {
        network: Some(SourceNetworkTypeEnumEx::SameEnterprise),
        roles: vec![RoleTypeEnumEx::Buddy],
    };
    let report = grammar.check_membership(&add, &before, &colleague);
    assert!(report.is_ok(), "{:#?}", report.violations);

    // The privacy-mode manifest: a domain may only be blocked.
    let privacy: ContainerManifestList =
        from_str(&corpus("ContainerManifestSchema/valid/publishing-presence-in-privacy-mode.xml")).unwrap();
    let grammar = Grammar::new().with_container_manifest(&privacy);
    let report = grammar.check_membership(&change(&[("add", 100, "domain", "litware.com")]), &before, &());
    assert_eq!(report.violations[0].fault, MembershipFault::ContainerNotAllowed { allowed: vec![32000] });
    assert_eq!(report.violations[0].resolutions, [Resolution::RemoveFromContainer]);

    // Unknown tokens are reported, never applied, never a panic.
    let unknown: SetContainerMembers =
        from_str(&corpus("container-management/valid/unknown-tokens.xml")).unwrap();
    let report = grammar.check_membership(&unknown, &before, &());
    assert_eq!(report.violations[0].fault, MembershipFault::UnknownAction { action: "replace".into() });
    assert_eq!(report.after, before);
    let all: SetContainerMembers =
        from_str(&corpus("container-management/valid/set-container-members-move-and-scopes.xml")).unwrap();
    for text in [
        "ContainerManifestSchema/valid/unknown-tokens.xml",
        "ContainerManifestSchema/valid/empty-manifest.xml",
    ] {
        let manifest: ContainerManifestList = from_str(&corpus(text)).unwrap();
        let report =
            Grammar::new().with_container_manifest(&manifest).check_membership(&all, &before, &directory);
        for v in &report.violations {
            assert!(!v.to_string().is_empty());
        }
    }
}
