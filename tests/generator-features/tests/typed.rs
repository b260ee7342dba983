//! `keep_xsi_type` (`schemas/xsi-typed.xsd`): an element whose type has no derived types in the schema set
//! may still name its type, or a built-in type derived from it, with `xsi:type`; the value is read as
//! the declared type and the `xsi:type` is kept and written back.

use enhanced_presence::roundtrip;
use enhanced_presence::xs::{Decimal, Nillable, Typed};
use generator_features::typed_schema::xsi_typed::{Amount, FlagType, Record, RecordCountOrOriginChoice};
use generator_features::typed_schema::Document;

const NS: &str = "urn:example:typed";
const XS: &str = "http://www.w3.org/2001/XMLSchema";
const DECLARATIONS: &str = r#"xmlns="urn:example:typed" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema""#;

fn read<T: enhanced_presence::XmlElement>(xml: &str) -> T {
    let check = roundtrip::check_as::<Document>(xml);
    assert!(check.is_ok(), "{xml}\n{check}");
    enhanced_presence::from_str(xml).unwrap()
}

fn record(body: &str) -> Record {
    read(&format!("<record {DECLARATIONS}>{body}</record>"))
}

fn named(ns: &str, local: &str) -> Option<(Option<String>, String)> {
    Some((Some(ns.to_owned()), local.to_owned()))
}

#[test]
fn a_simple_element_keeps_a_derived_built_in_type() {
    let r = record(r#"<number xsi:type="xs:int">5</number>"#);
    assert_eq!(r.number.xsi_type, named(XS, "int"));
    assert_eq!(*r.number, "5".parse::<Decimal>().unwrap());
    // Without `xsi:type`, nothing is kept.
    let r = record("<number>5.5</number>");
    assert_eq!(r.number.xsi_type, None);
}

#[test]
fn a_union_and_a_restriction_keep_their_own_names() {
    let r = record(
        r#"<number>1</number><flag xsi:type="flagType">true</flag><size xmlns:t="urn:example:typed" xsi:type="t:smallType">12</size>"#,
    );
    let flag = r.flag.unwrap();
    assert_eq!(flag.xsi_type, named(NS, "flagType"));
    assert_eq!(*flag, FlagType::Boolean(true));
    let size = r.size.unwrap();
    assert_eq!(size.xsi_type, named(NS, "smallType"));
    assert_eq!(size.to_string(), "12");
}

#[test]
fn a_complex_type_used_monomorphically_keeps_its_name() {
    let r = record(r#"<number>1</number><point xsi:type="pointType" label="p"><x>3</x></point>"#);
    let point = r.point.unwrap();
    assert_eq!(point.xsi_type, named(NS, "pointType"));
    assert_eq!((point.label.as_deref(), *point.x), (Some("p"), 3));
    // Inside a choice too.
    let r = record(r#"<number>1</number><count xsi:type="xs:int">9</count>"#);
    let Some(RecordCountOrOriginChoice::Count(count)) = r.count_or_origin else { panic!() };
    assert_eq!(count, Typed { xsi_type: named(XS, "int"), value: 9 });
}

#[test]
fn a_nillable_element_keeps_xsi_type_and_xsi_nil() {
    let r = record(
        r#"<number>1</number><maybe xsi:nil="false" xsi:type="xs:short">4</maybe><where xsi:type="pointType"><x>1</x></where>"#,
    );
    let maybe = r.maybe.unwrap();
    assert_eq!((&maybe.xsi_type, &maybe.value), (&named(XS, "short"), &Nillable::NotNil(4)));
    let point = r.where_.unwrap();
    assert_eq!(point.xsi_type, named(NS, "pointType"));
    assert_eq!(point.value().map(|p| *p.x), Some(1));
    // A nil element keeps its `xsi:type` as well; of a simple type, it has no other attribute.
    let r = record(r#"<number>1</number><maybe xsi:nil="true" xsi:type="xs:int"/>"#);
    let maybe = r.maybe.unwrap();
    assert_eq!(maybe.xsi_type, named(XS, "int"));
    let Nillable::Nil(attributes) = &maybe.value else { panic!("{maybe:?}") };
    assert!(attributes.is_empty(), "{attributes:?}");
    let other = format!(
        r#"<record {DECLARATIONS}><number>1</number><maybe xsi:nil="true" xsi:type="xs:int" xmlns:a="urn:a" a:note="n"/></record>"#
    );
    let err = enhanced_presence::from_str::<Record>(&other).unwrap_err();
    assert!(err.to_string().contains("/record/maybe: unexpected attribute a:note"), "{err}");
}

#[test]
fn a_defaulted_element_keeps_its_type_and_its_default() {
    let r = record(r#"<number>1</number><level xsi:type="xs:int"/>"#);
    let level = r.level.unwrap();
    assert_eq!(level.xsi_type, named(XS, "int"));
    assert!(level.is_default());
    assert_eq!(**level, 7);
}

#[test]
fn a_global_element_keeps_its_type_as_the_root() {
    let amount: Amount = read(&format!(r#"<amount {DECLARATIONS} xsi:type="xs:integer">12</amount>"#));
    assert_eq!(amount.0.xsi_type, named(XS, "integer"));
    assert_eq!(amount.0.to_string(), "12");
}

#[test]
fn writing_a_namespaced_type_declares_its_prefix() {
    let mut r = record("<number>1</number>");
    r.number = Typed::with_type("2.5".parse().unwrap(), Some("urn:example:other"), "price");
    let xml = enhanced_presence::to_string(&r).unwrap();
    assert_eq!(
        xml,
        r#"<record xmlns="urn:example:typed"><number xmlns:ns1="urn:example:other" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="ns1:price">2.5</number></record>"#
    );
    let back: Record = read(&xml);
    assert_eq!(back.number, r.number);
    // A type in the element's own namespace needs no prefix.
    r.number = Typed::with_type("2.5".parse().unwrap(), Some(NS), "price");
    let xml = enhanced_presence::to_string(&r).unwrap();
    assert!(xml.contains(r#" xsi:type="price">"#), "{xml}");
    assert_eq!(read::<Record>(&xml).number, r.number);
}

#[test]
fn a_type_in_no_namespace_is_written_where_no_default_namespace_applies() {
    // An unprefixed `xsi:type` value means the default namespace, so the element is written with a
    // prefix and `xmlns=""`.
    let mut r = record("<number>1</number>");
    r.number = Typed::with_type("3".parse().unwrap(), None, "plain");
    let xml = enhanced_presence::to_string(&r).unwrap();
    assert!(xml.contains(r#"xmlns="" "#) && xml.contains(r#"xsi:type="plain""#), "{xml}");
    let back: Record = read(&xml);
    assert_eq!(back.number.xsi_type, Some((None, "plain".to_owned())));
}

#[test]
fn without_the_option_the_error_names_it() {
    let xml = r#"<everything xmlns="urn:example:features" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><code xsi:type="codeType">ab</code></everything>"#;
    let error = enhanced_presence::from_str::<generator_features::features::Everything>(xml).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("unexpected attribute xsi:type"), "{message}");
    assert!(message.contains("generate with keep_xsi_type"), "{message}");
}
