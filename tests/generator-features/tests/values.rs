//! Element value constraints (`schemas/values.xsd`): an empty element takes its declaration's default
//! or fixed value on read, and is written empty again.

use enhanced_presence::{roundtrip, xs::Defaulted};
use generator_features::values_schema::values::{Measurement, Scale};
use generator_features::values_schema::Document;

fn read<T: enhanced_presence::XmlElement>(xml: &str) -> T {
    let check = roundtrip::check_as::<Document>(xml);
    assert!(check.is_ok(), "{xml}\n{check}");
    enhanced_presence::from_str(xml).unwrap()
}

#[test]
fn an_empty_element_takes_the_declared_value_and_is_written_empty() {
    let xml =
        r#"<measurement xmlns="urn:example:values"><ratio/><unit></unit><count/><scale/></measurement>"#;
    let m: Measurement = read(xml);
    assert_eq!(m.ratio, Defaulted::Default(0.5));
    assert_eq!(*m.unit, "cm");
    assert!(m.unit.is_default());
    assert_eq!(m.count.as_deref(), Some(&3));
    assert_eq!(m.scale.as_ref().map(|s| s.to_string()), Some("1.5".to_owned()));
    assert_eq!(
        enhanced_presence::to_string(&m),
        r#"<measurement xmlns="urn:example:values"><ratio/><unit/><count/><scale/></measurement>"#
    );
}

#[test]
fn an_element_with_content_keeps_it() {
    let xml = r#"<measurement xmlns="urn:example:values"><ratio>0.25</ratio><unit>cm</unit></measurement>"#;
    let mut m: Measurement = read(xml);
    assert_eq!(m.ratio, Defaulted::Value(0.25));
    assert_eq!(m.unit, Defaulted::Value("cm".to_owned()));
    assert_eq!(m.count, None);
    m.ratio = 2.0.into();
    assert_eq!(
        enhanced_presence::to_string(&m),
        r#"<measurement xmlns="urn:example:values"><ratio>2</ratio><unit>cm</unit></measurement>"#
    );
}

#[test]
fn a_global_element_takes_its_default_as_the_root() {
    let scale: Scale = read(r#"<scale xmlns="urn:example:values"/>"#);
    assert_eq!(scale.0.to_string(), "1.5");
    assert!(scale.0.is_default());
    assert_eq!(enhanced_presence::to_string(&scale), r#"<scale xmlns="urn:example:values"/>"#);
}

#[test]
fn text_that_is_not_empty_is_still_checked() {
    let error = enhanced_presence::from_str::<Measurement>(
        r#"<measurement xmlns="urn:example:values"><ratio> </ratio><unit/></measurement>"#,
    )
    .unwrap_err();
    assert!(error.to_string().contains("/measurement/ratio: expected float"), "{error}");
}
