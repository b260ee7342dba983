//! Anonymous types that share a name (`schemas/anonymous.xsd`): each declaration reads and writes its
//! own content. Every document here is valid for the declaration it exercises and invalid for the
//! other one of its pair, so a shared type would fail these tests.

use enhanced_presence::roundtrip;
use generator_features::anonymous_types::anonymous::*;

const NS: &str = r#"xmlns="urn:example:anonymous""#;

fn read<T: enhanced_presence::XmlElement>(xml: &str) -> T {
    let report = roundtrip::check_as::<T>(xml);
    assert!(report.is_ok(), "{xml}\n{report}");
    enhanced_presence::from_str(xml).unwrap_or_else(|e| panic!("{xml}\n{e}"))
}

fn rejected<T: enhanced_presence::XmlElement + std::fmt::Debug>(xml: &str) -> String {
    enhanced_presence::from_str::<T>(xml).expect_err(xml).to_string()
}

#[test]
fn same_named_views_under_same_named_parents_keep_their_own_children() {
    let component: Component = read(&format!(
        "<component {NS}><model><views><view><name>rtl</name><designInstantiationRef>top</designInstantiationRef></view></views></model></component>"
    ));
    assert_eq!(component.model.views.view[0].design_instantiation_ref.as_deref(), Some("top"));
    let abstractor: Abstractor = read(&format!(
        "<abstractor {NS}><views><view><name>tlm</name><envIdentifier>a</envIdentifier><envIdentifier>b</envIdentifier></view></views></abstractor>"
    ));
    assert_eq!(abstractor.views.view[0].env_identifier, ["a", "b"]);

    // Each view's children are its own: the other's are refused, not taken.
    let err = rejected::<Abstractor>(&format!(
        "<abstractor {NS}><views><view><name>x</name><designInstantiationRef>top</designInstantiationRef></view></views></abstractor>"
    ));
    assert!(err.contains("/abstractor/views/view") && err.contains("designInstantiationRef"), "{err}");
    let err = rejected::<Component>(&format!(
        "<component {NS}><model><views><view><name>x</name><envIdentifier>a</envIdentifier></view></views></model></component>"
    ));
    assert!(err.contains("/component/model/views/view") && err.contains("envIdentifier"), "{err}");
}

const CATALOG_TAIL: &str = r#"<entry><item count="2"/></entry><typedEntry><item label="x"/></typedEntry><colours><code>red blue</code></colours><sizes><code>S M</code></sizes><first><stamp at="2026-01-01T00:00:00Z"/></first><second><stamp at="2026-01-02T00:00:00Z"/></second>"#;

fn catalog(header_type: &str, item_types: &[&str]) -> String {
    let dates: String = item_types
        .iter()
        .map(|t| format!(r#"<DATETIME type="{t}"><DATE>2026-12-03</DATE></DATETIME>"#))
        .collect();
    format!(
        r#"<catalog {NS}><header><DATETIME type="{header_type}"><DATE>2026-12-01</DATE></DATETIME></header><item>{dates}</item>{CATALOG_TAIL}</catalog>"#
    )
}

#[test]
fn same_named_elements_keep_their_own_attribute_enumerations() {
    let c: Catalog = read(&catalog("generation_date", &["valid_start_date", "valid_end_date"]));
    assert_eq!(c.header.datetime.type_.as_str(), "generation_date");
    let types: Vec<&str> = c.item[0].datetime.iter().map(|d| d.type_.as_str()).collect();
    assert_eq!(types, ["valid_start_date", "valid_end_date"]);

    let err = rejected::<Catalog>(&catalog("valid_start_date", &["valid_end_date"]));
    assert!(err.contains("/catalog/header/DATETIME") && err.contains("valid_start_date"), "{err}");
    let err = rejected::<Catalog>(&catalog("generation_date", &["generation_date"]));
    assert!(err.contains("/catalog/item/DATETIME") && err.contains("generation_date"), "{err}");
}

#[test]
fn errors_and_docs_say_where_an_anonymous_type_is_declared() {
    // Not the synthetic key the generator files it under (`#catalog/header/DATETIME/@type`).
    let err = rejected::<Catalog>(&catalog("valid_start_date", &["valid_end_date"]));
    assert!(
        err.contains(r#"expected the type of attribute type of element catalog/header/DATETIME, found "valid_start_date""#),
        "{err}"
    );
    let generated = include_str!(concat!(env!("OUT_DIR"), "/anonymous.rs"));
    assert!(!generated.contains("`#") && !generated.contains("\"#"), "a synthetic key in the generated code");
    for words in [
        "/// XML: the type of attribute `type` of element `catalog/item/DATETIME`.",
        "/// XML: the item type of the type of element `catalog/sizes/code`.",
        "/// XML: the type of element `item` in type `entry`.",
        "/// XML: the type of element `stamp` in group `stamped`.",
    ] {
        assert!(generated.contains(words), "{words}");
    }
}

#[test]
fn a_named_type_and_an_element_of_one_name_keep_their_local_types_apart() {
    let c: Catalog = read(&catalog("generation_date", &["valid_end_date"]));
    assert_eq!(c.entry.item.count, 2);
    assert_eq!(c.typed_entry.item.label, "x");
    let swapped = catalog("generation_date", &["valid_end_date"])
        .replace(r#"<entry><item count="2"/></entry>"#, r#"<entry><item label="x"/></entry>"#);
    let err = rejected::<Catalog>(&swapped);
    assert!(err.contains("/catalog/entry/item"), "{err}");
}

#[test]
fn nested_anonymous_simple_types_keep_their_own_values() {
    let c: Catalog = read(&catalog("generation_date", &["valid_end_date"]));
    assert_eq!(c.colours.code.len(), 2);
    assert_eq!(c.sizes.code.len(), 2);
    let swapped = catalog("generation_date", &["valid_end_date"])
        .replace("<colours><code>red blue", "<colours><code>S M");
    let err = rejected::<Catalog>(&swapped);
    assert!(err.contains("/catalog/colours/code"), "{err}");
}

#[test]
fn a_named_groups_local_declaration_is_one_type_wherever_the_group_is_used() {
    let c: Catalog = read(&catalog("generation_date", &["valid_end_date"]));
    // One declaration, one type: both uses of the group hold the same Rust type.
    let stamps: [&Stamp; 2] = [&c.first.stamp, &c.second.stamp];
    assert_eq!(stamps[1].at.to_string(), "2026-01-02T00:00:00Z");
}

#[test]
fn a_group_containing_itself_through_an_anonymous_type_nests() {
    let xml = format!(
        r#"<formula {NS}><op kind="+"><value>1</value><op kind="*"><value>2</value><value>3</value></op></op></formula>"#
    );
    let formula: Formula = read(&xml);
    assert_eq!(enhanced_presence::to_string(&formula).unwrap(), xml);
    let err = rejected::<Formula>(&format!(r#"<formula {NS}><op kind="+"><value>1</value></op></formula>"#));
    assert!(err.contains("/formula/op"), "{err}");
}
